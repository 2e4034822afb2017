"""A BERT encoder's ONNX graph with int8 matrices that keep its answers: per-token scales, smoothing.

The float graph of :mod:`.onnx_bert` with ``quantize=True`` quantizes a matrix's input once per batch
(``DynamicQuantizeMatMul``: one scale for the whole ``(B, L, H)`` tensor, padding included). On e5's
weights that loses the ordinary channels to a few huge ones (figures in :mod:`tabayyun.embed_graph`), and
it makes a text's result depend on its batch-mates. This graph differs in two ways, per matrix
``y = x @ W + b``:

* **per-token activation scales**: each row (token) of ``x`` is quantized with its own scale
  (``max |x_row| / 127``), to uint8 around zero point 128, multiplied by the int8 weights
  (one scale per output column) with ``MatMulIntegerToFloat``, and rescaled per row. A token's
  result depends on that token alone, so a text's output is the same alone or in any batch;
* **smoothing** (SmoothQuant, Xiao et al. 2023): ``x @ W == (x / s) @ (s W)`` with
  ``s_j = sqrt(max|x_j| / max|W_j|)``, ``max|x_j|`` measured by :func:`input_ranges` on calibration
  text written for the model that uses the graph (e5: :data:`tabayyun.embed_graph.CALIBRATION`; the
  cross-encoder: :mod:`.int8_ranges`). The division is one elementwise ``Mul`` before quantizing (for the
  attention output matrix it is folded into ``v`` 's weights and bias instead: ``probs @ v`` is linear
  in ``v`` 's channels).

Which matrices are int8, which are smoothed and which layers stay float is a :class:`Plan` (the
default: every matrix, all smoothed). Everything else — attention, LayerNorms, GELU (tanh form, as the
float graph) — stays float32, as in :mod:`.onnx_bert`. Users: the e5 engine ``onnx-int8-rows``
(:mod:`tabayyun.embed_onnx`) and the cross-encoder's ``runtime="onnx-int8"`` (:mod:`.learned`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .numpy_bert import Encoder, Layer, attention_bias, gelu, layer_norm
from .onnx_bert import MS_DOMAIN, OnnxEncoder, _Graph, encoder_model, quantize_columns

#: the four matrices of a layer, by the name of their input: attention in, attention out, FFN in, FFN out
MATRICES = ("qkv", "ao", "fi", "fo")
#: weights: symmetric per output column (:func:`~.onnx_bert.quantize_columns`), at most this (8 bits)
WEIGHT_QMAX = 127
#: per layer, each matrix's input range per channel (:func:`input_ranges`)
Ranges = list[dict[str, NDArray[np.float32]]]
#: the tanh GELU's smallest value is -0.16997 (at x = -0.75); a shift by this much makes its output >= 0
GELU_FLOOR = -0.1701


@dataclass(frozen=True, slots=True)
class Plan:
    """What the graph quantizes: ``int8`` — matrices run in int8 (the rest float32); ``smooth`` —
    int8 matrices whose input is smoothed first; ``float_layers`` — layers left wholly float32;
    ``unsigned`` — int8 matrices whose input has a floor (only ``fo``: GELU's output is never below
    :data:`GELU_FLOOR`), shifted to start at zero and quantized over all 256 levels (zero point 0) instead
    of symmetrically around zero, where the negative half of the levels is nearly unused; ``split`` —
    int8 matrices whose ``float_channels`` input channels of largest calibrated range stay float32
    (LLM.int8()'s decomposition, Dettmers et al. 2022, with the channels fixed at build time): the
    per-token scale is then set by the ordinary channels; ``float_matrices`` — single (layer, matrix)
    pairs left float32."""

    int8: frozenset[str] = frozenset(MATRICES)
    smooth: frozenset[str] = frozenset(MATRICES)
    float_layers: frozenset[int] = field(default_factory=frozenset)
    unsigned: frozenset[str] = frozenset()
    split: frozenset[str] = frozenset()
    float_channels: int = 0
    float_matrices: frozenset[tuple[int, str]] = frozenset()

    def __post_init__(self) -> None:
        if self.unsigned - {"fo"}:
            raise ValueError("only the FFN's second matrix (fo) has an input with a known floor")

    def quantized(self, layer: int, matrix: str) -> bool:
        return (matrix in self.int8 and layer not in self.float_layers
                and (layer, matrix) not in self.float_matrices)


def input_ranges(encoder: Encoder, words: NDArray[np.float32], mask: NDArray[np.bool_]) -> Ranges:
    """Per layer and matrix, the largest magnitude of each input channel over the real tokens of a batch
    (a numpy float32 forward pass, as :meth:`Layer.__call__`)."""
    bias = attention_bias(mask)
    x = encoder.embed(words)
    out: Ranges = []
    heads, eps = encoder.heads, encoder.eps
    for layer in encoder.layers:
        b, n, hidden = x.shape
        hd = hidden // heads
        flat = x.reshape(-1, hidden)
        qkv = (flat @ layer.qkv_w + layer.qkv_b).reshape(b, n, 3, heads, hd)
        q, k, v = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
        scores = q @ k.transpose(0, 1, 3, 2) * np.float32(1.0 / np.sqrt(hd)) + bias
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(-1, hidden)
        h = layer_norm(flat + ctx @ layer.ao_w + layer.ao_b, layer.aln_w, layer.aln_b, eps)
        mid = gelu(h @ layer.fi_w + layer.fi_b)
        real = mask.reshape(-1)
        out.append({name: np.abs(a[real]).max(axis=0).astype(np.float32)
                    for name, a in (("qkv", flat), ("ao", ctx), ("fi", h), ("fo", mid))})
        x = layer_norm(h + mid @ layer.fo_w + layer.fo_b, layer.oln_w, layer.oln_b, eps).reshape(b, n, hidden)
    return out


def ranges_to_arrays(ranges: Ranges) -> dict[str, NDArray[np.float16]]:
    """Ranges as the shipped ``.npz`` files hold them: one float16 array per layer and matrix (``l3.fi``)."""
    return {f"l{i}.{m}": r[m].astype(np.float16) for i, r in enumerate(ranges) for m in MATRICES}


def ranges_from_arrays(arrays: Mapping[str, NDArray[Any]], layers: int) -> Ranges:
    """The inverse of :func:`ranges_to_arrays` (float32); ``KeyError`` when a layer's array is missing."""
    return [{m: np.asarray(arrays[f"l{i}.{m}"], dtype=np.float32) for m in MATRICES} for i in range(layers)]


def smoothing(x_max: NDArray[np.float32], w: NDArray[np.float32]) -> NDArray[np.float32]:
    """SmoothQuant's factor per input channel (alpha 0.5): ``sqrt(max|x_j| / max|W_j|)``; ``w`` (in, out)."""
    w_max = np.abs(w).max(axis=1)
    s = np.sqrt(np.maximum(x_max, 1e-5) / np.maximum(w_max, 1e-5))
    out: NDArray[np.float32] = np.clip(s, 1e-2, 1e2).astype(np.float32)
    return out


class _Int8Graph(_Graph):
    """:class:`~.onnx_bert._Graph` with per-token int8 matrices and smoothing."""

    def __init__(self, plan: Plan, ranges: Sequence[dict[str, NDArray[np.float32]]] | None) -> None:
        super().__init__(quantize=False)
        self.plan = plan
        self.ranges = ranges
        self.layer_index = 0

    def matrix(self, name: str, x: str, w: NDArray[np.float32], b: NDArray[np.float32] | None) -> str:
        """``x @ w (+ b)``; ``b`` None: the caller adds it (FastGelu takes the bias itself)."""
        if not self.plan.quantized(self.layer_index, name):
            y = self.op("MatMul", [x, self.const(w, "w")])
            return y if b is None else self.op("Add", [y, self.const(b, "b")])
        pre = np.ones(w.shape[0], np.float32)  # what x is multiplied by in the graph before quantizing
        if name in self.plan.smooth and name != "ao" and self.ranges is not None:  # ao: folded into v
            s_in = self.smoothing(name, w)
            pre = (1.0 / s_in).astype(np.float32)
            w = (w * s_in[:, None]).astype(np.float32)
        elif name == "ao" and self.smooths("ao"):
            w = (w * self.smoothing("ao", w)[:, None]).astype(np.float32)
        keep = self.float_channels(name)
        float_part = None
        if keep.size:  # x[:, keep] @ w[keep] in float32; those channels are zero in the int8 product
            rows = (pre[keep, None] * w[keep]).astype(np.float32)
            picked = self.op("Gather", [x, self.const(keep, "keep")], axis=-1)
            float_part = self.op("MatMul", [picked, self.const(rows, "wkeep")])
            pre, w = pre.copy(), w.copy()
            pre[keep], w[keep] = 0.0, 0.0
        if not np.all(pre == 1.0):
            x = self.op("Mul", [x, self.const(pre, "smooth")])
        if name in self.plan.unsigned:
            y = self.unsigned_matrix(x, w, np.float32(-GELU_FLOOR) * pre)
        else:
            y = self.signed_matrix(x, w)
        if float_part is not None:
            y = self.op("Add", [y, float_part])
        return y if b is None else self.op("Add", [y, self.const(b, "b")])

    def float_channels(self, name: str) -> NDArray[np.int64]:
        """The input channels of ``name`` kept float32: the plan's number with the largest calibrated
        ranges (none without ranges)."""
        count = self.plan.float_channels if name in self.plan.split else 0
        if count == 0 or self.ranges is None:
            return np.zeros(0, np.int64)
        r = self.ranges[self.layer_index][name]
        return np.sort(np.argsort(-r, kind="stable")[:count]).astype(np.int64)

    def signed_matrix(self, x: str, w: NDArray[np.float32]) -> str:
        """``x @ w``, ``x`` quantized per token symmetrically around zero point 128."""
        return self._per_token(x, w, signed=True)

    def unsigned_matrix(self, x: str, w: NDArray[np.float32], shift: NDArray[np.float32]) -> str:
        """``x @ w`` for an ``x`` never below ``-shift`` (per channel): ``x + shift`` is quantized per
        token over ``[0, max]`` with zero point 0, and ``shift @ w`` is taken off the product (exactly)."""
        x = self.op("Add", [x, self.const(shift.astype(np.float32), "shift")])
        y = self._per_token(x, w, signed=False)
        correction = (-(shift.astype(np.float64) @ w.astype(np.float64))).astype(np.float32)
        return self.op("Add", [y, self.const(correction, "b")])

    def _per_token(self, x: str, w: NDArray[np.float32], *, signed: bool) -> str:
        """``x @ w`` with int8 weights (one scale per output column) and each row (token) of ``x`` in
        uint8 with its own scale: ``signed`` — around zero point 128, scale ``max |x_row| / 127``; else
        from zero point 0, scale ``max x_row / 255`` (``x`` must not be negative)."""
        q, w_scale = quantize_columns(w, WEIGHT_QMAX)
        # a row of zeros gets a tiny scale, not a division by zero; Cast truncates, so adding the zero
        # point + 0.5 first rounds x / scale to the nearest level
        row_max = self.op("ReduceMax", [self.op("Abs", [x]) if signed else x], axes=[-1], keepdims=1)
        levels, zero = (127, 128) if signed else (255, 0)
        per_level = self.const(np.array(1 / levels, np.float32), "k")
        row_scale = self.op("Max", [self.op("Mul", [row_max, per_level]),
                                    self.const(np.array(1e-8, np.float32), "tiny")])
        half = self.const(np.array(zero + 0.5, np.float32), "zp")
        shifted = self.op("Add", [self.op("Div", [x, row_scale]), half])
        xq = self.op("Cast", [shifted], to=self.tensor_proto.UINT8)
        one = self.const(np.array(1.0, np.float32), "one")
        zero_point = self.const(np.array(zero, np.uint8), "azp")
        wq, ws = self.const(q, "wq"), self.const(w_scale, "ws")
        y = self.op("MatMulIntegerToFloat", [xq, wq, one, ws, zero_point], domain=MS_DOMAIN)
        return self.op("Mul", [y, row_scale])

    def smooths(self, name: str) -> bool:
        plan = self.plan
        return self.ranges is not None and name in plan.smooth and plan.quantized(self.layer_index, name)

    def smoothing(self, name: str, w: NDArray[np.float32]) -> NDArray[np.float32]:
        assert self.ranges is not None
        return smoothing(self.ranges[self.layer_index][name], w)

    def int8_layer(self, x: str, bias: str, layer: Layer, heads: int, eps: float) -> str:
        hidden = layer.ao_w.shape[0]
        qkv_w, qkv_b = layer.qkv_w, layer.qkv_b
        if self.smooths("ao"):  # ctx = probs @ v is linear in v's channels: divide v's weights and bias
            s = self.smoothing("ao", layer.ao_w)
            div = np.concatenate([np.ones(2 * hidden, np.float32), 1.0 / s]).astype(np.float32)
            qkv_w, qkv_b = (qkv_w * div[None, :]).astype(np.float32), (qkv_b * div).astype(np.float32)
        ctx = self.attention(self.matrix("qkv", x, qkv_w, qkv_b), bias, heads, hidden)
        h = self.layer_norm(self.op("Add", [x, self.matrix("ao", ctx, layer.ao_w, layer.ao_b)]), layer.aln_w,
                            layer.aln_b, eps)
        mid = self.op("FastGelu", [self.matrix("fi", h, layer.fi_w, None), self.const(layer.fi_b, "b")],
                      domain=MS_DOMAIN)
        out = self.matrix("fo", mid, layer.fo_w, layer.fo_b)
        return self.layer_norm(self.op("Add", [h, out]), layer.oln_w, layer.oln_b, eps)


def build_int8_model(
    encoder: Encoder, plan: Plan, ranges: Sequence[dict[str, NDArray[np.float32]]] | None = None
) -> tuple[Any, dict[str, NDArray[Any]]]:
    """The ONNX ``ModelProto`` of ``encoder``'s layers under ``plan`` and its external weights (the same
    inputs and output as :func:`.onnx_bert.build_model`). ``ranges``
    (:func:`input_ranges`) are needed when ``plan`` smooths."""

    g = _Int8Graph(plan, ranges)
    hidden = encoder.pos.shape[1]
    x = "x"
    for i, layer in enumerate(encoder.layers):
        g.layer_index = i
        x = g.int8_layer(x, "bias", layer, encoder.heads, encoder.eps)
    return encoder_model(g, x, hidden, "tabayyun_int8_rows"), g.external


def graph_runner(
    encoder: Encoder, plan: Plan, ranges: Sequence[dict[str, NDArray[np.float32]]] | None,
    threads: int | None = None,
) -> OnnxEncoder:
    """A :func:`build_int8_model` graph in an :class:`~.onnx_bert.OnnxEncoder` (same ``forward``;
    idle threads sleep)."""
    built = build_int8_model(encoder, plan, ranges)
    return OnnxEncoder(encoder, threads=threads, spinning=False, built=built)

"""The same BERT encoder as :mod:`.numpy_bert`, built as an ONNX graph in memory and run by onnxruntime.

Nothing is stored on disk: :func:`build_model` turns an :class:`~.numpy_bert.Encoder`'s
float32 weights into an ONNX ``ModelProto`` at load time. With ``quantize=True``
every matrix is stored as int8 with one scale per output column and
multiplied by ``com.microsoft.DynamicQuantizeMatMul`` (activations quantized per
batch). It is not the default: on an AVX2 CPU without VNNI it was ~1.3x faster than
float32 and changed ~5 % of ANS dev predictions (``python3 bench/bench_stance.py --int8``,
docs/benchmarks.md). Weights are quantized to 7 bits (``[-63, 63]``): without VNNI
the u8×s8 kernel can saturate its 16-bit intermediate sums with full 8-bit weights.

The graph, per layer (post-LayerNorm BERT, GELU in its tanh form)::

    qkv = x @ Wqkv + b ; attention over 12 heads with an additive mask
    h   = LayerNorm(x + ctx @ Wo + bo)
    out = LayerNorm(h + FastGelu(h @ Wi + bi) @ Wf + bf)

Inputs: ``x`` — the embedded tokens ``(B, L, H)`` (word + position + type vectors after
the embedding LayerNorm, computed in numpy) and ``bias`` — ``(B, 1, 1, L)``, 0 on real
tokens and -1e9 on padding. Output: ``y``, the last layer's hidden states ``(B, L, H)``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..errors import ModelError
from .numpy_bert import Encoder, Layer, attention_bias

OPSET = 17
MS_DOMAIN = "com.microsoft"
QMAX = 63  # 7-bit weights, see the module docstring
#: arrays at least this large are not copied into the graph: onnxruntime reads them from numpy
EXTERNAL_MIN = 4096


def available() -> bool:
    """Whether onnxruntime and onnx can be imported."""
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def quantize_columns(
    w: NDArray[np.float32], qmax: int = QMAX
) -> tuple[NDArray[np.int8], NDArray[np.float32]]:
    """Symmetric per-column int8: ``w ≈ q * scale`` with ``q`` in ``[-qmax, qmax]``."""
    amax = np.abs(w).max(axis=0)
    scale = np.where(amax > 0, amax / qmax, 1.0).astype(np.float32)
    q = np.clip(np.rint(w / scale), -qmax, qmax).astype(np.int8)
    return q, scale


class _Graph:
    """Collects nodes and initializers with unique names."""

    def __init__(self, quantize: bool) -> None:
        from onnx import TensorProto, helper, numpy_helper

        self.helper, self.numpy_helper, self.tensor_proto = helper, numpy_helper, TensorProto
        self.quantize = quantize
        self.nodes: list[Any] = []
        self.inits: list[Any] = []
        self.external: dict[str, NDArray[Any]] = {}  # large weights handed to onnxruntime without a copy
        self._n = 0

    def name(self, prefix: str) -> str:
        self._n += 1
        return f"{prefix}_{self._n}"

    def const(self, value: NDArray[Any], prefix: str = "c") -> str:
        name = self.name(prefix)
        array = np.require(value, requirements="C")
        if array.size < EXTERNAL_MIN:
            self.inits.append(self.numpy_helper.from_array(array, name))
            return name
        t = self.tensor_proto()
        t.name = name
        t.data_type = self.helper.np_dtype_to_tensor_dtype(array.dtype)
        t.dims.extend(array.shape)
        t.data_location = self.tensor_proto.EXTERNAL
        entry = t.external_data.add()
        entry.key, entry.value = "location", "tabayyun-in-memory"  # never read: supplied at session creation
        self.inits.append(t)
        self.external[name] = array
        return name

    def op(self, kind: str, inputs: Sequence[str], domain: str = "", **attrs: Any) -> str:
        out = self.name(kind.lower())
        self.nodes.append(self.helper.make_node(kind, list(inputs), [out], domain=domain or None, **attrs))
        return out

    def linear(self, x: str, w: NDArray[np.float32], b: NDArray[np.float32]) -> str:
        """``x @ w + b`` with ``w`` as ``(in, out)``."""
        if not self.quantize:
            return self.op("Add", [self.op("MatMul", [x, self.const(w, "w")]), self.const(b, "b")])
        q, scale = quantize_columns(w)
        return self.op(
            "DynamicQuantizeMatMul",
            [x, self.const(q, "wq"), self.const(scale, "ws"), "", self.const(b, "b")],
            domain=MS_DOMAIN,
        )

    def layer_norm(self, x: str, w: NDArray[np.float32], b: NDArray[np.float32], eps: float) -> str:
        return self.op("LayerNormalization", [x, self.const(w, "lnw"), self.const(b, "lnb")], axis=-1,
                       epsilon=eps)

    def attention(self, qkv: str, bias: str, heads: int, hidden: int) -> str:
        """Multi-head self-attention over ``qkv`` ``(B, L, 3H)`` in plain ONNX ops → ``(B, L, H)``."""
        hd = hidden // heads
        split = self.const(np.array([0, 0, 3, heads, hd], dtype=np.int64), "shape")
        qkv = self.op("Reshape", [qkv, split])  # (B, L, 3, heads, hd)
        qkv = self.op("Transpose", [qkv], perm=[2, 0, 3, 1, 4])  # (3, B, heads, L, hd)
        q = self.op("Gather", [qkv, self.const(np.array(0, dtype=np.int64), "i")], axis=0)
        k = self.op("Gather", [qkv, self.const(np.array(1, dtype=np.int64), "i")], axis=0)
        v = self.op("Gather", [qkv, self.const(np.array(2, dtype=np.int64), "i")], axis=0)
        q = self.op("Mul", [q, self.const(np.array(1.0 / np.sqrt(hd), dtype=np.float32), "scale")])
        scores = self.op("MatMul", [q, self.op("Transpose", [k], perm=[0, 1, 3, 2])])
        probs = self.op("Softmax", [self.op("Add", [scores, bias])], axis=-1)
        ctx = self.op("Transpose", [self.op("MatMul", [probs, v])], perm=[0, 2, 1, 3])  # (B, L, heads, hd)
        return self.op("Reshape", [ctx, self.const(np.array([0, 0, hidden], dtype=np.int64), "shape")])

    def layer(self, x: str, bias: str, layer: Layer, heads: int, eps: float) -> str:
        hidden = layer.ao_w.shape[0]
        ctx = self.attention(self.linear(x, layer.qkv_w, layer.qkv_b), bias, heads, hidden)
        h = self.layer_norm(self.op("Add", [x, self.linear(ctx, layer.ao_w, layer.ao_b)]), layer.aln_w,
                            layer.aln_b, eps)
        if self.quantize:
            mid = self.linear(h, layer.fi_w, layer.fi_b)
            mid = self.op("FastGelu", [mid], domain=MS_DOMAIN)
        else:
            mid = self.op("MatMul", [h, self.const(layer.fi_w, "w")])
            mid = self.op("FastGelu", [mid, self.const(layer.fi_b, "b")], domain=MS_DOMAIN)
        out = self.linear(mid, layer.fo_w, layer.fo_b)
        return self.layer_norm(self.op("Add", [h, out]), layer.oln_w, layer.oln_b, eps)


def build_model(encoder: Encoder, quantize: bool = False) -> tuple[Any, dict[str, NDArray[Any]]]:
    """An ONNX ``ModelProto`` computing ``encoder``'s layers (see the module docstring), and the
    large weights it names as external data, to hand to onnxruntime with
    ``SessionOptions.add_external_initializers`` (no copy into the protobuf)."""

    g = _Graph(quantize)
    hidden = encoder.pos.shape[1]
    x = "x"
    for layer in encoder.layers:
        x = g.layer(x, "bias", layer, encoder.heads, encoder.eps)
    return encoder_model(g, x, hidden, "tabayyun_stance_encoder"), g.external


def encoder_model(g: _Graph, x: str, hidden: int, name: str) -> Any:
    """The ``ModelProto`` of ``g``'s layers: inputs ``x`` (batch, length, hidden) and ``bias`` (the
    attention mask's additive bias), output ``y`` (the last layer's output, node ``x``)."""
    from onnx import TensorProto, helper

    g.nodes.append(helper.make_node("Identity", [x], ["y"]))
    graph = helper.make_graph(
        g.nodes,
        name,
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "length", hidden]),
            helper.make_tensor_value_info("bias", TensorProto.FLOAT, ["batch", 1, 1, "length"]),
        ],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "length", hidden])],
        g.inits,
    )
    return helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET), helper.make_opsetid(MS_DOMAIN, 1)], ir_version=8
    )


class OnnxEncoder:
    """Runs an :class:`~.numpy_bert.Encoder`'s layers with onnxruntime; same ``forward`` as the numpy one."""

    def __init__(
        self, encoder: Encoder, quantize: bool = False, threads: int | None = None, spinning: bool = True,
        built: tuple[Any, dict[str, NDArray[Any]]] | None = None,
    ) -> None:
        """``spinning=False``: idle worker threads sleep instead of spinning (onnxruntime's
        ``allow_spinning``), so a busy machine's other work is not starved (the e5 encoder uses it).
        ``built``: another graph of the same inputs and output and its external weights (as
        :func:`build_model` returns them; :func:`.onnx_int8.build_int8_model`) instead of
        :func:`build_model`'s."""
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise ModelError("onnxruntime is not installed (pip install onnxruntime)") from exc
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or _default_threads()
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.log_severity_level = 3
        if not spinning:
            opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        model, external = built if built is not None else build_model(encoder, quantize)
        names = list(external)
        self._weights = [ort.OrtValue.ortvalue_from_numpy(external[n]) for n in names]  # kept alive: no copy
        opts.add_external_initializers(names, self._weights)
        self.session = ort.InferenceSession(model.SerializeToString(), opts,
                                            providers=["CPUExecutionProvider"])
        self.encoder = replace(encoder, layers=[])  # the session holds the layers; keep only the embeddings

    def forward(self, words: NDArray[np.float32], mask: NDArray[np.bool_]) -> NDArray[np.float32]:
        """Final hidden states ``(B, L, H)``; ``mask`` is True on real tokens."""
        x = self.encoder.embed(words)
        (y,) = self.session.run(["y"],
                                {"x": np.ascontiguousarray(x, dtype=np.float32),
                                 "bias": attention_bias(mask)})
        out: NDArray[np.float32] = y
        return out


def _default_threads() -> int:
    """One thread per usable core, at most 8 (the CLI's ``--threads`` / ``$TABAYYUN_THREADS`` overrides)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(8, cores))

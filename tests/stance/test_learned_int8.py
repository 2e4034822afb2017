"""The cross-encoder's int8 runtime (``CrossEncoderStance.load(runtime="onnx-int8")``, the default) against
float32 (``runtime="onnx"``): the tiny random model and the shipped one, on pairs written for these tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tabayyun.errors import ModelError
from tabayyun.stance import load_stance_model
from tabayyun.stance.gated import GatedStance
from tabayyun.stance.learned import RUNTIMES, CrossEncoderStance
from tabayyun.stance.onnx_bert import OnnxEncoder
from tabayyun.testing import HashingEmbedder

pytest.importorskip("onnxruntime")

# agreement, a negation, a changed number, another topic, English, across languages, long evidence
CLAIMS = [
    "أغلقت الشركة مصنعها في الميناء",
    "أغلقت الشركة مصنعها في الميناء",
    "بلغ عدد الطلاب الجدد 300 طالب",
    "ارتفعت أسعار اللحوم قبل العيد",
    "The airport will reopen on Monday",
    "The airport will reopen on Monday",
    "افتتح الوزير محطة لتحلية المياه بطاقة 50 ألف متر مكعب يوميا",
]
EVIDENCE = [
    "قالت الشركة إنها أغلقت مصنعها القريب من الميناء الأسبوع الماضي",
    "نفت الشركة أن تكون قد أغلقت مصنعها في الميناء",
    "قالت الجامعة إن عدد الطلاب الجدد هذا العام بلغ 800 طالب",
    "افتتحت البلدية حديقة عامة جديدة في وسط المدينة",
    "Officials said the airport would reopen to flights on Monday morning.",
    "أعلنت السلطات أن المطار سيعيد فتح أبوابه يوم الاثنين",
    "وقال الوزير في كلمة خلال حفل الافتتاح إن المحطة الجديدة ستنتج خمسين ألف متر مكعب من المياه المحلاة "
    "يوميا وتخدم نحو مئتي ألف نسمة في المدن الساحلية",
]


@pytest.fixture(scope="module")
def tiny_pair(tiny_model_dir: Path) -> tuple[CrossEncoderStance, CrossEncoderStance]:
    return (CrossEncoderStance.load(tiny_model_dir, runtime="onnx-int8"),
            CrossEncoderStance.load(tiny_model_dir, runtime="onnx"))


@pytest.fixture(scope="module")
def shipped_pair() -> tuple[CrossEncoderStance, CrossEncoderStance]:
    return CrossEncoderStance.load(runtime="onnx-int8"), CrossEncoderStance.load(runtime="onnx")


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_every_runtime_loads(tiny_model_dir: Path, runtime: str) -> None:
    model = CrossEncoderStance.load(tiny_model_dir, runtime=runtime)
    assert model.predict_proba(CLAIMS[:2], EVIDENCE[:2]).shape == (2, 4)


@pytest.mark.parametrize("runtime", ["int8", "onnx-float16", "ONNX"])
def test_unknown_runtimes_are_model_errors(tiny_model_dir: Path, runtime: str) -> None:
    with pytest.raises(ModelError, match="unknown runtime"):
        CrossEncoderStance.load(tiny_model_dir, runtime=runtime)


def test_auto_is_the_int8_graph(tiny_model_dir: Path,
                                tiny_pair: tuple[CrossEncoderStance, CrossEncoderStance]) -> None:
    auto = CrossEncoderStance.load(tiny_model_dir)
    int8, float32 = tiny_pair
    assert isinstance(auto.encoder, OnnxEncoder)
    np.testing.assert_array_equal(auto.logits(CLAIMS, EVIDENCE), int8.logits(CLAIMS, EVIDENCE))
    assert not np.array_equal(int8.logits(CLAIMS, EVIDENCE), float32.logits(CLAIMS, EVIDENCE))


def test_tiny_int8_stays_close_to_float32(tiny_pair: tuple[CrossEncoderStance, CrossEncoderStance]) -> None:
    """The tiny random model (hidden 16: 8-bit steps are coarse there) within 0.05 of each probability."""
    int8, float32 = tiny_pair
    np.testing.assert_allclose(int8.predict_proba(CLAIMS, EVIDENCE), float32.predict_proba(CLAIMS, EVIDENCE),
                               atol=0.05)


@pytest.mark.slow
def test_shipped_int8_keeps_float32s_answers(
    shipped_pair: tuple[CrossEncoderStance, CrossEncoderStance],
) -> None:
    """The shipped weights: each probability within 0.1 of float32's (on the dev pairs the largest move was
    0.13, bench/bench_stance_int8.py), and the same most probable stance wherever float32's top two are
    more than 0.2 apart."""
    int8, float32 = shipped_pair
    got, want = int8.predict_proba(CLAIMS, EVIDENCE), float32.predict_proba(CLAIMS, EVIDENCE)
    np.testing.assert_allclose(got, want, atol=0.1)
    top2 = np.sort(want, axis=1)[:, -2:]
    clear = top2[:, 1] - top2[:, 0] > 0.2
    assert clear.sum() >= 4
    np.testing.assert_array_equal(got.argmax(axis=1)[clear], want.argmax(axis=1)[clear])


@pytest.mark.slow
def test_shipped_int8_pair_does_not_depend_on_its_batch(
    shipped_pair: tuple[CrossEncoderStance, CrossEncoderStance],
) -> None:
    """One activation scale per token: a pair's probabilities are the same alone, in a batch, and beside a
    longer pair (padding)."""
    int8, _ = shipped_pair
    together = int8.predict_proba(CLAIMS, EVIDENCE)
    alone = np.concatenate([int8.predict_proba([c], [e]) for c, e in zip(CLAIMS, EVIDENCE, strict=True)])
    np.testing.assert_allclose(together, alone, atol=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize(("runtime", "graph"), [("auto", "onnx-int8"), ("onnx", "onnx")],
                         ids=["default-int8", "float32-selectable"])
def test_gated_model_reads_with_the_chosen_graph(runtime: str, graph: str) -> None:
    """``load_stance_model`` passes the runtime through to the default (gated) model's cross-encoder."""
    gated = load_stance_model("gated", HashingEmbedder(), runtime=runtime)
    assert isinstance(gated, GatedStance)
    splitter = gated.splitter
    assert isinstance(splitter, CrossEncoderStance)
    want = CrossEncoderStance.load(runtime=graph).logits(CLAIMS[:3], EVIDENCE[:3])
    np.testing.assert_array_equal(splitter.logits(CLAIMS[:3], EVIDENCE[:3]), want)

"""The shipped weights on hand-written pairs of the kinds the issue names.

These sentences were written for this test (never seen in training: the synthetic
generator uses other templates, and ANS is news headlines). A model that only
measures similarity fails the negation and swap rows.
"""

from __future__ import annotations

import pytest

from tabayyun.results import STANCES
from tabayyun.stance.learned import WEIGHTS_DIR, CrossEncoderStance

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (WEIGHTS_DIR / "stance.npz").exists(),
                       reason="shipped stance weights not installed"),
]

PAIRS = [
    ("paraphrase-en", "Italy repatriated its nationals", "Italy brought its citizens back home", "agree"),
    ("negation-en", "Italy repatriated its nationals", "Italy refused to repatriate its nationals",
     "disagree"),
    ("paraphrase-ar", "الحكومة ترفع أسعار الكهرباء بنسبة عشرة بالمئة",
     "قررت الحكومة زيادة أسعار الكهرباء 10%", "agree"),
    ("antonym-ar", "الحكومة ترفع أسعار الكهرباء بنسبة عشرة بالمئة",
     "الحكومة تخفض أسعار الكهرباء بنسبة عشرة بالمئة", "disagree"),
    ("negation-ar", "المنتخب يتأهل إلى نهائيات كأس العالم", "المنتخب لم يتأهل إلى نهائيات كأس العالم",
     "disagree"),
    ("place-swap-ar", "افتتاح أكبر محطة للطاقة الشمسية في المغرب", "افتتاح أكبر محطة للطاقة الشمسية في مصر",
     "disagree"),
    ("unrelated-ar", "افتتاح أكبر محطة للطاقة الشمسية في المغرب", "الأمطار الغزيرة تغلق طرقا في الجبال",
     "unrelated"),
    ("unrelated-mixed", "Oil prices fell sharply on Monday", "وزير التعليم يعلن موعد بدء العام الدراسي",
     "unrelated"),
]  # fmt: skip


@pytest.fixture(scope="module")
def shipped() -> CrossEncoderStance:
    return CrossEncoderStance.load()


def test_shipped_model_on_handwritten_pairs(shipped: CrossEncoderStance) -> None:
    probs = shipped.predict_proba([p[1] for p in PAIRS], [p[2] for p in PAIRS])
    got = {p[0]: STANCES[int(i)] for p, i in zip(PAIRS, probs.argmax(axis=1), strict=True)}
    correct = [name for name, _, _, gold in PAIRS if got[name] == gold]
    # a quality floor, not a perfect score: report what failed
    assert len(correct) >= 6, {name: (got[name], gold) for name, _, _, gold in PAIRS}

"""The shipped weights on hand-written pairs of the kinds the issue names.

These sentences were written for this test (never seen in training: the synthetic
generator uses other templates, and ANS is news headlines). A model that only
measures similarity fails the negation and swap rows.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tabayyun import Tabayyun
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


#: a claim quoted from its source, word for word or with spelling, digits or end punctuation varied: the
#: first model trained on generated corpus edits called all of these "disagree" (it had seen near-copies
#: only as edits), and no dev figure of the time showed it
QUOTED = [
    ("same-ar", "أعلنت وزارة الصحة تسجيل 40 إصابة جديدة في المدينة",
     "أعلنت وزارة الصحة تسجيل 40 إصابة جديدة في المدينة"),
    ("same-ar-2", "افتتح المحافظ جسرا جديدا فوق النهر يربط الحيين الشرقي والغربي",
     "افتتح المحافظ جسرا جديدا فوق النهر يربط الحيين الشرقي والغربي"),
    ("spelling-ar", "اعلنت الحكومه خطه جديده لدعم المزارعين",
     "أعلنت الحكومة خطة جديدة لدعم المزارعين."),
    ("digits-ar", "وصل ٣٥٠٠ لاجئ إلى المدينة خلال أسبوع", "وصل 3500 لاجئ إلى المدينة خلال أسبوع"),
    ("diacritics-ar", "ارتفعت أسعار الخبز في الأسواق", "ارتَفَعَت أسعارُ الخبزِ في الأسواقِ."),
    ("same-en", "The council approved the new budget on Monday",
     "The council approved the new budget on Monday"),
    ("punct-en", "The port reopened after the storm", "The port reopened after the storm."),
    ("clause-dropped-ar", "وقع البلدان اتفاقا لتبادل بيانات الفيضانات",
     "وقع البلدان اتفاقا لتبادل بيانات الفيضانات، وقال الوزير إن الاتفاق يدخل حيز التنفيذ فورا."),
    ("clause-dropped-en", "The two countries signed a deal to share flood data",
     "The two countries signed a deal to share flood data, and the minister said it takes effect at once."),
    ("same-ar-long", "قالت اللجنة إن عدد المشاركين في الانتخابات بلغ مليوني ناخب في المحافظات الجنوبية",
     "قالت اللجنة إن عدد المشاركين في الانتخابات بلغ مليوني ناخب في المحافظات الجنوبية"),
]  # fmt: skip


def test_the_model_alone_agrees_with_quoted_claims(shipped: CrossEncoderStance) -> None:
    probs = shipped.predict_proba([q[1] for q in QUOTED], [q[2] for q in QUOTED])
    got = {q[0]: STANCES[int(i)] for q, i in zip(QUOTED, probs.argmax(axis=1), strict=True)}
    # a floor, not every row: the corpus-trained weights leave one row near the boundary (digits-ar,
    # agree 0.47 / disagree 0.53: a number in a near-copy reads as an edit); the whole check, below,
    # supports every row, its number check deciding that one
    assert sum(v == "agree" for v in got.values()) >= len(QUOTED) - 1, got


@pytest.fixture(scope="module")
def checker() -> Iterator[Tabayyun]:
    with Tabayyun(":memory:") as tb:
        yield tb


@pytest.mark.parametrize(("claim", "evidence"), [q[1:] for q in QUOTED], ids=[q[0] for q in QUOTED])
def test_a_quoted_claim_is_supported(checker: Tabayyun, claim: str, evidence: str) -> None:
    result = checker.check(claim, sources=[evidence])
    assert result.verdict == "supported", result.to_dict()

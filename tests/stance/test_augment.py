from __future__ import annotations

import random

import pytest

from tabayyun.stance import augment
from tabayyun.text.lang import detect

CASES = [
    ("ارتفاع أسعار الخبز في عمّان بنسبة 10%", "افتتاح مكتبة عامة جديدة في إربد", "ar"),
    ("هبوط مؤشر البورصة المصرية لأدنى مستوى منذ عامين.", "تأجيل مباراة القمة بسبب الأمطار", "ar"),
    ("Bread prices in Amman rose by 10%", "A new public library opened in Irbid", "en"),
    ("The Nile bridge will reopen in May.", "Heavy rain delayed the football final", "en"),
]
IDS = ["ar-plain", "ar-final-stop", "en-plain", "en-final-stop"]


def _core(text: str) -> str:
    return text.rstrip(".").strip()


@pytest.mark.parametrize(("evidence", "other", "lang"), CASES, ids=IDS)
def test_wrap_keeps_the_evidence_and_its_language(evidence: str, other: str, lang: str) -> None:
    for seed in range(30):
        out = augment.wrap(evidence, other, random.Random(seed))
        body = _core(evidence)
        assert body in out or (body[:1].lower() + body[1:]) in out
        assert detect(out) == lang
        assert out.endswith(".") and not out.endswith("..")


@pytest.mark.parametrize(("evidence", "other", "lang"), CASES, ids=IDS)
def test_wrap_makes_longer_sentences_with_both_parts_sometimes(evidence: str, other: str, lang: str) -> None:
    outs = [augment.wrap(evidence, other, random.Random(seed)) for seed in range(40)]
    assert any(len(o) > len(evidence) + 10 for o in outs)
    other_core = _core(other)
    assert any(other_core in o or (other_core[:1].lower() + other_core[1:]) in o for o in outs)
    assert any(other_core not in o and other_core[:1].lower() + other_core[1:] not in o for o in outs)


def test_wrap_is_deterministic_for_a_seed() -> None:
    ev, other, _ = CASES[0]
    assert augment.wrap(ev, other, random.Random(5)) == augment.wrap(ev, other, random.Random(5))


def test_self_support_states_the_claim() -> None:
    claim = "وزارة الصحة تسجل 12 إصابة جديدة"
    out = augment.self_support(claim, "انطلاق معرض الكتاب", random.Random(3))
    assert claim in out


def test_long_unrelated_uses_two_other_texts() -> None:
    others = ["افتتاح جسر جديد في بغداد", "فوز فريق الوحدات بالدوري", "تراجع أسعار الذهب",
              "زيارة وزير إلى الرباط"]
    for seed in range(20):
        out = augment.long_unrelated(others, random.Random(seed))
        assert sum(_core(o) in out for o in others) >= 1

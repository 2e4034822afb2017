"""Implied counts: positions of joining members read as the count of members (see
tabayyun.extract.implied)."""

from __future__ import annotations

import pytest

from tabayyun.extract import extract

# implied counts: the position of a member that joins is the number of members right after it joined
# (id, text, quantity text, value, values, noun)
IMPLIED: list[tuple[str, str, str, float, tuple[float, ...], str]] = [
    ("i-raqm-list", "رحب الاجتماع بانضمام البلدين عضوين جديدين رقم 40 و41", "رقم 40 و41", 41, (40, 41),
     "member"),
    ("i-raqmayn", "ويحمل العضوان الجديدان الرقمين 82 و83", "الرقمين 82 و83", 83, (82, 83), "member"),
    ("i-raqm-single", "انضمت مالطا لتصبح العضو رقم 83 في التحالف", "رقم 83", 83, (), "member"),
    ("i-dawla-raqm", "أصبحت مالطا الدولة رقم 83 التي تنضم إلى التحالف", "رقم 83", 83, (), "country"),
    ("i-ordinal-words", "انضمت مالطا بوصفها العضو الثالث والثمانين", "الثالث والثمانين", 83, (), "member"),
    ("i-new-ordinal", "ورحب بالعضو الجديد الحادي والأربعين", "الحادي والأربعين", 41, (), "member"),
    ("i-en-83rd", "Malta became the 83rd member of the coalition", "83rd", 83, (), "member"),
    ("i-en-41st-join", "Chile was the 41st country to join the treaty", "41st", 41, (), "country"),
    ("i-en-number", "Sweden joined as member number 32", "number 32", 32, (), "member"),
    ("i-en-no", "Sweden joined as member No. 32", "No. 32", 32, (), "member"),
    ("i-en-numbers", "The bloc welcomed two new members, numbers 26 and 27", "numbers 26 and 27", 27,
     (26, 27),
     "member"),
]


@pytest.mark.parametrize(("text", "qtext", "value", "values", "noun"), [i[1:] for i in IMPLIED],
                         ids=[i[0] for i in IMPLIED])
def test_implied_count(text: str, qtext: str, value: float, values: tuple[float, ...], noun: str) -> None:
    q = next(q for q in extract(text).quantities if q.kind == "implied")
    assert (q.text, q.value, q.low, q.high, q.values, q.noun) == (qtext, value, value, value, values, noun)
    assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    "text",
    ["The third member of the committee spoke first", "France was the third country to speak",
     "The council adopted resolution number 2254", "The delegates met in room number 41",
     "الدورة الثالثة للمجلس",
     "العضو الحادي والأربعين في اللجنة"],
    ids=["member-no-join-cue", "country-no-join-cue", "resolution-number", "room-number", "session",
         "ar-no-cue"],
)
def test_position_without_joining_is_no_count(text: str) -> None:
    qs = extract(text).quantities
    assert qs and all(q.kind != "implied" for q in qs)

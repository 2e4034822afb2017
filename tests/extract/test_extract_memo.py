"""The memo of ``tabayyun.extract.extract``: the same extraction for a text seen before, none kept for a
caller's own alias table, a new memo for a new default table, bounded."""

from __future__ import annotations

from datetime import date

import pytest

import tabayyun.extract as ex
from tabayyun.extract import AliasTable, extract
from tabayyun.extract.aliases import _default_table

TEXTS = [
    "أعلنت وزارة الصحة في عمّان أن 1200 شخص تلقوا اللقاح يوم 3 أيار 2022.",
    "The council said 83 members joined in March 2021, Reuters reported.",
    "زار الوفد القاهرة أمس وعقد اجتماعا مع 4 وزراء.",
]


@pytest.mark.parametrize("text", TEXTS, ids=["ar-number-date", "en-number-date", "ar-relative-date"])
def test_a_text_seen_before_gets_the_same_extraction_as_a_fresh_one(text: str) -> None:
    first = extract(text)
    again = extract(text)
    assert again is first  # from the memo
    assert first == extract(text, aliases=AliasTable.default())  # the memo is bypassed with a table given


def test_the_document_date_is_part_of_the_key() -> None:
    text = TEXTS[2]
    one = extract(text, document_date=date(2022, 5, 3))
    two = extract(text, document_date=date(2023, 1, 9))
    assert one.dates != two.dates
    assert extract(text, document_date=date(2022, 5, 3)) is one


def test_a_callers_own_table_is_never_memoized() -> None:
    table = AliasTable.default()
    a = extract(TEXTS[0], aliases=table)
    assert extract(TEXTS[0], aliases=table) is not a


def test_a_new_default_table_starts_a_new_memo() -> None:
    first = extract(TEXTS[1])
    _default_table.cache_clear()
    try:
        again = extract(TEXTS[1])
        assert again is not first and again == first
    finally:
        _default_table.cache_clear()


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ex, "MEMO_SIZE", 3)
    for i in range(10):
        extract(f"بلغ عدد الزوار {i + 10} ألفا")
    assert len(ex._MEMO.memo) <= 3
    last = extract("بلغ عدد الزوار 19 ألفا")
    assert extract("بلغ عدد الزوار 19 ألفا") is last

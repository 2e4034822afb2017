"""A document's date: a stored date field, else its dateline."""

from __future__ import annotations

from datetime import date

import pytest

from tabayyun.extract.document_date import dateline, document_date, parse_document_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2022-05-03", date(2022, 5, 3)), ("2022-05-03T09:30:00Z", date(2022, 5, 3)),
     ("3 May 2022", date(2022, 5, 3)),
     ("3 أيار 2022", date(2022, 5, 3)), ("May 2022", None), ("2022", None), ("soon", None), ("", None),
     (None, None)],
    ids=["iso", "iso-time", "en-words", "ar-words", "month-only", "year-only", "words", "empty", "none"],
)
def test_parse_document_date(value: str | None, expected: date | None) -> None:
    assert parse_document_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عمّان، 3 أيار/مايو 2022 — اجتمع الوزراء اليوم", date(2022, 5, 3)),
        ("Amman, May 3, 2022 - The ministers met today.", date(2022, 5, 3)),
        ("عمّان 3 أيار 2022 (وكالة) - اجتمع الوزراء", date(2022, 5, 3)),
        ("بيان صحفي\nعمّان 3/5/2022\nاجتمع الوزراء اليوم", date(2022, 5, 3)),
        ("The war that began on 15 March 2011 has lasted for years, officials said today.", None),
        ("A long first line that is a sentence about the events of 15 March 2011, a Tuesday.\nMore.", None),
        ("اجتمع الوزراء اليوم في عمّان.", None),
        ("", None),
    ],
    ids=["ar-dateline", "en-dateline", "agency-dateline", "header-line", "date-inside-sentence",
         "long-first-line", "no-date", "empty"],
)
def test_dateline(text: str, expected: date | None) -> None:
    assert dateline(text) == expected


def test_document_date_prefers_the_stored_field() -> None:
    assert document_date("2022-06-01", "Amman, May 3, 2022 - text") == date(2022, 6, 1)
    assert document_date(None, "Amman, May 3, 2022 - text") == date(2022, 5, 3)
    assert document_date("not a date", "no dateline here") is None

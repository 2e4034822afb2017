"""``tabayyun.extract.date_reader``: the pieces dates are read from (phrase tables, years, month names)."""

from __future__ import annotations

from datetime import date

import pytest

from tabayyun.extract.date_reader import Reader, days_in, int_token, iso_date, match_phrase
from tabayyun.extract.tokens import prepare

TABLE: dict[tuple[str, ...], object] = {("الاسبوع", "الماضي"): "week", ("امس",): "day"}


@pytest.mark.parametrize(
    ("text", "k", "expected"),
    [
        ("وقع ذلك الاسبوع الماضي", 2, (3, "week", 0)),
        ("وقع ذلك امس", 2, (2, "day", 0)),
        ("وقع ذلك وامس", 2, (2, "day", 1)),
        ("وقع ذلك بالاسبوع الماضي", 2, (3, "week", 1)),
        ("وقع ذلك الاسبوع", 2, None),
        ("وقع 12", 1, None),
    ],
    ids=["two-words", "one-word", "clitic-one-word", "clitic", "half-phrase", "digits"],
)
def test_match_phrase(text: str, k: int, expected: tuple[int, object, int] | None) -> None:
    assert match_phrase(prepare(text), k, TABLE) == expected


@pytest.mark.parametrize(
    ("text", "k", "bounds", "expected"),
    [("في 28 منه", 1, (1, 31), 28), ("في 32 منه", 1, (1, 31), None), ("في 2021", 1, (1, 31), None),
     ("في", 1, (1, 31), None)],
    ids=["in-range", "out-of-range", "too-long", "past-the-end"],
)
def test_int_token(text: str, k: int, bounds: tuple[int, int], expected: int | None) -> None:
    assert int_token(prepare(text), k, *bounds, max_len=2) == expected


@pytest.mark.parametrize(
    ("text", "k", "kw", "expected"),
    [
        ("عام 2014", 0, {}, (1, 2014, "gregorian")),
        ("2014م", 0, {}, (1, 2014, "gregorian")),
        ("1442 هـ", 0, {"hijri_ok": True}, (1, 1442, "hijri")),
        ("2014", 0, {"need_marker": True}, None),
        ("عام 999", 0, {}, None),
    ],
    ids=["after-filler", "gregorian-marker", "hijri-marker", "marker-needed", "too-small"],
)
def test_year(text: str, k: int, kw: dict[str, bool], expected: tuple[int, int, str] | None) -> None:
    assert Reader(prepare(text), None).year(k, **kw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("حزيران", (0, 6, "gregorian", 0, False)),
        ("حزيران/يونيو", (2, 6, "gregorian", 0, False)),
        ("حزيران (يونيو)", (3, 6, "gregorian", 0, False)),
        ("ورمضان", (0, 9, "hijri", 1, False)),
        ("مارس", (0, 3, "gregorian", 0, True)),
        ("الموصل", None),
    ],
    ids=["levantine", "paired", "paired-brackets", "hijri-with-clitic", "ambiguous", "not-a-month"],
)
def test_month(text: str, expected: tuple[int, int, str, int, bool] | None) -> None:
    assert Reader(prepare(text), None).month(0) == expected


def test_gregorian_day_checks_the_calendar() -> None:
    r = Reader(prepare("29 شباط 2021"), None)
    assert r.gregorian_day(0, 2, 0, 2021, 2, 29) is None
    leap = r.gregorian_day(0, 2, 0, 2020, 2, 29)
    assert leap is not None and (leap.value, leap.text) == ("2020-02-29", "29 شباط 2021")


def test_small_helpers() -> None:
    assert (days_in(2024, 2), days_in(2023, 2), days_in(2023, 12)) == (29, 28, 31)
    assert iso_date(date(2021, 6, 8)) == "2021-06-08"

"""The date of a document, which its relative dates (اليوم، أمس، this week) resolve against.

:func:`document_date` reads a stored date field (ISO, or any one-day date the date
extractor reads) and, when there is none, the document's dateline (:func:`dateline`:
a one-day date at its very top). Plain-text files carry no date field today (see
:mod:`tabayyun.ingest`), so the dateline is what dates a statement saved as text.
"""

from __future__ import annotations

import re
from datetime import date

from .dates import extract_dates
from .tokens import prepare
from .types import DateMention

#: a header line (a title, a place and date line) is at most this long
HEADER_CHARS = 80
#: a dateline opening a paragraph ("Amman, May 3, 2022 —") starts within this many characters
DATELINE_CHARS = 60
#: what ends a dateline after its date: an optional agency in brackets, then a dash or a colon
_DATELINE_END = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?[-–—:]")


def _one_day(mentions: list[DateMention]) -> date | None:
    for m in mentions:
        if m.precision == "day" and not m.relative and m.low is not None and m.low == m.high:
            return date.fromisoformat(m.low)
    return None


def parse_document_date(value: str | None) -> date | None:
    """A document's date field as a day: ``2022-05-03``, ``2022-05-03T09:30:00Z``, ``3 May 2022``, ``3 أيار
    2022``.

    ``None`` for anything that is not one day (a month, a year, unreadable text).
    """
    if not value or not value.strip():
        return None
    v = value.strip()
    try:
        return date.fromisoformat(v[:10])
    except ValueError:
        pass
    return _one_day(extract_dates(prepare(v))[0])


def dateline(text: str) -> date | None:
    """The date a document gives itself at its top, or ``None``.

    Either a one-day date on one of the first three lines when that line is a
    short header (at most :data:`HEADER_CHARS`: "بيان صحفي — 3 أيار/مايو 2022"),
    or a dateline opening the first line: a one-day date starting within
    :data:`DATELINE_CHARS` characters and closed by a dash or a colon ("Amman,
    May 3, 2022 —", "عمّان، 3 أيار/مايو 2022 (بترا) -"). A date inside a sentence
    is the date of an event the document reports, not the document's own.
    """
    lines = [ln.strip() for ln in text.strip().split("\n") if ln.strip()][:3]
    if len(lines) > 1:
        for line in lines:
            if len(line) <= HEADER_CHARS:
                found = _one_day(extract_dates(prepare(line))[0])
                if found is not None:
                    return found
    if not lines:
        return None
    first = lines[0][: DATELINE_CHARS + 60]
    for m in extract_dates(prepare(first))[0]:
        if m.start < DATELINE_CHARS and _DATELINE_END.match(first, m.end):
            return _one_day([m])
        break
    return None


def document_date(stored: str | None, text: str) -> date | None:
    """The date relative dates of a document resolve against: its date field, else its dateline."""
    return parse_document_date(stored) or dateline(text)

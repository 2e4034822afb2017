"""The pieces every date form is read from: phrase tables at a token, years, month names, mentions.

:class:`Reader` holds the tokens of a text (and the document date relative dates resolve
against); :mod:`tabayyun.extract.dates` reads each date form with it.
"""

from __future__ import annotations

import calendar
from datetime import date

from .calendar_words import AMBIGUOUS, GREGORIAN_MARKERS, GREGORIAN_MONTHS, HIJRI_MARKERS, HIJRI_MONTHS
from .tokens import Doc
from .types import DateMention

_CLITICS = ("و", "ب", "ل", "ف")
_FILLERS = {"من", "of", ",", "عام", "العام", "سنه", "السنه", "year", "the"}


_FIRST_WORDS: dict[int, tuple[frozenset[str], int]] = {}


def _first_words(table: dict[tuple[str, ...], object]) -> tuple[frozenset[str], int]:
    """The first words of a table's keys and its longest key (cached per table)."""
    got = _FIRST_WORDS.get(id(table))
    if got is None:
        got = (frozenset(k[0] for k in table), max((len(k) for k in table), default=1))
        _FIRST_WORDS[id(table)] = got
    return got


def match_phrase(doc: Doc, k: int, table: dict[tuple[str, ...], object]) -> tuple[int, object, int] | None:
    """Longest key of ``table`` at token ``k`` (a clitic may be glued to it): ``(last, value, skip)``."""
    toks = doc.tokens
    n = len(toks)
    if k >= n or toks[k].kind not in ("ar", "en"):
        return None
    first_words, max_len = _first_words(table)
    text = toks[k].text
    if text not in first_words and not (text[:1] in _CLITICS and text[1:] in first_words):
        return None
    for length in range(min(max_len, n - k), 0, -1):
        words = tuple(t.text for t in toks[k : k + length])
        if words in table:
            return k + length - 1, table[words], 0
        first = words[0]
        for c in _CLITICS:
            if toks[k].kind == "ar" and first.startswith(c) and len(first) > len(c) + 2:
                key = (first[len(c) :], *words[1:])
                if key in table:
                    return k + length - 1, table[key], len(c)
    return None


def iso_date(d: date) -> str:
    """``YYYY-MM-DD``."""
    return d.isoformat()


def days_in(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def int_token(doc: Doc, k: int, lo: int, hi: int, max_len: int = 4) -> int | None:
    if k >= len(doc.tokens):
        return None
    t = doc.tokens[k].text
    if doc.tokens[k].kind != "num" or not t.isdigit() or len(t) > max_len:
        return None
    v = int(t)
    return v if lo <= v <= hi else None


class Reader:
    """The text being read and the pieces every date form is made of: years, month names, mentions."""

    def __init__(self, doc: Doc, document_date: date | None) -> None:
        self.doc = doc
        self.toks = doc.tokens
        self.n = len(doc.tokens)
        self.today = document_date

    def year(self, k: int, *, hijri_ok: bool = False,
             need_marker: bool = False) -> tuple[int, int, str] | None:
        """A year at ``k`` after at most two fillers: ``(last, year, calendar)``."""
        j = k
        for _ in range(2):
            if j < self.n and self.toks[j].text in _FILLERS and self.toks[j].kind != "num":
                j += 1
        y = int_token(self.doc, j, 1, 2199)
        if y is None:
            return None
        cal = "gregorian"
        last = j
        if j + 1 < self.n and (self.toks[j + 1].text,) in HIJRI_MARKERS:
            cal, last = "hijri", j + 1
        elif j + 1 < self.n and (self.toks[j + 1].text,) in GREGORIAN_MARKERS:
            last = j + 1
        elif need_marker:
            return None
        if cal == "gregorian" and not 1000 <= y <= 2199:
            return None
        if cal == "hijri" and not hijri_ok and y > 1600:
            return None
        return last, y, cal

    def month(self, k: int) -> tuple[int, int, str, int, bool] | None:
        """A month name at ``k`` (with a paired second name): ``(last, month, calendar, skip, ambiguous)``."""
        hit = match_phrase(self.doc, k, GREGORIAN_MONTHS)  # type: ignore[arg-type]
        cal = "gregorian"
        if hit is None:
            hit = match_phrase(self.doc, k, HIJRI_MONTHS)  # type: ignore[arg-type]
            cal = "hijri"
        if hit is None:
            return None
        last, m, skip = hit
        assert isinstance(m, int)
        key = tuple(t.text for t in self.toks[k : last + 1])
        ambiguous = key in AMBIGUOUS or (key[0][skip:],) in AMBIGUOUS
        # paired: حزيران/يونيو, حزيران (يونيو)
        j = last + 1
        if j + 1 < self.n and self.toks[j].text in ("/", "-", "(") and cal == "gregorian":
            pair = match_phrase(self.doc, j + 1, GREGORIAN_MONTHS)  # type: ignore[arg-type]
            if pair is not None and pair[1] == m:
                last = pair[0]
                ambiguous = False
                if self.toks[j].text == "(" and last + 1 < self.n and self.toks[last + 1].text == ")":
                    last += 1
        return last, m, cal, skip, ambiguous

    def mention(self, a: int, b: int, skip: int, **kw: object) -> DateMention:
        s, e, text = self.doc.tok_span(a, b, skip=skip)
        return DateMention(text, s, e, **kw)  # type: ignore[arg-type]

    def gregorian_day(self, a: int, b: int, skip: int, y: int, m: int, d: int) -> DateMention | None:
        if not 1 <= d <= days_in(y, m):
            return None
        iso = iso_date(date(y, m, d))
        return self.mention(a, b, skip, value=iso, low=iso, high=iso, precision="day", year=y, month=m, day=d)

    def gregorian_month(self, a: int, b: int, skip: int, y: int, m: int) -> DateMention:
        return self.mention(a, b, skip, value=f"{y:04d}-{m:02d}", low=iso_date(date(y, m, 1)),
                            high=iso_date(date(y, m, days_in(y, m))), precision="month", year=y, month=m)

    def interval(self, a: int, b: int, skip: int, lo: date, hi: date, precision: str,
                 **kw: object) -> DateMention:
        return self.mention(a, b, skip, value=None, low=iso_date(lo), high=iso_date(hi), precision=precision,
                            **kw)

    def day(self, a: int, b: int, skip: int, d: date) -> DateMention:
        """A relative date resolved to one day."""
        iso = iso_date(d)
        return self.mention(a, b, skip, value=iso, low=iso, high=iso, precision="day", year=d.year,
                            month=d.month,
                            day=d.day, relative=True)

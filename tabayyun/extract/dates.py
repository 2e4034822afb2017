"""Dates: days, months, years, seasons, parts of years, Hijri dates, relative dates.

Forms read (Arabic and English, any digits):

* ``28 حزيران/يونيو 2021``, ``28 يونيو 2021``, ``الثلاثاء 28 من جوان 2021``,
  ``June 28, 2021``, ``28th of June 2021``, ``2021-06-28``, ``28/06/2021`` (day
  first), ``28.06.2021``;
* months with or without a year: both Arabic sets (يناير … and كانون الثاني،
  شباط …), Maghrebi (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت) and Moroccan
  (يوليوز، غشت، شتنبر، نونبر، دجنبر) names, the paired forms حزيران/يونيو and
  حزيران (يونيو); names that are also common words (آب، مارس، may, march) only
  next to a day, a year or a paired name;
* years: ``عام 2014``, ``في 2014``, ``2014م``, a bare 1900–2100 number not
  followed by a counted noun; Hijri years and months (``1442 هـ``, ``رمضان
  1442``, ``15 رمضان 1442 هـ``) converted to Gregorian (see :mod:`.hijri`);
* seasons (``خريف 2021``, ``winter 2021`` = Dec 2020 – Feb 2021, the
  meteorological convention), parts (``منتصف 2020``, ``أواخر حزيران 2021``,
  ``early 2020``: thirds of the year or month), halves and quarters (``النصف
  الأول من 2020``, ``Q3 2021``) as intervals;
* relative dates (اليوم، أمس، الأسبوع الماضي، العام الماضي، الثلاثاء الماضي،
  قبل 3 أيام, yesterday, last year …), only when a document date is given.

The date relative dates resolve against is the document's: see :mod:`.document_date`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from . import hijri
from .calendar_words import (
    DAY_WORDS,
    DAYS_AGO,
    GREGORIAN_MONTHS,
    HALVES,
    HIJRI_MONTHS,
    NEXT,
    PARTS,
    PAST,
    QUARTERS,
    RELATIVE,
    SEASONS,
    WEEKDAYS,
    YEAR_PREPS,
    YEAR_WORDS,
)
from .date_reader import Reader, days_in, int_token, iso_date, match_phrase
from .tokens import Doc
from .types import DateMention
from .units import CURRENCY_WORDS, PERCENT_AFTER, group_ids, noun_lemma

_SUFFIXES = {"st", "nd", "rd", "th"}
_YEAR_WORD_TABLE = dict.fromkeys(YEAR_WORDS, 1)


def _numeric(r: Reader, i: int) -> DateMention | None:
    """``2021-06-28``, ``28/06/2021`` (day first), ``28.06.2021``."""
    t = r.toks
    text = t[i].text
    if t[i].kind != "num":
        return None
    if text.count(".") == 2:  # 28.06.2021
        parts = text.split(".")
        if (all(p.isdigit() for p in parts) and len(parts[2]) == 4
                and len(parts[0]) <= 2 and len(parts[1]) <= 2):
            d, m, y = int(parts[0]), int(parts[1]), int(parts[2])
            if 1 <= m <= 12 and 1000 <= y <= 2199:
                return r.gregorian_day(i, i, 0, y, m, d)
        return None
    if i + 4 >= r.n or t[i + 1].text not in ("-", "/") or t[i + 3].text != t[i + 1].text:
        return None
    if not all(r.doc.adjacent(k) for k in range(i + 1, i + 5)):
        return None
    a, b, c = (int_token(r.doc, k, 0, 9999) for k in (i, i + 2, i + 4))
    if a is None or b is None or c is None:
        return None
    if len(t[i].text) == 4 and 1 <= b <= 12:  # 2021-06-28
        return r.gregorian_day(i, i + 4, 0, a, b, c)
    if len(t[i + 4].text) == 4 and 1000 <= c <= 2199:  # 28/06/2021 (day first; month first if the day > 12)
        if 1 <= b <= 12:
            return r.gregorian_day(i, i + 4, 0, c, b, a)
        if 1 <= a <= 12:
            return r.gregorian_day(i, i + 4, 0, c, a, b)
    return None


def _day_month(r: Reader, i: int) -> DateMention | None:
    """``28 حزيران 2021``, ``28 من يونيو``, ``28th of June 2021``, ``15 رمضان 1442 هـ``."""
    d = int_token(r.doc, i, 1, 31, 2)
    if d is None:
        return None
    j = i + 1
    if j < r.n and r.toks[j].text in _SUFFIXES and r.doc.adjacent(j):
        j += 1
    if j < r.n and r.toks[j].text in ("من", "of"):
        j += 1
    mo = r.month(j)
    if mo is None:
        return None
    last, m, cal, _, _ = mo
    yr = r.year(last + 1, hijri_ok=True)
    if cal == "hijri":
        if yr is None:
            return None
        try:
            g = hijri.to_gregorian(yr[1], m, d)
        except ValueError:
            return None
        iso = iso_date(g)
        return r.mention(i, yr[0], 0, value=iso, low=iso, high=iso, precision="day", calendar="hijri",
                         year=g.year, month=g.month, day=g.day, hijri=f"{yr[1]:04d}-{m:02d}-{d:02d}")
    if yr is None or yr[2] == "hijri":
        if not 1 <= d <= 31 or d > (29 if m == 2 else days_in(2001, m)):
            return None
        return r.mention(i, last, 0, value=f"--{m:02d}-{d:02d}", low=None, high=None, precision="day",
                         month=m, day=d)
    return r.gregorian_day(i, yr[0], 0, yr[1], m, d)


def _month_first(r: Reader, i: int) -> DateMention | None:
    """``حزيران/يونيو 2021``, ``June 28, 2021``, ``رمضان 1442 هـ``, ``أغسطس``."""
    mo = r.month(i)
    if mo is None:
        return None
    last, m, cal, skip, ambiguous = mo
    if cal == "gregorian" and r.toks[i].kind == "en":
        d = int_token(r.doc, last + 1, 1, 31, 2)
        if d is not None:
            return _month_day_en(r, i, last, skip, m, d)
    yr = r.year(last + 1, hijri_ok=True)
    if cal == "hijri":
        if yr is None or (yr[2] == "gregorian" and yr[1] > 1600):
            return None
        lo, hi = hijri.month_interval(yr[1], m)
        return r.interval(i, yr[0], skip, lo, hi, "month", calendar="hijri", hijri=f"{yr[1]:04d}-{m:02d}")
    if yr is not None and yr[2] == "gregorian":
        return r.gregorian_month(i, yr[0], skip, yr[1], m)
    if last + 1 < r.n and ((r.toks[last + 1].text,) in PAST or (r.toks[last + 1].text,) in NEXT):
        if r.today is not None:
            return _relative_month(r, i, last, skip, m, r.today)
        ambiguous = False
    if ambiguous:
        return None
    return r.mention(i, last, skip, value=f"--{m:02d}", low=None, high=None, precision="month", month=m)


def _month_day_en(r: Reader, i: int, last: int, skip: int, m: int, d: int) -> DateMention | None:
    """``June 28, 2021``, ``June 28th``: an English month name and the day after it (and a year)."""
    j = last + 1
    if j + 1 < r.n and r.toks[j + 1].text in _SUFFIXES and r.doc.adjacent(j + 1):
        j += 1
    yr = r.year(j + 1)
    if yr is not None and yr[2] == "gregorian":
        return r.gregorian_day(i, yr[0], skip, yr[1], m, d)
    return r.mention(i, j, skip, value=f"--{m:02d}-{d:02d}", low=None, high=None, precision="day", month=m,
                     day=d)


def _relative_month(r: Reader, i: int, last: int, skip: int, m: int, today: date) -> DateMention | None:
    """تموز الماضي / next July: the nearest such month before (or after) the document date."""
    past = (r.toks[last + 1].text,) in PAST
    y = today.year
    if past and m >= today.month:
        y -= 1
    elif not past and m <= today.month:
        y += 1
    return replace(r.gregorian_month(i, last + 1, skip, y, m), relative=True)


def _year_at(r: Reader, i: int) -> DateMention | None:
    """``عام 2014``, ``في 2014``, ``2014م``, ``1442 هـ``, a bare 1900–2100 year."""
    t = r.toks
    a, skip = i, 0
    j = i
    if t[i].kind != "num":
        hit = match_phrase(r.doc, i, _YEAR_WORD_TABLE)  # type: ignore[arg-type]
        if hit is None and (t[i].text,) not in YEAR_PREPS:
            return None
        if hit is not None:
            j, skip = hit[0] + 1, hit[2]
        else:
            j = i + 1
            a = i + 1
        yr = r.year(j, hijri_ok=True)
        if yr is None or t[j].kind != "num":
            return None
    else:
        yr = r.year(i, hijri_ok=True, need_marker=False)
        if yr is None:
            return None
        if yr[0] == i and not 1900 <= yr[1] <= 2100:
            return None
        if yr[0] == i and not _bare_year_ok(r, i):
            return None
    last, y, cal = yr
    if cal == "hijri":
        lo, hi = hijri.year_interval(y)
        return r.interval(a, last, skip, lo, hi, "year", calendar="hijri", hijri=f"{y:04d}")
    return r.mention(a, last, skip, value=f"{y:04d}", low=f"{y:04d}-01-01", high=f"{y:04d}-12-31",
                     precision="year", year=y)


def _bare_year_ok(r: Reader, i: int) -> bool:
    """A bare number is a year unless it looks like an amount: a separator, a currency, a percent, a counted
    noun."""
    t = r.toks
    if "," in t[i].text or "." in t[i].text:
        return False
    if i > 0 and (t[i - 1].text in ("$", "€", "£") or t[i - 1].kind == "num"):
        return False
    k = i + 1
    if k < r.n:
        nxt = t[k]
        if (nxt.kind == "sym" and nxt.text in ("%", "$", "€", "-")) or nxt.text in CURRENCY_WORDS:
            return False
        if (nxt.text,) in PERCENT_AFTER or nxt.kind == "num":
            return False
        if nxt.kind in ("ar", "en") and noun_lemma(nxt.text) in group_ids():
            return False
        from .numbers import ar_word

        if nxt.kind == "ar" and ar_word(nxt.text, first=False) is not None:
            return False
    return True


def _period(r: Reader, i: int) -> DateMention | None:
    """Seasons, parts, halves and quarters of a year (or part of a month)."""
    t = r.toks
    for table, kind in ((HALVES, "half"), (QUARTERS, "quarter"), (PARTS, "part"), (SEASONS, "season")):
        hit = match_phrase(r.doc, i, table)  # type: ignore[arg-type]
        if hit is None:
            continue
        last, what, skip = hit
        j = last + 1
        if j < r.n and t[j].text == "-" and kind == "part":  # mid-2020
            j += 1
        if j < r.n and t[j].text in ("فصل",):
            j += 1
        if kind == "part":
            mo = r.month(j)
            if mo is not None and mo[2] == "gregorian":
                return _part_of_month(r, i, skip, str(what), mo[0], mo[1])
        yr = r.year(j)
        if yr is None or yr[2] != "gregorian":
            return None
        lo, hi = _period_interval(kind, str(what), yr[1])
        return r.interval(i, yr[0], skip, lo, hi, kind, year=yr[1])
    return None


def _part_of_month(r: Reader, i: int, skip: int, part: str, month_last: int, m: int) -> DateMention | None:
    """``أواخر حزيران 2021``, ``early June 2021``: a third of a month (the year is needed)."""
    yr = r.year(month_last + 1)
    if yr is None or yr[2] != "gregorian":
        return None
    y = yr[1]
    lo_d, hi_d = {"early": (1, 10), "mid": (11, 20), "late": (21, days_in(y, m))}[part]
    return r.interval(i, yr[0], skip, date(y, m, lo_d), date(y, m, hi_d), "part", year=y, month=m)


def _period_interval(kind: str, what: str, y: int) -> tuple[date, date]:
    """The days of a half, quarter, part (third) or meteorological season of year ``y``."""
    if kind == "half":
        h = int(what)
        return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))
    if kind == "quarter":
        q = int(what)
        return date(y, 3 * q - 2, 1), date(y, 3 * q, days_in(y, 3 * q))
    if kind == "part":
        return {"early": (date(y, 1, 1), date(y, 4, 30)), "mid": (date(y, 5, 1), date(y, 8, 31)),
                "late": (date(y, 9, 1), date(y, 12, 31))}[what]
    return {"spring": (date(y, 3, 1), date(y, 5, 31)), "summer": (date(y, 6, 1), date(y, 8, 31)),
            "autumn": (date(y, 9, 1), date(y, 11, 30)),
            "winter": (date(y - 1, 12, 1), date(y, 2, days_in(y, 2)))}[what]


def _relative(r: Reader, i: int) -> DateMention | None:
    """Relative dates, resolved against the document date (none without one)."""
    today = r.today
    if today is None:
        return None
    hit = match_phrase(r.doc, i, RELATIVE)  # type: ignore[arg-type]
    if hit is not None:
        last, rel, skip = hit
        assert isinstance(rel, tuple)
        return _resolve(r, i, last, skip, str(rel[0]), int(rel[1]), today)
    return _days_ago(r, i, today) or _weekday(r, i, today)


def _days_ago(r: Reader, i: int, today: date) -> DateMention | None:
    """قبل 3 أيام / منذ يومين / 3 days ago."""
    t = r.toks
    if (t[i].text,) in DAYS_AGO and i + 2 < r.n:
        nd = int_token(r.doc, i + 1, 1, 366, 3)
        if nd is not None and (t[i + 2].text,) in DAY_WORDS:
            return r.day(i, i + 2, 0, today - timedelta(days=nd))
    nd = int_token(r.doc, i, 1, 366, 3)
    if nd is not None and i + 2 < r.n and (t[i + 1].text,) in DAY_WORDS and t[i + 2].text == "ago":
        return r.day(i, i + 2, 0, today - timedelta(days=nd))
    return None


def _weekday(r: Reader, i: int, today: date) -> DateMention | None:
    """(يوم) الثلاثاء (الماضي) / last Tuesday / on Tuesday: the nearest such day (before, unless "next")."""
    t = r.toks
    a = i
    j = i
    direction = 0
    if t[i].text in ("يوم", "on", "last", "next"):
        if t[i].text == "last":
            direction = -1
        if t[i].text == "next":
            direction = 1
        j = i + 1
    hit = match_phrase(r.doc, j, WEEKDAYS)  # type: ignore[arg-type]
    if hit is None or (j == i and t[i].kind == "en" and not r.doc.is_upper(i)):
        return None
    last, wd, skip = hit
    # a weekday in front of an explicit date is part of that date
    for k in (last + 1, last + 2):
        if k < r.n and (_day_month(r, k) or _numeric(r, k)):
            return None
    if last + 1 < r.n and (t[last + 1].text,) in PAST:
        direction, last = -1, last + 1
    elif last + 1 < r.n and (t[last + 1].text,) in NEXT:
        direction, last = 1, last + 1
    delta = (today.weekday() - int(str(wd))) % 7
    if direction == 1:
        target = today + timedelta(days=(int(str(wd)) - today.weekday()) % 7 or 7)
    else:
        target = today - timedelta(days=delta if direction == 0 or delta else 7)
    return r.day(a, last, skip if a == j else 0, target)


def _resolve(r: Reader, a: int, b: int, skip: int, unit: str, off: int, today: date) -> DateMention:
    """اليوم، أمس، الأسبوع الماضي، العام المقبل …: ``off`` days, weeks, months or years from ``today``."""
    if unit == "day":
        return r.day(a, b, skip, today + timedelta(days=off))
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=off)
        return r.mention(a, b, skip, value=f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}",
                         low=iso_date(monday), high=iso_date(monday + timedelta(days=6)), precision="week",
                         relative=True)
    if unit == "month":
        idx = today.year * 12 + today.month - 1 + off
        y, m = divmod(idx, 12)
        m += 1
        return r.mention(a, b, skip, value=f"{y:04d}-{m:02d}", low=iso_date(date(y, m, 1)),
                         high=iso_date(date(y, m, days_in(y, m))), precision="month", year=y, month=m,
                         relative=True)
    y = today.year + off
    return r.mention(a, b, skip, value=f"{y:04d}", low=f"{y:04d}-01-01", high=f"{y:04d}-12-31",
                     precision="year", year=y, relative=True)


#: the date forms, tried in this order at each token
_PATTERNS = (_numeric, _day_month, _period, _month_first, _year_at, _relative)

_TRIGGERS: list[frozenset[str]] = []


def _triggers() -> frozenset[str]:
    """Every word a date mention can start with (a quick filter before the patterns)."""
    if not _TRIGGERS:
        words: set[str] = {"يوم", "on", "last", "next", "the"}
        for table in (GREGORIAN_MONTHS, HIJRI_MONTHS, SEASONS, PARTS, HALVES, QUARTERS, RELATIVE, WEEKDAYS,
                      _YEAR_WORD_TABLE):
            words |= {k[0] for k in table}
        words |= {k[0] for k in YEAR_PREPS} | {k[0] for k in DAYS_AGO}
        _TRIGGERS.append(frozenset(words))
    return _TRIGGERS[0]


def _last_token(doc: Doc, m: DateMention, start: int) -> int:
    k = start
    while k + 1 < len(doc.tokens) and doc.span(doc.tokens[k + 1].start, doc.tokens[k + 1].end)[1] <= m.end:
        k += 1
    return k


def extract_dates(doc: Doc, document_date: date | None = None) -> tuple[list[DateMention], set[int]]:
    """All date mentions and the token indices they use."""
    reader = Reader(doc, document_date)
    out: list[DateMention] = []
    taken: set[int] = set()
    i = 0
    n = len(doc.tokens)
    triggers = _triggers()
    toks = doc.tokens
    while i < n:
        t = toks[i]
        if t.kind != "num" and t.text not in triggers and t.text[1:] not in triggers:
            i += 1
            continue
        m = None
        for pattern in _PATTERNS:
            try:
                m = pattern(reader, i)
            except (ValueError, OverflowError):
                m = None
            if m is not None:
                break
        if m is None:
            i += 1
            continue
        first = i
        while first < n and doc.span(doc.tokens[first].start, doc.tokens[first].end)[1] <= m.start:
            first += 1
        last = _last_token(doc, m, first)
        out.append(m)
        taken.update(range(i, last + 1))
        i = last + 1
    return out, taken

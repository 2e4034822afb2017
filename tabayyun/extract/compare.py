"""Compare the quantities, dates and entities of a claim with those of an evidence sentence.

Only mentions that play the same role are compared (alignment), because a wrong
"mismatch" turns a true claim into "refuted"; when roles cannot be aligned,
nothing is emitted. The rules:

**Quantities** align when
  * both carry the same unit (a currency code, ``percent``, ``pp``) and their
    counted nouns do not conflict, or both have no unit and their counted nouns
    fall in the same group of ``tabayyun/data/nouns.tsv`` (or in groups listed
    as comparable: a country counted as a member);
  * their roles (killed / injured / arrested / displaced, read from nearby
    words) do not conflict, and ordinals align only with ordinals.
  An implied count (kind ``implied``: "العضوان الجديدان رقم 40 و41" → 41
  members) compares as the number of members right after the last one joined.
  Two bare numbers (no unit, no noun) are compared only when each side has
  exactly one, and then never reported as a mismatch (at most not_comparable).
  A claim quantity is compared with every aligned evidence quantity: any match
  → match; all mismatch → mismatch; otherwise not_comparable.

  Values: two exact numbers are compared at the coarser precision the writing
  implies ("10 آلاف" is 10 thousand to the nearest thousand, so 10,200 matches;
  "436" is exact, so 400 does not). A hedged claim is an interval ("نحو" ±10 %,
  "أكثر من 600" = [600, ∞)) that the evidence must fall inside; a list ("82
  و83") matches when the other number is one of its members; two intervals
  that neither contain nor exclude each other are not comparable.

**Dates** align with every date of the evidence: an evidence interval inside
the claim's → match (a day inside a claimed month or Hijri month); disjoint →
mismatch (seasons and parts of years are fuzzy: they mismatch only when more
than a month apart); an evidence date coarser than the claim's → not
comparable. A month or day without a year compares by month (and day) alone.

**Entities**: a claim entity whose canonical name (alias table), word set or
transliteration skeleton (بلينكن = Blinken, ترامب = ترمب) is found in the
evidence → match. A mismatch is emitted only for a clean substitution: exactly
one unmatched claim entity and exactly one unmatched evidence entity of the same
class (person; nationality; organization). Places are compared by the role they
play (where, where from, where to), across scripts and homographs (عمان: Oman or
Amman) and through a city's country: see :mod:`.places`.
"""

from __future__ import annotations

import math
from datetime import date

from ..results import Check, CheckOutcome
from .aliases import AliasTable
from .types import DateMention, Entity, Extraction, Quantity
from .units import COMPARABLE_GROUPS

_EPS = 1e-9
_RATES = ("percent", "pp", "bp")
_FUZZY = ("part", "season", "half", "quarter")
#: an implied count ("the 41st member to join" → 41 members) is the count right after that member joined
_IMPLIED_TOLERANCE = "implied by the position of the member that joined"


# ------------------------------------------------------------------ quantities
def _nouns_agree(a: str | None, b: str | None) -> bool:
    return a == b or frozenset({a, b}) in COMPARABLE_GROUPS


def _aligned(c: Quantity, e: Quantity) -> bool:
    if (c.kind == "ordinal") != (e.kind == "ordinal"):
        return False
    if c.role and e.role and c.role != e.role:
        return False
    if c.unit or e.unit:
        if c.unit != e.unit:
            return False
        return c.noun is None or e.noun is None or _nouns_agree(c.noun, e.noun)
    return c.noun is not None and e.noun is not None and _nouns_agree(c.noun, e.noun)


def _fmt(x: float | None) -> str:
    if x is None:
        return "∞"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.4g}" if abs(x) < 1000 else f"{x:,.2f}"


def _bounds(q: Quantity) -> tuple[float, float]:
    lo = q.low if q.low is not None else -math.inf
    hi = q.high if q.high is not None else math.inf
    return lo, hi


def _is_point(q: Quantity) -> bool:
    return (q.value is not None and q.hedge is None
            and q.kind in ("cardinal", "fraction", "ordinal", "implied"))


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _EPS * max(1.0, abs(a), abs(b))


def _same_rounded(a: float, pa: float | None, b: float, pb: float | None) -> tuple[bool, float]:
    p = max(pa or 1.0, pb or 1.0)
    if p <= 0:
        return _close(a, b), 0.0
    return _close(round(a / p), round(b / p)) or _close(a, b), p


def _points(q: Quantity) -> tuple[float, ...]:
    return q.values if q.kind == "list" else ((q.value,) if q.value is not None else ())


def is_tally(q: Quantity) -> bool:
    """Two numbers written high to low ("7-0", "19.5 to 10.5", "3-1"): a score or a tally, not a range.

    A range is written from its low end ("10-20 people", "بين 10 و20"); read as a range, a score
    "7-0" would hold every other score below 7 ("1-0" would match it).
    """
    return q.kind == "range" and len(q.values) == 2 and q.values[0] > q.values[1]


def compare_tallies(c: Quantity, e: Quantity) -> tuple[CheckOutcome, str | None, str]:
    """Two scores: the same two numbers (either order: who is named first varies) or a mismatch."""
    if not (is_tally(c) and is_tally(e)):
        return "not_comparable", None, "a score against a range or a single number"
    a, b = sorted(c.values), sorted(e.values)
    if all(_close(x, y) for x, y in zip(a, b, strict=True)):
        return "match", "exact", f"the same score {c.text!r} = {e.text!r}"
    return "mismatch", "exact", f"claim says {c.text!r}, evidence says {e.text!r}"


def compare_quantities(c: Quantity, e: Quantity) -> tuple[CheckOutcome, str | None, str]:
    """One aligned pair → ``(result, tolerance, detail)``."""
    if is_tally(c) or is_tally(e):
        return compare_tallies(c, e)
    either_list = c.kind == "list" or e.kind == "list"
    if (_is_point(c) and _is_point(e)) or (either_list and _points(c) and _points(e)):
        if (c.kind == "list") or (e.kind == "list"):
            for a in _points(c):
                for b in _points(e):
                    same, p = _same_rounded(a, c.precision, b, e.precision)
                    if same:
                        return "match", "one of the listed values", f"{_fmt(a)} is among {_fmt(b)}"
            listed = (f"claim {c.text!r} ({', '.join(map(_fmt, _points(c)))}) vs evidence "
                      f"{', '.join(map(_fmt, _points(e)))}")
            return "mismatch", "one of the listed values", listed
        assert c.value is not None and e.value is not None
        same, p = _same_rounded(c.value, c.precision, e.value, e.precision)
        tol = "exact" if p <= 1 and not (c.precision and c.precision < 1) else f"rounded to {_fmt(p)}"
        if "implied" in (c.kind, e.kind):
            tol = _IMPLIED_TOLERANCE
        if same:
            how = "" if tol == "exact" else f" ({tol})"
            return "match", tol, f"{_fmt(c.value)} = {_fmt(e.value)}{how}"
        return "mismatch", tol, f"claim says {_fmt(c.value)}, evidence says {_fmt(e.value)}"
    clo, chi = _bounds(c)
    elo, ehi = _bounds(e)
    if _is_point(c):
        assert c.value is not None
        clo = chi = c.value
    if _is_point(e):
        assert e.value is not None
        elo = ehi = e.value
    ctol = _hedge_tolerance(c)
    if ehi < clo - _EPS * max(1, abs(clo)) or elo > chi + _EPS * max(1, abs(chi)):
        return (
            "mismatch",
            ctol or _hedge_tolerance(e),
            f"claim range [{_fmt(_nf(clo))}, {_fmt(_nf(chi))}] "
            f"excludes evidence [{_fmt(_nf(elo))}, {_fmt(_nf(ehi))}]",
        )
    if clo <= elo and ehi <= chi:
        return "match", ctol, (f"evidence {e.text!r} lies within the claim's "
                               f"[{_fmt(_nf(clo))}, {_fmt(_nf(chi))}]")
    if _is_point(c) and e.hedge == "approx" and elo <= clo <= ehi:
        detail = f"{_fmt(c.value)} is within the evidence's approximate {e.text!r}"
        return "match", _hedge_tolerance(e), detail
    detail = "the two ranges overlap without one containing the other"
    return "not_comparable", ctol or _hedge_tolerance(e), detail


def _nf(x: float) -> float | None:
    return None if math.isinf(x) else x


def _hedge_tolerance(q: Quantity) -> str | None:
    return {
        "approx": "±10% (approximate)",
        "more_than": "lower bound",
        "at_least": "lower bound",
        "less_than": "upper bound",
        "at_most": "upper bound",
        "between": "range",
        "vague": "vague count",
    }.get(q.hedge or "")


def _quantity_checks(cq: tuple[Quantity, ...], eq: tuple[Quantity, ...]) -> list[Check]:
    checks: list[Check] = []
    bare_c = [q for q in cq if q.unit is None and q.noun is None and q.kind != "ordinal"]
    bare_e = [q for q in eq if q.unit is None and q.noun is None and q.kind != "ordinal"]
    pct_c = [q for q in cq if q.unit in _RATES and q.noun is None]
    pct_e = [q for q in eq if q.unit in _RATES and q.noun is None]
    for c in cq:
        cands = [e for e in eq if _aligned(c, e)]
        if c.unit in _RATES and c.noun is None and not (len(pct_c) == 1 and len(pct_e) == 1):
            cands = [e for e in cands if e.noun is not None]  # several rates: which is which is unknown
        downgrade = False
        if not cands and len(bare_c) == 1 and len(bare_e) == 1 and c is bare_c[0]:
            # two scores ("7-0", "1-0") are aligned by their shape; other bare numbers are not
            cands, downgrade = bare_e, not (is_tally(c) and is_tally(bare_e[0]))
        if not cands:
            continue
        results = [(compare_quantities(c, e), e) for e in cands]
        best = next((r for r in results if r[0][0] == "match"), None)
        if best is None:
            if all(r[0][0] == "mismatch" for r in results):
                best = min(results, key=lambda r: _distance(c, r[1]))
            else:
                best = next(r for r in results if r[0][0] == "not_comparable")
        (outcome, tol, detail), e = best
        if downgrade and outcome == "mismatch":
            outcome, detail = "not_comparable", detail + " (no unit or counted noun to align them)"
        checks.append(Check("quantity", c.text, e.text, outcome, detail, tol, e.start, e.end))
    return checks


def _distance(c: Quantity, e: Quantity) -> float:
    a = c.value if c.value is not None else (c.low or 0.0)
    b = e.value if e.value is not None else (e.low or 0.0)
    return abs(a - b)


# ------------------------------------------------------------------ dates
def _d(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def compare_dates(c: DateMention, e: DateMention) -> tuple[CheckOutcome, str | None, str] | None:
    """One pair → ``(result, tolerance, detail)``; ``None`` when they cannot be related at all."""
    clo, chi, elo, ehi = _d(c.low), _d(c.high), _d(e.low), _d(e.high)
    if clo is None or elo is None or chi is None or ehi is None:
        if c.month is None or e.month is None:
            return None
        if c.day is not None and e.day is not None:
            ok = (c.month, c.day) == (e.month, e.day)
            what = "day and month"
        elif c.precision == "day" and e.precision == "day":
            return None
        else:
            ok = c.month == e.month
            what = "month"
        if (c.precision not in ("day", "month")) or (e.precision not in ("day", "month")):
            return None
        detail = f"same {what}" if ok else f"claim month {c.month}, evidence month {e.month}"
        return ("match" if ok else "mismatch"), f"{what} only (year not stated)", detail
    if elo >= clo and ehi <= chi:
        tol = "exact" if (elo, ehi) == (clo, chi) else f"within the claim's {c.precision}"
        return "match", tol, f"{e.value or f'{e.low}..{e.high}'} is within {c.value or f'{c.low}..{c.high}'}"
    if ehi < clo or elo > chi:
        gap = (clo - ehi).days if ehi < clo else (elo - chi).days
        if (c.precision in _FUZZY or e.precision in _FUZZY) and gap <= 31:
            detail = f"{c.text!r} and {e.text!r} are adjacent periods"
            return "not_comparable", "fuzzy period boundary", detail
        return "mismatch", "calendar interval", f"claim {c.low}..{c.high}, evidence {e.low}..{e.high}"
    return "not_comparable", "calendar interval", f"evidence {e.low}..{e.high} is less precise than the claim"


def _date_checks(cd: tuple[DateMention, ...], ed: tuple[DateMention, ...]) -> list[Check]:
    checks: list[Check] = []
    for c in cd:
        results = [(r, e) for e in ed if (r := compare_dates(c, e)) is not None]
        if not results:
            continue
        best = next((x for x in results if x[0][0] == "match"), None)
        if best is None:
            mism = [x for x in results if x[0][0] == "mismatch"]
            best = mism[0] if len(mism) == len(results) else next(x for x in results if x[0][0] != "mismatch")
        (outcome, tol, detail), e = best
        checks.append(Check("date", c.text, e.text, outcome, detail, tol, e.start, e.end))
    return checks


# ------------------------------------------------------------------ entities
_AR_MAP: dict[str, str | int | None] = {
    "ب": "b", "ت": "t", "ث": "t", "ج": "g", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
    "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "g", "ف": "f", "ق": "k",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ا": "", "و": "", "ي": "", "ء": "", " ": " ",
}
_AR_SKELETON = str.maketrans(_AR_MAP)


def skeleton(name: str) -> str:
    """A consonant skeleton shared by an Arabic name and its Latin transliteration (ترامب = Trump)."""
    from ..text.normalize import normalize

    s = normalize(name)
    for a, b in (("sh", "s"), ("th", "t"), ("kh", "k"), ("ph", "f"), ("ch", "s"), ("ck", "k"), ("dh", "d"),
                 ("gh", "g")):
        s = s.replace(a, b)
    s = s.translate(_AR_SKELETON)
    s = s.translate(_LATIN_SKELETON)
    return _squeeze(s)


_LATIN_MAP: dict[str, str | int | None] = {"p": "b", "v": "f", "q": "k", "c": "k", "j": "g", "x": "ks",
                                           "a": "", "e": "",
                                 "i": "", "o": "", "u": "", "y": "", "w": "", "-": "", "'": "", ".": ""}
_LATIN_SKELETON = str.maketrans(_LATIN_MAP)


def _squeeze(s: str) -> str:
    out: list[str] = []
    for ch in s:
        if ((ch.isalpha() and ch.isascii()) or ch == " ") and (not out or out[-1] != ch):
            out.append(ch)
    return "".join(out).strip()


def _class(e: Entity) -> str:
    if e.type == "place":
        return "country" if e.subtype in ("country", "nationality") else (e.subtype or "place")
    return e.type


def _words(canonical: str) -> set[str]:
    from .units import strip_article

    return {strip_article(w) for w in canonical.lower().replace("-", " ").split() if len(w) > 1}


def same_entity(a: Entity, b: Entity) -> str | None:
    """How ``a`` and ``b`` name the same thing (``canonical``, ``partial``, ``transliteration``) or
    ``None``."""
    if a.canonical == b.canonical:
        return "canonical"
    if _class(a) != _class(b):
        return None
    wa, wb = _words(a.canonical), _words(b.canonical)
    if wa and wb and (wa <= wb or wb <= wa) and (a.source != "gazetteer" or b.source != "gazetteer"):
        return "partial name"
    sa = [skeleton(w) for w in a.text.split()]
    sb = [skeleton(w) for w in b.text.split()]
    sa_set = {s.replace(" ", "") for s in sa if len(s) >= 3}
    sb_set = {s.replace(" ", "") for s in sb if len(s) >= 3}
    if a.type == "person" and sa_set and sb_set and (sa_set <= sb_set or sb_set <= sa_set):
        return "transliteration"
    if a.source != "gazetteer" or b.source != "gazetteer":
        ja, jb = skeleton(a.canonical).replace(" ", ""), skeleton(b.canonical).replace(" ", "")
        if len(ja) >= 3 and ja == jb:
            return "transliteration"
    return None


def _inner_canonicals(e: Entity) -> set[str]:
    """Canonical names of the known entities inside a mention (داعش inside التحالف الدولي لهزيمة داعش)."""
    from .entities import known_names

    return known_names(e.text)


def _contains(a: Entity, b: Entity) -> bool:
    """One mention inside the other (either way): shared words after normalization, or a known name nested."""
    from ..text.normalize import normalize

    wa, wb = set(normalize(a.text).split()), set(normalize(b.text).split())
    if wa and wb and (wa <= wb or wb <= wa):
        return True
    return a.canonical in _inner_canonicals(b) or b.canonical in _inner_canonicals(a)


def _entity_checks(ce: tuple[Entity, ...], ee: tuple[Entity, ...], claim: str = "",
                   evidence: str = "") -> list[Check]:
    """People, organizations and nationalities here; places by their role in :mod:`.places`."""
    from .places import is_place, place_checks

    checks: list[Check] = []
    unmatched_c: list[Entity] = []
    matched_e: set[int] = set()
    seen: set[str] = set()
    places = place_checks(ce, ee, claim, evidence)
    ce = tuple(c for c in ce if not is_place(c))
    for c in ce:
        hit = next(((how, k, e) for k, e in enumerate(ee) if (how := same_entity(c, e))), None)
        if hit is None:
            unmatched_c.append(c)
            continue
        how, k, e = hit
        matched_e.add(k)
        if c.canonical in seen:
            continue
        seen.add(c.canonical)
        checks.append(Check("entity", c.text, e.text, "match", f"both name {c.canonical} ({how})",
                            None if how == "canonical" else how, e.start, e.end))
    for k, e in enumerate(ee):
        if any(same_entity(c, e) for c in ce):
            matched_e.add(k)
    unmatched_e = [e for k, e in enumerate(ee) if k not in matched_e and not is_place(e)]
    for cls in sorted({_class(c) for c in unmatched_c}):
        cs = {c.canonical: c for c in unmatched_c if _class(c) == cls}
        es = {e.canonical: e for e in unmatched_e if _class(e) == cls}
        if len(cs) == 1 and len(es) == 1:
            c, e = next(iter(cs.values())), next(iter(es.values()))
            if _contains(c, e) or (cls == "org" and {c.source, e.source} != {"gazetteer"}):
                # "داعش" inside "التحالف الدولي ضد داعش"; a rule-made org is a guessed noun phrase
                # ("قوات برية", ground forces), not a name: only two known names substitute
                continue
            checks.append(
                Check(
                    "entity",
                    c.text,
                    e.text,
                    "mismatch",
                    f"claim names {c.canonical}, evidence names {e.canonical} in its place ({cls})",
                    "one-to-one substitution",
                    e.start,
                    e.end,
                )
            )
    return checks + places


# ------------------------------------------------------------------ entry point
def compare(
    claim: str,
    evidence: str,
    *,
    claim_extraction: Extraction | None = None,
    evidence_extraction: Extraction | None = None,
    aliases: AliasTable | None = None,
    evidence_date: date | None = None,
) -> list[Check]:
    """Explicit comparisons between ``claim`` and ``evidence``; offsets index ``evidence``.

    ``evidence_date`` is the date of the document the evidence comes from: its relative
    dates (اليوم، أمس، this week, الشهر الماضي) resolve against it, so "في عمّان اليوم" in a
    statement of 3 May 2022 matches a claim dated May 3, 2022.
    """
    from . import extract

    cx = claim_extraction if claim_extraction is not None else extract(claim, aliases=aliases)
    ex = (evidence_extraction if evidence_extraction is not None
          else extract(evidence, aliases=aliases, document_date=evidence_date))
    told = _told_checks(claim, evidence, cx, ex)
    return (told + _quantity_checks(cx.quantities, ex.quantities) + _date_checks(cx.dates, ex.dates)
            + _entity_checks(cx.entities, ex.entities, claim, evidence))


def _told_checks(claim: str, evidence: str, cx: Extraction, ex: Extraction) -> list[Check]:
    """What the sentences say of their facts: list membership, completion, quantifiers (own modules)."""
    from .completion import completion_checks, quantifier_checks
    from .membership import membership_checks

    return (
        membership_checks(claim, cx.entities, evidence, ex.entities)
        + completion_checks(claim, evidence, cx.quantities, ex.quantities)
        + quantifier_checks(claim, evidence)
    )

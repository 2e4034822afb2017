"""Quantities: a number with its hedge, unit and counted noun.

Around each number phrase (:mod:`tabayyun.extract.numbers`) the extractor reads:

* a hedge before or after it, turned into an interval: نحو/حوالي/قرابة/about →
  ±10 %; أكثر من/more than → ``[v, ∞)``; ما لا يقل عن/at least → ``[v, ∞)``;
  أقل من/less than → ``(-∞, v]``; بين … و …/between … and …/من … إلى … → a range;
* lists ("82 و83", "1, 2 and 3") and ranges ("10-15", "بين 10 و15 مليون", where
  the scale of the second number carries to the first);
* a currency (words in any case, with a nationality: دولار أمريكي، ريال قطري;
  symbols $ € £; ISO codes), a percentage (% ٪ بالمئة، في المائة، percent) or
  percentage points (نقطة مئوية، percentage points);
* the counted noun after the number ("600 مقاتل") or before it ("عدد القتلى 600",
  "العضوين 82 و83"), as a group id from ``tabayyun/data/nouns.tsv`` where known;
* the role: a verb or noun of what happened to the counted (قتل، أصيب …) nearby;
* ordinals (:mod:`.ordinals`): الثالث، الحادي والعشرين، الـ15، 21st, third;
* implied counts (:mod:`.implied`): the position of a member that joins is the
  count right after it joined ("انضمام عضوين جديدين رقم 40 و41" → 41 members).

Numbers inside identifiers (F16, كوفيد-19) are skipped, and a bare four-digit
number between 1900 and 2100 is left to the date extractor as a year.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .implied import positional
from .lexicon import (
    AR_ORDINAL_TENS,
    AR_ORDINALS,
    AR_PREFIXES,
    EN_NUMBER_WORDS,
    EN_ORDINAL_SUFFIXES,
    EN_ORDINALS,
    EN_SCALE_ABBREV,
    EN_VAGUE,
)
from .numbers import NumberParse, ar_word, parse_number
from .ordinals import ordinal_at, ordinal_quantity
from .tokens import Doc, Token
from .types import Quantity, as_hedge
from .units import (
    APPROX_TOLERANCE,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    HEDGE_MAX_LEN,
    HEDGES_AFTER,
    HEDGES_BEFORE,
    LIST_MID,
    PERCENT_AFTER,
    RANGE_MID,
    RANGE_OPEN,
    ROLE_WORDS,
    group_ids,
    noun_groups,
    noun_lemma,
    prefix_currency,
    qualify_currency,
    strip_article,
)

_SENTENCE_PUNCT = frozenset(".!?;:\n")
_HEDGE_AFTER_FIRST = frozenset(k[0] for k in HEDGES_AFTER)
_CLITICS = ("وب", "ول", "فب", "و", "ب", "ل", "ف")



def _is_number_start(doc: Doc, i: int) -> bool:
    tok = doc.tokens[i]
    if tok.kind == "num":
        return True
    if tok.kind == "ar":
        return ar_word(tok.text, first=True) is not None
    if tok.kind == "en":
        return tok.text in EN_NUMBER_WORDS or tok.text in EN_VAGUE or tok.text in ("a", "an")
    return False


def _may_start(tok: Token) -> bool:
    """A cheap filter: could a number or an ordinal start at this token?"""
    if tok.kind == "num":
        return True
    if tok.kind == "ar":
        return (tok.text == "ال" or tok.text in AR_ORDINALS or tok.text in AR_ORDINAL_TENS
                or ar_word(tok.text, first=True) is not None)
    if tok.kind == "en":
        return (tok.text in EN_NUMBER_WORDS or tok.text in EN_VAGUE or tok.text in EN_ORDINALS
                or tok.text in ("a", "an"))
    return False


def _in_identifier(doc: Doc, np: NumberParse) -> bool:
    """F16, كوفيد-19, 5G: digits glued to a Latin word or hyphenated to a word."""
    toks = doc.tokens
    i, j = np.i, np.j
    if toks[i].kind != "num":
        return False
    if doc.adjacent(i) and toks[i - 1].kind == "en":
        return True
    if doc.adjacent(i) and toks[i - 1].text in ("-", "/", "_") and i >= 2 and doc.adjacent(i - 1):
        return toks[i - 2].kind in ("ar", "en")
    if j + 1 < len(toks) and doc.adjacent(j + 1) and toks[j + 1].kind == "en" and j == i:
        nxt = toks[j + 1].text
        return nxt not in EN_SCALE_ABBREV and nxt not in EN_ORDINAL_SUFFIXES
    return False


def _match_before(doc: Doc, end: int, table: dict[tuple[str, ...], str],
                  max_len: int) -> tuple[int, int, str]:
    """The longest phrase of ``table`` ending at token ``end - 1``: ``(start_token, skip, value)``."""
    if end < 1:
        return end, 0, ""
    last_text, lw = doc.tokens[end - 1].text, _last_words(table)
    if last_text not in lw and last_text[1:] not in lw and last_text[2:] not in lw:
        return end, 0, ""
    for length in range(min(max_len, end), 0, -1):
        start = end - length
        words = [t.text for t in doc.tokens[start:end]]
        hit = table.get(tuple(words))
        if hit is not None:
            return start, 0, hit
        for c in _CLITICS:
            if words[0].startswith(c) and len(words[0]) > len(c) + 1:
                hit = table.get((words[0][len(c) :], *words[1:]))
                if hit is not None:
                    return start, len(c), hit
    return end, 0, ""


_LAST_WORDS: dict[int, frozenset[str]] = {}


def _last_words(table: dict[tuple[str, ...], str]) -> frozenset[str]:
    got = _LAST_WORDS.get(id(table))
    if got is None:
        got = frozenset(k[-1] for k in table)
        _LAST_WORDS[id(table)] = got
    return got


def _match_after(doc: Doc, k: int, table: dict[tuple[str, ...], str], max_len: int = 3) -> tuple[int, str]:
    """The longest phrase of ``table`` starting at token ``k``: ``(last_token, value)``; ``(k-1, "")``."""
    n = len(doc.tokens)
    for length in range(min(max_len, n - k), 0, -1):
        words = tuple(t.text for t in doc.tokens[k : k + length])
        hit = table.get(words)
        if hit is not None:
            return k + length - 1, hit
    return k - 1, ""


def _currency_at(doc: Doc, k: int) -> tuple[int, str] | None:
    """A currency word/code/symbol at token ``k`` (with a following nationality): ``(last, code)``."""
    toks = doc.tokens
    if k >= len(toks):
        return None
    t = toks[k]
    if t.kind == "sym" and t.text in CURRENCY_SYMBOLS:
        return k, CURRENCY_SYMBOLS[t.text]
    word = t.text
    code = CURRENCY_WORDS.get(word)
    if code is None and t.kind == "ar":
        code = CURRENCY_WORDS.get(strip_article(word))
    if code is None:
        return None
    if t.kind == "en" and k > 0 and toks[k - 1].kind == "en":
        pre = prefix_currency(toks[k - 1].text)
        if pre:
            code = pre
    if k + 1 < len(toks) and toks[k + 1].kind in ("ar", "en"):
        q = qualify_currency(code, toks[k + 1].text)
        if q is not None:
            return k + 1, q
    return k, code


def _noun_after(doc: Doc, k: int) -> tuple[int, str] | None:
    toks = doc.tokens
    if k >= len(toks) or toks[k].kind not in ("ar", "en"):
        return None
    groups = noun_groups()
    if k + 1 < len(toks):
        two = (strip_article(toks[k].text), toks[k + 1].text)
        if two in groups:
            return k + 1, groups[two]
    word = toks[k].text
    if toks[k].kind == "ar" and (word.startswith("و") and noun_lemma(word) not in group_ids()):
        return None
    if ar_word(word, first=False) is not None or word in EN_NUMBER_WORDS or word in ROLE_WORDS:
        return None
    if word in _HEDGE_AFTER_FIRST or word == "ال":
        return None
    lemma = noun_lemma(word)
    return (k, lemma) if lemma else None


def _noun_before(doc: Doc, start: int) -> str | None:
    """``عدد القتلى … 600`` / ``the number of deaths … 600`` / a definite known noun right before."""
    toks = doc.tokens
    groups = group_ids()
    lo = max(0, start - 7)
    for k in range(start - 1, lo - 1, -1):
        t = toks[k]
        if (t.kind == "sym" and t.text in _SENTENCE_PUNCT) or t.kind == "num":
            break
        w = strip_article(t.text) if t.kind == "ar" else t.text
        if w in ("عدد", "اعداد", "حصيله") and k + 1 < start:
            return noun_lemma(toks[k + 1].text)
        if w == "number" and k + 2 < start and toks[k + 1].text == "of":
            return noun_lemma(toks[k + 2].text)
    if start >= 1 and toks[start - 1].kind == "ar" and toks[start - 1].text.startswith("ال"):
        lemma = noun_lemma(toks[start - 1].text)
        if lemma in groups:
            return lemma
    return None


def _role(doc: Doc, start: int, end: int) -> str | None:
    toks = doc.tokens
    for k in list(range(start - 1, max(-1, start - 5), -1)) + list(range(end + 1, min(len(toks), end + 3))):
        t = toks[k]
        if t.kind == "sym" and t.text in _SENTENCE_PUNCT:
            continue
        w = t.text
        role = ROLE_WORDS.get(w)
        if role is None and t.kind == "ar":
            for c in _CLITICS:
                if w.startswith(c) and w[len(c) :] in ROLE_WORDS:
                    role = ROLE_WORDS[w[len(c) :]]
                    break
        if role is not None:
            return role
    return None


def _f(x: Decimal | None) -> float | None:
    return None if x is None else float(x)


def _combine(doc: Doc, first: NumberParse, taken: set[int]) -> tuple[str, list[NumberParse], int]:
    """Lists and ranges after ``first``: ``(kind, parts, open_token)`` with kind single|list|range."""
    toks = doc.tokens
    n = len(toks)
    parts = [first]
    start, _, opener = _match_before(doc, first.i, dict.fromkeys(RANGE_OPEN, "open"), 2)
    kind = "single"
    j = first.j
    while j + 2 < n and first.kind != "vague":
        mid = toks[j + 1].text
        k = j + 2
        if toks[j + 1].kind == "ar" and mid.startswith("و") and len(mid) > 1:
            break
        if (mid,) not in LIST_MID and (mid,) not in RANGE_MID:
            break
        if k in taken or not _is_number_start(doc, k):
            break
        nxt = parse_number(doc, k)
        if nxt is None or nxt.kind == "vague" or nxt.digits != first.digits:
            break
        is_range_mid = (((mid,) in RANGE_MID and (mid,) not in LIST_MID)
                        or (bool(opener) and mid in ("و", "and")))
        if mid in ("-", "–", "—") and not (first.digits and nxt.digits):
            break
        if kind == "single":
            kind = "range" if is_range_mid else "list"
        elif kind == "range" or is_range_mid:
            break
        parts.append(nxt)
        j = nxt.j
        if kind == "range":
            break
    if kind == "range" and not opener and toks[parts[0].j + 1].text in ("و", "and"):
        kind = "list"
    if kind != "range":
        start = first.i
    return kind, parts, start


def _scale_shared(parts: list[NumberParse]) -> list[Decimal]:
    """"بين 10 و15 مليون": the last part's scale carries to unscaled parts before it."""
    values = [p.value if p.value is not None else Decimal(0) for p in parts]
    last = parts[-1]
    if last.scaled and last.value is not None and len(parts) > 1:
        scale = Decimal(1)
        for s in (Decimal(10**12), Decimal(10**9), Decimal(10**6), Decimal(1000)):
            if last.value >= s:
                scale = s
                break
        values = [v * scale if not p.scaled and v * scale <= last.value * 10 else v
                  for p, v in zip(parts, values)]
    return values


def extract_quantities(doc: Doc, taken: set[int]) -> list[Quantity]:
    """All quantities of ``doc``, skipping tokens in ``taken`` (dates)."""
    toks = doc.tokens
    n = len(toks)
    out: list[Quantity] = []
    i = 0
    while i < n:
        if i in taken or not _may_start(toks[i]):
            i += 1
            continue
        q, nxt = _quantity_at(doc, i, taken)
        if q is not None:
            out.append(q)
            for k in range(i, nxt):
                taken.add(k)
            i = nxt
        else:
            i += 1
    return out


@dataclass(slots=True)
class _Reading:
    """The tokens of a quantity being read around its number(s), and what was found on each side."""

    first: int  # first token (a hedge, a currency or the number)
    last: int  # last token (the number, a unit, a hedge after it or the counted noun)
    skip: int  # clitic characters dropped from the first token
    hedge: str = ""
    unit: str | None = None
    noun: str | None = None


def _hedge_before(doc: Doc, r: _Reading, taken: set[int]) -> None:
    """نحو/أكثر من/about … right before the number (not over tokens already taken)."""
    h_start, h_skip, hedge = _match_before(doc, r.first, HEDGES_BEFORE, HEDGE_MAX_LEN)
    if hedge and not any(k in taken for k in range(h_start, r.first)):
        r.first, r.skip, r.hedge = h_start, h_skip, hedge


def _unit_before(doc: Doc, r: _Reading, kind: str) -> None:
    """A currency before the number ($5, US$ 5, USD 5; a hedge may precede it) or a percent ("%30")."""
    toks = doc.tokens
    if r.first >= 1 and toks[r.first - 1].text in CURRENCY_SYMBOLS:
        r.unit = CURRENCY_SYMBOLS[toks[r.first - 1].text]
        r.first -= 1
        r.skip = 0
        if r.first >= 1 and toks[r.first - 1].text == "us" and doc.adjacent(r.first):
            r.first -= 1
        if not r.hedge and kind != "range":
            h_start, h_skip, r.hedge = _match_before(doc, r.first, HEDGES_BEFORE, HEDGE_MAX_LEN)
            if r.hedge:
                r.first, r.skip = h_start, h_skip
    elif r.first >= 1 and toks[r.first - 1].kind == "en" and len(toks[r.first - 1].text) == 3:
        code = CURRENCY_WORDS.get(toks[r.first - 1].text)
        if code is not None and code.lower() == toks[r.first - 1].text:
            r.unit = code
            r.first -= 1
    if (r.unit is None and r.first >= 1 and toks[r.first - 1].text == "%" and doc.adjacent(r.first)
            and toks[r.first].kind == "num"):  # fmt: skip
        r.unit = "percent"
        r.first -= 1


def _unit_after(doc: Doc, r: _Reading) -> int:
    """A currency or a percent right after the number (when none came before); the next token to read."""
    k = r.last + 1
    if r.unit is not None:
        return k
    cur = _currency_at(doc, k)
    if cur is not None:
        r.last, r.unit = cur
        return r.last + 1
    end_tok, pct = _match_after(doc, k, PERCENT_AFTER)
    if pct:
        r.last, r.unit = end_tok, pct
        return r.last + 1
    return k


def _noun_and_hedge_after(doc: Doc, r: _Reading, np: NumberParse, kind: str, taken: set[int], k: int) -> bool:
    """The counted noun and a hedge after the number, from token ``k``; False when the number is a year."""
    toks = doc.tokens
    end_tok, after_hedge = _match_after(doc, k, HEDGES_AFTER)
    if r.unit is None or r.unit not in ("percent", "pp", "bp"):
        nn = _noun_after(doc, end_tok + 1 if after_hedge else k)
        if (nn is None and k + 1 < len(toks) and toks[k].text in ("من", "of")
                and (np.kind == "vague" or np.scaled)):
            nn = _noun_after(doc, k + 1)  # "عشرات الآلاف من المتظاهرين", "thousands of people"
            if nn is not None:
                nn = (r.last, nn[1])
        if nn is not None and after_hedge and nn[0] > end_tok:
            r.hedge = r.hedge or after_hedge
            r.last = end_tok
            after_hedge = ""
        if nn is not None and r.unit is None and nn[0] not in taken:
            r.last, r.noun = nn
            end_tok, after_hedge = _match_after(doc, r.last + 1, HEDGES_AFTER)
        elif (r.unit is None and toks[np.i].kind == "num" and kind == "single" and not r.hedge
              and _is_year(doc, np)):
            return False
    if after_hedge and not r.hedge and kind != "range":
        r.hedge = after_hedge
        r.last = end_tok
    return True


def _is_year(doc: Doc, np: NumberParse) -> bool:
    """A bare four-digit number that looks like a year is the date extractor's."""
    year = np.value
    return year is not None and doc.tokens[np.i].text.isdigit() and 1900 <= year <= 2100 and not np.scaled


def _quantity(doc: Doc, r: _Reading, np: NumberParse, kind: str, parts: list[NumberParse]) -> Quantity:
    """The quantity read: one number with its interval, or the values of a list or range."""
    s, e, text = doc.tok_span(r.first, r.last, skip=r.skip)
    role = _role(doc, r.first, r.last)
    prec = float(np.precision) if np.precision is not None else None
    if kind != "single":
        values = tuple(float(v) for v in _scale_shared(parts))
        return Quantity(
            text=text, start=s, end=e, value=None, low=min(values), high=max(values), unit=r.unit,
            noun=r.noun,
            kind="range" if kind == "range" else "list", hedge="between" if kind == "range" else None,
            values=values, precision=prec, role=role,
        )  # fmt: skip
    low, high, value = _f(np.low), _f(np.high), _f(np.value)
    hedge = r.hedge or ("vague" if np.kind == "vague" else "")
    if value is not None:
        if hedge == "approx":
            low, high = value * (1 - APPROX_TOLERANCE), value * (1 + APPROX_TOLERANCE)
        elif hedge in ("more_than", "at_least"):
            low, high = value, None
        elif hedge in ("less_than", "at_most"):
            low, high = None, value
    return Quantity(
        text=text, start=s, end=e, value=value, low=low, high=high, unit=r.unit, noun=r.noun,
        kind=np.kind, hedge=as_hedge(hedge), precision=prec, role=role,
    )  # fmt: skip


def _quantity_at(doc: Doc, i: int, taken: set[int]) -> tuple[Quantity | None, int]:
    """The quantity starting at token ``i`` and the token after it; ``(None, i + 1)`` when there is none."""
    ordinal = ordinal_at(doc, i)
    if ordinal is not None and not (ordinal[0] == i and doc.tokens[i].kind == "num" and ordinal[1] == i):
        q = ordinal_quantity(doc, ordinal, taken)
        return (q, ordinal[1] + 1) if q is not None else (None, i + 1)
    if not _is_number_start(doc, i):
        return None, i + 1
    np = parse_number(doc, i)
    if np is None or any(k in taken for k in range(np.i, np.j + 1)) or _in_identifier(doc, np):
        return None, i + 1
    kind, parts, range_start = _combine(doc, np, taken)
    if any(k in taken for k in range(np.i, parts[-1].j + 1)):
        return None, i + 1
    r = _Reading(first=range_start, last=parts[-1].j, skip=np.skip if range_start == np.i else 0)
    if kind != "range":
        _hedge_before(doc, r, taken)
    _unit_before(doc, r, kind)
    if not _noun_and_hedge_after(doc, r, np, kind, taken, _unit_after(doc, r)):
        return None, i + 1
    if r.noun is None and r.unit is None:
        r.noun = _noun_before(doc, r.first)
    if r.unit is None and not r.hedge and kind != "range":
        implied = positional(doc, r.first, r.last, [p.value for p in parts])
        if implied is not None:
            return implied, r.last + 1
    return _quantity(doc, r, np, kind, parts), r.last + 1


__all__ = ["AR_PREFIXES", "extract_quantities"]

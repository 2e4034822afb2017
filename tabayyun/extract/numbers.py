"""Numbers written in digits, in Arabic or English words, or both ("670 مليون").

:func:`parse_digits` reads one digit token (``1,234.5``, ``1.234.567``, ``13,5``);
:func:`parse_number` reads the longest number phrase starting at a token: digits
with an optional scale word, Arabic number words in any case ending with the
conjunction و (ثلاثمائة وخمسة وعشرون ألفا), fractions (نصف مليون، مليون ونصف،
ثلاثة أرباع), English words (three hundred and twenty-five thousand, half a
million), and vague counts (عشرات الآلاف، hundreds of) as intervals.

Every step consumes at least one token and looks at most two tokens ahead, so a
scan over a text is linear. Arithmetic is :class:`decimal.Decimal` so that
``2.3 مليون`` is exactly 2,300,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .lexicon import AR_NUMBER_WORDS, AR_PREFIXES, EN_NUMBER_WORDS, EN_SCALE_ABBREV, EN_VAGUE
from .tokens import Doc

D = Decimal
#: digit runs longer than this are identifiers, not quantities
MAX_DIGITS = 24
_AND_AR = "و"
_PREFIX_LETTERS = frozenset(p[0] for p in AR_PREFIXES)


@dataclass(frozen=True, slots=True)
class NumberParse:
    """A number phrase over tokens ``i..j`` (inclusive), ``skip`` clitic chars dropped from token ``i``."""

    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    i: int
    j: int
    skip: int
    precision: Decimal | None
    kind: str  # cardinal | fraction | vague
    digits: bool  # written (at least partly) in digits
    scaled: bool  # a scale word (ألف، million …) was applied


def parse_digits(s: str) -> tuple[Decimal, Decimal] | None:
    """A digit token to ``(value, precision)``; ``None`` when it is not a plain number."""
    if len(s) > MAX_DIGITS + 8:
        return None
    commas, dots = s.count(","), s.count(".")
    body = s
    if commas:
        groups = s.split(",")
        last = groups[-1].split(".")[0]
        thousands = 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:-1]) and len(last) == 3
        if thousands and dots <= 1:
            body = s.replace(",", "")
        elif commas == 1 and dots == 0:
            body = s.replace(",", ".")  # decimal comma: 13,5
        else:
            return None
    elif dots > 1:
        groups = s.split(".")
        if 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            body = s.replace(".", "")
        else:
            return None
    if len(body.replace(".", "")) > MAX_DIGITS:
        return None
    try:
        value = D(body)
    except InvalidOperation:
        return None
    decimals = len(body.split(".")[1]) if "." in body else 0
    return value, D(1).scaleb(-decimals)


def ar_word(text: str, *, first: bool) -> tuple[int, str, Decimal] | None:
    """Look up an Arabic number word, allowing a glued clitic: ``(prefix_len, category, value)``."""
    hit = AR_NUMBER_WORDS.get(text)
    if hit is not None:
        return 0, hit[0], hit[1]
    if text[:1] not in _PREFIX_LETTERS:
        return None
    for p in AR_PREFIXES:
        if text.startswith(p) and len(text) > len(p) + 1:
            if p != _AND_AR and (not first or len(text) - len(p) < 4):
                continue
            hit = AR_NUMBER_WORDS.get(text[len(p) :])
            if hit is not None:
                return len(p), hit[0], hit[1]
    return None


class _Builder:
    """Accumulates groups and scales of a number phrase."""

    def __init__(self) -> None:
        self.total = D(0)
        self.group = D(0)
        self.slots: set[str] = set()
        self.last_scale: Decimal | None = None
        self.precision: Decimal | None = None
        self.scaled = False
        self.gprec = D(1)  # precision of the current group

    def prec(self, p: Decimal) -> None:
        self.precision = p if self.precision is None else min(self.precision, p)

    def value(self) -> Decimal:
        return self.total + self.group

    def scale_ok(self, scale: Decimal) -> bool:
        return self.last_scale is None or scale < self.last_scale

    def apply_scale(self, scale: Decimal, group: Decimal, group_prec: Decimal) -> None:
        self.total += group * scale
        self.prec(group_prec * scale)
        self.group = D(0)
        self.gprec = D(1)
        self.slots = set()
        self.last_scale = scale
        self.scaled = True


def _peek_word(doc: Doc, k: int) -> tuple[int, str, Decimal] | None:
    if k >= len(doc.tokens):
        return None
    tok = doc.tokens[k]
    if tok.kind == "ar":
        return ar_word(tok.text, first=False)
    if tok.kind == "en":
        hit = EN_NUMBER_WORDS.get(tok.text)
        return (0, hit[0], hit[1]) if hit else None
    return None


def _scale_at(doc: Doc, k: int) -> tuple[str, Decimal] | None:
    w = _peek_word(doc, k)
    if w is not None and w[0] == 0 and w[1].startswith("scale"):
        return w[1], w[2]
    if (k < len(doc.tokens) and doc.tokens[k].kind == "en" and doc.tokens[k].text in EN_SCALE_ABBREV
            and (doc.adjacent(k) or doc.tokens[k].text not in ("k", "m", "b"))):
        return "scale", EN_SCALE_ABBREV[doc.tokens[k].text]
    return None


def _vague(doc: Doc, i: int) -> NumberParse | None:
    """عشرات/مئات/آلاف/ملايين (الآلاف) and "dozens/hundreds/thousands of"."""
    tok = doc.tokens[i]
    n = len(doc.tokens)
    if tok.kind == "ar":
        w = ar_word(tok.text, first=True)
        if w is None or w[1] not in ("vague", "scale_plural"):
            return None
        skip, base = w[0], w[2]
        if w[1] == "scale_plural":
            base = w[2]
        j = i
        if j + 1 < n and doc.tokens[j + 1].kind == "ar" and doc.tokens[j + 1].text.startswith("ال"):
            nxt = AR_NUMBER_WORDS.get(doc.tokens[j + 1].text[2:])
            if nxt is not None and nxt[0] == "scale_plural" and w[1] == "vague":
                base = base * nxt[1]
                j += 1
        low, high = base * 2, base * 10 - 1
        return NumberParse(None, low, high, i, j, skip, None, "vague", False, True)
    if tok.kind == "en" and tok.text in EN_VAGUE:
        low, high = EN_VAGUE[tok.text]
        j = i
        if (j + 2 < n and doc.tokens[j + 1].text == "of" and tok.text in ("tens", "hundreds")
                and doc.tokens[j + 2].text in ("thousands", "millions")):
            mult = EN_VAGUE[doc.tokens[j + 2].text][0] / 2
            low, high = low * mult, (high + 1) * mult - 1
            j += 2
        if j + 1 < n and doc.tokens[j + 1].text == "of" or tok.text == "dozens":
            return NumberParse(None, low, high, i, j, 0, None, "vague", False, True)
    return None


def parse_number(doc: Doc, i: int) -> NumberParse | None:
    """The longest number phrase starting at token ``i``, or ``None``."""
    toks = doc.tokens
    n = len(toks)
    tok = toks[i]
    b = _Builder()
    skip = 0
    digits = False
    j = i  # next token to read
    last = i - 1  # last consumed token
    prev_cat = ""
    words = False

    if tok.kind == "num":
        parsed = parse_digits(tok.text)
        if parsed is None:
            return None
        value, prec = parsed
        digits = True
        j = i + 1
        last = i
        sc = _scale_at(doc, j)
        if sc is not None and sc[0] != "scale_dual":
            b.apply_scale(sc[1], value, prec)
            last = j
            j += 1
            prev_cat = "scale"
        else:
            b.group = value
            b.gprec = prec
            b.slots = {"d"}
            prev_cat = "digits"
    elif tok.kind in ("ar", "en"):
        if tok.kind == "en" and tok.text in ("a", "an") and i + 1 < n:
            nxt = _peek_word(doc, i + 1)
            if nxt is None or nxt[1] not in ("scale", "hundred", "dozen"):
                return None
            j = i + 1
            b.group = D(1)
            b.slots = {"u"}
            prev_cat = "unit_a"
        v = _vague(doc, i)
        if v is not None:
            return v
        if j == i:
            w = ar_word(tok.text, first=True) if tok.kind == "ar" else _peek_word(doc, i)
            if w is None:
                return None
            skip = w[0]
    else:
        return None

    # word loop (also continues after digits + scale: "3 ملايين ونصف", "مليون و200 ألف")
    while j < n:
        t = toks[j]
        connector = False
        k = j
        if t.kind == "ar" and t.text == _AND_AR or t.kind == "en" and t.text == "and" or t.kind == "sym" and t.text == "-" and prev_cat == "tens" and doc.adjacent(j):
            connector = True
            k = j + 1
        if k >= n:
            break
        t = toks[k]
        # digits continuing after a scale: "3 آلاف و500", "مليون و200 ألف"
        if t.kind == "num":
            if not (connector and prev_cat in ("scale", "fraction_after")):
                break
            parsed = parse_digits(t.text)
            if parsed is None:
                break
            sc = _scale_at(doc, k + 1)
            if sc is not None:
                if not b.scale_ok(sc[1]):
                    break
                b.apply_scale(sc[1], parsed[0], parsed[1])
                last, j, prev_cat = k + 1, k + 2, "scale"
                continue
            if b.last_scale is not None and parsed[0] < b.last_scale:
                b.group = parsed[0]
                b.gprec = parsed[1]
                last, j, prev_cat = k, k + 1, "digits"
                break
            break
        if t.kind == "ar":
            w = ar_word(t.text, first=(k == i))
            if w is not None and w[0] and k != i:
                # a glued و counts as the connector
                if t.text.startswith(_AND_AR) and w[0] == 1:
                    if connector:
                        break
                    connector = True
                else:
                    break
        elif t.kind == "en":
            w = _peek_word(doc, k)
            if w is None and t.text in EN_SCALE_ABBREV and prev_cat in ("digits",):
                w = (0, "scale", EN_SCALE_ABBREV[t.text])
        else:
            w = None
        if w is None:
            break
        _, cat, val = w
        if digits and b.slots == {"d"} and cat not in ("scale", "scale_plural", "scale_acc"):
            break  # "82 و83", "5 ثلاثة": digits take no word but a scale
        if cat == "unit_teen":
            nxt = _peek_word(doc, k + 1)
            if connector and not (b.slots or b.last_scale) or nxt is None or nxt[1] != "ten" or b.slots & {"u", "t"}:
                break
            b.group += val
            b.slots.add("u")
            prev_cat = "unit"
        elif cat in ("unit", "teen"):
            if b.slots & {"u", "d", "f"} or (cat == "teen" and "t" in b.slots):
                break
            if "t" in b.slots and not connector and t.kind == "ar":
                break
            if connector and not b.slots and b.last_scale is None:
                break
            b.group += val
            b.slots.add("u")
            if cat == "teen":
                b.slots.add("t")
            prev_cat = "unit"
        elif cat == "ten":
            if prev_cat == "unit" and not connector and "t" not in b.slots and b.group % 10 != 0:
                b.group += val  # teen: ثلاثة عشر
                b.slots.add("t")
                prev_cat = "teen"
            elif not b.slots & {"u", "t", "d", "f"} and not (connector and not b.slots and b.last_scale is None):
                b.group += val
                b.slots |= {"u", "t"}
                prev_cat = "ten"
            else:
                break
        elif cat == "tens":
            if "t" in b.slots or b.slots & {"d", "f"} or (connector and not b.slots and b.last_scale is None):
                break
            if "u" in b.slots and not connector and t.kind == "ar":
                break
            b.group += val
            b.slots.add("t")
            prev_cat = "tens"
        elif cat == "hundred":
            if b.slots in ({"u"}, set()) and not connector and prev_cat in ("unit", "unit_a", ""):
                b.group = (b.group or D(1)) * val
                b.slots = {"h"}
                prev_cat = "hundred"
            elif b.slots == set() and (connector or prev_cat == "scale"):
                b.group = val
                b.slots = {"h"}
                prev_cat = "hundred"
            else:
                break
        elif cat == "hundreds":
            if b.slots or (connector and b.last_scale is None):
                break
            b.group = val
            b.slots = {"h"}
            prev_cat = "hundred"
        elif cat in ("scale", "scale_acc", "scale_dual", "scale_plural"):
            if not b.scale_ok(val):
                break
            if connector:  # "مليون وألف", "مليونان وألفان": a new group of one or two
                if b.slots or b.last_scale is None or cat not in ("scale", "scale_dual"):
                    break
                b.apply_scale(val, D(2) if cat == "scale_dual" else D(1), D(1))
                prev_cat = "scale"
                words = True
                last, j = k, k + 1
                continue
            if b.group or b.slots:
                if cat == "scale_dual":
                    break
                if cat == "scale_acc" and not b.slots:
                    break
                grp = b.group if b.group else D(1)
                b.apply_scale(val, grp, b.gprec)
            else:
                if cat == "scale_plural":
                    break
                mult = D(2) if cat in ("scale_dual", "scale_acc") else D(1)
                if b.last_scale is not None:
                    break
                b.apply_scale(val, mult, D(1))
            prev_cat = "scale"
        elif cat == "fraction":
            if prev_cat == "scale" and connector and b.last_scale is not None:
                b.total += val * b.last_scale
                b.prec(val * b.last_scale)
                prev_cat = "fraction_after"
                last, j = k, k + 1
                sc = _scale_at(doc, j)
                if sc is not None and sc[1] == b.last_scale:
                    last = j  # "مليونين ونصف مليون": the scale repeated after the fraction
                break
            if b.slots or connector or b.total:
                break
            b.group = val
            b.slots = {"f"}
            b.gprec = val
            prev_cat = "fraction"
            if t.kind == "en" and k + 1 < n and toks[k + 1].text in ("a", "an"):
                nxt_word = _peek_word(doc, k + 2)
                if nxt_word is not None and nxt_word[1] == "scale":
                    k += 1  # "half a million"
        elif cat == "fraction_plural":
            if b.slots != {"u"} or connector:
                break
            b.group = b.group * val
            b.slots = {"f"}
            b.gprec = val
            prev_cat = "fraction"
        elif cat == "dozen":
            if b.slots - {"u"} or connector:
                break
            b.group = (b.group or D(1)) * val
            b.slots = {"h"}
            prev_cat = "dozen"
        else:
            break
        words = True
        last, j = k, k + 1

    if last < i:
        return None
    if not words and not digits:
        return None
    if b.group or not b.scaled:
        b.prec(b.gprec)
    value = b.value()
    kind = "fraction" if b.slots == {"f"} and not b.scaled else "cardinal"
    prec = b.precision if b.precision is not None else D(1)
    return NumberParse(value, value, value, i, last, skip, prec, kind, digits, b.scaled)

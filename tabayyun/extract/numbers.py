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
from typing import Literal

from .lexicon import AR_NUMBER_WORDS, AR_PREFIXES, EN_NUMBER_WORDS, EN_SCALE_ABBREV, EN_VAGUE
from .tokens import Doc

D = Decimal
#: digit runs longer than this are identifiers, not quantities
MAX_DIGITS = 24
_AND_AR = "و"
_PREFIX_LETTERS = frozenset(p[0] for p in AR_PREFIXES)

NumberKind = Literal["cardinal", "fraction", "vague"]


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
    kind: NumberKind
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


def _vague_parse(low: Decimal, high: Decimal, i: int, j: int, skip: int) -> NumberParse:
    return NumberParse(
        value=None, low=low, high=high, i=i, j=j, skip=skip, precision=None, kind="vague", digits=False,
        scaled=True
    )


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
        return _vague_parse(low, high, i, j, skip)
    if tok.kind == "en" and tok.text in EN_VAGUE:
        low, high = EN_VAGUE[tok.text]
        j = i
        if (j + 2 < n and doc.tokens[j + 1].text == "of" and tok.text in ("tens", "hundreds")
                and doc.tokens[j + 2].text in ("thousands", "millions")):
            mult = EN_VAGUE[doc.tokens[j + 2].text][0] / 2
            low, high = low * mult, (high + 1) * mult - 1
            j += 2
        if (j + 1 < n and doc.tokens[j + 1].text == "of") or tok.text == "dozens":
            return _vague_parse(low, high, i, j, 0)
    return None


class _Phrase(_Builder):
    """A number phrase being read from token ``i`` of ``doc``: the groups, and where reading stands."""

    def __init__(self, doc: Doc, i: int) -> None:
        super().__init__()
        self.doc = doc
        self.i = i
        self.skip = 0  # clitic characters dropped from token i
        self.digits = False  # written (at least partly) in digits
        self.words = False  # a number word was read
        self.j = i  # next token to read
        self.last = i - 1  # last consumed token
        self.prev_cat = ""  # the category of the last word read ("digits", "scale", "unit" ...)

    def consume(self, k: int, cat: str) -> None:
        """Token ``k`` is read as ``cat``: the next one is ``k + 1``."""
        self.last, self.j, self.prev_cat = k, k + 1, cat

    def opens_group(self, connector: bool) -> bool:
        """A connector with nothing before it to join: "و" starting a phrase is not part of it."""
        return connector and not self.slots and self.last_scale is None


def _start_digits(p: _Phrase, tok_text: str) -> bool:
    """A digit token, with the scale word after it applied ("3 ملايين", "2.5 million")."""
    parsed = parse_digits(tok_text)
    if parsed is None:
        return False
    value, prec = parsed
    p.digits = True
    p.consume(p.i, "digits")
    sc = _scale_at(p.doc, p.j)
    if sc is not None and sc[0] != "scale_dual":
        p.apply_scale(sc[1], value, prec)
        p.consume(p.j, "scale")
    else:
        p.group, p.gprec, p.slots = value, prec, {"d"}
    return True


def _start_article(p: _Phrase) -> bool:
    """English "a"/"an" before a scale, hundred or dozen: a group of one ("a million", "a hundred")."""
    nxt = _peek_word(p.doc, p.i + 1)
    if nxt is None or nxt[1] not in ("scale", "hundred", "dozen"):
        return False
    p.j = p.i + 1
    p.group, p.slots, p.prev_cat = D(1), {"u"}, "unit_a"
    return True


def _start_word(p: _Phrase) -> bool:
    """A number word at token ``i`` (with a glued clitic in Arabic), read by the word loop."""
    tok = p.doc.tokens[p.i]
    w = ar_word(tok.text, first=True) if tok.kind == "ar" else _peek_word(p.doc, p.i)
    if w is None:
        return False
    p.skip = w[0]
    return True


def _start(doc: Doc, i: int) -> _Phrase | NumberParse | None:
    """How a phrase starts at token ``i``: the phrase to continue, a whole vague count, or nothing."""
    p = _Phrase(doc, i)
    tok = doc.tokens[i]
    if tok.kind == "num":
        return p if _start_digits(p, tok.text) else None
    if tok.kind not in ("ar", "en"):
        return None
    if tok.kind == "en" and tok.text in ("a", "an") and i + 1 < len(doc.tokens) and not _start_article(p):
        return None
    v = _vague(doc, i)
    if v is not None:
        return v
    if p.j == i and not _start_word(p):
        return None
    return p


def _connector_at(p: _Phrase, j: int) -> bool:
    """Token ``j`` joins number words: و, "and", or the hyphen of "twenty-five"."""
    t = p.doc.tokens[j]
    return (
        (t.kind == "ar" and t.text == _AND_AR)
        or (t.kind == "en" and t.text == "and")
        or (t.kind == "sym" and t.text == "-" and p.prev_cat == "tens" and p.doc.adjacent(j))
    )  # fmt: skip


def _digits_after_scale(p: _Phrase, k: int, connector: bool) -> bool:
    """Digits continuing a phrase after a scale ("3 آلاف و500", "مليون و200 ألف"); False ends the phrase."""
    if not (connector and p.prev_cat in ("scale", "fraction_after")):
        return False
    parsed = parse_digits(p.doc.tokens[k].text)
    if parsed is None:
        return False
    sc = _scale_at(p.doc, k + 1)
    if sc is not None:
        if not p.scale_ok(sc[1]):
            return False
        p.apply_scale(sc[1], parsed[0], parsed[1])
        p.consume(k + 1, "scale")
        return True
    if p.last_scale is not None and parsed[0] < p.last_scale:
        p.group, p.gprec = parsed
        p.consume(k, "digits")
    return False


#: a word at token k, and whether a connector precedes it (a glued و counts as one)
_Word = tuple[tuple[int, str, Decimal], bool]


def _word_at(p: _Phrase, k: int, connector: bool) -> _Word | None:
    """The number word at token ``k`` of the phrase, or ``None`` when there is none to continue with."""
    t = p.doc.tokens[k]
    w: tuple[int, str, Decimal] | None = None
    if t.kind == "ar":
        w = ar_word(t.text, first=(k == p.i))
        if w is not None and w[0] and k != p.i:
            if not (t.text.startswith(_AND_AR) and w[0] == 1) or connector:
                return None
            connector = True
    elif t.kind == "en":
        w = _peek_word(p.doc, k)
        if w is None and t.text in EN_SCALE_ABBREV and p.prev_cat in ("digits",):
            w = (0, "scale", EN_SCALE_ABBREV[t.text])
    return None if w is None else (w, connector)


# -- one handler per word category: each reads the word at token k into the phrase and returns
# -- the last token it consumed (k, or k + 1 for "half a million"), or None to end the phrase there


def _unit_teen(p: _Phrase, val: Decimal, k: int, connector: bool) -> int | None:
    """The unit of a compound teen ("ثلاثة" in "ثلاثة عشر" read before its "عشر")."""
    nxt = _peek_word(p.doc, k + 1)
    if ((connector and not (p.slots or p.last_scale))
            or nxt is None or nxt[1] != "ten" or p.slots & {"u", "t"}):
        return None
    p.group += val
    p.slots.add("u")
    p.prev_cat = "unit"
    return k


def _unit(p: _Phrase, val: Decimal, k: int, connector: bool, *, teen: bool) -> int | None:
    """A unit (ثلاثة، five) or a one-word teen (eleven)."""
    if p.slots & {"u", "d", "f"} or (teen and "t" in p.slots):
        return None
    if "t" in p.slots and not connector and p.doc.tokens[k].kind == "ar":
        return None
    if p.opens_group(connector):
        return None
    p.group += val
    p.slots.add("u")
    if teen:
        p.slots.add("t")
    p.prev_cat = "unit"
    return k


def _ten(p: _Phrase, val: Decimal, k: int, connector: bool) -> int | None:
    """عشر/عشرة/ten: the second half of a teen after a unit, or ten on its own."""
    if p.prev_cat == "unit" and not connector and "t" not in p.slots and p.group % 10 != 0:
        p.group += val  # teen: ثلاثة عشر
        p.slots.add("t")
        p.prev_cat = "teen"
    elif not p.slots & {"u", "t", "d", "f"} and not p.opens_group(connector):
        p.group += val
        p.slots |= {"u", "t"}
        p.prev_cat = "ten"
    else:
        return None
    return k


def _tens(p: _Phrase, val: Decimal, k: int, connector: bool) -> int | None:
    """عشرون، twenty …"""
    if "t" in p.slots or p.slots & {"d", "f"} or p.opens_group(connector):
        return None
    if "u" in p.slots and not connector and p.doc.tokens[k].kind == "ar":
        return None
    p.group += val
    p.slots.add("t")
    p.prev_cat = "tens"
    return k


def _hundred(p: _Phrase, val: Decimal, k: int, connector: bool) -> int | None:
    """مائة/hundred: multiplying the unit before it ("ثلاث مائة", "three hundred") or a new group."""
    if p.slots in ({"u"}, set()) and not connector and p.prev_cat in ("unit", "unit_a", ""):
        p.group = (p.group or D(1)) * val
    elif p.slots == set() and (connector or p.prev_cat == "scale"):
        p.group = val
    else:
        return None
    p.slots = {"h"}
    p.prev_cat = "hundred"
    return k


def _hundreds(p: _Phrase, val: Decimal, k: int, connector: bool) -> int | None:
    """One word for a multiple of a hundred (ثلاثمائة)."""
    if p.slots or (connector and p.last_scale is None):
        return None
    p.group = val
    p.slots = {"h"}
    p.prev_cat = "hundred"
    return k


def _scale(p: _Phrase, cat: str, val: Decimal, k: int, connector: bool) -> int | None:
    """ألف/مليون/million in all its forms (accusative, dual, plural) applied to the group before it."""
    if not p.scale_ok(val):
        return None
    if connector:  # "مليون وألف", "مليونان وألفان": a new group of one or two
        if p.slots or p.last_scale is None or cat not in ("scale", "scale_dual"):
            return None
        p.apply_scale(val, D(2) if cat == "scale_dual" else D(1), D(1))
    elif p.group or p.slots:
        if cat == "scale_dual" or (cat == "scale_acc" and not p.slots):
            return None
        p.apply_scale(val, p.group if p.group else D(1), p.gprec)
    else:
        if cat == "scale_plural" or p.last_scale is not None:
            return None
        p.apply_scale(val, D(2) if cat in ("scale_dual", "scale_acc") else D(1), D(1))
    p.prev_cat = "scale"
    return k


def _fraction(p: _Phrase, val: Decimal, k: int, connector: bool) -> int | None:
    """نصف/ربع/half: after a scale ("مليون ونصف") it ends the phrase; alone it starts one ("half a
    million")."""
    if p.prev_cat == "scale" and connector and p.last_scale is not None:
        p.total += val * p.last_scale
        p.prec(val * p.last_scale)
        p.consume(k, "fraction_after")
        sc = _scale_at(p.doc, p.j)
        if sc is not None and sc[1] == p.last_scale:
            p.last = p.j  # "مليونين ونصف مليون": the scale repeated after the fraction
        return None
    if p.slots or connector or p.total:
        return None
    p.group, p.slots, p.gprec = val, {"f"}, val
    p.prev_cat = "fraction"
    toks = p.doc.tokens
    if toks[k].kind == "en" and k + 1 < len(toks) and toks[k + 1].text in ("a", "an"):
        nxt_word = _peek_word(p.doc, k + 2)
        if nxt_word is not None and nxt_word[1] == "scale":
            return k + 1  # "half a million"
    return k


def _fraction_plural(p: _Phrase, val: Decimal, k: int, connector: bool) -> int | None:
    """أرباع/quarters after a unit: "ثلاثة أرباع"."""
    if p.slots != {"u"} or connector:
        return None
    p.group = p.group * val
    p.slots, p.gprec = {"f"}, val
    p.prev_cat = "fraction"
    return k


def _dozen(p: _Phrase, val: Decimal, k: int, connector: bool) -> int | None:
    """دزينة/dozen, after a unit or alone."""
    if p.slots - {"u"} or connector:
        return None
    p.group = (p.group or D(1)) * val
    p.slots = {"h"}
    p.prev_cat = "dozen"
    return k


def _read_word(p: _Phrase, cat: str, val: Decimal, k: int, connector: bool) -> int | None:
    """The handler of ``cat`` reads the word; ``None`` ends the phrase."""
    if cat == "unit_teen":
        return _unit_teen(p, val, k, connector)
    if cat in ("unit", "teen"):
        return _unit(p, val, k, connector, teen=cat == "teen")
    if cat in ("scale", "scale_acc", "scale_dual", "scale_plural"):
        return _scale(p, cat, val, k, connector)
    handler = _HANDLERS.get(cat)
    return None if handler is None else handler(p, val, k, connector)


_HANDLERS = {
    "ten": _ten,
    "tens": _tens,
    "hundred": _hundred,
    "hundreds": _hundreds,
    "fraction": _fraction,
    "fraction_plural": _fraction_plural,
    "dozen": _dozen,
}


def _read_words(p: _Phrase) -> None:
    """Number words (and digits after a scale) from token ``p.j`` on, while they continue the phrase.

    Also continues after digits and a scale: "3 ملايين ونصف", "مليون و200 ألف".
    """
    toks = p.doc.tokens
    while p.j < len(toks):
        connector = _connector_at(p, p.j)
        k = p.j + 1 if connector else p.j
        if k >= len(toks):
            return
        if toks[k].kind == "num":
            if _digits_after_scale(p, k, connector):
                continue
            return
        word = _word_at(p, k, connector)
        if word is None:
            return
        (_, cat, val), connector = word
        if p.digits and p.slots == {"d"} and cat not in ("scale", "scale_plural", "scale_acc"):
            return  # "82 و83", "5 ثلاثة": digits take no word but a scale
        last = _read_word(p, cat, val, k, connector)
        if last is None:
            return
        p.words = True
        p.last, p.j = last, last + 1


def _result(p: _Phrase) -> NumberParse | None:
    if p.last < p.i or (not p.words and not p.digits):
        return None
    if p.group or not p.scaled:
        p.prec(p.gprec)
    value = p.value()
    return NumberParse(
        value=value, low=value, high=value, i=p.i, j=p.last, skip=p.skip,
        precision=p.precision if p.precision is not None else D(1),
        kind="fraction" if p.slots == {"f"} and not p.scaled else "cardinal",
        digits=p.digits, scaled=p.scaled,
    )  # fmt: skip


def parse_number(doc: Doc, i: int) -> NumberParse | None:
    """The longest number phrase starting at token ``i``, or ``None``."""
    started = _start(doc, i)
    if not isinstance(started, _Phrase):
        return started
    _read_words(started)
    return _result(started)

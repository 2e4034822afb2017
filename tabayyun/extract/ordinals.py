"""Ordinals: الثالث، الحادي والعشرين، الـ15، 21st, third, twenty-first — and the noun they rank.

:func:`ordinal_at` finds an ordinal at a token; :func:`ordinal_quantity` makes it a
:class:`~tabayyun.extract.types.Quantity` of kind ``ordinal`` (or ``implied`` when the position
of a member that joins states a count, see :mod:`.implied`).
"""

from __future__ import annotations

from .implied import NEW_WORDS, implies_count
from .lexicon import (
    AR_NUMBER_WORDS,
    AR_ORDINAL_TEEN,
    AR_ORDINAL_TENS,
    AR_ORDINALS,
    EN_NUMBER_WORDS,
    EN_ORDINAL_SUFFIXES,
    EN_ORDINALS,
)
from .tokens import Doc
from .types import Quantity
from .units import STOPWORDS, noun_lemma


def ordinal_at(doc: Doc, i: int) -> tuple[int, int, int] | None:
    """An ordinal starting at token ``i``: ``(first, last, value)``."""
    toks = doc.tokens
    n = len(toks)
    t = toks[i]
    if t.kind == "ar":
        if t.text == "ال" and i + 1 < n and toks[i + 1].kind == "num" and doc.adjacent(i + 1):
            if toks[i + 1].text.isdigit() and len(toks[i + 1].text) <= 6:
                return i, i + 1, int(toks[i + 1].text)
            return None
        if t.text in AR_ORDINAL_TENS and (i == 0 or toks[i - 1].kind == "ar"):
            return i, i, AR_ORDINAL_TENS[t.text]
        v = AR_ORDINALS.get(t.text)
        if v is None:
            return None
        last = i
        if i + 1 < n and toks[i + 1].text in AR_ORDINAL_TEEN and v < 10:
            return i, i + 1, v + 10
        if i + 1 < n and toks[i + 1].text.startswith("و"):
            w = toks[i + 1].text[1:]
            tens = AR_NUMBER_WORDS.get(w) or AR_NUMBER_WORDS.get(w[2:] if w.startswith("ال") else "")
            if tens is not None and tens[0] == "tens" and v < 10:
                return i, i + 1, v + int(tens[1])
        if (v == 1 and t.text.startswith("حادي")) or (v == 1 and t.text in ("الحادي", "الحاديه")):
            return None
        return i, last, v
    if t.kind == "en":
        if t.text in EN_ORDINALS:
            return i, i, EN_ORDINALS[t.text]
        if (
            t.text in EN_NUMBER_WORDS
            and EN_NUMBER_WORDS[t.text][0] == "tens"
            and i + 2 < n
            and toks[i + 1].text == "-"
            and toks[i + 2].text in EN_ORDINALS
            and EN_ORDINALS[toks[i + 2].text] < 10
        ):
            return i, i + 2, int(EN_NUMBER_WORDS[t.text][1]) + EN_ORDINALS[toks[i + 2].text]
        return None
    if (t.kind == "num" and i + 1 < n and toks[i + 1].text in EN_ORDINAL_SUFFIXES and doc.adjacent(i + 1)
            and t.text.isdigit() and len(t.text) <= 6):
        return i, i + 1, int(t.text)
    return None


def ordinal_quantity(doc: Doc, ordinal: tuple[int, int, int], taken: set[int]) -> Quantity | None:
    """الثالث، الحادي والعشرين، الـ15، 21st: an ordinal (or a count it implies) with the noun it ranks."""
    toks = doc.tokens
    a, b, v = ordinal
    if any(k in taken for k in range(a, b + 1)):
        return None
    noun: str | None = None
    if a >= 1 and toks[a - 1].kind == "ar" and toks[a - 1].text not in STOPWORDS:
        noun = noun_lemma(toks[a - 1].text)
    elif b + 1 < len(toks) and toks[b + 1].kind == "en":
        noun = noun_lemma(toks[b + 1].text)
    if a >= 2 and toks[a - 1].text in NEW_WORDS and toks[a - 2].kind == "ar":
        noun = noun_lemma(toks[a - 2].text)  # العضو الجديد الحادي والأربعين: the noun before "new"
    s, e, text = doc.tok_span(a, b)
    return Quantity(
        text=text, start=s, end=e, value=float(v), low=float(v), high=float(v), noun=noun,
        kind="implied" if implies_count(doc, a, b, noun) else "ordinal", precision=1.0,
    )  # fmt: skip

"""Quantities, dates and named entities in Arabic and English: extract, normalize, compare.

``extract(text)`` reads them with exact offsets into ``text``; ``compare(claim,
evidence)`` aligns what plays the same role on both sides and says match,
mismatch or not comparable, with the tolerance used (see :mod:`.compare`).

Both read the cleaned text (:func:`tabayyun.text.clean.clean`: no tatweel, diacritics,
zero-width or bidi marks, presentation forms, Persian look-alikes or non-ASCII digits)
and report offsets and texts of the original: ``text[m.start:m.end] == m.text`` for
every mention, and ``evidence[c.evidence_start:c.evidence_end] == c.evidence_text``
for every check.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from ..results import Check
from ..text.clean import Cleaned, clean_with_offsets
from .aliases import AliasTable
from .compare import compare as compare_cleaned
from .dates import extract_dates
from .entities import extract_entities
from .quantities import extract_quantities
from .tokens import prepare
from .types import DateMention, Entity, Extraction, Quantity

__all__ = ["AliasTable", "DateMention", "Entity", "Extraction", "Quantity", "compare", "extract"]

_Mention = TypeVar("_Mention", Quantity, DateMention, Entity)

#: extractions of recent texts with the default alias table, newest last. A check extracts the same
#: texts several times (the claim for the lexical query and for the comparisons; an evidence sentence
#: for each part of a split claim, for the whole claim and for a two-sentence window); extractions are
#: frozen, so one can be handed out again. Keyed by the table object: another default table (its cache
#: cleared) starts a new memo.
MEMO_SIZE = 4096


def extract(text: str, *, document_date: date | None = None, aliases: AliasTable | None = None) -> Extraction:
    """Quantities, dates and entities of ``text``; offsets index ``text`` itself.

    The extractors read the cleaned text; every mention's offsets and ``text`` are
    mapped back to ``text``. Dates are read first (their digits are not quantities),
    then quantities, then entities on the tokens left. ``document_date`` resolves
    relative dates (أمس، العام الماضي, last week); without it they are left out.
    ``aliases`` defaults to :meth:`AliasTable.default`.
    """
    table = aliases if aliases is not None else AliasTable.default()
    key = (text, document_date)
    known = _recalled(table, key) if aliases is None else None
    if known is not None:
        return known
    cleaned = clean_with_offsets(text)
    found = _extract_clean(cleaned.text, document_date, table)
    out = _map_extraction(found, lambda m: _to_original(m, cleaned)) if cleaned.changed else found
    if aliases is None:
        _remember(table, key, out)
    return out


def _recalled(table: AliasTable, key: tuple[str, date | None]) -> Extraction | None:
    with _MEMO.lock:
        found = _MEMO.memo.get(key) if _MEMO.table is table else None
        if found is not None:
            _MEMO.memo.move_to_end(key)
    return found


def _remember(table: AliasTable, key: tuple[str, date | None], found: Extraction) -> None:
    """Keep ``found`` for the default alias table ``table`` (the memo of another table is dropped)."""
    with _MEMO.lock:
        if _MEMO.table is not table:
            _MEMO.table, _MEMO.memo = table, OrderedDict()
        _MEMO.memo[key] = found
        if len(_MEMO.memo) > MEMO_SIZE:
            _MEMO.memo.popitem(last=False)


class _Memo:
    """The memo of :func:`extract`: the default alias table it was filled with, and the extractions."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.table: AliasTable | None = None
        self.memo: OrderedDict[tuple[str, date | None], Extraction] = OrderedDict()


_MEMO = _Memo()


def compare(
    claim: str,
    evidence: str,
    *,
    claim_extraction: Extraction | None = None,
    evidence_extraction: Extraction | None = None,
    **options: Any,
) -> list[Check]:
    """:func:`.compare.compare` on the cleaned texts; offsets and texts of the checks index the originals.

    Extractions given must index the original ``claim`` / ``evidence`` (as
    :func:`extract` returns them); ``options`` (``aliases``, ``evidence_date`` …)
    pass through.
    """
    c, e = clean_with_offsets(claim), clean_with_offsets(evidence)
    checks = compare_cleaned(
        c.text,
        e.text,
        claim_extraction=_in_cleaned(claim_extraction, c),
        evidence_extraction=_in_cleaned(evidence_extraction, e),
        **options,
    )
    if not (c.changed or e.changed):
        return checks
    return [_check_to_original(k, c, e) for k in checks]


def _extract_clean(text: str, document_date: date | None, aliases: AliasTable) -> Extraction:
    doc = prepare(text)
    dates, taken = extract_dates(doc, document_date)
    date_tokens = set(taken)
    quantities = extract_quantities(doc, taken)
    entities = extract_entities(doc, date_tokens, aliases)
    return Extraction(tuple(quantities), tuple(dates), tuple(entities))


def _map_extraction(x: Extraction, fn: Any) -> Extraction:
    return Extraction(
        tuple(fn(q) for q in x.quantities), tuple(fn(d) for d in x.dates), tuple(fn(n) for n in x.entities)
    )


def _to_original(m: _Mention, cleaned: Cleaned) -> _Mention:
    start, end, text = cleaned.original_text(m.start, m.end)
    return replace(m, start=start, end=end, text=text)


def _to_cleaned(m: _Mention, cleaned: Cleaned) -> _Mention:
    start, end = cleaned.to_cleaned(m.start, m.end)
    return replace(m, start=start, end=end, text=cleaned.text[start:end])


def _in_cleaned(x: Extraction | None, cleaned: Cleaned) -> Extraction | None:
    if x is None or not cleaned.changed:
        return x
    return _map_extraction(x, lambda m: _to_cleaned(m, cleaned))


def _restore(piece: str, cleaned: Cleaned) -> str:
    """The original text behind ``piece``, found in the cleaned text (``piece`` itself if absent)."""
    at = cleaned.text.find(piece) if piece else -1
    return piece if at < 0 else cleaned.original_text(at, at + len(piece))[2]


def _check_to_original(k: Check, claim: Cleaned, evidence: Cleaned) -> Check:
    claim_text = _restore(k.claim_text, claim)
    if k.evidence_start is None or k.evidence_end is None:
        return replace(k, claim_text=claim_text, evidence_text=_restore(k.evidence_text, evidence))
    start, end, text = evidence.original_text(k.evidence_start, k.evidence_end)
    if evidence.text[k.evidence_start : k.evidence_end] != k.evidence_text:
        text = _restore(k.evidence_text, evidence)
    return replace(k, claim_text=claim_text, evidence_text=text, evidence_start=start, evidence_end=end)

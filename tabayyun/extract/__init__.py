"""Quantities, dates and named entities in Arabic and English: extract, normalize, compare.

``extract(text)`` reads them with exact offsets into ``text``; ``compare(claim,
evidence)`` aligns what plays the same role on both sides and says match,
mismatch or not comparable, with the tolerance used (see :mod:`.compare`).
"""

from __future__ import annotations

from datetime import date

from .aliases import AliasTable
from .compare import compare
from .dates import extract_dates
from .entities import extract_entities
from .quantities import extract_quantities
from .tokens import prepare
from .types import DateMention, Entity, Extraction, Quantity

__all__ = ["AliasTable", "DateMention", "Entity", "Extraction", "Quantity", "compare", "extract"]


def extract(text: str, *, document_date: date | None = None, aliases: AliasTable | None = None) -> Extraction:
    """Quantities, dates and entities of ``text``; offsets index ``text`` itself.

    Dates are read first (their digits are not quantities), then quantities,
    then entities on the tokens left. ``document_date`` resolves relative dates
    (أمس، العام الماضي, last week); without it they are left out. ``aliases``
    defaults to :meth:`AliasTable.default`.
    """
    doc = prepare(text)
    dates, taken = extract_dates(doc, document_date)
    date_tokens = set(taken)
    quantities = extract_quantities(doc, taken)
    entities = extract_entities(doc, date_tokens, aliases if aliases is not None else AliasTable.default())
    return Extraction(tuple(quantities), tuple(dates), tuple(entities))

"""The shapes extraction returns: quantities, dates, entities, and their bundle.

All offsets index the *original* text (``text[start:end] == mention.text``).
``to_dict`` gives the JSON contract of ``tabayyun extract``; extra keys beyond the
documented ones (``noun``, ``kind``, ``precision`` …) are allowed by that contract.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal, get_args

#: cardinal | ordinal | implied (a count from a position) | fraction | list | range | vague (عشرات، dozens of)
QuantityKind = Literal["cardinal", "ordinal", "implied", "fraction", "list", "range", "vague"]
#: what the writing says of the number's exactness ("نحو 600", "more than 600", "بين 10 و15", "عشرات")
Hedge = Literal["approx", "more_than", "at_least", "less_than", "at_most", "between", "vague"]
HEDGES: tuple[Hedge, ...] = get_args(Hedge)


def as_hedge(name: str) -> Hedge | None:
    """A hedge name from a phrase table as a :data:`Hedge` (``""``: none); a :class:`ValueError` for an
    unknown one."""
    if not name:
        return None
    for hedge in HEDGES:
        if hedge == name:
            return hedge
    raise ValueError(f"unknown hedge {name!r}")


def number_json(x: float | None) -> float | int | None:
    """A float as JSON: integral values as ``int`` (``600.0`` → ``600``)."""
    if x is None:
        return None
    if math.isfinite(x) and abs(x) < 1e18 and float(x).is_integer():
        return int(x)
    return x


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it counts or measures.

    ``value`` is the stated number (``None`` for a range or a list); ``low``/``high``
    bound what the text allows (``None`` = unbounded: "more than 600" has ``high=None``).
    ``unit`` is a currency code (``USD``), ``percent``, ``pp`` (percentage points) or
    ``None``; ``noun`` the lemma of the counted noun (``مقاتل``, ``country`` …).
    ``precision`` is the rounding step the writing implies ("10 آلاف" → 1000).
    """

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None = None
    noun: str | None = None
    kind: QuantityKind = "cardinal"
    hedge: Hedge | None = None
    values: tuple[float, ...] = ()
    precision: float | None = None
    role: str | None = None  # killed | injured | arrested | displaced: what happened to the counted

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": number_json(self.value),
            "low": number_json(self.low),
            "high": number_json(self.high),
            "unit": self.unit,
            "noun": self.noun,
            "kind": self.kind,
            "hedge": self.hedge,
            "values": [number_json(v) for v in self.values],
            "precision": number_json(self.precision),
            "role": self.role,
        }


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date, month, year, season or part of a year, resolved to a Gregorian interval.

    ``value`` is ISO 8601 at the mention's precision (``2021-06-28``, ``2021-06``,
    ``2014``; ``--08`` for a month without a year); ``None`` for intervals that are
    not a calendar unit (a season, "mid-2020", a Hijri month). ``low``/``high`` are
    ISO days bounding the mention (``None`` when the year is unknown).
    """

    text: str
    start: int
    end: int
    value: str | None
    low: str | None
    high: str | None
    precision: str = "day"  # day | month | year | season | part | quarter | half | week
    calendar: str = "gregorian"  # gregorian | hijri
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hijri: str | None = None
    relative: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "precision": self.precision,
            "calendar": self.calendar,
            "hijri": self.hijri,
            "relative": self.relative,
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, place or organization, with the canonical name it resolves to."""

    text: str
    start: int
    end: int
    type: str  # person | place | org
    canonical: str
    subtype: str | None = None  # country | city | region | nationality …
    source: str = "gazetteer"  # gazetteer | alias | rule

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "type": self.type,
            "canonical": self.canonical,
            "subtype": self.subtype,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one text."""

    quantities: tuple[Quantity, ...] = ()
    dates: tuple[DateMention, ...] = ()
    entities: tuple[Entity, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "quantities": [q.to_dict() for q in self.quantities],
            "dates": [d.to_dict() for d in self.dates],
            "entities": [e.to_dict() for e in self.entities],
        }

"""Splitting a compound claim into atomic, checkable parts.

``split_claim(claim)`` returns one :class:`ClaimPart` per assertion. ``text`` is the part
as a standalone claim, written from the cleaned claim (no tatweel, diacritics or zero-width
marks; ASCII digits); it may borrow the subject from elsewhere in the claim, so it is not
always a substring. ``start``/``end`` index the stretch of the *original* claim that the
part asserts (``claim[start:end]``), for highlighting. A claim that asserts one thing gives
one part covering the whole claim.

The rules — one function each: Arabic in :mod:`.rules_ar`, :mod:`.rules_ar_coord` and
:mod:`.rules_ar_frames`, English in :mod:`.rules_en` and :mod:`.rules_en_frames`, run in the
order of :mod:`.split_driver` over the tokens of :mod:`.split_tokens` — and what they leave alone
are listed in ``docs/claims.md`` (section Decomposition).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: what kind of assertion a part makes: an ordinary statement, a naming/wording claim
#: ("X calls Y 'Z'"), an attribution ("X said that ..."), or a continuing state ("still ...")
PartKind = Literal["statement", "naming", "attribution", "continuing"]


@dataclass(frozen=True, slots=True)
class Naming:
    """A naming/wording assertion: ``namer`` (may be empty) refers to ``entity`` as ``name``."""

    namer: str
    entity: str
    name: str


@dataclass(frozen=True, slots=True)
class ClaimPart:
    text: str
    start: int
    end: int
    kind: PartKind = "statement"
    naming: Naming | None = None


def split_claim(claim: str) -> list[ClaimPart]:
    """The parts of ``claim`` (at least one), in the order of their spans. Never raises on a string."""
    from .split_driver import split

    return split(claim)

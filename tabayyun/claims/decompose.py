"""Splitting a compound claim into atomic, checkable parts.

``split_claim(claim)`` returns one :class:`ClaimPart` per assertion. ``text`` is the part
as a standalone claim (it may borrow the subject from elsewhere in the claim, so it is not
always a substring); ``start``/``end`` index the stretch of the *original* claim that the
part asserts (``claim[start:end]``), for highlighting. A claim that asserts one thing gives
one part covering the whole claim.

This first version is the interface only: every claim is one part. The rules come next.
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
    """The parts of ``claim`` (at least one)."""
    stripped = claim.strip()
    start = claim.find(stripped) if stripped else 0
    return [ClaimPart(text=stripped or claim, start=start, end=start + len(stripped))]

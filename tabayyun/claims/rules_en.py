"""English decomposition rules (placeholder while the Arabic ones settle)."""

from __future__ import annotations

from .decompose import Naming
from .split_tokens import ClaimText, Clause, content_words


def split_appositive(doc: ClaimText, c: Clause) -> list[Clause] | None:
    return None


def attribution(doc: ClaimText, c: Clause) -> tuple[Clause | None, Clause] | None:
    return None


def split_relative(doc: ClaimText, c: Clause) -> list[Clause] | None:
    return None


def split_participle(doc: ClaimText, c: Clause) -> list[Clause] | None:
    return None


def split_coordination(doc: ClaimText, c: Clause) -> list[Clause] | None:
    return None


def naming_of(doc: ClaimText, c: Clause) -> Naming | None:
    return None


def is_continuing(doc: ClaimText, c: Clause) -> bool:
    return False


def checkable(doc: ClaimText, c: Clause) -> bool:
    return content_words(doc, c) >= 2

"""The result shapes shared by the library, the CLI, the API and the web page.

Every public result is a frozen dataclass; ``to_dict`` gives the JSON contract.
Offsets (``start``/``end``) always index the *original* text of the source, so
``source_text[start:end] == text`` holds exactly.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Stance = Literal["agree", "disagree", "discuss", "unrelated"]
Verdict = Literal["supported", "refuted", "not_enough_info", "conflicting"]
CheckOutcome = Literal["match", "mismatch", "not_comparable"]
#: what a check compares: a number, a date, a name (people, organizations, places by role), membership
#: in a stated list, done vs under way, and a quantifier word (all / some / none)
CheckKind = Literal["quantity", "date", "entity", "membership", "completion", "quantifier"]

STANCES: tuple[Stance, ...] = ("agree", "disagree", "discuss", "unrelated")
VERDICTS: tuple[Verdict, ...] = ("supported", "refuted", "not_enough_info", "conflicting")
#: the column of each stance in every ``(n, len(STANCES))`` probability array
A, D, S, U = (STANCES.index(s) for s in ("agree", "disagree", "discuss", "unrelated"))


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, tuples and lists to plain JSON values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_jsonable(v) for k, v in obj.items()}
    return obj


class _JSON:
    def to_dict(self) -> dict[str, Any]:
        out = to_jsonable(self)
        assert isinstance(out, dict)
        return out


@dataclass(frozen=True, slots=True)
class Span(_JSON):
    """A half-open character range ``[start, end)`` into some original text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Document(_JSON):
    """A stored source document. ``text`` is the original (display) text."""

    id: int
    title: str
    source: str
    text: str
    hash: str
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit(_JSON):
    """One retrieved sentence with its fused score and the ranks that made it."""

    text: str
    source: str
    document_id: int
    sentence_id: int
    start: int
    end: int
    score: float
    lexical_rank: int | None = None
    dense_rank: int | None = None
    similarity: float | None = None


@dataclass(frozen=True, slots=True)
class Check(_JSON):
    """One explicit comparison between claim and evidence (a quantity, a date, an entity, a negation)."""

    kind: CheckKind
    claim_text: str
    evidence_text: str
    result: CheckOutcome
    detail: str = ""
    tolerance: str | None = None
    evidence_start: int | None = None
    evidence_end: int | None = None
    source: str | None = None
    #: the stored document the evidence offsets index (``None``: a source not in the store)
    document_id: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence(_JSON):
    text: str
    stance: Stance
    score: float
    source: str
    start: int
    end: int
    document_id: int | None = None
    probabilities: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CheckResult(_JSON):
    """The answer for one claim: the JSON contract of ``tabayyun check``."""

    claim: str
    verdict: Verdict
    confidence: float
    evidence: tuple[Evidence, ...]
    checks: tuple[Check, ...]
    id: Any = None

    def to_dict(self) -> dict[str, Any]:
        d = to_jsonable(self)
        # stable key order: id first, as documented
        return {
            "id": d["id"],
            "claim": d["claim"],
            "verdict": d["verdict"],
            "confidence": d["confidence"],
            "evidence": d["evidence"],
            "checks": d["checks"],
        }


@dataclass(frozen=True, slots=True)
class StancePrediction(_JSON):
    """What a stance model says of one (claim, evidence) pair."""

    stance: Stance
    probabilities: dict[str, float]

    @property
    def score(self) -> float:
        return self.probabilities.get(self.stance, 0.0)


@dataclass(frozen=True, slots=True)
class AddReport(_JSON):
    """What ``add`` did to each input: added, unchanged (duplicate) or failed (with why)."""

    added: tuple[str, ...]
    unchanged: tuple[str, ...]
    errors: tuple[dict[str, Any], ...]
    documents: int
    sentences: int

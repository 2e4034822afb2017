"""The paragraph around each evidence sentence, so the page can highlight it in place.

Pure functions over a document's original text: offsets stay absolute (into that
text), and ``paragraph == text[offset : offset + len(paragraph)]`` always holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..results import Check, CheckResult, Evidence

#: at most this many characters of paragraph on each side of the sentence
SIDE_CHARS = 600


@dataclass(frozen=True, slots=True)
class SourceText:
    """A source the evidence came from: its original text and how to show/link it."""

    text: str
    title: str
    document_id: int | None = None
    url: str | None = None


def paragraph_bounds(text: str, start: int, end: int, side: int = SIDE_CHARS) -> tuple[int, int]:
    """The line (paragraph) holding ``text[start:end]``, clipped to ``side`` characters each side."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span [{start}, {end}) outside a text of {len(text)} characters")
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi == -1 else hi
    lo = max(lo, start - side)
    hi = min(hi, end + side)
    return lo, hi


def evidence_context(
    result: CheckResult, lookup: Callable[[Evidence], SourceText | None], side: int = SIDE_CHARS
) -> list[dict[str, Any] | None]:
    """One context per evidence sentence (``None`` where its source text is unknown).

    ``lookup`` gives the source an evidence sentence indexes (its offsets must fit).
    ``marks`` are the claim/evidence comparisons of the same source (a stored document by its id,
    a source that is not stored by its name) whose evidence span lies in the paragraph.
    """
    out: list[dict[str, Any] | None] = []
    for ev in result.evidence:
        src = lookup(ev)
        if src is None or src.text[ev.start : ev.end] != ev.text:
            out.append(None)
            continue
        lo, hi = paragraph_bounds(src.text, ev.start, ev.end, side)
        marks = [
            {"start": c.evidence_start, "end": c.evidence_end, "kind": c.kind, "result": c.result}
            for c in result.checks
            if _same_source(c, ev) and c.evidence_start is not None and c.evidence_end is not None
            and lo <= c.evidence_start < c.evidence_end <= hi
        ]  # fmt: skip
        out.append({
            "source": ev.source, "title": src.title, "document_id": src.document_id, "url": src.url,
            "offset": lo, "paragraph": src.text[lo:hi], "start": ev.start, "end": ev.end,
            "clipped_start": lo > 0 and src.text[lo - 1] != "\n",
            "clipped_end": hi < len(src.text) and src.text[hi] != "\n",
            "marks": _dedupe(marks),
        })  # fmt: skip
    return out


def _same_source(c: Check, ev: Evidence) -> bool:
    """Whether a comparison indexes the text of an evidence sentence's source (display names may repeat)."""
    if ev.document_id is not None:
        return c.document_id == ev.document_id
    return c.document_id is None and c.source == ev.source


def _dedupe(marks: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for m in sorted(marks, key=lambda m: (m["start"], m["end"])):
        key = (m["start"], m["end"], m["kind"], m["result"])
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out

"""A verdict per part of a claim, and the claim's result put together from its parts.

:func:`check_parts` splits a claim (:func:`~tabayyun.claims.decompose.split_claim`), has each part
checked by the ``judge`` it is given (in :class:`~tabayyun.core.Tabayyun`: retrieve, stance, explicit
checks, decide — the same machinery as a whole claim, on the part's text), explains each verdict
(:mod:`tabayyun.claims.explain`) and derives the overall verdict and confidence
(:func:`~tabayyun.verdict.combine_parts`).

* One part: the claim is judged as today (its whole text), and ``parts`` holds one part that
  mirrors the result (same verdict, confidence, evidence, checks, reason, correction).
* Several parts: each part is judged on its own text, and the whole claim once more as one assertion
  (the anchor :func:`~tabayyun.verdict.combine_parts` falls back on when no part is refuted and not
  every part is supported: a rewritten part checked alone can lose the context of its evidence; when
  every part is supported it is not read, so not judged); the overall ``evidence`` is the parts'
  evidence taken in turns (each part's best first, then each part's second, ...; a sentence once),
  the overall ``checks`` are the parts' together (each once), the overall ``reason`` lists the parts'
  verdicts (:func:`~tabayyun.claims.explain.parts_reason`) and a refuted claim's ``correction`` is
  its first refuted part's.

Evidence and check offsets index the sources exactly as a whole claim's do; a part's ``start``/``end``
index the claim.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import zip_longest
from typing import Any

from ..protocols import Store
from ..results import Check, CheckResult, Evidence, PartResult
from ..verdict import combine_parts
from .decompose import ClaimPart, split_claim
from .explain import explained_correction, parts_reason, reason

#: ``judge(text, part)``: the result of checking ``text`` (the text of ``part``, or the whole claim when
#: it is one part), with no parts, reason or correction yet
Judge = Callable[[str, ClaimPart], CheckResult]
Splitter = Callable[[str], list[ClaimPart]]
#: ``prepare(texts)``: told, before any judging, every text the judge may be given
Prepare = Callable[[list[str]], None]


def check_parts(claim: str, cid: Any, judge: Judge, split: Splitter | None = None, *,
                store: Store | None = None, prepare: Prepare | None = None) -> CheckResult:
    """The result for ``claim``: per-part verdicts, explained, and the overall verdict from them.

    ``split``: how to split the claim (default :func:`~tabayyun.claims.decompose.split_claim`).
    ``store``: where a naming part counts the names (:func:`judged`); without one, a naming part is
    judged as a statement. ``prepare``, when given, is called once with every text ``judge`` may be
    given (each part's, then the whole claim's) before any is judged, so work on them can be batched
    (:meth:`tabayyun.core.Tabayyun.check` embeds them in one call).
    """
    parts = (split or split_claim)(claim) or [ClaimPart(text=claim, start=0, end=len(claim))]
    if prepare is not None:
        prepare(list(dict.fromkeys([*(p.text for p in parts if len(parts) > 1), claim])))
    if len(parts) == 1:
        whole = explained(judged(judge, claim, parts[0], store))
        return replace(whole, id=cid, parts=(part_result(parts[0], whole),))
    results = [part_result(p, explained(judged(judge, p.text, p, store))) for p in parts]
    verdicts = [(r.verdict, r.confidence) for r in results]
    if all(v == "supported" for v, _ in verdicts):  # combine_parts does not read the anchor then
        verdict, confidence = combine_parts(verdicts)
    else:
        whole = judge(claim, ClaimPart(text=claim, start=0, end=len(claim)))  # the anchor of combine_parts
        verdict, confidence = combine_parts(verdicts, (whole.verdict, whole.confidence))
    fix = next((r.correction for r in results if r.verdict == "refuted" and r.correction), None)
    return CheckResult(
        claim=claim, verdict=verdict, confidence=confidence, evidence=merged_evidence(results),
        checks=tuple(dict.fromkeys(c for r in results for c in r.checks)), id=cid,
        reason=parts_reason(results), correction=fix if verdict == "refuted" else None, parts=tuple(results),
    )  # fmt: skip


def judged(judge: Judge, text: str, part: ClaimPart, store: Store | None) -> CheckResult:
    """``judge(text, part)``; for a naming part that says who does the naming ("X calls Y Z") with a
    ``store``, the verdict of the name counts over the documents of its evidence, or the whole store
    when it is small (:func:`~tabayyun.claims.naming.judged_naming`,
    :func:`~tabayyun.claims.naming.naming_documents`), with the naming check first among its checks.

    A naming without a namer ("Y, known as Z", "المعروفة باسم Z") describes Y rather than claims how
    someone words it, so it is judged as the statement it is: on 900 Arabic NLI dev pairs, counting
    names for such sentences turned four translations the whole check had supported into
    not_enough_info or refuted."""
    result = judge(text, part)
    if part.kind != "naming" or part.naming is None or not part.naming.namer.strip() or store is None:
        return result
    from .naming import judged_naming, naming_documents  # lazily: the alias table loads on first use

    retrieved = [e.document_id for e in result.evidence if e.document_id is not None]
    return judged_naming(result, part.naming, naming_documents(store, retrieved))


def explained(result: CheckResult) -> CheckResult:
    """``result`` with its reason, and its correction when it is refuted."""
    return replace(
        result,
        reason=reason(result.verdict, result.checks, result.evidence),
        correction=explained_correction(result.verdict, result.checks, result.evidence),
    )


def part_result(part: ClaimPart, result: CheckResult) -> PartResult:
    """The part's answer: where it is in the claim, and the explained result of checking it."""
    return PartResult(
        text=part.text, start=part.start, end=part.end, kind=part.kind, verdict=result.verdict,
        confidence=result.confidence, evidence=result.evidence, checks=result.checks,
        reason=result.reason, correction=result.correction,
    )  # fmt: skip


def merged_evidence(parts: Sequence[PartResult]) -> tuple[Evidence, ...]:
    """The parts' evidence in turns (every part's best first), each source stretch once."""
    out: dict[tuple[int | None, str, int, int], Evidence] = {}
    for row in zip_longest(*(p.evidence for p in parts)):
        for ev in row:
            if ev is not None:
                out.setdefault((ev.document_id, ev.source, ev.start, ev.end), ev)
    return tuple(out.values())


def renumbered(result: CheckResult, new: Callable[[int | None], int | None]) -> CheckResult:
    """``result`` with every document id (evidence, checks and their naming forms, correction, parts)
    passed through ``new``."""

    def fix(obj: Any) -> Any:
        return None if obj is None else replace(obj, document_id=new(obj.document_id))

    def fix_check(c: Check) -> Check:
        forms = tuple(replace(f, spans=tuple(fix(s) for s in f.spans)) for f in c.forms)
        return replace(c, document_id=new(c.document_id), forms=forms)

    def inner(r: Any) -> Any:
        return replace(
            r, evidence=tuple(fix(e) for e in r.evidence), checks=tuple(fix_check(c) for c in r.checks),
            correction=fix(r.correction),
        )  # fmt: skip

    out: CheckResult = inner(result)
    return replace(out, parts=tuple(inner(p) for p in result.parts))

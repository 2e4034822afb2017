"""Evaluate what users get: the whole check, one item's source as its only source.

Each item of an ANS, AraStance or NLI file becomes ``(claim, source)``: ANS
``(s1, s2)``, AraStance ``(claim, article)`` for each article, NLI ``(hypothesis,
premise)``. :meth:`tabayyun.Tabayyun.check` runs with that source alone (one
``Tabayyun`` and its models serve the whole file), :func:`tabayyun.verdict.result_stance`
reads the result as a stance and the data set's label map turns it into a label (a claim
split into parts whose verdicts differ, ``mixed``, reads as disagree: ANS "disagree",
AraStance "Disagree", NLI "contradiction" — the source contradicts a part, so the claim as
stated cannot hold).

Besides the classification report, the verdict confidence is scored against
right/wrong: its expected calibration error and its mean.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..results import CheckResult
from ..verdict import result_stance
from .metrics import calibration_error, classification_report
from .models import EvalResult
from .readers import FORMAT_LABELS, read_ans, read_arastance, read_nli

if TYPE_CHECKING:
    from ..core import Tabayyun

Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class PipelineItem:
    """One check to run: ``claim`` against ``source`` alone, and the gold label."""

    claim: str
    source: str
    gold: str
    line: int


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the check said of one item, read as the data set's label."""

    item: PipelineItem
    label: str
    verdict: str
    confidence: float

    @property
    def correct(self) -> bool:
        return self.label == self.item.gold


def pipeline_items(path: str | Path, fmt: str) -> list[PipelineItem]:
    """The items of a data file of format ``ans``, ``arastance`` or ``nli``."""
    if fmt == "ans":
        return [PipelineItem(r.s1, r.s2, r.stance, r.line) for r in read_ans(path)]
    if fmt == "nli":
        return [PipelineItem(r.hypothesis, r.premise, r.label, r.line) for r in read_nli(path)]
    if fmt == "arastance":
        return [
            PipelineItem(r.claim, a, s, r.line)
            for r in read_arastance(path)
            for a, s in zip(r.articles, r.stances, strict=True)
        ]
    raise ValueError(f"unknown format {fmt!r}")


def run_pipeline(
    tb: Tabayyun, items: Sequence[PipelineItem], progress: Progress | None = None
) -> list[CheckResult]:
    """Check every item's claim against its source alone, with ``tb``'s models."""
    out: list[CheckResult] = []
    for it in items:
        out.append(tb.check(it.claim, sources=[it.source], id=it.line))
        if progress:
            progress(1)
    return out


def outcomes(items: Sequence[PipelineItem], results: Sequence[CheckResult], fmt: str) -> list[Outcome]:
    """Each result read as a label of the data set's format."""
    _, to_label = FORMAT_LABELS[fmt]
    return [
        Outcome(it, to_label[result_stance(r)], r.verdict, r.confidence)
        for it, r in zip(items, results, strict=True)
    ]


def pipeline_report(outs: Sequence[Outcome], fmt: str) -> dict[str, Any]:
    """Per-class P/R/F1, confusion, macro-F1, and the ECE and mean of the verdict confidence."""
    labels, _ = FORMAT_LABELS[fmt]
    rep = classification_report([o.item.gold for o in outs], [o.label for o in outs], labels)
    conf = [o.confidence for o in outs]
    rep["ece"] = calibration_error(conf, [o.correct for o in outs])
    rep["mean_confidence"] = sum(conf) / len(conf) if conf else 0.0
    rep["verdicts"] = dict(sorted(Counter(o.verdict for o in outs).items()))
    return rep


def evaluate_pipeline(
    tb: Tabayyun, path: str | Path, fmt: str, progress: Progress | None = None
) -> EvalResult:
    """Score the whole check on a data file: one prediction per input line, as the file has it."""
    items = pipeline_items(path, fmt)
    outs = outcomes(items, run_pipeline(tb, items, progress), fmt)
    by_line: dict[int, list[Outcome]] = {}
    for o in outs:
        by_line.setdefault(o.item.line, []).append(o)
    preds: list[dict[str, Any]] = []
    for line, os_ in by_line.items():
        if fmt == "arastance":  # one label per article, as the file lists them
            preds.append({"line": line, "stance": [o.label for o in os_], "verdict": [o.verdict for o in os_],
                          "confidence": [o.confidence for o in os_]})  # fmt: skip
        else:
            (o,) = os_
            preds.append({"line": line, "stance": o.label, "verdict": o.verdict, "confidence": o.confidence})
    return EvalResult(pipeline_report(outs, fmt), preds)

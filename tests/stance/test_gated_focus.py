"""The gated model's focus in a check: fewer cross-encoder rows, the same verdicts and confidences.

:meth:`GatedStance.predict_for_verdict` lets the splitter skip candidates that are off topic
when another is on topic. Over the sample corpus and claims (fast fake models: the heuristic
gate on hashed vectors, an overlap splitter), every check must give the same verdict and
confidence, and the same evidence sentences not called unrelated (in the same order, with the same
probabilities: on-topic evidence ranks first), as reading every candidate the gate does not rule
out, while reading fewer rows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun import Tabayyun
from tabayyun.results import CheckResult
from tabayyun.stance.gated import GatedStance
from tabayyun.stance.heuristic import HeuristicStance
from tabayyun.testing import HashingEmbedder, OverlapStance

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = [json.loads(line)["claim"] for line in (ROOT / "samples" / "claims.jsonl").read_text(
    encoding="utf-8").splitlines() if line.strip()]
EXTRA = ["The river flooded 40 villages", "وزارة الصحة أطلقت حملة تطعيم جديدة",
         "The budget grew by 5 percent"]


class CountingSplitter(OverlapStance):
    def __init__(self) -> None:
        self.rows = 0

    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]:
        self.rows += len(claims)
        return super().predict_proba(claims, evidence)


def read_all(self: GatedStance, claims: Sequence[str], evidence: Sequence[str], cv: NDArray[np.float32],
             ev: NDArray[np.float32], *flags: NDArray[np.bool_]) -> NDArray[np.float64]:
    """The behaviour before the focus: every candidate the gate does not rule out is read."""
    return self.predict_proba_vectors(claims, evidence, cv, ev)


def related(r: CheckResult) -> list[tuple[str, str, dict[str, float]]]:
    """The evidence a check does not call unrelated, in order, with its probabilities."""
    return [(e.text, e.stance, e.probabilities) for e in r.evidence if e.stance != "unrelated"]


@pytest.fixture(scope="module")
def checker() -> Iterator[tuple[Tabayyun, CountingSplitter]]:
    embedder = HashingEmbedder()
    splitter = CountingSplitter()
    # skip_at=1: no row is ruled out by the gate alone, so every skipped row is the focus's doing
    model = GatedStance(HeuristicStance(embedder), splitter, skip_at=1.0)
    with Tabayyun(embedder=embedder, stance_model=model) as tb:
        tb.add_files([ROOT / "samples" / "corpus"])
        yield tb, splitter


def test_focus_keeps_every_verdict_and_confidence_and_reads_fewer_rows(
    checker: tuple[Tabayyun, CountingSplitter], monkeypatch: pytest.MonkeyPatch
) -> None:
    tb, splitter = checker
    focused = [tb.check(c) for c in CLAIMS + EXTRA]
    focused_rows, splitter.rows = splitter.rows, 0
    monkeypatch.setattr(GatedStance, "predict_for_verdict", read_all)
    every = [tb.check(c) for c in CLAIMS + EXTRA]
    assert [(r.verdict, r.confidence) for r in focused] == [(r.verdict, r.confidence) for r in every]
    assert [r.checks for r in focused] == [r.checks for r in every]
    assert [related(r) for r in focused] == [related(r) for r in every]
    assert focused_rows < splitter.rows, (focused_rows, splitter.rows)

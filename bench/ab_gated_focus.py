"""Does the gated model's focus (the cross-encoder skips off-topic candidates) change any answer?

    python3 bench/devsets.py --out /tmp/devsets
    python3 bench/ab_gated_focus.py /tmp/devsets/*.jsonl --every 2

Each item of the dev sets (as ``tabayyun eval --system pipeline`` reads it: the claim
against its source alone) is checked twice in the same process, on the same scratch
store: with :meth:`~tabayyun.stance.gated.GatedStance.predict_for_verdict` as shipped,
and with it reading every candidate the gate does not rule out (the behaviour before).
Prints the verdicts and confidences that differ, the evidence lists that differ (all of
it, and the sentences not called unrelated with their probabilities), the
cross-encoder rows read per check and the time of each mode.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from tabayyun import Tabayyun
from tabayyun.evaluate.pipeline import pipeline_items
from tabayyun.results import CheckResult
from tabayyun.stance.gated import GatedStance


def read_all(model: GatedStance, claims: Sequence[str], evidence: Sequence[str], cv: NDArray[np.float32],
             ev: NDArray[np.float32], *flags: NDArray[np.bool_]) -> NDArray[np.float64]:
    return model.predict_proba_vectors(claims, evidence, cv, ev)


def evidence_of(r: CheckResult) -> list[tuple[str, str]]:
    return [(e.text, e.stance) for e in r.evidence]


def related_evidence_of(r: CheckResult) -> list[tuple[str, str, tuple[float, ...]]]:
    """The evidence the check does not call unrelated, in order, with its probabilities."""
    return [(e.text, e.stance, tuple(e.probabilities.values()))
            for e in r.evidence if e.stance != "unrelated"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+")
    ap.add_argument("--every", type=int, default=1, help="take every k-th item of each file")
    args = ap.parse_args()
    tb = Tabayyun()
    tb.warm_up()
    model = tb.stance_model
    assert isinstance(model, GatedStance), "the default stance model is the gated one"
    focused = GatedStance.predict_for_verdict
    rows = {"focused": 0, "all": 0}
    seconds = {"focused": 0.0, "all": 0.0}
    splitter = model.splitter
    real_predict = splitter.predict_proba
    mode = ["focused"]

    def counting(claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]:
        rows[mode[0]] += len(claims)
        return real_predict(claims, evidence)

    splitter.predict_proba = counting  # type: ignore[method-assign]
    summary: dict[str, Any] = {}
    for path in args.files:
        fmt = "arastance" if "arastance" in Path(path).name else "nli"
        items = pipeline_items(path, fmt)[:: args.every]
        diff_verdict = diff_conf = diff_evidence = diff_related = 0
        examples = []
        for it in items:
            with tb.with_sources([it.source]) as scratch:
                out = {}
                for m, fn in (("focused", focused), ("all", read_all)):
                    mode[0] = m
                    GatedStance.predict_for_verdict = fn  # type: ignore[assignment,method-assign]
                    t = time.perf_counter()
                    out[m] = scratch.check(it.claim)
                    seconds[m] += time.perf_counter() - t
                GatedStance.predict_for_verdict = focused  # type: ignore[method-assign]
            a, b = out["focused"], out["all"]
            diff_verdict += a.verdict != b.verdict
            diff_conf += a.confidence != b.confidence
            diff_evidence += evidence_of(a) != evidence_of(b)
            diff_related += related_evidence_of(a) != related_evidence_of(b)
            if (a.verdict, a.confidence) != (b.verdict, b.confidence) and len(examples) < 5:
                examples.append({"line": it.line, "focused": [a.verdict, a.confidence],
                                 "all": [b.verdict, b.confidence]})
        summary[Path(path).name] = {"items": len(items), "verdicts_changed": diff_verdict,
                                    "confidences_changed": diff_conf, "evidence_lists_changed": diff_evidence,
                                    "related_evidence_changed": diff_related,
                                    "examples": examples}
        print(json.dumps({Path(path).name: summary[Path(path).name]}, ensure_ascii=False), flush=True)
    n = sum(s["items"] for s in summary.values())
    per_check = {k: round(v / n, 2) for k, v in rows.items()}
    print(json.dumps({"checks": n, "cross_encoder_rows_per_check": per_check,
                      "check_mean_ms": {k: round(1000 * v / n, 1) for k, v in seconds.items()}}), flush=True)


if __name__ == "__main__":
    main()

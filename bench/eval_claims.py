"""End-to-end verdict accuracy of the stance models on a held-out set of claims.

    python3 bench/eval_claims.py --claims bench/claims_dev/claims.jsonl \
        --corpus bench/claims_dev/corpus --stance heuristic --stance learned --stance gated

Each ``--stance`` (repeatable, or comma-separated) is run through the whole
pipeline (retrieval, stance model, explicit checks, verdict) on a store built
from ``--corpus``. Prints accuracy, the confusion of expected against predicted
verdicts, the misses, and last one JSON line with the summary of every model.

``bench/claims_dev`` is the development set for choosing stance models and their
settings; ``samples/claims.jsonl`` (the end-to-end tests) is never tuned on.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tabayyun import Tabayyun
from tabayyun.embed import E5Embedder
from tabayyun.results import VERDICTS

EXPECTED: tuple[str, ...] = ("supported", "refuted", "not_enough_info")


def read_claims(path: Path) -> list[dict[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        if r.get("expected") not in EXPECTED or not isinstance(r.get("claim"), str):
            raise SystemExit(f"{path}: bad row {r!r}")
    return rows


def evaluate(name: str, rows: Sequence[dict[str, str]], corpus: Path, embedder: E5Embedder) -> dict[str, Any]:
    with Tabayyun(":memory:", embedder=embedder, stance_model=name) as tb:
        report = tb.add_files([corpus])
        if report.errors:
            raise SystemExit(f"cannot read the corpus: {report.errors}")
        t0 = time.perf_counter()
        results = [tb.check(r["claim"], id=r["id"]) for r in rows]
        seconds = time.perf_counter() - t0
    confusion: dict[str, dict[str, int]] = {e: dict.fromkeys(VERDICTS, 0) for e in EXPECTED}
    misses = []
    for r, res in zip(rows, results, strict=True):
        confusion[r["expected"]][res.verdict] += 1
        if res.verdict != r["expected"]:
            misses.append(
                {"id": r["id"], "expected": r["expected"], "got": res.verdict, "confidence": res.confidence}
            )
    correct = sum(confusion[e][e] for e in EXPECTED)
    per_verdict = {e: round(confusion[e][e] / max(1, sum(confusion[e].values())), 4) for e in EXPECTED}
    return {
        "stance": name, "n": len(rows), "correct": correct, "accuracy": round(correct / max(1, len(rows)), 4),
        "recall": per_verdict, "confusion": confusion, "misses": misses, "seconds": round(seconds, 1),
    }  # fmt: skip


def print_report(s: dict[str, Any]) -> None:
    print(f"\n== {s['stance']}: accuracy {s['accuracy']:.3f} ({s['correct']}/{s['n']}), {s['seconds']} s")
    width = max(len(v) for v in VERDICTS)
    print("expected \\ got".ljust(18) + "".join(v.rjust(width + 2) for v in VERDICTS))
    for e in EXPECTED:
        print(e.ljust(18) + "".join(str(s["confusion"][e][v]).rjust(width + 2) for v in VERDICTS))
    for m in s["misses"]:
        print(f"  miss {m['id']}: expected {m['expected']}, got {m['got']} ({m['confidence']})")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--claims", type=Path, required=True, help="JSONL rows {id, claim, expected}")
    ap.add_argument("--corpus", type=Path, required=True, help="a folder (or file) of source documents")
    ap.add_argument("--stance", action="append", default=None,
                    help="stance model name(s): heuristic, learned, gated "
                         "(repeatable or comma-separated)")  # fmt: skip
    args = ap.parse_args(argv)
    names = [n for s in (args.stance or ["heuristic"]) for n in s.split(",") if n]
    rows = read_claims(args.claims)
    embedder = E5Embedder()
    summaries = [evaluate(n, rows, args.corpus, embedder) for n in names]
    for s in summaries:
        print_report(s)
    print(json.dumps({
        "claims": str(args.claims), "n": len(rows),
        "models": {s["stance"]: {"accuracy": s["accuracy"], "recall": s["recall"]} for s in summaries},
    }, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()

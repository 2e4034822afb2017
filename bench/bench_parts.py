"""What a verdict per part costs: the median time of one check of a compound claim, split into its
parts (each part retrieved and judged) against the same check judged whole (one part), in the same
process and store, with the real models.

    python3 bench/bench_parts.py [--repeat 7]

The claim and source are issue 10's headline shape, written for tests/claims/test_parts.py. The
baseline (``whole``) is the same ``Tabayyun.check`` with the splitter replaced by one that returns
the claim as a single part, so the two differ only in the per-part judging. Also reports, for the
sample claims (samples/claims.jsonl, a typical mix of one-assertion claims), how many split at all,
and — the issue's measure — the median check time over a claim set (``--claims``/``--corpus``, default
the held-out claims of bench/claims_dev) with the decomposition and without it, in the same process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "claims"))

import tabayyun.claims.parts as parts_mod  # noqa: E402
from tabayyun.claims.decompose import ClaimPart, split_claim  # noqa: E402
from tabayyun.core import Tabayyun  # noqa: E402


def _median_ms(tb: Tabayyun, claim: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        tb.check(claim)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--claims", default=str(ROOT / "bench" / "claims_dev" / "claims.jsonl"))
    ap.add_argument("--corpus", default=str(ROOT / "bench" / "claims_dev" / "corpus"))
    args = ap.parse_args()
    from test_parts import HEADLINE, HEADLINE_SOURCE

    with Tabayyun() as tb:
        tb.add_text(HEADLINE_SOURCE, source="source")
        tb.check(HEADLINE)  # load the models
        n_parts = len(split_claim(HEADLINE))
        split = _median_ms(tb, HEADLINE, args.repeat)
        original = parts_mod.split_claim
        parts_mod.split_claim = lambda c: [ClaimPart(c, 0, len(c))]
        try:
            whole = _median_ms(tb, HEADLINE, args.repeat)
        finally:
            parts_mod.split_claim = original
    claim_set = [json.loads(x)["claim"] for x in Path(args.claims).read_text(encoding="utf-8").splitlines()
                 if x.strip()]
    with Tabayyun() as tb:
        tb.add_files([args.corpus])
        tb.check(claim_set[0])
        with_split, without = [], []
        for _ in range(3):  # the two modes take turns, so load changes hit both
            with_split += [_timed(tb, c) for c in claim_set]
            original = parts_mod.split_claim
            parts_mod.split_claim = lambda c: [ClaimPart(c, 0, len(c))]
            try:
                without += [_timed(tb, c) for c in claim_set]
            finally:
                parts_mod.split_claim = original
    set_split = sum(len(split_claim(c)) > 1 for c in claim_set)
    lines = (ROOT / "samples" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    samples = [json.loads(line)["claim"] for line in lines if line.strip()]
    split_samples = sum(len(split_claim(c)) > 1 for c in samples)
    print(json.dumps({
        "claim_parts": n_parts, "repeat": args.repeat, "median_ms_parts": round(split, 1),
        "median_ms_whole": round(whole, 1), "ratio": round(split / whole, 2),
        "sample_claims": len(samples), "sample_claims_split": split_samples,
        "claim_set": args.claims, "claim_set_n": len(claim_set), "claim_set_split": set_split,
        "set_median_ms_with_decomposition": round(statistics.median(with_split), 1),
        "set_median_ms_without": round(statistics.median(without), 1),
        "set_median_ratio": round(statistics.median(with_split) / statistics.median(without), 3),
    }))


def _timed(tb: Tabayyun, claim: str) -> float:
    t = time.perf_counter()
    tb.check(claim)
    return (time.perf_counter() - t) * 1000


if __name__ == "__main__":
    main()

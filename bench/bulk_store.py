"""A bench-only bulk builder of big stores (1M sentences and more) that ``Tabayyun`` opens as any other.

    python3 bench/bulk_store.py --out bench/out/scale-1000000/bench.db --n 1000000 --planted 200

``Tabayyun.add_documents`` writes one transaction per document and adds each batch of vectors to the
HNSW index as it goes (1M sentences took over an hour on the shared 2-core machine). This script writes
the same rows (documents, sentences with offsets from :func:`tabayyun.core.prepare_sentences`, their
terms, float16 vectors, ``sentence_hw``, the store's marker) with ``executemany`` in large transactions,
then opens the file once with :class:`~tabayyun.store.sqlite.SQLiteStore`, whose reconciliation builds
the derived indexes from SQLite exactly as after a crash (tantivy synced from the terms, the HNSW index
from the vectors) and saves them. The result is a normal store.

What goes in (issue 11 item 4: recall at scale, and the check latency at 1M on the same store):

* **planted**: Arabic Wikipedia dev documents of ``../shared/datasets/corpora`` (read at run time, as
  ``bench/bench_lexical.py --recall`` reads them), each a document of its first sentences, embedded with
  the real e5 embedder; from each of the first ``--planted`` documents that has one, a claim is cut from
  a sentence (:func:`devsets.drop_clause`: the sentence up to its last comma) and that sentence is its
  evidence. The pairs go to ``PATH.pairs.jsonl`` beside the store (outside the repository).
* **Wikipedia distractors**: the sentences of the other (non-dev) Wikipedia documents, 20 to a document,
  with the e5 vectors of a pool of ``--pool`` of them (really embedded) plus small noise, as
  ``bench/bench_core.py`` does for big stores.
* **synthetic distractors** up to ``--n`` sentences: ``bench/corpus.py`` documents of 20 sentences with
  bench_core's pool vectors (``bench/out/pool4000.npy``).

``--expansion-add N`` builds the HNSW graph with that construction breadth instead of the store's
(:data:`tabayyun.store.vectors.EXPANSION_ADD`, 128; searches keep the store's ``EXPANSION_SEARCH``): at
10M sentences on 2 shared cores the store's own setting would take hours. A smaller breadth makes a
slightly worse graph (200k real-and-pool vectors, recall@10 of the HNSW answer against the exact one:
0.884 at 128, 0.880 at 48, 0.867 at 24), so dense recall measured on such a store is a lower bound.
``--finish`` completes a store whose rows are all written (the build was stopped while the derived
indexes were being made): it opens it to build them and writes the pairs file.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus
import devsets
from bench_core import PoolEmbedder, pool_vectors
from bench_lexical import wiki_distractors

from tabayyun.core import prepare_sentences
from tabayyun.embed import E5Embedder
from tabayyun.ingest import content_hash
from tabayyun.store import vectors as vector_index
from tabayyun.store.opening import APPLICATION_ID
from tabayyun.store.sqlite import NewSentence, SQLiteStore

CORPORA = Path(__file__).resolve().parents[2] / "shared/datasets/corpora"
PER_DOC = 20
#: documents written per transaction
TX_DOCS = 5000

Doc = tuple[str, str, list[NewSentence], NDArray[np.float32]]  # text, title, sentences, vectors


def planted_docs(root: Path, n_pairs: int, embed: Callable[[list[str]], NDArray[np.float32]]
                 ) -> tuple[list[Doc], list[dict[str, str]]]:
    """Dev Wikipedia documents (real vectors) and ``n_pairs`` claim/evidence pairs cut from them."""
    rng = random.Random(11)
    docs: list[Doc] = []
    pairs: list[dict[str, str]] = []
    for doc_id, title, sents in devsets.arwiki_dev(root, n_pairs * 3):
        text = "\n".join(sents)
        ss = prepare_sentences(text)
        docs.append((text, title or doc_id, ss, embed([s.text for s in ss])))
        cut = [(s.text, c) for s in ss if (c := devsets.drop_clause(s.text)) is not None]
        if cut and len(pairs) < n_pairs:
            evidence, claim = rng.choice(cut)
            pairs.append({"claim": claim, "evidence": evidence, "document": doc_id})
    return docs, pairs


class CachedPassages:
    """e5 passage vectors (the default embedder), kept in an ``.npz`` between runs when ``path`` is given."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: dict[str, NDArray[np.float32]] = {}
        if path is not None and path.exists():
            with np.load(path) as z:
                self.known = dict(zip(json.loads(str(z["texts"])), z["vectors"], strict=True))
        self.embedder = E5Embedder()

    def __call__(self, texts: list[str]) -> NDArray[np.float32]:
        new = [t for t in dict.fromkeys(texts) if t not in self.known]
        if new:
            self.known.update(zip(new, self.embedder.embed_passages(new), strict=True))
        return np.stack([self.known[t] for t in texts]).astype(np.float32)

    def save(self) -> None:
        if self.path is not None:
            np.savez(self.path, texts=json.dumps(list(self.known), ensure_ascii=False),
                     vectors=np.stack(list(self.known.values())))


def grouped(texts: list[str], vectors: PoolEmbedder) -> Iterator[Doc]:
    """Sentences ``PER_DOC`` to a document (one per line), with pool vectors."""
    for i in range(0, len(texts), PER_DOC):
        text = "\n".join(t.replace("\n", " ") for t in texts[i : i + PER_DOC])
        ss = prepare_sentences(text)
        yield text, f"d{i}", ss, vectors.embed([s.text for s in ss])


def write(db: Path, docs: Iterator[Doc], n: int) -> int:
    """Rows of ``docs`` into the (empty, just created) store ``db`` until ``n`` sentences; returns the
    count."""
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    sid = 0
    doc_rows: list[tuple[object, ...]] = []
    sent_rows: list[tuple[object, ...]] = []

    def commit() -> None:
        con.execute("BEGIN")
        con.executemany("INSERT INTO documents(id, hash, title, source, text) VALUES (?, ?, ?, ?, ?)",
                        doc_rows)
        con.executemany("INSERT INTO sentences(id, document_id, start, end, text, vector, terms) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", sent_rows)
        con.execute("INSERT INTO meta(key, value) VALUES ('sentence_hw', ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (str(sid),))
        con.execute("COMMIT")
        doc_rows.clear()
        sent_rows.clear()

    for did, (text, title, ss, vecs) in enumerate(docs, start=1):
        if sid >= n:
            break
        doc_rows.append((did, content_hash(text), title, f"bulk{did}", text))
        blobs = np.asarray(vecs, dtype=np.float16)
        for s, v in zip(ss, blobs, strict=True):
            sid += 1
            sent_rows.append((sid, did, s.start, s.end, s.text, v.tobytes(), s.terms))
        if len(doc_rows) >= TX_DOCS:
            commit()
            print(json.dumps({"sentences_written": sid}), flush=True)
    commit()
    con.close()
    return sid


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True, help="the store to create (must not exist)")
    ap.add_argument("--n", type=int, default=1_000_000, help="sentences in all")
    ap.add_argument("--planted", type=int, default=200, help="claim/evidence pairs")
    ap.add_argument("--pool", type=int, default=4000, help="Wikipedia sentences really embedded for the pool")
    ap.add_argument("--wiki-max", type=int, default=300_000, help="Wikipedia distractor sentences at most")
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--cache", type=Path, help="an .npz keeping the real e5 vectors between builds")
    ap.add_argument("--expansion-add", type=int, help="the HNSW graph's construction breadth (see above)")
    ap.add_argument("--finish", action="store_true",
                    help="the rows of --out are written: build its derived indexes and write the pairs")
    args = ap.parse_args()
    if args.expansion_add:
        vector_index.EXPANSION_ADD = args.expansion_add
    if args.finish:
        finish(args)
        return
    if args.out.exists():
        raise SystemExit(f"{args.out} exists")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    times: dict[str, float] = {}
    t = time.perf_counter()
    embed = CachedPassages(args.cache)
    planted, pairs = planted_docs(args.corpora, args.planted, embed)
    wiki = wiki_distractors(args.corpora, args.wiki_max)
    rng = np.random.default_rng(3)
    pool_idx = rng.choice(len(wiki), size=min(args.pool, len(wiki)), replace=False)
    wiki_pool = embed([wiki[int(i)] for i in pool_idx])
    embed.save()
    times["real_embedding_s"] = time.perf_counter() - t
    t = time.perf_counter()
    SQLiteStore(args.out).close()  # the schema, as the store creates it
    n_planted = sum(len(d[2]) for d in planted)
    synthetic = corpus.sentences(max(0, args.n - n_planted - len(wiki)), seed=7)

    news = PoolEmbedder(pool_vectors())

    def docs() -> Iterator[Doc]:
        yield from planted
        yield from grouped(wiki, PoolEmbedder(wiki_pool))
        batch: list[str] = []
        for s in synthetic:
            batch.append(s)
            if len(batch) == 20_000:
                yield from grouped(batch, news)
                batch = []
        yield from grouped(batch, news)

    n = write(args.out, docs(), args.n)
    times["sqlite_rows_s"] = time.perf_counter() - t
    n_store = derived_indexes(args.out, times)
    assert n_store == n, (n_store, n)
    write_pairs(args.out, pairs)
    size = sum(p.stat().st_size for p in args.out.parent.rglob("*") if p.is_file())
    print(json.dumps({"sentences": n, "planted_sentences": n_planted, "pairs": len(pairs),
                      "wikipedia_distractors": len(wiki), "store_dir_mb": round(size / 1e6),
                      "expansion_add": vector_index.EXPANSION_ADD,
                      **{k: round(v, 1) for k, v in times.items()}}), flush=True)


def derived_indexes(db: Path, times: dict[str, float]) -> int:
    """Open the store once: its reconciliation builds the tantivy and HNSW indexes from SQLite, as after a
    crash, and saves them. Returns the sentences stored."""
    t = time.perf_counter()
    with SQLiteStore(db, create=False) as store:
        n = store.count_sentences()
    times["derived_indexes_s"] = time.perf_counter() - t
    return n


def write_pairs(db: Path, pairs: list[dict[str, str]]) -> None:
    with open(str(db) + ".pairs.jsonl", "w", encoding="utf-8") as f:
        for p in pairs:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")


def finish(args: argparse.Namespace) -> None:
    """``--finish``: the derived indexes of a store whose rows are written, and its pairs file (the same
    planted pairs as a whole build: the same seeds; ``--cache`` makes their embedding instant)."""
    if not args.out.exists():
        raise SystemExit(f"{args.out} does not exist")
    embed = CachedPassages(args.cache)
    _, pairs = planted_docs(args.corpora, args.planted, embed)
    times: dict[str, float] = {}
    n = derived_indexes(args.out, times)
    write_pairs(args.out, pairs)
    size = sum(p.stat().st_size for p in args.out.parent.rglob("*") if p.is_file())
    print(json.dumps({"sentences": n, "pairs": len(pairs), "store_dir_mb": round(size / 1e6),
                      "expansion_add": vector_index.EXPANSION_ADD,
                      **{k: round(v, 1) for k, v in times.items()}}), flush=True)


if __name__ == "__main__":
    main()

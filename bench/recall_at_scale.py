"""Recall@8 of planted evidence in a big store: lexical, dense and fused, with and without term pruning.

    python3 bench/bulk_store.py --out bench/out/scale-1000000/bench.db --n 1000000 --planted 200
    python3 bench/recall_at_scale.py bench/out/scale-1000000/bench.db

Reads the claim/evidence pairs that ``bench/bulk_store.py`` planted (``DB.pairs.jsonl``), opens the store
read-only with the default e5 embedder, and for each claim asks whether its evidence sentence is among
the 8 best of

* ``lexical``: BM25 over the claim's query terms (:func:`tabayyun.retrieve.query_terms`), all of them
  (``raw``) or as the store prunes them (``pruned``: terms in more than ``COMMON_SHARE`` of the
  sentences left out, :meth:`~tabayyun.store.sqlite.SQLiteStore.query_terms`);
* ``dense``: the HNSW index's nearest sentences to the claim's e5 query vector;
* ``fused``: reciprocal rank fusion of the two top-50 lists, as :class:`~tabayyun.retrieve.HybridRetriever`
  does (``pruned`` is what ``Tabayyun.search`` and ``check`` read).

Prints one JSON object (recall per way, the store's size, query terms kept by pruning).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from tabayyun import Tabayyun
from tabayyun.retrieve import query_terms, reciprocal_rank_fusion
from tabayyun.store.sqlite import SQLiteStore

K = 8


def top(ranked: list[tuple[int, float]], k: int = K) -> set[int]:
    return {i for i, _ in ranked[:k]}


def fused(lexical: list[tuple[int, float]], dense: list[tuple[int, float]], k: int = K) -> set[int]:
    scores = reciprocal_rank_fusion([[i for i, _ in lexical], [i for i, _ in dense]])
    return set(sorted(scores, key=lambda i: (-scores[i], i))[:k])


def evidence_ids(store: SQLiteStore, texts: list[str]) -> dict[str, int]:
    """The sentence id of each planted evidence text (the planted documents come first in the store)."""
    wanted = set(texts)
    out: dict[str, int] = {}
    for sid, text in store._db.execute("SELECT id, text FROM sentences ORDER BY id"):
        if text in wanted and text not in out:
            out[text] = int(sid)
            if len(out) == len(wanted):
                break
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--depth", type=int, default=50, help="the retriever's depth of each list before fusion")
    args = ap.parse_args()
    with open(str(args.db) + ".pairs.jsonl", encoding="utf-8") as f:
        pairs = [json.loads(x) for x in f]
    tb = Tabayyun(args.db, create=False, read_only=True)
    store = tb.store
    assert isinstance(store, SQLiteStore)
    ids = evidence_ids(store, [p["evidence"] for p in pairs])
    found = dict.fromkeys(["lexical_raw", "lexical_pruned", "dense", "fused_raw", "fused_pruned"], 0)
    kept_terms = all_terms = 0
    started = time.perf_counter()
    for p in pairs:
        target = ids[p["evidence"]]
        terms = query_terms(p["claim"])
        raw = store.lexical_index.search(list(dict.fromkeys(t for t in terms if t)), args.depth)
        pruned = store.lexical(terms, args.depth)
        kept_terms += len(store.query_terms(terms))
        all_terms += len(set(terms))
        dense = store.dense(tb.embedder.embed([p["claim"]])[0], args.depth)
        for name, hit in (("lexical_raw", top(raw)), ("lexical_pruned", top(pruned)), ("dense", top(dense)),
                          ("fused_raw", fused(raw, dense)), ("fused_pruned", fused(pruned, dense))):
            found[name] += target in hit
    out = {"store": str(args.db), "sentences": store.count_sentences(), "pairs": len(pairs),
           **{f"recall_at_{K}_{k}": round(v / len(pairs), 3) for k, v in found.items()},
           "query_terms_kept_by_pruning": round(kept_terms / max(all_terms, 1), 3),
           "seconds": round(time.perf_counter() - started, 1)}
    tb.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main()

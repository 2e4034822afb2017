from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from tabayyun import NotFound, StoreError, Tabayyun
from tabayyun.core import prepare_sentences
from tabayyun.store.sqlite import SQLiteStore, fts_query
from tabayyun.testing import HashingEmbedder, OverlapStance

DOCS = [
    "افتتحت البلدية مكتبة جديدة في وسط المدينة. وتضم المكتبة عشرين ألف كتاب.",
    "The river flooded twelve villages on Saturday. No deaths were reported.",
    "ارتفعت أسعار القمح في الأسواق المحلية بنسبة خمسة في المئة خلال الشهر الماضي.",
]


def open_tb(path: Path | str) -> Tabayyun:
    return Tabayyun(path, embedder=HashingEmbedder(), stance_model=OverlapStance())


def test_add_is_idempotent_by_content(tmp_path: Path) -> None:
    with open_tb(tmp_path / "s.db") as tb:
        doc, created = tb.add_text(DOCS[0], title="مكتبة")
        assert created
        again, created_again = tb.add_text(DOCS[0], title="other title")
        assert not created_again
        assert again.id == doc.id
        assert tb.store.count_documents() == 1
        assert tb.store.count_sentences() == 2


def test_sentences_keep_exact_offsets(tb: Tabayyun) -> None:
    doc, _ = tb.add_text(DOCS[0])
    rows = tb.store.sentences(list(range(1, 10)))
    assert len(rows) == 2
    for s in rows.values():
        assert doc.text[s.start : s.end] == s.text


def test_reopen_keeps_documents_and_vectors(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_tb(db) as tb:
        for d in DOCS:
            tb.add_text(d)
    with open_tb(db) as tb:
        assert tb.store.count_documents() == 3
        assert len(tb.store.vectors) == tb.store.count_sentences() == 5
        hits = tb.search("river flooded villages")
        assert hits[0].text.startswith("The river flooded")


def test_vector_index_is_rebuilt_when_missing_or_torn(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_tb(db) as tb:
        for d in DOCS:
            tb.add_text(d)
    vec = Path(str(db) + ".vectors")
    vec.write_bytes(b"torn")
    with open_tb(db) as tb:
        assert len(tb.store.vectors) == 5
    vec.unlink()
    with open_tb(db) as tb:
        assert len(tb.store.vectors) == 5
        assert tb.store.dense(HashingEmbedder().embed(["The river flooded twelve villages"])[0], 1)


def test_delete_removes_sentences_terms_and_vectors(tb: Tabayyun) -> None:
    doc, _ = tb.add_text(DOCS[1])
    keep, _ = tb.add_text(DOCS[0])
    tb.delete(doc.id)
    assert tb.store.count_sentences() == 2
    assert len(tb.store.vectors) == 2
    assert tb.store.lexical(["river"], 10) == []
    with pytest.raises(NotFound):
        tb.document(doc.id)
    with pytest.raises(NotFound):
        tb.delete(doc.id)
    assert tb.document(keep.id).text == DOCS[0]


def test_lexical_matches_across_orthographic_variants(tb: Tabayyun) -> None:
    tb.add_text("أعلنت الحكومةُ زيادةَ الرواتب.")
    from tabayyun.text import terms

    hits = tb.store.lexical(terms("اعلنت الحكومه زياده"), 5)
    assert len(hits) == 1


@pytest.mark.parametrize(
    ("terms", "query"),
    [
        (["a", "b"], '"a" OR "b"'),
        (['x"y'], '"x""y"'),
        (["a", "a"], '"a"'),
        ([], ""),
        (["NEAR", "*"], '"NEAR" OR "*"'),
    ],
    ids=["two", "quote-escaped", "dedup", "empty", "syntax-words"],
)
def test_fts_query_quotes_every_term(terms: list[str], query: str) -> None:
    assert fts_query(terms) == query


def test_dimension_mismatch_is_a_store_error(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "s.db", dim=8).close()
    with pytest.raises(StoreError, match="8-d"):
        SQLiteStore(tmp_path / "s.db", dim=384)


def test_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    p = tmp_path / "junk.db"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a tabayyun store"):
        SQLiteStore(p)


CHILD = textwrap.dedent(
    """
    import sys
    from tabayyun import Tabayyun, RawDocument
    from tabayyun.testing import HashingEmbedder, OverlapStance
    tb = Tabayyun(sys.argv[1], embedder=HashingEmbedder(), stance_model=OverlapStance())
    docs = (RawDocument(text=f"الوثيقة رقم {i}. " + f"جملة إضافية عن الموضوع رقم {i}. " * 12,
                        title=str(i), source=f"d{i}")
            for i in range(100000))
    print("ready", flush=True)
    tb.add_documents(docs)
    """
)


def _integrity(db: Path) -> tuple[int, int]:
    """Every stored document has all its sentences, terms and vectors; returns (docs, sentences)."""
    con = sqlite3.connect(db)
    docs = con.execute("SELECT id, text FROM documents").fetchall()
    n_sent = 0
    for doc_id, text in docs:
        expected = [(s.start, s.end, s.terms) for s in prepare_sentences(text)]
        got = con.execute(
            "SELECT start, end, terms FROM sentences WHERE document_id = ? ORDER BY id", (doc_id,)
        ).fetchall()
        assert got == expected, f"document {doc_id} is half-written"
        n_sent += len(got)
    assert con.execute("SELECT count(*) FROM sentences WHERE vector IS NULL").fetchone()[0] == 0
    con.close()
    return len(docs), n_sent


def test_kill_during_add_leaves_only_whole_documents(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    deadline = time.time() + 30
    while time.time() < deadline:  # wait until some documents are committed, then kill mid-stream
        if db.exists():
            con = sqlite3.connect(db)
            try:
                if con.execute("SELECT count(*) FROM documents").fetchone()[0] >= 50:
                    break
            except sqlite3.OperationalError:
                pass
            finally:
                con.close()
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    n_docs, n_sent = _integrity(db)
    assert 50 <= n_docs < 100000
    # reopening reconciles the vector index with what SQLite committed
    with open_tb(db) as tb:
        assert len(tb.store.vectors) == n_sent
        # adding again completes: the committed documents are unchanged, the rest go in
        from tabayyun import RawDocument

        extra = [
            RawDocument(
                text=f"الوثيقة رقم {i}. " + f"جملة إضافية عن الموضوع رقم {i}. " * 12,
                title=str(i),
                source=f"d{i}",
            )
            for i in range(n_docs + 20)
        ]
        added, unchanged = tb.add_documents(extra)
        assert len(unchanged) == n_docs and len(added) == 20
    assert _integrity(db)[0] == n_docs + 20


def test_vectors_roundtrip_float16(tmp_path: Path) -> None:
    with open_tb(tmp_path / "v.db") as tb:
        tb.add_text(DOCS[2])
        blob = tb.store._db.execute("SELECT vector FROM sentences").fetchone()[0]
        v = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        ref = HashingEmbedder().embed([DOCS[2]])[0]
        assert np.dot(v, ref) == pytest.approx(1.0, abs=1e-2)


def test_common_terms_are_dropped_only_in_large_stores(monkeypatch: pytest.MonkeyPatch) -> None:
    import tabayyun.store.sqlite as sq

    with open_tb(":memory:") as tb:
        for i in range(40):
            tb.add_text(f"خبر رقم {i} عن المدينة.")
        tb.add_text("خبر عن افتتاح الجسر في المدينة.")
        from tabayyun.text import terms

        q = terms("افتتاح الجسر في المدينة خبر")
        assert tb.store.query_terms(q) == list(dict.fromkeys(q))  # small store: nothing pruned
        monkeypatch.setattr(sq, "COMMON_MIN", 10)
        monkeypatch.setattr(sq, "KEEP_AT_LEAST", 1)
        kept = tb.store.query_terms(q)
        assert "مدين" not in kept and "خبر" not in kept  # in every sentence
        assert "افتتاح" in kept
        assert tb.store.lexical(q, 3)[0][0] == tb.store.lexical(["افتتاح"], 1)[0][0]


def _index_names(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        con.close()


def test_vectors_are_counted_without_reading_every_row(tmp_path: Path) -> None:
    """Open compares the vector index with SQLite: how many sentences have a vector and the largest id. The
    sentences without one have an index of their own, so the count does not read every row; a store made
    before that index is counted the old way when only read, and gets the index when opened to write."""
    from tabayyun.store.sqlite import NewSentence

    db = tmp_path / "s.db"
    rows = [NewSentence(0, 5, "first", "first"), NewSentence(6, 12, "second", "second")]
    with SQLiteStore(db, dim=8) as store:
        for key, vecs in (("a", None), ("b", np.ones((2, 8), np.float32)), ("c", None)):
            store.add_document(text="first second", content_hash=key, title=key, source=key, sentences=rows,
                               vectors=vecs)  # fmt: skip
        assert store._vector_extent() == (2, 4)
        plan = store._db.execute("EXPLAIN QUERY PLAN SELECT count(*) FROM sentences WHERE vector IS NULL")
        assert "sentences_without_vector" in str(plan.fetchall())
        assert len(store.vectors) == 2
    con = sqlite3.connect(db)
    con.execute("DROP INDEX sentences_without_vector")
    con.commit()
    con.close()
    Path(str(db) + ".vectors").unlink()
    with SQLiteStore(db, dim=8, create=False, read_only=True) as store:
        assert store._vector_extent() == (2, 4)
        assert len(store.vectors) == 2
    assert "sentences_without_vector" not in _index_names(db)
    with SQLiteStore(db, dim=8, create=False) as store:
        assert store._vector_extent() == (2, 4)
        assert len(store.vectors) == 2
    assert "sentences_without_vector" in _index_names(db)

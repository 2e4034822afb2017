"""Many clients on one PostgreSQL store: 8 writer processes and 4 checkers at once, and killed writers.

The writers (``Tabayyun`` over a ``postgresql://`` URL, the fast fake models) each add 50
documents of their own and the same shared documents in different orders; the checkers search,
check claims and list documents the whole time, and every document they see must be whole
(its sentences, offsets and ids exactly those of its text) with every evidence sentence at its
offsets. Afterwards: none lost, none duplicated, each shared text stored once, and every
document's sentence ids consecutive. Then writers are killed with SIGKILL, at random moments and
inside a document's transaction (after its sentences were sent, before the commit): only whole
documents remain. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from tabayyun.core import prepare_sentences
from tabayyun.ingest import content_hash

psycopg = pytest.importorskip("psycopg")  # the scale extra; without it these tests skip

WRITERS = 8
DOCS = 50
SHARED = 10
CHECKERS = 4

COMMON = textwrap.dedent(
    """
    import json, os, random, sys, time
    from tabayyun import Tabayyun
    from tabayyun.core import prepare_sentences
    from tabayyun.testing import HashingEmbedder, OverlapStance

    PLACES = ["the harbour", "the old bridge", "the river road", "the north station", "the market"]

    def text(writer, i):
        place = PLACES[(writer + i) % len(PLACES)]
        n = 2 + (writer * 7 + i) % 6
        return " ".join(
            f"Writer {writer} reports item {i}: crews worked at {place} for {k + 3} hours on shift {k}."
            for k in range(n)
        )

    def shared(j):
        return f"Shared notice {j}: the water supply returns on day {j}. Residents boil water until then."

    def tabayyun(url):
        return Tabayyun(url, embedder=HashingEmbedder(), stance_model=OverlapStance())

    def whole(db, doc_id):
        row = db.execute("SELECT text FROM tabayyun_documents WHERE id = %s", (doc_id,)).fetchone()
        if row is None:
            return True  # deleted meanwhile (nobody deletes here), or not yet visible
        rows = db.execute(
            'SELECT id, start, "end", text FROM tabayyun_sentences WHERE document_id = %s ORDER BY id',
            (doc_id,),
        ).fetchall()
        want = [(s.start, s.end, s.text) for s in prepare_sentences(row[0])]
        ids = [r[0] for r in rows]
        consecutive = not ids or ids == list(range(ids[0], ids[0] + len(ids)))
        return [tuple(r[1:]) for r in rows] == want and consecutive
    """
)

WRITER = COMMON + textwrap.dedent(
    """
    url, writer, n, n_shared = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    order = list(range(n_shared))
    random.Random(writer).shuffle(order)
    own, common = [], []
    with tabayyun(url) as tb:
        for i in range(n):
            doc, created = tb.add_text(text(writer, i), title=f"w{writer}-{i}")
            own.append([doc.id, doc.hash, created])
            if i % (n // n_shared) == 0 and order:
                doc, created = tb.add_text(shared(order.pop()), title=f"shared by {writer}")
                common.append([doc.id, doc.hash, created])
    print(json.dumps({"own": own, "shared": common}))
    """
)

CHECKER = COMMON + textwrap.dedent(
    """
    url, stop = sys.argv[1], sys.argv[2]
    claims = ["crews worked at the harbour for 5 hours", "the water supply returns on day 3",
              "Writer 2 reports item 7", "العمال في الميناء"]
    rounds = evidence = documents = 0
    with tabayyun(url) as tb:
        db = tb.store._db
        while not os.path.exists(stop) or rounds < 2:
            for claim in claims:
                result = tb.check(claim)
                for ev in result.evidence:
                    doc = tb.document(ev.document_id)
                    assert doc.text[ev.start : ev.end] == ev.text, (ev, doc.id)
                    evidence += 1
                for hit in tb.search(claim, k=10):
                    assert tb.document(hit.document_id).text[hit.start : hit.end] == hit.text
            for doc in tb.documents(limit=1000):
                assert whole(db, doc.id), f"document {doc.id} is not whole"
                documents += 1
            rounds += 1
    print(json.dumps({"rounds": rounds, "evidence": evidence, "documents": documents}))
    """
)

KILLED = COMMON + textwrap.dedent(
    """
    import signal
    import psycopg
    url, mode, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "in-transaction":  # die after a document's sentences are sent, before its commit
        sent = psycopg.Cursor.executemany
        def executemany(self, query, params, **kw):
            sent(self, query, params, **kw)
            if "tabayyun_sentences" in str(query):
                os.kill(os.getpid(), signal.SIGKILL)
        psycopg.Cursor.executemany = executemany
    with tabayyun(url) as tb:
        print("ready", flush=True)
        for i in range(10_000):
            tb.add_text(text(100 + seed, i) * 3, title=f"killed {seed}-{i}")
    """
)


def run(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(proc: subprocess.Popen[str], timeout: float = 300) -> dict[str, Any]:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err[-3000:]
    return dict(json.loads(out.strip().splitlines()[-1]))


def assert_all_whole(url: str) -> int:
    """Every stored document's sentences are exactly its text's, with consecutive ids; returns the count."""
    with psycopg.connect(url, autocommit=True) as db:
        docs = db.execute("SELECT id, text, hash FROM tabayyun_documents ORDER BY id").fetchall()
        rows = db.execute(
            'SELECT document_id, id, start, "end", text FROM tabayyun_sentences ORDER BY id'
        ).fetchall()
        stats = db.execute(
            "SELECT coalesce(sum(documents), 0), coalesce(sum(sentences), 0) FROM tabayyun_stats"
        ).fetchone()
    by_doc: dict[int, list[tuple[Any, ...]]] = {}
    for r in rows:
        by_doc.setdefault(r[0], []).append(r[1:])
    for doc_id, text, h in docs:
        got = by_doc.pop(doc_id, [])
        want = [(s.start, s.end, s.text) for s in prepare_sentences(text)]
        assert [tuple(g[1:]) for g in got] == want, f"document {doc_id} is not whole"
        ids = [g[0] for g in got]
        assert ids == list(range(ids[0], ids[0] + len(ids))), f"document {doc_id}: ids not consecutive"
        assert h == content_hash(text)
    assert not by_doc, f"sentences without a document: {sorted(by_doc)}"
    assert stats == (len(docs), len(rows)), "the counters disagree with the tables"
    return len(docs)


def test_eight_writers_and_four_checkers(pg_url: str, tmp_path: Path) -> None:
    stop = tmp_path / "stop"
    started = time.monotonic()
    checkers = [run(CHECKER, pg_url, str(stop)) for _ in range(CHECKERS)]
    writers = [run(WRITER, pg_url, str(w), str(DOCS), str(SHARED)) for w in range(WRITERS)]
    results = [finish(w) for w in writers]
    stop.touch()
    seen = [finish(c) for c in checkers]
    elapsed = time.monotonic() - started
    own = [d for r in results for d in r["own"]]
    shared = [d for r in results for d in r["shared"]]
    assert all(created for _, _, created in own), "a writer's own document was found already stored"
    assert len({doc_id for doc_id, _, _ in own}) == WRITERS * DOCS, "two documents share an id"
    assert len(shared) == WRITERS * SHARED
    assert sum(created for _, _, created in shared) == SHARED, "a shared text was stored twice (or never)"
    assert len({doc_id for doc_id, _, _ in shared}) == SHARED
    assert assert_all_whole(pg_url) == WRITERS * DOCS + SHARED
    with psycopg.connect(pg_url, autocommit=True) as db:
        stored = dict(db.execute("SELECT id, hash FROM tabayyun_documents").fetchall())
    assert all(stored.get(doc_id) == h for doc_id, h, _ in own + shared), "a document was lost"
    assert all(s["rounds"] >= 2 for s in seen)
    rounds, evidence = [s["rounds"] for s in seen], sum(s["evidence"] for s in seen)
    print(f"\n{WRITERS} writers x {DOCS} documents + {SHARED} shared, {CHECKERS} checkers: {elapsed:.1f} s, "
          f"checker rounds {rounds}, evidence checked {evidence}, "
          f"documents checked whole {sum(s['documents'] for s in seen)}")  # fmt: skip


@pytest.mark.parametrize("mode", ["random", "in-transaction"], ids=["random-moment", "in-transaction"])
def test_a_killed_writer_leaves_no_partial_document(pg_url: str, mode: str) -> None:
    rng = random.Random(12)
    trials = 4 if mode == "random" else 2
    for seed in range(trials):
        proc = run(KILLED, pg_url, mode, str(seed))
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
        if mode == "random":
            time.sleep(rng.uniform(0.05, 0.6))
            proc.send_signal(signal.SIGKILL)
        proc.wait(60)
        assert proc.returncode == -signal.SIGKILL
        proc.communicate()
    deadline = time.monotonic() + 30
    with psycopg.connect(pg_url, autocommit=True) as db:  # the server notices the dead connections
        while db.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%%' "
            "AND pid <> pg_backend_pid() AND datname = current_database()"
        ).fetchone() != (0,):
            assert time.monotonic() < deadline
            time.sleep(0.05)
    count = assert_all_whole(pg_url)
    if mode == "in-transaction":
        assert count == 0, "a document killed before its commit was stored"
    print(f"\n{mode}: {trials} kills, {count} whole documents stored, none partial")


def test_ids_stay_unique_while_clients_race(pg_url: str) -> None:
    """Two writers adding the same files at once (the CLI's path, through Tabayyun) store each once."""
    procs = [run(WRITER, pg_url, str(w), "10", "10") for w in (0, 0)]
    first, second = (finish(p) for p in procs)
    for a, b in zip(first["own"] + first["shared"], second["own"] + second["shared"], strict=True):
        assert a[:2] == b[:2]
    assert sum(d[2] for d in first["own"] + second["own"]) == 10
    assert assert_all_whole(pg_url) == 20

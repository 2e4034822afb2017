"""kill -9 at random points of `add`, also inside the vector-file swap and the lexical index's commit.

One store takes every kill in turn (it grows from trial to trial). After each kill the
SQLite file must pass ``integrity_check``, hold only whole documents (sentences, offsets,
terms and vectors all there), and a reopened store must have a vector index and a lexical
(tantivy) index with exactly the stored sentences and find the newest document by both.
``check_store_integrity`` is shared with ``test_store_concurrency.py``. Run with ``-s`` to see the figures
of the run.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

from tabayyun import Tabayyun
from tabayyun.core import prepare_sentences
from tabayyun.store.lexical import LexicalIndex, index_dir
from tabayyun.testing import HashingEmbedder, OverlapStance

TRIALS = 28
#: how the child dies: at a random moment, or from a hook at the k-th call of a step
MODES = (
    ["random"] * 10
    + ["before-swap", "torn-temp", "torn-file-swapped", "after-commit"] * 3
    + ["random"] * 2
    + ["lexical-before-commit", "lexical-before-state"] * 2
)

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    import tabayyun.store.lexical as store_lexical
    import tabayyun.store.vectors as store_vectors
    from tabayyun import Tabayyun, RawDocument
    from tabayyun.testing import HashingEmbedder, OverlapStance

    db, trial, mode, k = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    calls = [0]

    def due():
        calls[0] += 1
        return calls[0] >= k

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    real_replace = os.replace

    def replace(src, dst):  # the vector-file swap
        if mode in ("before-swap", "torn-temp", "torn-file-swapped") and due():
            if mode != "before-swap":  # a half-written file: the kill came while usearch was writing
                with open(src, "r+b") as f:
                    f.truncate(os.path.getsize(src) // 2)
            if mode == "torn-file-swapped":  # what a power cut can leave: a torn file under the real name
                real_replace(src, dst)
            die()
        real_replace(src, dst)

    store_vectors.os.replace = replace
    real_add = store_vectors.VectorIndex.add

    def add(self, keys, vectors):  # called right after a document's SQLite commit
        if mode == "after-commit" and due():
            die()
        real_add(self, keys, vectors)

    store_vectors.VectorIndex.add = add
    real_commit = store_lexical.LexicalIndex.commit
    real_state = store_lexical.LexicalIndex._write_state

    def commit(self, deletions):  # the lexical index's pending adds, not yet committed
        if mode == "lexical-before-commit" and self.path is not None and due():
            die()
        real_commit(self, deletions)

    def write_state(path, deletions):  # tantivy has committed, its state file is not written yet
        if mode == "lexical-before-state" and due():
            die()
        real_state(path, deletions)

    store_lexical.LexicalIndex.commit = commit
    store_lexical.LexicalIndex._write_state = staticmethod(write_state)

    def text(i):
        head = f"تقرير رقم {trial}-{i} عن مشروع الجسر الجديد. "
        head += f"Report {trial}-{i} counts {i * 7 + trial} workers. "
        return head + f"وقال المهندس إن العمل يسير وفق الخطة رقم {i}. " * (1 + i % 4)

    tb = Tabayyun(db, embedder=HashingEmbedder(), stance_model=OverlapStance())
    print("ready", flush=True)
    i = 0
    while True:
        batch = [RawDocument(text=text(j), title=f"{trial}-{j}", source=f"t{trial}") for j in range(i, i + 3)]
        tb.add_documents(batch)
        i += 3
    """
)


def check_store_integrity(db: Path) -> tuple[int, int]:
    """The file as the last process left it: ``(documents, sentences)``; asserts every invariant."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        docs = con.execute("SELECT id, text, hash FROM documents").fetchall()
        assert len({h for _, _, h in docs}) == len(docs), "a document stored twice"
        n_sent = 0
        for doc_id, text, _ in docs:
            expected = [(s.start, s.end, s.text, s.terms) for s in prepare_sentences(text)]
            got = con.execute(
                "SELECT start, end, text, terms FROM sentences WHERE document_id = ? ORDER BY id", (doc_id,)
            ).fetchall()
            assert got == expected, f"document {doc_id} is not whole (sentences, offsets or terms)"
            assert all(text[a:b] == s for a, b, s, _ in got), f"document {doc_id}: offsets do not match"
            n_sent += len(got)
        assert con.execute("SELECT count(*) FROM sentences").fetchone()[0] == n_sent, "orphan sentences"
        assert con.execute("SELECT count(*) FROM sentences WHERE vector IS NULL").fetchone()[0] == 0
    finally:
        con.close()
    return len(docs), n_sent


def check_reopened(db: Path) -> None:
    """A reopened store: vector and lexical indexes == stored sentences, and the newest document is found."""
    with Tabayyun(db, embedder=HashingEmbedder(), stance_model=OverlapStance(), create=False) as tb:
        ids = {r[0] for r in tb.store._db.execute("SELECT id FROM sentences")}
        assert tb.store.vectors.keys() == ids, "vector index out of step with SQLite"
        assert tb.store.lexical_index.path == index_dir(db), "the lexical index directory was not reopened"
        assert tb.store.lexical_index.ids() == ids, "lexical index out of step with SQLite"
        newest = tb.store._db.execute("SELECT id, text FROM documents ORDER BY id DESC LIMIT 1").fetchone()
        if newest is not None:
            first = prepare_sentences(newest[1])[0]
            hit = tb.store.dense(tb.embedder.embed([first.text])[0], 1)[0]
            assert tb.store.sentences([hit[0]])[hit[0]].text == first.text
            found = {sid for sid, _ in tb.store.lexical(first.terms.split(), 50)}
            assert hit[0] in found, "the newest document's first sentence is not found by its terms"
    assert LexicalIndex(index_dir(db), read_only=True).ids() == ids, (
        "the lexical index as saved is out of step"
    )


def _kill_one(db: Path, trial: int, mode: str, rng: random.Random) -> str:
    """Run one child until it dies; returns how it died."""
    k = rng.randint(1, 5)
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(trial), mode, str(k)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready", proc.stderr
    if mode == "random":
        time.sleep(rng.uniform(0.0, 0.5))
        os.kill(proc.pid, signal.SIGKILL)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:  # a hook that never fired would be a test bug: fail below
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    _, err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, err
    assert "Traceback" not in err, err
    return mode


def test_kill_9_at_random_points_of_add(tmp_path: Path) -> None:
    db = tmp_path / "kills.db"
    rng = random.Random(13)
    kinds: Counter[str] = Counter()
    started = time.monotonic()
    for trial, mode in enumerate(MODES[:TRIALS]):
        kinds[_kill_one(db, trial, mode, rng)] += 1
        if db.exists():
            check_store_integrity(db)
            check_reopened(db)
    n_docs, n_sent = check_store_integrity(db)
    with Tabayyun(db, embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
        tb.add_text("A last document after all the kills. It goes in whole.")
    assert sorted(p.name for p in tmp_path.glob("*tmp")) == []  # temporary files of killed writers are gone
    check_reopened(db)
    assert sum(kinds.values()) >= 20 and n_docs > 0
    print(
        f"\nkill -9: {sum(kinds.values())} kills ({dict(kinds)}), store left with {n_docs} whole documents, "
        f"{n_sent} sentences; 0 corruptions; {time.monotonic() - started:.1f} s"
    )

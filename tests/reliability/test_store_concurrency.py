"""4 concurrent `tabayyun add` processes on one store (some files in common) and 1 reader process.

The writers race to create the store, then add their files through the CLI (the fast fake
embedder swapped in), several batches each, so their vector-file swaps interleave. The
reader searches and lists the whole time, checks every hit against its document's text,
that its vector and lexical indexes only hold stored sentences, and that the vector file
always loads. Afterwards: no crash, every document whole and stored once, none lost, and
the vector file and the lexical index directory as saved hold exactly the stored sentences. Run with
``-s`` to see the figures.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from test_store_kills import check_reopened, check_store_integrity

from tabayyun.store.lexical import LexicalIndex, index_dir
from tabayyun.store.vectors import VectorIndex

WRITERS = 4
OWN_FILES = 12
SHARED_FILES = 6
BATCH = 3

WRITER = textwrap.dedent(
    """
    import sys
    import tabayyun.core
    from tabayyun.testing import HashingEmbedder, OverlapStance
    tabayyun.core.E5Embedder = HashingEmbedder  # the CLI's `add` as it is, with the fast fake embedder
    from tabayyun.cli import main
    db, batch, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    for i in range(0, len(files), batch):
        main(["add", *files[i : i + batch], "--db", db, "--json"], standalone_mode=False)
    """
)

READER = textwrap.dedent(
    """
    import os, sys, time
    from tabayyun import Tabayyun
    from tabayyun.errors import NoStore, NotAStore
    from tabayyun.store.vectors import VectorIndex
    from tabayyun.testing import HashingEmbedder, OverlapStance
    from tabayyun.text import terms
    db, stop = sys.argv[1], sys.argv[2]
    deadline = time.monotonic() + 60
    while True:  # the writers create the store
        try:
            tb = Tabayyun(db, embedder=HashingEmbedder(), stance_model=OverlapStance(), create=False)
            break
        except (NoStore, NotAStore):  # not there yet, or still an empty file
            assert time.monotonic() < deadline, "no store appeared"
            time.sleep(0.02)
    rounds = hits_checked = lexical_hits = 0
    queries = ["workers on the bridge site", "الجسر الجديد والمهندس", "shared notice about the water supply"]
    while not os.path.exists(stop) or rounds < 3:
        for q in queries:
            for h in tb.search(q, k=10):
                doc = tb.document(h.document_id)
                assert doc.text[h.start : h.end] == h.text, (h, doc.id)
                hits_checked += 1
        lexical = {i for i, _ in tb.store.lexical(terms("workers on the bridge site"), 100)}
        lexical_hits += len(lexical)
        ids = {r[0] for r in tb.store._db.execute("SELECT id FROM sentences")}
        assert tb.store.vectors.keys() <= ids, "the reader's index holds a sentence that is not stored"
        assert lexical <= ids, "the reader's lexical index holds a sentence that is not stored"
        for d in tb.documents(limit=1000):
            assert d.text and d.title
        if os.path.exists(db + ".vectors"):
            file_index = VectorIndex(tb.store.dim)
            file_index._index.load(db + ".vectors")  # raises on a torn file
        rounds += 1
    tb.close()
    print(rounds, hits_checked, lexical_hits)
    """
)


def _own_text(w: int, i: int) -> str:
    return (
        f"Writer {w} report {i}: {w * 100 + i} workers on the bridge site today. "
        f"تقرير الكاتب {w} رقم {i} عن الجسر الجديد والمهندس المسؤول. "
        + f"The inspection found nothing wrong with section {i}. "
        * (1 + (w + i) % 3)
    )


def _shared_text(i: int) -> str:
    return f"Shared notice {i} about the water supply. إشعار مشترك رقم {i} عن انقطاع المياه في الحي."


def _write_files(root: Path) -> tuple[list[list[Path]], set[str]]:
    """Each writer's files (its own, plus the shared ones at different places in its list) and all texts."""
    shared = []
    for i in range(SHARED_FILES):
        p = root / f"shared{i}.txt"
        p.write_text(_shared_text(i), encoding="utf-8")
        shared.append(p)
    texts = {_shared_text(i) for i in range(SHARED_FILES)}
    lists = []
    for w in range(WRITERS):
        own = []
        for i in range(OWN_FILES):
            p = root / f"w{w}_{i}.txt"
            p.write_text(_own_text(w, i), encoding="utf-8")
            texts.add(_own_text(w, i))
            own.append(p)
        at, turn = w * 3 % len(own), w % len(shared)
        lists.append(own[:at] + shared[turn:] + shared[:turn] + own[at:])
    return lists, texts


def test_four_writers_and_a_reader(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    stop = tmp_path / "stop"
    files, texts = _write_files(tmp_path)
    started = time.monotonic()
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(BATCH), *map(str, fs)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for fs in files
    ]
    outcomes = [w.communicate(timeout=240) for w in writers]
    stop.touch()
    r_out, r_err = reader.communicate(timeout=120)
    for w, fs, (out, err) in zip(writers, files, outcomes, strict=True):
        assert w.returncode == 0, err
        assert "Traceback" not in err and "error" not in err.lower(), err
        reports = [json.loads(line) for line in out.splitlines()]
        assert sorted(p for r in reports for p in r["added"] + r["unchanged"]) == sorted(map(str, fs))
        assert all(r["errors"] == [] for r in reports)
    assert reader.returncode == 0, r_err
    rounds, hits_checked, lexical_hits = map(int, r_out.split())
    assert lexical_hits > 0

    n_docs, n_sent = check_store_integrity(db)
    assert n_docs == len(texts)  # none lost, none twice (hashes are unique, see check_store_integrity)
    con = sqlite3.connect(db)
    stored = {r[0] for r in con.execute("SELECT text FROM documents")}
    ids = {r[0] for r in con.execute("SELECT id FROM sentences")}
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # racing creators left it in WAL mode
    con.close()
    assert stored == texts
    saved = VectorIndex(384, Path(str(db) + ".vectors")).keys()
    assert saved == ids, "the vector file as saved by the last writer misses or keeps sentences"
    assert LexicalIndex(index_dir(db), read_only=True).ids() == ids, "the lexical index as saved is off"
    check_reopened(db)
    assert sorted(p.name for p in tmp_path.glob("*tmp")) == []
    print(
        f"\nconcurrency: {WRITERS} writers x {len(files[0])} files in batches of {BATCH} "
        f"({SHARED_FILES} files added by all), 1 reader: {n_docs} documents, {n_sent} sentences stored, "
        f"0 lost, 0 duplicated, 0 crashes; reader: {rounds} rounds, {hits_checked} hits checked, "
        f"{lexical_hits} lexical hits stored; "
        f"{time.monotonic() - started:.1f} s"
    )

"""Resuming an interrupted add: documents already stored are skipped, a big document's embedding resumes.

A multi-document JSONL killed part-way (SIGKILL, SIGINT) and added again ends with every
document once. A big one-document text killed after some checkpoint chunks is embedded,
when added again, only for the sentences the checkpoint lacks, and stores exactly the
vectors of an uninterrupted add. Torn, mismatched and stale checkpoints are not used.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun import RawDocument, Tabayyun, resume
from tabayyun.cancel import Cancelled, CancelToken
from tabayyun.core import prepare_sentences
from tabayyun.testing import HashingEmbedder, OverlapStance

ROOT = Path(__file__).resolve().parent.parent
#: a small checkpoint chunk for the tests (the shipped one is 1024 sentences)
CHUNK = 8


class CountingEmbedder(HashingEmbedder):
    """Counts the sentences it embeds; raises ``KeyboardInterrupt`` once ``stop_after`` calls are done."""

    def __init__(self, stop_after: int | None = None) -> None:
        super().__init__()
        self.texts = 0
        self.calls = 0
        self.stop_after = stop_after

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        if list(texts) == [resume.PROBE]:  # the checkpoint's embedder check, not a sentence
            return super().embed(texts)
        if self.stop_after is not None and self.calls >= self.stop_after:
            raise KeyboardInterrupt
        self.calls += 1
        self.texts += len(texts)
        return super().embed(texts)


class OtherModel(CountingEmbedder):
    """Another model (other vectors) behind the same interface."""

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return -super().embed(texts)


def big_text(n: int) -> str:
    """One document of ``2 n`` sentences, all different."""
    return "".join(f"الجملة رقم {i} عن مشروع الجسر في المدينة. Sentence {i} is about the bridge. "
                   for i in range(n))


def stored(db: Path) -> list[tuple[str, bytes]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT text, vector FROM sentences ORDER BY id").fetchall()
    finally:
        con.close()


def hashes(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT hash FROM documents")]
    finally:
        con.close()


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resume, "CHUNK", CHUNK)
    monkeypatch.setattr(resume, "MIN_SENTENCES", 2 * CHUNK)


def add(db: Path, text: str, embedder: HashingEmbedder | None = None, **kw: object) -> Tabayyun:
    tb = Tabayyun(db, embedder=embedder or HashingEmbedder(), stance_model=OverlapStance())
    with tb:
        tb.add_documents([RawDocument(text=text, title="big", source="big.txt")], **kw)  # type: ignore[arg-type]
    return tb


# -- a big document, interrupted in this process ----------------------------------------


@pytest.mark.usefixtures("small_chunks")
def test_interrupted_big_document_embeds_only_the_rest_and_stores_the_same_vectors(tmp_path: Path) -> None:
    text = big_text(50)  # 100 sentences: 13 chunks of 8 (the last one 4)
    n = len(prepare_sentences(text))
    whole = tmp_path / "whole.db"
    add(whole, text)
    db = tmp_path / "resumed.db"
    with pytest.raises(KeyboardInterrupt):
        add(db, text, CountingEmbedder(stop_after=5))
    assert hashes(db) == [], "nothing is stored before the whole document is embedded"
    chunks = sorted(p.name for p in (tmp_path / "resumed.db.resume").glob("*/*.npy"))
    assert chunks == [f"{i}.npy" for i in range(5)]
    again = CountingEmbedder()
    add(db, text, again)
    assert again.texts == n - 5 * CHUNK
    assert stored(db) == stored(whole)
    assert not (tmp_path / "resumed.db.resume").exists(), "the checkpoint goes once the document is stored"


@pytest.mark.usefixtures("small_chunks")
def test_cancelled_big_document_resumes(tmp_path: Path) -> None:
    text = big_text(20)
    db = tmp_path / "s.db"
    token = CancelToken()
    calls = [0]

    class CancelAfterTwo(HashingEmbedder):
        def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
            calls[0] += list(texts) != [resume.PROBE]
            if calls[0] == 2:
                token.cancel()
            return super().embed(texts)

    with pytest.raises(Cancelled):
        add(db, text, CancelAfterTwo(), cancel=token)
    again = CountingEmbedder()
    add(db, text, again)
    assert again.texts == len(prepare_sentences(text)) - 2 * CHUNK
    whole = tmp_path / "whole.db"
    add(whole, text)
    assert stored(db) == stored(whole)


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("damage", ["truncated", "wrong-shape", "not-npy", "nan"])
def test_a_bad_chunk_is_embedded_again(tmp_path: Path, damage: str) -> None:
    text = big_text(20)  # 40 sentences, 5 chunks
    db = tmp_path / "s.db"
    with pytest.raises(KeyboardInterrupt):
        add(db, text, CountingEmbedder(stop_after=3))
    (chunk,) = (tmp_path / "s.db.resume").glob("*/1.npy")
    if damage == "truncated":
        chunk.write_bytes(chunk.read_bytes()[:100])
    elif damage == "wrong-shape":
        np.save(chunk, np.zeros((CHUNK - 1, 384), np.float16))
    elif damage == "not-npy":
        chunk.write_bytes(b"hello")
    else:
        np.save(chunk, np.full((CHUNK, 384), np.nan, np.float16))
    again = CountingEmbedder()
    add(db, text, again)
    assert again.texts == len(prepare_sentences(text)) - 2 * CHUNK  # chunks 0 and 2 were good
    whole = tmp_path / "whole.db"
    add(whole, text)
    assert stored(db) == stored(whole)


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("change", ["embedder", "chunk", "sentences", "no-meta"])
def test_a_checkpoint_of_something_else_is_not_used(tmp_path: Path, change: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    text = big_text(20)
    db = tmp_path / "s.db"
    with pytest.raises(KeyboardInterrupt):
        add(db, text, CountingEmbedder(stop_after=3))
    (meta,) = (tmp_path / "s.db.resume").glob("*/meta.json")
    if change == "embedder":
        again: CountingEmbedder = OtherModel()
    else:
        again = CountingEmbedder()
        if change == "chunk":
            monkeypatch.setattr(resume, "CHUNK", CHUNK // 2)
        elif change == "sentences":
            meta.write_text(json.dumps(json.loads(meta.read_text()) | {"fingerprint": "0" * 64}))
        else:
            meta.unlink()
    add(db, text, again)
    assert again.texts == len(prepare_sentences(text)), "everything embedded again"


@pytest.mark.usefixtures("small_chunks")
def test_a_checkpoint_left_after_the_document_was_stored_is_removed(tmp_path: Path) -> None:
    text = big_text(20)
    db = tmp_path / "s.db"
    add(db, text)
    leftover = tmp_path / "s.db.resume" / "0123abcd"
    with Tabayyun(db, embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
        (h,) = hashes(db)
        (tmp_path / "s.db.resume" / h).mkdir(parents=True)
        leftover.mkdir()
        tb.add_documents([RawDocument(text=text, title="big", source="big.txt")])
    assert not (tmp_path / "s.db.resume" / h).exists()
    assert leftover.exists(), "another document's checkpoint stays (until it is stale)"


def test_stale_checkpoints_are_swept(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for d in (old, new):
        d.mkdir()
        (d / "0.npy").write_bytes(b"x")
    then = time.time() - (resume.STALE_DAYS + 1) * 86400
    for p in (old, old / "0.npy"):
        os.utime(p, (then, then))
    assert resume.sweep(tmp_path) == ["old"]
    assert new.exists() and not old.exists()


@pytest.mark.parametrize(
    ("db", "expected"),
    [(":memory:", None), ("news.db", Path("news.db.resume")),
     ("/a/b/c.sqlite", Path("/a/b/c.sqlite.resume"))],
    ids=["memory", "relative", "absolute"],
)
def test_checkpoint_root_beside_a_sqlite_store(db: str, expected: Path | None) -> None:
    assert resume.root_for(db) == expected


def test_checkpoint_root_of_a_url_store_is_in_the_user_cache(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    a = resume.root_for("postgresql://u:secret@host/news")
    b = resume.root_for("postgresql://u:secret@host/other")
    assert a is not None and b is not None and a != b
    assert a.parent == tmp_path / "tabayyun" / "resume"
    assert "secret" not in str(a)


@pytest.mark.usefixtures("small_chunks")
def test_small_documents_and_memory_stores_write_no_checkpoint(tmp_path: Path) -> None:
    add(tmp_path / "s.db", big_text(CHUNK - 1))  # 14 sentences < MIN_SENTENCES
    assert not (tmp_path / "s.db.resume").exists()
    with Tabayyun(embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
        tb.add_documents([RawDocument(text=big_text(20), title="big", source="big.txt")])
        assert tb.count_documents() == 1
    assert list(tmp_path.glob("*.resume")) == []


# -- killed processes ----------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import signal, sys, time
    from tabayyun import Tabayyun, core, resume
    # Ctrl-C raises KeyboardInterrupt even when the test runs in a background job, whose children
    # inherit SIGINT ignored (then the child never stopped and stored every document)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from tabayyun.testing import HashingEmbedder, OverlapStance

    db, path, chunk = sys.argv[1], sys.argv[2], int(sys.argv[3])
    resume.CHUNK, resume.MIN_SENTENCES = chunk, 2 * chunk
    # a few documents per embedding call, so documents are stored one small batch at a time (one slow
    # embedding call each) and the signal lands part-way through however fast the machine is
    core.EMBED_BATCH = 6

    class Slow(HashingEmbedder):
        def embed(self, texts):
            time.sleep(0.05)
            return super().embed(texts)

    with Tabayyun(db, embedder=Slow(), stance_model=OverlapStance()) as tb:
        tb.add_files([path])
    """
)


def run_until(args: list[str], sig: signal.Signals, ready: object, timeout: float = 60.0) -> None:
    """Start the child, wait until ``ready()`` is true, then send it ``sig`` and wait for it to end."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, *args], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        end = time.monotonic() + timeout
        while not ready():  # type: ignore[operator]
            assert child.poll() is None, "the child ended before it was interrupted"
            assert time.monotonic() < end, "the child never got far enough"
            time.sleep(0.02)
        child.send_signal(sig)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def count_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            con.close()
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


@pytest.mark.usefixtures("small_chunks")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["sigkill", "sigint"])
def test_a_killed_add_of_many_documents_resumes_with_every_document_once(tmp_path: Path,
                                                                         sig: signal.Signals) -> None:
    records = [{"text": f"تقرير رقم {i} عن الجسر. عمل فيه {i * 3} عاملاً. Report {i} on the bridge.",
                "title": f"r{i}"} for i in range(40)]
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "s.db"
    run_until([str(db), str(src), str(CHUNK)], sig, lambda: count_documents(db) >= 3)
    before = count_documents(db)
    assert 3 <= before < len(records), "interrupted part-way"
    again = CountingEmbedder()
    with Tabayyun(db, embedder=again, stance_model=OverlapStance()) as tb:
        report = tb.add_files([src])
    assert report.documents == len(records)
    assert len(set(hashes(db))) == len(hashes(db)) == len(records)
    assert again.texts < sum(len(prepare_sentences(r["text"])) for r in records), "stored ones were skipped"


@pytest.mark.usefixtures("small_chunks")
def test_a_killed_add_of_one_big_document_resumes_from_its_checkpoint(tmp_path: Path) -> None:
    src = tmp_path / "big.txt"
    src.write_text(big_text(60), encoding="utf-8")  # 120 sentences, 15 chunks of 8
    n = len(prepare_sentences(src.read_text(encoding="utf-8")))
    db = tmp_path / "s.db"
    root = tmp_path / "s.db.resume"
    run_until([str(db), str(src), str(CHUNK)], signal.SIGKILL, lambda: len(list(root.glob("*/*.npy"))) >= 3)
    done = len(list(root.glob("*/*.npy")))
    assert count_documents(db) == 0
    again = CountingEmbedder()
    with Tabayyun(db, embedder=again, stance_model=OverlapStance()) as tb:
        tb.add_files([src])
    assert again.texts == n - done * CHUNK
    whole = tmp_path / "whole.db"
    with Tabayyun(whole, embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
        tb.add_files([src])
    assert stored(db) == stored(whole)
    assert not root.exists()

"""One store file shared by several store objects and processes: catching up, ids, the vector file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tabayyun import Tabayyun
from tabayyun.store.lock import lock_path
from tabayyun.store.vectors import VectorIndex
from tabayyun.testing import HashingEmbedder, OverlapStance

BRIDGE = "The council opened a new bridge over the river. It links the east and west quarters."
HARBOUR = "افتتحت الوزارة ميناء جديداً للصيادين. ويستقبل الميناء مئة قارب."
MARKET = "The weekly market moved to the old station square. Traders welcomed the change."


def open_tb(path: Path, **options: bool) -> Tabayyun:
    return Tabayyun(path, embedder=HashingEmbedder(), stance_model=OverlapStance(), **options)


def sentence_ids(tb: Tabayyun) -> set[int]:
    return {r[0] for r in tb.store._db.execute("SELECT id FROM sentences")}


def file_keys(db: Path) -> set[int]:
    """The keys of the vector file as saved (loaded on its own, no reconciling)."""
    return VectorIndex(384, Path(str(db) + ".vectors")).keys()


def top_text(tb: Tabayyun, query: str) -> str:
    vec = tb.embedder.embed([query])[0]
    hits = tb.store.dense(vec, 1)
    return tb.store.sentences([hits[0][0]])[hits[0][0]].text


def test_a_reader_sees_documents_another_store_added(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_tb(db) as writer, open_tb(db, create=False) as reader:
        writer.add_text(BRIDGE)
        assert len(reader.store.vectors) == 0  # not yet looked
        assert reader.search("a new bridge over the river")[0].text.startswith("The council opened")
        assert reader.store.vectors.keys() == sentence_ids(writer)
        writer.add_text(HARBOUR)
        reader.store.refresh()
        assert reader.store.vectors.keys() == sentence_ids(writer)


def test_a_reader_drops_vectors_another_store_deleted(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_tb(db) as writer, open_tb(db) as reader:
        bridge, _ = writer.add_text(BRIDGE)
        writer.add_text(HARBOUR)
        reader.store.refresh()
        assert len(reader.store.vectors) == 4
        writer.delete(bridge.id)
        hits = reader.search("a new bridge over the river")
        assert all(h.document_id != bridge.id for h in hits)
        assert reader.store.vectors.keys() == sentence_ids(writer)


def test_deleting_the_newest_document_never_frees_its_sentence_ids(tmp_path: Path) -> None:
    """Another store still holds the old vectors under those ids: a reused id would keep the wrong vector."""
    db = tmp_path / "s.db"
    with open_tb(db) as writer, open_tb(db) as reader:
        writer.add_text(HARBOUR)
        newest, _ = writer.add_text(BRIDGE)
        reader.store.refresh()
        old_ids = sentence_ids(writer)
        writer.delete(newest.id)
        writer.add_text(MARKET)
        new_ids = sentence_ids(writer) - old_ids
        assert new_ids and min(new_ids) > max(old_ids)
        assert (
            top_text(reader, "weekly market moved to the old station square") == MARKET.split(". ")[0] + "."
        )
        assert reader.store.vectors.keys() == sentence_ids(writer)


def test_a_running_process_sees_what_another_process_added(tmp_path: Path) -> None:
    """The issue's case: a long-running reader (the server) and `add` in another process."""
    db = tmp_path / "s.db"
    child = textwrap.dedent(
        """
        import sys
        from tabayyun import Tabayyun
        from tabayyun.testing import HashingEmbedder, OverlapStance
        with Tabayyun(sys.argv[1], embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
            tb.add_text(sys.argv[2])
        """
    )
    with open_tb(db) as server:
        server.add_text(HARBOUR)
        claim = "The council opened a new bridge over the river"
        assert server.check(claim).verdict == "not_enough_info"
        subprocess.run([sys.executable, "-c", child, str(db), BRIDGE], check=True, timeout=60)
        result = server.check(claim)
        assert result.verdict == "supported"
        assert result.evidence[0].text.startswith("The council opened")
        assert server.store.vectors.keys() == sentence_ids(server)


def test_the_saved_vector_file_holds_every_store_s_sentences(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_tb(db) as a, open_tb(db) as b:
        a.add_text(BRIDGE)  # each add ends with a save: caught up, written, swapped under the lock
        b.add_text(HARBOUR)
        assert file_keys(db) == sentence_ids(a)
        a.add_text(MARKET)
        assert file_keys(db) == sentence_ids(a)
    assert lock_path(db).exists()


def test_stale_vector_file_with_the_same_count_is_caught_up_on_open(tmp_path: Path) -> None:
    """A delete and an add after the file was saved (a writer killed before saving): same count, other ids."""
    db = tmp_path / "s.db"
    vectors = Path(str(db) + ".vectors")
    with open_tb(db) as tb:
        bridge, _ = tb.add_text(BRIDGE)
        tb.add_text(HARBOUR)
    shutil.copy(vectors, tmp_path / "snapshot")
    with open_tb(db) as tb:
        tb.delete(bridge.id)
        tb.add_text(MARKET)  # two sentences out, two in
        expected = sentence_ids(tb)
    shutil.copy(tmp_path / "snapshot", vectors)
    with open_tb(db) as tb:
        assert tb.store.vectors.keys() == expected
        assert top_text(tb, "weekly market moved to the old station square").startswith("The weekly market")


def test_vector_file_is_written_under_a_name_of_its_own_and_stale_temps_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "s.db"
    for stale in ("s.db.vectors.tmp", "s.db.vectors.4242.abcdef.tmp"):  # left by killed writers
        (tmp_path / stale).write_bytes(b"half a file")
    seen: list[str] = []
    with open_tb(db) as tb:
        real_save = tb.store.vectors._index.save

        def spy(path: str) -> None:
            seen.append(Path(path).name)
            real_save(path)

        monkeypatch.setattr(tb.store.vectors._index, "save", spy)
        tb.add_text(BRIDGE)
    assert len(seen) == 1 and seen[0].startswith("s.db.vectors.") and seen[0].endswith(".tmp")
    assert seen[0] not in ("s.db.vectors.tmp", "s.db.vectors.4242.abcdef.tmp")
    assert sorted(p.name for p in tmp_path.glob("*tmp")) == []

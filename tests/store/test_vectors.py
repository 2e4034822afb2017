"""``VectorIndex``: the HNSW index over sentence ids, on its own (the store's use is in test_sqlite)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun.store.vectors import VectorIndex, glob_escape


def unit(rows: int, dim: int = 16, seed: int = 0) -> NDArray[np.float32]:
    v = np.random.default_rng(seed).normal(size=(rows, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_empty_index_answers_nothing() -> None:
    index = VectorIndex(16)
    assert len(index) == 0 and index.keys() == set() and index.max_key() == 0
    assert index.search(unit(1)[0], 5) == [] and not index.dirty


def test_search_finds_each_vector_first_with_similarity_one() -> None:
    index = VectorIndex(16)
    vectors = unit(50)
    index.add(list(range(100, 150)), vectors)
    assert len(index) == 50 and index.max_key() == 149 and index.dirty
    for i in (0, 17, 49):
        key, sim = index.search(vectors[i], 3)[0]
        assert key == 100 + i and sim == pytest.approx(1.0, abs=0.02)  # int8 storage


def test_results_are_best_first_and_at_most_k() -> None:
    index = VectorIndex(16)
    index.add(list(range(1, 31)), unit(30, seed=1))
    hits = index.search(unit(1, seed=2)[0], 7)
    assert len(hits) == 7 and [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert index.search(unit(1)[0], 0) == [] and len(index.search(unit(1)[0], 99)) == 30


def test_removed_keys_are_never_found() -> None:
    index = VectorIndex(16)
    vectors = unit(10)
    index.add(list(range(1, 11)), vectors)
    index.remove([3, 4])
    index.remove([])
    assert index.keys() == set(range(1, 11)) - {3, 4}
    assert all(key not in (3, 4) for key, _ in index.search(vectors[2], 10))


def test_save_is_atomic_and_reloads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "s.db.vectors"
    index = VectorIndex(16, path)
    index.save()  # nothing changed: nothing written
    assert not path.exists()
    vectors = unit(20)
    index.add(list(range(1, 21)), vectors)
    index.save()
    assert path.exists() and not index.dirty
    assert [p.name for p in tmp_path.iterdir()] == ["s.db.vectors"]  # no temporary file left
    again = VectorIndex(16, path)
    assert again.keys() == set(range(1, 21)) and again.search(vectors[5], 1)[0][0] == 6


@pytest.mark.parametrize("content", [b"", b"not an index at all" * 10], ids=["empty", "garbage"])
def test_a_torn_or_foreign_file_gives_an_empty_index(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "s.db.vectors"
    path.write_bytes(content)
    assert len(VectorIndex(16, path)) == 0  # the store then rebuilds it from SQLite


def test_stale_temporary_files_are_removed_and_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "s[1].db.vectors"
    index = VectorIndex(16, path)
    for name in ("s[1].db.vectors.123.ab.tmp", "s[1].db.vectors.tmp", "other.db.vectors.9.tmp"):
        (tmp_path / name).write_bytes(b"x")
    index.remove_stale_temps()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db.vectors.9.tmp"]


@pytest.mark.parametrize(
    ("name", "escaped"),
    [("plain.db", "plain.db"), ("a*b.db", "a[*]b.db"), ("q?.db", "q[?].db"), ("s[1].db", "s[[]1].db")],
    ids=["plain", "star", "question", "bracket"],
)
def test_glob_escape(name: str, escaped: str) -> None:
    assert glob_escape(name) == escaped


def test_a_saved_index_opens_mapped_and_is_copied_on_the_first_change(tmp_path: Path) -> None:
    path = tmp_path / "s.db.vectors"
    index = VectorIndex(16, path)
    vectors = unit(30)
    index.add(list(range(1, 31)), vectors)
    assert not index.mapped
    index.save()
    again = VectorIndex(16, path)
    assert again.mapped and not again.dirty and len(again) == 30 and again.max_key() == 30
    assert again.search(vectors[4], 1)[0][0] == 5
    other = VectorIndex(16, path)  # another writer replaces the file meanwhile
    other.add([99], unit(1, seed=9))
    other.save()
    again.remove([1])  # changes the snapshot it mapped, not the other writer's file
    assert not again.mapped and again.dirty
    assert again.keys() == set(range(2, 31))
    assert again.search(vectors[4], 1)[0][0] == 5
    assert VectorIndex(16, path).keys() == set(range(1, 31)) | {99}

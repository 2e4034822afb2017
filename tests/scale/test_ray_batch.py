"""Batch work on Ray (tabayyun/scale): the same store and the same results as one process, in input order.

One local Ray for the module (2 CPUs, started once, shut down at the end). The fast fake models
(tabayyun.testing) are built on the actors from their classes; the command line's path, which loads
the real models, is marked slow. Nothing here imports Ray unless the Ray path runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from tabayyun import Tabayyun, cli
from tabayyun.errors import InputError, NoStore, NotAStore, ReadOnlyStore
from tabayyun.ingest import expand_paths
from tabayyun.progress import AddProgress
from tabayyun.scale import ClaimFailure, ray_add, ray_batch, ray_check
from tabayyun.scale import cli as scale_cli
from tabayyun.testing import HashingEmbedder, OverlapStance

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "corpus"
CLAIMS = ROOT / "samples" / "claims.jsonl"


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    ray = pytest.importorskip("ray")
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False,
             configure_logging=False)
    yield ray
    ray.shutdown()


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    """The sample corpus and files of our own: a duplicate, an empty file, a JSONL line that is broken."""
    own = tmp_path / "own"
    own.mkdir()
    (own / "a_bridge.txt").write_text(
        "افتُتح الجسر الجديد فوق النهر صباح الأحد. وحضر الافتتاح محافظ المدينة وعدد من السكان.\n"
        "The new bridge over the river opened on Sunday morning.", encoding="utf-8")
    (own / "b_copy.txt").write_text((own / "a_bridge.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (own / "c_empty.txt").write_bytes(b"")
    (own / "d_notes.jsonl").write_text(
        '{"text": "ارتفع عدد الزوار إلى 4500 زائر في الأسبوع الأول.", "title": "زوار"}\n'
        '{broken\n'
        '{"text": "Visitors rose to 4,500 in the first week.", "url": "https://example.org/v"}\n',
        encoding="utf-8")
    return [str(SAMPLES), str(own)]


def _single(db: Path, paths: list[str]) -> dict[str, Any]:
    with Tabayyun(db, embedder=HashingEmbedder()) as tb:
        return tb.add_files(paths).to_dict()


def _contents(db: Path) -> tuple[list[Any], list[Any], dict[int, Any]]:
    """Documents, sentences (ids, offsets, text, source) and vectors of a store."""
    with Tabayyun(db, embedder=HashingEmbedder(), create=False, read_only=True) as tb:
        docs = [d.to_dict() for d in tb.documents(limit=1000)]
        n = tb.store.count_sentences()
        ids = list(range(1, n + 1))
        sentences = sorted(tb.store.sentences(ids).values(), key=lambda s: s.id)
        return docs, sentences, tb.store.vectors_of(ids)


def test_ray_add_builds_the_store_one_process_builds(local_ray: Any, corpus: list[str],
                                                     tmp_path: Path) -> None:
    expected = _single(tmp_path / "one.db", corpus)
    seen: list[AddProgress] = []
    report = ray_add(str(tmp_path / "ray.db"), corpus, workers=2, batch_size=2, embedder=HashingEmbedder,
                     progress=seen.append)
    assert report.to_dict() == expected
    assert [Path(p).name for p in expected["unchanged"]] == ["b_copy.txt"]
    assert {Path(e["path"]).name for e in expected["errors"]} == {"c_empty.txt", "d_notes.jsonl"}
    docs, sentences, vectors = _contents(tmp_path / "ray.db")
    one_docs, one_sentences, one_vectors = _contents(tmp_path / "one.db")
    assert docs == one_docs
    assert sentences == one_sentences and len(sentences) == expected["sentences"]
    assert vectors.keys() == one_vectors.keys()
    for sid, v in vectors.items():
        np.testing.assert_allclose(v, one_vectors[sid], atol=2e-3)
    assert seen[-1].files_done == seen[-1].files_total == len(expand_paths(corpus))
    assert seen[-1].done == seen[-1].planned == expected["sentences"]


def test_ray_add_again_changes_nothing_embeds_nothing_and_searches_alike(
    local_ray: Any, corpus: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored_when_read: list[bool] = []
    write = ray_batch._Writer.file

    def spy(writer: Any, path: str, read: Any) -> None:
        stored_when_read.extend(d.vectors is None for d in read.documents)
        write(writer, path, read)

    monkeypatch.setattr(ray_batch._Writer, "file", spy)
    db = tmp_path / "ray.db"
    with Tabayyun(db, embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
        first = ray_add(tb, corpus, embedder=HashingEmbedder)  # no db: no lookup, everything embedded
        assert stored_when_read and not any(stored_when_read)
        stored_when_read.clear()
        again = ray_add(tb, corpus, embedder=HashingEmbedder, db=str(db))
        assert stored_when_read and all(stored_when_read)  # the readers embedded none of them
        assert again.added == () and again.sentences == first.sentences
        assert len(again.unchanged) == len(first.added) + len(first.unchanged)
        hits = tb.search("bridge river Sunday", k=3)
    with Tabayyun(tmp_path / "one.db", embedder=HashingEmbedder()) as one:
        one.add_files(corpus)
        one_hits = one.search("bridge river Sunday", k=3)
    assert [(h.sentence_id, h.start, h.end) for h in hits] == [
        (h.sentence_id, h.start, h.end) for h in one_hits]


@pytest.fixture
def sample_db(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    with Tabayyun(db, embedder=HashingEmbedder()) as tb:
        tb.add_files([str(SAMPLES)])
    return db


def _claims() -> list[tuple[Any, str]]:
    lines = CLAIMS.read_text(encoding="utf-8").splitlines()
    return [(obj["id"], obj["claim"]) for obj in map(json.loads, lines)]


def test_ray_check_equals_check_many_in_input_order(local_ray: Any, sample_db: Path) -> None:
    claims = _claims()
    claims.insert(3, ("empty", "   "))
    with Tabayyun(sample_db, embedder=HashingEmbedder(), stance_model=OverlapStance(), read_only=True) as tb:
        expected: list[Any] = []
        for cid, text in claims:
            try:
                expected.append(tb.check(text, id=cid).to_dict())
            except InputError as e:
                expected.append({"id": cid, "error": str(e)})
    got = [r.to_dict() for r in ray_check(sample_db, claims, workers=2, batch_size=1,
                                            embedder=HashingEmbedder, stance=OverlapStance)]
    assert [r["id"] for r in got] == [cid for cid, _ in claims]
    assert got == expected
    assert got[3] == {"id": "empty", "error": "the claim is empty"}


def test_ray_check_reports_a_store_the_workers_cannot_open(local_ray: Any, tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("not a store", encoding="utf-8")
    with pytest.raises(NotAStore, match="not a tabayyun store"):
        list(ray_check(bad, [(1, "a claim")], embedder=HashingEmbedder, stance=OverlapStance))
    assert bad.read_text(encoding="utf-8") == "not a store"


@pytest.mark.parametrize(
    ("db", "error", "match"),
    [(":memory:", InputError, "not one in memory"), ("missing.db", NoStore, "no store at missing.db")],
    ids=["memory", "missing"],
)
def test_ray_check_refuses_before_starting_ray(db: str, error: type[Exception], match: str,
                                               tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match=match):
        next(ray_check(db, [(1, "a claim")]))


def test_no_claims_and_no_files_start_no_ray(sample_db: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ray(*args: Any) -> None:
        raise AssertionError("Ray was started")

    monkeypatch.setattr(ray_batch, "_ray_session", no_ray)
    assert list(ray_check(sample_db, [])) == []
    report = ray_add(str(tmp_path / "empty.db"), [], embedder=HashingEmbedder)
    assert (report.added, report.documents) == ((), 0)


@pytest.mark.parametrize(
    ("rows", "results", "lines", "failed"),
    [
        ([(1, "a", None), (2, None, "f:2: bad"), (3, "c", None)],
         ["A", ClaimFailure(3, "the claim has no words")],
         [{"r": "A"}, {"id": 2, "error": "f:2: bad"}, {"id": 3, "error": "the claim has no words"}], 2),
        ([(1, None, "f:1: bad")], [], [{"id": 1, "error": "f:1: bad"}], 1),
    ],
    ids=["interleaved", "only-bad-rows"],
)
def test_cli_rows_keep_their_places(rows: list[Any], results: list[Any], lines: list[Any], failed: int,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[Any] = []

    def fake_check(db: str, claims: list[Any], **kw: Any) -> Iterator[Any]:
        sent.extend(claims)
        yield from results

    monkeypatch.setattr(ray_batch, "ray_check", fake_check)
    out: list[Any] = []
    n = scale_cli.check_rows_on_ray(rows, "x.db", scale_cli.RayChoice(None, 2), stance=None, threads=None,
                                    as_dict=lambda r: {"r": r}, echo=out.append)
    assert (out, n) == (lines, failed)
    assert sent == [(cid, text) for cid, text, error in rows if error is None]


@pytest.mark.parametrize(
    ("use_ray", "address", "expected"),
    [(False, None, None), (True, None, scale_cli.RayChoice(None, 3)),
     (False, "ray://head:10001", scale_cli.RayChoice("ray://head:10001", 3)),
     (True, "auto", scale_cli.RayChoice("auto", 3))],
    ids=["off", "local", "address-implies-ray", "both"],
)
def test_ray_choice(use_ray: bool, address: str | None, expected: Any) -> None:
    assert scale_cli.ray_choice(use_ray, address, 3) == expected


@pytest.mark.parametrize(
    ("args", "match"),
    [(["a claim", "--ray"], "--ray checks a --claims file"),
     (["--claims", str(CLAIMS), "--source", str(SAMPLES / "health_campaign.txt"), "--ray"],
      "add --source files")],
    ids=["one-claim", "sources"],
)
def test_cli_check_on_ray_needs_claims_and_a_store(args: list[str], match: str) -> None:
    r = CliRunner().invoke(cli.main, ["check", *args])
    assert r.exit_code == 2
    assert match in r.stderr and r.stderr.count("\n") == 1


def test_nothing_imports_ray_without_the_ray_path(tmp_path: Path) -> None:
    code = textwrap.dedent("""
        import sys
        from click.testing import CliRunner
        from tabayyun import Tabayyun, cli, scale
        from tabayyun.testing import HashingEmbedder, OverlapStance
        with Tabayyun(embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
            tb.add_text("The river rose by two metres on Monday.")
            assert tb.check("The river rose on Monday").verdict
        assert CliRunner().invoke(cli.main, ["check", "--help"]).exit_code == 0
        print(sorted(m for m in sys.modules if m == "ray" or m.startswith("ray.")))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=tmp_path)
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_cli_add_and_check_on_ray_equal_one_process(local_ray: Any, corpus: list[str],
                                                    tmp_path: Path) -> None:
    runner = CliRunner()
    one, on_ray = str(tmp_path / "one.db"), str(tmp_path / "ray.db")
    added = [runner.invoke(cli.main, ["add", *corpus, "--db", db, "--json", *extra])
             for db, extra in ((one, []), (on_ray, ["--ray", "--workers", "2"]))]
    assert [r.exit_code for r in added] == [1, 1]  # the empty file and the broken line are named
    assert json.loads(added[0].stdout) == json.loads(added[1].stdout)
    assert _contents(Path(one))[:2] == _contents(Path(on_ray))[:2]
    checked = [runner.invoke(cli.main, ["check", "--claims", str(CLAIMS), "--db", one, "--threads", "1",
                                        *extra])
               for extra in ([], ["--ray", "--workers", "2"])]
    assert [r.exit_code for r in checked] == [0, 0]
    lines = [[json.loads(line) for line in r.stdout.splitlines()] for r in checked]
    assert [x["id"] for x in lines[1]] == [cid for cid, _ in _claims()]
    assert lines[0] == lines[1]


def test_ray_add_and_check_on_postgres(local_ray: Any, pg_server: Any, pg_url: str,
                                       corpus: list[str]) -> None:
    other = pg_server.new_schema()
    try:
        expected = ray_add(other, corpus, embedder=HashingEmbedder)
        with Tabayyun(pg_url, embedder=HashingEmbedder()) as tb:
            assert tb.add_files(corpus).to_dict() == expected.to_dict()
        for url in (pg_url, other):
            with Tabayyun(url, embedder=HashingEmbedder(), create=False, read_only=True) as tb:
                n = tb.store.count_sentences()
                rows = (tb.documents(limit=100), sorted(tb.store.sentences(list(range(1, n + 1))).values(),
                                                        key=lambda s: s.id))
            if url == pg_url:
                one_rows = rows
        assert rows == one_rows
        claims = _claims()[:6]
        with Tabayyun(other, embedder=HashingEmbedder(), stance_model=OverlapStance(), read_only=True) as tb:
            single = [r.to_dict() for r in tb.check_many(claims)]
        got = [r.to_dict() for r in ray_check(other, claims, embedder=HashingEmbedder, stance=OverlapStance)]
        assert got == single
    finally:
        pg_server.drop_schema(other)


@pytest.mark.parametrize(
    "arrival",
    [[0, 1, 2, 3], [3, 2, 1, 0], [1, 0, 3, 2], [2, 0, 1, 3]],
    ids=["in-order", "reversed", "pairs-swapped", "late-first"],
)
def test_rows_are_put_back_in_input_order(arrival: list[int]) -> None:
    rows = [(i, f"row {i}") for i in arrival]
    assert list(ray_batch._in_order(rows)) == [(i, f"row {i}") for i in range(4)]


def test_a_missing_row_is_an_error_not_a_silent_gap() -> None:
    with pytest.raises(RuntimeError, match="out of range"):
        list(ray_batch._in_order([(0, "a"), (2, "c")]))


def test_ray_add_refuses_a_read_only_store_before_starting_ray(sample_db: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ray(*args: Any) -> None:
        raise AssertionError("Ray was started")

    monkeypatch.setattr(ray_batch, "_ray_session", no_ray)
    with Tabayyun(sample_db, embedder=HashingEmbedder(), read_only=True) as tb, \
            pytest.raises(ReadOnlyStore, match="read-only"):
        ray_add(tb, [str(SAMPLES)], embedder=HashingEmbedder)

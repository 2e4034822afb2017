"""Progress: the library's counts in sentences, the CLI's bar / plain lines / closing rate, all on stderr."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tabayyun import Tabayyun, cli, progress
from tabayyun.core import prepare_sentences
from tabayyun.progress import AddProgress, AddTally, PlainMeter, RichMeter, add_summary, meter, rate_line
from tabayyun.testing import HashingEmbedder, OverlapStance


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (AddProgress(planned=100), 100),
        (AddProgress(planned=100, files_done=1, files_total=4), 400),
        (AddProgress(planned=100, files_done=4, files_total=4), 100),
        (AddProgress(planned=0, files_done=0, files_total=4), 0),
        (AddProgress(planned=30, files_done=3, files_total=4), 40),
    ],
    ids=["no-files", "a-quarter-read", "all-read", "none-read", "extrapolated"],
)
def test_estimated_total(state: AddProgress, expected: int) -> None:
    assert state.estimated_total() == expected


def test_tally_reports_each_change() -> None:
    seen: list[AddProgress] = []
    tally = AddTally(seen.append, files_total=2)
    tally.file()
    tally.plan(10)
    tally.embedded(4, resumed=True)
    tally.embedded(6)
    tally.plan(0)  # nothing to report
    tally.document()
    assert seen[-1] == AddProgress(done=10, planned=10, resumed=4, documents=1, files_done=1, files_total=2)
    assert len(seen) == 5


@pytest.mark.parametrize(
    ("items", "seconds", "line"),
    [
        (1200, 10.0, "added 1,200 sentences in 10.0 s, 120.0 sentences/s"),
        (0, 0.0, "added 0 sentences in 0.0 s, 0.0 sentences/s"),
        (7, 2.0, "added 7 sentences in 2.0 s, 3.5 sentences/s"),
    ],
    ids=["thousands", "nothing", "fraction"],
)
def test_rate_line(items: int, seconds: float, line: str) -> None:
    assert rate_line("added", items, seconds, "sentences") == line


def test_add_summary_counts_only_what_was_embedded_now() -> None:
    line = add_summary(AddProgress(done=100, planned=100, resumed=40), 6.0)
    assert line == "embedded 60 sentences in 6.0 s, 10.0 sentences/s (40 more taken from an interrupted " \
                   "add's checkpoint)"


def test_plain_meter_writes_a_line_per_interval() -> None:
    out, clock = io.StringIO(), Clock()
    m = PlainMeter("adding", "sentences", out, every=10.0, clock=clock)
    clock.t += 5
    m.update(50, 1000)
    assert out.getvalue() == ""
    clock.t += 5
    m.update(100, 1000)
    clock.t += 1
    m.update(110, 1000)  # within the interval of the last line
    assert out.getvalue() == "adding: 100/1,000 sentences (10 %), 10.0 sentences/s, about 1 min 30 s left\n"


@pytest.mark.parametrize(
    ("done", "total", "elapsed", "line"),
    [
        (0, 0, 10.0, "checking: 0/0 claims, 0.0 claims/s"),
        (5, 5, 10.0, "checking: 5/5 claims (100 %), 0.5 claims/s"),
        (1000, 721000, 10.0, "checking: 1,000/721,000 claims (0 %), 100.0 claims/s, about 2 h 0 min left"),
        (10, 20, 10.0, "checking: 10/20 claims (50 %), 1.0 claims/s, about 10 s left"),
    ],
    ids=["empty", "finished", "hours", "seconds"],
)
def test_plain_line(done: int, total: int, elapsed: float, line: str) -> None:
    clock = Clock()
    m = PlainMeter("checking", "claims", io.StringIO(), clock=clock)
    clock.t += elapsed
    assert m.line(done, total) == line


def test_meter_is_a_bar_on_a_terminal_and_plain_lines_otherwise() -> None:
    assert isinstance(meter("adding", "sentences", io.StringIO()), PlainMeter)
    term = Terminal()
    bar = meter("adding", "sentences", term)
    assert isinstance(bar, RichMeter)
    bar.update(5, 10)
    bar.close()
    assert "sentences/s" in term.getvalue()


# -- the library's counts -------------------------------------------------------------------


def test_add_files_reports_sentences_and_files(tmp_path: Path) -> None:
    texts = ["الجملة الأولى عن الجسر. والثانية عن النهر.", "One sentence. Two sentences. Three.", ""]
    for i, t in enumerate(texts):
        (tmp_path / f"{i}.txt").write_text(t, encoding="utf-8")
    seen: list[AddProgress] = []
    with Tabayyun(embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
        report = tb.add_files([tmp_path], progress=seen.append)
        n = sum(len(prepare_sentences(t)) for t in texts)
        assert report.sentences == n
        last = seen[-1]
        assert (last.done, last.planned, last.resumed, last.files_done, last.files_total) == (n, n, 0, 3, 3)
        assert [s.done for s in seen] == sorted(s.done for s in seen), "never goes back"
        again: list[AddProgress] = []
        tb.add_files([tmp_path], progress=again.append)
        assert again[-1].done == again[-1].planned == 0, "stored documents are not planned again"


# -- the command line -----------------------------------------------------------------------


@pytest.fixture
def fake_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI with the fast fake models."""
    real = cli.Tabayyun

    def fake(*a: object, **kw: object) -> Tabayyun:
        kw.pop("stance_model", None)
        return real(*a, embedder=HashingEmbedder(), stance_model=OverlapStance(), **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "Tabayyun", fake)


@pytest.mark.usefixtures("fake_cli")
def test_cli_add_progress_and_rate_on_stderr_json_alone_on_stdout(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "PLAIN_EVERY", 0.0)  # a plain line at every update
    src = tmp_path / "a.txt"
    src.write_text("الجملة الأولى عن الجسر. والثانية عن النهر. And a third one.", encoding="utf-8")
    db = str(tmp_path / "s.db")
    r = CliRunner().invoke(cli.main, ["add", str(src), "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["sentences"] == 3
    lines = r.stderr.splitlines()
    assert lines[-1].startswith("embedded 3 sentences in ") and lines[-1].endswith(" sentences/s")
    assert any(x.startswith("adding: 3/3 sentences (100 %)") for x in lines[:-1])


@pytest.mark.usefixtures("fake_cli")
def test_cli_check_claims_progress_on_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "PLAIN_EVERY", 0.0)
    src = tmp_path / "a.txt"
    src.write_text("The bridge opened in May. It has four lanes.", encoding="utf-8")
    claims = tmp_path / "c.jsonl"
    claims.write_text('{"id": 1, "claim": "The bridge opened in May"}\nnot json\n'
                      '{"id": 3, "claim": "It has four lanes"}\n', encoding="utf-8")
    r = CliRunner().invoke(cli.main, ["check", "--claims", str(claims), "--source", str(src)])
    assert r.exit_code == 1, r.output  # one line could not be read
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, 2, 3] and "error" in out[1]
    err = r.stderr.splitlines()
    assert [x for x in err if x.startswith("checking: ")][-1].startswith("checking: 3/3 claims (100 %)")
    assert any(x.startswith("checked 3 claims in ") for x in err)

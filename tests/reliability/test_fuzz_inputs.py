"""Hostile input never gives a traceback (issue 13): fuzzed file bytes through the readers and
``tabayyun add``, fuzzed claims through ``tabayyun check``. Each either works or fails with one ``error:``
line and its exit code.
"""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tabayyun.cli as cli
from tabayyun import Tabayyun
from tabayyun.ingest import read_bytes
from tabayyun.testing import HashingEmbedder, OverlapStance

SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".csv", ""]
SOURCE = "أعلنت البلدية يوم الأحد أنها وزّعت 450 خيمة على الأسر المتضررة من السيول.\n"

#: bytes as an attacker or a broken exporter would write them: raw bytes, text in odd encodings,
#: and text built from the pieces the readers look for
PIECES = st.sampled_from([
    "{", "}", '"text"', ":", ",", "\n", "\r\n", "\x00", "<html>", "<script>", "</p>", "text,title\n", '"',
    "\u202e", "\ufeff", "\u0640", "٣", "خبر", "claim", " ", "\t", "\\u0000", "null", "[", "]",
])  # fmt: skip
FILE_BYTES = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=200).map(lambda t: t.encode("utf-16")),
    st.lists(PIECES, max_size=40).map(lambda ps: "".join(ps).encode("utf-8")),
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def no_traceback(r: Result, codes: set[int]) -> None:
    assert r.exit_code in codes, (r.exit_code, r.output)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    for line in r.stderr.splitlines():
        assert "Traceback" not in line
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    if r.exit_code != 0:
        assert errors, r.stderr


@pytest.mark.parametrize("suffix", SUFFIXES, ids=[s or "no-suffix" for s in SUFFIXES])
@FUZZ
@given(data=FILE_BYTES)
def test_readers_never_raise_and_keep_no_nul_from_a_file(suffix: str, data: bytes) -> None:
    result = read_bytes(data, f"fuzz{suffix}")
    for doc in result.documents:
        assert doc.text.strip() and doc.title
        if suffix not in (".jsonl", ".csv"):  # there a NUL may come from a JSON escape, written on purpose
            assert "\x00" not in doc.text
    for e in result.errors:
        assert e.path == f"fuzz{suffix}" and e.reason


def fake_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "Tabayyun",
                        partial(Tabayyun, embedder=HashingEmbedder(), stance_model=OverlapStance()))


@pytest.mark.parametrize("suffix", [".txt", ".html", ".jsonl", ".csv"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FILE_BYTES)
def test_add_of_any_file_is_a_result_or_one_line_error(
    monkeypatch: pytest.MonkeyPatch, suffix: str, data: bytes
) -> None:
    fake_cli(monkeypatch)
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / f"fuzz{suffix}"
        f.write_bytes(data)
        no_traceback(CliRunner().invoke(cli.main, ["add", str(f), "--db", str(Path(d) / "f.db")]), {0, 1})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claim=st.one_of(st.text(max_size=120), st.lists(PIECES, max_size=30).map("".join)))
def test_check_of_any_claim_is_a_verdict_or_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory, claim: str
) -> None:
    fake_cli(monkeypatch)
    src = tmp_path_factory.getbasetemp() / "fuzz_source.txt"
    src.write_text(SOURCE, encoding="utf-8")
    for extra in ([], ["--json"]):
        r = CliRunner().invoke(cli.main,
                               ["check", claim, "--source", str(src), "--display", "logical", *extra])
        no_traceback(r, {0, 2})
        if r.exit_code == 0 and not extra:
            assert "\u202e" not in r.stdout  # the report escapes bidi controls

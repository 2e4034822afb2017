from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from tabayyun import Tabayyun, cli
from tabayyun.testing import HashingEmbedder, OverlapStance

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"
CLAIMS = SAMPLES.parent / "claims.jsonl"


@pytest.fixture(autouse=True)
def fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "Tabayyun",
                        partial(Tabayyun, embedder=HashingEmbedder(), stance_model=OverlapStance()))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path, runner: CliRunner) -> str:
    path = str(tmp_path / "t.db")
    r = runner.invoke(cli.main, ["add", str(SAMPLES), "--db", path])
    assert r.exit_code == 0, r.output
    return path


def test_every_command_has_help_with_an_example(runner: CliRunner) -> None:
    for name in cli.main.commands:
        r = runner.invoke(cli.main, [name, "--help"])
        assert r.exit_code == 0, name
        assert "Example" in r.output, f"`tabayyun {name} --help` has no example"


def test_add_reports_and_is_idempotent(runner: CliRunner, db: str) -> None:
    r = runner.invoke(cli.main, ["add", str(SAMPLES), "--db", db, "--json"])
    assert r.exit_code == 0
    report = json.loads(r.stdout)
    assert report["added"] == []
    assert report["documents"] == 7  # 4 files + 3 JSONL rows
    assert report["errors"] == []
    assert len(report["unchanged"]) == 5


def test_add_bad_files_names_them_and_keeps_the_rest(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("خبر صحيح عن افتتاح جسر جديد فوق النهر.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "سطر جيد"}\n{oops\n', encoding="utf-8")
    r = runner.invoke(cli.main, ["add", str(good), str(empty), str(bad), "--db", str(tmp_path / "x.db")])
    assert r.exit_code == 1
    assert f"error: {empty}: empty file" in r.stderr
    assert f"error: {bad}:2: broken JSON" in r.stderr
    assert "the store holds 2 documents" in r.stdout


def test_check_json_contract_and_offsets(runner: CliRunner, db: str) -> None:
    r = runner.invoke(cli.main,
                      ["check", "تعهد التحالف بتقديم 600 مليون دولار لدعم الاستقرار", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert list(out) == ["id", "claim", "verdict", "confidence", "evidence", "checks", "reason", "correction",
                         "parts"]
    assert out["verdict"] in {"supported", "refuted", "not_enough_info", "conflicting"}
    assert 0 <= out["confidence"] <= 1
    with Tabayyun(db, embedder=HashingEmbedder(), stance_model=OverlapStance()) as tb:
        for ev in out["evidence"]:
            assert set(ev) >= {"text", "stance", "score", "source", "start", "end"}
            assert tb.document(ev["document_id"]).text[ev["start"] : ev["end"]] == ev["text"]


def test_check_with_source_needs_no_store(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "s.txt"
    src.write_text("أعلنت الوزارة أن المعرض يفتح أبوابه يوم السبت.", encoding="utf-8")
    r = runner.invoke(cli.main,
                      ["check", "المعرض يفتح يوم السبت", "--source", str(src), "--display", "logical"])
    assert r.exit_code == 0, r.output
    first = r.stdout.splitlines()[0]
    assert first.split()[0] in {"SUPPORTED", "REFUTED", "CONFLICTING", "NOT"}
    assert "أعلنت الوزارة" in r.stdout  # logical order: the text itself, unchanged


def test_check_without_store_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    r = runner.invoke(cli.main, ["check", "claim", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2
    assert "no store at" in r.stderr


@pytest.mark.parametrize("claim", ["", "   ", "x" * 5000], ids=["empty", "spaces", "too-long"])
def test_bad_claims(runner: CliRunner, db: str, claim: str) -> None:
    r = runner.invoke(cli.main, ["check", claim, "--db", db])
    assert r.exit_code == 2
    assert r.stderr.startswith("error: the claim")


def test_batch_keeps_order_echoes_ids_and_reports_bad_lines(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    claims = tmp_path / "c.jsonl"
    claims.write_text(
        "\n".join(
            [
                json.dumps({"id": "b", "claim": "The governor announced emergency aid", "extra": 1}),
                "{broken",
                json.dumps({"id": 7, "claim": "أقر البرلمان الموازنة"}),
                json.dumps({"id": "no-claim"}),
            ]
        ),
        encoding="utf-8",
    )
    r = runner.invoke(cli.main, ["check", "--claims", str(claims), "--db", db])
    assert r.exit_code == 1
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["b", 2, 7, "no-claim"]
    assert "verdict" in lines[0] and "verdict" in lines[2]
    assert "broken JSON" in lines[1]["error"]
    assert "claim" in lines[3]["error"]


def test_batch_against_sources(runner: CliRunner, tmp_path: Path) -> None:
    claims = tmp_path / "c.jsonl"
    claims.write_text(json.dumps({"id": 1, "claim": "Floods hit the valley"}) + "\n", encoding="utf-8")
    r = runner.invoke(cli.main,
                      ["check", "--claims", str(claims), "--source", str(SAMPLES / "river_floods_en.txt")])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["evidence"][0]["source"].endswith("river_floods_en.txt")


def test_a_batch_on_a_terminal_is_a_readable_table_with_a_summary(runner: CliRunner, db: str) -> None:
    r = runner.invoke(cli.main, ["check", "--claims", str(CLAIMS), "--db", db, "--table"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(x) for x in CLAIMS.read_text(encoding="utf-8").splitlines() if x.strip()]
    out = click.unstyle(r.stdout).splitlines()
    numbered = [x for x in out if x[:3].strip().isdigit() and x[3:5] == ". "]
    assert len(numbered) == len(rows)  # one row per claim, in input order, with its id and verdict
    for n, (line, row) in enumerate(zip(numbered, rows, strict=True), start=1):
        assert line.startswith(f"{n:>3}. ") and str(row["id"]) in line
        assert line.split()[1].lower() in {"supported", "refuted", "not", "conflicting", "mixed"}
    assert any("[" in x and "]" in x and ":" in x for x in out if x.startswith("     "))  # evidence offsets
    assert out[-1].startswith(f"{len(rows)} claims: ")
    with pytest.raises(json.JSONDecodeError):
        json.loads(out[0])


def test_a_batch_piped_or_with_json_stays_json_lines(runner: CliRunner, db: str) -> None:
    for extra in ([], ["--json"]):  # the runner's stdout is not a terminal
        r = runner.invoke(cli.main, ["check", "--claims", str(CLAIMS), "--db", db, *extra])
        assert r.exit_code == 0, r.output
        assert all("verdict" in json.loads(x) for x in r.stdout.splitlines())


def test_claim_and_claims_are_exclusive(runner: CliRunner, db: str) -> None:
    assert runner.invoke(cli.main, ["check", "--db", db]).exit_code == 2
    assert runner.invoke(cli.main, ["check", "x", "--claims", str(CLAIMS), "--db", db]).exit_code == 2


def test_search_documents_rm(runner: CliRunner, db: str) -> None:
    r = runner.invoke(cli.main, ["search", "موازنة 2024", "--db", db, "--json"])
    hits = json.loads(r.stdout)
    assert hits and "2024" in hits[0]["text"]
    docs = json.loads(runner.invoke(cli.main, ["documents", "--db", db, "--json"]).stdout)
    assert len(docs) == 7 and "text" not in docs[0]
    assert runner.invoke(cli.main, ["rm", str(docs[0]["id"]), "--db", db]).exit_code == 0
    r = runner.invoke(cli.main, ["rm", str(docs[0]["id"]), "--db", db])
    assert r.exit_code == 1 and "no document" in r.stderr


def test_visual_display_reorders_arabic() -> None:
    from tabayyun.display import for_terminal

    assert for_terminal("روما", "logical") == "روما"
    visual = for_terminal("روما", "visual")
    assert visual != "روما" and len(visual) == 4
    assert for_terminal("plain English", "visual") == "plain English"


def test_unknown_stance_model_name_is_a_model_error() -> None:
    from tabayyun import ModelError

    with (
        Tabayyun(":memory:", embedder=HashingEmbedder(), stance_model="oracle") as tb,
        pytest.raises(ModelError, match="unknown stance model"),
    ):
        _ = tb.stance_model


def test_stance_model_by_name() -> None:
    from tabayyun.stance import HeuristicStance

    with Tabayyun(":memory:", embedder=HashingEmbedder(), stance_model="heuristic") as tb:
        assert isinstance(tb.stance_model, HeuristicStance)


def test_unknown_stance_model_in_the_environment_is_one_line_exit_3(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "Tabayyun",
                        partial(Tabayyun, embedder=HashingEmbedder()))  # the default stance model
    monkeypatch.setenv("TABAYYUN_STANCE", "bogus")
    src = tmp_path / "s.txt"
    src.write_text("عقد التحالف اجتماعه في روما يوم الاثنين.", encoding="utf-8")
    r = runner.invoke(cli.main, ["check", "عقد التحالف اجتماعه في روما", "--source", str(src)])
    assert r.exit_code == 3
    assert r.stderr.strip().splitlines() == [
        "error: TABAYYUN_STANCE='bogus' is not a stance model; choose one of heuristic, learned, gated"
    ]
    assert r.exception is None or isinstance(r.exception, SystemExit)


HOSTILE_SOURCE = "وزّعت البلدية 450 خيمة \u202eعلى الأسر\u202c في الواحة \x1b[31mاليوم."


def test_report_escapes_bidi_and_terminal_controls_json_keeps_them(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE_SOURCE, encoding="utf-8")
    claim = "وزّعت البلدية 450 خيمة \u202eفي الواحة"
    r = runner.invoke(cli.main, ["check", claim, "--source", str(src), "--display", "logical"])
    assert r.exit_code == 0, r.output
    for raw in ("\u202e", "\u202c", "\x1b"):
        assert raw not in r.stdout
    assert "\\u202e" in r.stdout and "\\u001b[31m" in r.stdout
    as_json = json.loads(runner.invoke(cli.main, ["check", claim, "--source", str(src), "--json"]).stdout)
    assert as_json["claim"] == claim
    ev = as_json["evidence"][0]
    assert ev["text"] == HOSTILE_SOURCE[ev["start"] : ev["end"]] and "\u202e" in ev["text"]


def test_documents_listing_escapes_controls_in_titles(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "h.db")
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE_SOURCE, encoding="utf-8")
    assert runner.invoke(cli.main, ["add", str(src), "--db", db]).exit_code == 0
    out = runner.invoke(cli.main, ["documents", "--db", db]).stdout
    assert "\u202e" not in out and "\x1b" not in out and "\\u202e" in out


def test_a_nul_after_the_first_8kb_refuses_the_file(runner: CliRunner, tmp_path: Path) -> None:
    late = tmp_path / "late.txt"
    late.write_bytes("سطر عربي عادي عن الطقس.\n".encode() * 400 + b"\x00tail")
    r = runner.invoke(cli.main, ["add", str(late), "--db", str(tmp_path / "n.db")])
    assert r.exit_code == 1 and "binary file" in r.stderr


@pytest.mark.parametrize(
    "args",
    [["rm", "99999999999999999999"], ["documents", "--offset", "99999999999999999999"],
     ["documents", "--limit", "-5"],
     ["search", "خيمة", "-k", "0"], ["search", "خيمة", "-k", "99999999999999999999"]],
    ids=["rm-2^66", "offset-2^66", "limit-negative", "k-zero", "k-2^66"],
)  # fmt: skip
def test_out_of_range_numbers_are_usage_errors_not_tracebacks(
    runner: CliRunner, db: str, args: list[str]
) -> None:
    r = runner.invoke(cli.main, [*args, "--db", db])
    assert r.exit_code == 2 and isinstance(r.exception, SystemExit)
    assert "is not in the range" in r.stderr


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["check", "x", "--db", "{tmp}/missing.db"], 2, "no store at"),
        (["check"], 2, "give either a CLAIM"),
        (["rm", "99999", "--db", "{db}"], 1, "99999"),
        (["extract"], 2, "give a TEXT"),
        (["extract", "x", "--date", "yesterday"], 2, "not an ISO date"),
        (["eval", "{tmp}/pairs.csv", "--system", "heuristic"], 2, "s1"),
        (["serve", "--db", "{tmp}/not.db"], 2, "not a tabayyun store"),
        (["check", "-0 عضوا", "--db", "{db}"], 2, "starts with '-' goes after --"),
        (["search", "خيمة", "--bogus", "--db", "{db}"], 2, "No such option '--bogus'"),
        (["documents", "--limit", "many", "--db", "{db}"], 2, "'many' is not a valid integer"),
    ],
    ids=["no-store", "no-claim", "rm-missing", "extract-nothing", "extract-date", "eval-bad-file",
         "serve-not-a-store", "claim-like-an-option", "unknown-option", "bad-integer"],
)
def test_every_command_fails_in_one_style(
    runner: CliRunner, db: str, tmp_path: Path, args: list[str], code: int, needle: str
) -> None:
    """Each command's errors: ``error: ...`` on one stderr line (no traceback) and the code of
    tabayyun.exitcodes."""
    (tmp_path / "not.db").write_text("this is not sqlite " * 100)
    (tmp_path / "pairs.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    r = runner.invoke(cli.main, [a.format(tmp=tmp_path, db=db) for a in args])
    assert r.exit_code == code, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], r.stderr
    assert r.exception is None or isinstance(r.exception, SystemExit)


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({}, [], {"threads": None}),
        ({"TABAYYUN_THREADS": "2", "TABAYYUN_STANCE": "learned"}, [],
         {"threads": 2, "stance_model": "learned"}),
        ({"TABAYYUN_THREADS": "2"}, ["--threads", "1", "--stance", "heuristic"],
         {"threads": 1, "stance_model": "heuristic"}),
    ],
    ids=["defaults", "environment", "options-win"],
)
def test_check_passes_configuration_down(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str], args: list[str],
    expected: dict[str, Any],
) -> None:
    """The environment is read by the command line (click envvar) and handed to ``Tabayyun`` as arguments."""
    seen: list[dict[str, Any]] = []

    def recording(*a: Any, **kw: Any) -> Tabayyun:
        seen.append({k: v for k, v in kw.items() if k in ("threads", "stance_model")})
        return Tabayyun(":memory:", embedder=HashingEmbedder(), stance_model=OverlapStance())

    monkeypatch.setattr(cli, "Tabayyun", recording)
    for k in ("TABAYYUN_THREADS", "TABAYYUN_STANCE"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    src = tmp_path / "s.txt"
    src.write_text("عقد التحالف اجتماعه في روما يوم الاثنين.", encoding="utf-8")
    r = runner.invoke(cli.main, ["check", "عقد التحالف اجتماعه في روما", "--source", str(src), *args])
    assert r.exit_code == 0, r.output
    assert seen == [expected]

"""The command line on a PostgreSQL store: ``--db postgresql://...`` (and ``TABAYYUN_DB``) for every command.

add, documents, search, check (one claim and a claims file), rm, through click's runner with the
fast fake models, on a real server (tests/pg_fixture.py).
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest
from click.testing import CliRunner

from tabayyun import Tabayyun, cli
from tabayyun.testing import HashingEmbedder, OverlapStance

SAMPLES = Path(__file__).resolve().parent.parent.parent / "samples" / "corpus"


@pytest.fixture(autouse=True)
def fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    fakes = partial(Tabayyun, embedder=HashingEmbedder(), stance_model=OverlapStance())
    monkeypatch.setattr(cli, "Tabayyun", fakes)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, env: dict[str, str] | None = None) -> str:
    r = runner.invoke(cli.main, list(args), env=env)
    assert r.exit_code == 0, r.output
    return r.stdout


def test_every_store_command_on_postgres(runner: CliRunner, pg_url: str, tmp_path: Path) -> None:
    report = json.loads(invoke(runner, "add", str(SAMPLES), "--db", pg_url, "--json"))
    n = report["documents"]
    assert report["added"] and n > 3 and not report["errors"]  # files added; a .jsonl holds several documents
    again = json.loads(invoke(runner, "add", str(SAMPLES), "--db", pg_url, "--json"))
    assert not again["added"] and sorted(again["unchanged"]) == sorted(report["added"])
    assert again["documents"] == n

    docs = json.loads(invoke(runner, "documents", "--db", pg_url, "--json"))
    assert len(docs) == n
    hits = json.loads(invoke(runner, "search", "التحالف", "--db", pg_url, "--json"))
    assert hits and all(h["document_id"] in {d["id"] for d in docs} for h in hits)

    result = json.loads(invoke(runner, "check", hits[0]["text"], "--db", pg_url, "--json"))
    assert result["evidence"] and result["evidence"][0]["text"] == hits[0]["text"]
    claims = tmp_path / "claims.jsonl"
    rows = [{"id": "a", "claim": hits[0]["text"]}, {"id": "b", "claim": "The harbour reopened on Sunday"}]
    claims.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = invoke(runner, "check", "--claims", str(claims), "--db", pg_url)
    lines = [json.loads(x) for x in out.splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]

    gone = docs[0]["id"]
    invoke(runner, "rm", str(gone), "--db", pg_url)
    left = json.loads(invoke(runner, "documents", "--db", pg_url, "--json"))
    assert gone not in {d["id"] for d in left} and len(left) == n - 1
    r = runner.invoke(cli.main, ["rm", str(gone), "--db", pg_url])
    assert r.exit_code != 0 and str(gone) in r.output


def test_tabayyun_db_names_the_postgres_store(runner: CliRunner, pg_url: str) -> None:
    env = {"TABAYYUN_DB": pg_url}
    invoke(runner, "add", str(SAMPLES), env=env)
    assert json.loads(invoke(runner, "documents", "--json", env=env))


@pytest.mark.parametrize("command", [["documents"], ["search", "التحالف"], ["check", "التحالف يضم 83 دولة"]],
                         ids=["documents", "search", "check"])  # fmt: skip
def test_reading_commands_do_not_create_a_store(runner: CliRunner, pg_url: str, command: list[str]) -> None:
    r = runner.invoke(cli.main, [*command, "--db", pg_url])
    assert r.exit_code != 0 and "no store" in r.output
    assert len(r.output.strip().splitlines()) == 1
    from tabayyun.errors import NoStore
    from tabayyun.store.postgres import PostgresStore

    with pytest.raises(NoStore):
        PostgresStore(pg_url, create=False)


def test_a_password_in_the_url_is_never_printed(
    runner: CliRunner, pg_server: object, pg_database: str
) -> None:
    from tests.pg_fixture import PASSWORD_ROLE, dbname

    url = pg_server.tcp_url(dbname(pg_database))  # type: ignore[attr-defined]
    secret = PASSWORD_ROLE[1]
    r = runner.invoke(cli.main, ["add", str(SAMPLES / "coalition_statement.md"), "--db", url])
    assert r.exit_code == 0, r.output
    assert secret not in r.output and ":***@" in r.stdout  # the summary names the store, masked
    missing = url.rsplit("/", 1)[0] + "/no_such_database_here"
    r = runner.invoke(cli.main, ["documents", "--db", missing])
    assert r.exit_code != 0 and secret not in r.output

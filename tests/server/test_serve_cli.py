"""``tabayyun serve``: options reach the app and uvicorn (uvicorn itself is not started here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tabayyun import cli


def test_serve_help_lists_the_options() -> None:
    out = CliRunner().invoke(cli.main, ["serve", "--help"])
    assert out.exit_code == 0
    for opt in ("--db", "--host", "--port", "--timeout", "--max-upload", "--max-body", "--workers",
                "TABAYYUN_API_TOKEN"):
        assert opt in out.output


def test_serve_builds_the_app_and_runs_uvicorn(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen["app"] = app
        seen.update(kwargs)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    monkeypatch.setenv("TABAYYUN_API_TOKEN", "tok-123")
    db = tmp_path / "served.db"
    out = CliRunner().invoke(
        cli.main,
        ["serve", "--db", str(db), "--port", "8123", "--timeout", "5", "--max-body", "4096", "--workers", "2",
                   "--no-warm"]
    )
    assert out.exit_code == 0, out.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    settings = seen["app"].state.settings
    got = (settings.token, settings.timeout_s, settings.max_json_bytes, settings.workers)
    assert got == ("tok-123", 5.0, 4096, 2)
    assert "token required" in out.output
    seen["app"].state.tabayyun.close()


def test_serve_refuses_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    bad = tmp_path / "not.db"
    bad.write_text("this is not sqlite " * 100)
    out = CliRunner().invoke(cli.main, ["serve", "--db", str(bad)])
    assert out.exit_code == 2 and "not a tabayyun store" in out.output


@pytest.mark.parametrize("warm", [[], ["--no-warm"]], ids=["warm", "no-warm"])
def test_serve_with_an_unknown_stance_model_says_so_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, warm: list[str]
) -> None:
    monkeypatch.setenv("TABAYYUN_STANCE", "bogus")
    out = CliRunner().invoke(cli.main, ["serve", "--db", str(tmp_path / "s.db"), *warm])
    assert out.exit_code == 3, out.output
    assert out.output.strip().splitlines() == [
        "error: TABAYYUN_STANCE='bogus' is not a stance model; choose one of heuristic, learned, gated"
    ]
    assert not (tmp_path / "s.db").exists()  # stopped before opening the store


def test_serve_reads_stance_and_threads_at_the_edge(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``$TABAYYUN_STANCE`` and ``$TABAYYUN_THREADS`` become arguments of the library (which reads no
    environment)."""
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **_: seen.setdefault("app", app))
    monkeypatch.setenv("TABAYYUN_STANCE", "heuristic")
    monkeypatch.setenv("TABAYYUN_THREADS", "3")
    out = CliRunner().invoke(cli.main, ["serve", "--db", str(tmp_path / "s.db"), "--no-warm"])
    assert out.exit_code == 0, out.output
    tb = seen["app"].state.tabayyun
    assert (tb._stance_name, tb.threads) == ("heuristic", 3)
    settings = seen["app"].state.settings
    assert settings == type(settings)()  # the defaults: the one Settings table

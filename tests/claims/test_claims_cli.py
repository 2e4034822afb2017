"""``tabayyun claims``: the readable ranking, --json, --texts, files, and the one-line errors.

The e5 model runs over the hashing embedder (``make_embedder`` is swapped): fast, and the shipped
coefficients still apply; the scores are not meaningful, the shapes and the plumbing are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tabayyun import cli
from tabayyun.claims import cli as claims_cli
from tabayyun.claims.worth import rank_text, score_texts, threshold
from tabayyun.testing import HashingEmbedder

ARTICLE = (
    "صباح الخير يا متابعين! "
    "أعلنت وزارة المياه أن 35 قرية بلا مياه شرب منذ الأحد. "
    "هل من حل قريب؟ "
    "Officials said 12 wells were closed after tests found nitrates."
)


@pytest.fixture(autouse=True)
def fake_e5(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(claims_cli, "make_embedder", HashingEmbedder)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("model", ["e5", "cues"])
def test_json_ranks_the_sentences_with_offsets(runner: CliRunner, model: str) -> None:
    r = runner.invoke(cli.main, ["claims", ARTICLE, "--json", "--model", model])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    embedder = HashingEmbedder() if model == "e5" else None
    assert out["model"] == model and out["threshold"] == threshold(embedder)
    assert out["sentences"] == [w.to_dict() for w in rank_text(ARTICLE, embedder)]
    assert len(out["sentences"]) == 4
    for s in out["sentences"]:
        assert ARTICLE[s["start"] : s["end"]] == s["text"]


def test_the_readable_report_shows_score_offsets_sentence_and_cues(runner: CliRunner) -> None:
    r = runner.invoke(cli.main, ["claims", ARTICLE, "--model", "cues", "--display", "logical"])
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    ranked = rank_text(ARTICLE)
    first = ranked[0]
    assert lines[0].startswith("  1.") and f"[{first.start}:{first.end}] {first.text}" in lines[0]
    assert f"{first.score:5.2f}" in lines[0]
    assert lines[1].strip() == "cues: " + ", ".join(first.cues)
    worthy = sum(w.checkworthy for w in ranked)
    assert lines[-1] == f"{worthy} of 4 sentence(s) worth checking (score ≥ {threshold():.2f})"


def test_limit_cuts_the_readable_report(runner: CliRunner) -> None:
    r = runner.invoke(cli.main, ["claims", ARTICLE, "--model", "cues", "-n", "1", "--display", "logical"])
    assert r.exit_code == 0
    assert [line[:4] for line in r.stdout.splitlines() if line[:4].strip().endswith(".")] == ["  1."]


def test_a_file_is_read_like_add_reads_it(runner: CliRunner, tmp_path: Path) -> None:
    doc = tmp_path / "article.md"
    doc.write_text("# نشرة\n\n" + ARTICLE + "\n", encoding="utf-8")
    r = runner.invoke(cli.main, ["claims", str(doc), "--json", "--model", "cues"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["source"].endswith("article.md")
    assert {s["text"] for s in out["sentences"]} >= {"هل من حل قريب؟"}


def test_texts_gives_one_line_per_input_line_in_order(runner: CliRunner, tmp_path: Path) -> None:
    texts = ["انضمت دولتان إلى التحالف الذي يضم الآن 41 دولة", "جمعة مباركة", "The port reopened on Monday."]
    f = tmp_path / "posts.jsonl"
    f.write_text("\n".join(json.dumps({"id": f"p{i}", "text": t}, ensure_ascii=False)
                           for i, t in enumerate(texts)) + "\n", encoding="utf-8")
    r = runner.invoke(cli.main, ["claims", "--texts", str(f), "--json"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    expected = score_texts(texts, HashingEmbedder())
    assert [row["id"] for row in rows] == ["p0", "p1", "p2"]
    for row, w, text in zip(rows, expected, texts, strict=True):
        assert set(row) == {"id", "checkworthy", "score", "cues", "parts"}
        assert row["score"] == w.score and row["checkworthy"] == w.checkworthy
        assert 0.0 <= row["score"] <= 1.0
        for p in row["parts"]:
            assert set(p) == {"text", "start", "end", "kind"} and 0 <= p["start"] < p["end"] <= len(text)


def test_bad_texts_lines_are_named_in_place_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    f = tmp_path / "posts.jsonl"
    f.write_text('{"id": 1, "text": "أغلقت البلدية السوق"}\n{oops\n\n{"id": 3}\n{"text": "Hello"}\n',
                 encoding="utf-8")
    r = runner.invoke(cli.main, ["claims", "--texts", str(f), "--model", "cues"])
    assert r.exit_code == 1
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["id"] for row in rows] == [1, 2, 3, 5]  # a line without id: its line number
    assert "broken JSON" in rows[1]["error"] and '"text"' in rows[2]["error"]
    assert "score" in rows[0] and "score" in rows[3]
    assert r.stderr.strip() == "error: 2 line(s) could not be scored"


ERRORS = [
    ("nothing", [], "give either a FILE or TEXT, or --texts FILE.jsonl"),
    ("both", ["some text", "--texts", "x.jsonl"], "give either a FILE or TEXT, or --texts FILE.jsonl"),
    ("blank", ["   "], "the text is empty"),
    ("missing-texts-file", ["--texts", "/nonexistent/posts.jsonl"], "cannot read"),
    ("bad-model", ["text", "--model", "bert"], "'bert' is not one of"),
]


@pytest.mark.parametrize(("args", "message"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_errors_are_one_line(runner: CliRunner, args: list[str], message: str) -> None:
    r = runner.invoke(cli.main, ["claims", *args])
    assert r.exit_code == 2, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert "Traceback" not in r.output


def test_help_has_an_example(runner: CliRunner) -> None:
    r = runner.invoke(cli.main, ["claims", "--help"])
    assert r.exit_code == 0 and "Example" in r.stdout and "--texts" in r.stdout

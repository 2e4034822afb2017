"""``tabayyun claims``: what in a text is worth checking, best first (or each line of --texts scored).

A thin edge over :mod:`tabayyun.claims.worth`: it reads the text (an argument, or a file read the way
``add`` reads one), calls the library, and prints a readable ranking or JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import click

from ..cli_options import fail
from ..display import Mode, for_terminal, resolve_mode
from ..errors import InputError
from ..exitcodes import PARTIAL
from ..ingest import read_path
from ..jsonl import json_objects
from ..protocols import Embedder
from .worth import WorthySentence, rank_text, score_texts, threshold

ModelChoice = Literal["e5", "cues"]


def make_embedder() -> Embedder:
    """The e5 embedder (loads on first use); tests swap this for a fake."""
    from ..embed import E5Embedder

    return E5Embedder()


def _embedder(model: ModelChoice) -> Embedder | None:
    return make_embedder() if model == "e5" else None


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _texts_rows(path: Path) -> list[tuple[Any, str | None, str | None]]:
    """``(id, text, error)`` per non-blank line of a JSONL file of ``{"id", "text"}`` objects."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        fail(f"{path}: cannot read ({e})")
    rows: list[tuple[Any, str | None, str | None]] = []
    for n, obj, error in json_objects(lines):
        if obj is None:
            rows.append((n, None, f"{path}:{n}: {error}"))
        elif not isinstance(obj.get("text"), str) or not obj["text"].strip():
            rows.append((obj.get("id", n), None, f'{path}:{n}: needs a non-empty "text" string'))
        else:
            rows.append((obj.get("id", n), obj["text"], None))
    return rows


def _score_lines(path: Path, embedder: Embedder | None) -> int:
    """One JSON line per input line, in input order; returns how many lines failed."""
    rows = _texts_rows(path)
    good = [(i, text) for i, (_, text, _) in enumerate(rows) if text is not None]
    scored = dict(zip((i for i, _ in good), score_texts([t for _, t in good], embedder), strict=True))
    for i, (rid, _, error) in enumerate(rows):
        if error is not None:
            click.echo(_dump({"id": rid, "error": error}))
            continue
        w = scored[i].to_dict()
        click.echo(_dump({"id": rid, "checkworthy": w["checkworthy"], "score": w["score"],
                          "cues": w["cues"], "parts": w["parts"]}))
    return sum(error is not None for _, _, error in rows)


def _documents(text_or_file: str) -> list[tuple[str, str]]:
    """``(name, text)`` pairs: the file's documents when the argument names a file, else the text itself."""
    path = Path(text_or_file)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # a long or odd TEXT is not a path
        is_file = False
    if not is_file:
        return [("", text_or_file)]
    read = read_path(path)
    for e in read.errors:
        click.echo(f"error: {e}", err=True)
    if not read.documents:
        fail(f"{text_or_file}: nothing to read")
    return [(d.source if len(read.documents) == 1 else f"{d.source} {d.title}".strip(), d.text)
            for d in read.documents]


def report(ranked: list[WorthySentence], cut: float, mode: Literal["logical", "visual"], limit: int) -> str:
    """The readable ranking: score, ✓ when check-worthy, the sentence with its offsets, its cues."""
    if not ranked:
        return "no sentences"
    lines = []
    for n, w in enumerate(ranked[:limit], start=1):
        mark = "✓" if w.checkworthy else " "
        lines.append(f"{n:>3}. {w.score:5.2f} {mark} [{w.start}:{w.end}] {for_terminal(w.text, mode)}")
        lines.append(f"           cues: {', '.join(w.cues) or '-'}")
    worthy = sum(w.checkworthy for w in ranked)
    lines.append(f"{worthy} of {len(ranked)} sentence(s) worth checking (score ≥ {cut:.2f})")
    return "\n".join(lines)


@click.command("claims")
@click.argument("text_or_file", metavar="FILE|TEXT", required=False)
@click.option("--texts", type=click.Path(dir_okay=False, path_type=Path),
              help='A JSONL file of {"id", "text"} lines (posts, headlines); one JSON line out per line.')
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a readable report.")
@click.option("--model", type=click.Choice(["e5", "cues"]), default="e5", show_default=True,
              help="e5: sentence vectors + cue features; cues: the cue features alone (no model to load).")
@click.option("-n", "--limit", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Show at most this many sentences in the readable report.")
@click.option("--display", type=click.Choice(["auto", "logical", "visual"]), default="auto",
              show_default=True, help="Arabic in the terminal: visual = shaped and reordered for terminals "
              "without bidi support.")
def claims_command(text_or_file: str | None, texts: Path | None, as_json: bool, model: ModelChoice,
                   limit: int, display: Mode) -> None:
    """Rank the sentences of a text (or file) by how worth checking they are.

    Worth checking: factual, verifiable, consequential statements (numbers, dates, named
    actors, causes, comparisons) over opinions, greetings, prayers, questions and promotion.

    \b
    Examples:
      tabayyun claims article.md
      tabayyun claims "أعلنت الوزارة إغلاق 300 مدرسة. صباح الخير للجميع." --json
      tabayyun claims --texts posts.jsonl --json > scored.jsonl
    """
    if (text_or_file is None) == (texts is None):
        fail("give either a FILE or TEXT, or --texts FILE.jsonl")
    embedder = _embedder(model)
    if texts is not None:
        failed = _score_lines(texts, embedder)
        if failed:
            fail(f"{failed} line(s) could not be scored", PARTIAL)
        return
    assert text_or_file is not None
    if not text_or_file.strip():
        raise InputError("the text is empty")
    cut = threshold(embedder)
    mode = resolve_mode(display)
    docs = _documents(text_or_file)
    for name, text in docs:
        ranked = rank_text(text, embedder)
        if as_json:
            body = {"model": model, "threshold": cut, "sentences": [w.to_dict() for w in ranked]}
            click.echo(_dump(({"source": name} if name else {}) | body))
            continue
        if len(docs) > 1 or name:
            click.echo(f"== {for_terminal(name, mode)}")
        click.echo(report(ranked, cut, mode, limit))

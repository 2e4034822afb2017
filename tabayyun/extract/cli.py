"""``tabayyun extract``: quantities, dates and entities of a text, or of every line of a JSONL file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Protocol

import click

from ..cli_options import CommandError
from ..errors import InputError
from ..jsonl import json_objects
from . import extract
from .aliases import AliasTable
from .types import Extraction


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO date (YYYY-MM-DD): {value!r}") from exc


class _Writer(Protocol):
    def write(self, s: str) -> int: ...


class _Echo:
    """A ``write``-able wrapper over ``click.echo`` (UTF-8 safe on any terminal)."""

    def write(self, s: str) -> int:
        click.echo(s, nl=False)
        return len(s)


def _table(result: Extraction, out: _Writer) -> None:
    """A readable listing, one mention per line, Arabic printed as is."""
    rows: list[tuple[str, str, str, str]] = []
    for q in result.quantities:
        d = q.to_dict()
        val = d["value"] if d["value"] is not None else f"{d['low']}..{d['high']}"
        extra = " ".join(x for x in (q.unit or "", q.noun or "", q.hedge or "", q.kind) if x)
        rows.append(("quantity", q.text, str(val), extra))
    for dm in result.dates:
        val = dm.value or f"{dm.low}..{dm.high}"
        rows.append(("date", dm.text, str(val),
                     f"{dm.precision} {dm.calendar}" + (f" {dm.hijri}" if dm.hijri else "")))
    for e in result.entities:
        rows.append(("entity", e.text, e.canonical, e.type + (f"/{e.subtype}" if e.subtype else "")))
    if not rows:
        out.write("(nothing found)\n")
        return
    for kind, text, value, extra in rows:
        out.write(f"{kind:<9} {text}  →  {value}  [{extra}]\n")


def _jsonl(path: Path, document_date: date | None, aliases: AliasTable | None, out: _Writer) -> None:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc}") from exc
    with handle:
        for lineno, obj, error in json_objects(handle):
            if obj is None:
                raise InputError(f"{path}:{lineno}: {error}")
            if not isinstance(obj.get("text"), str):
                raise InputError(f'{path}:{lineno}: expected an object with a "text" string')
            doc_date = document_date
            if isinstance(obj.get("date"), str):
                try:
                    doc_date = date.fromisoformat(obj["date"])
                except ValueError as exc:
                    raise InputError(f"{path}:{lineno}: bad date {obj['date']!r}") from exc
            result = extract(obj["text"], document_date=doc_date, aliases=aliases)
            out.write(json.dumps({"id": obj.get("id"), **result.to_dict()}, ensure_ascii=False) + "\n")


@click.command("extract")
@click.argument("text", required=False)
@click.option("--texts", "texts", type=click.Path(dir_okay=False, path_type=Path),
              help='A JSONL file of {"id", "text"[, "date"]} lines; one JSON line out per input line.')
@click.option("--json", "as_json", is_flag=True, help="JSON output (always on with --texts).")
@click.option("--date", "doc_date", help="Document date (YYYY-MM-DD) to resolve relative dates.")
@click.option("--aliases", "alias_file", type=click.Path(dir_okay=False, path_type=Path),
              help="An extra alias file (canonical<TAB>variant…), merged over the default table.")
def extract_command(text: str | None, texts: Path | None, as_json: bool, doc_date: str | None,
                    alias_file: Path | None) -> None:
    """Quantities, dates and named entities of TEXT (or of each line of --texts).

    \b
    Examples:
      tabayyun extract "قتل نحو 10 آلاف مقاتل في الموصل في حزيران 2014"
      tabayyun extract "about $436 million in June 2021" --json
      tabayyun extract --texts texts.jsonl --json > mentions.jsonl
    """
    out = _Echo()
    try:
        document_date = _parse_date(doc_date)
        aliases = None
        if alias_file is not None:
            aliases = AliasTable.default().merged(AliasTable.from_file(alias_file))
        if texts is not None:
            if text is not None:
                raise InputError("give either TEXT or --texts, not both")
            _jsonl(texts, document_date, aliases, out)
            return
        if text is None:
            raise InputError("give a TEXT to read, or --texts FILE.jsonl")
        result = extract(text, document_date=document_date, aliases=aliases)
        if as_json:
            out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        else:
            _table(result, out)
    except (InputError, click.BadParameter) as exc:
        raise CommandError(str(exc)) from exc

"""The ``tabayyun`` command: a thin layer that parses, calls the library, and formats."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from .claims.cli import claims_command
from .cli_options import CommandError, db_option, fail, stance_option, threads_option
from .core import Tabayyun
from .display import (
    Mode,
    check_report,
    claim_row,
    claims_summary,
    escape_controls,
    resolve_mode,
    search_report,
)
from .errors import InputError, TabayyunError
from .exitcodes import PARTIAL, USER
from .extract.cli import extract_command
from .ingest import RawDocument, expand_paths, read_path
from .jsonl import json_objects
from .progress import showing_add, showing_steps
from .scale.cli import check_rows_on_ray, ray_choice, ray_options
from .server.cli import serve
from .server.limits import MAX_ID
from .stance.cli import eval_command, train_command
from .store import is_postgres_url, shown

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a readable report.")
display_option = click.option(
    "--display",
    type=click.Choice(["auto", "logical", "visual"]),
    default="auto",
    show_default=True,
    help="Arabic in the terminal: visual = shaped and reordered for terminals without bidi support.",
)


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _open_store(db: str, *, must_exist: bool, **options: Any) -> Tabayyun:
    """The store at ``db``; with ``must_exist`` (every command but ``add``) nothing is created."""
    if must_exist and not is_postgres_url(db) and not Path(db).exists():  # a URL: the store checks
        fail(f"no store at {shown(db)}; add documents first with `tabayyun add FILE --db {shown(db)}`, "
             "or pass --source FILE")
    try:
        tb = Tabayyun(db, create=not must_exist, **options)
    except TabayyunError as e:
        fail(str(e))
    if not must_exist and tb.store.read_only:  # `add` cannot write here: say so before reading any file
        tb.close()
        fail(f"{shown(db)}: permission denied (the store is read-only)")
    return tb


class _OneLineErrors(click.Group):
    """Any error tabayyun raises on purpose (or the OS raises) ends the command with one line and an exit
    code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (TabayyunError, OSError) as e:
            raise CommandError.of(e) from e
        except click.UsageError as e:  # a command's own options and arguments: one line too
            raise CommandError(_usage_line(e), USER) from e


def _usage_line(e: click.UsageError) -> str:
    """A usage error as one line, with where to look (and, for a stray option, the way round it)."""
    where = e.ctx.command_path if e.ctx is not None else "tabayyun"
    hint = f"see '{where} --help'"
    if isinstance(e, click.NoSuchOption):
        hint += "; a claim or query that starts with '-' goes after --"
    return f"{e.format_message()} ({hint})"


@click.group(cls=_OneLineErrors,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="tabayyun")
def main() -> None:
    """tabayyun (تبيّن): check Arabic and English claims against your own sources.

    \b
    Example:
      tabayyun add samples/ --db news.db
      tabayyun check "أصبح عدد أعضاء التحالف 83 عضواً" --db news.db

    \b
    Exit status: 0 done; 1 done in part (skipped files, lines or claims are named);
    2 the input needs fixing (usage, claim, file, store); 3 a model could not be loaded.
    Every error is one line on stderr.
    """


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@db_option()
@json_option
@ray_options
def add(files: tuple[str, ...], db: str, as_json: bool, use_ray: bool, ray_address: str | None,
        workers: int) -> None:
    """Add source files to the store (text, Markdown, HTML, JSONL, CSV; directories recurse).

    JSONL and CSV need a "text" field; "title", "url" and "date" are optional.
    Adding the same content again changes nothing. A bad file (or line) is reported
    and skipped; the rest still goes in. Exit status 1 when anything was skipped.
    Progress (sentences embedded, sentences/s, time left) and the rate at the end go
    to stderr. An interrupted add resumes when run again: stored documents are
    skipped, and a big document's embedding goes on from its checkpoint (FILE.db.resume/).

    \b
    Example:
      tabayyun add samples/ --db news.db
      tabayyun add archive/ --db news.db --ray --workers 2
    """
    ray = ray_choice(use_ray, ray_address, workers)
    tb = _open_store(db, must_exist=False)
    paths = expand_paths(list(files))
    with tb, showing_add() as progress:  # on stderr: a bar on a terminal, plain lines otherwise
        if ray is not None:
            from .scale.ray_batch import ray_add

            report = ray_add(tb, paths, address=ray.address, workers=ray.workers, progress=progress, db=db)
        else:
            report = tb.add_files(paths, progress=progress)
    if as_json:
        click.echo(_dump(report.to_dict()))
    else:
        click.echo(
            f"added {len(report.added)} file(s), {len(report.unchanged)} unchanged; "
            f"the store holds {report.documents} documents, {report.sentences} sentences ({shown(db)})"
        )
    for e in report.errors:
        where = e["path"] + (f":{e['line']}" if e.get("line") else "")
        click.echo(f"error: {where}: {e['error']}", err=True)
    if report.errors:
        sys.exit(PARTIAL)


def _read_sources(source_files: tuple[str, ...]) -> list[RawDocument]:
    docs: list[RawDocument] = []
    for path in expand_paths(list(source_files)):
        result = read_path(path)
        for e in result.errors:
            click.echo(f"error: {e}", err=True)
        docs.extend(result.documents)
    if not docs:
        fail("none of the --source files could be read")
    return docs


def _read_claims(path: str) -> Iterator[tuple[Any, str | None, str | None]]:
    """``(id, claim, error)`` per non-blank line of a claims JSONL file."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        fail(f"{path}: cannot read claims ({e})")
    for n, obj, error in json_objects(text.splitlines()):
        if obj is None:
            yield n, None, f"{path}:{n}: {error}"
            continue
        if not isinstance(obj.get("claim"), str):
            yield obj.get("id", n), None, f'{path}:{n}: needs a "claim" string'
            continue
        yield obj.get("id", n), obj["claim"], None


@main.command()
@click.argument("claim", required=False)
@click.option("--claims", "claims_file", type=click.Path(exists=True, dir_okay=False),
              help='Batch: a JSONL file of {"id", "claim"} lines. On a terminal, a readable table '
                   'and a summary; with --json, or when the output is not a terminal, one JSON line '
                   'per input line.')
@click.option("--source", "sources", multiple=True, type=click.Path(exists=True),
              help="Check against these files only (repeatable; no store needed).")
@db_option()
@json_option
@click.option("--table", "as_table", is_flag=True,
              help="--claims: the readable table even when the output is not a terminal.")
@display_option
@click.option("--claimreview", "as_claimreview", is_flag=True,
              help="Print schema.org ClaimReview JSON-LD instead of the result.")
@click.option("--review-url", help="ClaimReview: where the review is published.")
@click.option("--claim-author", help="ClaimReview: who made the claim.")
@click.option("--claim-url", "claim_urls", multiple=True,
              help="ClaimReview: where the claim appeared (repeatable).")
@stance_option("Stance model (default: gated: the learned cross-encoder gated by e5 relatedness).")
@threads_option
@ray_options
def check(
    claim: str | None, claims_file: str | None, sources: tuple[str, ...], db: str, as_json: bool,
    as_table: bool, display: Mode, as_claimreview: bool, review_url: str | None, claim_author: str | None,
    claim_urls: tuple[str, ...], stance_name: str | None, threads: int | None, use_ray: bool,
    ray_address: str | None, workers: int,
) -> None:
    """Check a claim: verdict, confidence, evidence sentences with exact offsets.

    Without --source the claim is checked against the store (--db).

    \b
    Examples:
      tabayyun check "عقد التحالف اجتماعه في روما" --source samples/coalition_statement.md
      tabayyun check "About 1,200 families were evacuated" --db news.db --json
      tabayyun check --claims samples/claims.jsonl --db news.db > results.jsonl
      tabayyun check --claims claims.jsonl --db news.db --ray --workers 2 > results.jsonl
      tabayyun check "..." --source statement.md --claimreview --review-url https://example.org/r/1
    """
    if (claim is None) == (claims_file is None):
        fail("give either a CLAIM or --claims FILE.jsonl")

    def as_dict(r: Any) -> Any:
        if not as_claimreview:
            return r.to_dict()
        from .claimreview import claim_review

        return claim_review(r, url=review_url, author=claim_author, appearance=claim_urls)

    ray = ray_choice(use_ray, ray_address, workers)
    if ray is not None:  # --threads: each worker's CPUs and stance-model threads
        if claims_file is None or sources:
            fail("--ray checks a --claims file against a store (--db); add --source files to a store first")
        failed = check_rows_on_ray(_read_claims(claims_file), db, ray, stance=stance_name, threads=threads,
                                   as_dict=as_dict, echo=lambda obj: click.echo(_dump(obj)))
        if failed:
            fail(f"{failed} claim(s) could not be checked", PARTIAL)
        return
    source_docs = _read_sources(sources) if sources else None
    model: dict[str, Any] = {"threads": threads}
    if stance_name is not None:
        model["stance_model"] = stance_name
    if source_docs is not None:
        tb = Tabayyun(":memory:", **model)
    else:
        tb = _open_store(db, must_exist=True, **model)
    with tb:
        if claim is not None:
            try:
                result = tb.check(claim, sources=source_docs)
            except InputError as e:
                fail(str(e))
            if as_json or as_claimreview:
                click.echo(_dump(as_dict(result)))
            else:
                click.echo(check_report(result, resolve_mode(display)))
            return
        assert claims_file is not None
        rows = list(_read_claims(claims_file))
        failed = 0
        # a person at a terminal reads a table; a pipe or a file gets the JSON Lines contract
        table = as_table or (not (as_json or as_claimreview) and sys.stdout.isatty())
        mode = resolve_mode(display)
        verdicts: list[str] = []
        scratch = tb.with_sources(source_docs) if source_docs is not None else tb
        with scratch, showing_steps("checking", "checked", "claims", len(rows)) as step:
            for n, (cid, text, error) in enumerate(rows, start=1):
                if error is None and text is not None:
                    try:
                        result = scratch.check(text, id=cid)
                        verdicts.append(result.verdict)
                        click.echo(claim_row(n, cid, result, mode) if table else _dump(as_dict(result)))
                    except InputError as e:
                        error = str(e)
                if error is not None:
                    failed += 1
                    row = f"{n:>3}. error: {cid}: {error}"
                    click.echo(row if table else _dump({"id": cid, "error": error}))
                step()
        if table:
            click.echo(claims_summary(verdicts, failed))
        if failed:
            fail(f"{failed} claim(s) could not be checked", PARTIAL)


@main.command()
@click.argument("query")
@click.option("-k", "--limit", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="How many sentences.")
@db_option()
@json_option
@display_option
def search(query: str, limit: int, db: str, as_json: bool, display: Mode) -> None:
    """Find the sentences of the store closest to QUERY (lexical + dense, fused).

    \b
    Example:
      tabayyun search "موازنة 2024" --db news.db
    """
    with _open_store(db, must_exist=True) as tb:
        try:
            hits = tb.search(query, k=limit)
        except InputError as e:
            fail(str(e))
    if as_json:
        click.echo(_dump([h.to_dict() for h in hits]))
    else:
        click.echo(search_report(hits, resolve_mode(display)))


@main.command()
@db_option()
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, MAX_ID))
@click.option("--offset", default=0, show_default=True, type=click.IntRange(0, MAX_ID))
@json_option
def documents(db: str, limit: int, offset: int, as_json: bool) -> None:
    """List the stored documents.

    \b
    Example:
      tabayyun documents --db news.db --json
    """
    with _open_store(db, must_exist=True) as tb:
        docs = tb.documents(limit=limit, offset=offset)
    if as_json:
        rows = [{k: v for k, v in d.to_dict().items() if k != "text"} | {"chars": len(d.text)} for d in docs]
        click.echo(_dump(rows))
    else:
        for d in docs:
            click.echo(f"{d.id:>5}  {escape_controls(d.source)}  {escape_controls(d.title)}")


@main.command()
@click.argument("document_id", type=click.IntRange(1, MAX_ID))
@db_option()
def rm(document_id: int, db: str) -> None:
    """Delete a document (and its sentences) from the store.

    \b
    Example:
      tabayyun rm 3 --db news.db
    """
    with _open_store(db, must_exist=True) as tb:
        try:
            tb.delete(document_id)
        except TabayyunError as e:
            fail(str(e), PARTIAL)
    click.echo(f"deleted document {document_id}")


main.add_command(extract_command, "extract")
main.add_command(serve)
main.add_command(eval_command, "eval")
main.add_command(train_command, "train-stance")
main.add_command(claims_command, "claims")

"""Reading source files into documents: plain text, Markdown, HTML, JSONL, CSV.

Each reader yields :class:`RawDocument` records or raises :class:`IngestError`
naming the file (and line). A bad line in a JSONL/CSV file fails only that line:
``read_path`` returns the good documents and the errors side by side.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import IngestError
from .jsonl import json_objects

#: files larger than this are refused (override with ``max_bytes``)
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document read from a file, before it is split and stored."""

    text: str
    title: str
    source: str
    url: str | None = None
    date: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(slots=True)
class ReadResult:
    documents: list[RawDocument] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def content_hash(text: str) -> str:
    """SHA-256 of the text as stored: the same content is stored once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode(data: bytes, path: str) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused.

    A NUL character anywhere in the file (not only in its first 8 KB) marks it as binary: the whole
    file is refused, whatever its format, so no NUL ever reaches a stored sentence from a file.
    """
    if not data.strip():
        raise IngestError("empty file", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise IngestError(f"broken UTF-16 ({e.reason} at byte {e.start})", path) from None
        if "\x00" in text:
            raise IngestError("binary file, not text", path)
        if not text.strip():
            raise IngestError("empty file", path)
        return text
    head = data[:8192]
    if b"\x00" in data or _control_ratio(head) > 0.1:
        raise IngestError("binary file, not text", path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise IngestError(
            f"not UTF-8 (invalid byte at offset {e.start}); convert it first, e.g. iconv -f CP1256 -t UTF-8",
            path,
        ) from None
    if not text.strip():
        raise IngestError("empty file", path)
    return text


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    bad = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(data)


#: the longest title taken from a text's first line
TITLE_CHARS = 120


def title_from_text(text: str, fallback: str | None = None, n: int = TITLE_CHARS) -> str:
    """A title for raw text: its first non-blank line (Markdown ``#`` marks dropped), at most ``n``
    characters.

    ``fallback`` when the text has no such line (default: the stripped text, i.e. ``""`` for blank text).
    """
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:n]
    return text.strip()[:n] if fallback is None else fallback


def read_text(text: str, path: str) -> Iterator[RawDocument]:
    yield RawDocument(text=text, title=title_from_text(text, Path(path).name), source=path)


def read_html(text: str, path: str) -> Iterator[RawDocument]:
    """Main text of an HTML page (boilerplate, scripts and navigation dropped)."""
    import trafilatura

    doc = trafilatura.bare_extraction(text, include_comments=False, include_tables=True, with_metadata=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        body = _html_fallback_text(text)
    if not body.strip():
        raise IngestError("no text found in the HTML", path)
    title = getattr(doc, "title", None) if doc is not None else None
    title = title or title_from_text(body, Path(path).name)
    url = getattr(doc, "url", None) if doc is not None else None
    date = getattr(doc, "date", None) if doc is not None else None
    yield RawDocument(text=body, title=title, source=path, url=url, date=date)


def _html_fallback_text(text: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(text)
    except Exception:
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    lines = [ln.strip() for ln in root.text_content().splitlines()]
    return "\n".join(ln for ln in lines if ln)


def _record(obj: dict[str, object], path: str, line: int) -> RawDocument:
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError('missing or empty "text"', path, line)

    def opt(key: str) -> str | None:
        v = obj.get(key)
        return None if v is None or v == "" else str(v)

    url = opt("url")
    return RawDocument(
        text=text,
        title=opt("title") or title_from_text(text, f"{Path(path).name}:{line}"),
        source=url or f"{path}:{line}",
        url=url,
        date=opt("date"),
    )


def read_jsonl(text: str, path: str, result: ReadResult) -> None:
    for n, obj, error in json_objects(text.splitlines()):
        if obj is None:
            result.errors.append(IngestError(error or "unreadable line", path, n))
            continue
        try:
            result.documents.append(_record(obj, path, n))
        except IngestError as e:
            result.errors.append(e)


def read_csv(text: str, path: str, result: ReadResult) -> None:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or "text" not in reader.fieldnames:
        result.errors.append(IngestError('CSV needs a "text" column', path, 1))
        return
    try:
        for row in reader:
            try:
                result.documents.append(_record(dict(row), path, reader.line_num))
            except IngestError as e:
                result.errors.append(e)
    except csv.Error as e:
        result.errors.append(IngestError(f"broken CSV ({e})", path, reader.line_num))


def read_bytes(data: bytes, path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Documents from one file's bytes; the format is chosen by the file name's suffix."""
    result = ReadResult()
    try:
        if len(data) > max_bytes:
            raise IngestError(f"file too large ({len(data) / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit)",
                              path)
        text = decode(data, path)
        suffix = Path(path).suffix.lower()
        if suffix == ".jsonl" or suffix == ".ndjson":
            read_jsonl(text, path, result)
        elif suffix == ".csv":
            read_csv(text, path, result)
        elif suffix in HTML_SUFFIXES or (
            suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))
        ):
            result.documents.extend(read_html(text, path))
        else:
            result.documents.extend(read_text(text, path))
    except IngestError as e:
        result.errors.append(e)
    return result


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadResult:
    """Documents from a file on disk; never raises for bad content, only collects errors."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            message = f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit)"
            return ReadResult(errors=[IngestError(message, name)])
        data = p.read_bytes()
    except IsADirectoryError:
        return ReadResult(errors=[IngestError("is a directory", name)])
    except FileNotFoundError:
        return ReadResult(errors=[IngestError("no such file", name)])
    except OSError as e:
        return ReadResult(errors=[IngestError(f"cannot read ({e.strerror})", name)])
    return read_bytes(data, name, max_bytes=max_bytes)


def expand_paths(paths: list[str]) -> list[str]:
    """Files named, with directories expanded to the readable files inside them (sorted)."""
    out: list[str] = []
    for p in paths:
        pp = Path(p)
        if pp.is_dir():
            out.extend(
                str(f) for f in sorted(pp.rglob("*")) if f.is_file() and not f.name.startswith(".")
            )
        else:
            out.append(p)
    return out

"""``POST /api/documents``: documents from a multipart upload, a raw typed body, or JSON."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import Request
from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import UploadFile

from ..ingest import RawDocument, ReadResult, read_bytes, title_from_text
from .errors import ApiError, validation_message
from .schemas import DocumentIn

#: content type of a raw body -> the file suffix that picks its reader
UPLOAD_TYPES = {
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/x-ndjson": ".jsonl",
    "application/jsonl": ".jsonl",
    "application/x-jsonlines": ".jsonl",
    "text/csv": ".csv",
}

#: the request bodies ``POST /api/documents`` takes, for its OpenAPI entry
UPLOAD_CONTENT: dict[str, Any] = {
    "multipart/form-data": {
        "schema": {
            "type": "object",
            "properties": {
                "file": {"type": "array", "minItems": 1, "items": {"type": "string", "format": "binary"}}
            },
            "required": ["file"],
        },
        "encoding": {"file": {"contentType": ", ".join(sorted(set(UPLOAD_TYPES)))}},
    },
    "application/json": {"schema": DocumentIn.model_json_schema()},
    **{t: {"schema": {"type": "string", "format": "binary"}} for t in UPLOAD_TYPES},
}

OffLoop = Callable[..., Awaitable[Any]]


async def read_upload(request: Request, name: str | None, off_loop: OffLoop) -> ReadResult:
    """Documents from a multipart upload, a raw typed body, or JSON (one object or a list)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        return await _read_form(request, off_loop)
    if ctype == "application/json":
        return _read_json(await request.body())
    if ctype in UPLOAD_TYPES or (ctype == "" and name):
        filename = name or f"upload{UPLOAD_TYPES[ctype]}"
        if ctype and not Path(filename).suffix:
            filename += UPLOAD_TYPES[ctype]
        data = await request.body()
        result: ReadResult = await off_loop(read_bytes, data, filename)
        return result
    raise ApiError(
        415,
        f"unsupported content type {ctype or '(none)'}; send multipart/form-data, application/json, "
        + ", ".join(sorted(UPLOAD_TYPES)),
    )


async def _read_form(request: Request, off_loop: OffLoop) -> ReadResult:
    form = await request.form(max_files=50, max_fields=50)
    result = ReadResult()
    for _, value in form.multi_items():
        if isinstance(value, UploadFile):
            data = await value.read()
            part: ReadResult = await off_loop(read_bytes, data, value.filename or "upload.txt")
            result.documents.extend(part.documents)
            result.errors.extend(part.errors)
    await form.close()
    if not result.documents and not result.errors:
        raise ApiError(400, 'no file in the form; send it as the "file" field')
    return result


def _read_json(body: bytes) -> ReadResult:
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(422, "the request body is not valid JSON") from None
    try:
        docs: DocumentIn | list[DocumentIn] = TypeAdapter(DocumentIn | list[DocumentIn]).validate_python(
            payload
        )
    except ValidationError as e:
        message, details = validation_message(e.errors())
        raise ApiError(422, message, details=details) from None
    items = docs if isinstance(docs, list) else [docs]
    return ReadResult(documents=[
        RawDocument(
            text=d.text, title=d.title or title_from_text(d.text), source=d.source or d.url or "api",
            url=d.url, date=d.date,
        )
        for d in items
    ])  # fmt: skip


def error_rows(read: ReadResult) -> list[dict[str, Any]]:
    return [{"path": e.path, "line": e.line, "error": e.reason} for e in read.errors]


def first_error(read: ReadResult) -> str:
    return str(read.errors[0]) if read.errors else "no documents in the upload"

"""The HTTP API and the web page, over one :class:`~tabayyun.core.Tabayyun`.

    >>> app = create_app(db="news.db")          # then: uvicorn.run(app)

Thin by design: each endpoint parses, calls the library in a worker thread (with a
timeout, so one slow check neither blocks the event loop nor holds a client forever),
and returns the library's own result shapes. Every failure answers in one shape,
``{"ok": false, "error": "...", "status": N}`` (see :mod:`tabayyun.server.errors`).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import TypeAdapter, ValidationError
from starlette.datastructures import UploadFile

from ..cancel import CancelToken
from ..claimreview import claim_review
from ..core import Tabayyun
from ..errors import InputError, TabayyunError
from ..ingest import RawDocument, ReadResult, read_bytes
from ..results import CheckResult, Document, Evidence
from .context import SourceText, evidence_context
from .errors import ApiError, install_error_handlers, validation_message
from .limits import MAX_JSON_BYTES, MAX_UPLOAD_BYTES, TIMEOUT_S, WORKERS
from .middleware import GuardMiddleware, JsonOnlyMiddleware
from .schemas import (
    MAX_ID,
    MAX_TOTAL_SOURCE_CHARS,
    QUERY_PATTERN,
    CheckIn,
    ClaimReviewIn,
    DocumentIn,
    ErrorOut,
    SearchOut,
)

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

T = TypeVar("T")

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


def _version() -> str:
    try:
        return version("tabayyun")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
        return "0+unknown"


@dataclass(frozen=True, slots=True)
class Settings:
    token: str | None = None
    timeout_s: float = TIMEOUT_S
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_json_bytes: int = MAX_JSON_BYTES
    workers: int = WORKERS


def _ok(model: Any) -> dict[int | str, dict[str, Any]]:
    return {200: {"model": model}}


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for these error statuses (and 500, which any endpoint may answer)."""
    return {s: {"model": ErrorOut} for s in (*statuses, 500)}


def document_summary(d: Document) -> dict[str, Any]:
    """A document without its text (plus its length), as ``tabayyun documents --json`` lists it."""
    return {k: v for k, v in d.to_dict().items() if k != "text"} | {"chars": len(d.text)}


def create_app(
    tb: Tabayyun | None = None,
    *,
    db: str | Path = ":memory:",
    token: str | None = None,
    timeout_s: float = TIMEOUT_S,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    max_json_bytes: int = MAX_JSON_BYTES,
    workers: int = WORKERS,
    warm: bool = False,
) -> FastAPI:
    """The ASGI app. Uses ``tb`` when given (the caller closes it), else opens ``db``.

    ``token``: when set, the endpoints that write (add, delete) need
    ``Authorization: Bearer TOKEN`` (or ``X-API-Token: TOKEN``).
    ``warm``: load the models at start-up instead of on the first check.
    """
    owned = tb is None
    tabayyun = tb if tb is not None else Tabayyun(db)
    settings = Settings(token or None, timeout_s, max_upload_bytes, max_json_bytes, workers)
    state: dict[str, anyio.CapacityLimiter] = {}

    def warm_up() -> None:
        tabayyun.embedder.embed(["warm up"])
        _ = tabayyun.stance_model

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            await anyio.to_thread.run_sync(warm_up)
        try:
            yield
        finally:
            if owned:
                tabayyun.close()

    app = FastAPI(
        title="tabayyun",
        version=_version(),
        summary="Check Arabic and English claims against your own sources.",
        description=(
            "Every failure answers `{\"ok\": false, \"error\": \"...\", \"status\": N}` with that HTTP status. "
            "When the server runs with `TABAYYUN_API_TOKEN`, the endpoints that write need "
            "`Authorization: Bearer TOKEN`. Limits: one check reads at most "
            f"{MAX_TOTAL_SOURCE_CHARS} characters of pasted sources and picked documents together (413 above); "
            f"request bodies at most {settings.max_json_bytes} bytes, uploads {settings.max_upload_bytes} "
            f"(413 above); a request past {settings.timeout_s:g} s answers 504 and its work is cancelled."
        ),
        docs_url=None,  # Swagger UI would load from a CDN; the schema is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.tabayyun = tabayyun
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(JsonOnlyMiddleware, paths=frozenset({"/api/check", "/api/claimreview"}))
    app.add_middleware(
        GuardMiddleware,
        limit_for=lambda path: settings.max_upload_bytes if path == "/api/documents" else settings.max_json_bytes,
    )

    async def off_loop(fn: Callable[..., T], *args: Any, cancellable: bool = False) -> T:
        """Run library work in a worker thread, bounded in number and in time (504 after the timeout).

        A thread cannot be killed: with ``cancellable``, ``fn`` gets a :class:`CancelToken` as its last
        argument (to pass on to the library), set when the request ends, so work past the timeout
        stops at its next checkpoint instead of running on unseen.
        """
        if "limiter" not in state:
            state["limiter"] = anyio.CapacityLimiter(settings.workers)
        cancel = CancelToken()
        call_args = (*args, cancel) if cancellable else args
        try:
            with anyio.fail_after(settings.timeout_s):
                return await anyio.to_thread.run_sync(fn, *call_args, abandon_on_cancel=True, limiter=state["limiter"])
        finally:
            cancel.cancel()  # harmless when the work is done; stops it when it is not

    bearer = HTTPBearer(auto_error=False, description="Needed by write endpoints when TABAYYUN_API_TOKEN is set.")

    async def require_token(
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Depends(bearer),  # noqa: B008 (FastAPI's idiom)
    ) -> None:
        if settings.token is None:
            return
        given = credentials.credentials if credentials is not None else request.headers.get("x-api-token")
        if not given or not hmac.compare_digest(given.encode("utf-8"), settings.token.encode("utf-8")):
            raise ApiError(
                401, "this endpoint needs the API token (Authorization: Bearer TOKEN)" if not given
                else "wrong API token", headers={"WWW-Authenticate": "Bearer"},
            )  # fmt: skip

    # the write endpoints declare (and check) the token only when the server has one, so the schema says the truth
    writers = [Depends(require_token)] if settings.token is not None else []
    auth = (401,) if settings.token is not None else ()

    def add_all(docs: list[RawDocument], cancel: CancelToken) -> tuple[list[int], list[int]]:
        return tabayyun.add_documents(docs, cancel=cancel)

    # -- checking -----------------------------------------------------------------------

    def run_check(req: CheckIn, cancel: CancelToken) -> dict[str, Any]:
        result, context = _check(tabayyun, req, cancel)
        out = result.to_dict()
        if req.context:
            out["context"] = context()
        return out

    @app.post(
        "/api/check", tags=["check"], responses=_ok(CheckResult) | _errors(400, 404, 413, 415, 422, 504),
        summary="Check a claim: verdict, confidence, evidence with offsets, comparisons",
    )  # fmt: skip
    async def check(req: CheckIn) -> JSONResponse:
        return JSONResponse(await off_loop(run_check, req, cancellable=True))

    @app.post(
        "/api/claimreview", tags=["check"], responses=_CLAIMREVIEW | _errors(400, 404, 413, 415, 422, 504),
        summary="Check a claim and export it as schema.org ClaimReview JSON-LD",
    )  # fmt: skip
    async def claimreview(req: ClaimReviewIn) -> JSONResponse:
        result, _ = await off_loop(_check, tabayyun, req, cancellable=True)
        body = claim_review(
            result, url=req.url, author=req.author, appearance=req.appearance,
            date_published=req.date_published, reviewer=req.reviewer,
        )  # fmt: skip
        return JSONResponse(body, media_type="application/ld+json")

    @app.get(
        "/api/search", tags=["check"], responses=_ok(SearchOut) | _errors(400, 422, 504),
        summary="The stored sentences closest to a query (lexical + dense, fused)",
    )  # fmt: skip
    async def search(
        q: str = Query(min_length=1, max_length=2000, pattern=QUERY_PATTERN, description="The query (a letter or digit)."),
        k: int = Query(10, ge=1, le=100, description="How many sentences."),
    ) -> JSONResponse:
        hits = await off_loop(tabayyun.search, q, k)
        return JSONResponse({"query": q, "hits": [h.to_dict() for h in hits]})

    # -- documents ------------------------------------------------------------------------

    @app.get("/api/documents", tags=["documents"], responses=_errors(422), summary="List stored documents (no text)")
    async def list_documents(
        limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=MAX_ID)
    ) -> JSONResponse:
        docs = tabayyun.documents(limit=limit, offset=offset)
        total = tabayyun.store.count_documents()
        return JSONResponse(
            {"documents": [document_summary(d) for d in docs], "total": total, "limit": limit, "offset": offset}
        )

    @app.get(
        "/api/documents/{document_id}", tags=["documents"], responses=_ok(Document) | _errors(404, 422),
        summary="One stored document, with its original text",
    )  # fmt: skip
    async def get_document(document_id: int = _DOCUMENT_ID) -> JSONResponse:
        return JSONResponse(tabayyun.document(document_id).to_dict())

    @app.delete(
        "/api/documents/{document_id}", tags=["documents"], dependencies=writers,
        responses=_errors(*auth, 403, 404, 422), summary="Delete a stored document",
    )  # fmt: skip
    async def delete_document(document_id: int = _DOCUMENT_ID) -> JSONResponse:
        await off_loop(tabayyun.delete, document_id)
        return JSONResponse({"deleted": document_id})

    @app.post(
        "/api/documents", tags=["documents"], status_code=201, dependencies=writers,
        responses=_NOTHING_NEW | _errors(400, *auth, 403, 413, 415, 422, 504),
        summary="Add documents: a file upload (text, Markdown, HTML, JSONL, CSV), a raw body, or JSON",
        openapi_extra={"requestBody": {"required": True, "content": _UPLOAD_CONTENT}},
    )  # fmt: skip
    async def add_documents(
        request: Request,
        name: str | None = Query(
            None, max_length=300, description="File name of a raw body; its suffix picks the format."
        ),
    ) -> JSONResponse:
        read = await _read_upload(request, name, off_loop)
        if not read.documents:
            raise ApiError(400, _first_error(read), details=_error_rows(read))
        added, unchanged = await off_loop(add_all, read.documents, cancellable=True)
        docs = [tabayyun.document(i) for i in dict.fromkeys(added + unchanged)]
        body = {
            "added": added, "unchanged": unchanged, "errors": _error_rows(read),
            "documents": [document_summary(d) for d in docs], "total": tabayyun.store.count_documents(),
        }  # fmt: skip
        return JSONResponse(body, status_code=201 if added else 200)

    # -- the page -----------------------------------------------------------------------------

    @app.get("/api/health", tags=["meta"], responses=_errors(), summary="Liveness and store size")
    async def health() -> dict[str, Any]:
        return {"ok": True, "version": _version(), "documents": tabayyun.store.count_documents()}

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    return app


# -- helpers (module level so they are testable and the factory stays short) ---------------------


def _first_line(text: str, n: int = 80) -> str:
    for line in text.splitlines():
        if line.strip().lstrip("#").strip():
            return line.strip().lstrip("#").strip()[:n]
    return text.strip()[:n]


Context = Callable[[], list[dict[str, Any] | None]]


def _check(tb: Tabayyun, req: CheckIn, cancel: CancelToken | None = None) -> tuple[CheckResult, Context]:
    """Run the check the request asks for; return the result and how to get its evidence context."""
    if req.sources is None and req.documents is None:
        result = tb.check(req.claim, id=req.id, cancel=cancel)
        return result, lambda: evidence_context(result, _store_lookup(tb))

    # pasted sources and picked documents go into a scratch store under unique names
    named: dict[str, SourceText] = {}
    original: dict[str, tuple[str, int | None]] = {}  # scratch name -> (shown source, stored id)
    raws: list[RawDocument] = []
    for i, text in enumerate(req.sources or []):
        if not text.strip():
            continue
        name = f"source {i + 1}"
        raws.append(RawDocument(text=text, title=_first_line(text), source=name))
        named[name] = SourceText(text, _first_line(text))
        original[name] = (name, None)  # not stored: no document id
    for doc_id in dict.fromkeys(req.documents or []):
        d = tb.document(doc_id)  # NotFound -> 404
        name = f"document {d.id}"
        raws.append(RawDocument(text=d.text, title=d.title, source=name, url=d.url, date=d.date))
        named[name] = SourceText(d.text, d.title, d.id, d.url)
        original[name] = (d.source, d.id)
    total = sum(len(r.text) for r in raws)
    if total > MAX_TOTAL_SOURCE_CHARS:
        raise ApiError(
            413, f"the sources are too long ({total} characters > {MAX_TOTAL_SOURCE_CHARS} for one check); "
            "add them to the store and check against it instead",
        )  # fmt: skip
    if not raws:
        raise InputError("the sources are empty")
    scratch = tb.check(req.claim, sources=raws, id=req.id, cancel=cancel)

    def back(name: str) -> tuple[str, int | None]:
        return original.get(name, (name, None))

    result = replace(
        scratch,
        evidence=tuple(replace(e, source=back(e.source)[0], document_id=back(e.source)[1]) for e in scratch.evidence),
        checks=tuple(replace(c, source=None if c.source is None else back(c.source)[0]) for c in scratch.checks),
    )

    def context() -> list[dict[str, Any] | None]:
        # computed on the unique scratch names (so comparisons attach to the right source), then mapped back
        ctx = evidence_context(scratch, lambda ev: named.get(ev.source))
        for c in ctx:
            if c is not None:
                c["source"], c["document_id"] = back(c["source"])
        return ctx

    return result, context


def _store_lookup(tb: Tabayyun) -> Callable[[Evidence], SourceText | None]:
    cache: dict[int, SourceText | None] = {}

    def lookup(ev: Evidence) -> SourceText | None:
        if ev.document_id is None:
            return None
        if ev.document_id not in cache:
            try:
                d = tb.document(ev.document_id)
                cache[ev.document_id] = SourceText(d.text, d.title, d.id, d.url)
            except TabayyunError:  # deleted meanwhile: no context for it
                cache[ev.document_id] = None
        return cache[ev.document_id]

    return lookup


_NOTHING_NEW: dict[int | str, dict[str, Any]] = {200: {"description": "Nothing new: every document was already stored"}}
_CLAIMREVIEW: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "schema.org ClaimReview JSON-LD",
        "content": {"application/ld+json": {"schema": {"type": "object", "additionalProperties": True}}},
    }
}
_DOCUMENT_ID = PathParam(ge=1, le=MAX_ID, description="A stored document's id.")

_UPLOAD_CONTENT: dict[str, Any] = {
    "multipart/form-data": {
        "schema": {
            "type": "object",
            "properties": {"file": {"type": "array", "minItems": 1, "items": {"type": "string", "format": "binary"}}},
            "required": ["file"],
        },
        "encoding": {"file": {"contentType": ", ".join(sorted(set(UPLOAD_TYPES)))}},
    },
    "application/json": {"schema": DocumentIn.model_json_schema()},
    **{t: {"schema": {"type": "string", "format": "binary"}} for t in UPLOAD_TYPES},
}


async def _read_upload(request: Request, name: str | None, off_loop: Callable[..., Any]) -> ReadResult:
    """Documents from a multipart upload, a raw typed body, or JSON (one object or a list)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
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
    if ctype == "application/json":
        try:
            payload = json.loads(await request.body())
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise ApiError(422, "the request body is not valid JSON") from None
        try:
            docs: DocumentIn | list[DocumentIn] = TypeAdapter(DocumentIn | list[DocumentIn]).validate_python(payload)
        except ValidationError as e:
            message, details = validation_message(e.errors())
            raise ApiError(422, message, details=details) from None
        items = docs if isinstance(docs, list) else [docs]
        return ReadResult(documents=[
            RawDocument(
                text=d.text, title=d.title or _first_line(d.text, 120), source=d.source or d.url or "api",
                url=d.url, date=d.date,
            )
            for d in items
        ])  # fmt: skip
    if ctype in UPLOAD_TYPES or (ctype == "" and name):
        filename = name or f"upload{UPLOAD_TYPES[ctype]}"
        if ctype and not Path(filename).suffix:
            filename += UPLOAD_TYPES[ctype]
        data = await request.body()
        result = await off_loop(read_bytes, data, filename)
        assert isinstance(result, ReadResult)
        return result
    raise ApiError(
        415,
        f"unsupported content type {ctype or '(none)'}; send multipart/form-data, application/json, "
        + ", ".join(sorted(UPLOAD_TYPES)),
    )


def _error_rows(read: ReadResult) -> list[dict[str, Any]]:
    return [{"path": e.path, "line": e.line, "error": e.reason} for e in read.errors]


def _first_error(read: ReadResult) -> str:
    return str(read.errors[0]) if read.errors else "no documents in the upload"

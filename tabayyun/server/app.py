"""The HTTP API and the web page, over one :class:`~tabayyun.core.Tabayyun`.

    >>> app = create_app(db="news.db")          # then: uvicorn.run(app)

Thin by design: the handlers (:mod:`tabayyun.server.routes`) parse, call the library in a
worker thread (with a timeout, so one slow check neither blocks the event loop nor holds a
client forever), and return the library's own result shapes. Every failure answers in one
shape, ``{"ok": false, "error": "...", "status": N}`` (see :mod:`tabayyun.server.errors`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from ..core import Tabayyun
from ..results import CheckResult, Document
from . import routes
from .claims_schemas import ClaimsOut
from .errors import install_error_handlers
from .limits import Settings
from .middleware import GuardMiddleware, JsonOnlyMiddleware
from .routes import WEB_DIR, AppState, package_version
from .schemas import MAX_TOTAL_SOURCE_CHARS, ErrorOut, SearchOut
from .uploads import UPLOAD_CONTENT

Responses = dict[int | str, dict[str, Any]]


def _ok(model: Any) -> Responses:
    return {200: {"model": model}}


def _errors(*statuses: int) -> Responses:
    """OpenAPI entries for these error statuses (and 500, which any endpoint may answer)."""
    return {s: {"model": ErrorOut} for s in (*statuses, 500)}


_NOTHING_NEW: Responses = {200: {"description": "Nothing new: every document was already stored"}}
_CLAIMREVIEW: Responses = {
    200: {
        "description": "schema.org ClaimReview JSON-LD",
        "content": {"application/ld+json": {"schema": {"type": "object", "additionalProperties": True}}},
    }
}


def create_app(
    tb: Tabayyun | None = None,
    *,
    db: str | Path = ":memory:",
    settings: Settings | None = None,
    warm: bool = False,
    **overrides: Any,
) -> FastAPI:
    """The ASGI app. Uses ``tb`` when given (the caller closes it), else opens ``db``.

    ``settings`` (default :data:`~tabayyun.server.limits.DEFAULTS`), with any of its fields
    overridden by keyword (``timeout_s=5``). ``token``: when set, the endpoints that write (add,
    delete) need ``Authorization: Bearer TOKEN`` (or ``X-API-Token: TOKEN``).
    ``warm``: load the models at start-up instead of on the first check.
    """
    settings = replace(settings or Settings(), **overrides)
    settings = replace(settings, token=settings.token or None)
    state = AppState(tb if tb is not None else Tabayyun(db), settings)
    app = FastAPI(
        title="tabayyun", version=package_version(), description=_description(settings),
        summary="Check Arabic and English claims against your own sources.",
        docs_url=None, redoc_url=None,  # Swagger UI would load from a CDN; the schema is at /openapi.json
        lifespan=_lifespan(state, owned=tb is None, warm=warm),
    )  # fmt: skip
    app.state.tabayyun_state = state
    app.state.tabayyun = state.tabayyun
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(JsonOnlyMiddleware, paths=frozenset({"/api/check", "/api/claimreview", "/api/claims"}))
    app.add_middleware(
        GuardMiddleware,
        limit_for=lambda path: (
            settings.max_upload_bytes if path == "/api/documents" else settings.max_json_bytes
        ),
    )
    _add_routes(app, settings)
    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    return app


def _description(settings: Settings) -> str:
    return (
        'Every failure answers `{"ok": false, "error": "...", "status": N}` with that HTTP status. '
        "When the server runs with `TABAYYUN_API_TOKEN`, the endpoints that write need "
        "`Authorization: Bearer TOKEN`. Limits: one check reads at most "
        f"{MAX_TOTAL_SOURCE_CHARS} characters of pasted sources and picked documents together (413 above); "
        f"request bodies at most {settings.max_json_bytes} bytes, uploads {settings.max_upload_bytes} "
        f"(413 above); a request past {settings.timeout_s:g} s answers 504 and its work is cancelled."
    )


def _lifespan(state: AppState, *, owned: bool, warm: bool) -> Callable[[FastAPI], Any]:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            await anyio.to_thread.run_sync(state.tabayyun.warm_up)
        try:
            yield
        finally:
            if owned:
                state.tabayyun.close()

    return lifespan


def _add_routes(app: FastAPI, settings: Settings) -> None:
    """The route table. The write endpoints declare (and check) the token only when the server has one,
    so the schema says the truth."""
    writers = [Depends(routes.require_token)] if settings.token is not None else []
    auth = (401,) if settings.token is not None else ()
    checks = (400, 404, 413, 415, 422, 504)
    add = app.add_api_route
    add(
        "/api/check",
        routes.check,
        methods=["POST"],
        tags=["check"],
        responses=_ok(CheckResult) | _errors(*checks),
        summary="Check a claim: verdict, confidence, evidence with offsets, comparisons",
    )
    add(
        "/api/claimreview",
        routes.claimreview,
        methods=["POST"],
        tags=["check"],
        responses=_CLAIMREVIEW | _errors(*checks),
        summary="Check a claim and export it as schema.org ClaimReview JSON-LD",
    )
    add(
        "/api/search",
        routes.search,
        methods=["GET"],
        tags=["check"],
        responses=_ok(SearchOut) | _errors(400, 422, 504),
        summary="The stored sentences closest to a query (lexical + dense, fused)",
    )
    add(
        "/api/documents",
        routes.list_documents,
        methods=["GET"],
        tags=["documents"],
        responses=_errors(422),
        summary="List stored documents (no text)",
    )
    add(
        "/api/documents/{document_id}",
        routes.get_document,
        methods=["GET"],
        tags=["documents"],
        responses=_ok(Document) | _errors(404, 422),
        summary="One stored document, with its original text",
    )
    add(
        "/api/documents/{document_id}",
        routes.delete_document,
        methods=["DELETE"],
        tags=["documents"],
        dependencies=writers,
        responses=_errors(*auth, 403, 404, 422),
        summary="Delete a stored document",
    )
    add(
        "/api/documents",
        routes.add_documents,
        methods=["POST"],
        tags=["documents"],
        status_code=201,
        dependencies=writers,
        responses=_NOTHING_NEW | _errors(400, *auth, 403, 413, 415, 422, 504),
        summary="Add documents: a file upload (text, Markdown, HTML, JSONL, CSV), a raw body, or JSON",
        openapi_extra={"requestBody": {"required": True, "content": UPLOAD_CONTENT}},
    )
    add(
        "/api/health",
        routes.health,
        methods=["GET"],
        tags=["meta"],
        responses=_errors(),
        summary="Liveness and store size",
    )
    add(
        "/api/claims",
        routes.claims,
        methods=["POST"],
        tags=["check"],
        responses=_ok(ClaimsOut) | _errors(413, 415, 422, 504),
        summary="What is worth checking: a text's sentences (or short texts) ranked by check-worthiness",
    )
    add("/", routes.index, methods=["GET"], include_in_schema=False)
    add("/claims", routes.claims_page, methods=["GET"], include_in_schema=False)

"""The endpoints, as module-level handlers over one :class:`AppState` (FastAPI ``Depends``).

Each handler parses, calls the public :class:`~tabayyun.core.Tabayyun` API in a worker thread
(:meth:`AppState.off_loop`: bounded in number and in time, cancelled past the timeout), and
returns the library's own result shapes. ``create_app`` (:mod:`tabayyun.server.app`) lists
them with their paths and OpenAPI entries.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..cancel import CancelToken
from ..claimreview import claim_review
from ..claims.worth import rank_text, score_texts, threshold
from ..core import Tabayyun
from ..ingest import ReadResult
from ..results import Document
from .checking import check_request, check_with_context
from .claims_schemas import ClaimsIn, ClaimsTextIn
from .errors import ApiError
from .limits import Settings
from .schemas import MAX_ID, QUERY_PATTERN, CheckIn, ClaimReviewIn
from .uploads import error_rows, first_error, read_upload

WEB_DIR = Path(__file__).resolve().parent.parent / "web"

T = TypeVar("T")


def package_version() -> str:
    try:
        return version("tabayyun")
    except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
        return "0+unknown"


@dataclass
class AppState:
    """What the handlers share: the checker, the settings, and the limiter of worker threads."""

    tabayyun: Tabayyun
    settings: Settings
    _limiter: anyio.CapacityLimiter | None = field(default=None, repr=False)

    async def off_loop(self, fn: Callable[..., T], *args: Any, cancellable: bool = False) -> T:
        """Run library work in a worker thread, bounded in number and in time (504 after the timeout).

        A thread cannot be killed: with ``cancellable``, ``fn`` gets a :class:`CancelToken` as its last
        argument (to pass on to the library), set when the request ends, so work past the timeout
        stops at its next checkpoint instead of running on unseen.
        """
        if self._limiter is None:  # made on the event loop, at the first request
            self._limiter = anyio.CapacityLimiter(self.settings.workers)
        return await self._run(fn, args, self._limiter, cancellable)

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """A store read in a worker thread of anyio's shared pool: off the event loop, within the timeout,
        and never queued behind the checks that fill :meth:`off_loop`'s limit."""
        return await self._run(fn, args, None, False)

    async def _run(
        self,
        fn: Callable[..., T],
        args: tuple[Any, ...],
        limiter: anyio.CapacityLimiter | None,
        cancellable: bool,
    ) -> T:
        cancel = CancelToken()
        call_args = (*args, cancel) if cancellable else args
        try:
            with anyio.fail_after(self.settings.timeout_s):
                return await anyio.to_thread.run_sync(fn, *call_args, abandon_on_cancel=True, limiter=limiter)
        finally:
            cancel.cancel()  # harmless when the work is done; stops it when it is not


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.tabayyun_state
    return state


State = Annotated[AppState, Depends(app_state)]
bearer = HTTPBearer(auto_error=False, description="Needed by write endpoints when TABAYYUN_API_TOKEN is set.")


async def require_token(
    request: Request,
    state: State,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """401 unless the request carries the server's token (``Authorization: Bearer`` or ``X-API-Token``)."""
    token = state.settings.token
    if token is None:
        return
    given = credentials.credentials if credentials is not None else request.headers.get("x-api-token")
    if not given or not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise ApiError(
            401, "this endpoint needs the API token (Authorization: Bearer TOKEN)" if not given
            else "wrong API token", headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip


def document_summary(d: Document) -> dict[str, Any]:
    """A document without its text (plus its length), as ``tabayyun documents --json`` lists it."""
    return {k: v for k, v in d.to_dict().items() if k != "text"} | {"chars": len(d.text)}


DocumentIdParam = Annotated[int, PathParam(ge=1, le=MAX_ID, description="A stored document's id.")]

# -- checking ---------------------------------------------------------------------------------------


async def check(req: CheckIn, state: State) -> JSONResponse:
    return JSONResponse(await state.off_loop(check_with_context, state.tabayyun, req, cancellable=True))


async def claimreview(req: ClaimReviewIn, state: State) -> JSONResponse:
    result = await state.off_loop(check_request, state.tabayyun, req, cancellable=True)
    body = claim_review(
        result, url=req.url, author=req.author, appearance=req.appearance,
        date_published=req.date_published, reviewer=req.reviewer,
    )  # fmt: skip
    return JSONResponse(body, media_type="application/ld+json")


async def search(
    state: State,
    q: Annotated[
        str,
        Query(
            min_length=1, max_length=2000, pattern=QUERY_PATTERN, description="The query (a letter or digit)."
        ),
    ],
    k: Annotated[int, Query(ge=1, le=100, description="How many sentences.")] = 10,
) -> JSONResponse:
    hits = await state.off_loop(state.tabayyun.search, q, k)
    return JSONResponse({"query": q, "hits": [h.to_dict() for h in hits]})


# -- what is worth checking ----------------------------------------------------------------------------


def _claims(tb: Tabayyun, req: ClaimsIn) -> dict[str, Any]:
    embedder = tb.embedder if req.model == "e5" else None
    body: dict[str, Any] = {"model": req.model, "threshold": threshold(embedder)}
    if isinstance(req, ClaimsTextIn):
        return body | {"sentences": [w.to_dict() for w in rank_text(req.text, embedder)]}
    ranked = sorted(score_texts(req.texts, embedder), key=lambda w: (-w.score, w.index))
    return body | {"texts": [w.to_dict() for w in ranked]}


async def claims(req: ClaimsIn, state: State) -> JSONResponse:
    return JSONResponse(await state.off_loop(_claims, state.tabayyun, req))


# -- documents ----------------------------------------------------------------------------------------


def _listing(tb: Tabayyun, limit: int, offset: int) -> dict[str, Any]:
    docs = tb.documents(limit=limit, offset=offset)
    return {"documents": [document_summary(d) for d in docs], "total": tb.count_documents(), "limit": limit,
            "offset": offset}  # fmt: skip


async def list_documents(
    state: State,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> JSONResponse:
    return JSONResponse(await state.read(_listing, state.tabayyun, limit, offset))


async def get_document(document_id: DocumentIdParam, state: State) -> JSONResponse:
    doc = await state.read(state.tabayyun.document, document_id)
    return JSONResponse(doc.to_dict())


async def delete_document(document_id: DocumentIdParam, state: State) -> JSONResponse:
    await state.off_loop(state.tabayyun.delete, document_id)
    return JSONResponse({"deleted": document_id})


def _add(tb: Tabayyun, read: ReadResult, cancel: CancelToken) -> dict[str, Any]:
    added, unchanged = tb.add_documents(read.documents, cancel=cancel)
    stored = [tb.document(i) for i in dict.fromkeys(added + unchanged)]
    return {
        "added": added, "unchanged": unchanged, "errors": error_rows(read),
        "documents": [document_summary(d) for d in stored], "total": tb.count_documents(),
    }  # fmt: skip


async def add_documents(
    request: Request,
    state: State,
    name: Annotated[
        str | None, Query(max_length=300, description="File name of a raw body; its suffix picks the format.")
    ] = None,
) -> JSONResponse:
    read = await read_upload(request, name, state.off_loop)
    if not read.documents:
        raise ApiError(400, first_error(read), details=error_rows(read))
    body = await state.off_loop(_add, state.tabayyun, read, cancellable=True)
    return JSONResponse(body, status_code=201 if body["added"] else 200)


# -- the page -----------------------------------------------------------------------------------------


async def health(state: State) -> dict[str, Any]:
    count = await state.read(state.tabayyun.count_documents)
    return {"ok": True, "version": package_version(), "documents": count}


async def index() -> FileResponse:
    return FileResponse(WEB_DIR / "index.html", media_type="text/html; charset=utf-8")


async def claims_page() -> FileResponse:
    return FileResponse(WEB_DIR / "claims.html", media_type="text/html; charset=utf-8")

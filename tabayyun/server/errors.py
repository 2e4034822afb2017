"""One error shape for every failure: ``{"ok": false, "error": "...", "status": N}``.

Library exceptions map to HTTP statuses here (see :mod:`tabayyun.errors`):
InputError → 400, ReadOnlyStore → 403, NotFound → 404, ModelError → 503, Cancelled → 504,
other StoreError → 500.
A body that is not UTF-8 JSON is a 422 like any other invalid body, and a 405 names the
methods the path allows in ``Allow``.
Anything unexpected is a 500 whose body says only "internal server error"; the
traceback goes to the server log, never to the client.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ..cancel import Cancelled
from ..errors import InputError, ModelError, NotFound, ReadOnlyStore, TabayyunError
from .schemas import NON_BLANK_PATTERN, WORDS_PATTERN

log = logging.getLogger("tabayyun.server")

STATUS_TEXT = {
    400: "bad request",
    401: "unauthorized",
    404: "not found",
    405: "method not allowed",
    413: "request body too large",
    422: "invalid request",
    500: "internal server error",
    503: "service unavailable",
    504: "the request took too long",
}


class ApiError(StarletteHTTPException):
    """An HTTP error with a message for the client (and optional structured ``details``)."""

    def __init__(
        self, status: int, message: str, *, details: Sequence[Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        super().__init__(status, message, headers=headers)
        self.details = list(details) if details is not None else None


class BodyTooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large (limit {limit} bytes)")


def error_body(status: int, message: str, details: Sequence[Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error": message, "status": status}
    if details:
        body["details"] = list(details)
    return body


def error_response(
    status: int, message: str, details: Sequence[Any] | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(status, message, details), status_code=status, headers=headers)


def status_for(exc: TabayyunError) -> int:
    if isinstance(exc, InputError):
        return 400
    if isinstance(exc, ReadOnlyStore):
        return 403
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, ModelError):
        return 503
    if isinstance(exc, Cancelled):
        return 504
    return 500


def _location(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)] or ["body"]
    return ".".join(parts)


#: the schema's long character classes, said in words
PATTERN_WORDS = {WORDS_PATTERN: "needs a letter or a digit", NON_BLANK_PATTERN: "is blank"}


def _readable(error: Any) -> str:
    if error.get("type") == "string_pattern_mismatch":
        said = PATTERN_WORDS.get(str((error.get("ctx") or {}).get("pattern", "")))
        if said:
            return said
    return str(error.get("msg", "invalid"))


def validation_message(errors: Sequence[Any]) -> tuple[str, list[dict[str, Any]]]:
    """A one-line message and per-field details from pydantic/FastAPI validation errors."""
    details: list[dict[str, Any]] = []
    for e in errors:
        if e.get("type") == "json_invalid":
            return "the request body is not valid JSON", [{"field": "body", "error": str(e.get("msg", ""))}]
        details.append({"field": _location(e.get("loc", ())), "error": _readable(e)})
    if not details:
        return "invalid request", []
    first = details[0]
    more = f" (and {len(details) - 1} more)" if len(details) > 1 else ""
    return f"{first['field']}: {first['error']}{more}", details


#: what FastAPI says (as a 400) when it cannot decode a JSON body
FASTAPI_BODY_ERROR = "There was an error parsing the body"


def allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """Every method some route serves on this request's path (Starlette's own 405 names only the first
    route's)."""
    methods: set[str] = set()
    for route in app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
            if match == Match.FULL and not getattr(route, "methods", None):
                methods.add("GET")
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) else STATUS_TEXT.get(status, "error")
        if status == 404 and message == "Not Found":
            message = f"no such route: {request.method} {request.url.path}"
        elif status == 405 and message == "Method Not Allowed":
            message = f"method {request.method} not allowed on {request.url.path}"
        details = exc.details if isinstance(exc, ApiError) else None
        headers = dict(getattr(exc, "headers", None) or {})
        if status == 400 and message == FASTAPI_BODY_ERROR:  # FastAPI's answer to a body that is not UTF-8
            return error_response(422, "the request body is not valid JSON (not UTF-8)")
        if status == 405:
            headers["Allow"] = ", ".join(allowed_methods(app, request))
        return error_response(status, message, details, headers=headers or None)

    async def validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        message, details = validation_message(exc.errors())
        return error_response(422, message, details)

    async def library_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, TabayyunError)
        status = status_for(exc)
        if status == 500:
            log.error("store error on %s %s: %s", request.method, request.url.path, exc)
            return error_response(500, "the store failed; see the server log")
        return error_response(status, str(exc))

    async def timeout_error(request: Request, exc: Exception) -> JSONResponse:
        return error_response(504, STATUS_TEXT[504])

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(TabayyunError, library_error)
    app.add_exception_handler(TimeoutError, timeout_error)

"""The outer ASGI layers: body size limit, security headers, the last-resort 500, JSON-only bodies.

Pure ASGI (no BaseHTTPMiddleware) so streaming bodies are counted as they arrive
and nothing is buffered twice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .errors import BodyTooLarge, error_body

log = logging.getLogger("tabayyun.server")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: the page loads nothing from elsewhere; document text can never become script
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class GuardMiddleware:
    """Limits request bodies, adds security headers, turns any escaped exception into a JSON 500.

    ``limit_for(path)`` gives the body limit in bytes for a request path.
    """

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        started = False

        async def send_wrapped(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if scope.get("path", "").startswith("/api/") and b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _send_json(send_wrapped, 413,
                             error_body(413, f"request body too large (limit {limit} bytes)"))
            return
        seen = 0

        async def receive_counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        try:
            await self.app(scope, receive_counted, send_wrapped)
        except BodyTooLarge as e:
            if started:
                raise
            await _send_json(send_wrapped, 413, error_body(413, str(e.detail)))
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await _send_json(send_wrapped, 500, error_body(500, "internal server error"))


class JsonOnlyMiddleware:
    """Answers 415 (as ``POST /api/documents`` does) when a JSON-only endpoint gets another content type.

    Without it FastAPI would try to validate the raw bytes and answer a confusing 422.
    """

    def __init__(self, app: ASGIApp, paths: frozenset[str]) -> None:
        self.app = app
        self.paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") == "POST" and scope.get("path") in self.paths:
            ctype = _header(scope, b"content-type").split(";")[0].strip().lower()
            json_suffixed = ctype.startswith("application/") and ctype.endswith("+json")
            if ctype != "application/json" and not json_suffixed:
                message = f"unsupported content type {ctype or '(none)'}; send application/json"
                await _send_json(send, 415, error_body(415, message))
                return
        await self.app(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str:
    for k, v in scope.get("headers", []):
        if k.lower() == name:
            return str(v.decode("latin-1"))
    return ""


def _content_length(scope: Scope) -> int | None:
    for k, v in scope.get("headers", []):
        if k.lower() == b"content-length":
            try:
                return int(v)
            except ValueError:
                return None
    return None


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await send({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": data})

"""The HTTP API and web page: ``tabayyun serve`` (see :mod:`tabayyun.server.app`)."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:  # lazy: the web stack loads only when a server is made
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)

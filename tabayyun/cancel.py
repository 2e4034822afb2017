"""Cooperative cancellation: a :class:`CancelToken` passed into long library calls.

    >>> token = CancelToken.after(30.0)        # or CancelToken(), then token.cancel() from elsewhere
    >>> tb.check(claim, sources=texts, cancel=token)

The library calls :meth:`CancelToken.raise_if_cancelled` between its stages (reading
sources, each embedding chunk, retrieval, stance) and stops with :class:`Cancelled`, so
work whose caller has gone (an HTTP request past its timeout) stops using the CPU within
one chunk instead of running to the end.
"""

from __future__ import annotations

import threading
import time

from .errors import TabayyunError


class Cancelled(TabayyunError):
    """The work was cancelled: its deadline passed or its caller gave up."""


class CancelToken:
    """Set once, from any thread; read between stages of the work it is passed to."""

    __slots__ = ("_event", "deadline")

    def __init__(self, deadline: float | None = None) -> None:
        #: a ``time.monotonic()`` instant after which the work counts as cancelled (None: no deadline)
        self.deadline = deadline
        self._event = threading.Event()

    @classmethod
    def after(cls, seconds: float) -> CancelToken:
        """A token that cancels itself ``seconds`` from now."""
        return cls(time.monotonic() + seconds)

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set() or (self.deadline is not None and time.monotonic() >= self.deadline)

    def raise_if_cancelled(self) -> None:
        if self.cancelled:
            raise Cancelled("cancelled: the deadline passed" if not self._event.is_set() else "cancelled")


def checkpoint(token: CancelToken | None) -> None:
    """Raise :class:`Cancelled` when ``token`` is set (no-op for ``None``)."""
    if token is not None:
        token.raise_if_cancelled()

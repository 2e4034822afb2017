"""The server's settings and their defaults: the one table that ``create_app`` and ``tabayyun serve`` read
(kept apart so ``tabayyun --help`` does not import the web stack)."""

from __future__ import annotations

from dataclasses import dataclass

#: largest document id and offset anywhere (CLI and API): 2**53 - 1, the largest integer a JSON reader
#: (the page's JavaScript) keeps exactly; SQLite's own limit, 2**63 - 1, is above it
MAX_ID = 2**53 - 1


@dataclass(frozen=True, slots=True)
class Settings:
    """How one server runs. ``token``: when set, the endpoints that write (add, delete) need it."""

    token: str | None = None
    #: seconds a request may take before it answers 504
    timeout_s: float = 60.0
    #: bytes of one document upload, and of any other request body (413 above)
    max_upload_bytes: int = 16 * 1024 * 1024
    max_json_bytes: int = 1024 * 1024
    #: checks running at once, in worker threads (the models are CPU-bound)
    workers: int = 4


#: the defaults (``tabayyun serve``'s options show these)
DEFAULTS = Settings()

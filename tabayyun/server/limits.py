"""Default limits of the server (kept apart so ``tabayyun --help`` does not import the web stack)."""

from __future__ import annotations

#: seconds a request may take before it answers 504
TIMEOUT_S = 60.0
#: bytes of one document upload, and of any other request body (413 above)
MAX_UPLOAD_BYTES = 16 * 1024 * 1024
MAX_JSON_BYTES = 1024 * 1024
#: checks running at once, in worker threads (the models are CPU-bound)
WORKERS = 4
#: largest document id and offset anywhere (CLI and API): 2**53 - 1, the largest integer a JSON reader
#: (the page's JavaScript) keeps exactly; SQLite's own limit, 2**63 - 1, is above it
MAX_ID = 2**53 - 1

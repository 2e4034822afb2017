"""tabayyun (تبيّن): check Arabic and English claims against your own sources.

The public API::

    from tabayyun import Tabayyun
    with Tabayyun("news.db") as tb:            # or Tabayyun() for memory only
        tb.add_files(["statement.md"])
        result = tb.check("عقد التحالف اجتماعه في روما")
        result.verdict, result.confidence, result.evidence, result.checks
        result.to_dict()                        # the JSON contract

Swap points (see :mod:`tabayyun.protocols`): ``Tabayyun(embedder=..., stance_model=...)``.
Errors: see :mod:`tabayyun.errors` for the exception tree.
"""

from .core import Tabayyun
from .errors import ClaimError, IngestError, InputError, ModelError, NotFound, StoreError, TabayyunError
from .ingest import RawDocument
from .results import AddReport, Check, CheckResult, Document, Evidence, SearchHit, Span

__all__ = [
    "AddReport",
    "Check",
    "CheckResult",
    "ClaimError",
    "Document",
    "Evidence",
    "IngestError",
    "InputError",
    "ModelError",
    "NotFound",
    "RawDocument",
    "SearchHit",
    "Span",
    "StoreError",
    "Tabayyun",
    "TabayyunError",
]

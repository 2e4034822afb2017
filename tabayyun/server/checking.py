"""``POST /api/check`` and ``/api/claimreview``: the request turned into one library call, and the
evidence context the page shows (each sentence's paragraph, read from the store or the pasted source)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..cancel import CancelToken
from ..core import Tabayyun
from ..errors import InputError, TabayyunError
from ..ingest import RawDocument, title_from_text
from ..results import CheckResult, Evidence
from .context import SourceText, evidence_context
from .errors import ApiError
from .schemas import MAX_TOTAL_SOURCE_CHARS, CheckIn

Lookup = Callable[[Evidence], SourceText | None]


def check_request(tb: Tabayyun, req: CheckIn, cancel: CancelToken | None = None) -> CheckResult:
    """The check the request asks for: against the store, or only its pasted sources and picked documents."""
    if req.sources is None and req.documents is None:
        return tb.check(req.claim, id=req.id, cancel=cancel)
    pasted = pasted_sources(req)
    picked = list(dict.fromkeys(req.documents or []))
    total = sum(len(r.text) for r in pasted) + sum(
        len(tb.document(i).text) for i in picked
    )  # NotFound -> 404
    if total > MAX_TOTAL_SOURCE_CHARS:
        raise ApiError(
            413, f"the sources are too long ({total} characters > {MAX_TOTAL_SOURCE_CHARS} for one check); "
            "add them to the store and check against it instead",
        )  # fmt: skip
    if not pasted and not picked:
        raise InputError("the sources are empty")
    return tb.check(req.claim, sources=pasted, documents=picked, id=req.id, cancel=cancel)


def pasted_sources(req: CheckIn) -> list[RawDocument]:
    """The request's non-blank pasted sources, named by their place in the request (``source 2``)."""
    return [
        RawDocument(text=text, title=title_from_text(text), source=f"source {i + 1}")
        for i, text in enumerate(req.sources or [])
        if text.strip()
    ]


def check_with_context(tb: Tabayyun, req: CheckIn, cancel: CancelToken | None = None) -> dict[str, Any]:
    """The check as JSON, with each evidence sentence's paragraph when the request asks for ``context``."""
    result = check_request(tb, req, cancel)
    out = result.to_dict()
    if req.context:
        out["context"] = evidence_context(result, source_lookup(tb, pasted_sources(req)))
    return out


def source_lookup(tb: Tabayyun, pasted: list[RawDocument]) -> Lookup:
    """The source of an evidence sentence: the stored document of its id, else the pasted source it names."""
    by_name = {r.source: SourceText(r.text, r.title) for r in pasted}
    cache: dict[int, SourceText | None] = {}

    def lookup(ev: Evidence) -> SourceText | None:
        if ev.document_id is None:
            return by_name.get(ev.source)
        if ev.document_id not in cache:
            try:
                d = tb.document(ev.document_id)
                cache[ev.document_id] = SourceText(d.text, d.title, d.id, d.url)
            except TabayyunError:  # deleted meanwhile: no context for it
                cache[ev.document_id] = None
        return cache[ev.document_id]

    return lookup

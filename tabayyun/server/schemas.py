"""Request bodies of the HTTP API (validated by pydantic; failures answer 422 in the error shape).

Responses are the library's own result shapes (:mod:`tabayyun.results`), documented in
the OpenAPI schema from those dataclasses directly.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from ..core import MAX_CLAIM_CHARS

#: pasted sources per check, and characters per pasted source
MAX_SOURCES = 20
MAX_SOURCE_CHARS = 100_000
#: stored documents picked for one check
MAX_PICKED = 50

SourceText = Annotated[str, Field(max_length=MAX_SOURCE_CHARS)]


class CheckIn(BaseModel):
    """A claim to check: against the pasted ``sources`` and/or the picked stored ``documents``;
    against the whole store when neither is given."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"claim": "انضمّ إلى التحالف عضوان جديدان", "sources": ["قال البيان إن عضوين جديدين انضمّا إلى التحالف."]}
            ]
        },
    )

    claim: str = Field(min_length=1, max_length=MAX_CLAIM_CHARS, description="The claim, Arabic or English.")
    sources: list[SourceText] | None = Field(
        None, max_length=MAX_SOURCES, description="Source texts to check against (nothing is stored)."
    )
    documents: list[int] | None = Field(
        None, max_length=MAX_PICKED, description="Ids of stored documents to check against (instead of the whole store)."
    )
    context: bool = Field(
        False,
        description="Add a `context` list (one per evidence sentence): its paragraph, with absolute offsets, "
        "for highlighting. Without it the response is exactly the CLI's `check --json` object.",
    )
    id: str | int | None = Field(None, description="Echoed back as the result's `id`.")


class ClaimReviewIn(CheckIn):
    """A claim to check and export as schema.org ClaimReview JSON-LD."""

    url: str | None = Field(None, max_length=2000, description="Where the review is published.")
    author: str | None = Field(None, max_length=300, description="Who made the claim.")
    appearance: list[Annotated[str, Field(max_length=2000)]] | None = Field(
        None, max_length=20, description="URLs where the claim appeared."
    )
    date_published: dt.date | None = Field(None, description="Date of the review (default: today).")
    reviewer: str | None = Field(None, max_length=300, description="The organization publishing the review.")


class DocumentIn(BaseModel):
    """One document as JSON (``POST /api/documents`` with ``Content-Type: application/json``)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    title: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)
    date: str | None = Field(None, max_length=100)
    source: str | None = Field(None, max_length=500)


class ErrorOut(BaseModel):
    """The one error shape."""

    ok: bool = False
    error: str
    status: int
    details: list[Any] | None = None

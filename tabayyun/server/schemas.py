"""Request and response bodies of the HTTP API (validated by pydantic; failures answer 422 in the error
shape).

The schema says what the server accepts, so the OpenAPI description and the API agree:
a claim needs a letter or digit, a pasted source or a posted document needs a non-space
character, ids and offsets fit SQLite's 64-bit integers, ``id`` is a string or an integer.
Responses are the library's own result shapes (:mod:`tabayyun.results`), documented in
the OpenAPI schema from those dataclasses directly: a check answers a ``CheckResult`` with its
``reason``, ``correction`` and ``parts`` (``PartResult``), and a verdict may be ``mixed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
)
from pydantic_core import PydanticCustomError

from ..core import MAX_CLAIM_CHARS
from ..results import SearchHit
from ..text import terms
from .limits import MAX_ID as LIMITS_MAX_ID

#: pasted sources per check, and characters per pasted source
MAX_SOURCES = 20
MAX_SOURCE_CHARS = 100_000
#: characters of source text one check may read in all: pasted sources plus picked documents (413 above)
MAX_TOTAL_SOURCE_CHARS = 200_000
#: stored documents picked for one check
MAX_PICKED = 50
#: largest document id and offset (see :mod:`tabayyun.server.limits`)
MAX_ID = LIMITS_MAX_ID



def _char_class(accept: Callable[[str], bool], negate: bool = False) -> str:
    """A regex character class of the BMP characters ``accept`` takes, written as ``\\uXXXX`` ranges.

    ``\\w`` and ``\\s`` mean different things to Python, to pydantic's Rust engine and to a JSON Schema
    (ECMA-262) validator; explicit ranges mean the same to all three, so the schema, the server and a client
    that validates against the schema agree on every string.
    """
    ranges: list[tuple[int, int]] = []
    for c in range(0x10000):
        if 0xD800 <= c <= 0xDFFF or not accept(chr(c)):
            continue
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    body = "".join(f"\\u{a:04X}" if a == b else f"\\u{a:04X}-\\u{b:04X}" for a, b in ranges)
    return f"[{'^' if negate else ''}{body}]"


#: a letter or digit somewhere (``str.isalnum``: what the library calls a claim with words)
WORDS_PATTERN = _char_class(str.isalnum)
QUERY_PATTERN = WORDS_PATTERN
#: a character that is not white space (``str.isspace``) somewhere
NON_BLANK_PATTERN = _char_class(str.isspace, negate=True)


def _has_words(v: str) -> str:
    if not v.strip():
        raise ValueError("the text is empty")
    if not terms(v) and not any(ch.isalnum() for ch in v):
        raise ValueError("the text has no words")
    return v


def _not_blank(v: str) -> str:
    if not v.strip():
        raise ValueError("the text is blank")
    return v


def _iso_date(v: Any) -> Any:
    if not isinstance(v, str | dt.date):
        raise PydanticCustomError("date_type", "a date is a string YYYY-MM-DD")
    return v


ClaimText = Annotated[
    str,
    Field(min_length=1, max_length=MAX_CLAIM_CHARS, pattern=WORDS_PATTERN,
          description="The claim, Arabic or English."),
    AfterValidator(_has_words),
]
SourceText = Annotated[
    str,
    Field(min_length=1, max_length=MAX_SOURCE_CHARS, pattern=NON_BLANK_PATTERN),
    AfterValidator(_not_blank),
]
DocumentId = Annotated[int, Field(ge=1, le=MAX_ID)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class CheckIn(BaseModel):
    """A claim to check: against the pasted ``sources`` and/or the picked stored ``documents``;
    against the whole store when neither is given. The pasted sources and the picked documents
    may hold at most ``MAX_TOTAL_SOURCE_CHARS`` characters in all (413 above)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"claim": "انضمّ إلى التحالف عضوان جديدان",
                 "sources": ["قال البيان إن عضوين جديدين انضمّا إلى التحالف."]}
            ]
        },
    )

    claim: ClaimText
    sources: list[SourceText] | None = Field(
        None, min_length=1, max_length=MAX_SOURCES,
        description=f"Source texts to check against (nothing is stored); at most {MAX_TOTAL_SOURCE_CHARS} "
        "characters with the picked documents (413 above).",
    )  # fmt: skip
    documents: list[DocumentId] | None = Field(
        None, min_length=1, max_length=MAX_PICKED,
        description="Ids of stored documents to check against (instead of the whole store).",
    )  # fmt: skip
    context: StrictBool = Field(
        False,
        description="Add a `context` list (one per evidence sentence): its paragraph, with absolute offsets, "
        "for highlighting. Without it the response is exactly the CLI's `check --json` object.",
    )
    id: StrictStr | StrictInt | None = Field(None, description="Echoed back as the result's `id`.")


class ClaimReviewIn(CheckIn):
    """A claim to check and export as schema.org ClaimReview JSON-LD."""

    url: str | None = Field(None, max_length=2000, description="Where the review is published.")
    author: str | None = Field(None, max_length=300, description="Who made the claim.")
    appearance: list[Annotated[str, Field(max_length=2000)]] | None = Field(
        None, max_length=20, description="URLs where the claim appeared."
    )
    date_published: IsoDate | None = Field(None,
                                           description="Date of the review, YYYY-MM-DD (default: today).")
    reviewer: str | None = Field(None, max_length=300, description="The organization publishing the review.")


class DocumentIn(BaseModel):
    """One document as JSON (``POST /api/documents`` with ``Content-Type: application/json``)."""

    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, Field(min_length=1, pattern=NON_BLANK_PATTERN), AfterValidator(_not_blank)]
    title: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=2000)
    date: str | None = Field(None, max_length=100)
    source: str | None = Field(None, max_length=500)


class SearchOut(BaseModel):
    """``GET /api/search``: the query and its hits, best first."""

    query: str
    hits: list[SearchHit]


class ErrorOut(BaseModel):
    """The one error shape."""

    ok: bool = False
    error: str
    status: int
    details: list[Any] | None = None

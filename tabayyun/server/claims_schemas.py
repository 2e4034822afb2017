"""Request and response bodies of ``POST /api/claims`` (what in a text is worth checking).

Two request shapes, told apart by their one text field (each forbids the other's): ``{"text"}``, an
article whose sentences come back ranked, and ``{"texts": [...]}``, short texts (posts, headlines)
scored whole and ranked. Either may name the ``model``: ``e5`` (default) or ``cues``.
The responses are the library's own shapes (:mod:`tabayyun.claims.worth`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ..claims.worth import WorthySentence, WorthyText
from ..core import MAX_CLAIM_CHARS
from .schemas import MAX_SOURCE_CHARS, NON_BLANK_PATTERN

#: short texts per request
MAX_TEXTS = 200

WorthModelName = Literal["e5", "cues"]


def _not_blank(v: str) -> str:
    if not v.strip():
        raise ValueError("the text is blank")
    return v


ArticleText = Annotated[
    str,
    Field(min_length=1, max_length=MAX_SOURCE_CHARS, pattern=NON_BLANK_PATTERN,
          description="An article, a speech, a thread: split into sentences and ranked."),
    AfterValidator(_not_blank),
]  # fmt: skip
ShortText = Annotated[
    str,
    Field(min_length=1, max_length=MAX_CLAIM_CHARS, pattern=NON_BLANK_PATTERN),
    AfterValidator(_not_blank),
]
MODEL_HELP = "e5: sentence vectors + cue features (default); cues: the cue features alone."


class ClaimsTextIn(BaseModel):
    """One text: its sentences ranked by check-worthiness, with offsets into it."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"text": "أعلنت الوزارة إغلاق 300 مدرسة غداً. صباح الخير للجميع."}]},
    )

    text: ArticleText
    model: WorthModelName = Field("e5", description=MODEL_HELP)


class ClaimsTextsIn(BaseModel):
    """Short texts (posts, headlines), each scored whole, ranked; ``index`` says which input it is."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"texts": ["انضمت دولتان إلى التحالف فأصبح يضم 41 دولة", "جمعة مباركة"]}]
        },
    )

    texts: list[ShortText] = Field(min_length=1, max_length=MAX_TEXTS)
    model: WorthModelName = Field("e5", description=MODEL_HELP)


ClaimsIn = ClaimsTextIn | ClaimsTextsIn


class ClaimsOut(BaseModel):
    """The ranking, best first: ``sentences`` for a text, ``texts`` for short texts. ``threshold``: the score
    from which an item counts as check-worthy."""

    model: WorthModelName
    threshold: float
    sentences: list[WorthySentence] | None = None
    texts: list[WorthyText] | None = None

"""What in a text is worth checking: a check-worthiness score in [0, 1] per sentence.

A sentence is check-worthy when it is factual, verifiable and consequential (numbers, dates,
named actors, causal or comparative claims about the world); opinions, wishes, greetings,
prayers, questions, promotion and vague or trivial statements are not (the guideline, with its
borderline rules, is in ``docs/claims.md``, "What is worth checking").

Two logistic models, both fitted by ``scripts/fit_checkworthy.py`` on the train part of the
hand-written set ``tabayyun/data/checkworthy.jsonl`` and applied here with numpy only (the
coefficients are in ``tabayyun/data/checkworthy_model.json``):

* ``e5`` (the default): the sentence's e5 vector (any :class:`~tabayyun.protocols.Embedder`
  of the same dimension) and the cue features below;
* ``cues`` (no embedder): the cue features alone: counts of quantities, dates and entities
  from :mod:`tabayyun.extract`, and cue words for attribution, comparison/cause, hearsay,
  opinion, wishes/prayers, questions, promotion, exclamation, and the length.

``score_sentences(texts, embedder)`` scores sentences (``embedder=None``: the cue model);
``rank_text(text, embedder)`` splits a text into sentences (:func:`tabayyun.text.sentences`)
and returns them best first, with offsets into ``text`` and the cues that fired;
``score_texts(texts, embedder)`` scores short texts (posts, headlines) whole, in input order,
each with its checkable parts (:func:`tabayyun.claims.decompose.split_claim`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from ..errors import ModelError
from ..extract import extract
from ..protocols import Embedder
from ..results import _JSON
from ..text import normalize, sentences, words
from .decompose import split_claim

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "checkworthy_model.json"
DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "checkworthy.jsonl"

ModelName = Literal["e5", "cues"]

#: the cue features, in the order of the model's coefficients
FEATURES: tuple[str, ...] = (
    "quantities", "dates", "entities", "digit", "attribution", "comparison", "hearsay",
    "opinion", "wish", "question", "promotion", "exclaim", "length", "short",
)  # fmt: skip

#: cue words, written as people write them; matched as whole words (optionally after و/ف) in
#: normalized text, so hamza, diacritics, tatweel and case do not matter
_LEXICON: dict[str, tuple[str, ...]] = {
    "attribution": (
        "أعلن", "أعلنت", "قال", "قالت", "أكد", "أكدت", "أفاد", "أفادت", "صرح", "صرّح", "صرحت", "كشف",
        "كشفت", "ذكر", "ذكرت", "بحسب", "وفق", "وفقا", "أظهرت", "سجلت", "سجل", "said", "says",
        "announced", "reported", "confirmed", "according", "revealed", "stated", "found",
    ),
    "comparison": (
        "بسبب", "أدى", "أدت", "تسبب", "تسببت", "نتيجة", "أكثر", "أقل", "أعلى", "أدنى", "أكبر", "أول",
        "مقارنة", "مقابل", "ارتفع", "ارتفعت", "انخفض", "انخفضت", "تراجع", "تراجعت", "تضاعف", "ضاعفنا",
        "because", "caused", "due", "more", "less", "fewer", "highest", "lowest", "largest", "first",
        "compared", "doubled", "rose", "fell", "than", "record",
    ),
    "hearsay": (
        "يقال", "يشاع", "يتداول", "تداولت", "تناقلت", "مصادر", "أنباء", "تسريبات", "يزعم", "يدعي",
        "يروج", "متداول", "سمعت", "apparently", "rumour", "rumor", "reportedly", "claims", "viral",
        "unconfirmed", "sources", "allegedly",
    ),
    "opinion": (
        "أعتقد", "أظن", "أرى", "رأيي", "أتمنى", "يجب", "ينبغي", "المؤسف", "المخزي", "بصراحة", "أحب",
        "بحب", "ربما", "لعل", "أنا", "نحن", "حلو", "أحلى", "جميل", "أجمل", "think", "believe",
        "view", "opinion", "should", "hope", "frankly", "perhaps", "i", "my", "best", "worst", "love",
    ),
    "wish": (
        "اللهم", "الله", "مبارك", "مباركة", "مبروك", "تهنئة", "نهنئ", "كل عام", "كل سنة", "عيد",
        "صباح الخير", "صباح النور", "صباح الورد", "مساء الخير", "مساء النور", "أهلا", "مرحبا", "نرحب",
        "شكرا", "تحية", "رحمه", "تقبل", "happy",
        "congratulations", "welcome", "bless", "pray", "praying", "prayers", "thank", "thanks",
        "merry", "wishing", "wishes", "mubarak", "god", "lord",
    ),
    "promotion": (
        "خصم", "عرض", "عروض", "اطلب", "احجز", "احجزي", "تابعونا", "سارعوا", "مجانا", "كود", "الرابط",
        "تخفيضات", "اشتر", "زوروا", "بالتقسيط", "off", "order", "book", "follow", "code", "free",
        "subscribe", "discount", "deal", "deals", "sale", "offer", "buy", "join",
    ),
}

_QUESTION_WORDS = (
    "هل", "كم", "لماذا", "ليش", "متى", "ايمتى", "كيف", "أين", "وين", "فين", "ماذا", "شو", "من", "ما",
    "بكم", "أليس", "إلى متى", "what", "why", "how", "who", "when", "where", "is", "are", "does", "do",
    "will", "can", "did",
)


def _alternation(items: Sequence[str]) -> str:
    forms = sorted({normalize(w) for w in items}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w) for w in forms)


def _word_re(items: Sequence[str]) -> re.Pattern[str]:
    """Whole words (or phrases) of ``items`` in normalized text, optionally after a joined و or ف."""
    return re.compile(rf"(?<!\w)(?:[وف](?=\w))?(?:{_alternation(items)})(?!\w)")


_CUE_RES: dict[str, re.Pattern[str]] = {name: _word_re(items) for name, items in _LEXICON.items()}
_QUESTION_START = re.compile(rf"^\W*(?:{_alternation(_QUESTION_WORDS)})(?!\w)")
_QUESTION_MARK = re.compile(r"[?؟]")
_EXCLAIM = re.compile(r"!|هه+|\blol\b|\bomg\b|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_DIGIT = re.compile(r"\d")
#: counts above this add nothing (a list of twelve numbers is not twelve times as worth checking)
_CAP = 3
_SHORT_WORDS = 5


@dataclass(frozen=True, slots=True)
class Cues:
    """What a sentence holds, as counts (the model's features before scaling)."""

    counts: dict[str, float]

    def vector(self) -> NDArray[np.float64]:
        return np.array([self.counts[name] for name in FEATURES], dtype=np.float64)

    def fired(self) -> list[str]:
        """The cues present, in :data:`FEATURES` order (``length`` never: every sentence has one)."""
        return [name for name in FEATURES if name != "length" and self.counts[name] > 0]


def cues(text: str) -> Cues:
    """The cue features of one sentence (pure: the same text always gives the same counts)."""
    found = extract(text)
    norm = normalize(text)
    n_words = len(words(text))
    question = bool(_QUESTION_MARK.search(text)) or bool(_QUESTION_START.search(norm))
    counts: dict[str, float] = {
        "quantities": min(len(found.quantities), _CAP),
        "dates": min(len(found.dates), _CAP),
        "entities": min(len(found.entities), _CAP),
        "digit": float(bool(_DIGIT.search(norm))),
        **{name: float(min(len(rx.findall(norm)), _CAP)) for name, rx in _CUE_RES.items()},
        "question": float(question),
        "exclaim": float(min(len(_EXCLAIM.findall(norm)), _CAP)),
        "length": math.log1p(n_words),
        "short": float(n_words < _SHORT_WORDS),
    }
    return Cues({name: float(counts[name]) for name in FEATURES})


def cue_matrix(texts: Sequence[str]) -> NDArray[np.float64]:
    """:func:`cues` of each text as rows of a ``(len(texts), len(FEATURES))`` matrix."""
    if not texts:
        return np.zeros((0, len(FEATURES)), dtype=np.float64)
    return np.stack([cues(t).vector() for t in texts])


# -- the shipped model ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Linear:
    """One fitted logistic model: ``sigmoid(x · coef + intercept)``; ``threshold`` decides 1/0."""

    coef: NDArray[np.float64]
    intercept: float
    threshold: float

    def proba(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        z = x @ self.coef + self.intercept
        out: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-np.clip(z, -500.0, 500.0)))
        return out


@dataclass(frozen=True)
class WorthModel:
    """The shipped coefficients: cue scaling, the ``e5`` and ``cues`` models, and the figures they made."""

    mean: NDArray[np.float64]
    scale: NDArray[np.float64]
    vec_scale: float
    dim: int
    e5: Linear
    cue_model: Linear
    raw: dict[str, Any]

    def scaled_cues(self, texts: Sequence[str]) -> NDArray[np.float64]:
        out: NDArray[np.float64] = (cue_matrix(texts) - self.mean) / self.scale
        return out

    def e5_inputs(self, cue_x: NDArray[np.float64], vectors: NDArray[np.float32]) -> NDArray[np.float64]:
        """The ``e5`` model's inputs: scaled cues then the (scaled) sentence vectors."""
        vec = np.asarray(vectors, dtype=np.float64) * self.vec_scale
        return np.hstack([cue_x, vec])

    def predict(
        self, texts: Sequence[str], embedder: Embedder | None, found: Sequence[Cues] | None = None
    ) -> NDArray[np.float64]:
        """Probabilities for ``texts``; ``found``: their :func:`cues`, when the caller has them already."""
        if found is None:
            cue_x = self.scaled_cues(texts)
        else:
            cue_x = (np.stack([c.vector() for c in found]) - self.mean) / self.scale
        if embedder is None:
            return self.cue_model.proba(cue_x)
        if embedder.dim != self.dim:
            raise ModelError(f"the check-worthiness model needs {self.dim}-dimensional vectors "
                             f"(multilingual-e5-small); this embedder gives {embedder.dim}")
        vectors = embedder.embed(list(texts))
        return self.e5.proba(self.e5_inputs(cue_x, vectors))


def _linear(d: dict[str, Any]) -> Linear:
    return Linear(np.array(d["coef"], dtype=np.float64), float(d["intercept"]), float(d["threshold"]))


def model_from_dict(d: dict[str, Any]) -> WorthModel:
    if list(d["features"]) != list(FEATURES):
        raise ModelError("checkworthy_model.json was fitted on other cue features; refit it with "
                         "scripts/fit_checkworthy.py")
    return WorthModel(
        mean=np.array(d["cue_mean"], dtype=np.float64), scale=np.array(d["cue_scale"], dtype=np.float64),
        vec_scale=float(d["vec_scale"]), dim=int(d["dim"]), e5=_linear(d["e5"]),
        cue_model=_linear(d["cues"]), raw=d,
    )  # fmt: skip


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> WorthModel:
    """The fitted model at ``path`` (default: the shipped one)."""
    try:
        return model_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ModelError(f"could not read the check-worthiness model {path}: {e}") from e


# -- the library calls -----------------------------------------------------------------------------------


def score_sentences(texts: Sequence[str], embedder: Embedder | None = None) -> list[float]:
    """A check-worthiness probability in [0, 1] per text: the ``e5`` model with ``embedder``, the cue
    model without."""
    return _scores(texts, None, embedder)


def _scores(texts: Sequence[str], found: Sequence[Cues] | None, embedder: Embedder | None) -> list[float]:
    if not texts:
        return []
    return [float(p) for p in load_model().predict(texts, embedder, found)]


def threshold(embedder: Embedder | None = None) -> float:
    """The score from which a sentence counts as check-worthy (chosen on the train part, see the script)."""
    m = load_model()
    return m.cue_model.threshold if embedder is None else m.e5.threshold


@dataclass(frozen=True, slots=True)
class WorthySentence(_JSON):
    """One sentence of a text with its score; ``text == source[start:end]``; ``index``: its place in the
    text (0 = first sentence)."""

    index: int
    text: str
    start: int
    end: int
    score: float
    checkworthy: bool
    cues: list[str]


def rank_text(text: str, embedder: Embedder | None = None) -> list[WorthySentence]:
    """The sentences of ``text``, most check-worthy first (ties: in text order)."""
    spans = sentences(text)
    pieces = [text[s.start : s.end] for s in spans]
    found = [cues(p) for p in pieces]
    scores = _scores(pieces, found, embedder)
    cut = threshold(embedder)
    out = [
        WorthySentence(i, piece, s.start, s.end, score, score >= cut, c.fired())
        for i, (s, piece, c, score) in enumerate(zip(spans, pieces, found, scores, strict=True))
    ]
    return sorted(out, key=lambda w: (-w.score, w.index))


@dataclass(frozen=True, slots=True)
class PartSpan(_JSON):
    """A checkable part of a text (``kind`` as :data:`tabayyun.claims.decompose.PartKind`); ``start``/``end``
    index the text."""

    text: str
    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class WorthyText(_JSON):
    """One short text scored whole; ``index``: its place in the input."""

    index: int
    score: float
    checkworthy: bool
    cues: list[str]
    parts: list[PartSpan]


def score_texts(texts: Sequence[str], embedder: Embedder | None = None) -> list[WorthyText]:
    """Each text scored whole, in input order, with its parts."""
    found = [cues(t) for t in texts]
    scores = _scores(texts, found, embedder)
    cut = threshold(embedder)
    return [
        WorthyText(i, score, score >= cut, c.fired(),
                   [PartSpan(p.text, p.start, p.end, p.kind) for p in split_claim(t)])
        for i, (t, c, score) in enumerate(zip(texts, found, scores, strict=True))
    ]  # fmt: skip

"""schema.org ClaimReview JSON-LD for a checked claim.

A fact-checker publishes a :func:`claim_review` next to the article that explains
the verdict, so search engines and newsroom tools can read it.

``reviewRating`` uses a 1 (worst) to 5 (best) truth scale: ``refuted`` is 1,
``supported`` is 5, and ``mixed`` (some parts of the claim supported, others refuted:
the "Mixture" / "partly true" rating of fact-checkers' scales) and the two undetermined
verdicts (``conflicting``, ``not_enough_info``) sit at the midpoint 3; ``alternateName``
— the textual rating readers see — tells them apart, in the claim's language (Arabic for
an Arabic claim, English otherwise).

The review body says the verdict, then its reason (for a claim of several parts: each
part with its own verdict, see :func:`tabayyun.claims.explain.parts_reason`), then, for a
refuted claim, what the source says instead (the correction), then the strongest evidence.
The parts are given in the body, not as separate reviews: schema.org has no per-part rating.

Note what the verdict means: tabayyun says whether the *given sources* support the
claim, not whether the claim is true of the world; the wording of the ratings says so.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import Any

from .results import CheckResult, Verdict
from .text.lang import detect

WORST_RATING = 1
BEST_RATING = 5

RATING_VALUES: dict[Verdict, int] = {"refuted": 1, "mixed": 3, "conflicting": 3, "not_enough_info": 3,
                                     "supported": 5}

RATING_NAMES: dict[str, dict[Verdict, str]] = {
    "ar": {
        "supported": "تؤيّده المصادر",
        "refuted": "تنفيه المصادر",
        "conflicting": "المصادر متعارضة",
        "not_enough_info": "لا تكفي المصادر للحكم",
        "mixed": "صحيح جزئيا بحسب المصادر",
    },
    "en": {
        "supported": "Supported by the sources",
        "refuted": "Refuted by the sources",
        "conflicting": "The sources conflict",
        "not_enough_info": "Not enough information in the sources",
        "mixed": "Mixture: partly supported by the sources",
    },
}

_BODY = {
    "ar": ("الحكم: {rating} (الثقة {confidence:.0%}).", "أقوى دليل: «{text}» — {source}."),
    "en": ("Verdict: {rating} (confidence {confidence:.0%}).", "Strongest evidence: “{text}” — {source}."),
}

#: evidence sentences cited in ``citation``
CITED = 3


def review_language(claim: str) -> str:
    """``"ar"`` for an Arabic claim, ``"en"`` for anything else."""
    return "ar" if detect(claim) == "ar" else "en"


def _party(who: str | Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A schema.org author: a plain name becomes an Organization; a mapping is taken as given."""
    if who is None or (isinstance(who, str) and not who.strip()):
        return None
    if isinstance(who, str):
        return {"@type": "Organization", "name": who.strip()}
    return dict(who)


def _date(value: str | _dt.date | None) -> str:
    if value is None:
        return _dt.date.today().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return _dt.date.fromisoformat(value).isoformat()


def claim_review(
    result: CheckResult,
    *,
    url: str | None = None,
    author: str | Mapping[str, Any] | None = None,
    appearance: str | Sequence[str] | None = None,
    date_published: str | _dt.date | None = None,
    reviewer: str | Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The ClaimReview JSON-LD object for ``result``.

    ``url``: where the review is published. ``author``: who made the claim (a name,
    or a schema.org Person/Organization mapping). ``appearance``: URL(s) where the
    claim appeared. ``date_published``: ISO date of the review (default: today).
    ``reviewer``: the fact-checking organization publishing the review.
    Fields with no value are left out rather than invented.
    """
    lang = review_language(result.claim)
    rating_name = RATING_NAMES[lang][result.verdict]
    item: dict[str, Any] = {"@type": "Claim"}
    claim_author = _party(author)
    if claim_author is not None:
        item["author"] = claim_author
    appearances = [appearance] if isinstance(appearance, str) else list(appearance or [])
    appearances = [a for a in appearances if a.strip()]
    if appearances:
        item["appearance"] = [{"@type": "CreativeWork", "url": a} for a in appearances]
        item["firstAppearance"] = item["appearance"][0]
    verdict_line, evidence_line = _BODY[lang]
    body = verdict_line.format(rating=rating_name, confidence=result.confidence)
    if result.reason is not None:
        body += " " + (result.reason.ar if lang == "ar" else result.reason.en)
    if result.correction is not None:
        body += " " + (result.correction.text_ar if lang == "ar" else result.correction.text_en) + "."
    if result.evidence:
        best = result.evidence[0]
        body += " " + evidence_line.format(text=best.text, source=best.source)
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": result.claim,
        "inLanguage": lang,
        "datePublished": _date(date_published),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING_VALUES[result.verdict],
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": rating_name,
            "ratingExplanation": body,
        },
        "itemReviewed": item,
        "reviewBody": body,
    }
    if url:
        out["url"] = url
    publisher = _party(reviewer)
    if publisher is not None:
        out["author"] = publisher
    cited = [e for e in result.evidence if e.stance in ("agree", "disagree")][:CITED]
    if cited:
        out["citation"] = [{"@type": "CreativeWork", "name": e.source, "text": e.text} for e in cited]
    return out

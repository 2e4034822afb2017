"""Negation and denial cues in Arabic and English, on normalized words.

``negation_cues(text)`` returns the cue words found; ``negation_parity_differs``
says whether a claim and an evidence sentence differ in polarity (one negated,
the other not). Cue lists are normalized forms (see :func:`tabayyun.text.normalize`).
"""

from __future__ import annotations

from ..text import stem, terms, words

#: how many words after a cue its scope reaches
SCOPE = 4

#: particles and verbs that negate or deny, normalized (ة→ه, ى→ي, أ→ا). Left out on purpose:
#: دون ("below": دون سن الخامسة), ما and لما (mostly relative "what"/"when")
ARABIC_NEGATION = frozenset(
    {
        "لا", "لم", "لن", "ليس", "ليست", "لست", "لسنا", "ليسوا", "لستم", "غير", "عدم", "بدون",
        "نفي", "نفت", "ينفي", "تنفي", "نفوا", "رفض", "رفضت", "يرفض", "ترفض", "رفضوا",
        "انكر", "انكرت", "ينكر", "تنكر", "كذب", "كذبت", "مش", "مو", "ولا", "ولم", "ولن",
        "وليس", "فلا", "فلم", "فلن", "بلا", "لاشي", "ابدا", "اطلاقا",
    }
)
ENGLISH_NEGATION = frozenset(
    {
        "not", "no", "never", "none", "neither", "nor", "without", "denied", "denies", "deny",
        "refused", "refuses", "refuse", "rejected", "rejects", "isn't", "wasn't", "aren't", "weren't",
        "don't", "doesn't", "didn't", "won't", "can't", "cannot", "hasn't", "haven't", "hadn't", "nobody",
        "nothing", "false", "untrue",
    }
)
NEGATION = ARABIC_NEGATION | ENGLISH_NEGATION


def is_cue(word: str) -> bool:
    """A normalized word that negates or denies, also behind the conjunctions و and ف (ونفت، فلم)."""
    if word in NEGATION or word.endswith("n't"):
        return True
    return len(word) > 2 and word[0] in "وف" and word[1:] in ARABIC_NEGATION


def negation_cues(text: str) -> list[str]:
    """The negation or denial cue words of ``text`` (normalized), in order."""
    return [w for w in words(text) if is_cue(w)]


def negation_parity_differs(claim: str, evidence: str) -> bool:
    """True when exactly one of the two is negated (an odd number of cues on one side only)."""
    return (len(negation_cues(claim)) % 2) != (len(negation_cues(evidence)) % 2)


def scoped_cues(text: str, about: set[str]) -> list[str]:
    """Cues of ``text`` whose next :data:`SCOPE` words include one of the stemmed terms ``about``.

    "ولم يتخذ الاجتماع أي قرار" negates the meeting's decision; in "... and no deaths were
    reported" the negation is about deaths, which a claim about evacuated families never
    mentions, so it should not turn that sentence against the claim.
    """
    ws = words(text)
    return [w for i, w in enumerate(ws) if is_cue(w) and any(stem(x) in about for x in ws[i + 1 : i + 1 + SCOPE])]


def scoped_negation_differs(claim: str, evidence: str) -> bool:
    """Polarity differs, counting only cues that scope over words the other side shares."""
    shared = set(terms(claim)) & set(terms(evidence))
    return (len(scoped_cues(claim, shared)) % 2) != (len(scoped_cues(evidence, shared)) % 2)

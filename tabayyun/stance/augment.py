"""Make short headline pairs look like real claim–evidence pairs, keeping their stance.

ANS pairs are two headlines of similar length. A checker's evidence is usually a
long news sentence: an attribution ("the ministry announced on Sunday that ..."),
the fact, and another clause about something else. A model trained on headlines
alone reads such a sentence as "different from the claim" and calls it a
disagreement. These pure functions rewrite a pair's evidence into that shape
without changing what it says about the claim:

* :func:`wrap` — attribution before, an unrelated clause after (taken from another
  row), in the evidence's language;
* :func:`self_support` — the claim itself, wrapped: an ``agree`` pair whose evidence
  says more than the claim;
* :func:`long_unrelated` — another row's evidence, wrapped: an ``unrelated`` pair
  whose evidence is as long and news-like as a real one.

All phrases here were written for tabayyun. Everything is seeded by the caller's
``random.Random``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from ..text.lang import detect as detect_lang

#: attribution prefixes; "{}" is the evidence
AR_PREFIXES = (
    "أعلنت الحكومة يوم الأحد أن {}",
    "قال مسؤول حكومي في تصريح صحفي إن {}",
    "ذكرت وكالة الأنباء الرسمية مساء الخميس أن {}",
    "أفادت مصادر مطلعة بأن {}",
    "وأوضح المتحدث باسم الوزارة في مؤتمر صحفي أن {}",
    "وبحسب بيان صادر عن المكتب الإعلامي، فإن {}",
    "وأكد التقرير السنوي أن {}",
    "ونقلت صحيفة محلية عن مصدر رسمي أن {}",
    "وفي هذا السياق، {}",
    "{}",
)
EN_PREFIXES = (
    "The government said on Sunday that {}",
    "A ministry spokesperson told reporters that {}",
    "According to a statement released on Thursday, {}",
    "Officials confirmed that {}",
    "The annual report says that {}",
    "Local media reported that {}",
    "{}",
)
#: connectives joining an unrelated clause after the evidence; "{}" is the clause
AR_JOINS = ("، في حين {}", "، وذلك بعد أن أشارت تقارير إلى {}", ". وفي سياق آخر، {}",
            "، كما ذكر البيان أن {}", ". {}")
EN_JOINS = ("; meanwhile, {}", ", while separate reports said {}", ". In other news, {}", ". {}")

_FINAL_STOP = re.compile(r"[.!؟?]+\s*$")


def _strip_stop(text: str) -> str:
    return _FINAL_STOP.sub("", text.strip())


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and not text[1:2].isupper() else text


def wrap(evidence: str, other: str | None, rng: random.Random, p_prefix: float = 0.8,
         p_join: float = 0.6) -> str:
    """``evidence`` with an attribution before it and, sometimes, ``other`` joined after it."""
    english = detect_lang(evidence) == "en"
    body = _strip_stop(evidence)
    if rng.random() < p_prefix:
        template = rng.choice(EN_PREFIXES if english else AR_PREFIXES)
        body = template.format(_lower_first(body) if english and template != "{}" else body)
    if other and rng.random() < p_join:
        clause = _strip_stop(other)
        join = rng.choice(EN_JOINS if english else AR_JOINS)
        body += join.format(_lower_first(clause) if english else clause)
    return body + "."


def self_support(claim: str, other: str, rng: random.Random) -> str:
    """An evidence sentence that states ``claim`` inside a longer, news-like sentence."""
    return wrap(claim, other, rng, p_prefix=0.9, p_join=0.7)


def long_unrelated(others: Sequence[str], rng: random.Random) -> str:
    """A long evidence sentence built from two other rows' texts."""
    a, b = rng.sample(list(others), 2)
    return wrap(a, b, rng, p_prefix=0.9, p_join=0.8)

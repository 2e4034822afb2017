"""Tiny deterministic stand-ins for the models, so the API and page tests run in milliseconds.

* :class:`FakeEmbedder` hashes the normalized, stemmed terms of a text into a vector.
* :class:`FakeStance` reads term overlap: most claim terms present → agree, or
  disagree when exactly one side is negated; some → discuss; few → unrelated.

The verdict logic, the comparisons and the offsets they feed are the real library's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from tabayyun.core import Tabayyun
from tabayyun.text import terms

NEGATIONS = frozenset({"لم", "لا", "لن", "ليس", "ليست", "not", "no", "never", "didn't", "did not"})


def _terms(text: str) -> set[str]:
    return set(terms(text))


def _negated(text: str) -> bool:
    words = {w.strip(".,،؛:!?؟\"'«»").lower() for w in text.split()}
    return bool(words & NEGATIONS)


class FakeEmbedder:
    dim = 384

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for t in _terms(text) or {text}:
                h = int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little")
                out[i, h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
            norm = float(np.linalg.norm(out[i]))
            out[i] = out[i] / norm if norm else out[i]
            if not norm:
                out[i, 0] = 1.0
        return out


class FakeStance:
    def predict_proba(self, claims: Sequence[str], evidence: Sequence[str]) -> NDArray[np.float64]:
        rows = []
        for c, e in zip(claims, evidence):
            ct, et = _terms(c), _terms(e)
            overlap = len(ct & et) / max(len(ct), 1)
            if overlap >= 0.5:
                rows.append([0.05, 0.85, 0.05, 0.05] if _negated(c) != _negated(e) else [0.85, 0.05, 0.05, 0.05])
            elif overlap >= 0.25:
                rows.append([0.1, 0.1, 0.6, 0.2])
            else:
                rows.append([0.02, 0.02, 0.06, 0.9])
        return np.asarray(rows, dtype=np.float64)


def fake_tabayyun(db: str = ":memory:") -> Tabayyun:
    return Tabayyun(db, embedder=FakeEmbedder(), stance_model=FakeStance())


#: a source written for these tests (Arabic), and an English one
SOURCE_AR = (
    "# بيان بلدية الواحة عن موسم الأمطار\n"
    "\n"
    "أعلنت بلدية الواحة يوم الأحد أنها وزّعت 450 خيمة على الأسر المتضررة من السيول. "
    "وقال رئيس البلدية إن فرق الإنقاذ أجلت 1200 شخص من الأحياء المنخفضة.\n"
    "\n"
    "ولم تسجل البلدية أي وفيات حتى مساء الأحد.\n"
)
SOURCE_EN = (
    "Harbour town council report\n"
    "\n"
    "The council opened three new shelters on Monday and said 300 volunteers joined the relief effort.\n"
)
#: a document whose text tries to inject markup into the page
HOSTILE = (
    'تقرير مزيف <script>window.__pwned = "script"</script> '
    '<img src="x" onerror="window.__pwned = \'img\'"> عن توزيع 450 خيمة في الواحة.\n'
)

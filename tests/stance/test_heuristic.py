"""``HeuristicStance``'s boundary: the embedder, the overlap and the negation cues read cleaned text."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from tabayyun.stance.heuristic import HeuristicStance
from tabayyun.testing import HashingEmbedder


class RecordingEmbedder(HashingEmbedder):
    """A hashing embedder that records what it was asked to embed (query and passage sides)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        self.seen.extend(texts)
        return super().embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> NDArray[np.float32]:
        return self.embed(texts)


PLAIN = ("أصبح عدد أعضاء التحالف 83 عضوا", "لم يصبح عدد أعضاء التحالف 83 عضوا")
# (id, obfuscated claim, obfuscated evidence): PLAIN in disguise
OBFUSCATED = [
    ("tatweel", "أصبـــح عدد أعضــاء التحــالف 83 عضوا",
     "لم يصبــح عدد أعضاء التحالف 83 عضــوا"),
    ("diacritics", "أَصْبَحَ عَدَدُ أَعْضَاءِ التَّحَالُفِ 83 عُضْوا",
     "لَمْ يُصْبِحْ عَدَدُ أعضاء التحالف 83 عضوا"),
    ("zero-width", "أص\u200cبح عدد أع\u200bضاء التح\u200dالف 83 عضوا",
     "ل\u200cم يصبح عدد أعضاء التحالف 83 عضوا"),
    ("bidi-digits", "\u200fأصبح عدد أعضاء التحالف \u200e٨٣\u200e عضوا",
     "\u202bلم يصبح عدد أعضاء التحالف ۸۳ عضوا\u202c"),
]


@pytest.mark.parametrize(("claim", "evidence"), [c[1:] for c in OBFUSCATED], ids=[c[0] for c in OBFUSCATED])
def test_obfuscated_pair_scores_as_the_plain_one(claim: str, evidence: str) -> None:
    embedder = RecordingEmbedder()
    model = HeuristicStance(embedder)
    tricked = model.predict_proba([claim], [evidence])
    assert embedder.seen == list(PLAIN)
    np.testing.assert_array_equal(tricked, model.predict_proba([PLAIN[0]], [PLAIN[1]]))


def test_negation_read_through_obfuscation() -> None:
    model = HeuristicStance(HashingEmbedder())
    p = model.predict_proba([OBFUSCATED[2][1]], [OBFUSCATED[2][2]])[0]
    assert p[1] > p[0] and p[1] > p[2]  # disagree: one side negated


def test_vectors_given_still_read_cleaned_words() -> None:
    embedder = HashingEmbedder()
    model = HeuristicStance(embedder)
    cv, ev = embedder.embed([PLAIN[0]]), embedder.embed([PLAIN[1]])
    plain = model.predict_proba_vectors([PLAIN[0]], [PLAIN[1]], cv, ev)
    for _, claim, evidence in OBFUSCATED:
        np.testing.assert_array_equal(model.predict_proba_vectors([claim], [evidence], cv, ev), plain)

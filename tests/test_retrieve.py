from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tabayyun import Tabayyun
from tabayyun.retrieve import reciprocal_rank_fusion


def rrf_reference(rankings: list[list[int]], k: int = 60) -> dict[int, float]:
    """Straight from the definition, written independently of the library's loop."""
    items = {i for r in rankings for i in r}
    return {i: sum(1.0 / (k + r.index(i) + 1) for r in rankings if i in r) for i in items}


@given(st.lists(st.lists(st.integers(0, 30), unique=True, max_size=20), max_size=4))
def test_rrf_matches_reference(rankings: list[list[int]]) -> None:
    got = reciprocal_rank_fusion(rankings)
    ref = rrf_reference(rankings)
    assert got.keys() == ref.keys()
    for i in ref:
        assert got[i] == pytest.approx(ref[i])


def test_rrf_rewards_agreement() -> None:
    s = reciprocal_rank_fusion([[1, 2, 3], [2, 1, 4]])
    assert s[1] == s[2] == pytest.approx(1 / 61 + 1 / 62)
    assert s[3] == s[4] == pytest.approx(1 / 63)


CORPUS = [
    "عقد وزراء الخارجية اجتماعهم السنوي في روما يوم الثلاثاء.",
    "Heavy rain flooded fourteen villages in the northern valley.",
    "ارتفع عدد أعضاء التحالف إلى ثلاثة وثمانين عضواً.",
    "The central library will open seven days a week.",
]


@pytest.mark.parametrize(
    ("query", "expected_start"),
    [
        ("اجتماع وزراء الخارجية في روما", "عقد وزراء"),
        ("إجتماع وزراء الخارجيّة في رومـــا", "عقد وزراء"),  # diacritics, tatweel, hamza
        ("villages flooded by rain", "Heavy rain"),
        ("library open every day", "The central library"),
    ],
    ids=["arabic", "arabic-obfuscated", "english", "english-2"],
)
def test_hybrid_search_finds_the_sentence(tb: Tabayyun, query: str, expected_start: str) -> None:
    for t in CORPUS:
        tb.add_text(t)
    hits = tb.search(query, k=3)
    assert hits[0].text.startswith(expected_start)
    doc = tb.document(hits[0].document_id)
    assert doc.text[hits[0].start : hits[0].end] == hits[0].text
    assert hits[0].lexical_rank == 1


def test_search_on_empty_store_is_empty(tb: Tabayyun) -> None:
    assert tb.search("anything at all") == []

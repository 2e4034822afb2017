from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tabayyun import Tabayyun
from tabayyun.results import SearchHit
from tabayyun.retrieve import neighbours, query_terms, reciprocal_rank_fusion, window
from tabayyun.text import terms


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


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("The coalition has eighty-three members", ["83"]),
        ("يضم التحالف ثلاثة وثمانين عضوا", ["83"]),
        ("Malta became the 83rd member", ["83"]),
        ("قتل 10 آلاف شخص", ["10", "10000"]),
        ("نحو 3.5 مليار دولار", ["3.5", "3500000000"]),
        ("انضم العضوان 82 و83", ["82", "83"]),
        ("في عام 2014", []),
        ("no numbers here", []),
    ],
    ids=["en-words", "ar-words", "en-ordinal", "ar-thousands", "billions", "list", "year-is-not-a-number",
         "none"],
)
def test_query_terms_hold_the_digits_of_stated_numbers(query: str, numbers: list[str]) -> None:
    got = query_terms(query)
    assert [t for t in got if t[:1].isdigit() and t != "2014"] == numbers
    assert len(got) == len(set(got))
    assert set(terms(query)) <= set(got)


def test_a_number_in_words_finds_the_sentence_with_its_digits(tb: Tabayyun) -> None:
    tb.add_text("ويحمل العضوان الجديدان الرقمين 82 و83.")
    tb.add_text("وناقش الاجتماع خطة العمل للسنوات المقبلة.")
    hits = tb.search("The coalition has eighty-three members", k=2)
    assert hits[0].text.startswith("ويحمل") and hits[0].lexical_rank == 1


DOC = "الجملة الأولى هنا. والجملة الثانية بعدها! والثالثة أخيرا؟"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("الجملة الأولى هنا.", ["والجملة الثانية بعدها!"]),
     ("والجملة الثانية بعدها!", ["الجملة الأولى هنا.", "والثالثة أخيرا؟"]),
     ("والثالثة أخيرا؟", ["والجملة الثانية بعدها!"]),
     ("الثانية بعدها", [])],
    ids=["first", "middle", "last", "not-a-sentence"],
)
def test_neighbours(sentence: str, expected: list[str]) -> None:
    start = DOC.index(sentence)
    got = neighbours(DOC, start, start + len(sentence))
    assert [DOC[s:e] for s, e in got] == expected


def test_window_covers_both_sentences_with_exact_offsets() -> None:
    start = DOC.index("والجملة")
    hit = SearchHit(text="والجملة الثانية بعدها!", source="s", document_id=1, sentence_id=2, start=start,
                    end=start + len("والجملة الثانية بعدها!"), score=0.5)
    (before, _) = neighbours(DOC, hit.start, hit.end)
    w = window(hit, DOC, before)
    assert (w.start, w.end, w.text) == (0, hit.end, DOC[0 : hit.end])
    assert (w.document_id, w.sentence_id, w.score) == (1, 2, 0.5)

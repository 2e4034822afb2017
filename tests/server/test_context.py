"""The paragraph context around evidence sentences: pure functions, exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tabayyun.results import Check, CheckResult, Evidence
from tabayyun.server.context import SourceText, evidence_context, paragraph_bounds

TEXT = "عنوان البيان\nالجملة الأولى. الجملة الثانية فيها 40 شاحنة.\n\nفقرة أخيرة."


@pytest.mark.parametrize(
    ("needle", "side", "expected"),
    [
        ("الجملة الثانية فيها 40 شاحنة.", 600, "الجملة الأولى. الجملة الثانية فيها 40 شاحنة."),
        ("عنوان البيان", 600, "عنوان البيان"),
        ("فقرة أخيرة.", 600, "فقرة أخيرة."),
        ("الجملة الثانية فيها 40 شاحنة.", 5, "ولى. الجملة الثانية فيها 40 شاحنة."),
    ],
    ids=["middle-paragraph", "first-line", "last-line", "clipped"],
)
def test_paragraph_bounds(needle: str, side: int, expected: str) -> None:
    start = TEXT.index(needle)
    lo, hi = paragraph_bounds(TEXT, start, start + len(needle), side)
    assert TEXT[lo:hi] == expected


def test_span_outside_text_is_refused() -> None:
    with pytest.raises(ValueError):
        paragraph_bounds("abc", 2, 9)


@given(st.text(alphabet=st.sampled_from("ab ن\n📢."), max_size=60), st.data())
def test_bounds_always_hold_the_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo, hi = paragraph_bounds(text, start, end, side=10)
    assert 0 <= lo <= start <= end <= hi <= len(text)
    assert "\n" not in text[lo:start] and "\n" not in text[end:hi]


def test_evidence_context_marks_and_unknown_sources() -> None:
    sent = "الجملة الثانية فيها 40 شاحنة."
    start = TEXT.index(sent)
    n = TEXT.index("40 شاحنة")
    ev = Evidence(sent, "agree", 0.9, "bayan", start, start + len(sent), 3)
    lost = Evidence("غير موجود", "agree", 0.9, "elsewhere", 0, 9, 4)
    moved = Evidence(sent, "agree", 0.9, "bayan-old", start + 1, start + 1 + len(sent), 5)
    checks = (
        Check("quantity", "40 شاحنة", "40 شاحنة", "match", "", None, n, n + 8, "bayan", 3),
        Check("quantity", "40 شاحنة", "40 شاحنة", "match", "", None, n, n + 8, "bayan", 3),  # duplicate
        Check("quantity", "40 شاحنة", "40 شاحنة", "match", "", None, n, n + 8, "other-source", 4),
        Check("entity", "x", "y", "mismatch", "", None, None, None, "bayan", 3),
    )
    result = CheckResult("x", "supported", 0.9, (ev, lost, moved), checks)
    sources = {"bayan": SourceText(TEXT, "بيان", 3, "https://x.example"),
               "bayan-old": SourceText(TEXT, "قديم")}
    ctx = evidence_context(result, lambda e: sources.get(e.source))
    assert ctx[1] is None and ctx[2] is None  # unknown source; offsets that do not fit the text
    c = ctx[0]
    assert c is not None
    assert TEXT[c["offset"] : c["offset"] + len(c["paragraph"])] == c["paragraph"]
    assert (c["start"], c["end"], c["document_id"], c["url"]) == (start, start + len(sent), 3, "https://x.example")
    assert c["marks"] == [{"start": n, "end": n + 8, "kind": "quantity", "result": "match"}]
    assert not c["clipped_start"] and not c["clipped_end"]


def test_documents_sharing_a_source_name_keep_their_own_marks() -> None:
    """Two stored documents with the same ``source`` string: each paragraph gets only its own document's
    marks."""
    sent = "الجملة الثانية فيها 40 شاحنة."
    start = TEXT.index(sent)
    n = TEXT.index("40 شاحنة")
    first = Evidence(sent, "agree", 0.9, "same.txt", start, start + len(sent), 1)
    second = Evidence(sent, "disagree", 0.9, "same.txt", start, start + len(sent), 2)
    checks = (
        Check("quantity", "40 شاحنة", "40 شاحنة", "match", "", None, n, n + 8, "same.txt", 1),
        Check("quantity", "50 شاحنة", "40 شاحنة", "mismatch", "", None, n, n + 2, "same.txt", 2),
    )
    texts = {1: SourceText(TEXT, "one", 1), 2: SourceText(TEXT, "two", 2)}
    ctx = evidence_context(CheckResult("x", "conflicting", 0.5, (first, second), checks),
                           lambda e: texts[e.document_id or 0])
    assert [c["marks"] if c else None for c in ctx] == [
        [{"start": n, "end": n + 8, "kind": "quantity", "result": "match"}],
        [{"start": n, "end": n + 2, "kind": "quantity", "result": "mismatch"}],
    ]


def test_sources_not_stored_are_told_apart_by_name() -> None:
    sent = "فقرة أخيرة."
    start = TEXT.index(sent)
    evs = tuple(Evidence(sent, "agree", 0.9, name, start, start + len(sent))
                for name in ("source 1", "source 2"))
    checks = (Check("entity", "x", "فقرة", "match", "", None, start, start + 4, "source 2"),)
    ctx = evidence_context(CheckResult("x", "supported", 0.9, evs, checks),
                           lambda e: SourceText(TEXT, e.source))
    assert [len(c["marks"]) if c else None for c in ctx] == [0, 1]

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
        Check("quantity", "40 شاحنة", "40 شاحنة", "match", "", None, n, n + 8, "bayan"),
        Check("quantity", "40 شاحنة", "40 شاحنة", "match", "", None, n, n + 8, "bayan"),  # duplicate
        Check("quantity", "40 شاحنة", "40 شاحنة", "match", "", None, n, n + 8, "other-source"),
        Check("entity", "x", "y", "mismatch", "", None, None, None, "bayan"),
    )
    result = CheckResult("x", "supported", 0.9, (ev, lost, moved), checks)
    sources = {"bayan": SourceText(TEXT, "بيان", 3, "https://x.example"), "bayan-old": SourceText(TEXT, "قديم")}
    ctx = evidence_context(result, lambda e: sources.get(e.source))
    assert ctx[1] is None and ctx[2] is None  # unknown source; offsets that do not fit the text
    c = ctx[0]
    assert c is not None
    assert TEXT[c["offset"] : c["offset"] + len(c["paragraph"])] == c["paragraph"]
    assert (c["start"], c["end"], c["document_id"], c["url"]) == (start, start + len(sent), 3, "https://x.example")
    assert c["marks"] == [{"start": n, "end": n + 8, "kind": "quantity", "result": "match"}]
    assert not c["clipped_start"] and not c["clipped_end"]

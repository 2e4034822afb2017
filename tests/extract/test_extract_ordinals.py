"""``tabayyun.extract.ordinals``: ordinals at a token, and the quantity they make."""

from __future__ import annotations

import pytest

from tabayyun.extract.ordinals import ordinal_at, ordinal_quantity
from tabayyun.extract.tokens import prepare


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("المؤتمر الثالث", 1, (1, 1, 3)),
        ("الاجتماع الحادي والعشرين", 1, (1, 2, 21)),
        ("الدورة الخامسة عشرة", 1, (1, 2, 15)),
        ("العضو الـ15", 1, (1, 2, 15)),
        ("الحادي", 0, None),
        ("the 21st meeting", 1, (1, 2, 21)),
        ("the third meeting", 1, (1, 1, 3)),
        ("the twenty-first meeting", 1, (1, 3, 21)),
        ("the 21 meetings", 1, None),
        ("قال المتحدث", 1, None),
    ],
    ids=["ar-third", "ar-compound", "ar-teen", "ar-article-digits", "ar-lone-hadi", "en-suffix", "en-word",
         "en-hyphenated", "en-cardinal", "ar-no-ordinal"],
)
def test_ordinal_at(text: str, i: int, expected: tuple[int, int, int] | None) -> None:
    assert ordinal_at(prepare(text), i) == expected


def test_ordinal_quantity_takes_the_noun_before_and_offsets_of_the_original() -> None:
    doc = prepare("عقد المؤتمر الثالث أمس")
    q = ordinal_quantity(doc, (2, 2, 3), set())
    assert q is not None
    # nouns are normalized lemmas
    assert (q.kind, q.value, q.noun, q.text) == ("ordinal", 3.0, "موتمر", "الثالث")
    assert doc.original[q.start : q.end] == q.text


def test_ordinal_quantity_skips_taken_tokens() -> None:
    assert ordinal_quantity(prepare("عقد المؤتمر الثالث"), (2, 2, 3), {2}) is None

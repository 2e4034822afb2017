"""Tables for ``tokenize.tokens`` and ``tokenize.words``."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabayyun.text.normalize import normalize, normalize_with_offsets
from tabayyun.text.tokenize import Token, tokens, words

# (id, text, expected token texts, expected norms)
CASES = [
    ("ar-simple", "قال الوزير", ["قال", "الوزير"], ["قال", "الوزير"]),
    ("ar-punct", "نعم، لا؛ ربما؟", ["نعم", "لا", "ربما"], ["نعم", "لا", "ربما"]),
    ("ar-diacritics", "قَالَ الرَّئِيسُ", ["قَالَ", "الرَّئِيسُ"], ["قال", "الرييس"]),
    ("ar-tatweel", "الحـــكومـة", ["الحـــكومـة"], ["الحكومه"]),
    ("ar-trailing-tatweel", "كلمةـــ أخرى", ["كلمةـــ", "أخرى"], ["كلمه", "اخري"]),
    ("ar-zwsp-inside", "دا\u200bعـــش", ["دا\u200bعـــش"], ["داعش"]),
    ("ar-zwnj-inside", "دا\u200cعش", ["دا\u200cعش"], ["داعش"]),
    ("ar-rlm-inside", "حم\u200fاس", ["حم\u200fاس"], ["حماس"]),
    ("ar-zw-edges-excluded", "\u200bنص\u200b", ["نص"], ["نص"]),
    ("ar-bidi-wrapped", "\u2067نص\u2069 آخر", ["نص", "آخر"], ["نص", "اخر"]),
    ("ar-persian-letters", "حکومی ایران", ["حکومی", "ایران"], ["حكومي", "ايران"]),
    ("ar-presentation-forms", "\ufea3\ufee4\ufe8e\ufeb1", ["\ufea3\ufee4\ufe8e\ufeb1"], ["حماس"]),
    ("ar-lam-alef-ligature", "\ufefb أحد", ["\ufefb", "أحد"], ["لا", "احد"]),
    ("ar-allah-ligature", "والله و\ufdf2", ["والله", "و\ufdf2"], ["والله", "والله"]),
    ("ar-hamza-kept", "ماء السماء", ["ماء", "السماء"], ["ماء", "السماء"]),
    ("ar-quotes", "«الحكومة» قالت", ["الحكومة", "قالت"], ["الحكومه", "قالت"]),
    ("ar-parens", "(وزارة الصحة)", ["وزارة", "الصحة"], ["وزاره", "الصحه"]),
    ("ar-hashtag", "#الانتخابات_2024", ["الانتخابات", "2024"], ["الانتخابات", "2024"]),
    ("ar-mention", "@وزارة", ["وزارة"], ["وزاره"]),
    ("ar-hyphen", "الشرق-الأوسط", ["الشرق", "الأوسط"], ["الشرق", "الاوسط"]),
    ("ar-slash", "و/أو", ["و", "أو"], ["و", "او"]),
    ("ar-conj-number", "و٣٫٥", ["و", "٣٫٥"], ["و", "3.5"]),
    ("ar-year-era", "٢٠٢٠م", ["٢٠٢٠", "م"], ["2020", "م"]),
    ("ar-hijri-era", "1442هـ", ["1442", "هـ"], ["1442", "ه"]),
    ("ar-comma-decimal", "٣،٥ مليار", ["٣،٥", "مليار"], ["3,5", "مليار"]),
    ("ar-list", "٣، ٤، ٥", ["٣", "٤", "٥"], ["3", "4", "5"]),
    ("num-decimal", "3.5", ["3.5"], ["3.5"]),
    ("num-decimal-arabic", "٣٫٥", ["٣٫٥"], ["3.5"]),
    ("num-decimal-persian", "۳٫۵", ["۳٫۵"], ["3.5"]),
    ("num-decimal-comma", "3,5", ["3,5"], ["3,5"]),
    ("num-thousands", "1,000,000", ["1,000,000"], ["1,000,000"]),
    ("num-thousands-arabic-sep", "10٬000", ["10٬000"], ["10,000"]),
    ("num-thousands-arabic-digits", "١٠٬٠٠٠", ["١٠٬٠٠٠"], ["10,000"]),
    ("num-thousands-decimal", "1,234.56", ["1,234.56"], ["1,234.56"]),
    ("num-percent", "50%", ["50"], ["50"]),
    ("num-arabic-percent", "٥٠٪", ["٥٠"], ["50"]),
    ("num-trailing-period", "في 2020.", ["في", "2020"], ["في", "2020"]),
    ("num-trailing-comma", "2020, ثم", ["2020", "ثم"], ["2020", "ثم"]),
    ("num-negative", "-5", ["5"], ["5"]),
    ("num-date", "2024/03/15", ["2024", "03", "15"], ["2024", "03", "15"]),
    ("num-time", "10:30", ["10", "30"], ["10", "30"]),
    ("num-zw-inside", "1\u200b000", ["1\u200b000"], ["1000"]),
    ("num-mixed-digits", "٢0۲4", ["٢0۲4"], ["2024"]),
    ("num-unit-split", "10km", ["10", "km"], ["10", "km"]),
    ("num-currency", "$100", ["100"], ["100"]),
    ("num-fullwidth", "\uff11\uff12", ["\uff11\uff12"], ["12"]),
    ("en-simple", "The Minister said", ["The", "Minister", "said"], ["the", "minister", "said"]),
    ("en-apostrophe", "don't stop", ["don't", "stop"], ["don't", "stop"]),
    ("en-curly-apostrophe", "didn’t", ["didn’t"], ["didn’t"]),
    ("en-possessive", "government's plan", ["government's", "plan"], ["government's", "plan"]),
    ("en-quote-not-apostrophe", "'quoted'", ["quoted"], ["quoted"]),
    ("en-alnum", "G7 covid19 mp3", ["G7", "covid19", "mp3"], ["g7", "covid19", "mp3"]),
    ("en-hyphen", "COVID-19", ["COVID", "19"], ["covid", "19"]),
    ("en-accent", "Café Élysée", ["Café", "Élysée"], ["cafe", "elysee"]),
    ("en-abbrev", "U.S. envoy", ["U", "S", "envoy"], ["u", "s", "envoy"]),
    ("en-email", "info@gov.sa", ["info", "gov", "sa"], ["info", "gov", "sa"]),
    ("en-underscore", "snake_case", ["snake", "case"], ["snake", "case"]),
    ("en-soft-hyphen", "govern\u00adment", ["govern\u00adment"], ["government"]),
    ("en-fullwidth", "\uff34\uff45\uff58\uff54", ["\uff34\uff45\uff58\uff54"], ["text"]),
    ("mixed", "قالت WHO إن 3.5%", ["قالت", "WHO", "إن", "3.5"], ["قالت", "who", "ان", "3.5"]),
    ("mixed-no-space", "منظمةWHO", ["منظمةWHO"], ["منظمهwho"]),
    ("punct-only", "!!! ... ؟؟ ،،", [], []),
    ("empty", "", [], []),
    ("emoji", "خبر 🔥 عاجل", ["خبر", "عاجل"], ["خبر", "عاجل"]),
    ("greek", "ΣΟΦΙΑ", ["ΣΟΦΙΑ"], ["σοφια"]),
    ("devanagari-marks", "नमस्ते", ["नमस्ते"], ["नमस्ते"]),
    ("newlines", "سطر\nسطر", ["سطر", "سطر"], ["سطر", "سطر"]),
    ("salla-ligature-expands", "محمد \ufdfa", ["محمد", "\ufdfa", "\ufdfa", "\ufdfa", "\ufdfa"],
     ["محمد", "صلي", "الله", "عليه", "وسلم"]),
]


def test_table_size() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 60


@pytest.mark.parametrize(("text", "texts", "norms"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_tokens(text: str, texts: list[str], norms: list[str]) -> None:
    toks = tokens(text)
    assert [t.text for t in toks] == texts
    assert [t.norm for t in toks] == norms
    assert words(text) == norms
    _check_offsets(text, toks)


def _check_offsets(text: str, toks: list[Token]) -> None:
    prev = 0
    for t in toks:
        assert text[t.start : t.end] == t.text
        assert prev <= t.start <= t.end
        prev = t.start
        expanded = normalize(t.text)
        # a token's norm is normalize(text), except for one character expanding to several words
        assert t.norm == expanded or (len(expanded.split()) > 1 and t.norm in expanded.split())


@pytest.mark.parametrize("text", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_normalized_spans_map_back(text: str) -> None:
    _check_map_back(text, tokens(text))


def _check_map_back(text: str, toks: list[Token]) -> None:
    """Each token's norm, found in order in the normalized text, maps back to the token's span."""
    n = normalize_with_offsets(text)
    pos = 0
    for t in toks:
        i = n.text.find(t.norm, pos)
        assert i >= 0
        assert n.to_original(i, i + len(t.norm)) == (t.start, t.end)
        pos = i + len(t.norm)


def test_token_is_frozen_with_dict() -> None:
    t = tokens("نص")[0]
    assert t.to_dict() == {"text": "نص", "start": 0, "end": 2, "norm": "نص"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.norm = "x"  # type: ignore[misc]


_SOUP = st.text(
    alphabet=st.sampled_from(
        list("ابتجدرسعلمنهويءأىةؤئ abcXY0123٠١٢۳.,٫٬%!؟،'’-_\n")
        + ["\u064e", "\u0651", "\u0640", "\u200b", "\u200f", "\ufefb", "\ufdf2", "\ufdfa", "ی", "ک"]
    ),
    max_size=80,
)


@settings(max_examples=250, deadline=None)
@given(_SOUP)
def test_property_offsets(text: str) -> None:
    toks = tokens(text)
    _check_offsets(text, toks)
    _check_map_back(text, toks)

"""Tables for ``segment.sentences``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabayyun.text import charsets as cs
from tabayyun.text.segment import sentences

# (id, text, expected sentences)
BASIC = [
    ("ar-two-periods", "ذهب الوزير. عاد الوزير.", ["ذهب الوزير.", "عاد الوزير."]),
    ("ar-question", "هل صحيح؟ نعم.", ["هل صحيح؟", "نعم."]),
    ("ar-exclamation", "يا له من خبر! صدق.", ["يا له من خبر!", "صدق."]),
    ("ar-comma-not-end", "قال الوزير، ثم أضاف، أنه موافق.", ["قال الوزير، ثم أضاف، أنه موافق."]),
    ("ar-semicolon-not-end", "ارتفعت الأسعار؛ لأن الطلب زاد.", ["ارتفعت الأسعار؛ لأن الطلب زاد."]),
    ("ar-urdu-stop", "یہ خبر ہے۔ دوسری خبر۔", ["یہ خبر ہے۔", "دوسری خبر۔"]),
    ("ar-ellipsis-char", "انتظر… ثم تكلم.", ["انتظر…", "ثم تكلم."]),
    ("ar-three-dots", "انتظر... ثم تكلم.", ["انتظر...", "ثم تكلم."]),
    ("ar-question-exclamation", "حقا؟! لا أصدق.", ["حقا؟!", "لا أصدق."]),
    ("ar-no-final-punct", "جملة أولى. جملة بلا نقطة", ["جملة أولى.", "جملة بلا نقطة"]),
    ("ar-missing-space-after-period", "انتهى الاجتماع.وبدأ المؤتمر.", ["انتهى الاجتماع.", "وبدأ المؤتمر."]),
    ("ar-missing-space-after-question", "هل انتهى؟نعم انتهى.", ["هل انتهى؟", "نعم انتهى."]),
    ("ar-single", "خبر واحد فقط.", ["خبر واحد فقط."]),
    ("ar-leading-trailing-space", "   خبر.   ", ["خبر."]),
    ("ar-three", "ذهب علي. جاء سعيد؟ رحل خالد!", ["ذهب علي.", "جاء سعيد؟", "رحل خالد!"]),
    ("ar-multiple-spaces", "جملة.     جملة.", ["جملة.", "جملة."]),
    ("ar-tab-after", "جملة.\tجملة.", ["جملة.", "جملة."]),
    ("en-two", "The minister left. He returned.", ["The minister left.", "He returned."]),
    ("en-question", "Is it true? Yes.", ["Is it true?", "Yes."]),
    ("en-exclamation", "Wow! Really.", ["Wow!", "Really."]),
    ("en-lowercase-after-period", "The rate was approx. five percent.",
     ["The rate was approx. five percent."]),
    ("en-ellipsis-lowercase", "He paused... and went on.", ["He paused... and went on."]),
    ("mixed-ar-en", "قال الوزير. The minister said.", ["قال الوزير.", "The minister said."]),
    ("empty", "", []),
    ("spaces-only", "   \n\t ", []),
    ("invisible-only", "\u200b\ufeff", []),
    ("bom-start-trimmed", "\ufeffجملة. أخرى.", ["جملة.", "أخرى."]),
    ("rlm-around-trimmed", "\u200fجملة.\u200f \u200fأخرى.", ["جملة.", "أخرى."]),
]

NUMBERS = [
    ("decimal-ascii", "بلغ النمو 3.5 بالمئة. ثم تراجع.", ["بلغ النمو 3.5 بالمئة.", "ثم تراجع."]),
    ("decimal-arabic", "بلغ النمو ٣٫٥ بالمئة. ثم تراجع.", ["بلغ النمو ٣٫٥ بالمئة.", "ثم تراجع."]),
    ("decimal-comma", "بلغ النمو 3,5 بالمئة.", ["بلغ النمو 3,5 بالمئة."]),
    ("decimal-arabic-comma", "بلغ ٣،٥ مليار.", ["بلغ ٣،٥ مليار."]),
    ("thousands", "حضر 1,000,000 شخص. وغاب آخرون.", ["حضر 1,000,000 شخص.", "وغاب آخرون."]),
    ("european-thousands", "Es waren 1.000.000 Menschen.", ["Es waren 1.000.000 Menschen."]),
    ("en-decimal", "Growth was 2.75 percent. Then it fell.", ["Growth was 2.75 percent.", "Then it fell."]),
    ("year-end", "وقع ذلك في 2020. ثم تغير.", ["وقع ذلك في 2020.", "ثم تغير."]),
    ("arabic-year-end", "وقع ذلك عام ٢٠٢٠. ثم تغير.", ["وقع ذلك عام ٢٠٢٠.", "ثم تغير."]),
    ("version-number", "Use version 1.2.3 now.", ["Use version 1.2.3 now."]),
    ("time-dot", "الساعة 10.30 صباحا.", ["الساعة 10.30 صباحا."]),
    ("percent-end", "ارتفع 5%. ثم هبط.", ["ارتفع 5%.", "ثم هبط."]),
    ("no-before-number", "See No. 5 for details. Done.", ["See No. 5 for details.", "Done."]),
    ("no-as-answer", "The answer was no. Then silence.", ["The answer was no.", "Then silence."]),
    ("page-abbrev", "See p. 12 of the report.", ["See p. 12 of the report."]),
]

ABBREVIATIONS = [
    ("en-dr", "Dr. Smith arrived. He spoke.", ["Dr. Smith arrived.", "He spoke."]),
    ("en-mr-mrs", "Mr. and Mrs. Jones left.", ["Mr. and Mrs. Jones left."]),
    ("en-us", "The U.S. envoy met him.", ["The U.S. envoy met him."]),
    ("en-eg", "Some fruits, e.g. apples, are red.", ["Some fruits, e.g. apples, are red."]),
    ("en-ie", "One option, i.e. Option B, won.", ["One option, i.e. Option B, won."]),
    ("en-initial", "J. Smith wrote it.", ["J. Smith wrote it."]),
    ("en-prof", "Prof. Ali teaches. Students listen.", ["Prof. Ali teaches.", "Students listen."]),
    ("en-etc-capital", "Apples, pears etc. The rest wait.", ["Apples, pears etc.", "The rest wait."]),
    ("en-etc-lower", "Apples, pears etc. and more.", ["Apples, pears etc. and more."]),
    ("en-inc-end", "He works at Acme Inc. She does not.", ["He works at Acme Inc.", "She does not."]),
    ("en-vs", "Team A vs. Team B ended.", ["Team A vs. Team B ended."]),
    ("en-pm-capital", "It began at 5 p.m. The crowd left.", ["It began at 5 p.m.", "The crowd left."]),
    ("en-gen", "Gen. Hassan spoke.", ["Gen. Hassan spoke."]),
    ("en-st", "He lives on St. Mark road.", ["He lives on St. Mark road."]),
    ("ar-dr", "قال د. أحمد إن الوضع مستقر.", ["قال د. أحمد إن الوضع مستقر."]),
    ("ar-dr-no-space", "قال د.أحمد إن الوضع مستقر.", ["قال د.أحمد إن الوضع مستقر."]),
    ("ar-eng", "صرح م. خالد بذلك.", ["صرح م. خالد بذلك."]),
    ("ar-ustadh", "كتب أ. سمير مقالا.", ["كتب أ. سمير مقالا."]),
    ("ar-prof-dr", "ألقى أ.د. علي كلمة.", ["ألقى أ.د. علي كلمة."]),
    ("ar-po-box", "العنوان ص.ب. 123 الرياض.", ["العنوان ص.ب. 123 الرياض."]),
    ("hijri-end", "ولد عام 1442 هـ. ثم انتقل إلى جدة.", ["ولد عام 1442 هـ.", "ثم انتقل إلى جدة."]),
    ("hijri-attached-end", "ولد عام 1442هـ. ثم انتقل.", ["ولد عام 1442هـ.", "ثم انتقل."]),
    ("hijri-continues-muwafiq", "في عام 1442 هـ. الموافق 2021 م. عاد.",
     ["في عام 1442 هـ. الموافق 2021 م.", "عاد."]),
    ("hijri-continues-number", "سنة 1442 هـ. 2021 م. كانت صعبة.", ["سنة 1442 هـ. 2021 م.", "كانت صعبة."]),
    ("hijri-continues-slash", "عام 1442 هـ./2021 م. انتهى.", ["عام 1442 هـ./2021 م.", "انتهى."]),
    ("hijri-continues-ila", "من 1440 هـ. إلى 1442 هـ. تغير الكثير.",
     ["من 1440 هـ. إلى 1442 هـ.", "تغير الكثير."]),
    ("hijri-arabic-digits", "ولد عام ١٤٤٢ هـ. ثم سافر.", ["ولد عام ١٤٤٢ هـ.", "ثم سافر."]),
    ("miladi-end", "تأسست عام 1932 م. وهي قديمة.", ["تأسست عام 1932 م.", "وهي قديمة."]),
    ("bc-end", "بنيت عام 300 ق.م. ثم هدمت.", ["بنيت عام 300 ق.م.", "ثم هدمت."]),
    ("miladi-end-of-text", "تأسست عام 1932 م.", ["تأسست عام 1932 م."]),
    ("url-end", "راجع الموقع gov.sa. ثم اتصل.", ["راجع الموقع gov.sa.", "ثم اتصل."]),
    ("email-inside", "راسلنا على info@gov.sa اليوم.", ["راسلنا على info@gov.sa اليوم."]),
]

QUOTES = [
    ("guillemets-period-inside", "قال: «انتهى الأمر.» ثم غادر.", ["قال: «انتهى الأمر.»", "ثم غادر."]),
    ("guillemets-period-outside", "قال: «انتهى الأمر». ثم غادر.", ["قال: «انتهى الأمر».", "ثم غادر."]),
    ("guillemets-question-inside", "سأل: «هل انتهى؟» فأجاب.", ["سأل: «هل انتهى؟»", "فأجاب."]),
    ("guillemets-mid-sentence", "وصف «الاتفاق» بأنه تاريخي.", ["وصف «الاتفاق» بأنه تاريخي."]),
    ("curly-quotes-en", "He said “no.” Then left.", ["He said “no.”", "Then left."]),
    ("straight-quotes-en", 'He said "no." Then left.', ['He said "no."', "Then left."]),
    ("single-quote-en", "She wrote 'done.' It was.", ["She wrote 'done.'", "It was."]),
    ("paren-end", "(انظر الملحق.) ثم تابع.", ["(انظر الملحق.)", "ثم تابع."]),
    ("bracket-end", "[ملاحظة.] انتهى.", ["[ملاحظة.]", "انتهى."]),
    ("quote-start-next", "انتهى. «بدأ» الجديد.", ["انتهى.", "«بدأ» الجديد."]),
    ("curly-quotes-ar", "قال “نعم.” ثم صمت.", ["قال “نعم.”", "ثم صمت."]),
    ("period-then-guillemet-no-space", "انتهى.«جديد» هنا.", ["انتهى.", "«جديد» هنا."]),
    ("nested-quote-period", "قال «إنه “مستحيل.”» وغادر.", ["قال «إنه “مستحيل.”»", "وغادر."]),
]

LINES = [
    ("blank-line-ends", "جملة بلا نقطة\n\nجملة أخرى", ["جملة بلا نقطة", "جملة أخرى"]),
    ("blank-line-spaces", "سطر أول\n   \nسطر ثان", ["سطر أول", "سطر ثان"]),
    ("crlf-blank", "سطر أول\r\n\r\nسطر ثان", ["سطر أول", "سطر ثان"]),
    ("paragraph-separator", "سطر أول\u2029سطر ثان", ["سطر أول", "سطر ثان"]),
    ("form-feed", "page one\x0cpage two", ["page one", "page two"]),
    (
        "wrapped-lines-join",
        "This report was written by the committee and it covers the\nwhole of the last year in detail.",
        ["This report was written by the committee and it covers the\nwhole of the last year in detail."],
    ),
    (
        "wrapped-arabic-join",
        "أعلنت الوزارة في بيان رسمي صدر صباح اليوم عن خطة جديدة شاملة\n"
        "لإصلاح قطاع التعليم في جميع المحافظات.",
        ["أعلنت الوزارة في بيان رسمي صدر صباح اليوم عن خطة جديدة شاملة\n"
         "لإصلاح قطاع التعليم في جميع المحافظات."],
    ),
    (
        "heading-then-body",
        "العنوان الرئيسي\nنص الفقرة الأولى هنا.",
        ["العنوان الرئيسي", "نص الفقرة الأولى هنا."],
    ),
    ("markdown-heading", "# Results\nThe rate rose.", ["# Results", "The rate rose."]),
    ("markdown-heading-ar", "## النتائج\nارتفع المعدل.", ["## النتائج", "ارتفع المعدل."]),
    (
        "heading-after-sentence",
        "انتهى الفصل.\nالفصل الثاني\nبدأ الحديث.",
        ["انتهى الفصل.", "الفصل الثاني", "بدأ الحديث."],
    ),
    (
        "two-headings",
        "التقرير السنوي\nالقسم الأول\nيبدأ النص هنا.",
        ["التقرير السنوي", "القسم الأول", "يبدأ النص هنا."],
    ),
    ("dash-list", "النقاط:\n- البند الأول\n- البند الثاني", ["النقاط:", "- البند الأول", "- البند الثاني"]),
    ("star-list", "* one\n* two", ["* one", "* two"]),
    ("bullet-list", "• أولا\n• ثانيا", ["• أولا", "• ثانيا"]),
    ("numbered-list", "1. first item\n2. second item", ["1. first item", "2. second item"]),
    ("numbered-paren-list", "1) أولا\n2) ثانيا", ["1) أولا", "2) ثانيا"]),
    ("arabic-numbered-list", "١- البند الأول\n٢- البند الثاني", ["١- البند الأول", "٢- البند الثاني"]),
    ("arabic-numbered-dot", "١. أولا\n٢. ثانيا", ["١. أولا", "٢. ثانيا"]),
    ("parenthesized-numbers", "(1) أولا\n(2) ثانيا", ["(1) أولا", "(2) ثانيا"]),
    ("arabic-letter-list", "أ- الأول\nب- الثاني", ["أ- الأول", "ب- الثاني"]),
    (
        "list-item-two-sentences",
        "- قال الوزير. ثم غادر.\n- بند آخر",
        ["- قال الوزير.", "ثم غادر.", "- بند آخر"],
    ),
    (
        "list-then-text",
        "- بند\n- بند آخر\nنص عادي بعد القائمة.",
        ["- بند", "- بند آخر", "نص عادي بعد القائمة."],
    ),
    (
        "list-continuation-indented",
        "- بند طويل يستمر\n  في السطر التالي\n- بند",
        ["- بند طويل يستمر\n  في السطر التالي", "- بند"],
    ),
    ("hyphen-inside-line-not-list", "covid-19 spread fast.", ["covid-19 spread fast."]),
    ("negative-number-line-not-list", "-5 degrees today.", ["-5 degrees today."]),
    (
        "line-mode-long-lines",
        "هذه فقرة طويلة جدا مكتوبة في سطر واحد كما يخرجها مستخرج النصوص "
        "من صفحات الويب وليس في آخرها أي نقطة على الإطلاق\n"
        "وهذه فقرة ثانية طويلة أيضا في سطر واحد دون أن تنتهي بعلامة ترقيم لأن الكاتب نسي أن يضعها هنا",
        [
            "هذه فقرة طويلة جدا مكتوبة في سطر واحد كما يخرجها مستخرج النصوص "
            "من صفحات الويب وليس في آخرها أي نقطة على الإطلاق",
            "وهذه فقرة ثانية طويلة أيضا في سطر واحد دون أن تنتهي بعلامة ترقيم لأن الكاتب نسي أن يضعها هنا",
        ],
    ),
    ("punct-only-joins-previous", "خبر. !!!", ["خبر. !!!"]),
    ("punct-only-block", "***\n\nنص.", ["***", "نص."]),
    ("punct-opens-block-joins-next", "— نص هنا.", ["— نص هنا."]),
]

ALL = BASIC + NUMBERS + ABBREVIATIONS + QUOTES + LINES


def test_table_size() -> None:
    ids = [c[0] for c in ALL]
    assert len(ids) == len(set(ids))
    assert len(ALL) >= 80


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in ALL], ids=[c[0] for c in ALL])
def test_sentences(text: str, expected: list[str]) -> None:
    spans = sentences(text)
    assert [s.of(text) for s in spans] == expected
    _check_invariants(text, spans)


def _check_invariants(text: str, spans: list) -> None:  # type: ignore[type-arg]
    prev_end = 0
    for s in spans:
        assert prev_end <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert not _blank(piece[0]) and not _blank(piece[-1])
        prev_end = s.end
    covered = [False] * len(text)
    for s in spans:
        for i in range(s.start, s.end):
            covered[i] = True
    for i, ch in enumerate(text):
        if not _blank(ch):
            assert covered[i], f"char {i} {ch!r} not covered"


def _blank(ch: str) -> bool:
    return ch.isspace() or ch in cs.INVISIBLE


CAP_CASES = [
    ("cap-at-clause", "كلمة " * 50 + "، " + "كلمة " * 300, 400),
    ("cap-at-space", "word " * 700, 1000),
    ("cap-no-space", "ب" * 2500, 1000),
    ("cap-arabic-semicolon", ("جملة طويلة جدا؛ " * 200).strip(), 500),
]


@pytest.mark.parametrize(("text", "cap"), [c[1:] for c in CAP_CASES], ids=[c[0] for c in CAP_CASES])
def test_hard_cap(text: str, cap: int) -> None:
    spans = sentences(text, max_chars=cap)
    assert len(spans) >= 2
    assert all(s.end - s.start <= cap for s in spans)
    _check_invariants(text, spans)


def test_cap_prefers_clause_mark() -> None:
    text = "كلمة " * 150 + "وأخيرا؛ " + "كلمة " * 100
    spans = sentences(text, max_chars=1000)
    assert spans[0].of(text).endswith("؛")


def test_no_word_cut_when_spaces_exist() -> None:
    text = "abcdefghij " * 300
    for s in sentences(text, max_chars=200):
        assert all(w == "abcdefghij" for w in s.of(text).split())


def test_bad_cap() -> None:
    with pytest.raises(ValueError):
        sentences("نص", max_chars=1)


PATHOLOGICAL = [
    ("many-dots", "." * 200_000),
    ("dot-letter-repeat", "a." * 100_000),
    ("arabic-abbrev-repeat", "د. " * 70_000),
    ("no-space-arabic", "ب" * 200_000),
    ("newlines", "\n" * 100_000 + "x"),
    ("list-lines", "- بند\n" * 40_000),
    ("quotes", "«." * 100_000),
    ("hijri-repeat", "1442 هـ. " * 25_000),
]


@pytest.mark.parametrize("text", [c[1] for c in PATHOLOGICAL], ids=[c[0] for c in PATHOLOGICAL])
def test_pathological_inputs_linear(text: str) -> None:
    # a quadratic algorithm would not finish on these; the invariants must still hold
    spans = sentences(text)
    _check_invariants(text, spans)


_SOUP = st.lists(
    st.sampled_from(
        list("ابتجدرسعلمنهوي abcXYZ0123٠١٢.!?؟،؛…«»\"'()-*•\n\t:٫")
        + ["\n\n", "د.", "هـ.", "Dr.", "1. ", "- ", "\u200b", "\u2029", "#"]
    ),
    max_size=120,
).map("".join)


@settings(max_examples=250, deadline=None)
@given(_SOUP, st.integers(min_value=2, max_value=60))
def test_property_invariants(text: str, cap: int) -> None:
    spans = sentences(text, max_chars=cap)
    _check_invariants(text, spans)
    assert all(s.end - s.start <= cap for s in spans)

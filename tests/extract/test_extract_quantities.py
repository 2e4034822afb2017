"""Quantities with hedges, units, counted nouns, lists, ranges and ordinals."""

from __future__ import annotations

import math

import pytest

from tabayyun.extract import extract

INF = math.inf
# (id, text, value, low, high, unit, noun, kind); low/high None = unbounded; value None = no single value
QUANTITIES: list[tuple[str, str, float | None, float | None, float | None, str | None, str | None, str]] = [
    # hedges
    ("h-nahw", "قتل نحو 10 آلاف مقاتل", 10000, 9000, 11000, None, "fighter", "cardinal"),
    ("h-bi-nahw", "قدرت الخسائر بنحو 5 ملايين دولار", 5e6, 4.5e6, 5.5e6, "USD", None, "cardinal"),
    ("h-hawali", "حضر حوالي 300 شخص", 300, 270, 330, None, "person", "cardinal"),
    ("h-hawala", "حضر حوالى 300 شخص", 300, 270, 330, None, "person", "cardinal"),
    ("h-qurabat", "فر قرابة مليون لاجئ", 1e6, 9e5, 1.1e6, None, "refugee", "cardinal"),
    ("h-ma-yaqrub", "وصل ما يقرب من 200 مهاجر", 200, 180, 220, None, "migrant", "cardinal"),
    ("h-zuhaa", "شارك زهاء 40 دولة", 40, 36, 44, None, "country", "cardinal"),
    ("h-taqriban-after", "بلغ عددهم 500 شخص تقريبا", 500, 450, 550, None, "person", "cardinal"),
    ("h-akthar", "قتل أكثر من 600 شخص", 600, 600, None, None, "person", "cardinal"),
    ("h-bi-akthar", "ارتفعت الأسعار بأكثر من 20%", 20, 20, None, "percent", None, "cardinal"),
    ("h-ma-yazid", "أصيب ما يزيد على 150 شخصا", 150, 150, None, None, "person", "cardinal"),
    ("h-aqall", "شارك أقل من 50 طالبا", 50, None, 50, None, "student", "cardinal"),
    ("h-la-yaqill", "اعتقل ما لا يقل عن 200 شخص", 200, 200, None, None, "person", "cardinal"),
    ("h-ala-alaqall", "نزح 3 آلاف شخص على الأقل", 3000, 3000, None, None, "person", "cardinal"),
    ("h-aw-akthar", "يحتاج 100 طبيب أو أكثر", 100, 100, None, None, "طبيب", "cardinal"),
    ("h-ma-yasil", "تستوعب ما يصل إلى 500 مقعد", 500, None, 500, None, "seat", "cardinal"),
    ("h-en-about", "about 10,000 people", 10000, 9000, 11000, None, "person", "cardinal"),
    ("h-en-around", "around 300 soldiers", 300, 270, 330, None, "soldier", "cardinal"),
    ("h-en-more-than", "more than 600 fighters", 600, 600, None, None, "fighter", "cardinal"),
    ("h-en-over", "over 40 countries", 40, 40, None, None, "country", "cardinal"),
    ("h-en-at-least", "at least 12 people", 12, 12, None, None, "person", "cardinal"),
    ("h-en-fewer", "fewer than 20 students", 20, None, 20, None, "student", "cardinal"),
    ("h-en-up-to", "up to 5,000 refugees", 5000, None, 5000, None, "refugee", "cardinal"),
    ("h-en-nearly", "nearly 2 million people", 2e6, 1.8e6, 2.2e6, None, "person", "cardinal"),
    ("h-en-or-more", "50 or more vehicles", 50, 50, None, None, "vehicle", "cardinal"),
    # currencies
    ("c-dollar", "436 مليون دولار", 436e6, 436e6, 436e6, "USD", None, "cardinal"),
    ("c-dollar-american", "5 مليارات دولار أمريكي", 5e9, 5e9, 5e9, "USD", None, "cardinal"),
    ("c-dollarat", "عشرة دولارات", 10, 10, 10, "USD", None, "cardinal"),
    ("c-euro", "13.5 مليار يورو", 13.5e9, 13.5e9, 13.5e9, "EUR", None, "cardinal"),
    ("c-geneh", "200 جنيه", 200, 200, 200, "EGP", None, "cardinal"),
    ("c-geneh-sterling", "200 جنيه إسترليني", 200, 200, 200, "GBP", None, "cardinal"),
    ("c-riyal", "مليون ريال", 1e6, 1e6, 1e6, "SAR", None, "cardinal"),
    ("c-riyal-qatari", "3 ملايين ريال قطري", 3e6, 3e6, 3e6, "QAR", None, "cardinal"),
    ("c-dirham", "500 درهم", 500, 500, 500, "AED", None, "cardinal"),
    ("c-dirham-maghribi", "500 درهم مغربي", 500, 500, 500, "MAD", None, "cardinal"),
    ("c-dinar-kuwaiti", "20 دينارا كويتيا", 20, 20, 20, "KWD", None, "cardinal"),
    ("c-dinar-iraqi", "ألف دينار عراقي", 1000, 1000, 1000, "IQD", None, "cardinal"),
    ("c-lira-turkish", "100 ليرة تركية", 100, 100, 100, "TRY", None, "cardinal"),
    ("c-lira-lebanese", "15 ألف ليرة لبنانية", 15000, 15000, 15000, "LBP", None, "cardinal"),
    ("c-lira", "50 ليرة", 50, 50, 50, "LIRA", None, "cardinal"),
    ("c-dollar-sign-before", "$436 million", 436e6, 436e6, 436e6, "USD", None, "cardinal"),
    ("c-dollar-sign-after", "5 مليون $", 5e6, 5e6, 5e6, "USD", None, "cardinal"),
    ("c-euro-sign", "€2.5 billion", 2.5e9, 2.5e9, 2.5e9, "EUR", None, "cardinal"),
    ("c-pound-sign", "£300", 300, 300, 300, "GBP", None, "cardinal"),
    ("c-usd-code-before", "USD 500", 500, 500, 500, "USD", None, "cardinal"),
    ("c-usd-code-after", "500 USD", 500, 500, 500, "USD", None, "cardinal"),
    ("c-en-dollars", "600 million dollars", 600e6, 600e6, 600e6, "USD", None, "cardinal"),
    ("c-en-us-dollar-sign", "US$ 20", 20, 20, 20, "USD", None, "cardinal"),
    ("c-en-bn", "$5bn", 5e9, 5e9, 5e9, "USD", None, "cardinal"),
    ("c-en-euros", "40 euros", 40, 40, 40, "EUR", None, "cardinal"),
    # percentages and points
    ("p-sign", "ارتفع التضخم إلى 30%", 30, 30, 30, "percent", None, "cardinal"),
    ("p-arabic-sign", "ارتفع التضخم إلى ٣٠٪", 30, 30, 30, "percent", None, "cardinal"),
    ("p-sign-before", "نسبة %45", 45, 45, 45, "percent", None, "cardinal"),
    ("p-bilmia", "نما الاقتصاد 2.5 بالمئة", 2.5, 2.5, 2.5, "percent", None, "cardinal"),
    ("p-bilmaia", "نما الاقتصاد 3 بالمائة", 3, 3, 3, "percent", None, "cardinal"),
    ("p-fi-almaia", "انخفضت البطالة إلى 7 في المائة", 7, 7, 7, "percent", None, "cardinal"),
    ("p-fi-almia", "بلغت النسبة 12 في المئة", 12, 12, 12, "percent", None, "cardinal"),
    ("p-words", "خمسة وعشرين في المئة", 25, 25, 25, "percent", None, "cardinal"),
    ("p-points", "رفع الفائدة 0.75 نقطة مئوية", 0.75, 0.75, 0.75, "pp", None, "cardinal"),
    ("p-points-plural", "تراجع بثلاث نقاط مئوية", 3, 3, 3, "pp", None, "cardinal"),
    ("p-en-percent", "5 percent", 5, 5, 5, "percent", None, "cardinal"),
    ("p-en-per-cent", "5 per cent", 5, 5, 5, "percent", None, "cardinal"),
    ("p-en-points", "2 percentage points", 2, 2, 2, "pp", None, "cardinal"),
    ("p-en-sign", "inflation hit 8.5%", 8.5, 8.5, 8.5, "percent", None, "cardinal"),
    # counted nouns, before and after
    ("n-after", "انضم 90 دولة", 90, 90, 90, None, "country", "cardinal"),
    ("n-after-acc", "قتل 600 مقاتلا", 600, 600, 600, None, "fighter", "cardinal"),
    ("n-after-plural", "عشرة أشخاص", 10, 10, 10, None, "person", "cardinal"),
    ("n-adad-before", "ارتفع عدد القتلى إلى 600", 600, 600, 600, None, "killed", "cardinal"),
    ("n-adad-members", "بلغ عدد الأعضاء 83", 83, 83, 83, None, "member", "cardinal"),
    ("n-en-number-of", "the number of deaths rose to 250", 250, 250, 250, None, "killed", "cardinal"),
    ("n-en-after", "600 fighters", 600, 600, 600, None, "fighter", "cardinal"),
    ("n-en-children", "3 million children", 3e6, 3e6, 3e6, None, "child", "cardinal"),
    ("n-unknown-noun", "زرع 300 نخلة", 300, 300, 300, None, "نخله", "cardinal"),
    # lists and ranges
    ("l-82-83", "ليصبحا العضوين 82 و83", None, 82, 83, None, "member", "list"),
    ("l-three", "في الأعوام 1, 2 and 3", None, 1, 3, None, "year", "list"),
    ("l-aw", "قتل 5 أو 6 أشخاص", None, 5, 6, None, "person", "list"),
    ("r-bayn", "بين 10 و15 مليون دولار", None, 10e6, 15e6, "USD", None, "range"),
    ("r-ma-bayn", "ما بين 200 و300 شخص", None, 200, 300, None, "person", "range"),
    ("r-min-ila", "من 5 إلى 10 آلاف", None, 5000, 10000, None, None, "range"),
    ("r-hyphen", "5-10 سنوات", None, 5, 10, None, "year", "range"),
    ("r-en-between", "between 10 and 15 million", None, 10e6, 15e6, None, None, "range"),
    ("r-en-to", "from 20 to 30 percent", None, 20, 30, "percent", None, "range"),
    # vague counts
    ("v-asharat-alaf", "خرج عشرات الآلاف من المتظاهرين", None, 20000, 99999, None, "متظاهر", "vague"),
    ("v-miat", "مئات القتلى", None, 200, 999, None, "killed", "vague"),
    ("v-en-thousands", "thousands of people", None, 2000, 9999, None, "person", "vague"),
    ("v-en-tens-of-thousands", "tens of thousands of refugees", None, 20000, 99999, None, "refugee", "vague"),
    # ordinals
    ("o-thalith", "الدورة الثالثة", 3, 3, 3, None, "دوره", "ordinal"),
    ("o-awwal", "المؤتمر الأول", 1, 1, 1, None, "موتمر", "ordinal"),
    ("o-hadi-ashar", "اليوم الحادي عشر", 11, 11, 11, None, None, "ordinal"),
    ("o-21", "القرن الحادي والعشرين", 21, 21, 21, None, "قرن", "ordinal"),
    ("o-al-15", "الدورة الـ15", 15, 15, 15, None, "دوره", "ordinal"),
    ("o-en-21st", "the 21st century", 21, 21, 21, None, "century", "ordinal"),
    ("o-en-third", "the third round", 3, 3, 3, None, "round", "ordinal"),
    ("o-en-twenty-first", "the twenty-first session", 21, 21, 21, None, "session", "ordinal"),
]


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "unit", "noun", "kind"),
    [q[1:] for q in QUANTITIES],
    ids=[q[0] for q in QUANTITIES],
)
def test_quantity(text: str, value: float | None, low: float | None, high: float | None, unit: str | None,
                  noun: str | None, kind: str) -> None:
    qs = extract(text).quantities
    assert len(qs) == 1, qs
    q = qs[0]
    assert text[q.start : q.end] == q.text
    assert (q.value, q.unit, q.noun, q.kind) == (
        pytest.approx(value) if value is not None else None, unit, noun, kind)
    assert q.low == (pytest.approx(low) if low is not None else None)
    assert q.high == (pytest.approx(high) if high is not None else None)


@pytest.mark.parametrize(
    "text",
    ["طائرة F16", "فيروس كوفيد-19", "شبكة 5G", "في عام 2014", "قال إنه لست أدري"],
    ids=["f16", "covid-19", "5g", "year", "lastu-not-six"],
)
def test_not_a_quantity(text: str) -> None:
    assert extract(text).quantities == ()


def test_role_read_from_the_verb() -> None:
    q1, q2 = extract("قتل 20 شخصا وأصيب 30 آخرون").quantities
    assert (q1.role, q2.role) == ("killed", "injured")


def test_hedge_span_includes_the_hedge() -> None:
    text = "قتل ما لا يقل عن 200 شخص"
    q = extract(text).quantities[0]
    assert q.text == "ما لا يقل عن 200 شخص" and text[q.start : q.end] == q.text

"""Claim vs evidence: aligned quantities, dates and entities → match / mismatch / not_comparable."""

from __future__ import annotations

import pytest

from tabayyun.extract import compare, extract

# (id, claim, evidence, kind, expected result)
PAIRS: list[tuple[str, str, str, str, str]] = [
    # quantities
    ("q-nahw-10k-vs-10000", "قتل نحو 10 آلاف مقاتل", "قتل 10000 مقاتل", "quantity", "match"),
    ("q-more-than-600-vs-650", "شارك أكثر من 600 مقاتل", "شارك 650 مقاتلا", "quantity", "match"),
    ("q-more-than-600-vs-500", "شارك أكثر من 600 مقاتل", "شارك 500 مقاتل", "quantity", "mismatch"),
    ("q-90-vs-82-83", "يضم التحالف الدولي 90 دولة",
     "انضمت تونس وتشاد إلى التحالف الدولي لتصبحا العضوين 82 و83",
     "quantity", "mismatch"),
    ("q-83-vs-82-83", "يضم التحالف الدولي 83 دولة",
     "انضمت تونس وتشاد إلى التحالف الدولي لتصبحا العضوين 82 و83",
     "quantity", "match"),
    ("q-ar-dollars-vs-en", "قدمت واشنطن 436 مليون دولار", "Washington gave $436 million", "quantity",
     "match"),
    ("q-600m-vs-436m", "قدمت واشنطن 600 مليون دولار", "Washington gave $436 million", "quantity", "mismatch"),
    ("q-words-vs-digits", "قتل ستمائة وسبعون شخصا", "قتل 670 شخصا", "quantity", "match"),
    ("q-rounded-10k", "بلغ عدد السكان 10 آلاف", "بلغ عدد السكان 10200 نسمة", "quantity", "match"),
    ("q-exact-10000-vs-10200", "بلغ عدد السكان 10,000 نسمة", "بلغ عدد السكان 10200 نسمة", "quantity",
     "mismatch"),
    ("q-13.5bn-vs-13.46bn", "بلغت الصادرات 13.5 مليار دولار", "بلغت الصادرات 13.46 مليار دولار", "quantity",
     "match"),
    ("q-percent", "ارتفع التضخم إلى 30%", "ارتفع التضخم إلى 25 في المائة", "quantity", "mismatch"),
    ("q-percent-match", "ارتفع التضخم إلى 30%", "ارتفع التضخم إلى 30 بالمئة", "quantity", "match"),
    ("q-range-contains", "قتل بين 10 و20 شخصا", "قتل 15 شخصا", "quantity", "match"),
    ("q-range-excludes", "قتل بين 10 و20 شخصا", "قتل 35 شخصا", "quantity", "mismatch"),
    ("q-en-about", "about 10,000 people fled", "10,400 people fled", "quantity", "match"),
    ("q-en-vs-ar-count", "more than 600 fighters", "قتل 650 مقاتلا", "quantity", "match"),
    ("q-claim-exact-evidence-approx", "فر 10000 لاجئ", "فر نحو 10 آلاف لاجئ", "quantity", "match"),
    ("q-claim-exact-evidence-bound", "فر 650 لاجئا", "فر أكثر من 600 لاجئ", "quantity", "not_comparable"),
    ("q-vague", "قتل مئات الأشخاص", "قتل 30 شخصا", "quantity", "mismatch"),
    ("q-currency-differs", "بلغت 5 ملايين دولار", "بلغت 5 ملايين يورو", "quantity", None),
    ("q-roles-differ", "قتل 30 شخصا", "أصيب 30 شخصا", "quantity", None),
    ("q-nouns-differ", "وصل 300 لاجئ", "وصل 200 صحفي", "quantity", None),
    ("q-bare-never-mismatch", "الرقم هو 7", "الرقم هو 9", "quantity", "not_comparable"),
    ("q-ordinal", "في الدورة الثالثة", "في الدورة الرابعة", "quantity", "mismatch"),
    # dates
    ("d-haziran-yunyu", "وقع الهجوم في حزيران 2021", "وقع الهجوم في يونيو 2021", "date", "match"),
    ("d-haziran-june", "وقع الهجوم في حزيران 2021", "The attack happened in June 2021", "date", "match"),
    ("d-august-january", "أعلن في أغسطس 2014", "أعلن في يناير 2014", "date", "mismatch"),
    ("d-day-in-month", "وقع في حزيران 2021", "وقع في 28 يونيو 2021", "date", "match"),
    ("d-coarser-evidence", "وقع في 28 يونيو 2021", "وقع في 2021", "date", "not_comparable"),
    ("d-hijri-vs-gregorian", "وقع في رمضان 1442 هـ", "وقع في 27 أبريل 2021", "date", "match"),
    ("d-hijri-day-vs-gregorian", "وقع في 15 رمضان 1442 هـ", "وقع في 27 أبريل 2021", "date", "match"),
    ("d-hijri-vs-wrong-gregorian", "وقع في رمضان 1442 هـ", "وقع في 27 أبريل 2020", "date", "mismatch"),
    ("d-yearless-months", "في أغسطس", "في يناير", "date", "mismatch"),
    ("d-yearless-same", "في آب/أغسطس", "in August", "date", "match"),
    ("d-season-fuzzy", "في خريف 2021", "في ديسمبر 2021", "date", "not_comparable"),
    ("d-season-far", "في خريف 2021", "في مارس 2021", "date", "mismatch"),
    ("d-year-vs-year", "تأسس عام 2014", "تأسس عام 2015", "date", "mismatch"),
    # entities
    ("e-paris-rome", "عقد المؤتمر في باريس", "عقد المؤتمر في روما", "entity", "mismatch"),
    ("e-paris-paris-en", "عقد المؤتمر في باريس", "The conference was held in Paris", "entity", "match"),
    ("e-blinken", "قال بلينكن إن", "Blinken said", "entity", "match"),
    ("e-trump-variants", "قال ترامب", "قال ترمب", "entity", "match"),
    ("e-daesh-isis", "هاجم داعش القرية", "ISIS attacked the village", "entity", "match"),
    ("e-adjective-vs-country", "انسحبت القوات الفرنسية", "انسحبت قوات فرنسا", "entity", "match"),
    ("e-country-substitution", "انسحبت القوات الفرنسية", "انسحبت القوات البريطانية", "entity", "mismatch"),
    ("e-person-substitution", "قال بايدن إن", "قال أوباما إن", "entity", "mismatch"),
    ("e-city-outside-country", "عقد في باريس", "عقد في ألمانيا", "entity", "mismatch"),
    ("e-city-inside-country-no-check", "عقد في باريس", "عقد في فرنسا", "entity", None),
    ("e-nested-org-no-substitution", "The coalition against ISIS met in Rome",
     "عقد وزراء دول التحالف الدولي لهزيمة داعش اجتماعهم في روما", "entity", "match"),
    ("e-coalition-alias", "أصبح عدد أعضاء التحالف ضد داعش 83 عضواً", "انضم عضوان إلى التحالف الدولي ضد داعش",
     "entity", "match"),
    ("q-repeated-scale", "تستهدف نحو 2.5 مليون طفل", "تستهدف نحو مليونين ونصف مليون طفل", "quantity",
     "match"),
    ("e-transliteration-unknown", "قال الرئيس نيكولاس مادورو", "President Nicolas Maduro said", "entity",
     "match"),
    # scores and tallies: two numbers written high to low are not a range ("7-0" does not hold "1-0")
    ("t-score-vs-lower", "The team was trailing 7-0", "كان الفريق متأخرا بنتيجة 1-0", "quantity", "mismatch"),
    ("t-score-same", "فاز المنتخب 2-0 على ضيفه", "فاز المنتخب على ضيفه بنتيجة 2-0", "quantity", "match"),
    ("t-score-en-ar", "Europe won by 16.5 to 10.5", "فاز فريق أوروبا بنتيجة 16.5 إلى 10.5", "quantity",
     "match"),
    ("t-score-first-changed", "Europe won by 19.5 to 10.5", "فاز فريق أوروبا بنتيجة 16.5 إلى 10.5",
     "quantity", "mismatch"),
    ("t-score-second-changed", "انتهت المباراة 3-2", "انتهت المباراة بنتيجة 3-1", "quantity", "mismatch"),
    ("t-score-either-order", "خسر الفريق 0-3 أمام ضيفه", "فاز الضيف 3-0", "quantity", None),
    ("t-score-vs-count", "انتهت المباراة 3-1", "حضر المباراة 40 ألف متفرج", "quantity", None),
    ("t-range-still-a-range", "أصيب بين 10 و20 شخصا", "أصيب 15 شخصا", "quantity", "match"),
    ("t-range-low-high", "The storm hit 10-20 villages", "The storm hit 25 villages", "quantity", "mismatch"),
]


@pytest.mark.parametrize(("claim", "evidence", "kind", "expected"), [p[1:] for p in PAIRS],
                         ids=[p[0] for p in PAIRS])
def test_compare(claim: str, evidence: str, kind: str, expected: str | None) -> None:
    checks = [c for c in compare(claim, evidence) if c.kind == kind]
    if expected is None:
        assert checks == []
        return
    assert checks, compare(claim, evidence)
    assert checks[0].result == expected, checks
    c = checks[0]
    assert evidence[c.evidence_start : c.evidence_end] == c.evidence_text
    assert c.detail


def test_precomputed_extractions_are_used() -> None:
    claim, evidence = "قتل 30 شخصا", "قتل 20 شخصا"
    checks = compare(claim, evidence, claim_extraction=extract(claim), evidence_extraction=extract(evidence))
    assert [(c.kind, c.result, c.tolerance) for c in checks] == [("quantity", "mismatch", "exact")]


def test_several_evidence_rates_are_not_guessed() -> None:
    checks = compare("ارتفع التضخم إلى 30%", "ارتفع التضخم إلى 25% والبطالة إلى 10%")
    assert [c for c in checks if c.kind == "quantity"] == []


def test_check_to_dict_shape() -> None:
    d = compare("قتل 30 شخصا", "قتل 20 شخصا")[0].to_dict()
    assert {"kind", "claim_text", "evidence_text", "result", "detail", "tolerance"} <= set(d)

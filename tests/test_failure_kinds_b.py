"""Failure kinds of issue 9, part B: implied counts, document dates, places across scripts.

Each kind has a table on the pure comparison (``compare``) and a few cases through the
real pipeline (``Tabayyun().check(claim, sources=[...])`` with the default models).
All sentences are written for these tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tabayyun import Tabayyun
from tabayyun.extract import compare
from tabayyun.ingest import RawDocument
from tabayyun.results import Check
from tabayyun.testing import HashingEmbedder, OverlapStance
from tabayyun.text import sentences


def _result(checks: list[Check], kind: str) -> str | None:
    """The outcome of a kind over all its checks: any mismatch, else any match, else the first, else None."""
    got = {c.result for c in checks if c.kind == kind}
    for r in ("mismatch", "match", "not_comparable"):
        if r in got:
            return r
    return None


# ---------------------------------------------------------------- implied counts
JOINED = "رحب الاجتماع بانضمام البلدين عضوين جديدين رقم 40 و41"
MALTA = "Malta became the 83rd member of the coalition"
# (id, claim, evidence, quantity outcome)
IMPLIED: list[tuple[str, str, str, str | None]] = [
    ("ar-list-41", "يضم التحالف 41 عضوا", JOINED, "match"),
    ("en-list-41", "The initiative has 41 members", JOINED, "match"),
    ("ar-list-40", "يضم التحالف 40 عضوا", JOINED, "mismatch"),
    ("en-list-45", "The initiative now has 45 members", JOINED, "mismatch"),
    ("ar-raqm", "أصبح عدد الأعضاء 83 عضوا", "انضمت مالطا لتصبح العضو رقم 83 في التحالف", "match"),
    ("ar-dawla-raqm", "يضم التحالف 83 دولة", "أصبحت مالطا الدولة رقم 83 التي تنضم إلى التحالف", "match"),
    ("en-83rd", "The coalition has 83 members", MALTA, "match"),
    ("en-83rd-vs-80", "The coalition has 80 members", MALTA, "mismatch"),
    ("ar-words", "يضم التحالف 83 عضوا", "انضمت مالطا بوصفها العضو الثالث والثمانين", "match"),
    ("ar-country-words", "تضم المنظمة 41 دولة", "وأصبحت تونس الدولة الحادية والأربعين التي تنضم إلى المنظمة",
     "match"),
    ("en-41st-join", "41 countries are members of the treaty",
     "Chile was the 41st country to join the treaty",
     "match"),
    ("en-member-number", "The alliance has 32 members", "Sweden joined as member number 32", "match"),
    ("en-member-no", "The alliance has 31 members", "Sweden joined as member No. 32", "mismatch"),
    ("ar-raqmayn", "أصبح عدد أعضاء التحالف 83", "ويحمل العضوان الجديدان الرقمين 82 و83", "match"),
    ("ar-raqmayn-82", "يضم التحالف 82 عضوا", "ويحمل العضوان الجديدان الرقمين 82 و83", "mismatch"),
    ("claim-position", "انضمت مالطا لتصبح العضو رقم 83", "يضم التحالف الآن 83 عضوا", "match"),
    ("claim-position-84", "Malta became the 84th member to join", "The coalition now has 83 members",
     "mismatch"),
    ("en-numbers", "The bloc has 27 members", "The bloc welcomed two new members, numbers 26 and 27",
     "match"),
    ("en-claim-ar-raqm", "The organization has 194 member states", "انضمت الدولة رقم 194 إلى المنظمة",
     "match"),
    ("accession", "NATO has 30 members", "North Macedonia's accession made it the 30th member", "match"),
    ("no-join-cue", "The committee has 5 members", "The third member of the committee spoke first", None),
    ("session-ordinal", "The council has 15 members", "في الدورة الخامسة عشرة للمجلس", None),
    ("resolution-number", "The council has 15 members", "The council adopted resolution number 2254", None),
    ("country-no-join", "Twenty countries attended", "France was the third country to speak", None),
    ("ranking", "The index covers 41 countries", "Jordan ranked 41st in the index", None),
    ("room-number", "The hotel has 40 rooms", "The delegates met in room number 41", None),
    ("new-without-number", "يضم التحالف 83 عضوا", "رحب التحالف بالعضو الجديد", None),
    ("ar-new-ordinal", "يضم التحالف 41 عضوا", "ورحب بالعضو الجديد الحادي والأربعين", "match"),
    ("hedged-more-than", "The coalition has more than 80 members", "Malta became the 83rd member to join",
     "match"),
    ("hedged-fewer-than", "The coalition has fewer than 50 members", "Malta became the 83rd member to join",
     "mismatch"),
    ("approx", "يضم التحالف نحو 80 عضوا", "انضمت مالطا لتصبح العضو رقم 83", "match"),
    ("en-claim-ar-words", "The coalition has 83 members", "أصبحت مالطا العضو الثالث والثمانين في التحالف",
     "match"),
    ("ar-claim-en-words", "يضم التحالف 83 عضوا", "Malta became the eighty-third member", "match"),
]


@pytest.mark.parametrize(("claim", "evidence", "expected"), [c[1:] for c in IMPLIED],
                         ids=[c[0] for c in IMPLIED])
def test_implied_count(claim: str, evidence: str, expected: str | None) -> None:
    checks = compare(claim, evidence)
    assert _result(checks, "quantity") == expected, checks
    for c in checks:
        if c.evidence_start is not None:
            assert evidence[c.evidence_start : c.evidence_end] == c.evidence_text


# ---------------------------------------------------------------- document dates
MAY_3 = date(2022, 5, 3)  # a Tuesday
# (id, claim, evidence, the evidence's document date, date outcome)
DOCUMENT_DATES: list[tuple[str, str, str, date | None, str | None]] = [
    ("today-en", "The ministers met on May 3, 2022.", "اجتمع الوزراء في عمّان اليوم", MAY_3, "match"),
    ("today-wrong-day", "The ministers met on May 5, 2022.", "اجتمع الوزراء في عمّان اليوم", MAY_3,
     "mismatch"),
    ("today-ar-claim", "اجتمع الوزراء في 3 أيار/مايو 2022", "اجتمع الوزراء اليوم", MAY_3, "match"),
    ("today-month-claim", "The ministers met in May 2022.", "اجتمع الوزراء اليوم", MAY_3, "match"),
    ("today-wrong-month", "The ministers met in June 2022.", "اجتمع الوزراء اليوم", MAY_3, "mismatch"),
    ("today-wrong-year", "The ministers met in May 2021.", "اجتمع الوزراء اليوم", MAY_3, "mismatch"),
    ("yesterday", "The ministers met on May 2, 2022.", "اجتمع الوزراء أمس", MAY_3, "match"),
    ("yesterday-wrong", "The ministers met on May 3, 2022.", "اجتمع الوزراء أمس", MAY_3, "mismatch"),
    ("yesterday-en", "اجتمع الوزراء في 2 أيار 2022", "The ministers met yesterday", MAY_3, "match"),
    ("day-before-yesterday", "The ministers met on May 1, 2022.", "اجتمع الوزراء أول أمس", MAY_3, "match"),
    ("ams-al-awwal", "The ministers met on May 1, 2022.", "اجتمع الوزراء أمس الأول", MAY_3, "match"),
    ("tomorrow", "The ministers will meet on May 4, 2022.", "يجتمع الوزراء غدا", MAY_3, "match"),
    ("tomorrow-tanween", "The ministers will meet on May 4, 2022.", "يجتمع الوزراء غداً", MAY_3, "match"),
    ("tomorrow-wrong", "The ministers will meet on May 6, 2022.", "يجتمع الوزراء غدا", MAY_3, "mismatch"),
    ("after-tomorrow", "The ministers will meet on May 5, 2022.", "يجتمع الوزراء بعد غد", MAY_3, "match"),
    ("last-night", "The attack took place on May 2, 2022.", "وقع الهجوم الليلة الماضية", MAY_3, "match"),
    ("this-morning", "The statement was issued on May 3, 2022.", "The statement was issued this morning",
     MAY_3,
     "match"),
    ("this-week-day-claim", "The ministers met on May 4, 2022.", "يجتمع الوزراء هذا الأسبوع", MAY_3,
     "not_comparable"),
    ("this-week-month-claim", "The ministers met in May 2022.", "اجتمع الوزراء هذا الأسبوع", MAY_3, "match"),
    ("this-week-en", "The ministers met in May 2022.", "The ministers met this week", MAY_3, "match"),
    ("current-week", "The ministers met in May 2022.", "اجتمع الوزراء خلال الأسبوع الجاري", MAY_3, "match"),
    ("last-week-wrong-month", "The ministers met in March 2022.", "اجتمع الوزراء الأسبوع الماضي", MAY_3,
     "mismatch"),
    ("last-month", "The agreement was signed in April 2022.", "وقع الاتفاق الشهر الماضي", MAY_3, "match"),
    ("last-month-munsarim", "The agreement was signed in April 2022.", "وقع الاتفاق الشهر المنصرم", MAY_3,
     "match"),
    ("last-month-wrong", "The agreement was signed in February 2022.", "وقع الاتفاق الشهر الماضي", MAY_3,
     "mismatch"),
    ("last-month-new-year", "The agreement was signed in December 2021.", "وقع الاتفاق الشهر الماضي",
     date(2022, 1, 10), "match"),
    ("last-year", "The law was passed in 2021.", "أقر القانون العام الماضي", MAY_3, "match"),
    ("last-year-wrong", "The law was passed in 2019.", "أقر القانون العام الماضي", MAY_3, "mismatch"),
    ("next-year", "The elections will be held in 2023.", "تجرى الانتخابات العام المقبل", MAY_3, "match"),
    ("last-tuesday", "The ministers met on April 26, 2022.", "اجتمع الوزراء يوم الثلاثاء الماضي", MAY_3,
     "match"),
    ("days-ago", "The ministers met on April 30, 2022.", "اجتمع الوزراء قبل 3 أيام", MAY_3, "match"),
    ("two-days-ago", "The ministers met on May 1, 2022.", "اجتمع الوزراء قبل يومين", MAY_3, "match"),
    ("no-document-date", "The ministers met on May 3, 2022.", "اجتمع الوزراء اليوم", None, None),
    ("explicit-date-needs-none", "The ministers met on May 3, 2022.", "اجتمع الوزراء في 3 أيار 2022", None,
     "match"),
]


@pytest.mark.parametrize(("claim", "evidence", "doc_date", "expected"), [c[1:] for c in DOCUMENT_DATES],
                         ids=[c[0] for c in DOCUMENT_DATES])
def test_document_date(claim: str, evidence: str, doc_date: date | None, expected: str | None) -> None:
    checks = compare(claim, evidence, evidence_date=doc_date)
    assert _result(checks, "date") == expected, checks


# ---------------------------------------------------------------- places across scripts
# (id, claim, evidence, entity outcome)
PLACES: list[tuple[str, str, str, str | None]] = [
    ("cairo-vs-amman", "The ministers met in Cairo.", "اجتمع الوزراء في عمّان", "mismatch"),
    ("amman-homograph", "The ministers met in Amman.", "اجتمع الوزراء في عمّان", "match"),
    ("oman-homograph", "The ministers met in Oman.", "اجتمع الوزراء في عمان", "match"),
    ("muscat-in-oman-reading", "The ministers met in Muscat.", "اجتمع الوزراء في عمان", None),
    ("jordan-contains-amman", "The ministers met in Jordan.", "اجتمع الوزراء في عمّان", "match"),
    ("cairo-from-not-in", "The ministers met in Cairo.", "وصل الوزراء من القاهرة واجتمعوا في عمّان",
     "mismatch"),
    ("washington", "The talks took place in Washington.", "جرت المحادثات في واشنطن", "match"),
    ("washington-vs-london", "The talks took place in Washington.", "جرت المحادثات في لندن", "mismatch"),
    ("rome", "The summit was held in Rome.", "عقدت القمة في روما", "match"),
    ("rome-vs-paris", "The summit was held in Rome.", "عقدت القمة في باريس", "mismatch"),
    ("ar-claim-en-evidence", "عقدت القمة في روما", "The summit was held in Rome", "match"),
    ("ar-claim-en-evidence-mismatch", "عقدت القمة في روما", "The summit was held in Geneva", "mismatch"),
    ("tunis-homograph", "The ministers met in Tunis.", "اجتمع الوزراء في تونس", "match"),
    ("algiers-homograph", "The conference opened in Algiers.", "افتتح المؤتمر في الجزائر", "match"),
    ("kuwait-homograph", "The talks were held in Kuwait City.", "عقدت المحادثات في الكويت", "match"),
    ("capital-with-adjective", "The ministers met in Cairo.", "اجتمع الوزراء في العاصمة الأردنية عمّان",
     "mismatch"),
    ("to-role", "The delegation flew to Cairo.", "توجه الوفد إلى عمّان", "mismatch"),
    ("to-role-match", "The delegation flew to Amman.", "توجه الوفد إلى عمّان", "match"),
    ("from-role", "The delegation came from Cairo.", "جاء الوفد من الرياض", "mismatch"),
    ("from-vs-to-no-check", "The delegation came from Cairo.", "توجه الوفد إلى الرياض", None),
    ("glued-ba", "The ministers met in Cairo.", "اجتمع الوزراء بالقاهرة", "match"),
    ("glued-ba-mismatch", "The ministers met in Beirut.", "اجتمع الوزراء بالقاهرة", "mismatch"),
    ("coordinated", "The ministers met in Cairo.", "اجتمع الوزراء في القاهرة وعمّان", "match"),
    ("two-places-no-substitution", "The ministers met in Beirut.", "اجتمع الوزراء في القاهرة وعمّان", None),
    ("nationality-is-not-a-place", "The ministers met in Cairo.", "اجتمع الوزراء المصريون والأردنيون في عمّان",
     "mismatch"),
    ("city-outside-country", "The ministers met in Paris.", "اجتمع الوزراء في ألمانيا", "mismatch"),
    ("city-inside-country", "The ministers met in Paris.", "اجتمع الوزراء في فرنسا", None),
    ("country-vs-country", "The ministers met in Egypt.", "اجتمع الوزراء في الأردن", "mismatch"),
    ("country-contains-city", "The summit took place in Morocco.", "عقدت القمة في مراكش", "match"),
    ("added-city", "The forum was held in Tbilisi.", "عقد المنتدى في تبليسي", "match"),
    ("added-city-mismatch", "The forum was held in Tbilisi.", "عقد المنتدى في باكو", "mismatch"),
    ("other-role-only-on-topic", "The ministers met in Amman.", "اجتمع الوزراء القادمون من القاهرة في عمّان",
     "match"),
    ("same-script-ar", "اجتمع الوزراء في القاهرة", "اجتمع الوزراء في عمّان", "mismatch"),
    ("same-script-en", "The ministers met in Cairo.", "The ministers met in Amman.", "mismatch"),
    ("region-vs-city-unknown", "The ministers met in Gaza.", "اجتمع الوزراء في القاهرة", None),
]


@pytest.mark.parametrize(("claim", "evidence", "expected"), [c[1:] for c in PLACES],
                         ids=[c[0] for c in PLACES])
def test_place(claim: str, evidence: str, expected: str | None) -> None:
    checks = compare(claim, evidence)
    assert _result(checks, "entity") == expected, checks
    for c in checks:
        if c.evidence_start is not None:
            assert evidence[c.evidence_start : c.evidence_end] == c.evidence_text


def test_tables_hold_thirty_cases_each() -> None:
    assert min(len(IMPLIED), len(DOCUMENT_DATES), len(PLACES), len(WINDOWS)) >= 30


# ---------------------------------------------------------------- evidence across two adjacent sentences
# (id, claim, document, judged as a two-sentence window?, checks that must be among the result's)
WINDOWS: list[tuple[str, str, str, bool, set[tuple[str, str]] | None]] = [
    ("date-then-place", "عقد مجلس وزراء المياه العرب دورته في عمّان يوم 3 أيار 2022",
     ("عقد مجلس وزراء المياه العرب دورته العادية يوم 3 أيار/مايو 2022. "
      "وعقد الاجتماع في عمّان بحضور ممثلين عن اثنتي عشرة دولة."),
     True, {("date", "match"), ("entity", "match")}),
    ("date-then-wrong-place", "عقد مجلس وزراء المياه العرب دورته في القاهرة يوم 3 أيار 2022",
     ("عقد مجلس وزراء المياه العرب دورته العادية يوم 3 أيار/مايو 2022. "
      "وعقد الاجتماع في عمّان بحضور ممثلين عن اثنتي عشرة دولة."),
     True, {("entity", "mismatch")}),
    ("place-then-date", "اجتمع وزراء النقل في الرباط يوم 12 آذار 2023",
     ("اجتمع وزراء النقل في الرباط لبحث ربط شبكات السكك الحديدية. "
      "وجاء الاجتماع يوم 12 آذار/مارس 2023 بدعوة من المغرب."),
     True, {("date", "match")}),
    ("place-then-wrong-date", "اجتمع وزراء النقل في الرباط يوم 15 آذار 2023",
     ("اجتمع وزراء النقل في الرباط لبحث ربط شبكات السكك الحديدية. "
      "وجاء الاجتماع يوم 12 آذار/مارس 2023 بدعوة من المغرب."),
     True, {("date", "mismatch")}),
    ("org-then-number", "أعلنت وزارة الصحة أن عدد المصابين بالتسمم بلغ 300 شخص",
     ("أعلنت وزارة الصحة حصيلة جديدة لضحايا التسمم الغذائي في المدينة. "
      "وبلغ عدد المصابين 300 شخص، بينهم 40 طفلا."),
     True, {("quantity", "match")}),
    ("org-then-wrong-number", "أعلنت وزارة الصحة أن عدد المصابين بالتسمم بلغ 500 شخص",
     ("أعلنت وزارة الصحة حصيلة جديدة لضحايا التسمم الغذائي في المدينة. "
      "وبلغ عدد المصابين 300 شخص، بينهم 40 طفلا."),
     True, {("quantity", "mismatch")}),
    ("en-date-then-place", "The water ministers met in Amman on May 3, 2022.",
     ("The water ministers held their annual meeting on May 3, 2022. "
      "The meeting took place in Amman and lasted two days."),
     True, {("date", "match"), ("entity", "match")}),
    ("en-date-then-wrong-place", "The water ministers met in Cairo on May 3, 2022.",
     ("The water ministers held their annual meeting on May 3, 2022. "
      "The meeting took place in Amman and lasted two days."),
     True, {("entity", "mismatch")}),
    ("en-number-then-date", "The fund raised 200 million dollars in June 2021.",
     ("The reconstruction fund said it had raised 200 million dollars. "
      "The last pledges came in June 2021 from three donors."),
     True, {("date", "match"), ("quantity", "match")}),
    ("en-number-then-wrong-date", "The fund raised 200 million dollars in May 2021.",
     ("The reconstruction fund said it had raised 200 million dollars. "
      "The last pledges came in June 2021 from three donors."),
     True, {("date", "mismatch")}),
    ("ar-number-then-place", "افتتحت الحكومة 12 مدرسة جديدة في إربد",
     ("افتتحت الحكومة 12 مدرسة جديدة هذا الأسبوع. "
      "وتقع المدارس كلها في إربد شمال البلاد."),
     True, {("entity", "match"), ("quantity", "match")}),
    ("ar-number-then-wrong-place", "افتتحت الحكومة 12 مدرسة جديدة في الدمام",
     ("افتتحت الحكومة 12 مدرسة جديدة هذا الأسبوع. "
      "وتقع المدارس كلها في جدة غرب البلاد."),
     True, {("entity", "mismatch")}),
    ("ar-place-then-number", "نزح 3 آلاف شخص من حلب",
     ("شهدت حلب موجة نزوح جديدة بعد القصف. "
      "ونزح 3 آلاف شخص خلال يومين بحسب الأمم المتحدة."),
     True, {("quantity", "match")}),
    ("ar-place-then-wrong-number", "نزح 5 آلاف شخص من حلب",
     ("شهدت حلب موجة نزوح جديدة بعد القصف. "
      "ونزح 3 آلاف شخص خلال يومين بحسب الأمم المتحدة."),
     True, {("quantity", "mismatch")}),
    ("en-person-then-place", "Foreign Minister Ayman Safadi spoke in Geneva on Monday",
     ("Foreign Minister Ayman Safadi addressed the conference on refugees. "
      "He spoke in Geneva to delegates from forty states."),
     True, {("entity", "match")}),
    ("both-in-one-sentence", "عقد مجلس وزراء المياه العرب دورته في عمّان يوم 3 أيار 2022",
     ("عقد مجلس وزراء المياه العرب دورته في عمّان يوم 3 أيار/مايو 2022. "
      "وناقش المجلس خطة لمواجهة الجفاف."),
     False, {("date", "match"), ("entity", "match")}),
    ("one-fact-claim", "عقد الاجتماع في عمّان",
     ("عقد مجلس وزراء المياه العرب دورته العادية يوم 3 أيار/مايو 2022. "
      "وعقد الاجتماع في عمّان بحضور ممثلين."),
     False, None),
    ("neighbour-adds-nothing", "أعلنت وزارة الصحة أن عدد المصابين بالتسمم بلغ 300 شخص",
     ("وبلغ عدد المصابين بالتسمم 300 شخص كما أعلنت وزارة الصحة. "
      "ودعت السلطات السكان إلى غلي مياه الشرب."),
     False, {("quantity", "match")}),
    ("not-adjacent", "عقد مجلس وزراء المياه العرب دورته في عمّان يوم 3 أيار 2022",
     ("عقد مجلس وزراء المياه العرب دورته العادية يوم 3 أيار/مايو 2022. "
      "وناقش المجلس خطة لمواجهة الجفاف. "
      "وعقد الاجتماع في عمّان."),
     False, None),
    ("en-not-adjacent", "The water ministers met in Amman on May 3, 2022.",
     ("The water ministers held their annual meeting on May 3, 2022. "
      "They discussed a plan against drought. "
      "The meeting took place in Amman."),
     False, None),
    ("en-one-sentence", "The water ministers met in Amman on May 3, 2022.",
     ("The water ministers met in Amman on May 3, 2022. "
      "They discussed a plan against drought."),
     False, {("date", "match"), ("entity", "match")}),
    ("three-facts-across-two", "The fund raised 200 million dollars in Doha in June 2021.",
     ("The reconstruction fund raised 200 million dollars at its conference in Doha. "
      "The last pledges came in June 2021."),
     True, {("date", "match"), ("quantity", "match")}),
    ("previous-sentence", "بلغ عدد المصابين بالتسمم في الموصل 300 شخص",
     ("سجلت الموصل حالات تسمم غذائي أمس. "
      "وبلغ عدد المصابين 300 شخص."),
     True, {("quantity", "match")}),
    ("en-previous-sentence", "Floods in Basra displaced 4,000 people.",
     ("Heavy floods hit Basra after three days of rain. "
      "They displaced 4,000 people, officials said."),
     True, {("quantity", "match")}),
    ("en-previous-wrong-number", "Floods in Basra displaced 9,000 people.",
     ("Heavy floods hit Basra after three days of rain. "
      "They displaced 4,000 people, officials said."),
     True, {("quantity", "mismatch")}),
    ("hijri-then-place", "عقدت القمة في الدوحة يوم 15 رمضان 1443",
     ("عقدت القمة الخليجية يوم 15 رمضان 1443 هـ. "
      "واستضافت الدوحة القمة بحضور القادة."),
     True, {("date", "match")}),
    ("year-then-number", "سجلت البلاد 40 ألف حالة عام 2020",
     ("تراجعت الإصابات بالحصبة عام 2020. "
      "وسجلت البلاد 40 ألف حالة فقط بحسب التقرير."),
     True, {("quantity", "match")}),
    ("percent-then-date", "ارتفع التضخم بنسبة 5% في نيسان 2023",
     ("ارتفع معدل التضخم بنسبة 5% على أساس سنوي. "
      "وجاء ذلك في نيسان/أبريل 2023 بحسب دائرة الإحصاء."),
     True, {("date", "match"), ("quantity", "match")}),
    ("percent-then-wrong-date", "ارتفع التضخم بنسبة 5% في أيار 2023",
     ("ارتفع معدل التضخم بنسبة 5% على أساس سنوي. "
      "وجاء ذلك في نيسان/أبريل 2023 بحسب دائرة الإحصاء."),
     True, {("date", "mismatch")}),
    ("en-money-then-place", "The bank lent 50 million dollars to Tunisia.",
     ("The development bank approved a loan of 50 million dollars. "
      "The loan goes to Tunisia for water projects."),
     True, {("quantity", "match")}),
    ("unrelated-neighbour", "أعلنت وزارة الصحة أن عدد المصابين بالتسمم بلغ 300 شخص",
     ("أعلنت وزارة الصحة حصيلة جديدة لضحايا التسمم الغذائي. "
      "وفاز المنتخب الوطني على ضيفه بهدفين."),
     False, None),
]


@pytest.fixture(scope="module")
def fake_tb() -> Iterator[Tabayyun]:
    with Tabayyun(":memory:", embedder=HashingEmbedder(), stance_model=OverlapStance()) as t:
        yield t


@pytest.mark.parametrize(("claim", "document", "windowed", "expected"), [c[1:] for c in WINDOWS],
                         ids=[c[0] for c in WINDOWS])
def test_two_sentence_window(fake_tb: Tabayyun, claim: str, document: str, windowed: bool,
                             expected: set[tuple[str, str]] | None) -> None:
    result = fake_tb.check(claim, sources=[document])
    single = {(s.start, s.end) for s in sentences(document)}
    windows = [e for e in result.evidence if (e.start, e.end) not in single]
    assert bool(windows) == windowed, result.to_dict()
    for w in windows:
        assert document[w.start : w.end] == w.text
        assert sum(1 for s, e in single if w.start <= s and e <= w.end) == 2
    for c in result.checks:
        if c.evidence_start is not None:
            assert document[c.evidence_start : c.evidence_end] == c.evidence_text
    if expected is not None:
        assert expected <= {(c.kind, c.result) for c in result.checks}, result.to_dict()


# ---------------------------------------------------------------- the real pipeline
STATEMENT = (
    "عمّان، 3 أيار/مايو 2022 — عقد وزراء المياه في الدول الأعضاء في مبادرة الأنهار المشتركة اجتماعهم السنوي "
    "في عمّان اليوم. وناقش الوزراء خطة العمل للأعوام الثلاثة المقبلة وسبل تمويلها من المانحين. "
    "ورحّب الاجتماع بانضمام البلدين عضوين جديدين رقم 40 و41 إلى المبادرة. "
    "وأكد البيان الختامي أن المبادرة ستواصل دعم مشاريع تحلية المياه في الدول الأعضاء. "
    "وكان الوزراء قد وقّعوا الشهر الماضي اتفاقا لتبادل بيانات الفيضانات. "
    "وأشار رئيس الاجتماع إلى أن الاجتماع المقبل سيعقد في الرباط في الربيع القادم."
)
UNDATED = "عقد وزراء المياه اجتماعهم السنوي في عمّان اليوم لبحث تقاسم مياه الأنهار المشتركة."
DATED = RawDocument(text=UNDATED, title="statement", source="statement", date="2022-05-03")
COALITION = (
    "أعلن التحالف الدولي لمكافحة التصحر أن مالطا أصبحت الدولة رقم 83 التي تنضم إلى التحالف. "
    "وقال المتحدث إن الانضمام تم خلال اجتماع في جنيف."
)
SUMMIT_AR = "عقدت قمة دول حوض النهر في باريس أمس بحضور عشرين زعيما. واتفق القادة على تبادل بيانات الفيضانات."
SUMMIT_EN = "Leaders of the river basin states met in Rome on Tuesday. The summit agreed to share flood data."

#: cross-lingual pairs the default stance model calls unrelated, so their checks are not used (see the report
#: of issue 9: the gate's relatedness is word overlap plus e5, and word overlap is zero across scripts)
CROSS_LINGUAL_GAP = "the stance gate calls an English claim against an Arabic sentence unrelated"
# (id, claim, sources, verdict)
PIPELINE: list[tuple[str, str, list[str | RawDocument], str]] = [
    ("implied-en-41", "The initiative has 41 members", [STATEMENT], "supported"),
    ("implied-ar-41", "تضم المبادرة 41 عضوا", [STATEMENT], "supported"),
    ("implied-ar-45", "تضم المبادرة 45 عضوا", [STATEMENT], "refuted"),
    ("implied-ar-83", "يضم التحالف الدولي لمكافحة التصحر 83 دولة", [COALITION], "supported"),
    ("implied-en-80", "The coalition against desertification has 80 member countries", [COALITION],
     "refuted"),
    ("date-dateline-en", "The ministers met in Amman on May 3, 2022.", [STATEMENT], "supported"),
    ("date-field-en", "The ministers met in Amman on May 3, 2022.", [DATED], "supported"),
    ("date-field-ar", "عقد وزراء المياه اجتماعهم السنوي في عمّان يوم 3 أيار 2022", [DATED], "supported"),
    ("date-field-ar-wrong", "عقد وزراء المياه اجتماعهم السنوي في عمّان يوم 5 أيار 2022", [DATED], "refuted"),
    ("date-last-month", "وقّع الوزراء في نيسان 2022 اتفاقا لتبادل بيانات الفيضانات", [STATEMENT], "supported"),
    ("date-last-month-wrong", "وقّع الوزراء في شباط 2022 اتفاقا لتبادل بيانات الفيضانات", [STATEMENT],
     "refuted"),
    ("date-unknown", "The ministers met in Amman on May 3, 2022.", [UNDATED], "not_enough_info"),
    ("place-ar-cairo", "عقد وزراء المياه اجتماعهم السنوي في القاهرة", [STATEMENT], "refuted"),
    ("place-en-cairo", "The ministers met in Cairo.", [UNDATED], "refuted"),
    ("place-ar-rome", "عقدت قمة دول حوض النهر في روما", [SUMMIT_AR], "refuted"),
    ("place-ar-paris", "عقدت قمة دول حوض النهر في باريس", [SUMMIT_AR], "supported"),
    ("place-en-paris", "Leaders of the river basin states met in Paris.", [SUMMIT_EN], "refuted"),
    ("place-en-rome", "Leaders of the river basin states met in Rome.", [SUMMIT_EN], "supported"),
]
GAPS = {"implied-en-80"}
COUNCIL = (
    "عقد مجلس وزراء المياه العرب دورته العادية يوم 3 أيار/مايو 2022. "
    "وعقد الاجتماع في عمّان بحضور ممثلين عن اثنتي عشرة دولة. وناقش المجلس خطة لمواجهة الجفاف."
)
POISONING = (
    "أعلنت وزارة الصحة حصيلة جديدة لضحايا التسمم الغذائي في المدينة. "
    "وبلغ عدد المصابين 300 شخص، بينهم 40 طفلا. ودعت الوزارة السكان إلى غلي مياه الشرب."
)
PIPELINE += [
    ("window-place-right", "عقد مجلس وزراء المياه العرب دورته في عمّان يوم 3 أيار 2022", [COUNCIL],
     "supported"),
    ("window-place-wrong", "عقد مجلس وزراء المياه العرب دورته في القاهرة يوم 3 أيار 2022", [COUNCIL],
     "refuted"),
    ("window-number-right", "أعلنت وزارة الصحة أن عدد المصابين بالتسمم بلغ 300 شخص", [POISONING],
     "supported"),
    ("window-number-wrong", "أعلنت وزارة الصحة أن عدد المصابين بالتسمم بلغ 500 شخص", [POISONING], "refuted"),
]


@pytest.fixture(scope="module")
def tb() -> Iterator[Tabayyun]:
    with Tabayyun(":memory:") as t:
        yield t


@pytest.mark.slow
@pytest.mark.parametrize(
    ("claim", "sources", "verdict"),
    [pytest.param(*c[1:], id=c[0], marks=pytest.mark.xfail(reason=CROSS_LINGUAL_GAP, strict=True))
     if c[0] in GAPS else pytest.param(*c[1:], id=c[0]) for c in PIPELINE],
)
def test_pipeline(tb: Tabayyun, claim: str, sources: list[str | RawDocument], verdict: str) -> None:
    result = tb.check(claim, sources=sources)
    assert result.verdict == verdict, result.to_dict()

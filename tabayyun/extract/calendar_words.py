"""Month, season, weekday and relative-date words (Arabic sets, Maghrebi, English, Hijri)."""

from __future__ import annotations

from .tokens import norm_key

_GREGORIAN = {
    1: "يناير|كانون الثاني|جانفي|january|jan",
    2: "فبراير|شباط|فيفري|فبراير|february|feb",
    3: "مارس|آذار|march|mar",
    4: "أبريل|إبريل|ابريل|نيسان|أفريل|april|apr",
    5: "مايو|أيار|ماي|may",
    6: "يونيو|يونيه|حزيران|جوان|june|jun",
    7: "يوليو|يوليه|تموز|جويلية|جويلة|يوليوز|july|jul",
    8: "أغسطس|اغسطس|آب|أوت|غشت|august|aug",
    9: "سبتمبر|أيلول|شتنبر|september|sep|sept",
    10: "أكتوبر|اكتوبر|تشرين الأول|october|oct",
    11: "نوفمبر|تشرين الثاني|نونبر|november|nov",
    12: "ديسمبر|كانون الأول|دجنبر|december|dec",
}
#: names that are also common words: a month only next to a day number, a year or a paired name
AMBIGUOUS = {norm_key(w) for w in ("آب", "مارس", "ماي", "may", "march", "mar", "jan", "sep", "dec", "جوان")}

GREGORIAN_MONTHS: dict[tuple[str, ...], int] = {}
for _m, _names in _GREGORIAN.items():
    for _n in _names.split("|"):
        GREGORIAN_MONTHS[norm_key(_n)] = _m

_HIJRI = {
    1: "محرم|المحرم",
    2: "صفر",
    3: "ربيع الأول|ربيع أول",
    4: "ربيع الآخر|ربيع الثاني|ربيع ثاني",
    5: "جمادى الأولى|جمادى الأول|جمادى أول",
    6: "جمادى الآخرة|جمادى الثانية|جمادى الآخر|جمادى ثاني",
    7: "رجب",
    8: "شعبان",
    9: "رمضان",
    10: "شوال",
    11: "ذو القعدة|ذي القعدة|ذا القعدة",
    12: "ذو الحجة|ذي الحجة|ذا الحجة",
}
HIJRI_MONTHS: dict[tuple[str, ...], int] = {}
for _m, _names in _HIJRI.items():
    for _n in _names.split("|"):
        HIJRI_MONTHS[norm_key(_n)] = _m

#: year markers after a number: هـ / هجري → Hijri; م / ميلادي / AD / CE → Gregorian
HIJRI_MARKERS = {norm_key(w) for w in ("هـ", "ه", "هجري", "هجرية", "للهجرة", "ah")}
GREGORIAN_MARKERS = {norm_key(w) for w in ("م", "ميلادي", "ميلادية", "للميلاد", "ad", "ce")}
#: words that introduce a year
YEAR_WORDS = {norm_key(w) for w in ("عام", "العام", "سنة", "السنة", "عامي", "لعام", "للعام", "بعام", "وعام",
                                    "year")}
YEAR_PREPS = {norm_key(w) for w in ("في", "منذ", "حتى", "خلال", "قبل", "بعد", "in", "since", "until", "by",
                                    "during",
                                    "of", "before", "after", "from", "to", "وفي", "ومنذ")}

SEASONS: dict[tuple[str, ...], str] = {}
for _s, _names in {
    "spring": "ربيع|الربيع|spring",
    "summer": "صيف|الصيف|summer",
    "autumn": "خريف|الخريف|autumn|fall",
    "winter": "شتاء|الشتاء|winter",
}.items():
    for _n in _names.split("|"):
        SEASONS[norm_key(_n)] = _s

#: parts of a year or month: early / mid / late
PARTS: dict[tuple[str, ...], str] = {}
for _p, _names in {
    "early": "مطلع|بداية|أوائل|مستهل|بدايات|early|the beginning of|beginning of|the start of|start of",
    "mid": "منتصف|أواسط|mid|the middle of|middle of",
    "late": "أواخر|نهاية|ختام|late|the end of|end of",
}.items():
    for _n in _names.split("|"):
        PARTS[norm_key(_n)] = _p

HALVES = {norm_key(p): h for p, h in (("النصف الأول", 1), ("النصف الثاني", 2), ("the first half", 1),
                                        ("the second half", 2), ("first half", 1), ("second half", 2))}
QUARTERS = {norm_key(p): q for p, q in (
    ("الربع الأول", 1), ("الربع الثاني", 2), ("الربع الثالث", 3), ("الربع الرابع", 4), ("الربع الأخير", 4),
    ("the first quarter", 1), ("the second quarter", 2), ("the third quarter", 3), ("the fourth quarter", 4),
    ("first quarter", 1), ("second quarter", 2), ("third quarter", 3), ("fourth quarter", 4),
    ("q1", 1), ("q2", 2), ("q3", 3), ("q4", 4))}

WEEKDAYS = {norm_key(w): d for w, d in (
    ("الاثنين", 0), ("الإثنين", 0), ("الثلاثاء", 1), ("الأربعاء", 2), ("الخميس", 3), ("الجمعة", 4),
    ("السبت", 5), ("الأحد", 6), ("monday", 0), ("tuesday", 1), ("wednesday", 2), ("thursday", 3),
    ("friday", 4), ("saturday", 5), ("sunday", 6))}

#: relative expressions → (unit, offset): resolved against the document date
RELATIVE = {norm_key(p): v for p, v in (
    ("اليوم", ("day", 0)), ("today", ("day", 0)), ("أمس", ("day", -1)), ("البارحة", ("day", -1)),
    ("yesterday", ("day", -1)), ("أول أمس", ("day", -2)), ("أول من أمس", ("day", -2)),
    ("the day before yesterday", ("day", -2)), ("غدا", ("day", 1)), ("tomorrow", ("day", 1)),
    ("الأسبوع الماضي", ("week", -1)), ("last week", ("week", -1)), ("هذا الأسبوع", ("week", 0)),
    ("this week", ("week", 0)), ("الأسبوع المقبل", ("week", 1)), ("الأسبوع القادم", ("week", 1)),
    ("next week", ("week", 1)), ("أمس الأول", ("day", -2)), ("بعد غد", ("day", 2)),
    ("the day after tomorrow", ("day", 2)), ("قبل يومين", ("day", -2)), ("منذ يومين", ("day", -2)),
    ("two days ago", ("day", -2)), ("الليلة الماضية", ("day", -1)), ("last night", ("day", -1)),
    ("الليلة", ("day", 0)), ("tonight", ("day", 0)), ("هذا الصباح", ("day", 0)), ("this morning", ("day", 0)),
    ("هذا المساء", ("day", 0)), ("this evening", ("day", 0)), ("this afternoon", ("day", 0)),
    ("الأسبوع الجاري", ("week", 0)), ("الأسبوع الحالي", ("week", 0)), ("الأسبوع الفائت", ("week", -1)),
    ("الأسبوع المنصرم", ("week", -1)), ("الشهر الفائت", ("month", -1)), ("الشهر المنصرم", ("month", -1)),
    ("العام الفائت", ("year", -1)), ("العام المنصرم", ("year", -1)), ("السنة الفائتة", ("year", -1)),
    ("السنة المنصرمة", ("year", -1)), ("السنة الجارية", ("year", 0)), ("السنة القادمة", ("year", 1)),
    ("الشهر الماضي", ("month", -1)), ("last month", ("month", -1)), ("الشهر الجاري", ("month", 0)),
    ("الشهر الحالي", ("month", 0)), ("هذا الشهر", ("month", 0)), ("this month", ("month", 0)),
    ("الشهر المقبل", ("month", 1)), ("الشهر القادم", ("month", 1)), ("next month", ("month", 1)),
    ("العام الماضي", ("year", -1)), ("السنة الماضية", ("year", -1)), ("last year", ("year", -1)),
    ("العام الجاري", ("year", 0)), ("العام الحالي", ("year", 0)), ("هذا العام", ("year", 0)),
    ("السنة الحالية", ("year", 0)), ("this year", ("year", 0)), ("العام المقبل", ("year", 1)),
    ("العام القادم", ("year", 1)), ("السنة المقبلة", ("year", 1)), ("next year", ("year", 1)),
)}
PAST = {norm_key(w) for w in ("الماضي", "الفائت", "المنصرم", "last")}
NEXT = {norm_key(w) for w in ("المقبل", "القادم", "next")}
DAYS_AGO = {norm_key(w) for w in ("قبل", "منذ")}
DAY_WORDS = {norm_key(w) for w in ("أيام", "يوما", "day", "days")}

"""Word lists for number words, written in plain Arabic/English and normalized once.

Keys are normalized with :func:`tabayyun.text.normalize.normalize` at import, so
the tables read naturally here (مائة، ثلاثة، إحدى) and match the folded input
(مايه، ثلاثه، احدي).
"""

from __future__ import annotations

from decimal import Decimal

from ..text.normalize import normalize

D = Decimal


def _fold(table: dict[str, tuple[str, Decimal]]) -> dict[str, tuple[str, Decimal]]:
    return {normalize(k): v for k, v in table.items()}


def _forms(value: int, *words: str, cat: str = "unit") -> dict[str, tuple[str, Decimal]]:
    return {w: (cat, D(value)) for w in words}


_AR: dict[str, tuple[str, Decimal]] = {}
# units, every case ending and gender (the teen-only forms need a following عشر)
_AR |= _forms(0, "صفر")
_AR |= _forms(1, "واحد", "واحدة")
_AR |= _forms(1, "أحد", "إحدى", cat="unit_teen")
_AR |= _forms(2, "اثنان", "اثنين", "اثنتان", "اثنتين", "إثنان", "إثنين")
_AR |= _forms(2, "اثنا", "اثني", "اثنتا", "اثنتي", cat="unit_teen")
_AR |= _forms(3, "ثلاثة", "ثلاث")
_AR |= _forms(4, "أربعة", "أربع")
_AR |= _forms(5, "خمسة", "خمس")
_AR |= _forms(6, "ستة", "ست")
_AR |= _forms(7, "سبعة", "سبع")
_AR |= _forms(8, "ثمانية", "ثماني", "ثمان")
_AR |= _forms(9, "تسعة", "تسع")
_AR |= _forms(10, "عشرة", "عشر", cat="ten")
_AR |= _forms(20, "عشرون", "عشرين", cat="tens")
_AR |= _forms(30, "ثلاثون", "ثلاثين", cat="tens")
_AR |= _forms(40, "أربعون", "أربعين", cat="tens")
_AR |= _forms(50, "خمسون", "خمسين", cat="tens")
_AR |= _forms(60, "ستون", "ستين", cat="tens")
_AR |= _forms(70, "سبعون", "سبعين", cat="tens")
_AR |= _forms(80, "ثمانون", "ثمانين", cat="tens")
_AR |= _forms(90, "تسعون", "تسعين", cat="tens")
_AR |= _forms(100, "مائة", "مئة", "مية", cat="hundred")
_AR |= _forms(200, "مائتان", "مائتين", "مئتان", "مئتين", "مائتا", "مئتا", "مائتي", "مئتي", cat="hundreds")
for _n, _stems in (
    (300, ("ثلاث", "ثلاثة")),
    (400, ("أربع", "أربعة")),
    (500, ("خمس", "خمسة")),
    (600, ("ست", "ستة")),
    (700, ("سبع", "سبعة")),
    (800, ("ثمان", "ثماني")),
    (900, ("تسع", "تسعة")),
):
    for _stem in _stems:
        _AR |= _forms(_n, _stem + "مائة", _stem + "مئة", cat="hundreds")
# scales: singular, dual (nominative/oblique and construct), plural, accusative singular
for _scale, _sing, _duals, _plurals in (
    (1000, ("ألف",), ("ألفان", "ألفين"), ("آلاف", "ألاف", "الاف")),
    (10**6, ("مليون",), ("مليونان", "مليونين"), ("ملايين",)),
    (10**9, ("مليار", "بليون"), ("ملياران", "مليارين", "بليونان", "بليونين"), ("مليارات", "بلايين")),
    (10**12, ("تريليون", "ترليون"), ("تريليونان", "تريليونين"), ("تريليونات",)),
):
    _AR |= _forms(_scale, *_sing, cat="scale")
    _AR |= _forms(_scale, *_duals, cat="scale_dual")
    _AR |= _forms(_scale, *_plurals, cat="scale_plural")
    _AR |= _forms(_scale, *(s + "ا" for s in _sing), cat="scale_acc")
_AR["نصف"] = ("fraction", D("0.5"))
_AR["ربع"] = ("fraction", D("0.25"))
_AR["ثلث"] = ("fraction", D(1) / D(3))
_AR["ثلثا"] = ("fraction", D(2) / D(3))
_AR["ثلثي"] = ("fraction", D(2) / D(3))
_AR["أرباع"] = ("fraction_plural", D("0.25"))
_AR["أثلاث"] = ("fraction_plural", D(1) / D(3))
_AR["عشرات"] = ("vague", D(10))
_AR["مئات"] = ("vague", D(100))
_AR["مئات"] = ("vague", D(100))

AR_NUMBER_WORDS = _fold(_AR)
# "ست" (lady), "سبع" (lion), "خمس" (a fifth) are accepted: news text rarely means them next to a count

_EN: dict[str, tuple[str, Decimal]] = {"zero": ("unit", D(0)), "nil": ("unit", D(0))}
for _i, _w in enumerate(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"], start=1):
    _EN[_w] = ("unit", D(_i))
for _i, _w in enumerate(
    ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen"], start=10
):
    _EN[_w] = ("teen", D(_i))
for _i, _w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
                        start=2):
    _EN[_w] = ("tens", D(_i * 10))
_EN["hundred"] = ("hundred", D(100))
_EN["thousand"] = ("scale", D(1000))
_EN["million"] = ("scale", D(10**6))
_EN["billion"] = ("scale", D(10**9))
_EN["trillion"] = ("scale", D(10**12))
_EN["half"] = ("fraction", D("0.5"))
_EN["quarter"] = ("fraction", D("0.25"))
_EN["dozen"] = ("dozen", D(12))
EN_NUMBER_WORDS = _EN

#: scale abbreviations allowed right after digits ("5bn", "$3m", "10k")
EN_SCALE_ABBREV = {"k": D(1000), "m": D(10**6), "mn": D(10**6), "mln": D(10**6), "bn": D(10**9),
                   "b": D(10**9), "tn": D(10**12), "thousands": D(1000), "millions": D(10**6),
                   "billions": D(10**9)}

#: "tens of thousands": vague counts → (low, high)
EN_VAGUE = {"dozens": (D(24), D(99)), "tens": (D(20), D(99)), "hundreds": (D(200), D(999)),
            "thousands": (D(2000), D(9999)), "millions": (D(2 * 10**6), D(999 * 10**6)),
            "billions": (D(2 * 10**9), D(999 * 10**9))}

#: Arabic clitics that may be glued to a number word: and, with/by, for, so
AR_PREFIXES = tuple(normalize(p) for p in ("وب", "ول", "فب", "و", "ب", "ل", "ف"))

# ----------------------------------------------------------------- ordinals
_AR_ORD_UNITS = {
    1: "أول أولى الأول الأولى حادي الحادي حادية الحادية",
    2: "ثاني ثانية الثاني الثانية",
    3: "ثالث ثالثة الثالث الثالثة",
    4: "رابع رابعة الرابع الرابعة",
    5: "خامس خامسة الخامس الخامسة",
    6: "سادس سادسة السادس السادسة",
    7: "سابع سابعة السابع السابعة",
    8: "ثامن ثامنة الثامن الثامنة",
    9: "تاسع تاسعة التاسع التاسعة",
    10: "عاشر عاشرة العاشر العاشرة",
}
#: Arabic ordinal word → value; "حادي" only with a following عشر or و+tens
AR_ORDINALS: dict[str, int] = {}
for _v, _ws in _AR_ORD_UNITS.items():
    for _w in _ws.split():
        AR_ORDINALS[normalize(_w)] = _v
#: the bare tens with the article are ordinals ("القرن العشرين", "الدورة الخمسين")
AR_ORDINAL_TENS: dict[str, int] = {}
for _w, (_cat, _val) in list(AR_NUMBER_WORDS.items()):
    if _cat == "tens":
        AR_ORDINAL_TENS["ال" + _w] = int(_val)
        AR_ORDINAL_TENS["وال" + _w] = int(_val)
AR_ORDINAL_TEEN = {normalize("عشر"), normalize("عشرة")}

EN_ORDINALS: dict[str, int] = {}
for _i, _w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
     "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
     "nineteenth"],
    start=1,
):
    EN_ORDINALS[_w] = _i
for _i, _w in enumerate(["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth",
                         "eightieth", "ninetieth"], 2):
    EN_ORDINALS[_w] = _i * 10
EN_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})

"""Named character sets, the single place where code points are listed.

Every regex and translation table in :mod:`tabayyun.text` is built from these.
"""

from __future__ import annotations

#: harakat, tanween, shadda, sukun, dagger alef, Quranic annotation marks
DIACRITICS = (
    "".join(chr(c) for c in range(0x064B, 0x0660))  # fathatan .. hamza below, wavy hamza
    + "\u0670"  # dagger (superscript) alef
    + "".join(chr(c) for c in range(0x0610, 0x061B))  # honorifics and small marks
    + "".join(chr(c) for c in range(0x06D6, 0x06DD))  # Quranic small high ligatures
    + "".join(chr(c) for c in range(0x06DF, 0x06E5))
    + "\u06E7\u06E8"
    + "".join(chr(c) for c in range(0x06EA, 0x06EE))
    + "".join(chr(c) for c in range(0x08D3, 0x08E2))  # Arabic Extended-A marks
    + "".join(chr(c) for c in range(0x08E3, 0x0900))
)

TATWEEL = "\u0640"

#: invisible characters used to break matching: zero-width, bidi controls, BOM, soft hyphen
INVISIBLE = (
    "\u00AD"  # soft hyphen
    "\u061C"  # Arabic letter mark
    "\u180E"  # Mongolian vowel separator
    "\u200B\u200C\u200D\u200E\u200F"  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    "\u202A\u202B\u202C\u202D\u202E"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\uFEFF"  # BOM / zero-width no-break space
)

ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ASCII_DIGITS = "0123456789"
ARABIC_DECIMAL_SEPARATOR = "\u066B"  # ٫
ARABIC_THOUSANDS_SEPARATOR = "\u066C"  # ٬

#: letter folds for matching: (from, to)
ALEF_FORMS = ("أإآٱٲٳٵ", "ا")
ALEF_MAQSURA = ("ى", "ي")
TA_MARBUTA = ("ة", "ه")
HAMZA_ON_WAW = ("ؤ", "و")
HAMZA_ON_YA = ("ئ", "ي")
#: Persian / Urdu / Kurdish look-alikes to the Arabic letter they imitate
LOOKALIKES = {
    "ی": "ي",  # Farsi yeh
    "ې": "ي",
    "ۍ": "ي",
    "ێ": "ي",
    "ے": "ي",
    "ۓ": "ي",
    "ٸ": "ي",
    "ک": "ك",  # keheh
    "ڪ": "ك",
    "ګ": "ك",
    "گ": "ك",
    "ہ": "ه",  # heh goal
    "ۀ": "ه",
    "ە": "ه",
    "ھ": "ه",  # heh doachashmee
    "ۃ": "ه",
    "ٶ": "و",
    "ۆ": "و",
    "ۇ": "و",
    "ۈ": "و",
    "ۋ": "و",
    "ڤ": "ف",
    "ڨ": "ق",
    "پ": "ب",
    "چ": "ج",
    "ژ": "ز",
}

#: Arabic punctuation and its ASCII counterpart (for matching only)
ARABIC_PUNCT = {"،": ",", "؛": ";", "؟": "?", "٪": "%", "٭": "*", "۔": "."}

ARABIC_LETTERS_RANGE = "\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF"

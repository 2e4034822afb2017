"""Named character sets, the single place where code points are listed.

Every regex and translation table in :mod:`tabayyun.text` is built from these.
"""

from __future__ import annotations

import unicodedata


def _span(first: int, last: int) -> str:
    """Code points ``first..last`` inclusive, as a string."""
    return "".join(chr(c) for c in range(first, last + 1))


#: harakat, tanween, shadda, sukun, dagger alef, Quranic annotation marks, hamza above/below marks
DIACRITICS = (
    _span(0x0610, 0x061A)  # honorifics and small high marks
    + _span(0x064B, 0x065F)  # fathatan .. kasra/damma variants, hamza above/below, wavy hamza
    + "\u0670"  # dagger (superscript) alef
    + "\u0674"  # high hamza (left over by NFKC of ٵ ٶ ٷ ٸ)
    + _span(0x06D6, 0x06DC)  # Quranic small high ligatures
    + _span(0x06DF, 0x06E8)  # Quranic small marks, small waw / small yeh
    + _span(0x06EA, 0x06ED)
    + _span(0x0898, 0x089F)  # Arabic Extended-B marks
    + _span(0x08CA, 0x08E1)  # Arabic Extended-A marks
    + _span(0x08E3, 0x08FF)
)

#: isolated presentation forms of harakat: NFKC turns them into "space + mark", drop them whole
DIACRITIC_PRESENTATION_FORMS = (
    _span(0xFC5E, 0xFC63)  # shadda ligatures, isolated
    + "\uFE70\uFE72\uFE74\uFE76\uFE78\uFE7A\uFE7C\uFE7E"  # isolated harakat
)

#: combining marks of the Latin/Greek/Cyrillic world (accents, "zalgo" stacks): folded away
COMBINING_ACCENTS = (
    _span(0x0300, 0x036F)  # combining diacritical marks
    + _span(0x1AB0, 0x1AFF)  # extended
    + _span(0x1DC0, 0x1DFF)  # supplement
    + _span(0x20D0, 0x20FF)  # for symbols
    + _span(0xFE20, 0xFE2F)  # half marks
)

TATWEEL = "\u0640"

#: invisible characters used to break matching: zero-width, bidi controls, BOM, soft hyphen, selectors
INVISIBLE = (
    "\u00AD"  # soft hyphen
    "\u034F"  # combining grapheme joiner
    "\u061C"  # Arabic letter mark
    "\u180B\u180C\u180D\u180E\u180F"  # Mongolian selectors and vowel separator
    "\u200B\u200C\u200D\u200E\u200F"  # ZWSP, ZWNJ, ZWJ, LRM, RLM
    "\u202A\u202B\u202C\u202D\u202E"  # bidi embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\u206A\u206B\u206C\u206D\u206E\u206F"  # deprecated format characters
    + _span(0xFE00, 0xFE0F)  # variation selectors
    + "\uFEFF"  # BOM / zero-width no-break space
    + "\U000E0001"
    + _span(0xE0020, 0xE007F)  # tag characters
)

ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ASCII_DIGITS = "0123456789"
ARABIC_DECIMAL_SEPARATOR = "\u066B"  # ٫
ARABIC_THOUSANDS_SEPARATOR = "\u066C"  # ٬

#: letter folds for matching: (from, to)
ALEF_FORMS = ("أإآٱٲٳٵ", "ا")
ALEF_MAQSURA = ("ى", "ي")
TA_MARBUTA = ("ةۃ", "ه")
HAMZA_ON_WAW = ("ؤ", "و")
HAMZA_ON_YA = ("ئ", "ي")
# never folded: the letter hamza on the line (ء) is a real letter (ماء / ما, سوء / سو)

#: Persian / Urdu / Kurdish / Maghrebi look-alikes to the Arabic letter they imitate or transcribe
LOOKALIKES = {
    "ی": "ي",  # Farsi yeh
    "ې": "ي",
    "ۍ": "ي",
    "ێ": "ي",
    "ے": "ي",  # yeh barree
    "ۓ": "ي",
    "ٸ": "ي",
    "ۑ": "ي",
    "ک": "ك",  # keheh
    "ڪ": "ك",  # swash kaf
    "ګ": "ك",
    "گ": "ك",  # gaf
    "ڭ": "ك",  # ng (Maghrebi g)
    "ػ": "ك",
    "ؼ": "ك",
    "ہ": "ه",  # heh goal
    "ۂ": "ه",
    "ۀ": "ه",  # heh with yeh above
    "ە": "ه",  # ae
    "ھ": "ه",  # heh doachashmee
    "ٶ": "و",
    "ۆ": "و",
    "ۇ": "و",
    "ۈ": "و",
    "ۋ": "و",
    "ۉ": "و",
    "ۏ": "و",
    "ڤ": "ف",  # veh (ڤيروس = فيروس)
    "ڥ": "ف",
    "ڨ": "ق",  # Maghrebi g
    "ٯ": "ق",  # dotless qaf
    "ٮ": "ب",  # dotless beh
    "پ": "ب",  # peh
    "چ": "ج",  # tcheh
    "ڃ": "ج",
    "ژ": "ز",  # jeh
    "ڒ": "ر",
    "ڕ": "ر",
    "ڵ": "ل",
    "ۅ": "و",
}

#: cleaning for the models (:mod:`tabayyun.text.clean`) keeps the hamza or teh marbuta these letters carry
CLEAN_LOOKALIKES = {"ٵ": "أ", "ٶ": "ؤ", "ٸ": "ئ", "ۃ": "ة"}
#: letters Arabic writing borrows for foreign sounds (ڤيروس, پاريس): cleaning keeps them as written
BORROWED_LETTERS = "گڭڤڥڨپچڃژ"
#: code-point ranges of the Arabic presentation forms (folded by NFKC when cleaning)
PRESENTATION_FORMS = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
#: marks that make a letter rather than vocalize it (ا + ٓ = آ, ا + ٔ = أ): cleaning keeps them
LETTER_MARKS = "\u0653\u0654\u0655"

#: ligatures NFKC leaves alone, spelled out
LIGATURE_EXPANSIONS = {"\uFDFD": "بسم الله الرحمن الرحيم"}

#: Arabic punctuation folded to its ASCII counterpart for matching (length-preserving)
ARABIC_PUNCT = {
    "،": ",",  # Arabic comma (also written as a decimal comma: ٣،٥)
    "؛": ";",
    "؟": "?",
    "٪": "%",
    "؉": "%",  # per mille sign kept as a percent-like mark
    "٭": "*",
    "۔": ".",  # Urdu full stop
}

ARABIC_LETTERS_RANGE = "\u0621-\u064A\u066E-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08C9"

#: code-point ranges of Arabic-script letters (for script detection)
ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def is_arabic_char(ch: str) -> bool:
    """True for any code point in an Arabic-script block."""
    c = ord(ch)
    return any(lo <= c <= hi for lo, hi in ARABIC_BLOCKS)


# --- sentence segmentation -------------------------------------------------

#: characters that end a sentence: . ! ? ؟ … ۔ (and the fullwidth / small forms)
SENTENCE_END = ".!?؟…۔‼⁇⁈⁉。！？"
#: closing quotes and brackets that stay with the sentence they close
CLOSING = "\"'”’»›)]}」』"
#: opening quotes and brackets
OPENING = "\"'“‘«‹([{「『"
#: clause punctuation: never a sentence end, preferred split point for over-long sentences
CLAUSE = "؛;،,:"
#: bullets that open a list item when followed by a space
BULLETS = "-*•–—·▪◦●○■□➢➤►▶✓✔"

#: English abbreviations that never end a sentence (lower case, without the final dot)
ABBREVIATIONS_EN = frozenset(
    {
        "dr", "mr", "mrs", "ms", "prof", "sen", "rep", "gen", "gov", "lt", "col", "capt", "sgt", "st",
        "mt", "fr", "rev", "hon", "pres", "no", "nos", "fig", "figs", "vs", "v", "e.g", "i.e", "cf",
        "al", "et al", "approx", "dept", "est", "vol", "p", "pp", "ch", "art", "sec", "u.s", "u.k",
        "u.n", "u.s.a", "e.u", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "inc", "ltd", "co", "corp",
        "jr", "sr", "etc", "a.m", "p.m", "ph.d", "ave", "blvd", "rd", "min", "max", "gov't",
    }
)
#: English abbreviations that end a sentence when the next word is capitalized
ABBREVIATIONS_EN_FINAL = frozenset({"etc", "inc", "ltd", "co", "corp", "jr", "sr", "a.m", "p.m"})
#: Arabic words that continue a sentence after a year abbreviation "هـ." / "م." (normalized)
YEAR_CONTINUATIONS = frozenset({"الموافق", "الموافقه", "الي", "حتي", "وحتي", "لغايه", "ولغايه", "او"})

# --- tokens ------------------------------------------------------------------

#: apostrophes allowed inside a Latin word (don't, O'Brien)
APOSTROPHES = "'’"


def combining_mark_ranges(limit: int = 0x20000) -> str:
    """A regex character-class body of all combining marks (Mn, Mc, Me) below ``limit``."""
    parts: list[str] = []
    start = prev = -2
    for c in range(limit):
        if unicodedata.category(chr(c)) in ("Mn", "Mc", "Me"):
            if c != prev + 1:
                if start >= 0:
                    parts.append(_range_body(start, prev))
                start = c
            prev = c
    if start >= 0:
        parts.append(_range_body(start, prev))
    return "".join(parts)


def _range_body(a: int, b: int) -> str:
    return f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}"

"""A light stemmer for lexical matching, and the index terms of a text.

``stem(norm_word)`` takes an already-normalized word (see ``normalize``):

* Arabic: the article and its clitics are stripped first, longest first
  (وبال فبال وكال فكال وال فال بال كال ولل فلل لل ال), then a lone و/ف when at
  least three letters remain and the word is not one of the common words whose
  root starts with that letter (وزير, وقت, فريق ...). Then one suffix is stripped
  (ات ون ين ان يه ها هم ه ي ..., keeping three letters), and the Snowball Arabic
  stemmer is asked too: its result is taken when it is shorter, keeps three
  letters and is a *prefix* of the word (Snowball alone also strips leading
  letters it takes for verb prefixes or a conjunction — وزير → زير, سيارات → يارا —
  and it treats ة/ه inconsistently: الحكومه → حكومه but حكومه → حكوم; those
  results are refused). So الحكومة / حكومة / والحكومة / بالحكومة / للحكومة all
  stem to the same term, and المعلمون / معلمين too. Known miss: ل + ال before a
  word starting with ل is written with two lams only (للقاح = ل + اللقاح), so
  للقاح stems to قاح, not لقاح.
* Latin script: the Snowball English stemmer, apostrophes removed afterwards.
* numbers and anything else: unchanged.

``terms(text)`` = tokens → norm → stopwords dropped (negations are *not*
stopwords) → stem → number canonicalized (thousands commas removed, a decimal
comma becomes ".") → only letters, digits and "." kept, so a term never carries
FTS5 query syntax.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from . import charsets as cs
from .stopwords import STOPWORDS
from .tokenize import tokens

_AR = snowballstemmer.stemmer("arabic")
_EN = snowballstemmer.stemmer("english")

#: article + clitic prefixes (normalized), longest first
ARTICLE_PREFIXES = ("وبال", "فبال", "وكال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
#: words kept whole (a prefix-looking start that is part of the word)
PROTECTED = frozenset({"الله", "لله", "بالله", "والله", "تالله", "اللهم"})
#: common words whose first letter و / ف is a root letter, not the conjunction
ROOT_WAW_FA = frozenset(
    """
    وزير وزيره وزراء وزاره وزارات وقت وقتا وطن وطني وطنيه وضع وضعت وضعه وفد وفاه وفيات وجه وجهه وجود
    ورقه وسط وصل وصلت وعد وعود ولد ولاده ولايه ولايات وكاله وكالات وثيقه وثائق وحده وحيد واقع وقع وقعت
    وقف وقفت وظيفه وظائف وفق وفقا وافق وافقت ورد وردت وسائل وسيله وزن واجب واضح
    فريق فرق فرصه فتره فقط فكره فلسطين فرنسا فيروس فوز فاز فازت فعل فعلا فقر فقير فندق فصل فرد فرض فرضت
    فتح فتحت فشل فشلت فوق فيلم فريد فئه فيه فيها
    """.split()
)
#: plural, dual, feminine, nisba and pronoun suffixes (normalized: ة is ه), longest first
ARABIC_SUFFIXES = ("تين", "تان", "تها", "ات", "ون", "ين", "ان", "يه", "ها", "هم", "هن", "كم", "نا", "ه", "ي")
_NUMBER_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_THOUSANDS_RE = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_UNSAFE_RE = re.compile(r"[^\w.]|_")


def _is_arabic_word(word: str) -> bool:
    return any(cs.is_arabic_char(c) for c in word)


def strip_prefix(word: str) -> str:
    """Strip the article and conjunction/preposition clitics of a normalized Arabic word."""
    if word in PROTECTED:
        return word
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix) :]
    if word[:1] in ("و", "ف") and len(word) >= 4 and word not in ROOT_WAW_FA:
        return word[1:]
    return word


def strip_suffix(word: str) -> str:
    """Strip one plural/feminine/pronoun suffix, keeping at least three letters."""
    for suffix in ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=65536)
def stem(norm_word: str) -> str:
    """The matching stem of one normalized word (Arabic or English); numbers unchanged."""
    if not norm_word or not any(c.isalpha() for c in norm_word):
        return norm_word
    if _is_arabic_word(norm_word):
        base = strip_prefix(norm_word)
        if base in PROTECTED:
            return base
        light = strip_suffix(base)
        snow: str = _AR.stemWord(base)
        if len(snow) >= 3 and base.startswith(snow) and len(snow) < len(light):
            return snow
        return light
    if norm_word.isascii():
        out: str = _EN.stemWord(norm_word)
        return out.replace("'", "").replace("’", "")
    return norm_word


def canonical_number(norm: str) -> str:
    """1,000,000 → 1000000; 3,5 → 3.5; 3.5 → 3.5; other digit groups kept."""
    if _THOUSANDS_RE.fullmatch(norm):
        return norm.replace(",", "")
    if norm.count(",") == 1 and "." not in norm:
        return norm.replace(",", ".")
    return norm.replace(",", ".")


def term(norm: str) -> str:
    """The index term of one normalized token ("" when it has none)."""
    if _NUMBER_RE.fullmatch(norm):
        return canonical_number(norm)
    return _UNSAFE_RE.sub("", stem(norm))


def terms(text: str) -> list[str]:
    """Index terms of ``text``: stopwords dropped, words stemmed, numbers canonical; FTS5-safe."""
    out: list[str] = []
    for tok in tokens(text):
        if tok.norm in STOPWORDS:
            continue
        t = term(tok.norm)
        if t:
            out.append(t)
    return out

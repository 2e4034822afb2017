"""What a number measures: currencies, percentages, hedges, counted nouns, roles.

All phrases are written naturally and normalized once at import into token tuples.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .tokens import norm_key, norm_word

#: the package data folder (tabayyun/data)
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# ----------------------------------------------------------------- currencies
#: currency words (any number/case) → default code
_CURRENCY_WORDS = {
    "USD": "دولار دولارا دولاران دولارين دولارات dollar dollars usd us$ buck bucks",
    "EUR": "يورو euro euros eur",
    "EGP": "جنيه جنيها جنيهات جنيهان جنيهين egp",
    "SAR": "ريال ريالا ريالات riyal riyals rial rials sar",
    "AED": "درهم درهما دراهم aed dirham dirhams",
    "DINAR": "دينار دينارا دنانير dinar dinars",
    "LIRA": "ليرة ليرات lira liras",
    "RUB": "روبل روبلا روبلات rouble roubles ruble rubles rub",
    "CNY": "يوان yuan cny renminbi",
    "INR": "روبية روبيات rupee rupees inr",
    "ILS": "شيكل شيكلا شواكل shekel shekels ils",
    "JPY": "jpy",
    "GBP": "gbp pound pounds sterling",
    "CHF": "فرنك chf franc francs",
}
CURRENCY_WORDS: dict[str, str] = {}
for _code, _words in _CURRENCY_WORDS.items():
    for _w in _words.split():
        CURRENCY_WORDS[norm_word(_w)] = _code
for _code in ("qar", "kwd", "jod", "iqd", "try", "syp", "lbp", "mad", "dzd", "tnd", "cad", "aud", "omr",
              "bhd", "lyd", "sdg", "yer", "irr"):
    CURRENCY_WORDS[_code] = _code.upper()

#: a currency word followed by a nationality adjective: (base code, adjective stem) → code
_QUALIFIED = {
    ("USD", "امريكي"): "USD", ("USD", "اميركي"): "USD", ("USD", "كندي"): "CAD", ("USD", "استرالي"): "AUD",
    ("USD", "us"): "USD", ("USD", "canadian"): "CAD", ("USD", "australian"): "AUD",
    ("EGP", "مصري"): "EGP", ("EGP", "استرليني"): "GBP", ("EGP", "سوداني"): "SDG",
    ("SAR", "سعودي"): "SAR", ("SAR", "قطري"): "QAR", ("SAR", "عماني"): "OMR", ("SAR", "يمني"): "YER",
    ("SAR", "ايراني"): "IRR", ("SAR", "saudi"): "SAR", ("SAR", "qatari"): "QAR",
    ("AED", "اماراتي"): "AED", ("AED", "مغربي"): "MAD", ("AED", "moroccan"): "MAD",
    ("DINAR", "كويتي"): "KWD", ("DINAR", "اردني"): "JOD", ("DINAR", "عراقي"): "IQD", ("DINAR", "ليبي"): "LYD",
    ("DINAR", "تونسي"): "TND", ("DINAR", "جزائري"): "DZD", ("DINAR", "بحريني"): "BHD",
    ("DINAR", "kuwaiti"): "KWD", ("DINAR", "jordanian"): "JOD", ("DINAR", "iraqi"): "IQD",
    ("LIRA", "تركي"): "TRY", ("LIRA", "سوري"): "SYP", ("LIRA", "لبناني"): "LBP",
    ("LIRA", "turkish"): "TRY", ("LIRA", "syrian"): "SYP", ("LIRA", "lebanese"): "LBP",
    ("GBP", "egyptian"): "EGP", ("GBP", "sterling"): "GBP",
}
#: "pounds" on its own is sterling in English; the prefix adjective may change it ("Egyptian pounds")
_PREFIX_ADJ = {"us": "USD", "egyptian": "EGP", "canadian": "CAD", "australian": "AUD", "hong": None}
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₺": "TRY", "₪": "ILS",
                    "₽": "RUB"}


def adjective_stem(word: str) -> str:
    """أمريكية/الأمريكي/أمريكيا → امريكي (normalized, article and feminine ending dropped)."""
    w = strip_article(word)
    for suffix in ("يه", "ين", "يا"):
        if w.endswith(suffix) and len(w) > 4:
            w = w[: -len(suffix)] + "ي"
            break
    return w


def qualify_currency(code: str, adjective: str) -> str | None:
    return _QUALIFIED.get((code, adjective_stem(adjective)))


def prefix_currency(adjective: str) -> str | None:
    return _PREFIX_ADJ.get(adjective)


# ----------------------------------------------------------------- percentages
PERCENT_AFTER: dict[tuple[str, ...], str] = {}
for _p in ("بالمئة", "بالمائة", "بالمية", "في المئة", "في المائة", "percent", "per cent", "pct", "%",
           "بالمئة من", "in percent"):
    PERCENT_AFTER[norm_key(_p)] = "percent"
for _p in ("نقطة مئوية", "نقاط مئوية", "نقطتين مئويتين", "نقطتان مئويتان", "نقطة أساس", "percentage point",
           "percentage points"):
    unit = "bp" if "أساس" in _p else "pp"
    PERCENT_AFTER[norm_key(_p)] = unit
PERCENT_AFTER.pop(norm_key("بالمئة من"))
PERCENT_AFTER.pop(norm_key("in percent"))

# ----------------------------------------------------------------- hedges
HEDGES_BEFORE: dict[tuple[str, ...], str] = {}
for _hedge, _phrases in {
    "approx": "نحو|حوالي|حوالى|قرابة|زهاء|ما يقرب من|ما يقارب|يقارب|ما يناهز|يناهز|تقريبا|about|around|"
    "approximately|roughly|some|nearly|almost|close to|an estimated|estimated|circa|ca|أكثر قليلا من",
    "more_than": "أكثر من|ما يزيد على|ما يزيد عن|يزيد على|يزيد عن|أزيد من|ما فوق|فوق|أكثر من|more than|over|"
    "upwards of|in excess of|above|أعلى من",
    "at_least": "ما لا يقل عن|لا يقل عن|ما لا يقل على|at least|no fewer than|no less than|a minimum of|"
    "على الأقل",
    "less_than": "أقل من|ما دون|دون|less than|fewer than|under|below|أدنى من",
    "at_most": "ما لا يزيد على|ما لا يزيد عن|لا يزيد على|لا يزيد عن|at most|no more than|up to|"
    "ما يصل إلى|يصل إلى|حتى|a maximum of|على الأكثر",
}.items():
    for _p in _phrases.split("|"):
        HEDGES_BEFORE[norm_key(_p)] = _hedge
HEDGES_AFTER: dict[tuple[str, ...], str] = {}
for _hedge, _phrases in {
    "approx": "تقريبا|approximately|or so|roughly",
    "at_least": "على الأقل|أو أكثر|فأكثر|وأكثر|or more|at least|plus",
    "at_most": "على الأكثر|أو أقل|فأقل|or less|or fewer|at most",
}.items():
    for _p in _phrases.split("|"):
        HEDGES_AFTER[norm_key(_p)] = _hedge
HEDGE_MAX_LEN = max(len(k) for k in HEDGES_BEFORE)
#: relative width of an approximate number ("نحو 10 آلاف" → [9000, 11000])
APPROX_TOLERANCE = 0.10

# ----------------------------------------------------------------- ranges and lists
RANGE_OPEN = {norm_key(p) for p in ("بين", "ما بين", "between", "من", "from")}
RANGE_MID = {norm_key(p) for p in ("و", "إلى", "الى", "حتى", "and", "to", "-", "–", "—")}
LIST_MID = {norm_key(p) for p in ("و", "and", ",", "أو", "or")}

# ----------------------------------------------------------------- nouns
_STOP = """في من على إلى الى عن مع أن إن أنه إنه كان كانت قد لم لن ما لا هذا هذه ذلك تلك الذي التي الذين
بعد قبل خلال منذ حتى عند حول ضد بين دون عبر لدى نحو كل بعض أي أو ثم بل لكن حيث إذ إذا لو وقد فقط أيضا
عام العام سنة السنة مقابل مقارنة بنسبة نسبة حسب وفق وفقا بحسب يوم اليوم أمس الماضي المقبل هو هي هم
of in the to and or a an on at by for with from than as is are was were be been that this these those it
its their his her which who per into over under about after before since during until while if but not
up down out more less than percent
"""
STOPWORDS = frozenset(norm_word(w) for w in _STOP.split())
PREFIX_STRIP = tuple(norm_word(p) for p in ("وبال", "وال", "بال", "فال", "كال", "لل", "ال"))


def strip_article(word: str) -> str:
    """Drop a leading article with its clitics: والدول → دول, للأمم → امم."""
    for p in PREFIX_STRIP:
        if word.startswith(p) and len(word) - len(p) >= 2:
            return word[len(p) :]
    return word


@lru_cache(maxsize=1)
def noun_groups() -> dict[tuple[str, ...], str]:
    """Normalized noun form (token tuple) → group id, from ``tabayyun/data/nouns.tsv``."""
    table: dict[tuple[str, ...], str] = {}
    text = (DATA_DIR / "nouns.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group, *forms = line.split("\t")
        for form in [group, *forms]:
            key = norm_key(form.strip())
            if key:
                table[key] = group.strip()
    return table


@lru_cache(maxsize=1)
def group_ids() -> frozenset[str]:
    """Every noun group id of ``nouns.tsv``."""
    return frozenset(noun_groups().values())


#: groups that count the same things (a country counted as a member of a body)
COMPARABLE_GROUPS = {frozenset({"country", "member"}), frozenset({"person", "citizen"})}


def noun_lemma(word: str) -> str | None:
    """A counted noun's group id, or a crude lemma for unknown nouns; ``None`` for stopwords."""
    if word in STOPWORDS or len(word) < 2:
        return None
    groups = noun_groups()
    for cand in (word, strip_article(word)):
        g = groups.get((cand,))
        if g is not None:
            return g
    w = strip_article(word)
    if w in STOPWORDS:
        return None
    if w.isascii():
        for suffix, repl in (("ies", "y"), ("es", ""), ("s", "")):
            if w.endswith(suffix) and len(w) > len(suffix) + 2:
                g = groups.get((w[: -len(suffix)] + repl,))
                if g is not None:
                    return g
        return w[:-1] if w.endswith("s") and len(w) > 3 else w
    for suffix, repl in (("ا", ""), ("ين", ""), ("ون", ""), ("ات", "ه"), ("ان", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: -len(suffix)] + repl
            g = groups.get((base,))
            return g if g is not None else base
    return w


# ----------------------------------------------------------------- roles (what happened to the counted)
_ROLES = {
    "killed": "قتل قتلوا قتلت مقتل لقي لقوا حتفهم توفي توفوا وفاة وفيات أودى أسفر استشهد استشهاد "
    "killed died dead deaths death killing",
    "injured": "أصيب أصيبوا إصابة جرح جرحوا injured wounded hurt",
    "arrested": "اعتقل اعتقال اعتقلت اعتقلوا أوقف توقيف احتجز arrested detained",
    "displaced": "نزح نزوح فر فروا هجر displaced fled",
}
ROLE_WORDS: dict[str, str] = {}
for _role, _words in _ROLES.items():
    for _w in _words.split():
        ROLE_WORDS[norm_word(_w)] = _role

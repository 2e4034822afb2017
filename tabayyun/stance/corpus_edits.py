"""Controlled edits of a real sentence, each recorded as an :class:`Edit` (for :mod:`.corpus_pairs`).

Every function takes the sentence (and, where it needs them, the facts
:func:`tabayyun.extract.extract` found in it, and a seeded ``random.Random``) and
returns one :class:`Edit` — what was replaced, by what, at which offset of the
original sentence — or ``None`` when the sentence has nothing to edit. The edits
that change what the sentence asserts (number, date, place, actor, antonym,
negation, quantifier, completion, membership) make ``disagree`` pairs; the word
lists and phrases here were written for tabayyun.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from ..extract import Extraction
from .synth import COUNTRIES, MONTHS, PLACES


@dataclass(frozen=True, slots=True)
class Edit:
    """``old`` at ``start`` of the source sentence replaced by ``new``."""

    kind: str
    old: str
    new: str
    start: int

    def apply(self, text: str) -> str:
        assert text[self.start : self.start + len(self.old)] == self.old
        return text[: self.start] + self.new + text[self.start + len(self.old) :]


_DIGITS = re.compile(r"[0-9٠-٩]+")
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_AR_TO_LATIN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def _other_number(digits: str, rng: random.Random) -> str:
    arabic = any("٠" <= c <= "٩" for c in digits)
    n = int(digits.translate(_AR_TO_LATIN))
    candidates = sorted(
        {n + rng.randint(1, 9), n * 2, max(1, n // 2), n + 10 ** max(0, len(str(n)) - 1)} - {n}
    )
    out = str(rng.choice(candidates))
    return out.translate(_AR_DIGITS) if arabic else out


def number(text: str, facts: Extraction, rng: random.Random) -> Edit | None:
    """One quantity's digits changed (same digit script)."""
    spans = [(q.start + m.start(), m.group()) for q in facts.quantities for m in _DIGITS.finditer(q.text)]
    if not spans:
        return None
    start, old = rng.choice(spans)
    return Edit("number", old, _other_number(old, rng), start)


_AR_MONTHS = tuple(a for a, _ in MONTHS)
_EN_MONTHS = tuple(e for _, e in MONTHS)


def date(text: str, facts: Extraction, rng: random.Random) -> Edit | None:
    """A date's year, day or month name changed."""
    options: list[Edit] = []
    for d in facts.dates:
        for m in _DIGITS.finditer(d.text):
            digits = m.group()
            if len(digits) == 4:
                year = int(digits.translate(_AR_TO_LATIN)) + rng.choice((-3, -2, -1, 1, 2, 5))
                options.append(Edit("date", digits, str(year), d.start + m.start()))
            elif len(digits) <= 2:
                day = int(digits.translate(_AR_TO_LATIN))
                new = day + rng.randint(1, 9) if day < 19 else day - rng.randint(1, 9)
                options.append(Edit("date", digits, str(new), d.start + m.start()))
        for names in (_AR_MONTHS, _EN_MONTHS):
            for name in names:
                i = d.text.find(name)
                if i >= 0:
                    options.append(
                        Edit("date", name, rng.choice([n for n in names if n != name]), d.start + i)
                    )
    return rng.choice(options) if options else None


_PLACE_POOL = {"city": tuple(a for a, _ in PLACES), "country": tuple(a for a, _ in COUNTRIES)}


def place(text: str, facts: Extraction, rng: random.Random) -> Edit | None:
    """A city or country replaced by another of the same kind not named in the sentence."""
    ents = [e for e in facts.entities if e.type == "place" and e.subtype in _PLACE_POOL]
    if not ents:
        return None
    e = rng.choice(ents)
    pool = [p for p in _PLACE_POOL[e.subtype or ""] if p not in text]
    return Edit("place", e.text, rng.choice(pool), e.start) if pool else None


#: first names and organisations written for tabayyun (actor swaps)
AR_NAMES = ("سليم", "نادية", "مراد", "هالة", "عادل", "رنا", "وليد", "سعاد", "طارق", "منى", "جمال", "ريم")
AR_ORGS = ("وزارة المالية", "الأمم المتحدة", "البنك الدولي", "الاتحاد الأوروبي", "جامعة الدول العربية",
           "وزارة الصحة", "منظمة الصحة العالمية", "حلف الناتو")  # fmt: skip


_NOT_NAME = ("ال", "بال", "لل", "وال", "فال")
_ORG_HEADS = frozenset(
    ("وزارة", "منظمة", "هيئة", "جامعة", "البنك", "الاتحاد", "حزب", "شركة", "مجلس", "الأمم", "وكالة", "نادي")
)


def actor(text: str, facts: Extraction, rng: random.Random) -> Edit | None:
    """A person's name or an organisation replaced by another."""
    ents = [
        e for e in facts.entities
        if len(e.text) > 2 and (
            (e.type == "org" and e.text.split()[0] in _ORG_HEADS and len(e.text.split()) <= 4)
            or (e.type == "person" and not e.text.startswith(_NOT_NAME))
        )
    ]  # fmt: skip
    if not ents:
        return None
    e = rng.choice(ents)
    pool = [p for p in (AR_NAMES if e.type == "person" else AR_ORGS) if p not in text]
    if e.type == "person":
        first = e.text.split()[0]
        return Edit("actor", first, rng.choice(pool), e.start)
    return Edit("actor", e.text, rng.choice(pool), e.start)


#: (word, its opposite) — both directions are used
ANTONYMS = (
    ("ارتفع", "انخفض"), ("ارتفعت", "انخفضت"), ("ارتفاع", "انخفاض"), ("زيادة", "تراجع"), ("زاد", "نقص"),
    ("فاز", "خسر"), ("فازت", "خسرت"), ("وافق", "رفض"), ("وافقت", "رفضت"), ("موافقة", "رفض"),
    ("أكبر", "أصغر"), ("أعلى", "أدنى"), ("أول", "آخر"), ("الأول", "الأخير"), ("قبل", "بعد"),
    ("شمال", "جنوب"), ("شرق", "غرب"), ("افتتح", "أغلق"), ("افتتاح", "إغلاق"), ("دعم", "عارض"),
    ("يدعم", "يعارض"), ("بدأ", "انتهى"),
    ("نجح", "فشل"), ("نجاح", "فشل"), ("أطلق سراح", "اعتقل"), ("يسمح", "يمنع"), ("سمح", "منع"), ("أيد", "رفض"),
    ("increased", "decreased"), ("rose", "fell"), ("won", "lost"), ("approved", "rejected"),
    ("opened", "closed"),
    ("larger", "smaller"), ("higher", "lower"), ("first", "last"), ("before", "after"), ("north", "south"),
    ("support", "oppose"), ("allowed", "banned"), ("accepted", "refused"), ("more", "fewer"),
)  # fmt: skip
_ANTONYM = dict(ANTONYMS) | {b: a for a, b in ANTONYMS}
_ANTONYM_RE = re.compile(
    r"(?<![\w])(?:[وفب]?)(" + "|".join(sorted(map(re.escape, _ANTONYM), key=len, reverse=True)) + r")(?![\w])"
)


def antonym(text: str, rng: random.Random) -> Edit | None:
    hits = list(_ANTONYM_RE.finditer(text))
    if not hits:
        return None
    m = rng.choice(hits)
    return Edit("antonym", m.group(1), _ANTONYM[m.group(1)], m.start(1))


#: past-tense news verbs and their negated form (لم + jussive), written for tabayyun
AR_NEGATED = {
    "قال": "لم يقل", "أعلن": "لم يعلن", "أعلنت": "لم تعلن", "أكد": "لم يؤكد", "أكدت": "لم تؤكد",
    "وافق": "لم يوافق", "وافقت": "لم توافق", "فاز": "لم يفز", "فازت": "لم تفز", "شارك": "لم يشارك",
    "شاركت": "لم تشارك", "حضر": "لم يحضر", "زار": "لم يزر", "وقع": "لم يوقع", "وقعت": "لم توقع",
    "قرر": "لم يقرر", "قررت": "لم تقرر", "افتتح": "لم يفتتح", "أصدر": "لم يصدر", "أصدرت": "لم تصدر",
    "استقبل": "لم يستقبل", "بلغ": "لم يبلغ", "بلغت": "لم تبلغ", "ارتفع": "لم يرتفع", "ارتفعت": "لم ترتفع",
    "تمكن": "لم يتمكن", "تمكنت": "لم تتمكن", "أصبح": "لم يصبح", "أصبحت": "لم تصبح", "كان": "لم يكن",
    "كانت": "لم تكن", "حصل": "لم يحصل", "حصلت": "لم تحصل", "نجح": "لم ينجح", "نجحت": "لم تنجح",
    "تم": "لم يتم", "وصل": "لم يصل", "وصلت": "لم تصل", "قتل": "لم يقتل", "أصيب": "لم يصب",
    "يمكن": "لا يمكن", "يوجد": "لا يوجد", "توجد": "لا توجد", "يعتبر": "لا يعتبر", "تعتبر": "لا تعتبر",
    "يقع": "لا يقع", "تقع": "لا تقع", "يضم": "لا يضم", "تضم": "لا تضم", "يعمل": "لا يعمل", "تعمل": "لا تعمل",
    "هو": "ليس", "هي": "ليست", "سيتم": "لن يتم", "سوف": "لن",
}  # fmt: skip
_EN_NEGATE = {
    w: f"{w} not" for w in ("is", "was", "are", "were", "has", "have", "had", "will", "can", "could")
}
_NEG_RE = re.compile(
    r"(?<![\w])(و?)("
    + "|".join(sorted(map(re.escape, AR_NEGATED | _EN_NEGATE), key=len, reverse=True))
    + r")(?![\w])"
)


def negation(text: str, rng: random.Random, within: tuple[int, int] | None = None) -> Edit | None:
    """The predicate of one clause negated (only inside ``within`` when given)."""
    hits = [m for m in _NEG_RE.finditer(text) if within is None or within[0] <= m.start(2) < within[1]]
    if not hits:
        return None
    m = rng.choice(hits)
    word = m.group(2)
    return Edit("negation", word, AR_NEGATED.get(word) or _EN_NEGATE[word], m.start(2))


_QUANT_RE = re.compile(r"(?<![\w])(?:[وبل]?)(كل|جميع|كافة|all|every|بعض|some)(?![\w])")
_QUANT = {"كل": "بعض", "جميع": "بعض", "كافة": "بعض", "all": "some", "every": "some"}


def quantifier(text: str, rng: random.Random) -> tuple[Edit, bool] | None:
    """كل/جميع → بعض (or بعض → كل); the flag says whether the *original* holds the universal."""
    hits = list(_QUANT_RE.finditer(text))
    if not hits:
        return None
    m = rng.choice(hits)
    word = m.group(1)
    if word in _QUANT:
        return Edit("quantifier", word, _QUANT[word], m.start(1)), True
    return Edit("quantifier", word, "كل" if word == "بعض" else "all", m.start(1)), False


_DONE_RE = re.compile(r"(?<![\w])(?:[و]?)(تم|اكتمل|اكتملت|أنجز|أنجزت|أكمل|أكملت|completed|finished)(?![\w])")
AR_STARTED = ("بدأ", "شرع في", "يجري", "يتواصل العمل على")


def completion(text: str, rng: random.Random) -> Edit | None:
    """A completed action turned into one only begun (تم جمع → بدأ جمع)."""
    hits = list(_DONE_RE.finditer(text))
    if not hits:
        return None
    m = rng.choice(hits)
    word = m.group(1)
    new = "started" if word in ("completed", "finished") else rng.choice(AR_STARTED)
    return Edit("completion", word, new, m.start(1))


_LIST_GAP = re.compile(r"^\s*(?:،|,)?\s*(?:و)?$")


def list_members(text: str, facts: Extraction) -> list[tuple[int, str]]:
    """Places written as a list (``A، B وC``): (offset, name) of each member, or [] without a list."""
    places = sorted(
        (e.start, e.end, e.text) for e in facts.entities if e.type == "place" and e.subtype in _PLACE_POOL
    )
    best: list[tuple[int, str]] = []
    run: list[tuple[int, str]] = []
    prev_end = -1
    for start, end, name in places:
        if run and _LIST_GAP.match(text[prev_end:start]):
            run.append((start, name))
        else:
            run = [(start, name)]
        prev_end = end
        if len(run) > len(best):
            best = list(run)
    return best if len(best) >= 2 else []


def membership(text: str, facts: Extraction, rng: random.Random) -> Edit | None:
    """One member of a list of places replaced by a country not in the list."""
    members = list_members(text, facts)
    if not members:
        return None
    start, name = rng.choice(members)
    pool = [c for c, _ in COUNTRIES if c not in text]
    return Edit("membership", name, rng.choice(pool), start)

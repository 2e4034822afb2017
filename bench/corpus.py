"""A synthetic news-like corpus for benchmarks: Arabic and English sentences from templates.

Written for this project; deterministic for a seed. Sentences vary in numbers,
places, organisations and verbs so that neither the lexical nor the dense index
sees the same sentence twice.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

AR_PLACES = ["روما", "القاهرة", "عمّان", "بيروت", "الرباط", "تونس", "بغداد", "الدوحة", "مسقط", "الخرطوم",
             "طرابلس", "دمشق", "صنعاء", "نواكشوط", "الجزائر", "أربيل", "حلب", "البصرة", "صفاقس", "وهران"]
AR_ORGS = ["وزارة الصحة", "البنك المركزي", "وزارة المالية", "البرلمان", "الدفاع المدني", "البلدية",
           "وزارة التعليم", "هيئة الإحصاء", "وزارة الزراعة", "منظمة الإغاثة"]
AR_THINGS = ["مدرسة", "مستشفى", "جسر", "طريق", "محطة كهرباء", "مكتبة", "سد", "مصنع", "ملعب", "حديقة"]
AR_VERBS = ["أعلنت", "قالت", "أكدت", "نفت", "أوضحت", "كشفت"]
AR_MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "يناير",
             "فبراير", "مارس", "أبريل", "مايو", "يونيو"]
EN_PLACES = ["Rome", "Cairo", "Amman", "Beirut", "Rabat", "Tunis", "Baghdad", "Doha", "Muscat", "Khartoum"]
EN_ORGS = ["the health ministry", "the central bank", "the finance ministry", "parliament", "civil defence",
           "the city council", "the statistics office", "the agriculture ministry"]
EN_THINGS = ["school", "hospital", "bridge", "road", "power station", "library", "dam", "factory"]

AR_TEMPLATES = [
    "{verb} {org} في {place} أن عدد المستفيدين بلغ {n} شخصاً خلال شهر {month} {year}.",
    "{verb} {org} افتتاح {thing} جديد في {place} بتكلفة {n} مليون دولار.",
    "ارتفعت نسبة البطالة في {place} إلى {p} في المئة بحسب {org} في {month} {year}.",
    "وقع {org} اتفاقاً مع {org2} لبناء {m} {thing} في محيط {place} قبل نهاية عام {year}.",
    "لم يتمكن {org} من إنجاز مشروع {thing} في {place} بسبب نقص التمويل البالغ {n} ألف دينار.",
    "سجلت {place} {m} إصابة جديدة يوم {day}، وفق بيان صادر عن {org}.",
]
EN_TEMPLATES = [
    "{org_en} said {n} people in {place_en} benefited from the programme in {year}.",
    "A new {thing_en} costing ${n} million opened in {place_en}, {org_en} announced.",
    "Unemployment in {place_en} rose to {p} percent in {year}, according to {org_en}.",
    "{org_en} denied reports that the {thing_en} in {place_en} would close before {year}.",
]
DAYS = ["السبت", "الأحد", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة"]


def sentences(n: int, seed: int = 7, english_share: float = 0.25) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(n):
        t = rng.choice(EN_TEMPLATES) if rng.random() < english_share else rng.choice(AR_TEMPLATES)
        org, org2 = rng.sample(AR_ORGS, 2)
        yield t.format(
            verb=rng.choice(AR_VERBS), org=org, org2=org2, place=rng.choice(AR_PLACES),
            thing=rng.choice(AR_THINGS), month=rng.choice(AR_MONTHS), year=rng.randint(1990, 2025),
            n=rng.randint(2, 99999), m=rng.randint(2, 900), p=round(rng.uniform(1, 40), 1),
            day=rng.choice(DAYS), org_en=rng.choice(EN_ORGS).capitalize(), place_en=rng.choice(EN_PLACES),
            thing_en=rng.choice(EN_THINGS),
        )  # fmt: skip


def documents(n_sentences: int, per_doc: int = 20, seed: int = 7) -> Iterator[str]:
    """Documents of ``per_doc`` sentences, one sentence per line."""
    batch: list[str] = []
    for s in sentences(n_sentences, seed):
        batch.append(s)
        if len(batch) == per_doc:
            yield "\n".join(batch)
            batch = []
    if batch:
        yield "\n".join(batch)


def claims(n: int, seed: int = 99) -> list[str]:
    """Queries shaped like claims (a different seed: not copies of stored sentences)."""
    return list(sentences(n, seed))

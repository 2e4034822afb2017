"""Synthetic claim/evidence stance pairs, written for tabayyun, reproducible from a seed.

Every sentence here is built from templates written for this project. An *event
frame* fills its slots (person, place, number, day ...) from small bilingual
pools and realizes the same event in Arabic and English as:

* ``claim`` forms and ``agree`` paraphrases (reordering, synonyms, digits as
  Arabic-Indic digits or words, dialect spelling),
* ``deny`` forms: explicit negation (لم / لا / ليس / لن / نفى / not / denied ...),
* ``flip`` forms: the opposite event (ارتفع / انخفض, won / lost),
* ``discuss`` forms: the same topic, hedged or reported, without taking a side,

and a swap of one slot value (a number, a day, a place, a person) turns an agree
pair into a disagree pair. Unrelated pairs join claims with evidence from another
frame that shares a place or a person. Mixed pairs put an English claim against
Arabic evidence and the reverse.

``generate(n, seed)`` always returns the same pairs for the same arguments.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from ..results import Stance

# ---------------------------------------------------------------- slot pools
#: (arabic, english) pairs
PERSONS = [
    ("وزير الخارجية الأردني", "Jordan's foreign minister"),
    ("رئيس الوزراء العراقي", "the Iraqi prime minister"),
    ("وزير المالية المصري", "Egypt's finance minister"),
    ("الرئيس التونسي", "the Tunisian president"),
    ("وزير الصحة المغربي", "Morocco's health minister"),
    ("أمين عام الجامعة العربية", "the Arab League secretary-general"),
    ("وزير النفط الكويتي", "Kuwait's oil minister"),
    ("رئيس البرلمان اللبناني", "the Lebanese parliament speaker"),
    ("وزير الداخلية السعودي", "the Saudi interior minister"),
    ("المبعوث الأممي إلى اليمن", "the UN envoy to Yemen"),
    ("محافظ البنك المركزي الجزائري", "Algeria's central bank governor"),
    ("وزير التعليم القطري", "Qatar's education minister"),
]
PLACES = [
    ("القاهرة", "Cairo"), ("عمّان", "Amman"), ("بغداد", "Baghdad"), ("الرباط", "Rabat"),
    ("تونس", "Tunis"), ("بيروت", "Beirut"), ("الدوحة", "Doha"), ("الرياض", "Riyadh"),
    ("الخرطوم", "Khartoum"), ("مسقط", "Muscat"), ("الجزائر", "Algiers"), ("دمشق", "Damascus"),
    ("باريس", "Paris"), ("روما", "Rome"), ("برلين", "Berlin"), ("أنقرة", "Ankara"),
]  # fmt: skip
COUNTRIES = [
    ("مصر", "Egypt"), ("الأردن", "Jordan"), ("العراق", "Iraq"), ("المغرب", "Morocco"),
    ("تونس", "Tunisia"), ("لبنان", "Lebanon"), ("قطر", "Qatar"), ("السعودية", "Saudi Arabia"),
    ("السودان", "Sudan"), ("عُمان", "Oman"), ("الجزائر", "Algeria"), ("إيطاليا", "Italy"),
    ("فرنسا", "France"), ("ألمانيا", "Germany"), ("تركيا", "Turkey"), ("الكويت", "Kuwait"),
]  # fmt: skip
DAYS = [
    ("الأحد", "Sunday"), ("الاثنين", "Monday"), ("الثلاثاء", "Tuesday"), ("الأربعاء", "Wednesday"),
    ("الخميس", "Thursday"), ("الجمعة", "Friday"), ("السبت", "Saturday"),
]  # fmt: skip
MONTHS = [
    ("يناير", "January"), ("فبراير", "February"), ("مارس", "March"), ("أبريل", "April"),
    ("مايو", "May"), ("يونيو", "June"), ("يوليو", "July"), ("أغسطس", "August"),
    ("سبتمبر", "September"), ("أكتوبر", "October"), ("نوفمبر", "November"), ("ديسمبر", "December"),
]  # fmt: skip
ORGS = [
    ("وزارة الصحة", "the health ministry"), ("هيئة الإحصاء", "the statistics office"),
    ("الشركة الوطنية للكهرباء", "the national power company"), ("البنك المركزي", "the central bank"),
    ("وزارة التربية", "the education ministry"), ("الدفاع المدني", "civil defence"),
]  # fmt: skip
BANKS = [
    ("البنك المركزي المصري", "Egypt's central bank"), ("البنك المركزي الأردني", "the Central Bank of Jordan"),
    ("بنك المغرب", "Bank Al-Maghrib"), ("البنك المركزي التركي", "Turkey's central bank"),
    ("البنك المركزي الأوروبي", "the European Central Bank"),
]  # fmt: skip
TEAMS = [
    ("المنتخب المغربي", "Morocco's national team"), ("المنتخب المصري", "Egypt's national team"),
    ("نادي الوداد", "Wydad"), ("نادي الأهلي", "Al Ahly"), ("المنتخب الجزائري", "Algeria's national team"),
    ("نادي الهلال", "Al Hilal"), ("المنتخب التونسي", "Tunisia's national team"),
]  # fmt: skip
AR_NUMBER_WORDS = {
    3: "ثلاثة", 5: "خمسة", 7: "سبعة", 10: "عشرة", 12: "اثني عشر", 20: "عشرين", 30: "ثلاثين",
    40: "أربعين", 50: "خمسين", 100: "مئة", 200: "مئتين", 1000: "ألف",
}  # fmt: skip
EN_NUMBER_WORDS = {
    3: "three", 5: "five", 7: "seven", 10: "ten", 12: "twelve", 20: "twenty", 30: "thirty",
    40: "forty", 50: "fifty", 100: "a hundred", 200: "two hundred", 1000: "a thousand",
}  # fmt: skip
NUMBERS = [3, 5, 7, 10, 12, 15, 20, 24, 30, 36, 40, 45, 50, 64, 75, 100, 120, 200, 250, 340, 1000]

Slots = dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Frame:
    """One kind of event with its Arabic and English surface forms (``{slot}`` placeholders)."""

    name: str
    slots: tuple[str, ...]
    claim: tuple[tuple[str, ...], tuple[str, ...]]
    agree: tuple[tuple[str, ...], tuple[str, ...]]
    deny: tuple[tuple[str, ...], tuple[str, ...]]
    flip: tuple[tuple[str, ...], tuple[str, ...]]
    discuss: tuple[tuple[str, ...], tuple[str, ...]]


def _f(name: str, slots: str, **forms: tuple[list[str], list[str]]) -> Frame:
    return Frame(name, tuple(slots.split()), **{k: (tuple(a), tuple(e)) for k, (a, e) in forms.items()})


FRAMES: tuple[Frame, ...] = (
    _f(
        "visit", "person place day",
        claim=(["{person} يزور {place} يوم {day}", "{person} يصل إلى {place} يوم {day} في زيارة رسمية"],
               ["{person} visits {place} on {day}",
                "{person} arrives in {place} on {day} for an official visit"]),
        agree=(["وصل {person} إلى {place} يوم {day} في زيارة رسمية",
                "زيارة رسمية ل{person} إلى {place} يوم {day}",
                "يوم {day} حط {person} رحاله في {place}",
                "استقبلت {place} يوم {day} {person} في زيارة رسمية"],
               ["On {day}, {person} landed in {place} for an official visit",
                "{place} welcomed {person} on {day}",
                "{person} was in {place} on {day} on an official trip"]),
        deny=(["{person} يلغي زيارته إلى {place} المقررة يوم {day}", "{person} لم يزر {place} يوم {day}",
               "مكتب {person} ينفي أي زيارة إلى {place} يوم {day}", "لن يزور {person} {place} هذا الأسبوع"],
              ["{person} cancels the planned {day} visit to {place}",
               "{person} did not visit {place} on {day}",
               "The office of {person} denied any trip to {place} on {day}"]),
        flip=(["{person} يغادر {place} يوم {day} منهيا زيارته", "{person} يرفض دعوة لزيارة {place}"],
              ["{person} turned down an invitation to visit {place}"]),
        discuss=(["هل يزور {person} {place} قريبا؟ مصادر تتحدث عن ترتيبات أولية",
                  "لم يتضح بعد ما إذا كان {person} سيزور {place}",
                  "مراقبون: زيارة {person} إلى {place} قد تؤجل"],
                 ["It is unclear whether {person} will travel to {place}",
                  "Sources say a trip by {person} to {place} is being discussed"]),
    ),
    _f(
        "rise", "org count day",
        claim=(["{org} تعلن ارتفاع عدد الإصابات إلى {count} حالة",
                "ارتفاع عدد الإصابات إلى {count} حالة بحسب {org}"],
               ["{org} says cases rose to {count}", "Cases climb to {count}, according to {org}"]),
        agree=(["بحسب {org} بلغ عدد الإصابات {count} حالة بعد ارتفاع جديد",
                "أعلنت {org} يوم {day} أن الإصابات ارتفعت لتصل إلى {count}",
                "{count} حالة إصابة حتى الآن وفق {org}"],
               ["According to {org}, the number of cases has risen to {count}",
                "{org} reported on {day} that cases went up to {count}"]),
        deny=(["{org} تنفي ارتفاع عدد الإصابات إلى {count}", "{org}: لم تسجل أي إصابات جديدة",
               "{org} تنفي صحة الأرقام المتداولة عن {count} إصابة"],
              ["{org} denies that cases reached {count}", "{org} says no new cases were recorded"]),
        flip=(["{org} تعلن انخفاض عدد الإصابات إلى {count} حالة",
               "تراجع عدد الإصابات إلى {count} بحسب {org}"],
              ["{org} says cases fell to {count}", "Cases drop to {count}, {org} reports"]),
        discuss=(["{org} تدرس الأرقام الجديدة للإصابات وتعد بتقرير قريب",
                  "تساؤلات حول دقة أرقام الإصابات التي تنشرها {org}"],
                 ["{org} is reviewing its case figures and will publish a report",
                  "Questions raised over case numbers from {org}"]),
    ),
    _f(
        "price", "country count month",
        claim=(["ارتفاع أسعار الوقود في {country} بنسبة {count} بالمئة",
                "{country} ترفع أسعار الوقود {count}%"],
               ["Fuel prices in {country} rise by {count} percent",
                "{country} raises fuel prices by {count}%"]),
        agree=(["زيادة أسعار الوقود في {country} {count} في المئة اعتبارا من {month}",
                "حكومة {country} تقر زيادة بنسبة {count}% على أسعار المحروقات",
                "أسعار المحروقات ترتفع {count}% في {country}"],
               ["{country} approved a {count}% increase in fuel prices from {month}",
                "Petrol in {country} is {count}% dearer"]),
        deny=(["حكومة {country} تنفي نيتها رفع أسعار الوقود",
               "لا زيادة في أسعار الوقود في {country} هذا العام",
               "{country} لن ترفع أسعار المحروقات"],
              ["{country} denies plans to raise fuel prices",
               "There will be no fuel price increase in {country} this year"]),
        flip=(["انخفاض أسعار الوقود في {country} بنسبة {count} بالمئة",
               "{country} تخفض أسعار المحروقات {count}%"],
              ["Fuel prices in {country} fall by {count} percent", "{country} cuts fuel prices by {count}%"]),
        discuss=(["جدل في {country} حول احتمال مراجعة أسعار الوقود",
                  "خبراء يناقشون مستقبل أسعار الوقود في {country}"],
                 ["Debate in {country} over a possible fuel price review",
                  "Experts weigh the future of fuel prices in {country}"]),
    ),
    _f(
        "match", "team team2 score",
        claim=(["{team} يفوز على {team2} بنتيجة {score}", "فوز {team} على {team2}"],
               ["{team} beat {team2} {score}", "{team} win against {team2}"]),
        agree=(["{team} يتغلب على {team2} {score}", "انتصار {team} على حساب {team2} بنتيجة {score}",
                "{team2} يخسر أمام {team}"],
               ["{team} defeated {team2} {score}", "{team2} lost to {team}"]),
        deny=(["{team} لم يتمكن من الفوز على {team2}", "مباراة {team} و{team2} لم تقم بعد"],
              ["{team} failed to beat {team2}", "The match between {team} and {team2} has not been played"]),
        flip=(["{team} يخسر أمام {team2} بنتيجة {score}", "{team2} يفوز على {team}", "تعادل {team} و{team2}"],
              ["{team} lost to {team2} {score}", "{team2} beat {team}", "{team} and {team2} drew"]),
        discuss=(["مدرب {team} يتحدث عن صعوبة مواجهة {team2}", "ترقب كبير لمباراة {team} و{team2}"],
                 ["The coach of {team} talks about facing {team2}",
                  "Fans await the match between {team} and {team2}"]),
    ),
    _f(
        "repatriate", "country country2 count",
        claim=(["{country} تعيد {count} من مواطنيها العالقين في {country2}",
                "إجلاء {count} مواطنا من {country2} إلى {country}"],
               ["{country} repatriated {count} of its nationals from {country2}",
                "{country} brings home {count} citizens stranded in {country2}"]),
        agree=(["عودة {count} من رعايا {country} من {country2} على متن رحلة خاصة",
                "{country} تجلي {count} من مواطنيها من {country2}",
                "وصول {count} مواطنا إلى {country} بعد إجلائهم من {country2}"],
               ["{count} nationals of {country} were flown home from {country2}",
                "{country} evacuated {count} citizens from {country2}"]),
        deny=(["{country} ترفض إعادة مواطنيها من {country2}",
               "{country} لم تعد أيا من مواطنيها العالقين في {country2}",
               "نفت {country} إجلاء أي من رعاياها من {country2}"],
              ["{country} refused to repatriate its nationals from {country2}",
               "{country} has not brought back any citizens from {country2}"]),
        flip=(["{country2} ترحّل {count} من مواطني {country}"],
              ["{country2} deported {count} nationals of {country}"]),
        discuss=(["مطالبات لحكومة {country} بإعادة مواطنيها من {country2}",
                  "عائلات في {country} تنتظر قرارا بشأن ذويها في {country2}"],
                 ["Calls grow for {country} to bring its nationals home from {country2}",
                  "Families in {country} await a decision on relatives in {country2}"]),
    ),
    _f(
        "meeting", "person person2 place",
        claim=(["{person} يلتقي {person2} في {place}", "لقاء بين {person} و{person2} في {place}"],
               ["{person} meets {person2} in {place}", "{person} and {person2} hold talks in {place}"]),
        agree=(["اجتمع {person} مع {person2} في {place}", "{person2} يستقبل {person} في {place}",
                "في {place} عقد {person} و{person2} اجتماعا"],
               ["{person} held a meeting with {person2} in {place}",
                "{person2} received {person} in {place}"]),
        deny=(["{person} ينفي لقاءه {person2}", "لا لقاء بين {person} و{person2} في {place}",
               "لم يلتق {person} {person2}"],
              ["{person} denies meeting {person2}", "{person} did not meet {person2}"]),
        flip=(["{person} يرفض لقاء {person2}", "إلغاء لقاء {person} و{person2} في {place}"],
              ["{person} refuses to meet {person2}",
               "The meeting of {person} and {person2} in {place} is cancelled"]),
        discuss=(["مصادر: لقاء محتمل بين {person} و{person2}", "هل يلتقي {person} {person2} في {place}؟"],
                 ["Sources say {person} may meet {person2}", "Will {person} meet {person2} in {place}?"]),
    ),
    _f(
        "law", "country month",
        claim=(["برلمان {country} يقر قانونا جديدا للانتخابات",
                "{country} تعتمد قانون الانتخابات الجديد في {month}"],
               ["{country}'s parliament passes a new election law",
                "{country} adopts the new election law in {month}"]),
        agree=(["صادق برلمان {country} في {month} على قانون الانتخابات الجديد",
                "موافقة برلمانية في {country} على قانون انتخابي جديد"],
               ["Lawmakers in {country} approved the new election law in {month}",
                "{country}'s parliament voted for a new election law"]),
        deny=(["برلمان {country} لم يصوت على قانون الانتخابات",
               "لا قانون انتخابات جديد في {country} حتى الآن"],
              ["{country}'s parliament did not vote on the election law",
               "{country} has no new election law yet"]),
        flip=(["برلمان {country} يرفض قانون الانتخابات الجديد", "إسقاط مشروع قانون الانتخابات في {country}"],
              ["{country}'s parliament rejects the new election law",
               "The election bill is voted down in {country}"]),
        discuss=(["نقاش حاد في {country} حول قانون الانتخابات",
                  "أحزاب {country} تختلف حول مشروع قانون الانتخابات"],
                 ["Heated debate in {country} over the election law",
                  "Parties in {country} split over the election bill"]),
    ),
    _f(
        "fire", "place count day",
        claim=(["حريق في مصنع ب{place} يودي بحياة {count} أشخاص", "مقتل {count} في حريق مصنع في {place}"],
               ["A factory fire in {place} kills {count} people",
                "{count} dead in a factory blaze in {place}"]),
        agree=(["لقي {count} أشخاص حتفهم إثر حريق اندلع في مصنع ب{place} يوم {day}",
                "{count} قتلى حصيلة حريق مصنع {place}"],
               ["{count} people died when a fire broke out at a factory in {place} on {day}",
                "The death toll of the {place} factory fire is {count}"]),
        deny=(["الدفاع المدني: لا ضحايا في حريق مصنع {place}", "حريق {place} لم يسفر عن أي وفيات"],
              ["Civil defence says nobody died in the {place} factory fire",
               "The {place} fire caused no deaths"]),
        flip=(["إنقاذ جميع العمال من حريق مصنع في {place}"],
              ["All workers rescued from a factory fire in {place}"]),
        discuss=(["تحقيق في أسباب حريق مصنع {place}", "سكان {place} يطالبون بإجراءات سلامة في المصانع"],
                 ["An inquiry into the cause of the {place} factory fire",
                  "{place} residents call for factory safety rules"]),
    ),
    _f(
        "rate", "bank count month",
        claim=(["{bank} يرفع سعر الفائدة إلى {count} بالمئة", "رفع الفائدة إلى {count}% في {month}"],
               ["{bank} raises interest rates to {count} percent", "Rates go up to {count}% in {month}"]),
        agree=(["قرر {bank} في {month} زيادة سعر الفائدة ليبلغ {count}%",
                "سعر الفائدة يصعد إلى {count} في المئة بقرار من {bank}"],
               ["In {month}, {bank} lifted its rate to {count}%",
                "{bank} increased the interest rate to {count} percent"]),
        deny=(["{bank} يبقي سعر الفائدة دون تغيير", "{bank} لم يرفع سعر الفائدة في {month}"],
              ["{bank} leaves interest rates unchanged", "{bank} did not raise rates in {month}"]),
        flip=(["{bank} يخفض سعر الفائدة إلى {count} بالمئة", "خفض الفائدة إلى {count}% في {month}"],
              ["{bank} cuts interest rates to {count} percent", "Rates are lowered to {count}% in {month}"]),
        discuss=(["توقعات متباينة بشأن قرار {bank} المقبل حول الفائدة", "محللون: {bank} قد يغير سعر الفائدة"],
                 ["Analysts are divided on the next rate decision of {bank}",
                  "{bank} could change rates, analysts say"]),
    ),
    _f(
        "open", "country place month",
        claim=(["افتتاح أول مترو في {place} في {month}", "{country} تفتتح مترو {place}"],
               ["The first metro line in {place} opens in {month}", "{country} opens the {place} metro"]),
        agree=(["بدء تشغيل خط المترو الأول في {place} خلال {month}", "مترو {place} يستقبل أول الركاب"],
               ["The first metro line of {place} began service in {month}",
                "The {place} metro welcomed its first passengers"]),
        deny=(["تأجيل افتتاح مترو {place} إلى أجل غير مسمى", "مترو {place} لن يفتتح في {month}"],
              ["The opening of the {place} metro is postponed indefinitely",
               "The {place} metro will not open in {month}"]),
        flip=(["إغلاق مترو {place} بعد أسابيع من تشغيله"],
              ["The {place} metro is shut weeks after opening"]),
        discuss=(["جدل حول كلفة مترو {place}", "ماذا نعرف عن مشروع مترو {place}؟"],
                 ["Controversy over the cost of the {place} metro",
                  "What we know about the {place} metro project"]),
    ),
    _f(
        "strike", "org day count",
        claim=(["عمال {org} يبدأون إضرابا يوم {day}", "إضراب في {org} يشل العمل"],
               ["Workers at {org} start a strike on {day}", "A strike at {org} halts work"]),
        agree=(["دخل عمال {org} في إضراب عن العمل يوم {day}", "توقف العمل في {org} بسبب إضراب العمال"],
               ["Staff at {org} walked out on {day}", "Work at {org} stopped as employees went on strike"]),
        deny=(["نقابة عمال {org} تنفي الدعوة إلى إضراب", "لا إضراب في {org} والعمل يسير بشكل طبيعي"],
              ["The union at {org} denies calling a strike",
               "There is no strike at {org}; work continues normally"]),
        flip=(["عمال {org} يعلقون إضرابهم بعد اتفاق", "انتهاء الإضراب في {org}"],
              ["Workers at {org} call off their strike after a deal", "The strike at {org} is over"]),
        discuss=(["مطالب عمال {org} على طاولة الحوار", "تهديدات بالإضراب في {org} إذا لم ترفع الأجور"],
                 ["The demands of workers at {org} are under discussion",
                  "Workers at {org} threaten to strike over pay"]),
    ),
    _f(
        "election", "person country count",
        claim=(["فوز {person} بالانتخابات في {country} بنسبة {count}%", "{person} يفوز بالانتخابات"],
               ["{person} wins the election in {country} with {count}%", "{person} wins the vote"]),
        agree=(["النتائج الرسمية تؤكد فوز {person} بحصوله على {count} في المئة من الأصوات",
                "حصل {person} على {count}% من الأصوات ليفوز بالانتخابات"],
               ["Official results confirm {person} won with {count} percent",
                "{person} took {count}% of the vote and won"]),
        deny=(["{person} لم يفز بالانتخابات", "المفوضية تنفي فوز {person} بالانتخابات"],
              ["{person} did not win the election", "The commission denies that {person} won"]),
        flip=(["{person} يخسر الانتخابات في {country}", "هزيمة {person} في الانتخابات"],
              ["{person} loses the election in {country}", "Defeat for {person} at the polls"]),
        discuss=(["{person} يترشح للانتخابات في {country}",
                  "استطلاعات الرأي في {country} متقاربة بشأن {person}"],
                 ["{person} runs for office in {country}", "Polls in {country} are close for {person}"]),
    ),
)

#: hedges that turn a statement into "someone says / it is rumoured" (a discuss-shaped pair)
AR_HEDGES = ("أنباء غير مؤكدة عن أن {s}", "تساؤلات: هل {s}؟",
             "شائعات تتحدث عن أن {s} والجهات الرسمية تلتزم الصمت")
EN_HEDGES = ("Unconfirmed reports suggest that {s}", "Is it true that {s}? Officials have not said",
             "Rumours claim that {s}")
#: additions that keep an agree pair an agree pair
AR_TAILS = ("", "", " وفق ما أفادت وسائل إعلام محلية", " بحسب بيان رسمي", " حسب مصادر مطلعة")
EN_TAILS = ("", "", ", local media reported", ", according to an official statement")


def _number_forms(n: int, lang: int, rng: random.Random) -> str:
    """A number as digits, Arabic-Indic digits or words."""
    if lang == 0:
        r = rng.random()
        if r < 0.2 and n in AR_NUMBER_WORDS:
            return AR_NUMBER_WORDS[n]
        if r < 0.45:
            return str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        return str(n)
    if rng.random() < 0.2 and n in EN_NUMBER_WORDS:
        return EN_NUMBER_WORDS[n]
    return str(n)


def _draw_slots(frame: Frame, rng: random.Random) -> dict[str, object]:
    out: dict[str, object] = {}
    pools: dict[str, list[tuple[str, str]]] = {
        "person": PERSONS, "person2": PERSONS, "place": PLACES, "country": COUNTRIES, "country2": COUNTRIES,
        "day": DAYS, "month": MONTHS, "org": ORGS, "bank": BANKS, "team": TEAMS, "team2": TEAMS,
    }  # fmt: skip
    for s in frame.slots:
        if s in ("count",):
            out[s] = rng.choice(NUMBERS)
        elif s == "score":
            a, b = rng.randint(1, 4), rng.randint(0, 3)
            out[s] = (max(a, b), min(a, b) if a != b else max(0, a - 1))
        else:
            pool = pools[s]
            taken = {out.get(s[:-1])} if s.endswith("2") else set()
            out[s] = rng.choice([p for p in pool if p not in taken])
    return out


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _swap(
    slots: dict[str, object], frame: Frame, rng: random.Random, visible: set[str]
) -> dict[str, object] | None:
    """The same slots with one value changed (the disagree-by-detail case).

    Only a slot ``visible`` in both claim and evidence is changed, so the
    difference is really there to be seen.
    """
    keys = sorted(s for s in frame.slots if s in visible and s not in ("org", "bank"))
    if not keys:
        return None
    key = rng.choice(keys)
    new = dict(slots)
    if key == "count":
        n = int(slots[key])  # type: ignore[call-overload]
        choices = [m for m in NUMBERS if m != n] + [n + rng.randint(1, 9), max(1, n * 2)]
        new[key] = rng.choice(choices)
    elif key == "score":
        a, b = cast(tuple[int, int], slots[key])
        new[key] = (a + 1, b) if rng.random() < 0.5 else (a, b + 1 if b + 1 < a else b)
        if new[key] == slots[key]:
            return None
    else:
        again = _draw_slots(Frame("x", (key,), ((), ()), ((), ()), ((), ()), ((), ()), ((), ())), rng)
        if again[key] == slots[key]:
            return None
        new[key] = again[key]
        if key == "person" and new.get("person2") == new[key]:
            return None
    return new


def _render(template: str, slots: dict[str, object], lang: int, rng: random.Random) -> str:
    vals: dict[str, str] = {}
    for k, v in slots.items():
        if k == "count":
            as_digits = "{count}%" in template  # "7%", never "seven%"
            number = int(v)  # type: ignore[call-overload]
            vals[k] = str(number) if as_digits and lang == 1 else _number_forms(number, lang, rng)
        elif k == "score":
            a, b = cast(tuple[int, int], v)
            vals[k] = f"{a}-{b}"
        else:
            vals[k] = v[lang]  # type: ignore[index]
    text = template.format(**vals)
    return text[0].upper() + text[1:] if lang == 1 else text


# ------------------------------------------------------------ dialect spelling
_FOLDS = (("أ", "ا"), ("إ", "ا"), ("ة ", "ه "), ("ى ", "ي "))


def dialect_spelling(text: str, rng: random.Random) -> str:
    """Informal spelling: dropped hamzas, ه for ة, ي for ى, an occasional tatweel."""
    for a, b in _FOLDS:
        if rng.random() < 0.5:
            text = text.replace(a, b)
    if rng.random() < 0.15:
        words = text.split(" ")
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 3 and all("\u0621" <= c <= "\u064a" for c in w):
            words[i] = w[:2] + "\u0640" + w[2:]
        text = " ".join(words)
    return text


# ------------------------------------------------------------------- pairs
@dataclass(frozen=True, slots=True)
class Pair:
    claim: str
    evidence: str
    stance: Stance
    kind: str


def _one(frame: Frame, rng: random.Random, others: list[Frame]) -> Pair:
    slots = _draw_slots(frame, rng)
    r = rng.random()
    cl_lang = 0 if r < 0.6 else 1
    ev_lang = cl_lang if rng.random() < 0.8 else 1 - cl_lang
    claim_template = rng.choice(frame.claim[cl_lang])
    claim = _render(claim_template, slots, cl_lang, rng)

    def ev(forms: tuple[tuple[str, ...], tuple[str, ...]], s: dict[str, object], template: str = "") -> str:
        text = _render(template or rng.choice(forms[ev_lang]), s, ev_lang, rng)
        tails = AR_TAILS if ev_lang == 0 else EN_TAILS
        return text + rng.choice(tails)

    u = rng.random()
    stance: Stance
    if u < 0.27:
        evidence, stance, kind = ev(frame.agree if rng.random() < 0.8 else frame.claim,
                                    slots), "agree", "paraphrase"
    elif u < 0.40:
        evidence, stance, kind = ev(frame.deny, slots), "disagree", "negation"
    elif u < 0.50:
        evidence, stance, kind = ev(frame.flip, slots), "disagree", "antonym"
    elif u < 0.64:
        template = rng.choice(frame.agree[ev_lang])
        swapped = _swap(slots, frame, rng, _placeholders(claim_template) & _placeholders(template))
        if swapped is None:
            return _one(frame, rng, others)
        evidence, stance, kind = ev(frame.agree, swapped, template), "disagree", "swap"
    elif u < 0.78:
        if rng.random() < 0.7:
            evidence, kind = ev(frame.discuss, slots), "discuss"
        else:
            hedges = AR_HEDGES if ev_lang == 0 else EN_HEDGES
            inner = _render(rng.choice(frame.agree[ev_lang]), slots, ev_lang, rng)
            if ev_lang == 1:
                inner = inner[0].lower() + inner[1:]
            evidence, kind = rng.choice(hedges).format(s=inner), "hedge"
        stance = "discuss"
    else:
        other = rng.choice(others)
        oslots = _draw_slots(other, rng)
        # share a place or a person (sorted: same order in every process)
        for key in sorted(set(other.slots) & set(frame.slots)):
            if rng.random() < 0.6:
                oslots[key] = slots[key]
        group = rng.choice((other.agree, other.claim, other.deny, other.discuss))
        evidence = _render(rng.choice(group[ev_lang]), oslots, ev_lang, rng)
        stance, kind = "unrelated", "unrelated"
    if ev_lang == 0 and rng.random() < 0.3:
        evidence = dialect_spelling(evidence, rng)
    if cl_lang == 0 and rng.random() < 0.2:
        claim = dialect_spelling(claim, rng)
    return Pair(claim, evidence, stance, kind)


def generate(n: int, seed: int = 13, frames: tuple[Frame, ...] = FRAMES) -> list[Pair]:
    """``n`` pairs; the same ``(n, seed)`` always gives the same list."""
    rng = random.Random(seed)
    out: list[Pair] = []
    for i in range(n):
        frame = frames[i % len(frames)] if i < len(frames) else rng.choice(frames)
        out.append(_one(frame, rng, [f for f in frames if f is not frame]))
    return out


def split(pairs: list[Pair], dev_fraction: float = 0.15) -> tuple[list[Pair], list[Pair]]:
    """A deterministic train/dev split of generated pairs."""
    cut = int(len(pairs) * (1 - dev_fraction))
    return pairs[:cut], pairs[cut:]


MakePairs = Callable[[int, int], list[Pair]]

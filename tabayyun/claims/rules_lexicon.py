"""Word lists the decomposition rules read, written plainly and normalized once at import.

Keys are compared with :func:`tabayyun.text.normalize.normalize` of a token (so أ/ا, ة/ه,
ى/ي fold alike, and English is case-folded). Verbs are listed as (past, present) pairs of
the third person masculine singular; :func:`_ar_forms` adds the feminine, dual and plural
endings. The lists cover the verbs of news claims, not the language: a verb missing here
is still found by its imperfect shape (يفعل) where the rules accept a shape.
"""

from __future__ import annotations

from ..text.normalize import normalize


def _keys(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


def _ar_forms(past: str, present: str) -> set[str]:
    """Third-person forms of one verb: قال قالت قالوا قالا قالتا، يقول تقول يقولون يقولان تقولان."""
    forms = {past, present}
    if past.endswith(("ى", "ا")):
        stem = past[:-1]
        forms |= {stem + "ت", stem + "وا", stem + "يا", stem + "تا", stem + "ا"}
    else:
        forms |= {past + "ت", past + "وا", past + "ا", past + "تا", past + "ن"}
    rest = present[1:]
    # not the first person (نفعل): claims rarely say "we", and نصف / نقل are nouns far more often
    forms |= {"ت" + rest, present + "ون", present + "ان", "ت" + rest + "ان"}
    if present.endswith("ي"):
        forms |= {present[:-1] + "ون", "ت" + rest[:-1] + "ون"}
    return {normalize(f) for f in forms}


#: (past, present) pairs: verbs of news claims
_AR_VERB_PAIRS = """
زال:يزال قال:يقول أعلن:يعلن أكد:يؤكد أفاد:يفيد ذكر:يذكر أوضح:يوضح أضاف:يضيف صرح:يصرح نفى:ينفي كشف:يكشف
أشار:يشير زعم:يزعم ادعى:يدعي اعترف:يعترف ضم:يضم سمى:يسمي وصف:يصف أطلق:يطلق سقط:يسقط بلغ:يبلغ
ارتفع:يرتفع انخفض:ينخفض تراجع:يتراجع زاد:يزيد قتل:يقتل أصاب:يصيب فاز:يفوز خسر:يخسر وقع:يوقع
افتتح:يفتتح أغلق:يغلق انضم:ينضم انسحب:ينسحب شارك:يشارك استقال:يستقيل عين:يعين أقال:يقيل قرر:يقرر
رفض:يرفض وافق:يوافق دعا:يدعو طالب:يطالب هاجم:يهاجم سيطر:يسيطر حكم:يحكم قاد:يقود تأسس:يتأسس
أسس:يؤسس بنى:يبني دمر:يدمر استضاف:يستضيف زار:يزور التقى:يلتقي عقد:يعقد أجرى:يجري نشر:ينشر
أصدر:يصدر صدر:يصدر سجل:يسجل تجاوز:يتجاوز وصل:يصل تسلم:يتسلم حصل:يحصل منح:يمنح فرض:يفرض
رفع:يرفع خفض:يخفض أنفق:ينفق كلف:يكلف استثمر:يستثمر صوت:يصوت انتخب:ينتخب فتح:يفتح استعاد:يستعيد
احتل:يحتل حرر:يحرر هزم:يهزم انهار:ينهار توفي:يتوفى مات:يموت عاش:يعيش عمل:يعمل أنتج:ينتج
استورد:يستورد تضاعف:يتضاعف مثل:يمثل شمل:يشمل تضمن:يتضمن امتلك:يمتلك ملك:يملك اعتبر:يعتبر
أصبح:يصبح كان:يكون ظل:يظل بقي:يبقى استمر:يستمر واصل:يواصل عاد:يعود تولى:يتولى ترأس:يترأس
أدار:يدير دعم:يدعم مول:يمول حذر:يحذر اتهم:يتهم أدان:يدين هدد:يهدد أعاد:يعيد ألغى:يلغي علق:يعلق
أوقف:يوقف سمح:يسمح منع:يمنع حظر:يحظر أقر:يقر تبنى:يتبنى نال:ينال حقق:يحقق أحرز:يحرز خاض:يخوض
لعب:يلعب فقد:يفقد بدأ:يبدأ انتهى:ينتهي أنهى:ينهي استغرق:يستغرق سكن:يسكن تأهل:يتأهل اختار:يختار
اكتشف:يكتشف أثبت:يثبت رصد:يرصد لقي:يلقى أودى:يودي تسبب:يتسبب أسفر:يسفر أدى:يؤدي تعرض:يتعرض
نجا:ينجو فر:يفر نزح:ينزح هاجر:يهاجر اجتاح:يجتاح ضرب:يضرب نعت:ينعت لقب:يلقب عرف:يعرف ساهم:يساهم
أرسل:يرسل استقبل:يستقبل شهد:يشهد سجن:يسجن اعتقل:يعتقل أفرج:يفرج أطلق:يطلق وعد:يعد نظم:ينظم
أنشأ:ينشئ تلقى:يتلقى قدم:يقدم باع:يبيع اشترى:يشتري دفع:يدفع تبرع:يتبرع جمع:يجمع أنقذ:ينقذ
صادق:يصادق أبرم:يبرم أيد:يؤيد عارض:يعارض انتقد:ينتقد رحب:يرحب حاول:يحاول استخدم:يستخدم
تعهد:يتعهد خطط:يخطط سيطرت:تسيطر تقدم:يتقدم انطلق:ينطلق تمكن:يتمكن اختفى:يختفي ظهر:يظهر
تحول:يتحول أصبح:يصبح ضاعف:يضاعف قلص:يقلص وفر:يوفر أعفى:يعفي أقام:يقيم أخلى:يخلي غادر:يغادر
دخل:يدخل خرج:يخرج احتفل:يحتفل أحيا:يحيي تسلل:يتسلل أطاح:يطيح حاصر:يحاصر قصف:يقصف
وظف:يوظف ربط:يربط خدم:يخدم نقل:ينقل ساعد:يساعد درس:يدرس عالج:يعالج وزع:يوزع استهدف:يستهدف
ضاعف:يضاعف سدد:يسدد اقترض:يقترض أقرض:يقرض صنع:يصنع زرع:يزرع حصد:يحصد اخترق:يخترق أصيب:يصاب
هبط:يهبط صعد:يصعد قفز:يقفز تعافى:يتعافى كرم:يكرم قام:يقوم شكا:يشكو
ألقى:يلقي سرق:يسرق هرب:يهرب طرد:يطرد سحب:يسحب شن:يشن أطلق:يطلق سرح:يسرح دشن:يدشن جمد:يجمد ولد:يولد اجتمع:يجتمع
نظر:ينظر ناقش:يناقش أنجز:ينجز شيد:يشيد رمم:يرمم جهز:يجهز استوعب:يستوعب تجمع:يتجمع
"""

_AR_VERBS: set[str] = set()
for _pair in _AR_VERB_PAIRS.split():
    _past, _present = _pair.split(":")
    _AR_VERBS |= _ar_forms(_past, _present)
_AR_VERBS |= {normalize(w) for w in "ليس ليست ليسوا يوجد توجد".split()}
#: Arabic verb forms (normalized)
AR_VERBS = frozenset(_AR_VERBS)

#: words that look like an imperfect verb (start with ي) but are not
AR_NOT_VERBS = _keys(
    "يوم يوما يومين يومي يونيو يوليو يناير يمين يسار يد يهود يورو يابان يونان يمن يافا ينبع ياسر يوسف يحيى "
    "يعقوب يونس سيناء سيناريو ستالين ستوديو"
)

#: Arabic relative pronouns (normalized)
AR_RELATIVE = _keys("الذي التي الذين اللذان اللذين اللتان اللتين اللواتي اللاتي")
#: particles that open a predicate before its verb (negation, tense, emphasis)
AR_PARTICLES = _keys("لم لن لا قد لقد سوف ما")
#: complementizers that open reported content: أن، إن، بأن (and with a pronoun: أنه، إنها …)
AR_COMPLEMENTIZERS = _keys("أن إن بأن ان")
#: a complementizer with a subject pronoun: the content's subject is the speaker
AR_COMPLEMENTIZERS_PRONOUN = _keys("أنه إنه بأنه أنها إنها بأنها أنهم إنهم بأنهم أنهما إنهما")
#: the verbs of saying that make an attribution frame with a complementizer (denial excluded: نفى)
AR_SAY_VERBS = frozenset(
    f
    for p in "قال:يقول أعلن:يعلن أكد:يؤكد أفاد:يفيد ذكر:يذكر أوضح:يوضح أضاف:يضيف صرح:يصرح كشف:يكشف "
    "أشار:يشير زعم:يزعم ادعى:يدعي اعترف:يعترف حذر:يحذر أقر:يقر".split()
    for f in _ar_forms(*p.split(":"))
)
#: passive verbs of saying: the content is reported, nobody is named (قيل إن، أفيد بأن)
AR_PASSIVE_SAY = _keys("قيل يقال أفيد أشيع يشاع")
#: prepositions allowed between a verb of saying and its complementizer (أشار إلى أن، حذر من أن)
AR_SAY_PREPOSITIONS = _keys("إلى الى على من في")
#: phrases that source content without asserting who said it (بحسب، وفقا لـ، نقلا عن)
AR_SOURCING = _keys("بحسب حسب وفقا وفق نقلا طبقا")
#: speakers too vague for the claim to assert who said it (the first word of the speaker)
AR_VAGUE_SPEAKERS = _keys(
    "مصادر مصدر المصادر تقارير التقارير أنباء الأنباء مسؤولون مسؤول مسؤولين شهود ناشطون ناشطين مراقبون "
    "خبراء وسائل مصادرنا بعض البعض مواقع حسابات مغردون"
)

#: (particle, verb) pairs and single words that say a state continues or ended: لا يزال، ما زال، لم يعد
AR_CONTINUING_PAIRS = frozenset(
    (normalize(a), normalize(b))
    for a, bs in (
        ("لا", "يزال تزال يزالون تزالان يزالان زال زالت"),
        ("ما", "زال زالت زالوا يزال تزال"),
        ("لم", "يعد تعد يعودوا تعودا"),
    )
    for b in bs.split()
)
AR_CONTINUING_WORDS = _keys("مازال مازالت مازالوا لازال لازالت")

#: naming verbs: X يسمي/يصف/يلقب/ينعت Y بـ Z, يطلق على Y اسم Z, Y يعرف بـ Z (normalized)
AR_NAMING_VERBS = frozenset(
    f for p in "سمى:يسمي وصف:يصف لقب:يلقب نعت:ينعت".split() for f in _ar_forms(*p.split(":"))
)
#: naming verbs that need بـ or بأنه before the name (يصف Y بـ Z), unlike يسمي Y Z
AR_DESCRIBE_VERBS = frozenset(f for p in "وصف:يصف نعت:ينعت".split() for f in _ar_forms(*p.split(":")))
AR_NAMING_CALL = frozenset(f for f in _ar_forms("أطلق", "يطلق"))
AR_KNOWN_AS = _keys("يعرف تعرف يعرفون عرف عرفت يسمى تسمى سمي سميت يلقب تلقب")
#: pronoun suffixes on a naming verb that stand for the entity named (يسميها، يصفه)
AR_OBJECT_SUFFIXES = ("ها", "هم", "هما", "هن", "ه")
#: the word that introduces a name after يطلق على Y
AR_NAME_WORDS = _keys("اسم تسمية لقب وصف")

#: heads too generic to carry a relative clause as its own claim (restrictive: الدول التي …)
AR_GENERIC_HEADS = _keys(
    "الدول الأشخاص الناس الأطفال الجهات الشخص الأماكن المناطق الطلاب المرضى الشركات المواطنين المواطنون "
    "الأسر العائلات الحالات الفئات الأفراد المدن القرى البلدان الدولة"
)
#: words that act as prepositions before a noun (بسبب القس، خلال العام): never the head of a noun phrase
AR_PREPOSITION_NOUNS = _keys(
    "بسبب بعد قبل خلال حول ضد عبر لدى نتيجة إثر جراء بفضل وسط بين أمام خلف تحت فوق بشأن حيال لصالح بحق"
)
#: quantifiers before a head that make its relative clause restrictive (كل، جميع، أول …)
AR_QUANTIFIERS = _keys("كل جميع بعض معظم أغلب أكثر أول آخر أي غالبية")
#: adjectives (besides the nisba endings) that may follow a head noun
AR_ADJECTIVES = _keys(
    "الجديد الجديدة الكبير الكبيرة العام العامة الأعلى الأكبر المسلح المسلحة السابق السابقة المتحدة "
    "الحالي الحالية الأول الأولى الثاني الثانية المؤقت المؤقتة الكبرى الصغرى العظمى الحاكم الحاكمة "
    "المقبل المقبلة الماضي الماضية القادم القادمة الأخير الأخيرة السابق السابقة المنتخب المنتخبة"
)

#: role nouns that open an appositive: "X، رئيس Y، …"
AR_ROLES = _keys(
    "رئيس رئيسة الرئيس وزير وزيرة الوزير نائب زعيم الزعيم قائد القائد أمين الأمين المتحدث المتحدثة "
    "الناطق الناطقة مدير مديرة المدير سفير سفيرة عضو عضوة مؤسس مؤسسة محافظ ملك الملك أمير الأمير "
    "عاصمة مبعوث المبعوث ممثل مستشار مستشارة كبير رئيسي حاكم عمدة مدرب مدربة المدرب لاعب كاتب مراسل "
    "أستاذ أستاذة الأستاذ مفوض المفوض قاضي القاضي بطل بطلة الكاتب الكاتبة الشاعر الشاعرة الروائي الروائية "
    "مؤلف مؤلفة المخرج المخرجة"
)

#: participles that modify a noun with a number or date, and the verb a part says instead
AR_PARTICIPLES = {
    normalize(k): v
    for k, v in {
        "البالغ": "يبلغ", "البالغة": "تبلغ", "المقدر": "يقدر", "المقدرة": "تقدر", "المكون": "يتكون",
        "المكونة": "تتكون", "المؤلف": "يتألف", "المؤلفة": "تتألف", "الموقع": "وقع", "الموقعة": "وقعت",
        "المبرم": "أبرم", "المبرمة": "أبرمت", "المنعقد": "انعقد", "المنعقدة": "انعقدت", "الصادر": "صدر",
        "الصادرة": "صدرت", "المعلن": "أعلن", "المعلنة": "أعلنت", "الممتد": "يمتد", "الممتدة": "تمتد",
        "المنتهي": "انتهى", "المنتهية": "انتهت", "المسجل": "سجل", "المسجلة": "سجلت", "المخصص": "خصص",
        "المخصصة": "خصصت", "المؤسس": "تأسس", "المؤسسة": "تأسست", "المقام": "أقيم", "المقامة": "أقيمت",
        "المتجاوز": "يتجاوز", "المتجاوزة": "تتجاوز", "المولود": "ولد", "المولودة": "ولدت",
    }.items()
}

#: participles that name the noun before them (الحركة المعروفة بالإمارة), and the verb a part says instead
AR_NAMING_PARTICIPLES = {
    normalize(k): v
    for k, v in {
        "المعروف": "يعرف", "المعروفة": "تعرف", "المسمى": "يسمى", "المسماة": "تسمى", "الملقب": "يلقب",
        "الملقبة": "تلقب",
    }.items()
}

#: clause openers after a comma that join two statements: ثم، كما (+ verb), بينما، في حين
AR_THEN = _keys("ثم")
#: words that lead a number without being the thing counted (بنسبة 10%، نحو 600)
AR_NUMBER_LEADS = _keys("بنسبة بمقدار بواقع بقيمة بحوالي نحو حوالي قرابة أكثر أقل عام سنة بلغ بلغت")
AR_ALSO = _keys("كما")

# ------------------------------------------------------------------ English

_EN_IRREGULAR = """
said say says told tell tells went go goes fell fall falls won win wins lost lose loses rose rise rises
built build builds held hold holds made make makes paid pay pays left leave leaves led lead leads
took take takes gave give gives got get gets began begin begins became become becomes grew grow grows
sold sell sells bought buy buys brought bring brings met meet meets kept keep keeps ran run runs
saw see sees spent spend spends sent send sends struck strike strikes shot shoot shoots hit hits
knew know knows thought think thinks found find finds stood stand stands drew draw draws swore
wrote write writes broke break breaks chose choose chooses fought fight fights fled flee flees
set sets cut cuts put puts quit quits withdrew flew hid rode shook threw wore woke laid lay stole
is are was were has have had will would can could shall
should may might must does did do remains remained
"""
_EN_REGULAR = """
announce confirm claim declare insist argue warn reveal acknowledge admit deny report state add
call describe refer label dub brand name term include join open close kill injure rise increase
decrease drop climb reach exceed approve reject sign launch control rule govern host visit attack
capture free release arrest vote elect appoint resign fire ban allow suspend cancel fund support
oppose condemn accuse threaten collapse die live work produce export import double triple own
consider continue return receive award impose raise cut spend invest cost record register score
play start end finish complete destroy damage occupy withdraw leave enter exit plan promise pledge
achieve discover prove detect cause displace survive estimate employ serve hire train deploy
order demand urge praise criticize welcome found establish create build operate manage lead
represent cover contain comprise reduce lower boost cross gain lose earn pass adopt ratify hold
list rank seize bomb shell invade liberate defeat recapture evacuate deliver ship supply
subsidize refuse link flood treat propose protect infect issue land beat rebuild resign
"""


def _en_forms(base: str) -> set[str]:
    forms = {base, base + "s", base + "ed"}
    if base.endswith("e"):
        forms |= {base + "d", base + "s"}
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied"}
    if base.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(base + "es")
    short_cvc = base[-1] not in "aeiouwxy" and base[-2:-1] in set("aeiou") and base[-3:-2] not in set("aeiou")
    if len(base) <= 4 and short_cvc:
        forms.add(base + base[-1] + "ed")
    return forms


#: English verb forms (lower case): a regular base list with its endings, and irregular forms
EN_VERBS = frozenset(
    set(_EN_IRREGULAR.split()) | {f for b in _EN_REGULAR.split() for f in _en_forms(b)}
)
#: auxiliaries and modals (a predicate may open with them)
EN_AUXILIARIES = frozenset("is are was were has have had will would can could shall should may might must "
                           "does did do".split())
EN_RELATIVE = frozenset({"which", "who", "that"})
EN_SAY_VERBS = frozenset(
    "said says say announced announces confirmed confirms claimed claims declared declares stated states "
    "added adds reported reports insisted insists argued argues warned warns revealed reveals "
    "acknowledged acknowledges admitted admits told tells".split()
)
#: phrases that source content without asserting who said it
EN_SOURCING = frozenset({"according"})
EN_VAGUE_SPEAKERS = frozenset(
    "sources source reports officials witnesses activists experts observers critics some many people "
    "they analysts residents media it he she we i you".split()
)
EN_PRONOUNS = frozenset({"he", "she", "it", "they"})
EN_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "these", "those"})
EN_GENERIC_HEADS = frozenset(
    "people those anyone everyone someone all countries children patients students companies families "
    "residents citizens cases ones".split()
)
#: naming verbs: calls Y Z, describes Y as Z, refers to Y as Z, labels/dubs/brands Y (as) Z
EN_NAMING_VERBS = frozenset(
    "call calls called calling describe describes described describing label labels labeled labelled "
    "dub dubs dubbed brand brands branded term terms termed name names named".split()
)
EN_REFER_VERBS = frozenset({"refer", "refers", "referred", "referring"})
#: words after "calls" that make it a request, not a name (calls for, calls on)
EN_CALL_NOT_NAMING = frozenset({"for", "on", "upon", "off", "back", "in", "out", "up"})
EN_KNOWN_AS = frozenset({"known"})
EN_STILL = frozenset({"still"})
EN_NO_LONGER = ("no", "longer")
EN_ROLE_OPENERS = frozenset({"the", "a", "an", "former", "its", "their"})
EN_PREPOSITIONS = frozenset(
    "in on at by for with from into onto about over under after before since during of to as via through "
    "across against between among without within toward towards near like per despite amid including "
    "until upon".split()
)
#: modals whose verb a coordinated predicate shares ("would cut taxes and raise wages")
EN_MODALS = frozenset("will would can could shall should may might must".split())
#: negations before a verb of saying: "did not say that C" does not report C
EN_NEGATIONS = frozenset({"not", "never", "didn't", "doesn't", "don't", "won't", "wouldn't", "hasn't",
                          "haven't", "hadn't", "no"})
#: past participles that open a modifier with a date or number ("signed in 2015")
EN_PARTICIPLE_IRREGULAR = frozenset(
    "built held made founded set won lost born begun written sold paid".split()
)

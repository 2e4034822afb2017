"""People, places and organizations: a gazetteer plus a few rules.

1. **Gazetteer** (:class:`~tabayyun.extract.aliases.AliasTable`): the longest
   alias at a token wins; Arabic clitics are peeled (وبغداد، لمصر، للأمم المتحدة
   → الأمم المتحدة) and nationality adjectives match with the article and any
   ending (الأمريكية، الفرنسيين). English names must be capitalized.
2. **Titles → people**: الرئيس، رئيس الوزراء، وزير الخارجية، الملك، الشيخ،
   President, Secretary of State, Mr. … followed (after adjectives such as
   الأمريكي، السابق) by one to three name tokens.
3. **Heads → organizations**: وزارة، منظمة، تنظيم، مجلس، حزب، حركة، جامعة، هيئة …
   followed by their idafa complement (منظمة الصحة العالمية، وزارة الدفاع
   الروسية); English capitalized phrases with Ministry, Organization, Council …
4. **Heads → places**: مدينة، محافظة، ولاية، بلدة، قرية، مخيم + a name.

An entity's ``canonical`` is the alias table's canonical name where known,
otherwise the normalized text. There is no statistical model: the figures of
``bench/eval_entities.py`` on the labelled sentences in ``tests/extract`` are
what this gets.
"""

from __future__ import annotations

from .aliases import AliasEntry, AliasTable
from .calendar_words import GREGORIAN_MONTHS, HIJRI_MONTHS, WEEKDAYS
from .numbers import ar_word
from .tokens import Doc, norm_key, norm_word, prepare
from .types import Entity
from .units import STOPWORDS

_CLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")

_AR_TITLES = {norm_key(t) for t in (
    "الرئيس", "الرئيسة", "رئيس الوزراء", "رئيسة الوزراء", "رئيس الحكومة", "رئيس الجمهورية", "الملك", "الملكة",
    "الأمير", "الأميرة", "ولي العهد", "الشيخ", "السلطان", "الأمين العام", "المستشار", "المستشارة", "الجنرال",
    "اللواء", "العميد", "العقيد", "الدكتور", "السيد", "السيدة", "المبعوث", "السفير", "السفيرة", "النائب",
    "النائبة", "الزعيم", "المرشد", "البابا", "الوزير", "الوزيرة", "نائب الرئيس", "المتحدث", "المتحدثة",
    "الناطق", "الناطقة", "الكاتب", "الصحفي", "الصحفية", "الباحث", "القاضي", "المدعي العام", "رئيس",
    "رئيسة", "وزير", "وزيرة", "زعيم", "قائد", "مدير", "مديرة", "حاكم", "محافظ", "عمدة", "المدير", "الحاكم",
)}
_AR_TITLE_MAX = max(len(k) for k in _AR_TITLES)
#: after these titles the idafa complement comes first: وزير الخارجية، المتحدث باسم الجيش
_AR_TITLE_WITH_COMPLEMENT = {norm_word(w) for w in (
    "وزير", "وزيره", "رئيس", "رئيسه", "زعيم", "قائد", "مدير", "مديره", "حاكم", "محافظ", "عمده", "المتحدث",
    "المتحدثه", "الناطق", "الناطقه", "المبعوث", "السفير", "السفيره", "نائب", "الامين")}
_AR_MODIFIERS = {norm_word(w) for w in (
    "السابق", "السابقة", "الأسبق", "الراحل", "الراحلة", "الجديد", "الجديدة", "الحالي", "الحالية", "المنتهية",
    "ولايته", "المؤقت", "المكلف", "الفخري", "باسم", "العام", "الأول", "الأعلى", "باسمه")}
_NAME_STOP = {norm_word(w) for w in (
    "نظيره", "نظيرته", "أمام", "إن", "أن", "انه", "إنه", "بأن", "لدى", "خلال", "عبر", "يوم", "أمس", "اليوم",
    "أيضا", "كذلك", "الذي", "التي", "شخصيا", "نفسه", "بين", "عن", "مع", "على", "إلى", "في", "من", "قال",
    "قالت", "أكد", "أكدت", "أعلن", "أعلنت", "اليوم", "هذا", "هذه", "ذلك", "لقد", "قد", "كان", "كانت",
    "صباح", "مساء", "الماضي", "بعد", "قبل", "حول", "ضد", "رسميا", "عقب", "إثر", "وسط", "لم", "لن", "ما", "لا",
    "حيث", "التقى", "استقبل", "زار", "يزور", "وصل", "غادر", "دعا", "طالب", "هاتفيا", "بشأن", "أثناء", "خلف",
    "كما", "لكن", "بل", "أو", "ثم")}
_EN_TITLES = {norm_key(t) for t in (
    "President", "Prime Minister", "Minister", "Foreign Minister", "Defence Minister", "Defense Minister",
    "Secretary", "Secretary of State", "Secretary-General", "Secretary General", "King", "Queen", "Prince",
    "Princess", "Sheikh", "Emir", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "General", "Gen.",
    "Chancellor", "Senator", "Sen.", "Rep.", "Governor", "Mayor", "Spokesman", "Spokeswoman", "Director",
    "Director-General", "Ambassador", "Envoy", "Judge", "Pope", "Vice President", "Crown Prince", "Lord",
    "Sir", "Professor", "Prof.", "Colonel", "Col.", "Lieutenant", "Lt.",
)}
_EN_TITLE_MAX = max(len(k) for k in _EN_TITLES)
_EN_NAME_STOP = {"The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "But", "And", "Of",
                 "For",
                 "Said", "Says", "Told", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                 "Sunday", "This", "That", "Last", "Next"}

_AR_ORG_HEADS = {norm_word(w) for w in (
    "وزارة", "منظمة", "تنظيم", "مجلس", "حزب", "حركة", "جامعة", "بنك", "البنك", "مصرف", "صندوق", "هيئة",
    "وكالة", "شركة", "جماعة", "جبهة", "اتحاد", "الاتحاد", "لجنة", "اللجنة", "محكمة", "المحكمة", "جيش",
    "الجيش", "قوات", "مؤسسة", "معهد", "مركز", "برنامج", "مفوضية", "المفوضية", "رابطة", "نقابة", "كتائب",
    "ألوية", "صحيفة", "قناة", "مستشفى", "الحرس", "جهاز", "الوزارة", "المنظمة", "الهيئة", "الحكومة", "حكومة",
    "البرلمان", "برلمان", "التحالف", "تحالف", "الأكاديمية", "أكاديمية")}
_AR_PLACE_HEADS = {norm_word(w): s for w, s in (
    ("مدينة", "city"), ("محافظة", "region"), ("ولاية", "region"), ("بلدة", "city"), ("قرية", "city"),
    ("مخيم", "city"), ("إقليم", "region"), ("منطقة", "region"), ("ميناء", "city"), ("مطار", "city"),
    ("العاصمة", "city"), ("جزيرة", "region"), ("حي", "city"))}
_EN_ORG_WORDS = {"ministry", "organization", "organisation", "council", "party", "university", "bank", "fund",
                 "agency", "commission", "committee", "court", "army", "forces", "union", "association",
                 "institute", "foundation", "company", "corporation", "group", "movement", "front", "office",
                 "department", "parliament", "assembly", "programme", "program", "network", "coalition",
                 "brigades", "times", "post", "news", "inc", "ltd", "authority", "service"}
_EN_CONNECT = {"of", "for", "and", "the", "on", "de"}
_REGNAL = {norm_word(w) for w in ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس")}
_NOT_NAME = {k[0] for k in GREGORIAN_MONTHS} | {k[0] for k in HIJRI_MONTHS} | {k[0] for k in WEEKDAYS}


def _forms(text: str, kind: str) -> list[tuple[str, int, bool]]:
    """First-token forms to look up: ``(form, skipped chars, article_stripped)``."""
    out = [(text, 0, False)]
    if kind != "ar":
        return out
    if text.startswith("لل") and len(text) > 4:
        out.append(("ال" + text[2:], 0, False))
    for c in _CLITICS:
        if text.startswith(c) and len(text) - len(c) >= 3:
            rest = text[len(c) :]
            out.append((rest, len(c), False))
            if rest.startswith("ال") and len(rest) > 4:
                out.append((rest[2:], len(c), True))
            if c in ("ول", "فل", "ل") and not rest.startswith("ال") and rest.startswith("ل"):
                out.append(("ا" + rest, len(c) - 1, False))
    if text.startswith("ال") and len(text) > 4:
        out.append((text[2:], 0, True))
    return out


class _Finder:
    def __init__(self, doc: Doc, aliases: AliasTable) -> None:
        self.doc = doc
        self.toks = doc.tokens
        self.n = len(doc.tokens)
        self.aliases = aliases
        self.complements: list[Entity] = []

    def _text_ok(self, entry: AliasEntry, a: int, b: int, skip: int) -> bool:
        """English names must be capitalized as in the table; short capitals exactly."""
        if not entry.variant.isascii():
            return True
        text = self.doc.tok_span(a, b, skip=skip)[2]
        if entry.case_sensitive:
            return text.replace(".", "") == entry.variant.replace(".", "")
        return not entry.variant[:1].isupper() or text[:1].isupper()

    def gazetteer(self, i: int) -> tuple[Entity, int] | None:
        t = self.toks[i]
        if t.kind not in ("ar", "en"):
            return None
        index = self.aliases.index
        first = self.aliases.first_words
        for form, skip, stripped in _forms(t.text, t.kind):
            if form not in first:
                continue
            for length in range(min(self.aliases.max_len, self.n - i), 0, -1):
                key = (form, *(x.text for x in self.toks[i + 1 : i + length]))
                entry = index.get(key)
                if entry is None or (stripped and not entry.adjective):
                    continue
                if not self._text_ok(entry, i, i + length - 1, skip):
                    continue
                last = i + length - 1
                # "مجلس الأمن القومي" is not the UN Security Council: an unknown adjective extends an org
                if (entry.type == "org" and length > 1 and last + 1 < self.n and self._nisba(last + 1)
                        and self.aliases.index.get((self.toks[last + 1].text[2:],)) is None):
                    return None
                s, e, text = self.doc.tok_span(i, last, skip=skip)
                return Entity(text, s, e, entry.type, entry.canonical, entry.subtype, "gazetteer"), last
        return None

    def _nisba(self, k: int) -> bool:
        w = self.toks[k].text
        return self.toks[k].kind == "ar" and w.startswith("ال") and w.endswith(("ي", "يه"))

    def _name_token_ar(self, k: int) -> bool:
        if k >= self.n or self.toks[k].kind != "ar":
            return False
        w = self.toks[k].text
        if w in STOPWORDS or w in _NAME_STOP or w in _NOT_NAME or len(w) < 2:
            return False
        if w.startswith("و") and len(w) > 3 and w[1:] in _NAME_STOP | STOPWORDS:
            return False
        return ar_word(w, first=True) is None

    def title_person(self, i: int) -> tuple[int, int, int] | None:
        """``(title_end, name_start, name_end)`` for a title followed by a name."""
        t = self.toks
        if t[i].kind == "ar":
            for length in range(min(_AR_TITLE_MAX, self.n - i), 0, -1):
                if tuple(x.text for x in t[i : i + length]) in _AR_TITLES:
                    break
            else:
                return None
            j = i + length
            head = t[i + length - 1].text
            if head in _AR_TITLE_WITH_COMPLEMENT or t[i].text in _AR_TITLE_WITH_COMPLEMENT:
                while (j < self.n and (t[j].text.startswith("ال") or t[j].text == "باسم")
                       and j < i + length + 3):
                    if self.gazetteer(j) is not None and self.gazetteer(j)[0].type == "person":  # type: ignore[index]
                        break
                    j += 1
            while j < self.n and t[j].kind == "ar":
                g = self.gazetteer(j)
                if g is not None and g[0].type in ("org", "place") and g[0].subtype != "nationality":
                    self.complements.append(g[0])  # الأمين العام للأمم المتحدة
                    j = g[1] + 1
                elif t[j].text in _AR_MODIFIERS or self._nisba(j):
                    j += 1
                else:
                    break
            a = j
            while j < self.n and j < a + 3 and self._name_token_ar(j) and not t[j].text.startswith("ال"):
                j += 1
                if t[j - 1].text in ("عبد", "ابو", "بن", "ابن", "بنت") and j < self.n:
                    j += 1  # عبد الله، أبو بكر، بن سلمان
            if j == a:
                return None
            if j < self.n and t[j].text in _REGNAL:
                j += 1  # الملك عبد الله الثاني
            elif (
                j < self.n
                and t[j].text.startswith("ال")
                and self._name_token_ar(j)
                and not self._nisba(j)
                and t[j].text not in _AR_MODIFIERS
                and (j + 1 >= self.n or not t[j + 1].text.startswith("ال"))
            ):
                j += 1  # a surname with the article: بشار الأسد
            return i + length - 1, a, j - 1
        if t[i].kind == "en" and self.doc.is_upper(i):
            for length in range(min(_EN_TITLE_MAX, self.n - i), 0, -1):
                if tuple(x.text for x in t[i : i + length]) in _EN_TITLES:
                    break
            else:
                return None
            j = i + length
            a = j
            while j < self.n and j < a + 3 and self.doc.is_upper(j):
                s, _ = self.doc.span(t[j].start, t[j].end)
                if self.doc.original[s : s + len(t[j].text)].capitalize() in _EN_NAME_STOP:
                    break
                j += 1
            if j == a:
                return None
            return i + length - 1, a, j - 1
        return None

    def org_rule(self, i: int) -> tuple[Entity, int] | None:
        t = self.toks
        if t[i].kind == "ar":
            for form, skip, stripped in _forms(t[i].text, "ar"):
                if stripped or form not in _AR_ORG_HEADS:
                    continue
                j = i + 1
                while j < self.n and j < i + 5 and t[j].kind == "ar" and t[j].text.startswith("ال"):
                    if t[j].text in STOPWORDS or t[j].text in _NOT_NAME:
                        break
                    j += 1
                if j == i + 1 and j < self.n and self._name_token_ar(j) and not form.startswith("ال"):
                    g = self.gazetteer(j)
                    if g is not None and g[0].type == "place":
                        return None  # قوات فرنسا: the place is the entity
                    j += 1  # حركة فتح، منظمة أطباء …
                    while j < self.n and j < i + 4 and t[j].kind == "ar" and t[j].text.startswith("ال"):
                        j += 1
                if j == i + 1:
                    return None
                return self._entity(i, j - 1, skip, "org", None, "rule"), j - 1
            return None
        if t[i].kind == "en" and t[i].text in _EN_ORG_WORDS and self.doc.is_upper(i):
            a = i
            while a - 1 >= 0 and self.doc.is_upper(a - 1) and a - 1 >= i - 3 and t[a - 1].text != "the":
                a -= 1
            j = i
            while j + 2 < self.n and t[j + 1].text in _EN_CONNECT and self.doc.is_upper(j + 2):
                j += 2
                while j + 1 < self.n and self.doc.is_upper(j + 1):
                    j += 1
            if a == i and j == i:
                return None
            return self._entity(a, j, 0, "org", None, "rule"), j
        return None

    def place_rule(self, i: int) -> tuple[Entity, int] | None:
        t = self.toks
        if t[i].kind != "ar":
            return None
        for form, _skip, stripped in _forms(t[i].text, "ar"):
            sub = _AR_PLACE_HEADS.get(form)
            if sub is None or stripped:
                continue
            j = i + 1
            if j < self.n and self._name_token_ar(j) and not (self._nisba(j) and self.gazetteer(j)):
                found = self.gazetteer(j)
                if found is not None:
                    return found[0], found[1]
                compound_head = t[j].text in ("دير", "تل", "راس", "بني", "ابو", "عين")
                last = j + 1 if j + 1 < self.n and compound_head else j
                return self._entity(j, last, 0, "place", sub, "rule"), last
        return None

    def _entity(self, a: int, b: int, skip: int, typ: str, sub: str | None, source: str) -> Entity:
        s, e, text = self.doc.tok_span(a, b, skip=skip)
        key = norm_key(text)
        entry = self.aliases.index.get(key)
        if entry is None and len(key) > 1:
            entry = self.aliases.index.get(key[-1:]) if typ == "person" else None
        if entry is not None and entry.type == typ:
            return Entity(text, s, e, typ, entry.canonical, entry.subtype or sub, "alias")
        return Entity(text, s, e, typ, " ".join(key), sub, source)


_RULE_WORDS = frozenset({k[0] for k in _AR_TITLES} | {k[0] for k in _EN_TITLES} | _AR_ORG_HEADS
                        | set(_AR_PLACE_HEADS) | _EN_ORG_WORDS)


def _may_start(text: str, first: frozenset[str]) -> bool:
    """A cheap filter: could an entity or a rule start at a token with this text?"""
    for cand in (text, text[1:], text[2:], "ال" + text[2:], "ا" + text[1:], text[3:], "ال" + text[3:]):
        if cand in first or cand in _RULE_WORDS:
            return True
    return False


def known_names(text: str, aliases: AliasTable | None = None) -> set[str]:
    """Canonical names of the known (gazetteer) entities anywhere in ``text``, nested ones too.

    Every token is tried as a start, so "التحالف الدولي لهزيمة داعش" holds داعش as well as
    the coalition's own name when the table has it.
    """
    doc = prepare(text)
    finder = _Finder(doc, aliases if aliases is not None else AliasTable.default())
    found = set()
    for i in range(len(doc.tokens)):
        g = finder.gazetteer(i)
        if g is not None:
            found.add(g[0].canonical)
    return found


def alias_mentions(text: str, aliases: AliasTable) -> list[Entity]:
    """The names of ``aliases`` in ``text`` as the gazetteer finds them (clitics peeled, English case rules,
    offsets into the original), left to right and never overlapping: the longest name at a token wins and
    the tokens it covers start no other ("تنظيم الدولة الإسلامية" is not also "الدولة الإسلامية")."""
    doc = prepare(text)
    finder = _Finder(doc, aliases)
    out: list[Entity] = []
    i = 0
    while i < len(doc.tokens):
        g = finder.gazetteer(i)
        if g is None:
            i += 1
            continue
        out.append(g[0])
        i = g[1] + 1
    return out


def extract_entities(doc: Doc, taken: set[int], aliases: AliasTable) -> list[Entity]:
    f = _Finder(doc, aliases)
    first = aliases.first_words
    out: list[Entity] = []
    reserved: dict[int, int] = {}  # name start → name end (found after a title)
    starts: set[int] = set()  # original starts of entities found inside titles
    i = 0
    n = len(doc.tokens)
    while i < n:
        if i in taken:
            i += 1
            continue
        if i in reserved:
            b = reserved.pop(i)
            g = f.gazetteer(i)
            if g is not None and g[1] >= b and g[0].type == "person":
                out.append(g[0])
                i = g[1] + 1
            else:
                out.append(f._entity(i, b, 0, "person", None, "rule"))
                i = b + 1
            continue
        tok = doc.tokens[i]
        if tok.kind not in ("ar", "en") or not _may_start(tok.text, first):
            i += 1
            continue
        f.complements.clear()
        tp = f.title_person(i)
        if tp is not None:
            _, a, b = tp
            if not any(k in taken for k in range(a, b + 1)):
                reserved[a] = b
                out.extend(f.complements)
                f.complements.clear()
                # the title's own words may hold a place or an org (وزير الخارجية الأمريكي)
                k = i
                while k < a:
                    g = f.gazetteer(k)
                    if g is not None and g[1] < a and g[0].start not in starts:
                        out.append(g[0])
                        starts.add(g[0].start)
                        k = g[1]
                    k += 1
                i = a
                continue
        found = f.gazetteer(i) or f.org_rule(i) or f.place_rule(i)
        if found is not None:
            ent, last = found
            if not any(k in taken for k in range(i, last + 1)):
                out.append(ent)
                i = last + 1
                continue
        i += 1
    return out

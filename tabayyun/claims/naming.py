"""Naming/wording claims: how the sources actually name a thing.

A claim such as "the coalition still calls ISIS 'the Islamic State'" is not about an event but
about wording. It is checked by counting, over the source documents, every form the entity goes
by — each form on its own: داعش، تنظيم الدولة الإسلامية and Islamic State are three answers —
and where each occurs.

* :func:`name_forms`: the forms of an entity — every name of it in the alias table
  (:mod:`tabayyun.extract.aliases`), the entity's own wording when the table does not know it, and
  the claimed name.
* :func:`find_forms`: the occurrences of those forms in one text, found by the entity gazetteer
  (:func:`tabayyun.extract.entities.alias_mentions`: normalized text, so tatweel, diacritics,
  zero-width marks and hamza/ya/ta-marbuta variants do not matter; clitics و ف ب ك ل peeled; the
  longest form wins where forms overlap) with offsets into the original text, and whether each is
  *quoted* (inside quotation marks, in the document's heading line, or part of another entity's
  name: someone else's wording or a fixed name, not the writer's own choice).
* :func:`naming_check`: a check of kind ``naming`` — the counts per form over the documents, the
  outcome by the rule below, the occurrences; :func:`naming_verdict` the part's verdict and its
  confidence; :func:`naming_summary` one readable line ("Daesh 30×, Islamic State 1× (quoted)").
* :func:`naming_documents`: which documents to count in; :func:`judged_naming` a naming part's
  result from them; :func:`renumbered_forms` maps the occurrences' document ids.

The rule (:func:`naming_outcome`), on the writer's own uses (quoted ones do not count — a quote is
someone else's wording, a title is a fixed name):

* ``match`` — the claimed form is the most used form (ties included): "X calls Y Z" says Z is
  how X usually refers to Y, and it is.
* ``mismatch`` — the claimed form is rare: less than :data:`RARE` (one in ten) of the own uses,
  including never or only inside quotes. "Usually" cannot describe a form used fewer than one time
  in ten.
* ``not_comparable`` — the entity is not named in the writer's own words at all, or the claimed
  form is in regular use but another form is used more (both are how the sources name it; the
  claim is neither plainly right nor plainly wrong).

"Still calls" (لا يزال، ما زال، still …) and "no longer calls" (لم يعد) ask about the present: when the
documents carry dates, only those of the latest date are counted. A claim that denies the name
("لا يسمي"، "لم يعد يسمي"، "does not call", "no longer calls") gets the outcome flipped: match when
the name is rare, mismatch when it is the main one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..extract.aliases import AliasTable
from ..extract.document_date import document_date
from ..extract.entities import alias_mentions
from ..extract.tokens import norm_key
from ..protocols import Store
from ..results import Check, CheckOutcome, CheckResult, Document, FormSpan, NameForm, Verdict
from ..stance.negation import negation_cues
from ..text import charsets as cs
from ..text.normalize import normalize
from .decompose import Naming

#: a form used in less than this share of the writer's own mentions is rare (one in ten)
RARE = 0.1
#: a store of at most this many documents is counted whole; a bigger one in the retrieved documents only
SMALL_STORE = 50
#: at most this many documents, and this many characters in all, are read for one naming check
MAX_DOCUMENTS = 50
MAX_CHARS = 500_000
#: occurrences reported per form (the counts are always complete)
MAX_SPANS = 50
#: a heading line has at most this many words and no sentence-ending punctuation
HEADING_WORDS = 15
#: a quotation closes within this many characters and on the same line
QUOTE_CHARS = 400
#: the confidence of not_enough_info: the counts speak neither way
UNDECIDED = 0.5

#: evaluative adjectives after a name that do not make it another entity's (تنظيم داعش الإرهابي):
#: known to the gazetteer so that its "an unknown adjective extends an organisation's name" rule
#: lets the name stand
_DESCRIPTORS = ("~إرهابي", "~متطرف", "~تكفيري", "~مسلح", "~محظور", "~منحل", "~مزعوم")

#: an opening quotation mark and the marks that may close it
_QUOTES: dict[str, str] = {"«": "»", "“": "”“", "„": "“”", "‹": "›", "‘": "’", "”": "“", '"': '"'}
#: "still": لا يزال، لا تزال، ما زال، مازالت … and English still / continues to / keeps (on normalized text)
_STILL = re.compile(r"(?:^|\s)[وف]?(?:لا|ما)\s?[يتنا]?زال(?:ت|وا|ون|ان)?(?=\s|$)"
                    r"|\b(?:still|continues? to|keeps?)\b")
#: "no longer" (لم يعد، لم تعد، no longer, anymore): a claim about the present, like "still"
_NO_LONGER = re.compile(r"(?:^|\s)[وف]?لم\s?[يتنا]عد(?=\s|$)|\b(?:no longer|any ?more)\b")
_OUTER = "\"'«»“”„‘’‹›()[] \t\n.,:;!?؟،؛"
#: the preposition of "يسميه بـ Z" left on the name: ب (and a tatweel) before the article
_BI = re.compile("^ب\u0640*\\s?(?=ال)")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One form found in one text: ``text[start:end]`` is the surface."""

    form: int
    start: int
    end: int
    quoted: bool


# -- forms ------------------------------------------------------------------------------------------


def clean_name(name: str) -> str:
    """A claimed name without its quotation marks, outer punctuation and the ب of "يسميه بـ…"."""
    return _BI.sub("", name.strip(_OUTER)).strip(_OUTER)


def _canonical(text: str, table: AliasTable) -> str | None:
    """The table's canonical name for ``text``: the whole of it, else the first name the gazetteer finds
    in it (a nationality adjective is no name)."""
    entry = table.lookup(text)
    if entry is not None and not entry.adjective:
        return entry.canonical
    return next((m.canonical for m in alias_mentions(text, table) if m.subtype != "nationality"), None)


def _variants(canonical: str, table: AliasTable) -> list[str]:
    return [e.variant for e in table.index.values() if e.canonical == canonical and not e.adjective]


def name_forms(entity: str, name: str = "", aliases: AliasTable | None = None) -> tuple[str, ...]:
    """Every form ``entity`` goes by, then the claimed ``name``, each once (by normalized spelling).

    The forms are the alias table's names of the entity (found from ``entity``, or from ``name``
    when the table does not know ``entity``), then the entity's own wording when the table does not
    know it, then the claimed name when it is none of these.
    """
    table = aliases if aliases is not None else AliasTable.default()
    entity, name = clean_name(entity), clean_name(name)
    canonical = _canonical(entity, table) if entity else None
    own = [] if canonical is not None else [entity]
    if canonical is None and name:
        canonical = _canonical(name, table)
    found = _variants(canonical, table) if canonical is not None else []
    out: dict[tuple[str, ...], str] = {}
    for form in [*found, *own]:
        key = norm_key(form)
        if key and key not in out:
            out[key] = form
    if name and claimed_form(name, tuple(out.values())) is None:
        out.setdefault(norm_key(name), name)
    return tuple(out.values())


def claimed_form(name: str, forms: Sequence[str]) -> str | None:
    """The form of ``forms`` the claimed ``name`` is: the same normalized spelling, or the same once an
    English "the" is dropped ("the Islamic State" is the table's "Islamic State")."""
    key = norm_key(clean_name(name))
    keys = [key, key[1:]] if key[:1] == ("the",) else [key]
    for k in keys:
        found = next((f for f in forms if k and norm_key(f) == k), None)
        if found is not None:
            return found
    return None


# -- finding them -----------------------------------------------------------------------------------


def _forms_table(forms: Sequence[str], base: AliasTable) -> AliasTable:
    """A table of the forms (each its own canonical), the base table's adjectives and the descriptors."""
    rows = "\n".join(f"{f}\t@org" for f in forms if "\t" not in f and f[:1] not in "~@#")
    adjectives = {k: e for k, e in base.index.items() if e.adjective}
    own = AliasTable.from_text("\t".join(["\u2063", "@org", *_DESCRIPTORS]) + "\n" + rows, "<forms>")
    return AliasTable({**adjectives, **own.index}, max(own.max_len, 1))


def quote_spans(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` inside quotation marks, marks included (a quote closes on its line)."""
    out = []
    i = 0
    while i < len(text):
        closers = _QUOTES.get(text[i])
        if closers is None:
            i += 1
            continue
        j = i + 1
        limit = min(len(text), i + QUOTE_CHARS)
        while j < limit and text[j] != "\n" and not (
            text[j] in closers and not (text[j] == "’" and j + 1 < len(text) and text[j + 1].isalpha())
        ):
            j += 1
        if j < limit and text[j] in closers:
            out.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return out


def heading_span(text: str) -> tuple[int, int] | None:
    """The document's heading: its first line when more lines follow, it is short (at most
    :data:`HEADING_WORDS` words) and ends with no sentence punctuation."""
    stripped = text.lstrip()
    start = len(text) - len(stripped)
    end = text.find("\n", start)
    if end < 0:
        return None
    line = text[start:end].rstrip()
    if not line or len(line.split()) > HEADING_WORDS or line[-1] in cs.SENTENCE_END or not text[end:].strip():
        return None
    return start, start + len(line)


def find_forms(text: str, forms: Sequence[str], aliases: AliasTable | None = None) -> list[Occurrence]:
    """Where each of ``forms`` occurs in ``text`` (``Occurrence.form`` indexes ``forms``), left to right."""
    base = aliases if aliases is not None else AliasTable.default()
    return _find(text, forms, base, _forms_table(forms, base))


def _find(text: str, forms: Sequence[str], base: AliasTable, own: AliasTable) -> list[Occurrence]:
    index = {f: i for i, f in enumerate(forms)}
    found = [(index[m.canonical], m.start, m.end) for m in alias_mentions(text, own) if m.canonical in index]
    if not found:
        return []
    marked = quote_spans(text)
    heading = heading_span(text)
    if heading is not None:
        marked.append(heading)
    keys = {norm_key(f) for f in forms}
    names = [(m.start, m.end) for m in alias_mentions(text, base)
             if norm_key(m.text) not in keys and _other_entity(m.canonical, forms, base)]
    return [Occurrence(f, s, e, any(a <= s and e <= b for a, b in marked)
                       or any(a <= s and e <= b and (a, b) != (s, e) for a, b in names))
            for f, s, e in found]


def _other_entity(canonical: str, forms: Sequence[str], table: AliasTable) -> bool:
    """Whether ``canonical`` names an entity none of the forms names (a longer name that holds a form)."""
    return all((e := table.lookup(f)) is None or e.canonical != canonical for f in forms)


# -- the check --------------------------------------------------------------------------------------


def is_still(text: str) -> bool:
    """Whether a claim says something goes on ("لا يزال", "ما زال", "still", "continues to")."""
    return _STILL.search(normalize(text)) is not None


def is_present(text: str) -> bool:
    """Whether a claim is about the present: "still …" or "no longer …" (لم يعد)."""
    return is_still(text) or _NO_LONGER.search(normalize(text)) is not None


def is_negated(text: str) -> bool:
    """Whether a naming claim denies the name ("لا يسمي"، "لم يعد يسمي"، "does not call", "no longer
    calls"): an odd number of negation cues once the لا of "لا يزال" (still) is set aside."""
    return len(negation_cues(_STILL.sub(" ", normalize(text)))) % 2 == 1


def naming_documents(store: Store, retrieved: Sequence[int]) -> list[Document]:
    """The documents a naming check counts in.

    A small store (at most :data:`SMALL_STORE` documents — the sources picked for a check, or a
    working set on one story) is counted whole: how a source names a thing is a property of the
    whole text, and the sentences retrieved for the claim are biased towards the claimed wording
    (the claim holds it). A bigger store is an archive: the documents of the ``retrieved`` sentence
    hits, in order, at most :data:`MAX_DOCUMENTS`.
    """
    if store.count_documents() <= SMALL_STORE:
        return store.documents(limit=SMALL_STORE)
    return [store.document(i) for i in list(dict.fromkeys(retrieved))[:MAX_DOCUMENTS]]


def _by_namer(documents: Sequence[Document], namer: str, table: AliasTable) -> list[Document]:
    """The documents whose title or source names ``namer``, when some do and some do not; else all."""
    namer = clean_name(namer)
    if not namer:
        return list(documents)
    canonical = _canonical(namer, table)
    key = " ".join(norm_key(namer))

    def names(d: Document) -> bool:
        head = f"{d.title}\n{d.source}"
        if canonical is not None and canonical in {m.canonical for m in alias_mentions(head, table)}:
            return True
        return bool(key) and key in " ".join(norm_key(head))

    own = [d for d in documents if names(d)]
    return own if own and len(own) < len(documents) else list(documents)


def _latest(documents: Sequence[Document]) -> tuple[list[Document], date | None]:
    """The documents of the latest date, when any is dated; else all of them."""
    dated = [(document_date(d.date, d.text), d) for d in documents]
    days = [day for day, _ in dated if day is not None]
    if not days:
        return list(documents), None
    last = max(days)
    return [d for day, d in dated if day == last], last


def _capped(documents: Sequence[Document]) -> list[Document]:
    out: list[Document] = []
    chars = 0
    for d in documents[:MAX_DOCUMENTS]:
        if chars + len(d.text) > MAX_CHARS and out:
            break
        out.append(d)
        chars += len(d.text)
    return out


def count_forms(forms: Sequence[str], documents: Sequence[Document], claimed: str = "",
                aliases: AliasTable | None = None) -> tuple[NameForm, ...]:
    """Per form: how often it occurs in ``documents``, how often quoted, and where; most used first."""
    base = aliases if aliases is not None else AliasTable.default()
    own = _forms_table(forms, base)
    counts = [[0, 0] for _ in forms]
    spans: list[list[FormSpan]] = [[] for _ in forms]
    for d in documents:
        for o in _find(d.text, forms, base, own):
            counts[o.form][0] += 1
            counts[o.form][1] += o.quoted
            if len(spans[o.form]) < MAX_SPANS:
                surface = d.text[o.start : o.end]
                spans[o.form].append(FormSpan(d.id, o.start, o.end, surface, o.quoted, d.source))
    mine = claimed_form(claimed, forms) if claimed else None
    out = [NameForm(f, c, q, tuple(s), f == mine) for f, (c, q), s in zip(forms, counts, spans)]
    order = sorted(range(len(out)), key=lambda i: (-out[i].count, -out[i].claimed, i))
    return tuple(out[i] for i in order)


def naming_outcome(forms: Sequence[NameForm]) -> CheckOutcome:
    """The rule of the module docstring over the writer's own (unquoted) uses of each form."""
    own = [f.count - f.quoted_count for f in forms]
    total = sum(own)
    claimed = next((i for i, f in enumerate(forms) if f.claimed), None)
    if total == 0 or claimed is None:
        return "not_comparable"
    mine = own[claimed]
    if mine > 0 and mine >= max(own):
        return "match"
    if mine < RARE * total:
        return "mismatch"
    return "not_comparable"


def naming_check(naming: Naming, documents: Sequence[Document], *, claim_text: str = "",
                 aliases: AliasTable | None = None) -> Check:
    """How ``documents`` name ``naming.entity``, against the claimed ``naming.name`` (a ``naming`` check).

    ``claim_text`` is the claim (or part) that asserts it: "still …" there counts the latest
    documents only. Documents whose title or source names ``naming.namer`` are preferred when some
    do (see :func:`_by_namer`); at most :data:`MAX_DOCUMENTS` documents and :data:`MAX_CHARS`
    characters are read.
    """
    table = aliases if aliases is not None else AliasTable.default()
    name = clean_name(naming.name)
    forms = name_forms(naming.entity, name, table)
    docs = _by_namer(documents, naming.namer, table)
    day = None
    if is_present(claim_text):
        docs, day = _latest(docs)
    counted = count_forms(forms, _capped(docs), name, table)
    positive = naming_outcome(counted)
    negated = is_negated(claim_text)
    result = _FLIPPED[positive] if negated else positive
    lead = _deciding(counted, positive)
    first = next((s for s in lead.spans if not s.quoted), lead.spans[0]) if lead and lead.spans else None
    check = Check(
        kind="naming", claim_text=name, evidence_text=first.text if first else "", result=result,
        evidence_start=first.start if first else None, evidence_end=first.end if first else None,
        source=first.source if first else None, document_id=first.document_id if first else None,
        forms=counted,
    )  # fmt: skip
    where = f" (latest documents, {day.isoformat()})" if day else ""
    denied = "; the claim says the sources do not use this name" if negated else ""
    return replace(check, detail=naming_summary(check, "en") + where + denied)


_FLIPPED: dict[CheckOutcome, CheckOutcome] = {"match": "mismatch", "mismatch": "match",
                                              "not_comparable": "not_comparable"}


def _deciding(forms: Sequence[NameForm], positive: CheckOutcome) -> NameForm | None:
    """The form a check's evidence shows: the claimed one when it is the main form, else the most used."""
    if positive == "match":
        return next((f for f in forms if f.claimed), None)
    return next((f for f in forms if f.count), None)


def naming_verdict(check: Check) -> tuple[Verdict, float]:
    """A naming part's verdict and confidence from its check.

    match → supported, mismatch → refuted, otherwise not_enough_info at :data:`UNDECIDED`. The
    confidence is a rule-of-succession estimate from the own (unquoted) counts. When the claimed
    form is the main one: ``(m + 1) / (m + r + 2)`` — how likely a mention that picks between the
    claimed form (``m`` uses) and its strongest rival (``r``) picks the claimed one; when it is
    rare: ``(n - m + 1) / (n + 2)`` — how likely a mention (``n`` in all) is not the claimed form.
    Thirty to one gives 0.94; one mention alone 0.67. (A claim that denies the name — "no longer
    calls" — has the outcome flipped and the same confidence.)
    """
    own = [(f.count - f.quoted_count, f.claimed) for f in check.forms]
    mine = next((c for c, claimed in own if claimed), 0)
    rival = max((c for c, claimed in own if not claimed), default=0)
    total = sum(c for c, _ in own)
    if check.result == "not_comparable":
        return "not_enough_info", UNDECIDED
    verdict: Verdict = "supported" if check.result == "match" else "refuted"
    if naming_outcome(check.forms) == "match":
        return verdict, round((mine + 1) / (mine + rival + 2), 4)
    return verdict, round((total - mine + 1) / (total + 2), 4)


def judged_naming(result: CheckResult, naming: Naming, documents: Sequence[Document],
                  aliases: AliasTable | None = None) -> CheckResult:
    """A naming part's result: ``result`` (the part judged as a statement) with the naming check first
    among its checks, and the verdict and confidence of :func:`naming_verdict` — the stance of
    retrieved sentences cannot say how often a source uses a word; the counts can."""
    check = naming_check(naming, documents, claim_text=result.claim, aliases=aliases)
    verdict, confidence = naming_verdict(check)
    return replace(result, verdict=verdict, confidence=confidence, checks=(check, *result.checks))


def renumbered_forms(check: Check, new: Callable[[int | None], int | None]) -> Check:
    """``check`` with the document id of every occurrence of its forms passed through ``new`` (a scratch
    store's ids back to the stored ones, ``None`` for a source not in the store)."""
    if not check.forms:
        return check
    forms = tuple(replace(f, spans=tuple(replace(s, document_id=new(s.document_id)) for s in f.spans))
                  for f in check.forms)
    return replace(check, forms=forms)


# -- display ----------------------------------------------------------------------------------------


def _times_ar(n: int) -> str:
    if n == 1:
        return "مرة واحدة"
    if n == 2:
        return "مرتين"
    return f"{n} مرات" if 3 <= n <= 10 else f"{n} مرة"


def _one(form: NameForm, lang: str) -> str:
    if lang == "ar":
        if form.count == 0:
            return f"{form.form} لا ترد"
        text = f"{form.form} {_times_ar(form.count)}"
        if form.quoted_count == form.count:
            return text + " (بين علامتي تنصيص)"
        if form.quoted_count:
            return text + f" (منها {_times_ar(form.quoted_count)} بين علامتي تنصيص)"
        return text
    if form.count == 0:
        return f"{form.form} never"
    text = f"{form.form} {form.count}×"
    if form.quoted_count == form.count:
        return text + " (quoted)"
    return text + (f" ({form.quoted_count} quoted)" if form.quoted_count else "")


def naming_summary(check: Check, lang: str = "en") -> str:
    """A naming check on one line: each form used (most used first) with its count, then the claimed
    form when the sources never use it — ``lang`` ``"ar"`` or ``"en"``."""
    shown = [f for f in check.forms if f.count or f.claimed]
    if not any(f.count for f in shown):
        name = check.claim_text or (check.forms[0].form if check.forms else "")
        return f"لا تذكر المصادر {name} بأي من أسمائه" if lang == "ar" else (
            f"the sources name {name} in none of its forms")
    return ("، " if lang == "ar" else ", ").join(_one(f, lang) for f in shown)

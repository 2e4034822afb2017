"""Negation and denial cues in Arabic and English, on normalized words, and their scope.

``negation_cues(text)`` returns the cue words found; ``negation_parity_differs``
says whether a claim and an evidence sentence differ in polarity by cue count
alone. ``scoped_negation_differs`` is the judgment the stance models use: it
counts a cue only where it negates what the two sides share. Cue lists are
normalized forms (see :func:`tabayyun.text.normalize`).

Why scope matters: a sentence that repeats a claim word for word and then goes
on "... وأجرى الطرفان مناقشات غير رسمية" does not deny the claim, and "لكنها لم
تعد تسيطر على المدينة" in one clause says nothing against a number claim that
another clause of the sentence repeats. The rules, one function each:

* **Clauses.** A sentence is cut into clauses at clause punctuation (; ؛ . ؟
  and dashes, brackets; not a colon, which in headlines ends a topic label:
  "اتفاق إيران النووي: روحاني يرفض ..."), at a comma followed by a conjunction ("، و...", ", and"),
  before contrast and subordinating words (لكن، بينما، حيث، فيما، في حين، غير أن،
  إلا أن، but, while, whereas, although ...), before a particle or statement
  verb joined by و/ف (ولم، وقد، وأجرى، فقال ...), and before English "and"
  followed by a subject (a pronoun or a determiner). A comma alone does not end
  a clause: it sets off a parenthesis ("نفت الوزارة، في بيان رسمي، تسريب
  الأسئلة"; "The ministry, in a statement, denied ...") inside one statement.
* **Scope.** A predicate cue (لم، لن، لا، ليس، نفت، not, never, denied ...)
  negates its own clause's predicate: the words after it up to the end of its
  clause, at most :data:`SCOPE` words. A privative cue (غير، بلا، بدون، without,
  non) forms a phrase with the noun or adjective it governs ("مناقشات غير
  رسمية", "غير مسبوق", "منظمات غير حكومية"): it negates only those
  :data:`PRIVATIVE_SCOPE` words, never the clause's predicate — unless that
  phrase *is* the predicate: after a definite noun, an indefinite word makes a
  nominal sentence ("القرار غير قانوني", "الحكومة غير قادرة على الدفع"), where
  an attribute would agree in definiteness ("المنظمات غير الحكومية"), and so
  does a subject that opens its clause or follows أن ("أردوغان غير مكترث",
  "أعلنت أن ليبيا غير جاهزة"); then غير scopes as a predicate cue. Known
  miss: a clause that opens with an indefinite noun and its attribute
  ("منظمات غير حكومية تدير المخيم") reads as a nominal sentence. "غير أن" is "however", not a cue at all.
* **Anchor.** A clause is negated when the cues scoping over shared terms in it
  are odd in number. A side is negated when its best-covering negated clause
  shares at least as many terms with the other side as any clause that is not
  negated: the clause that repeats the claim carries the comparison, and a cue
  in a clause that shares less is about something else ("12 قرية" stays
  affirmed when the next clause denies control of the city). A tie counts as
  negated: a parenthesis ("نفت الوزارة، في بيان، تسريب الأسئلة") splits one
  statement into clauses that share equally, and "ولم توقع النقابة الاتفاق"
  denies the union's signature as much as the first clause affirms the
  government's. Relative pronouns (التي، which) do not open a clause: a relative
  clause belongs to the noun it describes, and a denial takes it as its object.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..results import Span
from ..text import clean, stem, terms, tokens, words
from ..text.lang import detect
from ..text.tokenize import Token

#: how many words after a predicate cue its scope reaches (and never past its clause)
SCOPE = 4
#: how many words a privative cue (غير، بدون، without) governs
PRIVATIVE_SCOPE = 1

#: particles and verbs that negate or deny, normalized (ة→ه, ى→ي, أ→ا). Left out on purpose:
#: دون ("below": دون سن الخامسة), ما and لما (mostly relative "what"/"when")
ARABIC_NEGATION = frozenset(
    {
        "لا", "لم", "لن", "ليس", "ليست", "لست", "لسنا", "ليسوا", "لستم", "غير", "عدم", "بدون",
        "نفي", "نفت", "ينفي", "تنفي", "نفوا", "رفض", "رفضت", "يرفض", "ترفض", "رفضوا",
        "انكر", "انكرت", "ينكر", "تنكر", "كذب", "كذبت", "مش", "مو", "ولا", "ولم", "ولن",
        "وليس", "فلا", "فلم", "فلن", "بلا", "لاشي", "ابدا", "اطلاقا",
    }
)
ENGLISH_NEGATION = frozenset(
    {
        "not", "no", "never", "none", "neither", "nor", "without", "denied", "denies", "deny",
        "refused", "refuses", "refuse", "rejected", "rejects", "isn't", "wasn't", "aren't", "weren't",
        "don't", "doesn't", "didn't", "won't", "can't", "cannot", "hasn't", "haven't", "hadn't", "nobody",
        "nothing", "false", "untrue", "non",
    }
)
NEGATION = ARABIC_NEGATION | ENGLISH_NEGATION
#: cues that negate the noun or adjective they govern, not a predicate ("non" of "non-governmental")
PRIVATIVE = frozenset({"غير", "بلا", "بدون", "without", "non"})
#: a word after غير that makes it the conjunction "however" (غير أن، غير أنه)
_HOWEVER_AFTER_GHAYR = frozenset({"ان", "انه", "انها", "انهم", "اننا"})

#: punctuation between two words that ends a clause
_CLAUSE_PUNCT = re.compile(r"[;؛.!?؟()\[\]{}\u2013\u2014]")
_COMMA = re.compile(r"[،,]")
#: English conjunctions that open a clause after a comma
_CONJUNCTIONS_AFTER_COMMA = frozenset({"and", "or", "so", "nor"})
#: words that open a new clause (contrast, time, cause, relative), normalized
CLAUSE_OPENERS = frozenset(
    {
        "لكن", "ولكن", "لكنه", "لكنها", "لكنهم", "لكنهما", "لكننا", "ولكنه", "ولكنها", "بينما", "وبينما",
        "حيث", "فيما", "وفيما", "بل", "ثم", "اذ", "رغم", "ورغم", "برغم", "بالرغم", "عندما", "حين", "بعدما",
        "لان", "لانه", "لانها", "كي", "لكي",
        "but", "while", "whereas", "although", "though", "however", "because", "unless", "when",
    }
)
#: two-word openers, keyed by their first word (في حين، غير أن، إلا أن، مع أن)
CLAUSE_OPENER_PAIRS = frozenset({("في", "حين"), ("غير", "ان"), ("غير", "انه"), ("غير", "انها"), ("الا", "ان"),
                                 ("الا", "انه"), ("الا", "انها"), ("مع", "ان"), ("even", "though")})
#: particles that, joined by و/ف, open a coordinated clause (وقد، فقد، ولم ...): the cues are added below
_JOINED_PARTICLES = frozenset({"قد", "لقد", "ان", "انه", "انها", "اما", "كان", "كانت", "بات", "باتت", "اصبح",
                               "اصبحت", "عاد", "عادت", "ظل", "ظلت", "مازال", "مازالت"})
#: statement verbs (perfect and imperfect, normalized) that, joined by و/ف, open a coordinated clause
#: (وأجرى الطرفان، وقال الوزير): the commonest clause openers of official statements and news. Other
#: verbs joined by و are not detected (a bare و + word is as often a noun: وتونس، وأسرى، وتبادل)
CLAUSE_VERBS = frozenset(
    ["قال", "قالت", "قالوا", "يقول", "تقول", "اكد", "اكدت", "اكدوا", "يوكد", "توكد", "اعلن", "اعلنت",
     "اعلنوا", "يعلن", "تعلن", "اضاف", "اضافت", "اضافوا", "يضيف", "تضيف", "اشار", "اشارت", "اشاروا", "يشير",
     "تشير", "اوضح", "اوضحت", "اوضحوا", "يوضح", "توضح", "اجري", "اجرت", "اجروا", "يجري", "تجري", "عقد",
     "عقدت", "عقدوا", "يعقد", "تعقد", "بحث", "بحثت", "بحثوا", "يبحث", "تبحث", "ناقش", "ناقشت", "ناقشوا",
     "يناقش", "تناقش", "تابع", "تابعت", "كشف", "كشفت", "يكشف", "تكشف", "شدد", "شددت", "يشدد", "تشدد", "دعا",
     "دعت", "دعوا", "يدعو", "تدعو", "لفت", "لفتت", "اعتبر", "اعتبرت", "يعتبر", "تعتبر", "طالب", "طالبت",
     "يطالب", "تطالب", "تم", "تمت", "يتم", "تتم", "اتفق", "اتفقت", "اتفقوا", "وافق", "وافقت", "رحب", "رحبت",
     "يرحب", "ترحب", "اكتفي", "اكتفت", "استمر", "استمرت", "يستمر", "تستمر", "نقل", "نقلت", "ذكر", "ذكرت",
     "يذكر", "تذكر"]
)
#: English words that, right after "and", make it join two clauses (a subject follows)
_SUBJECT_AFTER_AND = frozenset({"it", "he", "she", "they", "we", "i", "you", "the", "a", "an", "its", "his",
                                "her", "their", "our", "this", "these", "those", "there", "no", "nobody",
                                "none"})


def is_cue(word: str) -> bool:
    """A normalized word that negates or denies, also behind the conjunctions و and ف (ونفت، فلم)."""
    if word in NEGATION or word.endswith("n't"):
        return True
    return len(word) > 2 and word[0] in "وف" and word[1:] in ARABIC_NEGATION


def _bare(word: str) -> str:
    """The cue without a joined و/ف (وغير → غير)."""
    return word[1:] if word not in NEGATION and len(word) > 2 and word[0] in "وف" else word


def is_privative(word: str) -> bool:
    """A cue that negates only the noun or adjective it governs (غير رسمية، بدون تأشيرة, non-governmental)."""
    return is_cue(word) and _bare(word) in PRIVATIVE


def negation_cues(text: str) -> list[str]:
    """The negation or denial cue words of ``text`` (normalized), in order."""
    ws = words(text)
    return [w for i, w in enumerate(ws) if _cue_at(ws, i)]


def _cue_at(ws: Sequence[str], i: int) -> bool:
    """``ws[i]`` is a cue in its place: "غير" before "أن" is the conjunction "however"."""
    if not is_cue(ws[i]):
        return False
    return not (_bare(ws[i]) == "غير" and i + 1 < len(ws) and ws[i + 1] in _HOWEVER_AFTER_GHAYR)


def negation_parity_differs(claim: str, evidence: str) -> bool:
    """True when exactly one of the two is negated (an odd number of cues on one side only)."""
    return (len(negation_cues(claim)) % 2) != (len(negation_cues(evidence)) % 2)


# ------------------------------------------------------------------ clauses
def _punct_between(text: str, prev: Token, tok: Token) -> bool:
    """Clause punctuation between two words ("; ", ": ", ". ")."""
    return bool(_CLAUSE_PUNCT.search(text, prev.end, tok.start))


def _comma_conjunction(text: str, prev: Token, tok: Token) -> bool:
    """A comma followed by a conjunction: "، وأعلنت", "، فيما", ", and"."""
    if not _COMMA.search(text, prev.end, tok.start):
        return False
    w = tok.norm
    return w in _CONJUNCTIONS_AFTER_COMMA or (len(w) > 2 and w[0] in "وف" and not w.startswith("وال"))


def _opener(ws: Sequence[str], i: int) -> bool:
    """A contrast, time or cause word, alone or as a pair (لكن، بينما، في حين، but, while)."""
    if i > 0 and (ws[i - 1], ws[i]) in CLAUSE_OPENER_PAIRS:
        return False  # the second word of a pair: the clause opened at the first
    if ws[i] in CLAUSE_OPENERS:
        return True
    return i + 1 < len(ws) and (ws[i], ws[i + 1]) in CLAUSE_OPENER_PAIRS


def _joined_clause(word: str) -> bool:
    """و/ف joined to a negation, a verbal particle or a statement verb (ولم، وقد، وأجرى، فقال)."""
    if len(word) < 3 or word[0] not in "وف":
        return False
    rest = word[1:]
    return rest in ARABIC_NEGATION or rest in _JOINED_PARTICLES or rest in CLAUSE_VERBS


def _and_subject(ws: Sequence[str], i: int) -> bool:
    """English "and" followed by a subject (a pronoun or a determiner): "..., and the convoy did not"."""
    return ws[i] == "and" and i + 1 < len(ws) and ws[i + 1] in _SUBJECT_AFTER_AND


def _starts_clause(text: str, toks: Sequence[Token], ws: Sequence[str], i: int) -> bool:
    if i == 0:
        return False
    prev, tok = toks[i - 1], toks[i]
    return (
        _punct_between(text, prev, tok) or _comma_conjunction(text, prev, tok) or _opener(ws, i)
        or _joined_clause(ws[i]) or _and_subject(ws, i)
    )  # fmt: skip


def _clause_starts(text: str, toks: Sequence[Token]) -> list[int]:
    ws = [t.norm for t in toks]
    return [i for i in range(len(toks)) if i == 0 or _starts_clause(text, toks, ws, i)]


def clause_spans(text: str) -> list[Span]:
    """The clauses of ``text``, from the first word of each to the end of its last (offsets into ``text``)."""
    toks = tokens(text)
    starts = _clause_starts(text, toks)
    ends = [*starts[1:], len(toks)]
    return [Span(toks[a].start, toks[b - 1].end) for a, b in zip(starts, ends)]


def clauses(text: str) -> list[list[str]]:
    """The normalized words of each clause of ``text``."""
    toks = tokens(text)
    starts = _clause_starts(text, toks)
    ends = [*starts[1:], len(toks)]
    return [[t.norm for t in toks[a:b]] for a, b in zip(starts, ends)]


# ------------------------------------------------------------------ scope
def _definite(word: str) -> bool:
    """An Arabic word with the article, behind a joined و/ف/ب/ل or not (الحكومه، والقرار، بالمدينه،
    للحكومه)."""
    return word.startswith(("ال", "وال", "فال", "بال", "لل", "كال"))


def _predicative(clause: Sequence[str], i: int) -> bool:
    """غير before an indefinite word, after a definite noun or after the subject that opens a nominal
    sentence (its clause, or a clause after أن/إن: "أردوغان غير مكترث", "أعلنت أن ليبيا غير جاهزة")."""
    if _bare(clause[i]) != "غير" or i == 0 or i + 1 >= len(clause) or _definite(clause[i + 1]):
        return False
    return _definite(clause[i - 1]) or i == 1 or clause[i - 2] in _THAT


#: "that" before a nominal sentence (أن، إن، بأن)
_THAT = frozenset({"ان", "بان", "وان", "لان"})


def cue_scope(clause: Sequence[str], i: int) -> Sequence[str]:
    """The words the cue ``clause[i]`` negates: the rest of its clause (at most :data:`SCOPE` words),
    or only the :data:`PRIVATIVE_SCOPE` words a privative cue governs (unless it is predicative)."""
    reach = PRIVATIVE_SCOPE if is_privative(clause[i]) and not _predicative(clause, i) else SCOPE
    return clause[i + 1 : i + 1 + reach]


def _scoped_in_clause(clause: Sequence[str], about: set[str]) -> list[str]:
    return [w for i, w in enumerate(clause)
            if _cue_at(clause, i) and any(stem(x) in about for x in cue_scope(clause, i))]


def coverage(clause: Sequence[str], about: set[str]) -> int:
    """How many of the stemmed terms ``about`` the clause holds."""
    return len({stem(w) for w in clause} & about)


def scoped_cues(text: str, about: set[str]) -> list[str]:
    """Cues of ``text`` (in any clause) whose scope holds one of the stemmed terms ``about``.

    "ولم يتخذ الاجتماع أي قرار" negates the meeting's decision; in "... and no deaths were
    reported" the negation is about deaths, which a claim about evacuated families never
    mentions, so it should not turn that sentence against the claim.
    """
    return [w for part in clauses(text) for w in _scoped_in_clause(part, about)]


def negated(text: str, about: set[str]) -> bool:
    """``text`` negates what it says about the stemmed terms ``about`` (the anchor rule of the module)."""
    best_negated, best_affirmed = 0, 0
    for part in clauses(text):
        cover = coverage(part, about)
        if len(_scoped_in_clause(part, about)) % 2:
            best_negated = max(best_negated, cover)
        else:
            best_affirmed = max(best_affirmed, cover)
    return best_negated > 0 and best_negated >= best_affirmed


#: a frame that denies the whole proposition after it ("It is not true that X", "ليس صحيحا أن X"),
#: written at the start of a sentence. Narrower than the claim splitter's ``split_driver._DENIAL``,
#: which keeps any claim opening on a denial whole ("contrary to ...", "ليس صحيحا" + anything): here
#: the frame must govern a clause, or a side would be read as negated on its opening word alone
DENIAL_FRAME = re.compile(
    r"^\W*(?:(?:ليس|غير|من\s+غير)\s+(?:ال)?صحيح[اًا]*\s+(?:أن|ان|إن|ما)|لا\s+صح[ةه]\s+(?:ل|لما)"
    r"|it\s+is\s+(?:not\s+true|false|untrue|not\s+the\s+case)\s+that"
    r"|it's\s+(?:not\s+true|false|untrue|not\s+the\s+case)\s+that)",
    re.IGNORECASE,
)


def denies_whole(text: str) -> bool:
    """``text`` opens with a frame that denies everything after it ("It is not true that ...")."""
    return bool(DENIAL_FRAME.match(clean(text)))


def scoped_negation_differs(claim: str, evidence: str) -> bool:
    """Polarity differs, counting only cues that scope over words the two sides share, in the clauses
    that carry what they share.

    Across scripts (an English claim, an Arabic sentence) the two sides share few words (digits, Latin
    names), so few cues can be scoped; there a frame that denies a whole side counts too ("It is not
    true that X" against X). Reading every cue of each side instead was wrong on one translation in ten
    (a negated participle such as "لم يهزم" for "unbeaten", "غيّر" read as "غير").
    """
    if {detect(claim), detect(evidence)} == {"ar", "en"} and denies_whole(claim) != denies_whole(evidence):
        return True
    shared = set(terms(claim)) & set(terms(evidence))
    return negated(claim, shared) != negated(evidence, shared)

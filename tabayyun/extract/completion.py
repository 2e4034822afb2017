"""Partial vs complete achievement, and a universal claim against a partial one.

"تم جمع كامل مبلغ 200 مليون دولار المستهدف" against "شرعنا في جمع 200 مليون دولار،
ونقترب الآن من 150 مليونا" is refuted although the 200 million match: the claim says
the goal was reached, the evidence that it was only set and is under way. The
rules, one function each:

* **Completion** (the claim): a word saying an aim was reached or done in full —
  تم، اكتمل، استكمل، كامل، بالكامل، أنجز، أتم، انتهى، completed, fully, entire,
  finished, reached, achieved.
* **Progress** (the evidence): a word saying it was started, is approaching, is
  aimed at or planned — شرع، بدأ، يقترب، نقترب، يسعى، يهدف، المستهدف، خطة، يعتزم،
  جارٍ، started, approaching, aims, target, plans, so far, under way. Evidence
  that has a completion word of its own (اكتمل جمع المبلغ المستهدف) is complete,
  whatever else it says: then the check is a ``match``.
* **Same matter**: the two must share a term other than those cue words (the
  amount, the verb جمع); the progress word must stand in the evidence clause that
  shares the most with the claim, and what it governs — the first content word
  after it in its clause, or before it when nothing follows (المبلغ المستهدف,
  "work on the runway is under way") — must be a term of the claim: "شرعنا في
  جمع" is about the collecting the claim says is done, while "بدأ بناء المدرسة"
  is about building, not about the opening a claim reports; a side with a predicate negation is left to the
  stance
  model's negation rule ("لم يكتمل" already reads as a denial).
* The ``mismatch`` names the progress word, with offsets, and the part reached
  when the evidence gives a smaller amount beside the claimed one ("150 of 200").

**Quantifiers** (:func:`quantifier_checks`): "كل/جميع المدارس" or "all schools"
against "بعض/عدد من/معظم المدارس" or "some/several/most schools" — the same noun
under a universal quantifier in the claim and a partial one in the evidence — is a
``mismatch``: some is not all. The noun must be the same (stemmed), because "كل
المدارس" and "بعض المعلمين" quantify different things.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..results import Check, Span
from ..stance.negation import clause_spans, coverage, is_cue, is_privative
from ..text import stem, terms, tokens
from ..text.stopwords import STOPWORDS
from ..text.tokenize import Token
from .types import Quantity

#: the aim was reached or done in full (normalized)
COMPLETION_WORDS = frozenset(
    ["تم", "تمت", "اكتمل", "اكتملت", "يكتمل", "استكمل", "استكملت", "استكمال", "كامل", "كاملا", "كامله",
     "بالكامل", "كاملة", "انجز", "انجزت", "انجاز", "اتم", "اتمت", "اتمام", "انتهي", "انتهت", "انتهاء",
     "completed", "complete", "completing", "fully", "entire", "entirely", "finished", "finish", "reached",
     "achieved"]
)
#: it was started, is approaching, aimed at or planned (normalized)
PROGRESS_WORDS = frozenset(
    ["شرع", "شرعت", "شرعنا", "شرعوا", "يشرع", "بدا", "بدات", "بدانا", "بداوا", "بدء", "يبدا", "تبدا", "يقترب",
     "تقترب", "نقترب", "اقترب", "اقتربت", "اقتربنا", "يسعي", "تسعي", "نسعي", "يهدف", "تهدف", "نهدف", "يهدفان",
     "المستهدف", "مستهدف", "المستهدفه", "مستهدفه", "هدف", "هدفها", "خطه", "خطتها", "يخطط", "تخطط", "نخطط",
     "يعتزم", "تعتزم", "نعتزم", "ينوي", "تنوي", "جار", "جاري", "جاريه", "قيد", "مازال", "مازالت", "لايزال",
     "لاتزال", "جزئيا", "started", "start", "starting", "begun", "began", "begin", "beginning", "approaching",
     "nearing", "aims", "aim", "aiming", "target", "targets", "targeted", "plans", "plan", "planned",
     "planning", "intends", "intend", "underway", "ongoing", "partially", "partly", "halfway", "still"]
)
#: two-word progress phrases (normalized): "so far", "under way", "حتى الآن", "في طور"
PROGRESS_PAIRS = frozenset({("so", "far"), ("under", "way"), ("حتي", "الان"), ("في", "طور"),
                            ("in", "progress")})
#: universal quantifiers, and the partial ones that contradict them (normalized)
UNIVERSAL = frozenset({"كل", "جميع", "كافه", "all", "every"})
#: universal quantifiers that mean "all" only before a definite noun (كل المدارس = all the schools; كل مدرسة =
#: each school, distributive, like English "each", which is left out: "each school will differ")
_ALL_BEFORE_DEFINITE = frozenset({"كل", "جميع", "كافه"})
PARTIAL = frozenset({"بعض", "معظم", "اغلب", "غالبيه", "some", "several", "most", "many", "few", "part"})
#: "عدد من" / "a number of" / "part of": a partial quantifier of two words, keyed by the first
PARTIAL_PAIRS = frozenset({("عدد", "من"), ("جزء", "من"), ("number", "of"), ("part", "of")})
_SKIP_AFTER_QUANTIFIER = frozenset({"of", "the", "من", "a"})
#: words between a progress cue and what it governs ("نقترب الآن من", "is now approaching", "way" of "under
#: way")
_PREPOSITIONS = frozenset({"في", "الي", "علي", "to", "for", "on", "of", "towards"})
_PREP_WINDOW = 3
_SKIP_AFTER_CUE = frozenset({"الان", "حاليا", "now", "currently", "way", "far", "طور", "progress", "in"})


def _bare(word: str) -> str:
    """The word without a joined و/ف or the article's ب/ل (وبدأت → بدات، بالكامل stays: it is listed)."""
    if word in COMPLETION_WORDS or word in PROGRESS_WORDS or len(word) <= 3:
        return word
    return word[1:] if word[0] in "وف" else word


def _completion(toks: Sequence[Token]) -> list[Token]:
    return [t for t in toks if _bare(t.norm) in COMPLETION_WORDS]


def _progress(toks: Sequence[Token]) -> list[Token]:
    ws = [t.norm for t in toks]
    pairs = [toks[i] for i in range(len(ws) - 1) if (ws[i], ws[i + 1]) in PROGRESS_PAIRS]
    return [t for t in toks if _bare(t.norm) in PROGRESS_WORDS] + pairs


def _negated(toks: Sequence[Token]) -> bool:
    return any(is_cue(t.norm) and not is_privative(t.norm) for t in toks)


def _cue_terms() -> frozenset[str]:
    return frozenset(stem(w) for w in COMPLETION_WORDS | PROGRESS_WORDS)


_CUE_TERMS = _cue_terms()


def _same_matter(claim: str, evidence: str) -> bool:
    """The two share a term that is not a completion or progress word."""
    return bool((set(terms(claim)) & set(terms(evidence))) - _CUE_TERMS)


def _in_anchor_clause(evidence: str, claim: str, cue: Token) -> bool:
    """``cue`` stands in a clause of ``evidence`` sharing as many terms with ``claim`` as any other clause."""
    shared = set(terms(claim)) & set(terms(evidence))
    spans = clause_spans(evidence)
    cover = [coverage([t.norm for t in tokens(s.of(evidence))], shared) for s in spans]
    return any(s.start <= cue.start < s.end and c == max(cover) for s, c in zip(spans, cover))


def _governed(toks: Sequence[Token], k: int, clause: Span) -> list[Token]:
    """What the cue ``toks[k]`` governs: the first content word after it in its clause and the first after a
    preposition among the next :data:`_PREP_WINDOW` words (Arabic puts the subject between: "تهدف الوزارة إلى
    توزيع"), else the last content word before it ("المبلغ المستهدف")."""
    inside = [i for i, t in enumerate(toks) if clause.start <= t.start < clause.end]
    after = [i for i in inside if i > k and not _function(toks[i].norm, toks[k].norm)]
    before = [i for i in inside if i < k and not _function(toks[i].norm, toks[k].norm)]
    if not after:
        return [toks[before[-1]]] if before else []
    out = [toks[after[0]]]
    for i in (i for i in inside if k < i <= k + _PREP_WINDOW):
        if toks[i].norm in _PREPOSITIONS:
            out.extend(toks[j] for j in after if j > i)
            break
        if _joined_preposition(toks[i].norm) and i in after:  # "لتسليم": the preposition ل joined to its noun
            out.append(toks[i])
            break
    return out[:2]


def _joined_preposition(word: str) -> bool:
    return len(word) > 4 and word[0] in "لب" and not word.startswith(("ال", "لل"))


def _function(word: str, cue: str) -> bool:
    """A word a progress cue's complement skips: stopwords, "now", the cue's own words."""
    return word in STOPWORDS or word in _SKIP_AFTER_CUE or _bare(word) in PROGRESS_WORDS or word == cue


def _governs_claim_term(evidence: str, claim: str, toks: Sequence[Token], cue: Token) -> bool:
    """What the progress word ``cue`` governs is a term of the claim, or an amount when the claim states one
    ("نقترب الآن من 150 مليونا" against a claimed 200 million): see the module's rules."""
    clause = next((s for s in clause_spans(evidence) if s.start <= cue.start < s.end), None)
    if clause is None:
        return False
    claim_terms = set(terms(claim))
    claim_has_number = any(t.isdigit() for t in claim_terms)
    for w in _governed(toks, toks.index(cue), clause):
        forms = {stem(w.norm), stem(w.norm[1:])} if _joined_preposition(w.norm) else {stem(w.norm)}
        if forms & claim_terms or (claim_has_number and w.norm[:1].isdigit()):
            return True
    return False


def _fmt(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.4g}"


def partial_amount(claim_q: Sequence[Quantity], evidence_q: Sequence[Quantity]) -> str:
    """"150,000,000 of 200,000,000 (75%)" when the evidence gives, beside the claim's largest amount, a
    smaller one."""
    targets = [q.value for q in claim_q if q.value is not None and q.kind == "cardinal"]
    if not targets:
        return ""
    target = max(targets)
    has_target = any(q.value == target for q in evidence_q)
    below = [q.value for q in evidence_q
             if q.value is not None and q.kind == "cardinal" and 0 < q.value < target]
    if not has_target or not below:
        return ""
    reached = max(below)
    return f"; the evidence reports {_fmt(reached)} of {_fmt(target)} ({round(100 * reached / target)}%)"


def completion_checks(
    claim: str, evidence: str, claim_q: Sequence[Quantity] = (), evidence_q: Sequence[Quantity] = ()
) -> list[Check]:
    """At most one check: a claim of completion against evidence of progress (mismatch) or completion
    (match)."""
    ct, et = tokens(claim), tokens(evidence)
    done = _completion(ct)
    if not done or _negated(ct) or _negated(et) or not _same_matter(claim, evidence):
        return []
    claim_text = claim[done[0].start : done[-1].end] if len(done) <= 3 else done[0].text
    if (also_done := _completion(et)):
        cue = also_done[0]
        return [Check("completion", claim_text, cue.text, "match",
                      f"the evidence also says it was done ({cue.norm})",
                      "completion", cue.start, cue.end)]
    going = [t for t in _progress(et)
             if _in_anchor_clause(evidence, claim, t) and _governs_claim_term(evidence, claim, et, t)]
    if not going:
        return []
    cue = min(going, key=lambda t: t.start)
    detail = (f"the claim says it was done ({', '.join(t.norm for t in done)}), "
              f"the evidence that it is under way or aimed at ({', '.join(t.norm for t in going)})"
              ) + partial_amount(claim_q, evidence_q)
    return [Check("completion", claim_text, cue.text, "mismatch", detail, "done vs under way", cue.start,
                  cue.end)]


# ------------------------------------------------------------------ quantifiers
def _quantified(
    toks: Sequence[Token], words: frozenset[str], pairs: frozenset[tuple[str, str]]
) -> list[tuple[Token, str]]:
    """``(quantifier token, stemmed noun)`` for each quantifier of ``words``/``pairs`` followed by a noun."""
    ws = [t.norm for t in toks]
    out = []
    for i, w in enumerate(ws):
        j = i + 2 if i + 1 < len(ws) and (w, ws[i + 1]) in pairs else (i + 1 if _bare(w) in words else -1)
        if j < 0:
            continue
        while j < len(ws) and ws[j] in _SKIP_AFTER_QUANTIFIER:
            j += 1
        if j < len(ws):
            out.append((toks[i], stem(ws[j])))
    return out


def _before_definite(toks: Sequence[Token], tok: Token) -> bool:
    """The word after ``tok`` carries the article (كل المدارس), behind a joined و/ب/ل or not."""
    k = toks.index(tok)
    return k + 1 < len(toks) and toks[k + 1].norm.startswith(("ال", "وال", "بال", "لل"))


def quantifier_checks(claim: str, evidence: str) -> list[Check]:
    """"All X" in the claim against "some X" in the evidence, X the same stemmed noun → mismatch."""
    ct, et = tokens(claim), tokens(evidence)
    if _negated(ct) or _negated(et):
        return []
    partial = {noun: tok for tok, noun in _quantified(et, PARTIAL, PARTIAL_PAIRS)}
    checks = []
    for tok, noun in _quantified(ct, UNIVERSAL, frozenset()):
        if _bare(tok.norm) in _ALL_BEFORE_DEFINITE and not _before_definite(ct, tok):
            continue
        if noun in partial:
            e = partial[noun]
            checks.append(Check("quantifier", tok.text, e.text, "mismatch",
                                f"the claim says {tok.norm} ({noun}), the evidence {e.norm}: some is not all",
                                "universal vs partial", e.start, e.end))
    return checks

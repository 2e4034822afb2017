"""Why a verdict is what it is, and what the source says instead: short Arabic and English texts built
from templates over the explicit checks and the evidence stances (never free generation).

* :func:`reason` — every verdict's :class:`~tabayyun.results.Reason`: the checks that decided it
  (a number, date, name, list membership, done vs under way, a quantifier, a naming — with the
  counts of each form, :func:`tabayyun.claims.naming.naming_summary`) and, without
  such a check, the stance of the deciding evidence sentence and its source.
* :func:`correction` — for a refuted claim or part, a :class:`~tabayyun.results.Correction`: the
  source's own words in place of the claim's ("يقول المصدر 41 عضوا لا 90" / "the source says
  41 members, not 90"), with the exact offsets of those words in the source.
* :func:`parts_reason` — the reason of a claim of several parts: each part's verdict, then why the
  first refuted (else undecided) part is what it is.

Quoted claim and source words are shown as they are written (Arabic-Indic digits, number words and
month names stay as the text has them); a long quote is cut at :data:`QUOTE_CHARS` in the sentence
shown, never in ``Correction.evidence_text``, which is exactly ``source_text[start:end]``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..results import Check, CheckKind, Correction, Evidence, PartResult, Reason, Verdict
from ..verdict import ON_TOPIC

#: longest quote inside a reason or correction sentence (longer ones end in "…")
QUOTE_CHARS = 90
#: checks cited in one reason
CITED = 3
#: the order in which checks are cited: the most specific first
KIND_ORDER: tuple[CheckKind, ...] = ("quantity", "date", "naming", "membership", "completion", "quantifier",
                                     "entity")

#: what the source says, per check kind and outcome: (Arabic, English), over {c} (claim) and {e} (source)
MISMATCH: dict[str, tuple[str, str]] = {
    "quantity": ("يقول المصدر {e} لا {c}", "the source says {e}, not {c}"),
    "date": ("يذكر المصدر تاريخ {e} لا {c}", "the source gives the date {e}, not {c}"),
    "entity": ("يذكر المصدر {e} في موضع {c}", "the source names {e} where the claim has {c}"),
    "membership": ("لا تضمّ قائمة المصدر ({e}) {c}", "the source's list ({e}) does not include {c}"),
    "completion": ("يقول المصدر إن الأمر جارٍ ({e}) لا إنه تمّ ({c})",
                   "the source says it is under way ({e}), not done ({c})"),
    "quantifier": ("يقول المصدر {e} لا {c}", "the source says {e}, not {c}"),
    "naming": ("يسمّيه المصدر {e} لا {c}", "the source calls it {e}, not {c}"),
}
MATCH: dict[str, tuple[str, str]] = {
    "quantity": ("يذكر المصدر {e}", "the source states {e}"),
    "date": ("يذكر المصدر التاريخ نفسه ({e})", "the source gives the same date ({e})"),
    "entity": ("يذكر المصدر {e}", "the source names {e}"),
    "membership": ("يذكر المصدر {c} ضمن {e}", "the source lists {c} among {e}"),
    "completion": ("يقول المصدر أيضا إن الأمر تمّ ({e})", "the source also says it was done ({e})"),
    "quantifier": ("يقول المصدر {e}", "the source says {e}"),
    "naming": ("يسمّيه المصدر {e} أيضا", "the source also calls it {e}"),
}

#: the verdict as a reader's word, in a list of parts
VERDICT_WORDS: dict[str, tuple[str, str]] = {
    "supported": ("تؤيّده المصادر", "supported"),
    "refuted": ("تنفيه المصادر", "refuted"),
    "not_enough_info": ("لا تكفي المصادر للحكم", "not enough information"),
    "conflicting": ("المصادر متعارضة", "the sources conflict"),
    "mixed": ("صحيح جزئيا", "partly supported"),
}


def quote(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` on one line, cut at ``limit`` characters with "…"."""
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1].rstrip() + "…"


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _ordered(checks: Sequence[Check], outcome: str) -> list[Check]:
    """The checks of one outcome, most specific kind first, one per claim mention."""
    seen: set[tuple[str, str]] = set()
    out = []
    for c in sorted((c for c in checks if c.result == outcome),
                    key=lambda c: KIND_ORDER.index(c.kind) if c.kind in KIND_ORDER else len(KIND_ORDER)):
        if (c.kind, c.claim_text) not in seen:
            seen.add((c.kind, c.claim_text))
            out.append(c)
    return out


def check_phrase(check: Check) -> tuple[str, str]:
    """What one match or mismatch check says, in Arabic and English (lower-case, no full stop)."""
    table = MISMATCH if check.result == "mismatch" else MATCH
    ar, en = table.get(check.kind, table["quantity"])
    c, e = quote(check.claim_text), quote(check.evidence_text)
    ar, en = ar.format(c=c, e=e), en.format(c=c, e=e)
    if check.kind == "naming":
        if check.forms:  # the counts, in Arabic words too
            from .naming import naming_summary

            ar += f" ({quote(naming_summary(check, 'ar'))})"
        if check.detail:
            en += f" ({quote(check.detail)})"
    return ar, en


def _phrases(checks: Sequence[Check], outcome: str) -> tuple[str, str]:
    """Up to :data:`CITED` phrases of one outcome joined: ``("", "")`` when there is none."""
    ps = [check_phrase(c) for c in _ordered(checks, outcome)[:CITED]]
    return "؛ ".join(p[0] for p in ps), "; ".join(p[1] for p in ps)


def _first(evidence: Sequence[Evidence], stance: str) -> Evidence | None:
    return next((e for e in evidence if e.stance == stance), None)


def _on_topic(evidence: Sequence[Evidence]) -> Evidence | None:
    return next((e for e in evidence if e.probabilities.get("unrelated", 1.0) < ON_TOPIC), None)


def reason(verdict: Verdict, checks: Sequence[Check], evidence: Sequence[Evidence]) -> Reason:
    """Why ``verdict``, from the checks and the evidence (strongest first) that led to it."""
    match_ar, match_en = _phrases(checks, "match")
    miss_ar, miss_en = _phrases(checks, "mismatch")
    if verdict == "supported":
        if match_ar:
            return Reason(f"تؤيّده المصادر: {match_ar}.", f"Supported: {match_en}.")
        return _by_sentence(_first(evidence, "agree"),
                            ("تؤيّده جملة من {s}.", "A sentence of {s} agrees with it."))
    if verdict == "refuted":
        if miss_ar:
            return Reason(f"تنفيه المصادر: {miss_ar}.", f"Refuted: {miss_en}.")
        return _by_sentence(_first(evidence, "disagree"),
                            ("تنفيه جملة من {s}.", "A sentence of {s} contradicts it."))
    if verdict == "conflicting":
        a, d = _first(evidence, "agree"), _first(evidence, "disagree")
        ar = "المصادر متعارضة: " + (f"تؤيّده جملة من {a.source}" if a else "تؤيّده جملة")
        en = "The sources conflict: " + (f"a sentence of {a.source} agrees with it" if a
                                         else "one sentence agrees")
        ar += f" وتنفيه أخرى من {d.source}" if d else " وتنفيه أخرى"
        en += f", another of {d.source} contradicts it" if d else ", another contradicts it"
        if miss_ar:
            ar, en = f"{ar} ({miss_ar})", f"{en} ({miss_en})"
        return Reason(ar + ".", en + ".")
    if verdict == "mixed":
        ar = "تؤيّد المصادر جزءا منه وتنفي جزءا"
        en = "The sources confirm part of it and contradict another part"
        if match_ar or miss_ar:
            ar += ": " + "؛ ".join(p for p in (match_ar, miss_ar) if p)
            en += ": " + "; ".join(p for p in (match_en, miss_en) if p)
        return Reason(ar + ".", en + ".")
    near = _on_topic(evidence)
    if near is None:
        return Reason("لا تتناول المصادر هذا الادعاء.", "Nothing in the sources is about this claim.")
    return Reason(f"تتناول المصادر الموضوع ({near.source}) لكنها لا تؤكّده ولا تنفيه.",
                  f"The sources discuss the subject ({near.source}) but neither confirm nor deny it.")


def _by_sentence(ev: Evidence | None, templates: tuple[str, str]) -> Reason:
    source_ar, source_en = (ev.source, ev.source) if ev else ("المصادر", "the sources")
    return Reason(templates[0].format(s=source_ar), templates[1].format(s=source_en))


def correction(checks: Sequence[Check], evidence: Sequence[Evidence]) -> Correction | None:
    """What the source says instead: the most specific mismatch that has offsets in a source, else the
    strongest disagreeing evidence sentence; ``None`` when there is neither."""
    for c in _ordered(checks, "mismatch"):
        if c.evidence_start is None or c.evidence_end is None or c.source is None:
            continue
        ar, en = check_phrase(c)
        return Correction(text_ar=ar, text_en=_cap(en), evidence_text=c.evidence_text, source=c.source,
                          document_id=c.document_id, start=c.evidence_start, end=c.evidence_end)
    ev = _first(evidence, "disagree")
    if ev is None:
        return None
    return Correction(text_ar=f"يقول المصدر: «{quote(ev.text)}»",
                      text_en=f"The source says: “{quote(ev.text)}”",
                      evidence_text=ev.text, source=ev.source, document_id=ev.document_id,
                      start=ev.start, end=ev.end)


def explained_correction(verdict: Verdict, checks: Sequence[Check],
                         evidence: Sequence[Evidence]) -> Correction | None:
    """:func:`correction` for a refuted verdict, ``None`` for any other."""
    return correction(checks, evidence) if verdict == "refuted" else None


def parts_reason(parts: Sequence[PartResult]) -> Reason:
    """The reason of a claim of several parts: each part with its verdict, then the first refuted
    part's reason (else the first part that is not supported, else the first part's)."""
    ar = "؛ ".join(f"«{quote(p.text, 60)}» {VERDICT_WORDS[p.verdict][0]}" for p in parts)
    en = "; ".join(f"“{quote(p.text, 60)}” {VERDICT_WORDS[p.verdict][1]}" for p in parts)
    key = next((p for p in parts if p.verdict == "refuted"), None) \
        or next((p for p in parts if p.verdict != "supported"), None) or (parts[0] if parts else None)
    out_ar, out_en = f"أجزاء الادعاء: {ar}.", f"Parts: {en}."
    if key is not None and key.reason is not None:
        out_ar, out_en = f"{out_ar} {key.reason.ar}", f"{out_en} {key.reason.en}"
    return Reason(out_ar, out_en)

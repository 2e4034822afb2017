"""Reasons and corrections (tabayyun.claims.explain): template tables over hand-written checks and
evidence, Arabic and English, every check kind (naming included) and every verdict."""

from __future__ import annotations

import pytest

from tabayyun.claims.explain import (
    QUOTE_CHARS,
    check_phrase,
    correction,
    explained_correction,
    parts_reason,
    quote,
    reason,
)
from tabayyun.results import VERDICTS, Check, Correction, Evidence, PartResult, Reason


def chk(kind: str, c: str, e: str, result: str = "match", detail: str = "", start: int | None = 0,
        source: str | None = "بيان.txt", doc: int | None = 3) -> Check:
    end = None if start is None else start + len(e)
    return Check(kind, c, e, result, detail, None, start, end, source, doc)  # type: ignore[arg-type]


def ev(text: str, stance: str, source: str = "بيان.txt", start: int = 0, unrelated: float = 0.05) -> Evidence:
    probs = {"agree": 0.05, "disagree": 0.05, "discuss": 0.05, "unrelated": unrelated} | {stance: 0.85}
    return Evidence(text, stance, 0.85, source, start, start + len(text), 3, probs)  # type: ignore[arg-type]


AGREE = ev("أعلن التحالف انضمام عضوين جديدين رقم 40 و41", "agree")
DISAGREE = ev("نفت الوزارة أن يكون الاجتماع قد عقد", "disagree", "report.txt")
DISCUSS = ev("ناقش المجلس الخطة دون أن يقرها", "discuss", "minutes.txt")
OFF = ev("افتتح المتحف جناحا جديدا", "unrelated", unrelated=0.9)
EN_AGREE = ev("The coalition now has 41 members.", "agree", "statement.txt")
LONG = "ورد في المحضر " + "كلام طويل " * 20

ROWS = [
    # supported: the matches, most specific first
    ("supported", [chk("quantity", "41 دولة", "41 دولة")], [AGREE],
     "تؤيّده المصادر: يذكر المصدر 41 دولة.", "Supported: the source states 41 دولة."),
    ("supported", [chk("quantity", "٤١ دولة", "41 دولة")], [AGREE],
     "تؤيّده المصادر: يذكر المصدر 41 دولة.", "Supported: the source states 41 دولة."),
    ("supported", [chk("quantity", "واحد وأربعين عضوا", "٤١ عضوا")], [AGREE],
     "تؤيّده المصادر: يذكر المصدر ٤١ عضوا.", "Supported: the source states ٤١ عضوا."),
    ("supported", [chk("date", "14 آذار 2023", "١٤ آذار ٢٠٢٣")], [AGREE],
     "تؤيّده المصادر: يذكر المصدر التاريخ نفسه (١٤ آذار ٢٠٢٣).",
     "Supported: the source gives the same date (١٤ آذار ٢٠٢٣)."),
    ("supported", [chk("date", "3 رمضان 1445", "13 آذار 2024")], [AGREE],
     "تؤيّده المصادر: يذكر المصدر التاريخ نفسه (13 آذار 2024).",
     "Supported: the source gives the same date (13 آذار 2024)."),
    ("supported", [chk("entity", "الأردن", "المملكة الأردنية الهاشمية")], [AGREE],
     "تؤيّده المصادر: يذكر المصدر المملكة الأردنية الهاشمية.",
     "Supported: the source names المملكة الأردنية الهاشمية."),
    ("supported", [chk("membership", "قطر", "قطر وعُمان والكويت")], [AGREE],
     "تؤيّده المصادر: يذكر المصدر قطر ضمن قطر وعُمان والكويت.",
     "Supported: the source lists قطر among قطر وعُمان والكويت."),
    ("supported", [chk("completion", "اكتمل بناء", "أنجز")], [AGREE],
     "تؤيّده المصادر: يقول المصدر أيضا إن الأمر تمّ (أنجز).",
     "Supported: the source also says it was done (أنجز)."),
    ("supported", [chk("naming", "الحركة", "الحركة", detail="الحركة 30 times, الإمارة once")], [AGREE],
     "تؤيّده المصادر: يسمّيه المصدر الحركة أيضا.",
     "Supported: the source also calls it الحركة (الحركة 30 times, الإمارة once)."),
    ("supported", [chk("entity", "عمّان", "عمّان"), chk("quantity", "41 دولة", "41 دولة")], [AGREE],
     "تؤيّده المصادر: يذكر المصدر 41 دولة؛ يذكر المصدر عمّان.",
     "Supported: the source states 41 دولة; the source names عمّان."),
    ("supported", [chk("entity", "عمّان", "عمّان"), chk("quantity", "41 دولة", "41 دولة"),
                   chk("date", "3 أيار", "3 أيار"), chk("membership", "قطر", "قطر وعُمان")], [AGREE],
     "تؤيّده المصادر: يذكر المصدر 41 دولة؛ يذكر المصدر التاريخ نفسه (3 أيار)؛ يذكر المصدر قطر ضمن قطر وعُمان.",
     "Supported: the source states 41 دولة; the source gives the same date (3 أيار); "
     "the source lists قطر among قطر وعُمان."),
    ("supported", [chk("quantity", "41 دولة", "41 دولة"), chk("quantity", "41 دولة", "41 بلدا")], [AGREE],
     "تؤيّده المصادر: يذكر المصدر 41 دولة.", "Supported: the source states 41 دولة."),
    ("supported", [], [AGREE],
     "تؤيّده جملة من بيان.txt.", "A sentence of بيان.txt agrees with it."),
    ("supported", [], [],
     "تؤيّده جملة من المصادر.", "A sentence of the sources agrees with it."),
    ("supported", [chk("quantity", "41 members", "41 members")], [EN_AGREE],
     "تؤيّده المصادر: يذكر المصدر 41 members.", "Supported: the source states 41 members."),
    # refuted: the mismatches
    ("refuted", [chk("quantity", "90 عضوا", "41 عضوا", "mismatch")], [DISAGREE],
     "تنفيه المصادر: يقول المصدر 41 عضوا لا 90 عضوا.", "Refuted: the source says 41 عضوا, not 90 عضوا."),
    ("refuted", [chk("quantity", "تسعين عضوا", "٤١ عضوا", "mismatch")], [DISAGREE],
     "تنفيه المصادر: يقول المصدر ٤١ عضوا لا تسعين عضوا.",
     "Refuted: the source says ٤١ عضوا, not تسعين عضوا."),
    ("refuted", [chk("quantity", "90 members", "41 members", "mismatch")], [DISAGREE],
     "تنفيه المصادر: يقول المصدر 41 members لا 90 members.",
     "Refuted: the source says 41 members, not 90 members."),
    ("refuted", [chk("date", "٣ أيار", "5 أيار", "mismatch")], [DISAGREE],
     "تنفيه المصادر: يذكر المصدر تاريخ 5 أيار لا ٣ أيار.",
     "Refuted: the source gives the date 5 أيار, not ٣ أيار."),
    ("refuted", [chk("date", "May 3, 2024", "June 3, 2024", "mismatch")], [DISAGREE],
     "تنفيه المصادر: يذكر المصدر تاريخ June 3, 2024 لا May 3, 2024.",
     "Refuted: the source gives the date June 3, 2024, not May 3, 2024."),
    ("refuted", [chk("date", "شباط 1445", "رجب ١٤٤٥", "mismatch")], [DISAGREE],
     "تنفيه المصادر: يذكر المصدر تاريخ رجب ١٤٤٥ لا شباط 1445.",
     "Refuted: the source gives the date رجب ١٤٤٥, not شباط 1445."),
    ("refuted", [chk("entity", "القاهرة", "عمّان", "mismatch")], [DISAGREE],
     "تنفيه المصادر: يذكر المصدر عمّان في موضع القاهرة.",
     "Refuted: the source names عمّان where the claim has القاهرة."),
    ("refuted", [chk("membership", "مصر", "قطر وعُمان والكويت", "mismatch")], [DISAGREE],
     "تنفيه المصادر: لا تضمّ قائمة المصدر (قطر وعُمان والكويت) مصر.",
     "Refuted: the source's list (قطر وعُمان والكويت) does not include مصر."),
    ("refuted", [chk("completion", "اكتمل", "ما زال العمل جاريا", "mismatch")], [DISAGREE],
     "تنفيه المصادر: يقول المصدر إن الأمر جارٍ (ما زال العمل جاريا) لا إنه تمّ (اكتمل).",
     "Refuted: the source says it is under way (ما زال العمل جاريا), not done (اكتمل)."),
    ("refuted", [chk("quantifier", "كل", "بعض", "mismatch")], [DISAGREE],
     "تنفيه المصادر: يقول المصدر بعض لا كل.", "Refuted: the source says بعض, not كل."),
    ("refuted", [chk("naming", "الإمارة", "الحركة", "mismatch", "الحركة 30 times, الإمارة once (quoted)")],
     [DISAGREE],
     "تنفيه المصادر: يسمّيه المصدر الحركة لا الإمارة.",
     "Refuted: the source calls it الحركة, not الإمارة (الحركة 30 times, الإمارة once (quoted))."),
    ("refuted", [chk("entity", "عمّان", "عمّان"), chk("quantity", "90 عضوا", "41 عضوا", "mismatch")],
     [DISAGREE],
     "تنفيه المصادر: يقول المصدر 41 عضوا لا 90 عضوا.", "Refuted: the source says 41 عضوا, not 90 عضوا."),
    ("refuted", [], [AGREE, DISAGREE],
     "تنفيه جملة من report.txt.", "A sentence of report.txt contradicts it."),
    ("refuted", [chk("quantity", "90 عضوا", LONG, "mismatch")], [DISAGREE],
     f"تنفيه المصادر: يقول المصدر {quote(LONG)} لا 90 عضوا.",
     f"Refuted: the source says {quote(LONG)}, not 90 عضوا."),
    # conflicting
    ("conflicting", [], [AGREE, DISAGREE],
     "المصادر متعارضة: تؤيّده جملة من بيان.txt وتنفيه أخرى من report.txt.",
     "The sources conflict: a sentence of بيان.txt agrees with it, another of report.txt contradicts it."),
    ("conflicting", [chk("quantity", "90 عضوا", "41 عضوا", "mismatch")], [AGREE, DISAGREE],
     "المصادر متعارضة: تؤيّده جملة من بيان.txt وتنفيه أخرى من report.txt (يقول المصدر 41 عضوا لا 90 عضوا).",
     "The sources conflict: a sentence of بيان.txt agrees with it, another of report.txt contradicts it "
     "(the source says 41 عضوا, not 90 عضوا)."),
    ("conflicting", [], [],
     "المصادر متعارضة: تؤيّده جملة وتنفيه أخرى.",
     "The sources conflict: one sentence agrees, another contradicts it."),
    # not enough information
    ("not_enough_info", [], [DISCUSS, OFF],
     "تتناول المصادر الموضوع (minutes.txt) لكنها لا تؤكّده ولا تنفيه.",
     "The sources discuss the subject (minutes.txt) but neither confirm nor deny it."),
    ("not_enough_info", [], [OFF],
     "لا تتناول المصادر هذا الادعاء.", "Nothing in the sources is about this claim."),
    ("not_enough_info", [], [],
     "لا تتناول المصادر هذا الادعاء.", "Nothing in the sources is about this claim."),
    ("not_enough_info", [chk("quantity", "90", "30", "not_comparable")], [DISCUSS],
     "تتناول المصادر الموضوع (minutes.txt) لكنها لا تؤكّده ولا تنفيه.",
     "The sources discuss the subject (minutes.txt) but neither confirm nor deny it."),
    # mixed (given directly; a compound claim's overall reason is parts_reason's)
    ("mixed", [chk("quantity", "41 دولة", "41 دولة"), chk("date", "3 أيار", "5 أيار", "mismatch")], [AGREE],
     "تؤيّد المصادر جزءا منه وتنفي جزءا: يذكر المصدر 41 دولة؛ يذكر المصدر تاريخ 5 أيار لا 3 أيار.",
     "The sources confirm part of it and contradict another part: the source states 41 دولة; "
     "the source gives the date 5 أيار, not 3 أيار."),
    ("mixed", [], [],
     "تؤيّد المصادر جزءا منه وتنفي جزءا.", "The sources confirm part of it and contradict another part."),
]
IDS = [
    "supported-quantity", "supported-arabic-indic-claim-digits", "supported-number-words-vs-indic",
    "supported-date-indic", "supported-hijri-vs-gregorian", "supported-entity-alias", "supported-membership",
    "supported-completion", "supported-naming-with-counts", "supported-quantity-before-entity",
    "supported-at-most-three", "supported-mention-once", "supported-no-checks", "supported-nothing",
    "supported-english",
    "refuted-quantity", "refuted-number-words", "refuted-english-quantity", "refuted-date-indic",
    "refuted-english-date", "refuted-hijri-year", "refuted-entity", "refuted-membership",
    "refuted-completion", "refuted-quantifier", "refuted-naming-with-counts", "refuted-only-mismatches-cited",
    "refuted-by-sentence", "refuted-long-quote-cut",
    "conflicting-sources", "conflicting-with-mismatch", "conflicting-no-evidence",
    "nei-discussed", "nei-off-topic", "nei-no-evidence", "nei-not-comparable-is-no-reason",
    "mixed-match-and-mismatch", "mixed-nothing",
]


@pytest.mark.parametrize(("verdict", "checks", "evidence", "ar", "en"), ROWS, ids=IDS)
def test_reason(verdict: str, checks: list[Check], evidence: list[Evidence], ar: str, en: str) -> None:
    assert reason(verdict, checks, evidence) == Reason(ar, en)  # type: ignore[arg-type]


def test_the_table_is_large_and_covers_every_verdict_and_kind() -> None:
    assert len(ROWS) == len(IDS) >= 30
    assert {r[0] for r in ROWS} == set(VERDICTS)
    kinds = {c.kind for r in ROWS for c in r[1]}
    assert kinds == {"quantity", "date", "entity", "membership", "completion", "quantifier", "naming"}


@pytest.mark.parametrize("verdict", VERDICTS)
def test_every_verdict_has_a_reason_in_both_languages(verdict: str) -> None:
    r = reason(verdict, [], [])  # type: ignore[arg-type]
    assert r.ar and r.en and r.ar != r.en


# -- corrections ------------------------------------------------------------------------------------

SOURCE = "قال البيان إن التحالف يضم 41 عضوا بعد انضمام عضوين جديدين في ١٤ آذار."
AT = SOURCE.index("41 عضوا")
DATE_AT = SOURCE.index("١٤ آذار")
SENTENCE = ev(SOURCE, "disagree", "بيان.txt", 0)
BY_SENTENCE = Correction(f"يقول المصدر: «{quote(SOURCE)}»", f"The source says: “{quote(SOURCE)}”", SOURCE,
                         "بيان.txt", 3, 0, len(SOURCE))


@pytest.mark.parametrize(
    ("checks", "evidence", "expected"),
    [
        ([chk("quantity", "90 عضوا", "41 عضوا", "mismatch", start=AT)], [SENTENCE],
         Correction("يقول المصدر 41 عضوا لا 90 عضوا", "The source says 41 عضوا, not 90 عضوا", "41 عضوا",
                    "بيان.txt", 3, AT, AT + 7)),
        ([chk("date", "3 آذار", "١٤ آذار", "mismatch", start=DATE_AT)], [SENTENCE],
         Correction("يذكر المصدر تاريخ ١٤ آذار لا 3 آذار", "The source gives the date ١٤ آذار, not 3 آذار",
                    "١٤ آذار", "بيان.txt", 3, DATE_AT, DATE_AT + 7)),
        ([chk("entity", "القاهرة", "التحالف", "mismatch", start=SOURCE.index("التحالف")),
          chk("quantity", "90 عضوا", "41 عضوا", "mismatch", start=AT)], [SENTENCE],
         Correction("يقول المصدر 41 عضوا لا 90 عضوا", "The source says 41 عضوا, not 90 عضوا", "41 عضوا",
                    "بيان.txt", 3, AT, AT + 7)),
        ([chk("quantity", "90 عضوا", "41 عضوا", "mismatch", start=None)], [SENTENCE],
         BY_SENTENCE),
        ([chk("quantity", "90 عضوا", "41 عضوا", "mismatch", start=AT, source=None)], [SENTENCE],
         BY_SENTENCE),
        ([chk("quantity", "41 عضوا", "41 عضوا", "match", start=AT)], [AGREE, SENTENCE],
         BY_SENTENCE),
        ([chk("quantity", "41 عضوا", "41 عضوا", "match", start=AT)], [AGREE], None),
        ([], [], None),
    ],
    ids=["quantity-with-offsets", "date-indic", "quantity-before-entity", "no-offsets-falls-back-to-sentence",
         "no-source-falls-back", "no-mismatch-disagreeing-sentence", "nothing-contradicts", "nothing"],
)
def test_correction(checks: list[Check], evidence: list[Evidence], expected: Correction | None) -> None:
    got = correction(checks, evidence)
    assert got == expected
    if got is not None:
        assert SOURCE[got.start : got.end] == got.evidence_text  # offsets index the source exactly


@pytest.mark.parametrize("verdict", [v for v in VERDICTS if v != "refuted"])
def test_only_a_refuted_verdict_has_a_correction(verdict: str) -> None:
    checks = [chk("quantity", "90 عضوا", "41 عضوا", "mismatch", start=AT)]
    assert explained_correction(verdict, checks, [SENTENCE]) is None  # type: ignore[arg-type]
    assert explained_correction("refuted", checks, [SENTENCE]) is not None


# -- quotes and the reason of a claim of several parts ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [("41 عضوا", "41 عضوا"), ("سطر\nثان  و  ثالث", "سطر ثان و ثالث"),
     ("ا" * (QUOTE_CHARS + 5), "ا" * (QUOTE_CHARS - 1) + "…")],
    ids=["short", "one-line", "cut"],
)
def test_quote(text: str, shown: str) -> None:
    assert quote(text) == shown


def test_a_naming_check_with_forms_gives_the_counts_in_both_languages() -> None:
    from tabayyun.results import FormSpan, NameForm

    forms = (NameForm("الحركة", 30, 0, (FormSpan(3, 10, 16, "الحركة"),)),
             NameForm("الإمارة", 1, 1, (FormSpan(3, 90, 97, "الإمارة", quoted=True),), claimed=True))
    check = Check("naming", "الإمارة", "الحركة", "mismatch", "الحركة 30×, الإمارة 1× (quoted)", None, 10, 16,
                  "بيان.txt", 3, forms)
    assert check_phrase(check) == (
        "يسمّيه المصدر الحركة لا الإمارة (الحركة 30 مرة، الإمارة مرة واحدة (بين علامتي تنصيص))",
        "the source calls it الحركة, not الإمارة (الحركة 30×, الإمارة 1× (quoted))",
    )
    fix = correction([check], [])
    assert fix is not None and (fix.start, fix.end, fix.evidence_text) == (10, 16, "الحركة")


def test_check_phrase_of_an_unknown_outcome_kind_falls_back_to_a_quantity_phrase() -> None:
    odd = Check("quantity", "5", "6", "mismatch")
    assert check_phrase(odd) == ("يقول المصدر 6 لا 5", "the source says 6, not 5")


def _part(text: str, verdict: str, why: Reason | None) -> PartResult:
    return PartResult(text, 0, len(text), "statement", verdict, 0.8, (), (), why)  # type: ignore[arg-type]


def test_parts_reason_lists_every_part_then_why_the_refuted_one_is() -> None:
    r = parts_reason([
        _part("التحالف يضم 41 دولة", "supported", Reason("أ", "a")),
        _part("يسمي التحالف الحركة بالإمارة", "refuted", Reason("يسمّيه المصدر الحركة.", "It says الحركة.")),
        _part("سقطت الإمارة", "not_enough_info", Reason("ج", "c")),
    ])
    assert r.ar == ("أجزاء الادعاء: «التحالف يضم 41 دولة» تؤيّده المصادر؛ «يسمي التحالف الحركة بالإمارة» "
                    "تنفيه المصادر؛ «سقطت الإمارة» لا تكفي المصادر للحكم. يسمّيه المصدر الحركة.")
    assert r.en == ("Parts: “التحالف يضم 41 دولة” supported; “يسمي التحالف الحركة بالإمارة” refuted; "
                    "“سقطت الإمارة” not enough information. It says الحركة.")


@pytest.mark.parametrize(
    ("verdicts", "why"),
    [(["supported", "not_enough_info", "conflicting"], "b"), (["supported", "supported"], "a"),
     (["conflicting", "refuted"], "b")],
    ids=["first-undecided", "all-supported-first", "refuted-before-conflicting"],
)
def test_parts_reason_picks_which_part_to_explain(verdicts: list[str], why: str) -> None:
    parts = [_part(f"جزء {i}", v, Reason("أ" if i == 0 else "ب", "a" if i == 0 else "b"))
             for i, v in enumerate(verdicts)]
    assert parts_reason(parts).en.endswith(" " + why)

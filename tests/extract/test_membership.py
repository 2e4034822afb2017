"""List membership checks: claim names against a listed group in the evidence (sentences written for these
tests)."""

from __future__ import annotations

import pytest

from tabayyun.extract import extract
from tabayyun.extract.membership import member_lists, membership_checks

NEW_AR = "رحّبت اللجنة بالأعضاء الجدد في المبادرة، وهم المغرب والأردن وتونس والعراق"
NEW_EN = "The compact welcomed its new members: Nigeria, Kenya, Ghana and Senegal."
ALL_AR = "أعضاء المجلس هم مصر والسعودية والإمارات وقطر"
SOME_AR = "تضم المبادرة دولا عدة، منها مصر والسودان وليبيا"
SOME_EN = "Members of the forum include France, Germany and Italy, among others."
COLON_EN = "The members of the council are Brazil, India and Japan."

#: (claim, evidence, expected result or None for no check, id)
CASES = [
    ("انضمت تونس والأردن إلى المبادرة", NEW_AR, "match", "ar-two-joined-in-list"),
    ("انضمت تونس إلى المبادرة", NEW_AR, "match", "ar-one-joined-in-list"),
    ("انضم المغرب والعراق إلى المبادرة", NEW_AR, "match", "ar-first-and-last"),
    ("Tunisia and Jordan joined the initiative", NEW_AR, "match", "en-claim-ar-list"),
    ("انضمت ليبيا إلى المبادرة", NEW_AR, "mismatch", "ar-missing-from-complete-list"),
    ("انضمت تونس وليبيا إلى المبادرة", NEW_AR, "mismatch", "ar-one-of-two-missing"),
    ("ليبيا عضو في المبادرة", NEW_AR, "not_comparable", "ar-member-claim-vs-new-members"),
    ("Kenya and Ghana joined the compact", NEW_EN, "match", "en-joined-in-list"),
    ("Senegal joined the compact", NEW_EN, "match", "en-last-of-list"),
    ("Mali joined the compact", NEW_EN, "mismatch", "en-missing-from-colon-list"),
    ("Mali is a member of the compact", NEW_EN, "not_comparable", "en-member-claim-vs-new-members"),
    ("كينيا وغانا انضمتا إلى الميثاق", NEW_EN, "match", "ar-claim-en-list"),
    ("قطر عضو في المجلس", ALL_AR, "match", "ar-member-in-members"),
    ("الكويت عضو في المجلس", ALL_AR, "mismatch", "ar-member-missing-from-members"),
    ("انضمت الكويت إلى المجلس", ALL_AR, "mismatch", "ar-joiner-missing-from-members"),
    ("مصر والسعودية عضوان في المجلس", ALL_AR, "match", "ar-two-members"),
    ("ليبيا عضو في المبادرة", SOME_AR, "match", "ar-partial-list-holds-it"),
    ("تونس عضو في المبادرة", SOME_AR, "not_comparable", "ar-partial-list-minha"),
    ("Spain is a member of the forum", SOME_EN, "not_comparable", "en-partial-list-among-others"),
    ("Germany is a member of the forum", SOME_EN, "match", "en-partial-list-holds-it"),
    ("Japan is a member of the council", COLON_EN, "match", "en-are-pointer"),
    ("Mexico is a member of the council", COLON_EN, "mismatch", "en-are-pointer-missing"),
    ("Members of the forum include Spain", "Members of the forum include France, Germany and Italy",
     "not_comparable",
     "en-include-is-partial"),
    ("انضمت تونس إلى المبادرة", "شارك في القمة وزراء خارجية مصر والأردن والعراق", None,
     "ar-no-membership-context"),
    ("Kenya joined the compact", "Ministers from Nigeria, Kenya and Ghana met in Accra", None,
     "en-no-membership-context"),
    ("زار الوزير تونس والأردن", NEW_AR, None, "ar-claim-without-membership-word"),
    ("لم تنضم ليبيا إلى المبادرة", NEW_AR, None, "ar-negated-claim-left-to-stance"),
    ("انضمت تونس إلى المبادرة", "لم تنضم تونس والأردن إلى المبادرة بعد", None,
     "ar-negated-evidence-left-to-stance"),
    ("انضمت تونس إلى المبادرة", "انضمت ليبيا إلى المبادرة، وزار الوزير المغرب وتونس", None,
     "ar-list-in-other-clause"),
    ("انضمت تونس إلى المبادرة", "انضمت تونس إلى المبادرة يوم الاثنين", None, "ar-single-name-is-no-list"),
    ("Ghana joined the compact", "New members such as Nigeria and Kenya joined the compact", "not_comparable",
     "en-such-as-is-partial"),
    ("انضمت السودان إلى المبادرة", "انضمت إلى المبادرة دول جديدة من بينها مصر وتونس", "not_comparable",
     "ar-min-baynaha-is-partial"),
    ("انضمت قطر إلى المبادرة", "الدول المنضمة حديثا هي عمان والبحرين", "mismatch", "ar-hiya-pointer"),
    ("انضمـــت تونس والأردن إلى المبادرة",
     "رحّبت اللجنة بالأعضـــاء الجُدد في المبادرة، وهُم المغرب والأر\u200cدن وتونس والعراق",
     "match", "ar-obfuscated-tatweel-diacritics-zwnj"),
    ("انضمت ليبيا\u200f إلى المبادرة",
     "رحّبت اللجنة بالأعضـــاء الجُدد في المبادرة، وهُم المغرب والأر\u200cدن وتونس والعراق",
     "mismatch", "ar-obfuscated-mismatch"),
    ("Chile joined the programme", "The company began testing its new service in Chile, Peru and Bolivia",
     None,
     "en-new-alone-is-no-membership"),
    ("انضمت تشيلي إلى البرنامج", "بدأت الشركة اختبار خدمتها الجديدة في تشيلي وبيرو", None,
     "ar-new-alone-is-no-membership"),
]


@pytest.mark.parametrize(("claim", "evidence", "expected"),
                         [pytest.param(c, e, r, id=i) for c, e, r, i in CASES])
def test_membership(claim: str, evidence: str, expected: str | None) -> None:
    checks = membership_checks(claim, extract(claim).entities, evidence, extract(evidence).entities)
    if expected is None:
        assert checks == []
        return
    assert [c.result for c in checks] == [expected]
    c = checks[0]
    assert c.kind == "membership"
    assert c.evidence_start is not None and c.evidence_end is not None
    assert evidence[c.evidence_start : c.evidence_end] == c.evidence_text
    assert c.claim_text in claim


def test_the_table_is_large_and_mixed() -> None:
    ids = [c[3] for c in CASES]
    assert len(ids) >= 30 and len(set(ids)) == len(ids)
    assert sum(i.startswith("ar-") for i in ids) >= 15 and sum(i.startswith("en-") for i in ids) >= 10


@pytest.mark.parametrize(
    ("text", "complete", "joining"),
    [(NEW_AR, True, True), (NEW_EN, True, True), (ALL_AR, True, False), (SOME_AR, False, False),
     (SOME_EN, False, False)],
    ids=["ar-new-members-wahum", "en-new-members-colon", "ar-members-hum", "ar-minha", "en-among-others"],
)
def test_member_lists(text: str, complete: bool, joining: bool) -> None:
    lists = member_lists(text, extract(text).entities)
    assert len(lists) == 1
    assert (lists[0].complete, lists[0].joining, lists[0].cls) == (complete, joining, "country")
    assert len(lists[0].members) >= 3


def test_the_mismatch_names_the_missing_member() -> None:
    (c,) = membership_checks("انضمت ليبيا إلى المبادرة", extract("انضمت ليبيا إلى المبادرة").entities, NEW_AR,
                             extract(NEW_AR).entities)
    assert "Libya" in c.detail and c.tolerance == "complete list"

"""ClaimReview JSON-LD: the pure function, and ``tabayyun check --claimreview``."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from server_fakes import SOURCE_AR, fake_tabayyun

from tabayyun import cli
from tabayyun.claimreview import BEST_RATING, RATING_NAMES, WORST_RATING, claim_review
from tabayyun.results import VERDICTS, Check, CheckResult, Evidence, Verdict


def result(verdict: Verdict, claim: str = "ارتفع عدد الزوار إلى 300 ألف",
           evidence: tuple[Evidence, ...] = ()) -> CheckResult:
    return CheckResult(claim=claim, verdict=verdict, confidence=0.8, evidence=evidence, checks=())


EV_AGREE = Evidence("قالت الهيئة إن عدد الزوار بلغ 300 ألف.", "agree", 0.9, "report.txt", 10, 48, 1)
EV_UNRELATED = Evidence("افتتح المتحف جناحاً جديداً.", "unrelated", 0.8, "report.txt", 60, 87, 1)


@pytest.mark.parametrize(
    ("verdict", "value", "ar", "en"),
    [
        ("supported", 5, "تؤيّده المصادر", "Supported by the sources"),
        ("refuted", 1, "تنفيه المصادر", "Refuted by the sources"),
        ("conflicting", 3, "المصادر متعارضة", "The sources conflict"),
        ("not_enough_info", 3, "لا تكفي المصادر للحكم", "Not enough information in the sources"),
        ("mixed", 3, "صحيح جزئيا بحسب المصادر", "Mixture: partly supported by the sources"),
    ],
    ids=["supported", "refuted", "conflicting", "not-enough-info", "mixed"],
)
def test_rating_per_verdict_and_language(verdict: Verdict, value: int, ar: str, en: str) -> None:
    r_ar = claim_review(result(verdict), date_published="2024-03-01")["reviewRating"]
    r_en = claim_review(result(verdict, claim="Visitors rose to 300,000"),
                        date_published="2024-03-01")["reviewRating"]
    for r in (r_ar, r_en):
        assert r["@type"] == "Rating" and r["ratingValue"] == value
        assert (r["worstRating"], r["bestRating"]) == (WORST_RATING, BEST_RATING)
        assert WORST_RATING <= r["ratingValue"] <= BEST_RATING
    assert r_ar["alternateName"] == ar and r_en["alternateName"] == en


def test_every_verdict_has_a_rating_name_in_both_languages() -> None:
    assert all(set(RATING_NAMES[lang]) == set(VERDICTS) for lang in ("ar", "en"))


def test_full_review() -> None:
    cr = claim_review(
        result("supported", evidence=(EV_AGREE, EV_UNRELATED)), url="https://factcheck.example/r/1",
        author="حساب سياحي", appearance=["https://social.example/a", "https://social.example/b"],
        date_published=dt.date(2024, 3, 1), reviewer={"@type": "Organization", "name": "مرصد", "url": "https://m.example"},
    )  # fmt: skip
    assert cr["@context"] == "https://schema.org" and cr["@type"] == "ClaimReview"
    assert cr["claimReviewed"] == "ارتفع عدد الزوار إلى 300 ألف" and cr["inLanguage"] == "ar"
    assert cr["datePublished"] == "2024-03-01" and cr["url"] == "https://factcheck.example/r/1"
    item = cr["itemReviewed"]
    assert item["@type"] == "Claim" and item["author"] == {"@type": "Organization", "name": "حساب سياحي"}
    assert [a["url"] for a in item["appearance"]] == ["https://social.example/a", "https://social.example/b"]
    assert item["firstAppearance"]["url"] == "https://social.example/a"
    assert cr["author"]["url"] == "https://m.example"
    assert EV_AGREE.text in cr["reviewBody"] and "80%" in cr["reviewBody"]
    assert [c["text"] for c in cr["citation"]] == [EV_AGREE.text]  # unrelated sentences are not cited
    json.dumps(cr)  # plain JSON


def _compound() -> CheckResult:
    from tabayyun.claims.decompose import ClaimPart
    from tabayyun.claims.parts import check_parts

    claim = "يضم التحالف 41 دولة وارتفع عدد الزوار إلى 300 ألف"
    cut = claim.index("وارتفع")
    supported = CheckResult("يضم التحالف 41 دولة", "supported", 0.9, (EV_AGREE,), ())
    refuted = CheckResult("ارتفع عدد الزوار إلى 300 ألف", "refuted", 0.7, (EV_DISAGREE,), (MISMATCH,))
    anchor = CheckResult(claim, "not_enough_info", 0.5, (), ())  # the whole claim, judged once more
    by_text = {r.claim: r for r in (supported, refuted, anchor)}
    return check_parts(claim, None, lambda text, _p: by_text[text], lambda c: [
        ClaimPart(supported.claim, 0, cut - 1), ClaimPart(refuted.claim, cut + 1, len(c))])


EV_DISAGREE = Evidence("قالت الهيئة إن عدد الزوار بلغ 120 ألفا.", "disagree", 0.9, "report.txt", 100, 138, 1)
MISMATCH = Check("quantity", "300 ألف", "120 ألفا", "mismatch", "", "exact", 130, 138, "report.txt", 1)


def test_a_mixed_claim_gives_its_parts_in_the_body() -> None:
    cr = claim_review(_compound(), date_published="2024-03-01")
    assert cr["reviewRating"]["ratingValue"] == 3
    assert cr["reviewRating"]["alternateName"] == "صحيح جزئيا بحسب المصادر"
    body = cr["reviewBody"]
    assert body == cr["reviewRating"]["ratingExplanation"]
    assert "«يضم التحالف 41 دولة» تؤيّده المصادر" in body
    assert "«ارتفع عدد الزوار إلى 300 ألف» تنفيه المصادر" in body
    assert "يقول المصدر 120 ألفا لا 300 ألف" in body  # why the refuted part is refuted


def test_a_refuted_claim_gives_its_correction_in_the_body() -> None:
    from tabayyun.claims.parts import explained

    r = explained(CheckResult("Visitors rose to 300,000", "refuted", 0.8, (EV_DISAGREE,),
                              (replace(MISMATCH, claim_text="300,000"),)))
    cr = claim_review(r, date_published="2024-03-01")
    assert "Refuted: the source says 120 ألفا, not 300,000." in cr["reviewBody"]
    assert "The source says 120 ألفا, not 300,000." in cr["reviewBody"]


def test_missing_fields_are_left_out_not_invented() -> None:
    cr = claim_review(result("not_enough_info"), author="  ", appearance="")
    assert "url" not in cr and "author" not in cr and "citation" not in cr
    assert cr["itemReviewed"] == {"@type": "Claim"}
    assert cr["datePublished"] == dt.date.today().isoformat()


def test_single_appearance_string_and_bad_date() -> None:
    review = claim_review(result("refuted"), appearance="https://x.example/p")
    assert review["itemReviewed"]["appearance"] == [{"@type": "CreativeWork", "url": "https://x.example/p"}]
    with pytest.raises(ValueError):
        claim_review(result("refuted"), date_published="01/03/2024")


# -- the CLI flag, with the fake models in place of the real ones --------------------------------------


@pytest.fixture
def fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "Tabayyun", lambda db=":memory:", **kw: fake_tabayyun(str(db)))


def test_cli_check_claimreview(fake_models: None, tmp_path: Path) -> None:
    src = tmp_path / "bayan.txt"
    src.write_text(SOURCE_AR, encoding="utf-8")
    args = ["check", "وزّعت بلدية الواحة 900 خيمة", "--source", str(src), "--claimreview",
            "--review-url", "https://factcheck.example/r/9", "--claim-author", "منشور متداول",
            "--claim-url", "https://social.example/p/4"]  # fmt: skip
    out = CliRunner().invoke(cli.main, args)
    assert out.exit_code == 0, out.output
    cr: dict[str, Any] = json.loads(out.output)
    assert cr["@type"] == "ClaimReview" and cr["reviewRating"]["ratingValue"] == 1
    assert cr["url"] == "https://factcheck.example/r/9"
    assert cr["itemReviewed"]["author"]["name"] == "منشور متداول"
    assert cr["itemReviewed"]["appearance"][0]["url"] == "https://social.example/p/4"


def test_cli_check_claimreview_batch(fake_models: None, tmp_path: Path) -> None:
    src = tmp_path / "bayan.txt"
    src.write_text(SOURCE_AR, encoding="utf-8")
    claims = tmp_path / "claims.jsonl"
    claims.write_text(
        json.dumps({"id": 1, "claim": "وزّعت بلدية الواحة 450 خيمة"}, ensure_ascii=False) + "\n"
        + json.dumps({"id": 2, "claim": "أجلت فرق الإنقاذ 1200 شخص"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    out = CliRunner().invoke(cli.main,
                             ["check", "--claims", str(claims), "--source", str(src), "--claimreview"])
    assert out.exit_code == 0, out.output
    lines = [json.loads(x) for x in out.output.splitlines() if x.startswith("{")]
    assert [x["@type"] for x in lines] == ["ClaimReview", "ClaimReview"]
    assert all(x["reviewRating"]["ratingValue"] == 5 for x in lines)


def test_cli_check_without_flag_is_unchanged(fake_models: None, tmp_path: Path) -> None:
    src = tmp_path / "bayan.txt"
    src.write_text(SOURCE_AR, encoding="utf-8")
    out = CliRunner().invoke(cli.main,
                             ["check", "وزّعت بلدية الواحة 450 خيمة", "--source", str(src), "--json"])
    assert out.exit_code == 0
    assert list(json.loads(out.output)) == ["id", "claim", "verdict", "confidence", "evidence", "checks",
                                            "reason", "correction", "parts"]

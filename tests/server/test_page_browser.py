"""The web page in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

A real uvicorn server on 127.0.0.1 (free port) serves the app over fake models, so the
test is fast and deterministic; the verdict, comparisons and offsets are the library's.
The screenshot goes to tests/server/artifacts/ (or $TABAYYUN_ARTIFACTS).
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from browser_harness import ARTIFACTS, CHROMIUM, NO_CHROMIUM, chromium, serving
from server_fakes import HOSTILE, SOURCE_AR, fake_tabayyun

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)
playwright = pytest.importorskip("playwright.sync_api", reason="needs Playwright for Python (the test extra)")
expect = playwright.expect

#: an emoji (outside the BMP) before the evidence: Python offsets count code points, JS strings UTF-16 units
SOURCE_WITH_EMOJI = "📢 " + SOURCE_AR
CLAIM = "وزّعت بلدية الواحة 450 خيمة على الأسر المتضررة"
EVIDENCE = "أعلنت بلدية الواحة يوم الأحد أنها وزّعت 450 خيمة على الأسر المتضررة من السيول."


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(fake_tabayyun()) as base:
        yield base


def post_text(base: str, text: str) -> dict[str, Any]:
    req = urllib.request.Request(
        base + "/api/documents", data=text.encode("utf-8"), headers={"content-type": "text/plain"},
        method="POST"
    )
    with urllib.request.urlopen(req, timeout=10) as r:
        out: dict[str, Any] = json.loads(r.read())
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium(playwright) as b:
        yield b


def test_check_a_pasted_source_highlights_evidence_and_never_runs_document_markup(
    server: str, browser: Any
) -> None:
    hostile_id = post_text(server, HOSTILE)["added"][0]
    page = browser.new_page(locale="ar", viewport={"width": 1100, "height": 1400})
    dialogs: list[str] = []
    page_errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    page.goto(server + "/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"

    # keyboard only: type the Arabic claim, paste the source, press Enter in the claim
    page.locator("#source").fill(SOURCE_WITH_EMOJI)
    page.locator("#claim").click()
    page.keyboard.type(CLAIM)
    page.keyboard.press("Enter")
    page.wait_for_selector("#verdict[data-verdict]", timeout=10_000)

    assert page.locator("#verdict").get_attribute("data-verdict") == "supported"
    assert page.locator("#verdict").inner_text() == "تؤيّده المصادر"
    assert page.locator("#confidence").inner_text().endswith("%")
    first_mark = page.locator("#evidence li").first.locator("mark.evidence-span")
    assert first_mark.inner_text() == EVIDENCE  # exact, despite the emoji before it
    assert page.locator("#evidence li").first.locator(".cmp-match").inner_text() == "450 خيمة"
    assert "450 خيمة" in page.locator("#checks tbody").inner_text()
    assert page.evaluate("document.activeElement.id") == "result-heading"  # focus moved to the answer
    assert "curl" in page.locator("#twin-request").inner_text()

    # the English switch mirrors the page and translates the verdict
    page.locator("#lang-switch").click()
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.locator("#verdict").inner_text() == "Supported"
    page.locator("#lang-switch").click()
    assert page.evaluate("document.documentElement.dir") == "rtl"

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "check_page.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")

    # a stored document full of markup: picked, checked, viewed: it stays text
    page.locator("#source").fill("")
    page.locator(f"#pick-{hostile_id}").check()
    page.locator("#claim").fill("توزيع 450 خيمة في الواحة")
    page.locator("#claim").press("Control+Enter")
    expect(page.locator("#claim-echo")).to_have_text("توزيع 450 خيمة في الواحة")
    page.locator(f"#docs tr[data-id='{hostile_id}'] button.secondary").click()
    page.wait_for_selector("#doc-view:not([hidden])")
    assert "<script>window.__pwned" in page.locator("#doc-view-text").inner_text()
    assert "<script>window.__pwned" in page.locator("#evidence").inner_text()
    assert "<img" in page.locator("#docs tbody").inner_text()  # the title column too
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("body img").count() == 0
    scripts = page.evaluate("[...document.scripts].map(s => new URL(s.src).pathname)")
    assert scripts == ["/static/common.js", "/static/app.js"]  # the page's own scripts alone
    assert dialogs == [] and page_errors == []
    page.screenshot(path=str(ARTIFACTS / "hostile_document.png"), full_page=True)
    page.close()


def test_claimreview_export_and_error_display(server: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 900, "height": 1000})
    page.goto(server + "/")
    page.locator("#claim").fill(CLAIM)
    page.locator("#source").fill(SOURCE_AR)
    page.locator("#check-button").click()
    page.wait_for_selector("#verdict[data-verdict]")
    page.locator("details.export summary").click()
    page.locator("#review-url").fill("https://factcheck.example/r/3")
    page.locator("#review-form button[type=submit]").click()
    page.wait_for_selector("#review-json:not([hidden])")
    review = json.loads(page.locator("#review-json").inner_text())
    assert review["@type"] == "ClaimReview" and review["url"] == "https://factcheck.example/r/3"
    assert review["reviewRating"]["ratingValue"] == 5
    assert page.locator("#review-download").get_attribute("href").startswith("blob:")

    # an API error is shown in the page, in the one error shape's words
    page.locator("#claim").fill("؟؟؟")
    page.locator("#check-button").click()
    page.wait_for_selector("#error:not([hidden])")
    # (a claim with no letter or digit is refused by the request schema: 422, its field named)
    shown = page.locator("#error").inner_text()
    assert "HTTP 422" in shown and "letter or a digit" in shown
    page.close()


COMPOUND = "وزّعت بلدية الواحة 450 خيمة وأجلت فرق الإنقاذ 3000 شخص"
RESCUE = "وقال رئيس البلدية إن فرق الإنقاذ أجلت 1200 شخص من الأحياء المنخفضة."


@pytest.fixture
def split_in_two(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compound claim in two fixed parts (the server runs in this process), so the page test does
    not depend on the decomposition rules."""
    import tabayyun.claims.parts as parts_mod
    from tabayyun.claims.decompose import ClaimPart, split_claim

    cut = COMPOUND.index("وأجلت")

    def split(claim: str) -> list[ClaimPart]:
        if claim != COMPOUND:
            return split_claim(claim)
        return [ClaimPart("وزّعت بلدية الواحة 450 خيمة", 0, cut - 1),
                ClaimPart("أجلت فرق الإنقاذ 3000 شخص", cut, len(COMPOUND))]

    monkeypatch.setattr(parts_mod, "split_claim", split)


def test_a_compound_claim_shows_each_part_with_its_verdict_reason_correction_and_highlights(
    server: str, browser: Any, split_in_two: None
) -> None:
    page = browser.new_page(locale="ar", viewport={"width": 1100, "height": 1600})
    page_errors: list[str] = []
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    page.goto(server + "/")
    page.locator("#source").fill(SOURCE_WITH_EMOJI)
    page.locator("#claim").fill(COMPOUND)
    page.locator("#check-button").click()
    page.wait_for_selector("#verdict[data-verdict]", timeout=10_000)

    assert page.locator("#verdict").get_attribute("data-verdict") == "mixed"
    assert page.locator("#verdict").inner_text() == "صحيح جزئياً"
    reason = page.locator("#reason").inner_text()
    assert reason.startswith("أجزاء الادعاء: «وزّعت بلدية الواحة 450 خيمة» تؤيّده")
    assert page.locator("#correction").is_hidden()  # mixed: the refuted part carries the correction
    assert page.locator("#parts-section").is_visible()
    parts = page.locator("#parts > li")
    assert parts.count() == 2
    first, second = parts.nth(0), parts.nth(1)
    assert first.get_attribute("data-verdict") == "supported"
    assert second.get_attribute("data-verdict") == "refuted"
    assert first.locator(".badge").inner_text() == "تؤيّده المصادر"
    assert "تنفيه المصادر: يقول المصدر 1200 شخص لا 3000 شخص." in second.locator(".reason").inner_text()
    assert "يقول المصدر 1200 شخص لا 3000 شخص" in second.locator(".correction").inner_text()
    assert first.locator(".correction").count() == 0
    # each part has its own evidence, highlighted exactly in its paragraph (despite the emoji before it)
    assert first.locator("mark.evidence-span").first.inner_text() == EVIDENCE
    assert second.locator("mark.evidence-span").first.inner_text() == RESCUE
    assert second.locator(".cmp-mismatch").first.inner_text() == "1200 شخص"

    page.locator("#lang-switch").click()
    assert page.locator("#verdict").inner_text() == "Partly supported"
    assert "The source says 1200 شخص, not 3000 شخص" in second.locator(".correction").inner_text()
    assert page.locator("#parts-heading").inner_text() == "Parts of the claim"
    page.locator("#lang-switch").click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "compound_claim.png"), full_page=True)

    # a claim of one part: no parts section, but its reason (and a refuted one's correction)
    page.locator("#claim").fill("أجلت فرق الإنقاذ 3000 شخص من الأحياء المنخفضة")
    page.locator("#check-button").click()
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "refuted")
    assert page.locator("#parts-section").is_hidden()
    assert page.locator("#reason").inner_text() == "تنفيه المصادر: يقول المصدر 1200 شخص لا 3000 شخص."
    assert "1200 شخص" in page.locator("#correction").inner_text()
    assert page_errors == []
    page.close()

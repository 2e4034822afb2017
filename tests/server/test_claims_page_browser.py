"""The "what to check" page (/claims) in real headless Chromium (Debian's /usr/bin/chromium, Playwright).

A real uvicorn server on 127.0.0.1 serves the app over fake models (the hashing embedder stands in for
e5, so the scores are the shipped model's arithmetic over fake vectors: the test checks that the page
shows what the API ranks, not how good the ranking is). The screenshot goes to tests/server/artifacts/.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from browser_harness import ARTIFACTS, CHROMIUM, NO_CHROMIUM, chromium, serving
from server_fakes import SOURCE_AR, fake_tabayyun

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)
playwright = pytest.importorskip("playwright.sync_api", reason="needs Playwright for Python (the test extra)")

#: an article written for this test: a greeting, a checkable sentence the source supports, a prayer,
#: a question, and a sentence with markup that must stay text
CLAIM = "وزّعت بلدية الواحة 450 خيمة على الأسر المتضررة."
ARTICLE = (
    "صباح الخير يا أهل الواحة! "
    + CLAIM
    + " اللهم احفظ بلادنا. هل ستعود المدارس الأسبوع المقبل؟ "
    "وقال المتحدث إن <img src=x onerror=window.__pwned=1> الفرق أجلت 1200 شخص."
)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serving(fake_tabayyun()) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium(playwright) as b:
        yield b


def api_ranking(base: str, text: str) -> dict[str, Any]:
    req = urllib.request.Request(base + "/api/claims", data=json.dumps({"text": text}).encode("utf-8"),
                                 headers={"content-type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        out: dict[str, Any] = json.loads(r.read())
    return out


def test_paste_an_article_rank_its_sentences_check_the_chosen_one(server: str, browser: Any) -> None:
    page = browser.new_page(locale="ar", viewport={"width": 1100, "height": 1400})
    page_errors: list[str] = []
    dialogs: list[str] = []
    page.on("pageerror", lambda e: page_errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/claims")
    assert page.evaluate("document.documentElement.dir") == "rtl"

    page.locator("#article").fill(ARTICLE)
    page.locator("#article").press("Control+Enter")
    page.wait_for_selector("#ranked li", timeout=15_000)

    # the page shows the API's ranking: same sentences, same order, same offsets, default choices
    expected = api_ranking(server, ARTICLE)["sentences"]
    items = page.locator("#ranked li")
    assert items.count() == len(expected) == 5
    for i, s in enumerate(expected):
        li = items.nth(i)
        assert li.get_attribute("data-index") == str(s["index"])
        assert li.locator(".sentence").inner_text() == ARTICLE[s["start"] : s["end"]] == s["text"]
        assert f"[{s['start']}:{s['end']}]" in li.inner_text()
        assert li.locator("input[type=checkbox]").is_checked() == s["checkworthy"]
    assert page.evaluate("document.activeElement.id") == "ranked-heading"
    assert page.evaluate("typeof window.__pwned") == "undefined" and page.locator("body img").count() == 0

    # choose the one sentence the source supports; check it against the pasted source
    for box in page.locator("#ranked input[type=checkbox]").all():
        box.uncheck()
    claim_index = next(s["index"] for s in expected if s["text"] == CLAIM)
    page.locator(f"#pick-{claim_index}").check()
    page.locator("#source").fill(SOURCE_AR)
    page.locator("#check-button").click()
    chosen = page.locator(f"#ranked li[data-index='{claim_index}']")
    chosen.locator(".verdict-slot [data-verdict]").wait_for(timeout=15_000)
    assert chosen.locator("[data-verdict]").get_attribute("data-verdict") == "supported"
    assert chosen.locator("[data-verdict]").inner_text() == "تؤيّده المصادر"
    assert page.locator("#ranked [data-verdict]").count() == 1  # the others were not sent

    # the English switch mirrors the page and keeps the choices and the verdict
    page.locator("#lang-switch").click()
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.locator("#rank-button").inner_text() == "Rank the sentences"
    assert page.locator(f"#pick-{claim_index}").is_checked()
    assert page.locator("#ranked [data-verdict]").count() == 1

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "claims_page.png"), full_page=True)
    assert page_errors == [] and dialogs == []
    page.close()


def test_empty_text_and_nothing_chosen_say_so_in_the_page(server: str, browser: Any) -> None:
    page = browser.new_page(locale="en", viewport={"width": 900, "height": 900})
    page.goto(server + "/claims")
    page.locator("#rank-button").click()
    page.wait_for_selector("#error:not([hidden])")
    assert page.locator("#error").inner_text() == "Paste a text first."
    assert page.locator("#ranked-section").is_hidden()

    page.locator("#article").fill("Happy new year to all our readers!")
    page.locator("#rank-button").click()
    page.wait_for_selector("#ranked li")
    for box in page.locator("#ranked input[type=checkbox]").all():
        box.uncheck()
    page.locator("#check-button").click()
    page.wait_for_selector("#error:not([hidden])")
    assert page.locator("#error").inner_text() == "Choose at least one sentence."
    page.close()


def test_the_check_page_links_to_the_claims_page(server: str, browser: Any) -> None:
    page = browser.new_page()
    page.goto(server + "/")
    link = page.locator("a[href='/claims']")
    assert link.count() == 1
    link.click()
    page.wait_for_selector("#article")
    assert page.url.endswith("/claims")
    page.close()

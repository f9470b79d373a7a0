"""The real thing: `marketbrief ui` on a loopback port, driven by Chromium through Playwright.

The data directory has the shared seeds ingested, the shared prices imported, and one hostile
article. A Chinese question (as of 2026-01-23, set in the sidebar) must bring an answer with
its section headings, [0] and an article citation, the sources panel and a drawn chart; the
hostile article must show its markup as text, with no script run and no element injected.
Screenshots go to test-artifacts/ (look at them: the page should look finished).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.locale import SUBSECTIONS, TOP_LEVEL, heading
from benchmarks.harness.browser import (
    Server,
    ask,
    chat_input,
    chromium,
    prepare_home,
    running_ui,
    set_as_of,
)
from benchmarks.harness.paths import SHARED
from tests.machine import require_browser_run
from tests.ui.conftest import QUESTION
from tests.ui.test_safety import MARKUP, hostile_article

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 30_000
SECTION_KEYS = [k for top in TOP_LEVEL for k in (top, *SUBSECTIONS.get(top, ()))]
HEADINGS = (*(heading(key, "zh") for key in SECTION_KEYS), heading("references", "zh"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    require_browser_run(SHARED)
    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "hostile.md"
    hostile.write_bytes(hostile_article("黄金价格创出新高。" + MARKUP, date="2025-06-02"))
    home = folder / "home"
    prepare_home(home, SHARED, [str(hostile)])
    with running_ui(home, folder) as started:
        started.wait_healthy()
        yield started


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    require_browser_run(SHARED)
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: object, server: Server) -> Iterator[object]:
    from playwright.sync_api import Browser, expect

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 1440, "height": 1600})
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.goto(server.url)
    expect(chat_input(opened)).to_be_visible(timeout=TIMEOUT_MS)
    expect(opened.get_by_text("Library filters")).to_be_visible(timeout=TIMEOUT_MS)
    yield opened
    assert dialogs == [], f"a dialog fired: {dialogs}"
    context.close()


def test_a_chinese_question_gets_a_cited_answer_with_a_chart(page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    set_as_of(page, "2026-01-23")
    ask(page, QUESTION)
    answer = page.get_by_test_id("stChatMessage").nth(1)
    for name in HEADINGS:
        expect(answer.get_by_role("heading", name=name, exact=True)).to_be_visible(
            timeout=TIMEOUT_MS
        )
    expect(answer.get_by_text("罗素2000指数年初至今上涨7.54%").first).to_be_visible()
    expect(answer.get_by_text("[0] marketbrief 市场数据", exact=False)).to_be_visible()
    expect(answer.get_by_text("[1] 2026年小盘股", exact=False).first).to_be_visible()
    chart = answer.locator(".vega-embed canvas, .vega-embed svg").first
    expect(chart).to_be_visible(timeout=TIMEOUT_MS)
    box = chart.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100
    expect(answer.get_by_test_id("stMetricValue").filter(has_text="2,669.16")).to_be_visible()

    panel = answer.locator("[class*='st-key-source-card']")
    expect(panel.get_by_text("[1] 2026年小盘股", exact=False)).to_be_visible()  # the passage
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-answer.png"))

    answer.get_by_role("radio", name="[0]").click()
    expect(panel.get_by_text("[0] marketbrief 市场数据", exact=False)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(panel.get_by_text("本地价格库", exact=False)).to_be_visible()


def test_a_hostile_article_is_shown_as_text(page: object) -> None:
    from playwright.sync_api import Page, expect

    assert isinstance(page, Page)
    page.get_by_role("link", name="Library").click()
    field = page.get_by_label("Title contains")
    expect(field).to_be_visible(timeout=TIMEOUT_MS)
    field.fill("XSS")
    field.press("Enter")
    article = (
        page.get_by_test_id("stVerticalBlock")
        .filter(has=page.get_by_role("button", name="Ask about this article · 基于这条新闻提问"))
        .last
    )
    expect(article.get_by_text("<script>alert('xss')</script>", exact=False)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    expect(article.get_by_text("XSS测试<img src=x onerror=alert(1)> 罗素2000")).to_be_visible()
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("iframe[src*='127.0.0.1:9']").count() == 0
    assert page.locator("img[src*='pixel.png']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    scripts = page.locator("script").evaluate_all("nodes => nodes.map(n => n.textContent)")
    assert not any("alert(" in (text or "") for text in scripts)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-library-hostile.png"))

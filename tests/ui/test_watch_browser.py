"""The Watch page and the first-run feeds in a real browser: `marketbrief ui` on a new data
directory, Debian's chromium with a Chinese locale. The Chat page offers the suggested feeds
(dismissible); the Watch page speaks the browser's language, says what cannot be watched, and
adds and removes an item. Saves a screenshot; every wait is `expect(...)` with a timeout."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.harness.browser import chromium, running_ui
from tests.machine import require_chromium

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 60_000


def test_feeds_offered_then_a_watchlist_edited_in_chinese(tmp_path: Path) -> None:
    require_chromium()
    from playwright.sync_api import expect

    home = tmp_path / "home"
    with running_ui(home, tmp_path) as server, chromium() as browser:
        server.wait_healthy()
        context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(server.url)
        # the chat page's main area has a test id of its own (it scrolls to the chat box)
        sidebar, main = page.get_by_test_id("stSidebar"), page.get_by_role("main")
        offer = main.get_by_text("从公开的财经订阅源开始。")
        expect(offer).to_be_visible(timeout=TIMEOUT_MS)
        expect(main.get_by_text("Federal Reserve press releases · en")).to_be_visible()
        expect(main.get_by_text("香港金融管理局 新闻稿 · zh")).to_be_visible()
        main.get_by_role("button", name="暂不").click()
        expect(offer).to_have_count(0, timeout=TIMEOUT_MS)

        sidebar.get_by_role("link", name="Watch", exact=True).click()
        expect(main.get_by_role("heading", name="关注列表 · Watchlist")).to_be_visible(
            timeout=TIMEOUT_MS
        )
        box = main.get_by_role("textbox", name="代码、主题或订阅源网址")
        box.fill("ftp://example.com/feed.xml")
        main.get_by_role("button", name="添加").click()
        expect(main.get_by_text("a feed is an http or https URL", exact=False)).to_be_visible(
            timeout=TIMEOUT_MS
        )
        box.fill("AI 芯片")
        main.get_by_role("button", name="添加").click()
        expect(main.get_by_text("关注中（1）")).to_be_visible(timeout=TIMEOUT_MS)
        expect(main.get_by_role("button", name="移除")).to_have_count(1)
        expect(main.get_by_text("· 主题", exact=True)).to_be_visible()  # the item's kind
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "watch.png"))

        main.get_by_role("button", name="移除").click()
        expect(main.get_by_text("关注中（0）")).to_be_visible(timeout=TIMEOUT_MS)
        context.close()

"""The research page in a real browser: `marketbrief ui` with the seeds and the shared prices,
Debian's chromium, auto-accept on, "2026年小盘股投资逻辑": the brief comes out with its Chinese
headings and references, and a reload of the page finds it again. Saves a screenshot.

Every wait is `expect(...)` with a timeout; skipped with the reason when chromium or ../shared
is missing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.harness.browser import chromium, prepare_home, running_ui, set_as_of
from benchmarks.harness.paths import SHARED
from tests.machine import require_browser_run

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TOPIC = "2026年小盘股投资逻辑"
BRIEF_TIMEOUT_MS = 120_000


def test_an_auto_accepted_plan_becomes_a_brief_in_the_browser(tmp_path: Path) -> None:
    require_browser_run(SHARED)
    from playwright.sync_api import expect

    home = tmp_path / "home"
    prepare_home(home, SHARED)
    with running_ui(home, tmp_path) as server, chromium() as browser:
        server.wait_healthy()
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server.url)
        sidebar, main = page.get_by_test_id("stSidebar"), page.get_by_test_id("stMain")
        # the app's own navigation (rendered with its settings), not a bare page list
        expect(sidebar.get_by_test_id("stDateInput").first).to_be_visible(timeout=60_000)
        sidebar.get_by_role("link", name="Research", exact=True).click()
        expect(main.get_by_text("Deep research · 深度投研")).to_be_visible(timeout=60_000)
        set_as_of(page, "2026-01-23")

        main.get_by_text("Auto-accept plan · 自动接受计划").click()
        topic = main.get_by_role("textbox", name="Research topic · 研究课题")
        topic.fill(TOPIC)
        topic.press("Enter")
        main.get_by_role("button", name="Draft plan").click()

        for heading in ("综合分析", "核心洞察", "风险因素", "机遇窗口", "核心信息摘要", "参考文献"):
            expect(main.get_by_role("heading", name=heading, exact=True)).to_be_visible(
                timeout=BRIEF_TIMEOUT_MS
            )
        expect(main.get_by_text(f"{TOPIC}：深度研究").first).to_be_visible()
        expect(main.get_by_text(re.compile(r"^\[0\] marketbrief 市场数据"))).to_be_visible()
        expect(main.get_by_text(re.compile(r"\[1\] .+— "))).to_be_visible()
        expect(main.get_by_role("button", name="Download PDF")).to_be_visible()
        assert "run=" in page.url  # the run is in the address: a reload reattaches to it

        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "research_brief.png"))
        main.get_by_role("heading", name="参考文献", exact=True).scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "research_references.png"))

        page.reload()  # inside the app again (its sidebar), and the same brief
        expect(main.get_by_role("heading", name="参考文献", exact=True)).to_be_visible(
            timeout=60_000
        )
        expect(sidebar.get_by_test_id("stDateInput").first).to_be_visible()

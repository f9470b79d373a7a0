"""The browser app: time to a ready page, and time from question to complete answer (offline).

Set-up (not timed): a temp data directory with the shared prices imported and the seeds plus
the news corpus indexed; Chromium started before the clock.

- Start: from launching `marketbrief ui` to the health endpoint answering, and to the chat input
  visible in the browser (goal: under 5 s).
- Answer: from pressing Enter to the complete answer on the page (its references heading and
  a chart drawn), offline mode, as of 2026-01-23, one warm-up question first, then each of the
  questions below in a new conversation (goal: under 2 s).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
# Each question, and whether its answer draws a chart: returns and sector scores do; the macro
# dashboard does not, nor VIX's or a yield's change of level (no return to draw).
QUESTIONS = [
    ("罗素2000指数年初至今是否跑赢标普500?", True),
    ("Did the Russell 2000 outperform the S&P 500 year to date?", True),
    ("最近板块轮动如何?哪些板块领涨?", True),
    ("纳斯达克近3个月表现如何?", True),
    ("What do yields, credit spreads and the VIX say about risk appetite?", False),
]


def _answer_time(page: object, question: str, charted: bool) -> float:
    from playwright.sync_api import Page, expect

    from benchmarks.harness.browser import ask

    assert isinstance(page, Page)
    page.get_by_role("button", name="New conversation").click()
    expect(page.get_by_text("Every figure is cited")).to_be_visible(timeout=30_000)
    started = time.perf_counter()
    ask(page, question)
    answer = page.get_by_test_id("stChatMessage").nth(1)
    expect(
        answer.get_by_role("heading", name="参考文献").or_(
            answer.get_by_role("heading", name="References")
        )
    ).to_be_visible(timeout=60_000)
    if charted:
        expect(answer.locator(".vega-embed canvas, .vega-embed svg").first).to_be_visible(
            timeout=30_000
        )
    return time.perf_counter() - started


def main() -> None:
    from benchmarks.harness.browser import missing_requirements

    missing = missing_requirements(SHARED)
    if missing:
        print(f"skipped: {missing}")
        return
    from playwright.sync_api import expect

    from benchmarks.harness.browser import chat_input, chromium, prepare_home, running_ui, set_as_of

    with tempfile.TemporaryDirectory(prefix="bench-ui-") as temp:
        home = Path(temp) / "home"
        news = sorted(str(p) for p in (SHARED / "data" / "news").glob("*.jsonl"))
        started = time.perf_counter()
        articles = prepare_home(home, SHARED, news)
        print(
            f"set-up: {articles:,} articles indexed, prices imported in "
            f"{time.perf_counter() - started:.1f} s (not part of the figures)"
        )
        with chromium() as browser:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            started = time.perf_counter()
            with running_ui(home, Path(temp)) as server:
                healthy = server.wait_healthy()
                page.goto(server.url)
                expect(chat_input(page)).to_be_visible(timeout=60_000)
                ready = time.perf_counter() - started
                print(
                    f"start: health OK after {healthy:.2f} s, chat input visible after "
                    f"{ready:.2f} s (goal: < 5 s)"
                )
                set_as_of(page, "2026-01-23")
                _answer_time(page, *QUESTIONS[0])  # warm-up: first answer loads the engine
                times = [_answer_time(page, q, charted) for q, charted in QUESTIONS]
        print(
            f"answer (offline, in the browser): {len(times)} questions: p50 "
            f"{statistics.median(times):.2f} s, max {max(times):.2f} s (goal: < 2 s)"
        )


if __name__ == "__main__":
    main()

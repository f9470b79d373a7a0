"""On the page, an answer's only live link is a cited source's own URL (issue 14).

Streamlit's Markdown auto-links bare URLs, `www.` names and e-mail addresses whatever escapes
surround them, so escaping alone left a listener's URL clickable. Through the app (AppTest): an
uploaded article with links in a sentence the offline composer quotes; in a real Chromium: an
answer as a model could write it, as it comes back from the saved history, with the same check
made on the links the browser actually drew.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.conversation.history import HistoryStore
from benchmarks.harness.browser import Server, chromium, free_port
from tests.live_links import markdown_links
from tests.machine import require_chromium
from tests.ui.conftest import ask, start_app
from tests.unit.assistant.fakes import SEED_TEXT
from tests.unit.assistant.test_links import ARTICLE_LINKS, CITED, article_with_links

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 30_000


def linked_article() -> bytes:
    sentence = "罗素2000指数年初至今8.2%的涨幅"
    text = SEED_TEXT.replace(sentence, sentence + ARTICLE_LINKS)
    return f"""---
title: "2026年小盘股复苏 www.evil.example/title"
date: 2026-01-22
source: Linked Weekly
url: {CITED}
---

## 综合分析

{text}
""".encode()


def page_links(app: AppTest) -> set[str]:
    """What the page's Markdown would link, as GitHub-flavoured Markdown renders it."""
    values = [m.value for m in app.markdown] + [c.value for c in app.caption]
    return {link for value in values for link in markdown_links(value)}


def test_an_answer_quoting_an_articles_links_links_only_the_cited_source() -> None:
    app = start_app()
    app.switch_page("views/library.py").run()
    app.file_uploader[0].set_value(("linked.md", linked_article(), "text/markdown"))
    next(b for b in app.button if b.label == "Ingest").click()
    app.run()
    app.switch_page("views/chat.py").run()
    ask(app, "罗素2000指数年初至今是否跑赢标普500?", as_of=None)
    answer = app.session_state["chat_session"].answers[0]
    assert CITED in {r.url for r in answer.references}
    assert any("evil[.]example" in m.value for m in app.markdown)  # quoted, as text
    assert page_links(app) == {CITED}  # the references list still links the source


# The answer view and the sources panel of one saved answer, on a page of its own.
PAGE = """
import sys
sys.path.insert(0, {root!r})
from assistant.conversation.history import HistoryStore
from pathlib import Path
from ui.answer_view import render_answer
from ui.sources_panel import render_sources

saved = HistoryStore(Path({path!r})).get({conversation!r})
render_answer(saved.answers[0])
render_sources(saved.answers[0], "links")
"""


@pytest.fixture
def answer_page(tmp_path: Path) -> Iterator[Server]:
    require_chromium()
    store = HistoryStore(tmp_path / "history.sqlite3")
    conversation = store.add_turn(None, article_with_links())  # saved as a model wrote it
    script = tmp_path / "answer_page.py"
    script.write_text(
        PAGE.format(root=str(ROOT), path=str(store.db.file), conversation=conversation)
    )
    port, log = free_port(), tmp_path / "streamlit.log"
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless=true",
               f"--server.port={port}", "--server.address=127.0.0.1",
               "--browser.gatherUsageStats=false"]  # fmt: skip
    env = {**os.environ, "MARKETBRIEF_HOME": str(tmp_path / "home")}
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        server = Server(f"http://127.0.0.1:{port}", process, log)
        server.wait_healthy()
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.browser
def test_the_browser_draws_no_link_or_image_but_the_cited_source(answer_page: Server) -> None:
    from playwright.sync_api import expect

    with chromium() as browser:
        page = browser.new_page()
        page.goto(answer_page.url)
        expect(
            page.get_by_text("https[:]//evil[.]example/steal?q=1", exact=False).first
        ).to_be_visible(timeout=TIMEOUT_MS)
        hrefs = page.locator("[data-testid='stMain'] a").evaluate_all(
            "nodes => nodes.map(n => n.getAttribute('href'))"
        )
        sources = page.locator("img, iframe, script[src]").evaluate_all(
            "nodes => nodes.map(n => n.getAttribute('src'))"
        )
        assert not [h for h in hrefs if h and "evil" in h], hrefs
        assert CITED in hrefs  # the references list and the sources panel's button
        assert not [s for s in sources if s and "evil" in s], sources

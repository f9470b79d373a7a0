"""The library page in AppTest: add commentary (uploads, feeds) and prices, browse and filter,
open an article, ask about it, and hand it to deep research."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from assistant.locale import hint
from benchmarks.harness.paths import FIXTURES
from tests.ui.conftest import all_text, ask, ingest_fixtures_served, markdown, start_app
from ui.article_browser import OPEN, RESEARCH_ARTICLE
from ui.chat_session import KEY as SESSION
from ui.ingest_form import NOT_A_URL
from ui.markup import plain

LIBRARY = "views/library.py"


def library() -> AppTest:
    app = start_app()
    app.switch_page(LIBRARY).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def button(app: AppTest, label: str) -> object:
    return next(b for b in app.button if b.label == label)


def upload(app: AppTest, files: list[tuple[str, bytes]], submit: str = "Ingest") -> AppTest:
    uploader = 0 if submit == "Ingest" else 1
    app.file_uploader[uploader].set_value([(name, data, "text/plain") for name, data in files])
    button(app, submit).click()  # type: ignore[attr-defined]
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def fixture(name: str) -> tuple[str, bytes]:
    return name, (FIXTURES / "ingest" / name).read_bytes()


def test_an_empty_library_says_what_to_do_next() -> None:
    text = all_text(library())
    assert "**Next steps.**" in text
    assert "Add commentary" in text and "Import prices" in text and "yfinance" in text


def test_uploaded_files_are_ingested_with_the_clis_summary() -> None:
    app = upload(library(), [fixture("article.md"), fixture("page.html"), ("empty.txt", b"")])
    assert "Ingested: 2 added, 0 updated, 0 unchanged, 0 skipped" in all_text(app)
    assert any(f"could not ingest {plain('empty.txt')}: empty file" in e.value for e in app.error)
    assert "2 of 2 articles · select a row to open it" in all_text(app)

    again = upload(app, [fixture("article.md")])
    assert "Ingested: 0 added, 0 updated, 1 unchanged, 0 skipped" in all_text(again)


def test_price_csvs_are_imported_and_bad_ones_reported() -> None:
    prices = FIXTURES / "prices"
    files = [
        ("^GSPC.csv", (prices / "shared_layout" / "^GSPC.csv").read_bytes()),
        ("NODATES.csv", (prices / "bad" / "NODATES.csv").read_bytes()),
    ]
    app = upload(library(), files, submit="Import")
    assert "Imported 1 symbol(s)." in all_text(app)
    table = app.dataframe[0].value
    assert list(table["symbol"]) == ["^GSPC"]
    assert any(e.value.startswith(plain("NODATES.csv")) for e in app.error)
    assert all(e.value.count(plain("NODATES.csv")) == 1 for e in app.error)
    # the as-of date stays empty: answers use each series' latest close, new imports included
    assert app.date_input(key="pref_as_of").value is None


def test_a_price_csv_without_rows_is_named_once() -> None:
    app = upload(library(), [("BAD.csv", b"Date,Open,High,Low,Close,Volume\n")], submit="Import")
    (error,) = [e.value for e in app.error]
    assert error == f"{plain('BAD.csv')}: {plain('no rows with both a date and a close')}"


@pytest.fixture
def feed_url() -> Iterator[str]:
    with ingest_fixtures_served() as base:
        yield f"{base}/feed.rss"


def test_a_feed_url_is_ingested_when_private_addresses_are_allowed(
    feed_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARKETBRIEF_ALLOW_PRIVATE_URLS", "true")
    app = library()
    app.text_area[0].input(f"{feed_url}\nnot a url")
    button(app, "Ingest").click()  # type: ignore[attr-defined]
    app.run()
    text = all_text(app)
    assert "Ingested: 2 added" in text
    assert "黄金价格创新高" in " ".join(str(v) for v in app.dataframe[0].value["title"])
    errors = [e.value for e in app.error]  # the line that is no URL is not dropped silently
    assert errors == [f"could not ingest not a url: {plain(NOT_A_URL)}"]


def ingest_urls(app: AppTest, text: str) -> AppTest:
    app.text_area[0].input(text)
    button(app, "Ingest").click()  # type: ignore[attr-defined]
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_a_loopback_url_is_refused_by_default_with_a_reason(feed_url: str) -> None:
    app = ingest_urls(library(), feed_url)
    errors = " ".join(e.value for e in app.error)
    assert "could not ingest" in errors and "127\\.0\\.0\\.1" in errors
    # what to do, in the browser's terms: a setting, never the CLI's flag
    assert plain(hint("allow_private", "browser")) in [i.value for i in app.info]
    assert "allow\\-private" not in all_text(app) and "--allow-private" not in all_text(app)


def test_a_file_url_is_refused_like_a_loopback_url(
    feed_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = ingest_urls(library(), "file:///etc/passwd")
    assert [e.value for e in alone.error] == [
        f"could not ingest {plain('file:///etc/passwd')}: "
        + plain("refused: file:// URLs are not fetched, only http and https")
    ]
    assert plain(hint("add_file", "browser")) in [i.value for i in alone.info]

    monkeypatch.setenv("MARKETBRIEF_ALLOW_PRIVATE_URLS", "true")
    mixed = ingest_urls(library(), f"file:///etc/passwd\n{feed_url}")
    assert "Ingested: 2 added" in all_text(mixed)
    errors = [e.value for e in mixed.error]
    assert len(errors) == 1 and errors[0].startswith(f"could not ingest {plain('file:///')}")


def test_browse_filter_and_open_an_article(seeded_home: Path) -> None:
    app = library()
    assert "2 of 2 articles" in all_text(app)
    app.text_input(key="library_text").input("投资逻辑").run()
    assert "1 of 2 articles" in all_text(app)
    opened = app.session_state[OPEN]  # one match: opened at once
    texts = markdown(app)
    assert "#### 综合分析" in texts and "#### 核心信息摘要" in texts
    assert any("2026年小盘股投资逻辑" in s.value for s in app.subheader)

    app.text_input(key="library_text").input("").run()
    app.date_input(key="library_dates").set_value((dt.date(2026, 1, 24), dt.date(2026, 1, 25)))
    app.run()
    assert "1 of 2 articles" in all_text(app)
    assert app.session_state[OPEN] != opened


def test_ask_about_this_article_scopes_the_chat_to_it(seeded_home: Path) -> None:
    app = library()
    app.text_input(key="library_text").input("投资逻辑").run()
    article_id = app.session_state[OPEN]
    app.button(key="ask_article").click().run()
    assert not app.exception
    assert "Questions here are about one article" in all_text(app)
    app.switch_page("views/chat.py")  # AppTest's next run would return to the library page
    ask(app, "这篇文章的核心观点是什么?", as_of=None)
    session = app.session_state[SESSION]
    assert session.article_id == article_id
    cited = [r for r in session.answers[0].references if r.kind == "article"]
    assert cited and {r.article_id for r in cited} == {article_id}
    app.button(key="unscope").click().run()
    assert app.session_state[SESSION].article_id is None


def test_deep_analysis_hands_the_article_to_the_research_page(
    seeded_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    switched: list[str] = []

    def switch_page(page: str) -> None:  # the research page consumes the key: stop before it
        switched.append(page)
        st.stop()

    monkeypatch.setattr(st, "switch_page", switch_page)
    app = library()
    app.text_input(key="library_text").input("罗素2000指数跑赢").run()
    article_id = app.session_state[OPEN]
    app.button(key="research").click().run()
    assert switched == ["views/research.py"]
    assert app.session_state[RESEARCH_ARTICLE] == article_id


def test_article_text_is_escaped_in_the_reader(seeded_home: Path) -> None:
    app = library()
    app.text_input(key="library_text").input("投资逻辑").run()
    assert plain("2026年小盘股投资逻辑:催化因素与市场前景分析") in [s.value for s in app.subheader]

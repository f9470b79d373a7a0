"""Fixtures for the browser app's tests: data directories and an AppTest of the whole app.

The seeded data directory (the shared seeds ingested, the shared prices imported) is built once
per module and copied for each test, so every test has its own conversations and uploads.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from benchmarks.harness.browser import prepare_home
from benchmarks.harness.paths import FIXTURES, SHARED
from tests.unit.ingest.servers import serve, static_site

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
AS_OF = dt.date(2026, 1, 23)
QUESTION = "罗素2000指数年初至今是否跑赢标普500?"
TIMEOUT_S = 60


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "data" / "prices").is_dir():
        pytest.skip(f"needs ../shared with seeds and data/prices beside the project ({SHARED})")
    home = tmp_path_factory.mktemp("seeded") / "home"
    prepare_home(home, SHARED)
    return home


@pytest.fixture
def seeded_home(seeded_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the seeded data directory, as this test's MARKETBRIEF_HOME."""
    home = tmp_path / "home"
    shutil.copytree(seeded_template, home)
    monkeypatch.setenv("MARKETBRIEF_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def _no_watch_schedule(monkeypatch: pytest.MonkeyPatch) -> None:
    """No watch scheduler starts under AppTest (a deployment without MARKETBRIEF_WATCH_TIMES):
    a test that wants one sets the times itself."""
    monkeypatch.setenv("MARKETBRIEF_WATCH_TIMES", "")


@pytest.fixture(autouse=True)
def _fresh_resources() -> Iterator[None]:
    """Each test starts like a new server process: no cached services from another test."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def start_app() -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def markdown(app: AppTest) -> list[str]:
    return [m.value for m in app.markdown]


def all_text(app: AppTest) -> str:
    """Every piece of text on the page (markdown, captions, notices), for `in` checks."""
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    for kind in ("info", "warning", "error", "success"):
        parts += [e.value for e in getattr(app, kind)]
    return "\n".join(parts)


def ask(app: AppTest, question: str, as_of: dt.date | None = AS_OF) -> AppTest:
    from ui import preferences as prefs

    if as_of is not None:
        app.date_input(key=prefs.AS_OF).set_value(as_of)
    app.chat_input(key="question").set_value(question).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


@contextmanager
def ingest_fixtures_served() -> Iterator[str]:
    """tests/fixtures/ingest (feed.rss, page.html, ...) on a loopback HTTP server; yields its
    base URL."""
    pages = {
        f"/{path.name}": (
            mimetypes.guess_type(path.name)[0] or "application/octet-stream",
            path.read_bytes(),
        )
        for path in (FIXTURES / "ingest").iterdir()
        if path.is_file()
    }
    with serve(static_site(pages)) as base:
        yield base

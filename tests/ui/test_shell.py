"""A page asked for directly (Streamlit's pages-folder mode, as after a server restart with a
bookmarked page) still runs inside the app: sidebar settings and all."""

from __future__ import annotations

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP, ORIGINAL_PAGES_INIT, TIMEOUT_S


def test_a_page_run_on_its_own_reruns_inside_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    # AppTest's own behaviour, without the navigation-mode fixture:
    monkeypatch.setattr(PagesManager, "__init__", ORIGINAL_PAGES_INIT)
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S).run()
    app.run()  # AppTest now takes ui/pages/ for the old pages folder and runs chat.py alone
    assert PagesManager.uses_pages_directory is False  # switched back by ui.shell
    assert not app.exception
    assert [t.value for t in app.title] == ["Ask marketbrief"]
    assert app.date_input(key="pref_as_of") is not None  # the sidebar came with the page

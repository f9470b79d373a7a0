"""The LLM endpoint in a shared deployment: configured on the server, never chosen in a browser.

The reader's endpoint panel (base URL, API key, model) is for the embedded app on one's own
machine. In a shared deployment it is not drawn and any such session value is ignored: the key
stays on the server, and no reader can make the server send requests to an address of their
choosing (a server-side request forgery). The server's key is on screen in no mode.

The shared sidebar is rendered on its own (AppTest.from_function): the whole app would open the
shared database and Chroma server, which these tests do not run.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from assistant.settings import load_settings
from tests.secrets import FAKE_KEY, assert_no_secret
from tests.ui.conftest import APP, TIMEOUT_S
from tests.ui.sign_in_env import rendered
from ui import preferences as prefs
from ui.sidebar import SERVER_ENDPOINT

ENDPOINT_KEYS = {prefs.BASE_URL, prefs.API_KEY, prefs.MODEL}
SHARED_ENV = {
    "MARKETBRIEF_DATABASE_URL": "postgresql://mb:db-password-91c4@db.invalid:5432/marketbrief",
    "MARKETBRIEF_CHROMA_HOST": "chroma.invalid",
    "MARKETBRIEF_AUTH": "proxy",
    "OPENAI_API_KEY": FAKE_KEY,
    "OPENAI_BASE_URL": "http://llm.internal.invalid/v1",
}


@pytest.fixture
def shared_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SHARED_ENV.items():
        monkeypatch.setenv(name, value)


def _sidebar() -> None:
    from assistant.settings import load_settings
    from ui import sidebar
    from ui.library_data import Facets

    sidebar.render(load_settings(), Facets())


def render_sidebar() -> AppTest:
    app = AppTest.from_function(_sidebar, default_timeout=TIMEOUT_S)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_a_shared_deployment_offers_no_endpoint_inputs(shared_env: None) -> None:
    assert load_settings().shared
    app = render_sidebar()
    assert not {t.key for t in app.text_input} & ENDPOINT_KEYS
    assert not app.text_input  # no URL, key or model box at all
    assert "LLM endpoint" not in [e.label for e in app.expander]
    assert SERVER_ENDPOINT in [c.value for c in app.caption]
    assert app.button_group(key=prefs.MODE).value == "llm"  # the server's endpoint is there
    shown = rendered(app)
    assert assert_no_secret(shown) == 1
    assert "llm.internal.invalid" not in shown and "db-password-91c4" not in shown


def test_a_shared_deployment_ignores_endpoint_values_in_the_session(shared_env: None) -> None:
    """Whatever a session holds (a crafted request, a value left from before), the server's
    endpoint, key and model are the ones used."""
    base = load_settings()
    chosen = prefs.Preferences(
        mode="llm",
        base_url="http://169.254.169.254/latest/meta-data",
        api_key="sk-reader-typed-key",
        model="reader-model",
    )
    used = prefs.effective_settings(base, chosen)
    assert used.openai_base_url == SHARED_ENV["OPENAI_BASE_URL"]
    assert used.openai_api_key is not None and used.openai_api_key.get_secret_value() == FAKE_KEY
    assert used.model == base.model


def test_the_embedded_app_keeps_the_endpoint_panel_without_showing_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    assert not load_settings().shared
    app = render_sidebar()
    assert {t.key for t in app.text_input} >= ENDPOINT_KEYS
    assert app.text_input(key=prefs.API_KEY).value == ""  # the server's key is not put in it
    assert SERVER_ENDPOINT not in [c.value for c in app.caption]
    assert_no_secret(rendered(app))
    chosen = prefs.Preferences(mode="llm", base_url="http://127.0.0.1:9/v1", model="m")
    assert prefs.effective_settings(load_settings(), chosen).openai_base_url == chosen.base_url


def test_the_whole_embedded_app_never_shows_the_server_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    for page, title in (("chat.py", None), ("library.py", "Library"), ("research.py", "Deep")):
        app = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
        app.run()
        if title:
            app.switch_page(f"views/{page}").run()
            assert any(t.value.startswith(title) for t in app.title)
        assert not app.exception, [e.value for e in app.exception]
        assert_no_secret([rendered(app), repr(app.session_state)])

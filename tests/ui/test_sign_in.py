"""Only the team gets in: the sign-in gate of the browser app, in AppTest.

Local mode (the embedded default) asks nobody to sign in. With MARKETBRIEF_AUTH=oidc a session
that has not signed in sees the sign-in screen and nothing else: no page, no sidebar, and no
service is even opened. With MARKETBRIEF_AUTH=proxy the address comes in a header from the
sign-in proxy; a request without it sees a one-line notice. (How `st.user` and the headers are
driven: tests/ui/sign_in_env.py.)
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import APP, TIMEOUT_S
from tests.ui.sign_in_env import CLIENT_SECRET, COOKIE_SECRET, oidc_env, rendered
from ui import auth
from ui.markup import plain

__all__ = ["oidc_env"]  # the fixture, used by name

SIGNED_IN = {"is_logged_in": True, "email": "Ana.Lim@Example.com", "sub": "provider-subject-1"}


def run_app(user: dict[str, object] | None = None) -> AppTest:
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    if user is not None:
        app.user = dict(user)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def texts(app: AppTest) -> str:
    parts = [m.value for m in app.markdown] + [c.value for c in app.caption]
    for kind in ("info", "warning", "error", "success"):
        parts += [e.value for e in getattr(app, kind)]
    return "\n".join(parts)


def chat_page_shown(app: AppTest) -> bool:
    return any(c.key == "question" for c in app.chat_input)


@pytest.fixture
def no_services(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening any service (the library, the price store, the conversations) fails the test."""
    from ui import library_data, resources

    def opened(*_: object, **__: object) -> None:
        raise AssertionError("a service was opened before sign-in")

    for name in ("market_data", "commentary_index", "history"):
        monkeypatch.setattr(resources, name, opened)
    monkeypatch.setattr(library_data, "summaries", opened)


def assert_only_the_sign_in_screen(app: AppTest) -> None:
    assert [b.label for b in app.button] == ["Sign in"]
    assert not chat_page_shown(app)
    assert not app.sidebar.children  # no settings, no conversations, no account
    assert not app.text_input and not app.expander and not app.date_input
    assert "sign in to continue" in texts(app)


# -- local ---------------------------------------------------------------------------------


def test_local_mode_shows_the_chat_page_without_sign_in() -> None:
    app = run_app()
    assert chat_page_shown(app)
    assert "Sign in" not in [b.label for b in app.button]
    assert "Signed in as" not in texts(app)


def test_nobody_is_signed_in_locally() -> None:
    app = AppTest.from_function(_show_user, default_timeout=TIMEOUT_S)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.text[0].value == "user=[]"


def _show_user() -> None:
    import streamlit as st

    from assistant.settings import load_settings
    from ui.auth import signed_in_user

    st.text(f"user=[{signed_in_user(load_settings())}]")


# -- oidc ----------------------------------------------------------------------------------


def test_oidc_without_a_sign_in_shows_only_the_sign_in_screen(
    oidc_env: dict[str, str], no_services: None
) -> None:
    app = run_app({"is_logged_in": False})
    assert_only_the_sign_in_screen(app)
    shown = rendered(app)
    assert CLIENT_SECRET not in shown and COOKIE_SECRET not in shown


def test_a_sign_in_that_cannot_start_is_a_notice_not_a_traceback(
    oidc_env: dict[str, str], no_services: None
) -> None:
    """This AppTest has no [auth] secrets for `st.login` to use (`marketbrief ui` writes them)."""
    app = run_app({"is_logged_in": False})
    app.button[0].click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert "Sign-in could not start" in texts(app)
    assert not chat_page_shown(app)


def test_oidc_signed_in_shows_the_app_and_who_is_signed_in(oidc_env: dict[str, str]) -> None:
    app = run_app(SIGNED_IN)
    assert chat_page_shown(app)
    sidebar = [c.value for c in app.sidebar.caption]
    assert f"Signed in as {plain('ana.lim@example.com')}" in sidebar
    assert any(b.key == auth.SIGN_OUT_KEY for b in app.sidebar.button)


def test_signed_in_user_is_the_email_then_the_subject(oidc_env: dict[str, str]) -> None:
    app = AppTest.from_function(_show_user, default_timeout=TIMEOUT_S)
    app.user = dict(SIGNED_IN)
    app.run()
    assert app.text[0].value == "user=[ana.lim@example.com]"
    app.user = {"is_logged_in": True, "sub": "provider-subject-1"}  # no address at all
    app.run()
    assert app.text[0].value == "user=[provider-subject-1]"
    app.user = {**SIGNED_IN, "email_verified": False}  # an address nobody vouched for
    app.run()
    assert app.text[0].value == "user=[provider-subject-1]"
    app.user = {"is_logged_in": False, "email": "ana.lim@example.com"}
    app.run()
    assert app.text[0].value == "user=[]"


def test_sign_out_returns_to_the_sign_in_screen(
    oidc_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = run_app(SIGNED_IN)
    app.button(key=auth.SIGN_OUT_KEY).click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.user.get("is_logged_in") is False
    app.run()
    assert_only_the_sign_in_screen(app)


def test_incomplete_oidc_settings_name_the_missing_variables(
    oidc_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, no_services: None
) -> None:
    monkeypatch.delenv("MARKETBRIEF_OIDC_CLIENT_SECRET")
    monkeypatch.delenv("MARKETBRIEF_OIDC_REDIRECT_URI")
    app = run_app({"is_logged_in": False})
    notice = " ".join(e.value for e in app.error)
    assert "MARKETBRIEF_OIDC_CLIENT_SECRET" in notice
    assert "MARKETBRIEF_OIDC_REDIRECT_URI" in notice
    assert "MARKETBRIEF_OIDC_CLIENT_ID" not in notice  # set: not named
    assert not app.button and not chat_page_shown(app) and not app.sidebar.children
    assert COOKIE_SECRET not in rendered(app)


def test_a_weak_cookie_secret_is_refused(
    oidc_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, no_services: None
) -> None:
    monkeypatch.setenv("MARKETBRIEF_OIDC_COOKIE_SECRET", "short-secret")
    app = run_app({"is_logged_in": True, "email": "ana@example.com"})  # even a signed-in one
    notice = " ".join(e.value for e in app.error)
    assert "MARKETBRIEF_OIDC_COOKIE_SECRET is too short" in notice
    assert "short-secret" not in rendered(app)
    assert not chat_page_shown(app)


def test_a_server_started_without_the_auth_secrets_says_how_to_start_it(
    oidc_env: dict[str, str], no_services: None
) -> None:
    app = run_app({})  # no is_logged_in: Streamlit has no [auth] secrets
    assert "`marketbrief ui`" in " ".join(e.value for e in app.error)
    assert not app.button and not chat_page_shown(app)


# -- proxy ---------------------------------------------------------------------------------


@pytest.fixture
def proxy_env(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Proxy mode; the test fills in the request's headers (name -> values)."""
    monkeypatch.setenv("MARKETBRIEF_AUTH", "proxy")
    headers: dict[str, list[str]] = {}
    monkeypatch.setattr(auth, "header_values", lambda name: headers.get(name.lower(), []))
    return headers


def test_proxy_mode_without_the_header_shows_a_one_line_notice(
    proxy_env: dict[str, list[str]], no_services: None
) -> None:
    app = run_app()
    [notice] = app.warning
    assert notice.value.startswith("Sign-in is handled by the proxy")
    assert "\n" not in notice.value
    assert not chat_page_shown(app) and not app.sidebar.children and not app.button


def test_proxy_mode_with_the_header_shows_the_app(proxy_env: dict[str, list[str]]) -> None:
    proxy_env["x-forwarded-email"] = ["Bo@Example.com"]
    app = run_app()
    assert chat_page_shown(app)
    assert f"Signed in as {plain('bo@example.com')}" in [c.value for c in app.sidebar.caption]
    assert not any(b.key == auth.SIGN_OUT_KEY for b in app.button)  # the proxy signs out


def test_proxy_mode_reads_the_configured_header(
    proxy_env: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARKETBRIEF_AUTH_HEADER", "X-Auth-Request-Email")
    proxy_env["x-forwarded-email"] = ["bo@example.com"]  # not the one configured
    assert not chat_page_shown(run_app())
    proxy_env["x-auth-request-email"] = ["bo@example.com"]
    assert chat_page_shown(run_app())


def test_proxy_mode_refuses_a_header_sent_twice(
    proxy_env: dict[str, list[str]], no_services: None
) -> None:
    """A copy from the client beside the proxy's own: which one is true cannot be told."""
    proxy_env["x-forwarded-email"] = ["mallory@example.com", "bo@example.com"]
    app = run_app()
    assert app.warning and not chat_page_shown(app)


def test_signed_in_user_in_proxy_mode_is_the_header(proxy_env: dict[str, list[str]]) -> None:
    proxy_env["x-forwarded-email"] = [" Bo@Example.com "]
    app = AppTest.from_function(_show_user, default_timeout=TIMEOUT_S)
    app.run()
    assert app.text[0].value == "user=[bo@example.com]"

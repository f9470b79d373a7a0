"""Who may use the browser app, and who is using it: the sign-in gate and the owner key.

`settings.sign_in` (MARKETBRIEF_AUTH) picks one of three ways in:

- "local": nobody signs in (the embedded default, one person on localhost); the owner key is "".
- "oidc": Streamlit's own sign-in (`st.login`) with an OpenID Connect provider. Streamlit reads
  the provider from the `[auth]` table of its secrets; `marketbrief ui` writes that table from
  the MARKETBRIEF_OIDC_* settings into a private file it hands to Streamlit
  (`assistant.cli.app.sign_in_secrets`), so the settings stay the one source of truth. The
  owner key is the e-mail address the provider vouches for, else its subject (`sub`).
- "proxy": a reverse proxy (oauth2-proxy and the like) signs people in and passes the address
  in the `settings.auth_header` header of the request that opens the session. Only the proxy
  may be able to reach the server, or anyone could send that header.

Who counts as "the team" is decided where people sign in: the provider's client (its allowed
accounts or domain) or the proxy's allow list.

`require_sign_in` runs at the top of `ui/app.py`, before anything else is drawn: a session
that has not signed in sees the sign-in screen (or a one-line notice) and nothing more.

Test seam: AppTest seeds `st.user` itself (`AppTest.user`) but cannot send request headers, so
proxy mode reads them through `header_values`, the one function tests replace.
"""

from __future__ import annotations

import logging
from typing import NoReturn

import streamlit as st
from streamlit.errors import StreamlitAPIException

from assistant.settings import Settings
from assistant.sign_in import oidc_problems
from ui.markup import plain

log = logging.getLogger(__name__)

SIGN_OUT_KEY = "auth_sign_out"


# -- who is using the app ------------------------------------------------------------------


def header_values(name: str) -> list[str]:
    """Every value of one header of the request that opened this session (the test seam)."""
    return st.context.headers.get_all(name)


def _proxy_user(settings: Settings) -> str:
    values = [v.strip() for v in header_values(settings.auth_header) if v.strip()]
    # Two values mean a copy the client sent got through beside the proxy's: trust neither.
    return values[0].lower() if len(values) == 1 else ""


def _oidc_user() -> str:
    user = st.user
    if not user.get("is_logged_in"):
        return ""
    email, verified, subject = user.get("email"), user.get("email_verified"), user.get("sub")
    # An address the provider says it has not verified could be anyone's: use the subject.
    if isinstance(email, str) and email.strip() and verified not in (False, "false"):
        return email.strip().lower()
    return subject.strip() if isinstance(subject, str) else ""


def signed_in_user(settings: Settings) -> str:
    """The owner key of the person using the app: "" in local mode (nobody signs in); in oidc
    mode the signed-in address (lower-cased; the `sub` claim without a verified address); in
    proxy mode the proxy's header (lower-cased). "" as well when nobody has signed in, which
    `require_sign_in` never lets a page see."""
    if settings.sign_in == "oidc":
        return _oidc_user()
    if settings.sign_in == "proxy":
        return _proxy_user(settings)
    return ""


# -- the gate --------------------------------------------------------------------------------


def require_sign_in(settings: Settings) -> str:
    """Stop this run unless the person is signed in (nothing else is drawn then); return their
    owner key (see `signed_in_user`). Signed in, the sidebar shows who, and a Sign out button
    with OIDC. Call it right after `st.set_page_config`."""
    mode = settings.sign_in
    if mode == "local":
        return ""
    if mode == "proxy":
        user = _proxy_user(settings)
        if not user:
            count = len(header_values(settings.auth_header))
            log.warning("refused a session: header %s came %d times", settings.auth_header, count)
            _refuse(
                "Sign-in is handled by the proxy in front of marketbrief; this request came "
                "without the signed-in address. Open the app through the sign-in proxy.",
                icon=":material/lock:",
            )
        _account(user, sign_out=False)
        return user
    if problems := oidc_problems(settings):
        _refuse(
            "Sign-in is not set up on this server: " + "; ".join(problems) + ". "
            "Set them and restart the app (`marketbrief ui`).",
            error=True,
        )
    if "is_logged_in" not in st.user:  # Streamlit has no [auth] secrets
        _refuse(
            "Sign-in is set up, but this server was started without it: start the app with "
            "`marketbrief ui`, which hands the MARKETBRIEF_OIDC_* settings to Streamlit.",
            error=True,
        )
    if not st.user.get("is_logged_in"):
        _sign_in_screen()
    user = _oidc_user()
    if not user:
        _sign_out_button()
        _refuse("The identity provider sent neither an e-mail address nor a subject for you.")
    _account(user, sign_out=True)
    return user


def _refuse(text: str, *, error: bool = False, icon: str = ":material/error:") -> NoReturn:
    (st.error if error else st.warning)(text, icon=icon)
    st.stop()


def _sign_in_screen() -> NoReturn:
    st.title("📈 marketbrief", anchor=False)
    st.markdown("This research assistant is for the team: sign in to continue.")
    if st.button("Sign in", type="primary", icon=":material/login:"):
        try:
            st.login()
        except StreamlitAPIException as failed:  # [auth] secrets missing or incomplete
            log.error("sign-in could not start: %s", failed)
            st.error(
                "Sign-in could not start: the server's sign-in settings are incomplete. "
                "The details are in the server log."
            )
    st.stop()


def _sign_out_button() -> None:
    if st.sidebar.button("Sign out", key=SIGN_OUT_KEY, icon=":material/logout:"):
        st.logout()
        st.stop()


def _account(user: str, *, sign_out: bool) -> None:
    """Who is signed in, small, at the top of the sidebar (and Sign out with OIDC)."""
    st.sidebar.caption(f"Signed in as {plain(user)}")
    if sign_out:
        _sign_out_button()

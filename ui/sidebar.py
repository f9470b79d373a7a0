"""The settings every page shares, in the sidebar: answer mode, endpoint, as-of date, filters.

Rendered by `ui/app.py` before the page, so each page finds the reader's choices in the session
(read them with `ui.preferences.current()`). Defaults come from the environment (`OPENAI_*`,
`MARKETBRIEF_MODEL`). The as-of date starts empty: every figure then uses the latest close its
own series has (and says which day that is), and no article is left out for being newer than
the stalest series. A date the reader picks holds every series and the library to that day.

In a shared deployment the endpoint panel is not drawn: the LLM's key stays in the server's
settings and never reaches a browser, and a reader may not point the server at a URL of their
choosing (a server-side request forgery); `preferences.effective_settings` ignores any such
session value there too.
"""

from __future__ import annotations

import streamlit as st

from assistant.settings import Settings
from ui import preferences as prefs
from ui.library_data import Facets

MODE_LABELS = {"llm": "LLM", "offline": "Offline"}
SERVER_ENDPOINT = "The LLM endpoint is configured on the server."  # shared: no endpoint panel


def init_defaults(base: Settings) -> None:
    """The choices a page may read before the sidebar is drawn (first run of a session)."""
    state = st.session_state
    state.setdefault(prefs.MODE, "llm" if base.llm_configured else "offline")
    state.setdefault(prefs.BASE_URL, base.openai_base_url or "")
    state.setdefault(prefs.MODEL, base.model)
    state.setdefault(prefs.API_KEY, "")


def _init_as_of() -> None:
    state = st.session_state
    if prefs.AS_OF not in state:
        state[prefs.AS_OF] = None
        state[prefs.AS_OF_AUTO] = True


def _as_of_chosen() -> None:
    st.session_state[prefs.AS_OF_AUTO] = False


def render(base: Settings, facets: Facets) -> None:
    """The settings widgets, in the current container (their values stay in the session for
    every page)."""
    init_defaults(base)
    _init_as_of()
    with st.container():
        st.segmented_control(
            "Answer mode",
            ["llm", "offline"],
            format_func=MODE_LABELS.__getitem__,
            key=prefs.MODE,
            required=True,
            help="LLM: an OpenAI-compatible model writes the answer with the tools. "
            "Offline: figures from the tools, quotes from your library; no model is called.",
        )
        _endpoint(base)  # always rendered, so what was typed survives a switch to offline
        st.date_input(
            "As of",
            key=prefs.AS_OF,
            on_change=_as_of_chosen,
            format="YYYY-MM-DD",
            help="Closes on or before this day, and commentary published by then. "
            "Empty (the default): each figure uses the latest close its series has.",
        )
        _filters(facets)


def _endpoint(base: Settings) -> None:
    if base.shared:
        st.caption(SERVER_ENDPOINT)
        return
    configured = bool(st.session_state.get(prefs.BASE_URL) or base.openai_api_key)
    wanted = st.session_state.get(prefs.MODE) == "llm"
    with st.expander("LLM endpoint", expanded=wanted and not configured, icon=":material/hub:"):
        st.text_input(
            "Base URL",
            key=prefs.BASE_URL,
            placeholder="https://api.openai.com/v1 or http://localhost:11434/v1",
            help="Any OpenAI-compatible endpoint with tool calling (OpenAI, Ollama, vLLM, "
            "llama.cpp server). Leave empty for OpenAI itself.",
        )
        st.text_input(
            "API key",
            key=prefs.API_KEY,
            type="password",
            autocomplete="off",
            placeholder="set in the environment" if base.openai_api_key else "sk-…",
            help="Kept in this browser session's memory only; never saved.",
        )
        st.text_input("Model", key=prefs.MODEL)


def _filters(facets: Facets) -> None:
    active = prefs.current().scope.active
    with st.expander(
        "Library filters" + (" (on)" if active else ""),
        expanded=active,
        icon=":material/filter_alt:",
    ):
        st.caption("Limit what answers may quote.")
        st.date_input(
            "Published between",
            value=[],
            key=prefs.DATES,
            min_value=facets.first,
            max_value=facets.last,
            format="YYYY-MM-DD",
        )
        for name, options, key in (
            ("Source", facets.sources, prefs.SOURCE),
            ("Ticker", facets.tickers, prefs.TICKER),
        ):
            st.selectbox(
                name,
                options,
                index=None,
                key=key,
                placeholder=f"any {name.lower()}",
                accept_new_options=True,
            )

"""What the chat page tells the reader before they ask: how answers will be written (with an
LLM, offline, or offline because the LLM just failed) and, on a first run, what to do next."""

from __future__ import annotations

import streamlit as st

from ui.context import Context
from ui.markup import error_text, neutralise
from ui.preferences import Preferences

OFFLINE = (
    "Answers are written offline, without an LLM: figures from the tools, quotes from your library."
)
FAILURE_KEY = "llm_failure"  # the last fallback notice, until an LLM answer succeeds


def llm_configured(ctx: Context, preferences: Preferences) -> bool:
    if ctx.settings.shared:  # the server's settings alone (the sidebar offers no endpoint)
        return ctx.settings.llm_configured
    return bool(preferences.base_url or preferences.api_key or ctx.settings.openai_api_key)


def render_mode_banner(ctx: Context, preferences: Preferences) -> None:
    failure = st.session_state.get(FAILURE_KEY)
    if preferences.offline:
        st.info(f"**Offline mode.** {OFFLINE}", icon=":material/cloud_off:")
    elif not llm_configured(ctx, preferences):
        remedy = (
            "The LLM endpoint is set on the server: ask whoever runs it to configure one."
            if ctx.settings.shared
            else "Add an endpoint (base URL, key, model) under *LLM endpoint* in the sidebar "
            "to have a model write the answers."
        )
        st.warning(f"**No LLM is configured.** {OFFLINE} {remedy}", icon=":material/cloud_off:")
    elif failure:
        st.warning(
            f"**The LLM failed on the last question.** {neutralise(failure)}",
            icon=":material/error:",
        )


def render_first_run(ctx: Context) -> None:
    """Next steps when the library or the price store is empty (asking still works)."""
    for name, reason in ctx.problems.items():
        st.error(f"The {name} could not be opened: {error_text(reason)}")
    missing = []
    if ctx.article_count() == 0:
        missing.append(
            "**add commentary**: upload files (txt, md, html, pdf, jsonl) or give URLs and "
            "RSS feeds on the Library page"
        )
    if ctx.latest_close() is None:
        missing.append(
            "**import prices**: upload price CSVs on the Library page (or run "
            "`marketbrief prices import DIR`); online, prices come from yfinance on demand"
        )
    if not missing:
        return
    with st.container(border=True):
        st.markdown(
            "**Getting started.** Questions are answered from your library and the stored "
            "prices, and both are empty so far. Next:\n\n"
            + "\n".join(f"- {step}" for step in missing)
            + "\n\nYou can ask now: the answer uses what data there is and says what is missing."
        )
        st.page_link("views/library.py", label="Open the Library", icon=":material/library_books:")

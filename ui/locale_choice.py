"""Which language a page's own words are in, where a page has them in both (the Watch page, the
feeds offered on a first run): the reader's browser's (`navigator.language`), Chinese for any
zh-* locale, English otherwise. The words are in the message catalogs (`assistant/locale`)."""

from __future__ import annotations

import streamlit as st

from assistant.answer.model import Language


def browser_locale() -> str:
    """The browser's language tag ("zh-CN", "en-US"); empty where there is no browser."""
    return st.context.locale or ""


def page_language() -> Language:
    return "zh" if browser_locale().lower().startswith("zh") else "en"

"""Pages run inside `ui/app.py`, never on their own.

The pages live in `ui/pages/`, beside the entry point. Streamlit takes a `pages/` folder there
as the old multipage layout until the entry point's `st.navigation` call says otherwise, so the
first run after a server start that asks for a page directly (a bookmarked /library, a tab
reconnecting after a restart; and every AppTest run after the first) would execute the page
script alone: no sidebar settings, no shared set-up. A page calls `ensure_app()` first; outside
the entry point it switches Streamlit to `st.navigation` mode and reruns, which runs the entry
point and, through it, the same page.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

_run = threading.local()  # each session's script runs in its own thread


@contextmanager
def inside_app() -> Iterator[None]:
    """Mark the page run that the entry point starts."""
    _run.inside = True
    try:
        yield
    finally:
        _run.inside = False


def ensure_app() -> None:
    if getattr(_run, "inside", False):
        return
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False  # what st.navigation itself sets
    st.rerun()

"""A brief on the page, for the research page and the Watch page alike: its downloads and its
answer, and the progress of a run that is writing one."""

from __future__ import annotations

import streamlit as st

from assistant.answer.links import defang
from assistant.research.brief import Brief
from assistant.research.progress import Progress
from ui.answer_view import render_answer
from ui.brief_downloads import render_downloads
from ui.markup import plain

STATUS_ICONS = {
    "waiting": ":gray[:material/schedule:]",
    "running": ":blue[:material/autorenew:]",
    "ok": ":green[:material/check_circle:]",
    "partial": ":orange[:material/warning:]",
    "failed": ":red[:material/error:]",
}


def show_brief(brief: Brief) -> None:
    render_downloads(brief)
    render_answer(brief.answer)


def render_steps(progress: Progress) -> None:
    """Each step of a run with its state, the tools it called and why it failed."""
    lines = []
    for item in progress.steps:
        tools = f" — {', '.join(item.tools)}" if item.tools else ""
        error = f" ({item.error})" if item.error else ""
        # a model may have written the step's question: its URLs stay text (answer.links)
        text = plain(f"{item.n}. {defang(item.question)}{tools}{error}")
        lines.append(f"{STATUS_ICONS[item.status]} {text}")
    st.markdown("\n\n".join(lines))


def render_progress(progress: Progress, topic: str) -> None:
    step = progress.steps[progress.current - 1] if progress.current else None
    where = f"step {progress.current} of {progress.total}" if step else "waiting to start"
    tool = f" · running `{progress.tool}`" if progress.tool else ""
    st.markdown(f"**Researching:** {plain(topic)} — {where}{tool}")
    st.progress(progress.finished / max(progress.total, 1))
    render_steps(progress)
    st.caption(
        "The run goes on if you close or reload this page; it will be here when you come back."
    )

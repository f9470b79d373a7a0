"""The research page (深度投研): a topic becomes a plan the reader edits or auto-accepts, the
plan runs in the background, and the brief comes out, saved and ready to download.

- Draft: the topic (or the article the library page handed over) becomes a 4-8 step plan.
- Edit: each step's question, tools and library query; remove, add, move up or down; Accept.
  With auto-accept on, the plan runs as soon as it is drafted.
- Run: in the process-wide runner (`assistant.research.runner`), not in this page, so closing
  or refreshing the tab does not stop it; the run id sits in the URL (`?run=...`) and the page
  reattaches to it (or to the latest run still going) and shows its progress.
- Brief: shown with the chat's answer view, downloadable as Markdown, HTML and PDF; saved
  briefs are listed below and reopen by id (`?brief=...`).
"""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from assistant import services
from assistant.engine import Assistant
from assistant.errors import InputError
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.research.plan import Plan
from assistant.research.planner import DraftedPlan, draft_plan
from assistant.research.runner import ResearchRunner, shared_runner
from assistant.research.store import ResearchStore
from assistant.settings import Settings
from ui import context, resources
from ui import preferences as prefs
from ui.brief_view import render_progress, show_brief
from ui.markup import error_text, plain
from ui.plan_editor import DRAFT, NOTICES, discard, put_draft, render_editor

log = logging.getLogger("marketbrief.ui")

ARTICLE_KEY = "research_article_id"  # set by the library page's "Deep analysis of this article"
RUN, BRIEF = "run", "brief"  # query parameters: reattach to a run, reopen a saved brief
TOPIC, AUTO, ARTICLE = "research_topic", "research_auto_accept", "research_article"


def runner(ctx: context.Context) -> ResearchRunner:
    """The process-wide run registry (the same object for every session and tab)."""
    return _runner(resources.database_key(ctx.settings), ctx.settings)


@st.cache_resource(show_spinner=False)
def _runner(key: str, _settings: Settings) -> ResearchRunner:
    lease = dt.timedelta(seconds=_settings.research_lease_s)
    return shared_runner(services.product_store(_settings), lambda: Assistant(_settings), lease)


# -- starting ----------------------------------------------------------------------------------


def _start(plan: Plan, ctx: context.Context, chosen: prefs.Preferences) -> None:
    run_id = runner(ctx).start(
        plan, offline=chosen.offline, assistant=ctx.assistant(chosen), owner=ctx.owner
    )
    discard()
    st.query_params.clear()
    st.query_params[RUN] = run_id


def _draft(ctx: context.Context, chosen: prefs.Preferences) -> None:
    """Draft a plan for the topic (or the handed-over article); run it if auto-accept is on."""
    topic = st.session_state.get(TOPIC, "")
    article = st.session_state.get(ARTICLE)
    # An article is analysed as of its own date unless the reader picked one in the sidebar.
    as_of = None if article and st.session_state.get(prefs.AS_OF_AUTO, True) else chosen.as_of
    with st.spinner("Drafting the plan…"):
        drafted: DraftedPlan = draft_plan(
            ctx.assistant(chosen),
            topic,
            as_of=as_of,
            article_id=article["id"] if article else None,
            offline=chosen.offline,
        )
    st.session_state[NOTICES] = list(drafted.notices)
    if st.session_state.get(AUTO):
        _start(drafted.plan, ctx, chosen)
    else:
        put_draft(drafted.plan)
        st.query_params.clear()


def _take_article(ctx: context.Context) -> None:
    """The library page's hand-over: plan around that article, its title as the topic."""
    article_id = st.session_state.pop(ARTICLE_KEY, None)
    if not article_id or ctx.index is None:
        return
    try:
        article = ctx.index.get_article(article_id)
    except EXPECTED_ERRORS as error:
        st.warning(f"That article could not be opened: {error_text(error)}")
        return
    st.session_state[ARTICLE] = {"id": article.id, "title": article.title}
    st.session_state[TOPIC] = article.title
    discard()
    st.session_state["research_draft_now"] = True


# -- rendering ---------------------------------------------------------------------------------


def render_topic(ctx: context.Context, chosen: prefs.Preferences) -> None:
    article = st.session_state.get(ARTICLE)
    with st.container(border=True):
        st.text_input(
            "Research topic · 研究课题",
            key=TOPIC,
            placeholder="2026年小盘股投资逻辑",
            help="A theme to research in several steps: performance, sector rotation, rates "
            "and credit, valuation, catalysts, risks.",
        )
        if article:
            left, right = st.columns([5, 1], vertical_alignment="center")
            left.caption(f"Planning around the article: {plain(article['title'])}")
            if right.button("Any article", key="research_clear_article", type="tertiary"):
                st.session_state.pop(ARTICLE, None)
                st.rerun()
        left, right = st.columns([3, 2], vertical_alignment="center")
        left.toggle(
            "Auto-accept plan · 自动接受计划",
            key=AUTO,
            help="Run the plan as soon as it is drafted, without the editing step.",
        )
        drafting = right.button(
            "Draft plan", type="primary", icon=":material/checklist:", key="research_draft_button"
        )
    if drafting or st.session_state.pop("research_draft_now", False):
        try:
            _draft(ctx, chosen)
        except InputError as error:
            st.warning(error_text(error), icon=":material/edit:")
        else:
            st.rerun()


@st.fragment(run_every=1.0)
def watch(ctx: context.Context, run_id: str) -> None:
    """Progress of a running run, refreshed every second; the page reruns when it ends."""
    run = runner(ctx).get(run_id, ctx.owner)
    if run is None or run.progress.status != "running":
        st.rerun()
        return
    render_progress(run.progress, run.plan.topic)


def render_run(ctx: context.Context, run_id: str) -> None:
    registry = runner(ctx)
    run = registry.get(run_id, ctx.owner)
    if run is None:
        st.warning("That research run is not known here any more.")
        return
    status = run.progress.status
    if status == "running":
        watch(ctx, run_id)
    elif status == "done":
        brief = registry.brief(run_id, ctx.owner)
        if brief is not None:
            show_brief(brief)
    elif status == "interrupted":
        st.warning("This run stopped when the app was restarted. Draft the plan again to rerun it.")
    else:
        st.error(f"The research run failed: {error_text(run.progress.error or '')}")


def _briefs(ctx: context.Context) -> ResearchStore:
    """The signed-in person's saved briefs."""
    return runner(ctx).store.for_owner(ctx.owner)


def render_saved(ctx: context.Context) -> None:
    saved = _briefs(ctx).list_briefs()
    if not saved:
        return
    with st.expander(f"Saved briefs · 已保存的简报 ({len(saved)})"):
        for item in saved:
            left, right = st.columns([6, 1], vertical_alignment="center")
            created = item.created.astimezone().strftime("%Y-%m-%d %H:%M")
            left.markdown(f"**{plain(item.title)}**  \n{plain(f'as of {item.as_of} · {created}')}")
            if right.button("Open", key=f"research_open_{item.id}"):
                discard()
                st.query_params.clear()
                st.query_params[BRIEF] = item.id
                st.rerun()


def reattach(ctx: context.Context) -> str | None:
    """The run this page shows: the URL's, else the latest one still running."""
    run_id = st.query_params.get(RUN)
    if run_id or st.query_params.get(BRIEF) or DRAFT in st.session_state:
        return run_id
    latest = runner(ctx).latest(ctx.owner)
    if latest is not None and latest.progress.status == "running":
        st.query_params[RUN] = latest.id
        return latest.id
    return None


def main() -> None:
    ctx = context.load()
    chosen = prefs.current()
    st.title("Deep research · 深度投研", anchor=False)
    _take_article(ctx)
    render_topic(ctx, chosen)
    run_id = reattach(ctx)
    if DRAFT in st.session_state:
        render_editor(lambda plan: _start(plan, ctx, chosen))
    elif run_id:
        render_run(ctx, run_id)
    elif brief_id := st.query_params.get(BRIEF):
        try:
            show_brief(_briefs(ctx).get_brief(brief_id))
        except InputError as error:
            st.warning(error_text(error))
    render_saved(ctx)


main()

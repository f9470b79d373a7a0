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

import logging
from pathlib import Path

import streamlit as st

from assistant.engine import Assistant
from assistant.errors import InputError
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.research.brief import Brief
from assistant.research.errors import ExportError
from assistant.research.export import MEDIA_TYPES, Format, check_export
from assistant.research.export import render_brief as export_bytes
from assistant.research.plan import MAX_STEPS, TOOLS, Plan, plan_from_json
from assistant.research.planner import DraftedPlan, draft_plan
from assistant.research.progress import Progress
from assistant.research.runner import ResearchRunner, shared_runner
from assistant.settings import load_settings
from ui import context
from ui import preferences as prefs
from ui.answer_view import render_answer
from ui.markup import error_text, neutralise, plain

log = logging.getLogger("marketbrief.ui")

ARTICLE_KEY = "research_article_id"  # set by the library page's "Deep analysis of this article"
RUN, BRIEF = "run", "brief"  # query parameters: reattach to a run, reopen a saved brief
TOPIC, AUTO, ARTICLE, DRAFT, NOTICES = (
    "research_topic",
    "research_auto_accept",
    "research_article",
    "research_draft",
    "research_notices",
)
TOOL_LABELS = {
    "index_returns": "Index returns",
    "sector_scores": "Sector scores",
    "quotes": "Quotes",
    "macro": "Macro (rates, curve, credit)",
    "search_commentary": "Search the library",
}
STATUS_ICONS = {
    "waiting": ":gray[:material/schedule:]",
    "running": ":blue[:material/autorenew:]",
    "ok": ":green[:material/check_circle:]",
    "partial": ":orange[:material/warning:]",
    "failed": ":red[:material/error:]",
}


@st.cache_resource(show_spinner=False)
def runner(db_path: str) -> ResearchRunner:
    """The process-wide run registry (the same object for every session and tab)."""
    settings = load_settings()
    return shared_runner(Path(db_path), lambda: Assistant(settings))


# -- the plan being edited ---------------------------------------------------------------------


def _key(field: str, uid: int) -> str:
    return f"research_{field}_{uid}"


def _next_uid() -> int:
    """A new step id for this session (widget keys follow a step when it moves)."""
    uid = int(st.session_state.get("research_next_uid", 1))
    st.session_state["research_next_uid"] = uid + 1
    return uid


def _put_draft(plan: Plan) -> None:
    """Turn a plan into editable widgets' state (one uid per step, kept across moves)."""
    uids = []
    for step in plan.steps:
        uid = _next_uid()
        st.session_state[_key("q", uid)] = step.question
        st.session_state[_key("t", uid)] = list(step.tools)
        st.session_state[_key("s", uid)] = step.query
        uids.append(uid)
    meta = plan.to_json()
    meta["uids"] = uids
    st.session_state[DRAFT] = meta


def _edited_plan() -> Plan:
    """The plan as the widgets now say (InputError when it is not a valid plan)."""
    draft = st.session_state[DRAFT]
    steps = [
        {
            "question": st.session_state.get(_key("q", uid), ""),
            "tools": st.session_state.get(_key("t", uid), []),
            "query": st.session_state.get(_key("s", uid), ""),
        }
        for uid in draft["uids"]
    ]
    fields = {k: draft[k] for k in ("topic", "language", "as_of", "article_id")}
    return plan_from_json({**fields, "steps": steps})


def _move(uid: int, offset: int) -> None:
    uids = st.session_state[DRAFT]["uids"]
    at = uids.index(uid)
    to = at + offset
    if 0 <= to < len(uids):
        uids[at], uids[to] = uids[to], uids[at]


def _remove(uid: int) -> None:
    st.session_state[DRAFT]["uids"].remove(uid)


def _add() -> None:
    uid = _next_uid()
    st.session_state[_key("q", uid)] = ""
    st.session_state[_key("t", uid)] = ["search_commentary"]
    st.session_state[_key("s", uid)] = ""
    st.session_state[DRAFT]["uids"].append(uid)


def _discard() -> None:
    st.session_state.pop(DRAFT, None)
    st.session_state.pop(NOTICES, None)


# -- starting ----------------------------------------------------------------------------------


def _start(plan: Plan, ctx: context.Context, chosen: prefs.Preferences) -> None:
    run_id = runner(str(ctx.settings.db_path)).start(
        plan, offline=chosen.offline, assistant=ctx.assistant(chosen)
    )
    _discard()
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
        _put_draft(drafted.plan)
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
    _discard()
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


def render_editor(ctx: context.Context, chosen: prefs.Preferences) -> None:
    draft = st.session_state[DRAFT]
    uids: list[int] = draft["uids"]
    st.subheader("Research plan · 研究计划", anchor=False)
    for message in st.session_state.get(NOTICES, []):
        st.info(neutralise(message), icon=":material/info:")
    st.caption(
        f"{len(uids)} steps (4 to 8) · as of {draft['as_of'] or 'the latest close'}. "
        "Edit any step, then accept to run it."
    )
    for position, uid in enumerate(uids):
        with st.container(border=True, key=f"research_step_{uid}"):
            head, up, down, drop = st.columns([12, 1, 1, 1], vertical_alignment="center")
            head.markdown(f"**Step {position + 1}**")
            up.button(
                "↑",
                key=f"research_up_{uid}",
                on_click=_move,
                args=(uid, -1),
                disabled=position == 0,
                help="Move up",
            )
            down.button(
                "↓",
                key=f"research_down_{uid}",
                on_click=_move,
                args=(uid, 1),
                disabled=position == len(uids) - 1,
                help="Move down",
            )
            drop.button(
                "✕",
                key=f"research_remove_{uid}",
                on_click=_remove,
                args=(uid,),
                help="Remove this step",
            )
            st.text_input("Question", key=_key("q", uid))
            tools, query = st.columns([1, 1])
            tools.multiselect(
                "Tools", TOOLS, key=_key("t", uid), format_func=lambda t: TOOL_LABELS.get(t, t)
            )
            query.text_input("Library search", key=_key("s", uid))
    add, accept, discard = st.columns([1, 1, 1])
    add.button(
        "Add step",
        icon=":material/add:",
        on_click=_add,
        key="research_add",
        disabled=len(uids) >= MAX_STEPS,
    )
    discard.button("Discard plan", on_click=_discard, key="research_discard", type="tertiary")
    if accept.button(
        "Accept and run", type="primary", icon=":material/play_arrow:", key="research_accept"
    ):
        try:
            plan = _edited_plan()
        except InputError as error:
            st.error(error_text(error), icon=":material/error:")
            return
        _start(plan, ctx, chosen)
        st.rerun()


def render_progress(progress: Progress, topic: str) -> None:
    step = progress.steps[progress.current - 1] if progress.current else None
    where = f"step {progress.current} of {progress.total}" if step else "waiting to start"
    tool = f" · running `{progress.tool}`" if progress.tool else ""
    st.markdown(f"**Researching:** {plain(topic)} — {where}{tool}")
    st.progress(progress.finished / max(progress.total, 1))
    lines = []
    for item in progress.steps:
        tools = f" — {', '.join(item.tools)}" if item.tools else ""
        error = f" ({item.error})" if item.error else ""
        text = plain(f"{item.n}. {item.question}{tools}{error}")
        lines.append(f"{STATUS_ICONS[item.status]} {text}")
    st.markdown("\n\n".join(lines))
    st.caption(
        "The run goes on if you close or reload this page; it will be here when you come back."
    )


@st.fragment(run_every=1.0)
def watch(db_path: str, run_id: str) -> None:
    """Progress of a running run, refreshed every second; the page reruns when it ends."""
    run = runner(db_path).get(run_id)
    if run is None or run.progress.status != "running":
        st.rerun()
        return
    render_progress(run.progress, run.plan.topic)


def render_run(ctx: context.Context, run_id: str) -> None:
    registry = runner(str(ctx.settings.db_path))
    run = registry.get(run_id)
    if run is None:
        st.warning("That research run is not known here any more.")
        return
    status = run.progress.status
    if status == "running":
        watch(str(ctx.settings.db_path), run_id)
    elif status == "done":
        brief = registry.brief(run_id)
        if brief is not None:
            show_brief(brief)
    elif status == "interrupted":
        st.warning("This run stopped when the app was restarted. Draft the plan again to rerun it.")
    else:
        st.error(f"The research run failed: {error_text(run.progress.error or '')}")


@st.cache_data(show_spinner="Preparing the file…", max_entries=12)
def exported(brief_id: str, fmt: Format, _brief: Brief) -> bytes:
    return export_bytes(_brief, fmt)


def render_downloads(brief: Brief) -> None:
    """One button per format. The file is made only when clicked (in a request of its own,
    where an error would reach only the server log), so what can be known beforehand, a
    missing font, is checked here: its button is disabled and the reason shown right below
    the buttons (the full width, as the message names what to install)."""
    stem = f"marketbrief-{brief.answer.as_of.isoformat()}-{brief.id}"
    formats: tuple[tuple[Format, str], ...] = (("md", "Markdown"), ("html", "HTML"), ("pdf", "PDF"))
    problems: list[str] = []
    for column, (fmt, label) in zip(st.columns(3), formats, strict=True):
        try:
            check_export(brief, fmt)
            problem = None
        except ExportError as error:
            problem = f"{label}: {error_text(error)}"
            problems.append(problem)
        column.download_button(
            f"Download {label}",
            data=lambda fmt=fmt: exported(brief.id, fmt, brief),  # type: ignore[misc]
            file_name=f"{stem}.{fmt}",
            mime=MEDIA_TYPES[fmt],
            key=f"research_download_{fmt}_{brief.id}",
            icon=":material/download:",
            disabled=problem is not None,
            on_click="ignore",
        )
    for problem in problems:
        st.error(problem, icon=":material/error:")


def show_brief(brief: Brief) -> None:
    render_downloads(brief)
    render_answer(brief.answer)


def render_saved(ctx: context.Context) -> None:
    saved = runner(str(ctx.settings.db_path)).store.list_briefs()
    if not saved:
        return
    with st.expander(f"Saved briefs · 已保存的简报 ({len(saved)})"):
        for item in saved:
            left, right = st.columns([6, 1], vertical_alignment="center")
            created = item.created.astimezone().strftime("%Y-%m-%d %H:%M")
            left.markdown(f"**{plain(item.title)}**  \n{plain(f'as of {item.as_of} · {created}')}")
            if right.button("Open", key=f"research_open_{item.id}"):
                _discard()
                st.query_params.clear()
                st.query_params[BRIEF] = item.id
                st.rerun()


def reattach(ctx: context.Context) -> str | None:
    """The run this page shows: the URL's, else the latest one still running."""
    run_id = st.query_params.get(RUN)
    if run_id or st.query_params.get(BRIEF) or DRAFT in st.session_state:
        return run_id
    latest = runner(str(ctx.settings.db_path)).latest()
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
        render_editor(ctx, chosen)
    elif run_id:
        render_run(ctx, run_id)
    elif brief_id := st.query_params.get(BRIEF):
        try:
            show_brief(runner(str(ctx.settings.db_path)).store.get_brief(brief_id))
        except InputError as error:
            st.warning(error_text(error))
    render_saved(ctx)


main()

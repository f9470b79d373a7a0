"""The research plan being edited: each step's question, tools and library query as widgets.

A step keeps one id (uid) for the session, so its widgets' keys follow it when it moves up or
down; the draft itself (topic, language, as-of, article and the uids in order) sits in the
session state under DRAFT.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from assistant.errors import InputError
from assistant.research.plan import MAX_STEPS, TOOLS, Plan, plan_from_json
from ui.markup import error_text, neutralise

DRAFT, NOTICES = "research_draft", "research_notices"
TOOL_LABELS = {
    "index_returns": "Index returns",
    "sector_scores": "Sector scores",
    "quotes": "Quotes",
    "macro": "Macro (rates, curve, credit)",
    "search_commentary": "Search the library",
}


def _key(field: str, uid: int) -> str:
    return f"research_{field}_{uid}"


def _next_uid() -> int:
    """A new step id for this session (widget keys follow a step when it moves)."""
    uid = int(st.session_state.get("research_next_uid", 1))
    st.session_state["research_next_uid"] = uid + 1
    return uid


def put_draft(plan: Plan) -> None:
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


def edited_plan() -> Plan:
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


def discard() -> None:
    st.session_state.pop(DRAFT, None)
    st.session_state.pop(NOTICES, None)


def render_editor(on_accept: Callable[[Plan], None]) -> None:
    """The draft as editable steps; `on_accept` runs the plan as edited."""
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
        _render_step(position, uid, len(uids))
    add, accept, drop_all = st.columns([1, 1, 1])
    add.button(
        "Add step",
        icon=":material/add:",
        on_click=_add,
        key="research_add",
        disabled=len(uids) >= MAX_STEPS,
    )
    drop_all.button("Discard plan", on_click=discard, key="research_discard", type="tertiary")
    if accept.button(
        "Accept and run", type="primary", icon=":material/play_arrow:", key="research_accept"
    ):
        try:
            plan = edited_plan()
        except InputError as error:
            st.error(error_text(error), icon=":material/error:")
            return
        on_accept(plan)
        st.rerun()


def _render_step(position: int, uid: int, count: int) -> None:
    """One step's widgets: its question, tools and query, with move and remove buttons."""
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
            disabled=position == count - 1,
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

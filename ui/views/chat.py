"""The chat page: ask a question, watch the answer being made, read it in the analysis format
with its sources beside it; follow-ups lean on the conversation, which is saved and listed in
the sidebar."""

from __future__ import annotations

import logging
import sqlite3

import streamlit as st

from assistant.answer.model import Answer
from assistant.errors import InputError
from assistant.llm.failures import EXPECTED_ERRORS
from ui import chat_session, context
from ui import preferences as prefs
from ui.answer_view import render_answer
from ui.conversation_list import render_conversations
from ui.feed_suggestions import render_feed_suggestions
from ui.markup import error_text, plain
from ui.notices import FAILURE_KEY, render_first_run, render_mode_banner
from ui.sources_panel import render_sources
from ui.streaming import show_stream

log = logging.getLogger("marketbrief.ui")
PENDING = "chat_pending_question"
EXAMPLES = (
    "罗素2000指数年初至今是否跑赢标普500?",
    "最近板块轮动如何?",
    "What do yields and credit say about small caps?",
)


def render_turn(answer: Answer, key: str) -> None:
    with st.chat_message("user"):
        st.markdown(plain(answer.question))
    with st.chat_message("assistant"):
        main, side = st.columns([3, 2], gap="large")
        with main:
            render_answer(answer)
        with side:
            render_sources(answer, key)


def ask(question: str, ctx: context.Context, session: chat_session.ChatSession) -> None:
    """Answer one question in place, save it, and rerun so it shows in the full format."""
    chosen = prefs.current()
    with st.chat_message("user"):
        st.markdown(plain(question))
    with st.chat_message("assistant"):
        assistant = ctx.assistant(chosen)
        try:
            events = assistant.stream(
                question,
                as_of=chosen.as_of,
                offline=chosen.offline,
                conversation=session.context(assistant),
                article_id=session.article_id,
            )
            streamed = show_stream(events)
        except InputError as error:
            st.warning(error_text(error), icon=":material/edit:")
            return
        except EXPECTED_ERRORS as error:
            st.error(f"The question could not be answered: {error_text(error)}")
            return
        except Exception as error:  # the chat's edge: a bug is said plainly, its traceback logged
            log.exception("answering %r failed", question)
            st.error(
                f"Something went wrong while answering ({type(error).__name__}). "
                "The details are in the server log; please try again."
            )
            return
    if streamed.answer is None:
        st.error("The answer could not be completed; please try again.")
        return
    if streamed.discarded and streamed.answer.mode == "offline":  # the LLM failed: a fallback
        st.session_state[FAILURE_KEY] = streamed.discarded
    elif streamed.answer.mode == "llm":
        st.session_state.pop(FAILURE_KEY, None)
    try:
        session.record(streamed.answer, ctx.history)
    except sqlite3.Error as error:
        session.notice = (
            f"The answer could not be saved ({error_text(error)}); it is shown but not kept."
        )
    st.rerun()


def _choose_example(question: str) -> None:
    st.session_state[PENDING] = question


def render_welcome() -> None:
    st.markdown(
        "Ask about index performance, sector rotation, yields and credit, or anything in your "
        "library, in Chinese or English. Every figure is cited: **[0]** is computed from the "
        "stored prices, **[1]**, **[2]**, … are passages from your articles."
    )
    with st.container(horizontal=True, gap="small"):
        for n, example in enumerate(EXAMPLES):
            st.button(example, key=f"example-{n}", on_click=_choose_example, args=(example,))


def render_scope(ctx: context.Context, session: chat_session.ChatSession) -> None:
    if not session.article_id:
        return
    if session.article_title is None and ctx.index is not None:
        try:
            session.article_title = ctx.index.get_article(session.article_id).title
        except EXPECTED_ERRORS:
            session.article_title = session.article_id
    with st.container(border=True, horizontal=True, vertical_alignment="center"):
        st.markdown(
            f":material/article: Questions here are about one article: "
            f"**{plain(session.article_title or session.article_id)}**"
        )
        st.button("Ask the whole library", on_click=chat_session.clear, key="unscope")


ctx = context.load()
session = chat_session.current()
render_conversations(ctx.history)

st.title("Ask marketbrief")
notices = st.container()  # filled last: it waits for the index and the price store
if session.notice:
    st.warning(session.notice)
    session.notice = None
scope = st.container()
if not session.answers:
    render_welcome()
for position, saved in enumerate(session.answers):
    render_turn(saved, f"{session.conversation_id}-{position}")

typed = st.chat_input(
    "Ask a question, e.g. 罗素2000指数年初至今是否跑赢标普500?", max_chars=2000, key="question"
)
question = typed if isinstance(typed, str) else st.session_state.pop(PENDING, None)
if question:
    ask(question, ctx, session)
with notices:
    render_mode_banner(ctx, prefs.current())
    render_first_run(ctx)
    render_feed_suggestions(ctx)
if session.article_id:
    with scope:
        render_scope(ctx, session)

"""Saved conversations in the sidebar: newest first, titled by their first question, with
"New conversation" and delete. Clicking one reopens it, also after a restart."""

from __future__ import annotations

import streamlit as st

from assistant.conversation.history import HistoryStore
from ui import chat_session
from ui.markup import plain

SHOWN = 30


def _open(store: HistoryStore, conversation_id: str) -> None:
    chat_session.reopen(store, conversation_id)


def _delete(store: HistoryStore, conversation_id: str) -> None:
    store.delete(conversation_id)
    if chat_session.current().conversation_id == conversation_id:
        chat_session.start_new()


def render_conversations(store: HistoryStore) -> None:
    current = chat_session.current()
    with st.sidebar:
        st.divider()
        st.button(
            "New conversation",
            icon=":material/add_comment:",
            on_click=chat_session.clear,
            width="stretch",
            key="new_conversation",
        )
        saved = store.list(limit=SHOWN)
        if not saved:
            st.caption("Your conversations will be listed here.")
            return
        st.caption("Conversations")
        for item in saved:
            title, delete = st.columns([6, 1], gap=None, vertical_alignment="center")
            with title:
                st.button(
                    plain(item.title),
                    key=f"open-{item.id}",
                    type="primary" if item.id == current.conversation_id else "tertiary",
                    on_click=_open,
                    args=(store, item.id),
                    help=f"{item.turns} question(s) · {item.updated:%Y-%m-%d %H:%M} UTC",
                    width="stretch",
                )
            with delete:
                st.button(
                    "",
                    key=f"delete-{item.id}",
                    icon=":material/delete:",
                    type="tertiary",
                    on_click=_delete,
                    args=(store, item.id),
                    help="Delete this conversation",
                )

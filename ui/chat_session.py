"""The conversation open in this browser session: its saved id, its answers, its scope.

The answers are the source of truth (they are what the history store keeps); the engine's
`Conversation`, which follow-up questions lean on, is rebuilt from them when a saved
conversation is reopened. A conversation may be scoped to one article ("ask about this
article"): every question in it then searches that article only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import streamlit as st

from assistant.answer.model import Answer
from assistant.conversation.history import HistoryStore

if TYPE_CHECKING:  # the engine is imported when the first question is asked
    from assistant.conversation.memory import Conversation
    from assistant.engine import Assistant

KEY = "chat_session"


@dataclass
class ChatSession:
    conversation_id: str | None = None
    answers: list[Answer] = field(default_factory=list)
    article_id: str | None = None
    article_title: str | None = None
    conversation: Conversation | None = None  # rebuilt on demand from `answers`
    notice: str | None = None  # something to tell the reader once (e.g. unreadable turns)

    def context(self, assistant: Assistant) -> Conversation:
        """The engine's conversation for the next question (rebuilt after a reopen)."""
        if self.conversation is None:
            self.conversation = assistant.conversation_from(self.answers)
        return self.conversation

    def record(self, answer: Answer, store: HistoryStore) -> None:
        """Keep a finished answer in the session and in the history store."""
        self.answers.append(answer)
        self.conversation_id = store.add_turn(
            self.conversation_id, answer, article_id=self.article_id
        )


def current() -> ChatSession:
    session = st.session_state.get(KEY)
    if not isinstance(session, ChatSession):
        session = ChatSession()
        st.session_state[KEY] = session
    return session


def start_new(article_id: str | None = None, article_title: str | None = None) -> ChatSession:
    session = ChatSession(article_id=article_id, article_title=article_title)
    st.session_state[KEY] = session
    return session


def clear() -> None:
    """Start over with an empty conversation (a button callback)."""
    start_new()


def reopen(store: HistoryStore, conversation_id: str) -> ChatSession:
    """Load a saved conversation into the session (a new empty one if it is gone)."""
    saved = store.get(conversation_id)
    if saved is None:
        return start_new()
    session = ChatSession(
        conversation_id=conversation_id,
        answers=list(saved.answers),
        article_id=saved.summary.article_id,
    )
    if saved.unreadable:
        session.notice = (
            f"{saved.unreadable} earlier answer(s) could not be read and are not shown."
        )
    st.session_state[KEY] = session
    return session

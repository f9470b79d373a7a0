"""Saved conversations: every question and its Answer, kept in the product's database.

The browser lists them (newest first, titled by the first question) and reopens them after a
restart; the saved Answers are what `Assistant.conversation_from` rebuilds a follow-up's context
from. Each write is one transaction (a new conversation and its first turn land together or not
at all), and every call takes a pooled connection for its length only, so the store is safe to
share between the threads of a Streamlit server and between processes (machines, when shared).
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import ColumnElement, Connection, delete, func, select, update

from assistant.answer.links import defang_answer
from assistant.answer.model import Answer
from ingest.database.engine import Database
from ingest.database.migrate import product_database
from ingest.database.schema import NO_OWNER, conversation_turns, conversations

TITLE_CHARS = 80


@dataclass(frozen=True)
class ConversationSummary:
    """One row of the sidebar list."""

    id: str
    title: str
    updated: dt.datetime
    turns: int
    article_id: str | None = None


@dataclass(frozen=True)
class SavedConversation:
    summary: ConversationSummary
    answers: tuple[Answer, ...]
    unreadable: int = 0  # turns whose saved answer no longer parses (left out, not fatal)


def title_for(question: str) -> str:
    """A conversation's title: its first question on one line, shortened."""
    line = " ".join(question.split())
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class HistoryStore:
    """One person's conversations and their turns (question + Answer JSON), in the product's
    database (a SQLite file, or the shared database). `owner` is who is signed in; nobody
    ("") in the embedded app. A conversation of another owner is, to this store, not there."""

    def __init__(self, where: Path | Database, owner: str = NO_OWNER) -> None:
        self.db = product_database(where)
        self.owner = owner

    def for_owner(self, owner: str) -> HistoryStore:
        """The same database, as another person sees it (no second look at its schema: pages
        call this on every rerun, a run's watcher every second)."""
        view = copy.copy(self)
        view.owner = owner
        return view

    def add_turn(
        self, conversation_id: str | None, answer: Answer, *, article_id: str | None = None
    ) -> str:
        """Save one answered question; with no conversation id, start a new conversation
        titled by this question. Returns the conversation id."""
        now = _now()
        with self.db.write() as db:
            if conversation_id is None or not self._exists(db, conversation_id):
                conversation_id = (
                    conversation_id
                    if conversation_id and not self._taken(db, conversation_id)
                    else uuid.uuid4().hex
                )
                db.execute(
                    conversations.insert().values(
                        id=conversation_id,
                        title=title_for(answer.question),
                        article_id=article_id,
                        created=now,
                        updated=now,
                        owner=self.owner,
                    )
                )
            position = db.execute(
                select(func.coalesce(func.max(conversation_turns.c.position), -1) + 1).where(
                    conversation_turns.c.conversation_id == conversation_id
                )
            ).scalar_one()
            db.execute(
                conversation_turns.insert().values(
                    conversation_id=conversation_id,
                    position=position,
                    question=answer.question,
                    answer_json=answer.model_dump_json(),
                    created=now,
                )
            )
            db.execute(
                update(conversations)
                .where(conversations.c.id == conversation_id)
                .values(updated=now)
            )
        return conversation_id

    def _mine(self) -> ColumnElement[bool]:
        return conversations.c.owner == self.owner

    def _exists(self, db: Connection, conversation_id: str) -> bool:
        """The conversation is there and this owner's."""
        found = db.execute(
            select(conversations.c.id).where(conversations.c.id == conversation_id, self._mine())
        )
        return found.first() is not None

    @staticmethod
    def _taken(db: Connection, conversation_id: str) -> bool:
        """Some owner has a conversation with this id (another's is never written into)."""
        found = db.execute(select(conversations.c.id).where(conversations.c.id == conversation_id))
        return found.first() is not None

    def list(self, limit: int = 200) -> list[ConversationSummary]:
        """Conversations, the most recently used first."""
        c, t = conversations.c, conversation_turns.c
        query = (
            select(c.id, c.title, c.updated, c.article_id, func.count(t.position))
            .select_from(conversations.outerjoin(conversation_turns, t.conversation_id == c.id))
            .where(self._mine())
            .group_by(c.id, c.title, c.updated, c.article_id)
            .order_by(c.updated.desc())
            .limit(limit)
        )
        with self.db.read() as db:
            rows = db.execute(query).all()
        return [
            ConversationSummary(
                id=row[0],
                title=row[1],
                updated=dt.datetime.fromisoformat(row[2]),
                article_id=row[3],
                turns=row[4],
            )
            for row in rows
        ]

    def get(self, conversation_id: str) -> SavedConversation | None:
        """A conversation with its answers in order; None if it was deleted (or is not this
        owner's)."""
        c = conversations.c
        with self.db.read() as db:
            head = db.execute(
                select(c.id, c.title, c.updated, c.article_id).where(
                    c.id == conversation_id, self._mine()
                )
            ).first()
            if head is None:
                return None
            rows = db.execute(
                select(conversation_turns.c.answer_json)
                .where(conversation_turns.c.conversation_id == conversation_id)
                .order_by(conversation_turns.c.position)
            ).all()
        answers: list[Answer] = []
        for (saved,) in rows:
            try:
                # saved before URLs were defanged at assembly: defanged as they come back
                answers.append(defang_answer(Answer.model_validate_json(saved)))
            except ValidationError:
                continue
        summary = ConversationSummary(
            id=head[0],
            title=head[1],
            updated=dt.datetime.fromisoformat(head[2]),
            article_id=head[3],
            turns=len(rows),
        )
        return SavedConversation(summary, tuple(answers), unreadable=len(rows) - len(answers))

    def delete(self, conversation_id: str) -> bool:
        """Delete a conversation and its turns; False if there was no such conversation."""
        with self.db.write() as db:
            deleted = db.execute(
                delete(conversations).where(conversations.c.id == conversation_id, self._mine())
            )
            return deleted.rowcount > 0

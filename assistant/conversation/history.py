"""Saved conversations: every question and its Answer, kept in SQLite in the data directory.

The browser lists them (newest first, titled by the first question) and reopens them after a
restart; the saved Answers are what `Assistant.conversation_from` rebuilds a follow-up's context
from. Each write is one transaction (a new conversation and its first turn land together or not
at all), and every call opens its own short-lived connection, so the store is safe to share
between the threads of a Streamlit server and between processes.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from assistant.answer.links import defang_answer
from assistant.answer.model import Answer
from ingest.sqlite import opened, transaction

TITLE_CHARS = 80
_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    article_id TEXT,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS conversation_turns (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer_json TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (conversation_id, position)
);
CREATE INDEX IF NOT EXISTS conversations_updated ON conversations(updated);
"""


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
    """Conversations and their turns (question + Answer JSON) in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with opened(path) as db:
            db.executescript(_SCHEMA)

    def add_turn(
        self, conversation_id: str | None, answer: Answer, *, article_id: str | None = None
    ) -> str:
        """Save one answered question; with no conversation id, start a new conversation
        titled by this question. Returns the conversation id."""
        now = _now()
        with opened(self.path) as db, transaction(db):
            if conversation_id is None or not self._exists(db, conversation_id):
                conversation_id = conversation_id or uuid.uuid4().hex
                db.execute(
                    "INSERT INTO conversations (id, title, article_id, created, updated) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (conversation_id, title_for(answer.question), article_id, now, now),
                )
            position = db.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM conversation_turns "
                "WHERE conversation_id = ?",
                (conversation_id,),
            ).fetchone()[0]
            db.execute(
                "INSERT INTO conversation_turns "
                "(conversation_id, position, question, answer_json, created) "
                "VALUES (?, ?, ?, ?, ?)",
                (conversation_id, position, answer.question, answer.model_dump_json(), now),
            )
            db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))
        return conversation_id

    @staticmethod
    def _exists(db: sqlite3.Connection, conversation_id: str) -> bool:
        row = db.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,))
        return row.fetchone() is not None

    def list(self, limit: int = 200) -> list[ConversationSummary]:
        """Conversations, the most recently used first."""
        with opened(self.path) as db:
            rows = db.execute(
                "SELECT c.id, c.title, c.updated, c.article_id, COUNT(t.position) "
                "FROM conversations c LEFT JOIN conversation_turns t ON t.conversation_id = c.id "
                "GROUP BY c.id ORDER BY c.updated DESC LIMIT ?",
                (limit,),
            ).fetchall()
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
        """A conversation with its answers in order; None if it was deleted."""
        with opened(self.path) as db:
            head = db.execute(
                "SELECT id, title, updated, article_id FROM conversations WHERE id = ?",
                (conversation_id,),
            ).fetchone()
            if head is None:
                return None
            rows = db.execute(
                "SELECT answer_json FROM conversation_turns WHERE conversation_id = ? "
                "ORDER BY position",
                (conversation_id,),
            ).fetchall()
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
        with opened(self.path) as db, transaction(db):
            deleted = db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
            return deleted.rowcount > 0

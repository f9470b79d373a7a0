"""The conversation store: saved answers come back in order, newest conversation first,
one transaction per write, and a deleted conversation is gone with its turns."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from assistant.answer.model import Answer, Section
from assistant.conversation.history import TITLE_CHARS, HistoryStore, title_for


def answer(question: str) -> Answer:
    return Answer(
        question=question,
        title=f"About {question}",
        as_of=dt.date(2026, 1, 23),
        language="en",
        mode="offline",
        sections=(Section(key="analysis", heading="Comprehensive analysis", text="Up 7.54%[0]."),),
    )


def test_turns_round_trip_in_order_and_the_title_is_the_first_question(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "db.sqlite3")
    first = store.add_turn(None, answer("Did small caps lead?"))
    assert store.add_turn(first, answer("And the Nasdaq?")) == first
    saved = store.get(first)
    assert saved is not None and saved.summary.title == "Did small caps lead?"
    assert [a.question for a in saved.answers] == ["Did small caps lead?", "And the Nasdaq?"]
    assert saved.answers[0] == answer("Did small caps lead?")  # the whole Answer, JSON round trip


def test_conversations_are_listed_most_recent_first(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "db.sqlite3")
    older = store.add_turn(None, answer("one"))
    newer = store.add_turn(None, answer("two"))
    assert [c.id for c in store.list()] == [newer, older]
    store.add_turn(older, answer("three"))  # used again: back on top
    listed = store.list()
    assert [c.id for c in listed] == [older, newer] and listed[0].turns == 2


def test_delete_removes_the_conversation_and_its_turns(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = HistoryStore(path)
    kept, gone = store.add_turn(None, answer("keep")), store.add_turn(None, answer("drop"))
    assert store.delete(gone) and not store.delete(gone)
    assert store.get(gone) is None and [c.id for c in store.list()] == [kept]
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM conversation_turns").fetchone()[0] == 1


def test_a_failed_write_leaves_nothing_half_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = HistoryStore(tmp_path / "db.sqlite3")

    def broken(self: Answer, **kwargs: object) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Answer, "model_dump_json", broken)
    with pytest.raises(RuntimeError):
        store.add_turn(None, answer("lost"))
    monkeypatch.undo()
    assert store.list() == []  # the conversation row went back with the failed turn


def test_an_unreadable_turn_is_left_out_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = HistoryStore(path)
    conversation = store.add_turn(None, answer("fine"))
    store.add_turn(conversation, answer("broken later"))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE conversation_turns SET answer_json = '{}' WHERE position = 1")
    saved = store.get(conversation)
    assert saved is not None and len(saved.answers) == 1 and saved.unreadable == 1


def test_the_store_survives_a_reopen_and_an_article_scope(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "db.sqlite3"
    conversation = HistoryStore(path).add_turn(None, answer("scoped"), article_id="abc123")
    reopened = HistoryStore(path).get(conversation)
    assert reopened is not None and reopened.summary.article_id == "abc123"


def test_long_questions_make_short_titles() -> None:
    title = title_for("why " * 100)
    assert len(title) == TITLE_CHARS and title.endswith("…")
    assert title_for("  two\n lines ") == "two lines"

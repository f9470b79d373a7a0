"""Every SQLite connection is opened alike: WAL, a busy wait, foreign keys, explicit
transactions that commit whole or not at all."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from ingest.sqlite import BUSY_TIMEOUT_S, connect, transaction


def pragma(db: sqlite3.Connection, name: str) -> object:
    return db.execute(f"PRAGMA {name}").fetchone()[0]


def closing_connect(path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(connect(path))


def test_the_shared_settings(tmp_path: Path) -> None:
    with closing_connect(tmp_path / "a.sqlite3") as db:
        assert pragma(db, "journal_mode") == "wal"
        assert pragma(db, "synchronous") == 1  # NORMAL
        assert pragma(db, "busy_timeout") == int(BUSY_TIMEOUT_S * 1000)
        assert pragma(db, "foreign_keys") == 1
        assert db.isolation_level is None  # autocommit outside `transaction`


def test_a_transaction_commits_whole_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    with closing_connect(path) as db:
        db.execute("CREATE TABLE t (n INTEGER)")
        with transaction(db):
            db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ZeroDivisionError), transaction(db):
            db.execute("INSERT INTO t VALUES (2)")
            _ = 1 / 0
        assert not db.in_transaction
    with closing_connect(path) as again:
        assert again.execute("SELECT n FROM t").fetchall() == [(1,)]


def test_read_only_and_rollback_journal(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    db = connect(path, wal=False)
    assert pragma(db, "journal_mode") == "delete"
    db.execute("CREATE TABLE t (n INTEGER)")
    db.close()
    reader = connect(path, readonly=True)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.execute("INSERT INTO t VALUES (1)")
    reader.close()
    with pytest.raises(sqlite3.OperationalError):
        connect(tmp_path / "missing.sqlite3", readonly=True)

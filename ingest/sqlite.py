"""Opening SQLite files directly: the read-only caches derived from data files a package ships
(jieba's dictionary, CC-CEDICT: `ingest.zhwords`, `ingest.cedict`), written whole once and
then opened `readonly`. The product's own tables (catalog, conversations, research, prices) go
through `ingest.database`, which opens SQLite with the same rules and PostgreSQL alike.

Every connection from `connect` behaves the same: WAL (a reader never waits for a writer),
synchronous=NORMAL, a writer waits up to BUSY_TIMEOUT_S for another, foreign keys enforced,
autocommit outside `transaction` (BEGIN IMMEDIATE, then all of it committed or none).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path

BUSY_TIMEOUT_S = 10.0  # how long a writer queues behind another (the README states it)


def connect(path: Path, *, readonly: bool = False, wal: bool = True) -> sqlite3.Connection:
    """A connection to the database at `path` (created if missing, unless `readonly`).

    `wal=False` keeps SQLite's rollback journal, for a file written once and later opened
    `readonly` from a folder that may not be writable (a WAL file needs its side files there).
    """
    if readonly:
        target, uri = f"{path.resolve().as_uri()}?mode=ro", True
    else:
        target, uri = str(path), False
    db = sqlite3.connect(
        target, uri=uri, timeout=BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None
    )
    try:
        if not readonly:
            if wal:
                db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error:  # a read-only or full disk refuses the pragmas: close, then report
        db.close()
        raise
    return db


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of it is committed, or (on any error, a full disk included)
    none of it."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.execute("COMMIT")
    finally:  # the body or the commit failed (or was interrupted): undo all of it
        if db.in_transaction:
            db.execute("ROLLBACK")


def cache_file(kind: str, version: int, source: Path) -> Path:
    """Where a table derived from `source` (a data file a package ships) is cached: the user's
    cache folder, one file per source size, time and format `version`, so an upgrade gets a
    new file."""
    from platformdirs import user_cache_dir

    stat = source.stat()
    name = f"{kind}-v{version}-{stat.st_size}-{stat.st_mtime_ns}.sqlite3"
    return Path(user_cache_dir("marketbrief", appauthor=False)) / name


def write_whole(path: Path, fill: Callable[[sqlite3.Connection], None]) -> None:
    """Write a cache file whole or not at all: `fill` writes into a temporary file, renamed
    into place. A rollback journal, not WAL: the file is read with mode=ro, even from a
    read-only home."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        with closing(connect(staging, wal=False)) as db, transaction(db):
            fill(db)
        os.replace(staging, path)
    finally:
        with suppress(OSError):
            staging.unlink()

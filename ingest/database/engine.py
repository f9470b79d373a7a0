"""One database, embedded or shared: a SQLite file, or a PostgreSQL server many machines use.

Every table of the product (the library catalog, conversations, research, prices, what LLM
mode learned about models) is read and written through a `Database`, with SQLAlchemy Core, so
the same statements run on both engines. What differs is kept here:

- SQLite: WAL (a reader never waits for a writer), synchronous=NORMAL (a committed transaction
  survives the process being killed), foreign keys on, writers queue up to BUSY_TIMEOUT_S for
  the lock, and a write transaction is BEGIN IMMEDIATE: it takes the lock at its start, so none
  fails halfway for want of it. A read is a plain (deferred) transaction: one snapshot.
- PostgreSQL (psycopg 3): a pooled connection checked before use, a connect timeout, and a
  write that names a `lock` takes a transaction-scoped advisory lock first, so such writes
  are serialised across every machine exactly as SQLite serialises them on one.

A write is all committed or, on any error, none of it. Engines are shared per URL within the
process, so the catalog, the conversations and the runs of one PostgreSQL share one pool.
"""

from __future__ import annotations

import sqlite3
import threading
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, event, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.sql.dml import Insert

from ingest.errors import IngestError
from ingest.sqlite import BUSY_TIMEOUT_S
from ingest.storage import storage_error

CONNECT_TIMEOUT_S = 10  # how long reaching PostgreSQL may take before the command says so
_WRITE = "marketbrief_write"  # the execution option that makes SQLite's BEGIN IMMEDIATE

_ENGINES: dict[str, Engine] = {}
_ENGINES_LOCK = threading.Lock()


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(
        url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi: sqlite3.Connection, _record: object) -> None:
        dbapi.isolation_level = None  # we issue BEGIN ourselves (below), pysqlite none
        try:
            dbapi.execute("PRAGMA journal_mode=WAL")
            dbapi.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.OperationalError as error:
            # a read-only folder refuses WAL: reads still work, a write will say why it failed
            if "readonly" not in str(error) and "read-only" not in str(error):
                raise
        dbapi.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _postgres_engine(url: str) -> Engine:
    return create_engine(
        url,
        pool_pre_ping=True,  # a server restarted under a long-lived UI: reconnect, not fail
        pool_size=5,
        max_overflow=10,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
    )


def _engine(url: str) -> Engine:
    with _ENGINES_LOCK:
        if url not in _ENGINES:
            builder = _sqlite_engine if url.startswith("sqlite") else _postgres_engine
            _ENGINES[url] = builder(url)
        return _ENGINES[url]


def dispose_all() -> None:
    """Close every pooled connection of this process (tests; a process about to exit)."""
    with _ENGINES_LOCK:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


class Database:
    """A database for one part of the product (`what`, e.g. "the library catalog"), used the
    same way from every thread; its failures are one-line errors naming it."""

    def __init__(self, url: str, what: str) -> None:
        self.url = url
        self.what = what
        self.engine = _engine(url)
        self.dialect = self.engine.dialect.name  # "sqlite" or "postgresql"
        parsed = make_url(url)
        self.file: Path | None = (
            Path(parsed.database) if self.dialect == "sqlite" and parsed.database else None
        )
        self.folder = self.file.parent if self.file else None
        # where, as a person may see it: the file, or host/database without the password
        self.where = (
            parsed.database or ":memory:"
            if self.dialect == "sqlite"
            else f"{parsed.host}:{parsed.port or 5432}/{parsed.database}"
        )

    @property
    def shared(self) -> bool:
        return self.dialect == "postgresql"

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reads: one snapshot on SQLite, rolled back when done."""
        with self.failures("read"), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def write(self, lock: str | None = None) -> Iterator[Connection]:
        """One write transaction: all of it is committed, or (on any error) none of it.

        With `lock`, writes naming the same lock run one at a time across every process and
        machine (SQLite's write lock already does that for all of its writes)."""
        with self.failures("write"), self.engine.connect() as connection:
            connection = connection.execution_options(**{_WRITE: True})
            with connection.begin():
                if lock and self.shared:
                    key = zlib.crc32(lock.encode()) - 2**31  # a signed 32-bit advisory key
                    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
                yield connection

    def insert(self, table: Table) -> Insert:
        """An INSERT in this engine's dialect (for its ON CONFLICT clauses)."""
        if self.shared:
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            return pg_insert(table)
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table)

    def upsert(self, table: Table, keys: Sequence[str], update: Sequence[str] | None = None) -> Any:
        """INSERT … ON CONFLICT (keys) DO UPDATE the other columns (or `update`); with
        `update=()` an existing row is kept as it is."""
        statement: Any = self.insert(table)
        columns = (
            [c.name for c in table.columns if c.name not in keys] if update is None else update
        )
        if not columns:
            return statement.on_conflict_do_nothing(index_elements=list(keys))
        return statement.on_conflict_do_update(
            index_elements=list(keys),
            set_={name: statement.excluded[name] for name in columns},
        )

    @contextmanager
    def failures(self, doing: str) -> Iterator[None]:
        """A failure of the database itself (unreachable, locked too long, disk full, read
        only) as one line naming it. A statement the database refuses for its content (our
        SQL, a constraint) is a bug and is not caught here."""
        try:
            yield
        except (sa_exc.OperationalError, sa_exc.InterfaceError, OSError) as error:
            cause = getattr(error, "orig", None) or error
            if self.folder is not None:
                found = storage_error(cause, self.folder)
                if found is not None:
                    raise found from None
            first = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause)
            raise DatabaseUnavailable(
                f"cannot {doing} {self.what} at {self.where}: {first}"
            ) from None
        except sa_exc.DatabaseError as error:
            # SQLite's "file is not a database" / "malformed": the file, not our statement
            if (
                self.dialect == "sqlite"
                and type(getattr(error, "orig", None)) is sqlite3.DatabaseError
            ):
                raise DatabaseUnavailable(
                    f"cannot {doing} {self.what} at {self.where}: {error.orig}"
                ) from None
            raise


class DatabaseUnavailable(IngestError):
    """The database could not be reached, opened or written (one line says why)."""

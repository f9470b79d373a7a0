"""The catalog: a SQLite file that is the library's source of truth.

It keeps every article (with its sections and reference list, for `library show`), every chunk
(text and search tokens, from which the lexical index is rebuilt and the vectors re-embedded),
and a generation counter that moves on every committed change so a lexical index built for an
older generation is known to be stale.

Crash safety: an article being replaced is first marked `pending`; its chunks and row are
written in one transaction only after the vector store has the new vectors. The vectors the
new version no longer needs are listed in `stale_vectors` in that same transaction and deleted
from the vector store afterwards. So the vector store always holds every chunk the catalog
has (plus, briefly, some it no longer needs), a run killed anywhere leaves the old, complete
version readable, and the next run sees `pending` (or the stale list) and finishes the work.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.dates import date_key, from_key
from ingest.errors import IngestError
from ingest.sqlite import connect, transaction
from ingest.storage import storage_error

if TYPE_CHECKING:  # the models (pydantic) load when one is built: `library ls` needs none
    from ingest.models import Article, ArticleSummary, Chunk

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    state TEXT NOT NULL,
    title TEXT NOT NULL,
    published INTEGER,
    source TEXT NOT NULL,
    url TEXT,
    lang TEXT NOT NULL,
    tags TEXT NOT NULL,
    tickers TEXT NOT NULL,
    body TEXT NOT NULL,
    chunks INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    section TEXT NOT NULL,
    page INTEGER,
    text TEXT NOT NULL,
    tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_article ON chunks(article_id, ordinal);
CREATE TABLE IF NOT EXISTS stale_vectors (id TEXT PRIMARY KEY);
"""
COMPLETE, PENDING = "complete", "pending"
EMPTY_MESSAGE = "the library is empty: ingest files with `marketbrief ingest PATH`"


def catalog_path(
    data_dir: Path, collection: str, chroma_host: str | None = None, chroma_port: int = 8000
) -> Path:
    """The catalog of the library in `data_dir` whose vectors are in `collection`, locally or
    on the Chroma server at `chroma_host`:`chroma_port` (each server has its own catalog)."""
    name = f"{collection}@{chroma_host}_{chroma_port}" if chroma_host else collection
    return data_dir / f"{name}.sqlite3"


@dataclass(frozen=True)
class ChunkRow:
    """A chunk with the article fields a hit, a filter or a re-embedding needs."""

    id: str
    article_id: str
    ordinal: int
    section: str
    page: int | None
    text: str
    tokens: str
    title: str
    published: int | None
    source: str
    url: str | None
    lang: str
    tags: tuple[str, ...]
    tickers: tuple[str, ...]

    @property
    def published_date(self) -> dt.date | None:
        return from_key(self.published)


@dataclass(frozen=True)
class Entry:
    """One article ready to commit: its chunks and each chunk's search tokens."""

    article: Article
    digest: str
    chunks: Sequence[Chunk]
    tokens: Sequence[list[str]]


_CHUNK_COLUMNS = """c.id, c.article_id, c.ordinal, c.section, c.page, c.text, c.tokens,
    a.title, a.published, a.source, a.url, a.lang, a.tags, a.tickers"""
_PLAIN_CHUNK_FIELDS = tuple(c.strip().split(".")[1] for c in _CHUNK_COLUMNS.split(","))[:-2]


def _chunk_row(row: Sequence[Any]) -> ChunkRow:
    """A row in `_CHUNK_COLUMNS` order; tags and tickers are stored as JSON lists."""
    *columns, tags, tickers = row
    return ChunkRow(
        **dict(zip(_PLAIN_CHUNK_FIELDS, columns, strict=True)),
        tags=tuple(json.loads(tags)),
        tickers=tuple(json.loads(tickers)),
    )


class Catalog:
    """The SQLite catalog (thread-safe within a process, WAL for readers in other processes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        with self._failures("open"):
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = connect(path)
            self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _failures(self, doing: str) -> Iterator[None]:
        """SQLite and file errors as one line: a StorageError (full, read-only) or else an
        IngestError naming the catalog."""
        try:
            yield
        except (sqlite3.Error, OSError) as error:
            found = storage_error(error, self.path.parent)
            if found is not None:
                raise found from None
            raise IngestError(f"cannot {doing} the library catalog {self.path}: {error}") from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is written, or (on any error, a full disk included)
        none of it."""
        with self._lock, self._failures("write"), transaction(self._db) as db:
            yield db

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        with self._lock, self._failures("read"):
            return self._db.execute(sql, params).fetchall()

    # -- meta ---------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def generation(self) -> int:
        return int(self.meta("generation") or 0)

    @staticmethod
    def _bump(db: sqlite3.Connection) -> None:
        db.execute(
            "INSERT INTO meta(key, value) VALUES ('generation', '1') ON CONFLICT(key) "
            "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    # -- articles -----------------------------------------------------------------------------

    def states(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """{id: (digest, state)} for the ids already in the catalog."""
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(ids), 500):
            part = list(ids[start : start + 500])
            marks = ",".join("?" * len(part))
            for row in self._query(
                f"SELECT id, digest, state FROM articles WHERE id IN ({marks})", part
            ):
                found[row[0]] = (row[1], row[2])
        return found

    def mark_pending(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        with self._transaction() as db:
            db.executemany(
                "UPDATE articles SET state = ? WHERE id = ?", [(PENDING, i) for i in ids]
            )

    def commit(self, entries: Sequence[Entry], stale: Sequence[str] = ()) -> None:
        """Replace these articles and their chunks in one transaction, note the vectors they
        no longer need, and move the generation."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._transaction() as db:
            db.executemany("INSERT OR IGNORE INTO stale_vectors VALUES (?)", [(i,) for i in stale])
            db.executemany(
                "DELETE FROM chunks WHERE article_id = ?", [(e.article.id,) for e in entries]
            )
            db.executemany(
                "INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (c.id, c.article_id, c.ordinal, c.section, c.page, c.text, " ".join(t))
                    for e in entries
                    for c, t in zip(e.chunks, e.tokens, strict=True)
                ],
            )
            db.executemany(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [self._article_row(e, now) for e in entries],
            )
            self._bump(db)

    @staticmethod
    def _article_row(entry: Entry, now: str) -> tuple[object, ...]:
        a = entry.article
        return (
            a.id,
            entry.digest,
            COMPLETE,
            a.title,
            date_key(a.published),
            a.source,
            a.url,
            a.lang,
            json.dumps(list(a.tags), ensure_ascii=False),
            json.dumps(list(a.tickers), ensure_ascii=False),
            a.model_dump_json(),
            len(entry.chunks),
            now,
        )

    def remove(self, article_id: str, stale: Sequence[str] = ()) -> bool:
        with self._transaction() as db:
            db.executemany("INSERT OR IGNORE INTO stale_vectors VALUES (?)", [(i,) for i in stale])
            db.execute("DELETE FROM chunks WHERE article_id = ?", (article_id,))
            gone = db.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount
            self._bump(db)
        return bool(gone)

    def stale_vectors(self) -> list[str]:
        return [r[0] for r in self._query("SELECT id FROM stale_vectors")]

    def forget_stale(self, ids: Sequence[str]) -> None:
        if ids:
            with self._transaction() as db:
                db.executemany("DELETE FROM stale_vectors WHERE id = ?", [(i,) for i in ids])

    def article(self, article_id: str) -> Article | None:
        from ingest.models import Article

        rows = self._query("SELECT body FROM articles WHERE id = ?", (article_id,))
        return Article.model_validate_json(rows[0][0]) if rows else None

    def find_ids(self, prefix: str) -> list[str]:
        """Ids starting with `prefix`, so a person may type a short unique prefix."""
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self._query(
            "SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 5", (escaped + "%",)
        )
        return [r[0] for r in rows]

    def summary_rows(self) -> list[dict[str, Any]]:
        """Every article as a plain dict with the fields of ArticleSummary, in its order, newest
        first (undated last). No model is built: listing the library stays light."""
        rows = self._query(
            "SELECT id, title, published, source, url, tickers, tags, chunks FROM articles "
            "ORDER BY published IS NULL, published DESC, title"
        )
        return [
            {
                "id": r[0],
                "title": r[1],
                "published": from_key(r[2]),
                "source": r[3],
                "url": r[4],
                "tickers": tuple(json.loads(r[5])),
                "tags": tuple(json.loads(r[6])),
                "chunks": r[7],
            }
            for r in rows
        ]

    def summaries(self) -> list[ArticleSummary]:
        from ingest.models import ArticleSummary

        return [ArticleSummary(**row) for row in self.summary_rows()]

    def count_articles(self, published_after: dt.date | None = None) -> int:
        if published_after is None:
            return int(self._query("SELECT COUNT(*) FROM articles")[0][0])
        after = date_key(published_after)
        return int(self._query("SELECT COUNT(*) FROM articles WHERE published > ?", (after,))[0][0])

    def count_chunks(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM chunks")[0][0])

    # -- chunks -------------------------------------------------------------------------------

    def chunk_ids(self, article_id: str) -> list[str]:
        return [
            r[0] for r in self._query("SELECT id FROM chunks WHERE article_id = ?", (article_id,))
        ]

    def chunks(self, ids: Sequence[str]) -> dict[str, ChunkRow]:
        """The rows for these chunk ids (ids not in the catalog are simply absent)."""
        found: dict[str, ChunkRow] = {}
        for start in range(0, len(ids), 500):
            part = list(ids[start : start + 500])
            marks = ",".join("?" * len(part))
            sql = (
                f"SELECT {_CHUNK_COLUMNS} FROM chunks c JOIN articles a ON a.id = c.article_id "
                f"WHERE c.id IN ({marks})"
            )
            found.update((row[0], _chunk_row(row)) for row in self._query(sql, part))
        return found

    def iter_chunks(self, batch: int = 2000) -> Iterator[list[ChunkRow]]:
        """Every chunk in a stable order (rowid), in batches: for rebuilds and re-embedding."""
        last = 0
        while True:
            rows = self._query(
                f"SELECT c.rowid, {_CHUNK_COLUMNS} FROM chunks c "
                "JOIN articles a ON a.id = c.article_id WHERE c.rowid > ? ORDER BY c.rowid LIMIT ?",
                (last, batch),
            )
            if not rows:
                return
            last = rows[-1][0]
            yield [_chunk_row(row[1:]) for row in rows]

    def iter_articles(self, batch: int = 500) -> Iterator[list[Article]]:
        """Every article, in batches (for a re-index)."""
        from ingest.models import Article

        last = ""
        while True:
            rows = self._query(
                "SELECT id, body FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
            )
            if not rows:
                return
            last = rows[-1][0]
            yield [Article.model_validate_json(r[1]) for r in rows]

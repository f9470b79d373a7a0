"""The catalog: the library's source of truth, a SQLite file embedded or PostgreSQL shared.

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
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, cast, delete, func, literal, select, update
from sqlalchemy import Integer as SqlInteger
from sqlalchemy import Text as SqlText

from ingest.database.engine import Database, sqlite_url
from ingest.database.migrate import migrate
from ingest.database.schema import articles, chunks, meta, stale_vectors
from ingest.dates import date_key, from_key
from ingest.errors import UnknownArticle

if TYPE_CHECKING:  # the models (pydantic) load when one is built: `library ls` needs none
    from ingest.models import Article, ArticleSummary, Chunk

COMPLETE, PENDING = "complete", "pending"
TOKENIZER_KEY = "tokenizer"  # meta: the `ingest.tokens.VERSION` that cut the stored tokens
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


_CHUNK_COLUMNS = (
    chunks.c.id,
    chunks.c.article_id,
    chunks.c.ordinal,
    chunks.c.section,
    chunks.c.page,
    chunks.c.text,
    chunks.c.tokens,
    articles.c.title,
    articles.c.published,
    articles.c.source,
    articles.c.url,
    articles.c.lang,
    articles.c.tags,
    articles.c.tickers,
)
_PLAIN_CHUNK_FIELDS = tuple(column.name for column in _CHUNK_COLUMNS)[:-2]
_CHUNKS_WITH_ARTICLES = chunks.join(articles, articles.c.id == chunks.c.article_id)
_IN_BATCH = 500  # ids per IN (…) list: well under SQLite's limit of bound parameters


def _chunk_row(row: Sequence[Any]) -> ChunkRow:
    """A row in `_CHUNK_COLUMNS` order; tags and tickers are stored as JSON lists."""
    *columns, tags, tickers = row
    return ChunkRow(
        **dict(zip(_PLAIN_CHUNK_FIELDS, columns, strict=True)),
        tags=tuple(json.loads(tags)),
        tickers=tuple(json.loads(tickers)),
    )


class Catalog:
    """The catalog, in a SQLite file (`path`) or a shared database (`database`). Safe to use
    from any thread and from many processes (on many machines, when shared)."""

    def __init__(self, path: Path | None = None, *, database: Database | None = None) -> None:
        if database is None:
            if path is None:
                raise ValueError("a catalog needs a file or a database")
            path.parent.mkdir(parents=True, exist_ok=True)
            database = Database(sqlite_url(path), "the library catalog")
        self.db = database
        self.where = database.where
        migrate(database, "catalog")

    def close(self) -> None:
        """Nothing to release: connections are pooled per process (`ingest.database`)."""

    def _write(self) -> Any:
        # one lock for every write to the library: shared, writers on other machines queue
        # behind it as SQLite's writers do behind its file lock
        return self.db.write(lock="catalog")

    def _query(self, statement: Any) -> list[Any]:
        with self.db.read() as connection:
            return list(connection.execute(statement).all())

    # -- meta ---------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        rows = self._query(select(meta.c.value).where(meta.c.key == key))
        return rows[0][0] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as connection:
            connection.execute(self.db.upsert(meta, ["key"]), {"key": key, "value": value})

    def generation(self) -> int:
        return int(self.meta("generation") or 0)

    def settle_meta(self, key: str, value: str) -> str:
        """The value of `key`, set to `value` if it has none yet: the first process to ask
        decides, and every later one, on any machine, reads the same."""
        with self._write() as connection:
            connection.execute(
                self.db.upsert(meta, ["key"], update=()), {"key": key, "value": value}
            )
        return self.meta(key) or value

    def identity(self) -> str:
        """A name this library keeps for life (a process's local caches of it are filed
        under it, so two databases never share one)."""
        return self.settle_meta("library_id", uuid.uuid4().hex)

    def _bump(self, connection: Connection) -> None:
        statement: Any = self.db.insert(meta).values(key="generation", value="1")
        following = cast(cast(meta.c.value, SqlInteger) + 1, SqlText)
        connection.execute(
            statement.on_conflict_do_update(index_elements=["key"], set_={"value": following})
        )

    # -- articles -----------------------------------------------------------------------------

    def states(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """{id: (digest, state)} for the ids already in the catalog."""
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(ids), _IN_BATCH):
            part = list(ids[start : start + _IN_BATCH])
            query = select(articles.c.id, articles.c.digest, articles.c.state).where(
                articles.c.id.in_(part)
            )
            for row in self._query(query):
                found[row[0]] = (row[1], row[2])
        return found

    def mark_pending(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        with self._write() as connection:
            connection.execute(
                update(articles).where(articles.c.id.in_(list(ids))).values(state=PENDING)
            )

    def commit(self, entries: Sequence[Entry], stale: Sequence[str] = ()) -> None:
        """Replace these articles and their chunks in one transaction, note the vectors they
        no longer need, and move the generation."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        entries = sorted({e.article.id: e for e in entries}.values(), key=lambda e: e.article.id)
        with self._write() as connection:
            self._note_stale(connection, stale)
            ids = [e.article.id for e in entries]
            for start in range(0, len(ids), _IN_BATCH):
                part = ids[start : start + _IN_BATCH]
                connection.execute(delete(chunks).where(chunks.c.article_id.in_(part)))
            rows = [
                {
                    "id": c.id,
                    "article_id": c.article_id,
                    "ordinal": c.ordinal,
                    "section": c.section,
                    "page": c.page,
                    "text": c.text,
                    "tokens": " ".join(t),
                }
                for e in entries
                for c, t in zip(e.chunks, e.tokens, strict=True)
            ]
            if rows:
                connection.execute(self.db.upsert(chunks, ["id"]), rows)
            if entries:
                connection.execute(
                    self.db.upsert(articles, ["id"]), [self._article_row(e, now) for e in entries]
                )
            self._bump(connection)

    def rewrite_tokens(self, tokens: dict[str, str], version: str | None = None) -> None:
        """Set these chunks' search tokens; with `version`, also record what cut them and move
        the generation (the lexical index then rebuilds from them)."""
        with self._write() as connection:
            if tokens:
                statement = update(chunks).where(chunks.c.id == bindparam("chunk"))
                connection.execute(
                    statement.values(tokens=bindparam("cut")),
                    [{"chunk": key, "cut": value} for key, value in tokens.items()],
                )
            if version is not None:
                connection.execute(
                    self.db.upsert(meta, ["key"]), {"key": TOKENIZER_KEY, "value": version}
                )
                self._bump(connection)

    def _note_stale(self, connection: Connection, stale: Sequence[str]) -> None:
        if stale:
            connection.execute(
                self.db.upsert(stale_vectors, ["id"], update=()), [{"id": i} for i in stale]
            )

    @staticmethod
    def _article_row(entry: Entry, now: str) -> dict[str, object]:
        a = entry.article
        return {
            "id": a.id,
            "digest": entry.digest,
            "state": COMPLETE,
            "title": a.title,
            "published": date_key(a.published),
            "source": a.source,
            "url": a.url,
            "lang": a.lang,
            "tags": json.dumps(list(a.tags), ensure_ascii=False),
            "tickers": json.dumps(list(a.tickers), ensure_ascii=False),
            "body": a.model_dump_json(),
            "chunks": len(entry.chunks),
            "updated_at": now,
        }

    def remove(self, article_id: str, stale: Sequence[str] = ()) -> bool:
        with self._write() as connection:
            self._note_stale(connection, stale)
            connection.execute(delete(chunks).where(chunks.c.article_id == article_id))
            gone = connection.execute(delete(articles).where(articles.c.id == article_id))
            self._bump(connection)
        return bool(gone.rowcount)

    def stale_vectors(self) -> list[str]:
        return [r[0] for r in self._query(select(stale_vectors.c.id))]

    def forget_stale(self, ids: Sequence[str]) -> None:
        if ids:
            with self._write() as connection:
                for start in range(0, len(ids), _IN_BATCH):
                    part = list(ids[start : start + _IN_BATCH])
                    connection.execute(delete(stale_vectors).where(stale_vectors.c.id.in_(part)))

    def resolve(self, article_id: str) -> str:
        """The full id for an id or a unique prefix of one (UnknownArticle otherwise)."""
        if self.states([article_id]):
            return article_id
        matches = self.find_ids(article_id) if len(article_id) >= 4 else []
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise UnknownArticle(f"{article_id!r} matches several articles: {', '.join(matches)}")
        raise UnknownArticle(
            f"no article {article_id!r} in the library (see `marketbrief library ls`)"
        )

    def get_article(self, article_id: str) -> Article:
        """The article of an id or a unique prefix of one (UnknownArticle otherwise)."""
        from ingest.models import Article

        query = select(articles.c.body).where(articles.c.id == self.resolve(article_id))
        if not (rows := self._query(query)):  # removed between resolve and read
            raise UnknownArticle(f"no article {article_id!r} in the library")
        return Article.model_validate_json(rows[0][0])

    def find_ids(self, prefix: str) -> list[str]:
        """Ids starting with `prefix`, so a person may type a short unique prefix."""
        query = (
            select(articles.c.id)
            .where(articles.c.id.startswith(prefix, autoescape=True))
            .order_by(articles.c.id)
            .limit(5)
        )
        return [r[0] for r in self._query(query)]

    def summary_rows(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Every article (or the newest `limit`) as a plain dict with the fields of
        ArticleSummary, in its order, newest first (undated last). No model is built: listing
        the library stays light."""
        a = articles.c
        query = select(
            a.id, a.title, a.published, a.source, a.url, a.tickers, a.tags, a.chunks
        ).order_by(a.published.is_(None), a.published.desc(), a.title)
        if limit is not None:
            query = query.limit(limit)
        return [
            {"id": r[0], "title": r[1], "published": from_key(r[2]), "source": r[3], "url": r[4],
             "tickers": tuple(json.loads(r[5])), "tags": tuple(json.loads(r[6])), "chunks": r[7]}
            for r in self._query(query)
        ]  # fmt: skip

    def summaries(self) -> list[ArticleSummary]:
        from ingest.models import ArticleSummary

        return [ArticleSummary(**row) for row in self.summary_rows()]

    def count_articles(self, published_after: dt.date | None = None) -> int:
        query = select(func.count()).select_from(articles)
        if published_after is not None:
            query = query.where(articles.c.published > date_key(published_after))
        return int(self._query(query)[0][0])

    def has_chunks(self) -> bool:
        """Whether the library holds anything (one row looked at, however large it is)."""
        return bool(self._query(select(chunks.c.id).limit(1)))

    def count_chunks(self) -> int:
        return int(self._query(select(func.count()).select_from(chunks))[0][0])

    # -- chunks -------------------------------------------------------------------------------

    def chunk_ids(self, article_id: str) -> list[str]:
        return [
            r[0] for r in self._query(select(chunks.c.id).where(chunks.c.article_id == article_id))
        ]

    def chunks(self, ids: Sequence[str]) -> dict[str, ChunkRow]:
        """The rows for these chunk ids (ids not in the catalog are simply absent)."""
        found: dict[str, ChunkRow] = {}
        for start in range(0, len(ids), _IN_BATCH):
            part = list(ids[start : start + _IN_BATCH])
            query = select(*_CHUNK_COLUMNS).select_from(_CHUNKS_WITH_ARTICLES)
            found.update(
                (row[0], _chunk_row(row)) for row in self._query(query.where(chunks.c.id.in_(part)))
            )
        return found

    def iter_chunks(self, batch: int = 2000) -> Iterator[list[ChunkRow]]:
        """Every chunk in a stable order (by id), in batches: for rebuilds and re-embedding."""
        last = ""
        base = select(*_CHUNK_COLUMNS).select_from(_CHUNKS_WITH_ARTICLES).order_by(chunks.c.id)
        while True:
            rows = self._query(base.where(chunks.c.id > literal(last)).limit(batch))
            if not rows:
                return
            last = rows[-1][0]
            yield [_chunk_row(row) for row in rows]

    def iter_articles(self, batch: int = 500) -> Iterator[list[Article]]:
        """Every article, in batches (for a re-index)."""
        from ingest.models import Article

        last = ""
        base = select(articles.c.id, articles.c.body).order_by(articles.c.id)
        while True:
            rows = self._query(base.where(articles.c.id > literal(last)).limit(batch))
            if not rows:
                return
            last = rows[-1][0]
            yield [Article.model_validate_json(r[1]) for r in rows]

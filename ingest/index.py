"""The index: the only code that writes to and searches Chroma and the lexical index.

Three stores, one truth. The SQLite catalog holds every article and chunk; Chroma holds the
vectors; the BM25 index is derived from the catalog. A write goes: mark the article pending in
the catalog -> add its new vectors to Chroma -> commit its chunks and row to the catalog in one
transaction, listing the vectors it no longer needs -> delete those from Chroma. Chroma thus
always holds every chunk the catalog has; searches only return chunks the catalog has
committed; a run killed at any point leaves a consistent library, and the next run (seeing
`pending`, the stale list, or not seeing the article at all) finishes the work.

A search (`ingest.ranking`) runs BM25 and the vectors with the same filters and fuses them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.analysis import Analyser, Analysis, document_text
from ingest.catalog import EMPTY_MESSAGE, Catalog, ChunkRow, Entry, catalog_path
from ingest.chunking import CHUNKER_VERSION, chunk_article
from ingest.database.engine import Database, DatabaseUnavailable
from ingest.embeddings import Embedder
from ingest.errors import EmptyLibrary, IndexInconsistent, IngestError, UnknownArticle
from ingest.filters import NO_FILTERS, Filters
from ingest.lexical import LexicalIndex, upgrade_tokens
from ingest.models import Article, ArticleSummary, Chunk, Hit, content_hash
from ingest.ranking import rank_chunks
from ingest.vectors import REINDEX_HINT, VectorStore, local_client, server_client

BATCH_ARTICLES = 400
BATCH_CHARS = 600_000
OnResult = Callable[[str, str], None]


@dataclass
class _Job:
    """One batch on its way in: what changed, its chunks, and the analysis under way."""

    entries: list[tuple[Article, str, list[Chunk]]]  # article, digest, chunks
    statuses: dict[str, str]  # article id -> "added" | "updated"
    analysis: Analysis


def digest(article: Article) -> str:
    """What decides 'unchanged': the parsed article and the chunking rules that cut it."""
    return content_hash(article.model_dump_json(), CHUNKER_VERSION)


def _hit(row: ChunkRow, score: float) -> Hit:
    metadata: dict[str, str | int | float | bool] = {
        "article_id": row.article_id,
        "title": row.title,
        "source": row.source,
        "section": row.section,
        "lang": row.lang,
        "tickers": ",".join(row.tickers),
        "tags": ",".join(row.tags),
    }
    if row.published:
        metadata["published"] = row.published
    if row.url:
        metadata["url"] = row.url
    if row.page is not None:
        metadata["page"] = row.page
    chunk = Chunk(
        id=row.id,
        article_id=row.article_id,
        section=row.section,
        page=row.page,
        ordinal=row.ordinal,
        text=row.text,
        metadata=metadata,
    )
    return Hit(
        chunk=chunk,
        score=round(score, 6),
        title=row.title,
        published=row.published_date,
        source=row.source,
        url=row.url,
    )


def _check_library(catalog: Catalog, collection: str) -> None:
    """A shared database holds one library: the collection it was first opened for."""
    held = catalog.settle_meta("collection", collection)
    if held != collection:
        raise IngestError(
            f"the database at {catalog.where} holds the library of collection {held!r}, not "
            f"{collection!r}: use MARKETBRIEF_COLLECTION={held} or another database"
        )


def _batches(articles: Iterable[Article]) -> Iterator[list[Article]]:
    batch: list[Article] = []
    chars = 0
    for article in articles:
        batch.append(article)
        chars += sum(len(s.text) for s in article.sections)
        if len(batch) >= BATCH_ARTICLES or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


class Index:
    """The commentary library: upsert, remove, list, show and hybrid search."""

    def __init__(
        self,
        *,
        store: VectorStore,
        catalog: Catalog,
        lexical: LexicalIndex,
        embedder: Embedder,
        workers: int | None = None,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.lexical = lexical
        self.embedder = embedder
        self._analyser = Analyser(embedder, workers)
        self._store_checked = False

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        embedder: Embedder,
        chroma_path: Path | None = None,
        chroma_host: str | None = None,
        chroma_port: int = 8000,
        collection: str = "commentary",
        timeout_s: float = 10.0,
        workers: int | None = None,
        database_url: str | None = None,
    ) -> Index:
        """The index in `data_dir` (catalog and lexical index) over Chroma: a server when
        `chroma_host` is given, else a local store at `chroma_path` (default data_dir/chroma).

        With `database_url` (PostgreSQL, with a Chroma server) the catalog is that database's,
        shared by every process on every machine; `data_dir` then holds only this process's
        lexical index, a cache rebuilt from the catalog whenever the library changes."""
        if chroma_host:
            client = server_client(chroma_host, chroma_port, timeout_s)
            where = f"{chroma_host}:{chroma_port}"
        else:
            path = chroma_path or data_dir / "chroma"
            client = local_client(path)
            where = str(path)
        if database_url:
            catalog = Catalog(database=Database(database_url, "the library catalog"))
            _check_library(catalog, collection)
            lexical_dir = data_dir / f"{collection}@{catalog.identity()[:12]}.bm25"
        else:
            file = catalog_path(data_dir, collection, chroma_host, chroma_port)
            catalog = Catalog(file)
            lexical_dir = file.with_suffix(".bm25")
        with contextlib.suppress(DatabaseUnavailable):  # read-only: it answers with the old cut
            upgrade_tokens(catalog)
        return cls(
            store=VectorStore(client, collection, where, local=not chroma_host),
            catalog=catalog,
            lexical=LexicalIndex(catalog, lexical_dir),
            embedder=embedder,
            workers=workers,
        )

    def close(self) -> None:
        """Stop the worker pool and close the catalog (its file handle goes with it)."""
        self._analyser.close()
        self.catalog.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- consistency --------------------------------------------------------------------------

    def _check_store(self) -> None:
        """Refuse to mix embeddings, and notice a vector store that lost its data."""
        if self.catalog.meta("reindex") == "running":
            raise IndexInconsistent(f"a re-index was interrupted; {REINDEX_HINT}")
        self.store.check(self.embedder.name, self.embedder.dim)
        if not self._store_checked:
            if self.catalog.has_chunks() and not self.store.count():
                raise IndexInconsistent(
                    f"the vector store at {self.store.where} has no vectors but the catalog "
                    f"has {self.catalog.count_chunks()} chunks; {REINDEX_HINT}"
                )
            self._store_checked = True

    # -- writing ------------------------------------------------------------------------------

    def upsert(self, article: Article) -> str:
        """Add or replace one article: "added", "updated" or "unchanged"."""
        return self.upsert_many([article]).get(article.id, "unchanged")

    def upsert_many(
        self, articles: Iterable[Article], *, on_result: OnResult | None = None, force: bool = False
    ) -> dict[str, str]:
        """Add or replace many articles, in batches whose analysis overlaps the previous
        batch's writes. Returns {article id: status}; `on_result` hears each as it lands."""
        self._check_store()
        self._sweep()  # finish what a killed run left
        return self._write(articles, on_result, force)

    def _write(
        self, articles: Iterable[Article], on_result: OnResult | None, force: bool
    ) -> dict[str, str]:
        results: dict[str, str] = {}

        def report(article_id: str, status: str) -> None:
            results[article_id] = status
            if on_result:
                on_result(article_id, status)

        in_flight: _Job | None = None
        for batch in _batches(articles):
            if in_flight and {a.id for a in batch} & in_flight.statuses.keys():
                self._finish(in_flight, report)  # the same article twice: keep the order
                in_flight = None
            job = self._prepare(batch, report, force)
            if in_flight:
                self._finish(in_flight, report)
            in_flight = job
        if in_flight:
            self._finish(in_flight, report)
        return results

    def _prepare(self, batch: list[Article], report: OnResult, force: bool) -> _Job | None:
        unique = {a.id: a for a in batch}  # within a batch the last version wins
        known = self.catalog.states(list(unique))
        entries: list[tuple[Article, str, list[Chunk]]] = []
        statuses: dict[str, str] = {}
        for article in unique.values():
            article_digest = digest(article)
            if not force and known.get(article.id) == (article_digest, "complete"):
                report(article.id, "unchanged")
                continue
            entries.append((article, article_digest, chunk_article(article)))
            statuses[article.id] = "updated" if article.id in known else "added"
        if not entries:
            return None
        self.catalog.mark_pending([i for i in statuses if i in known])
        texts = [
            document_text(article.title, chunk.section, chunk.text)
            for article, _, chunks in entries
            for chunk in chunks
        ]
        return _Job(entries, statuses, self._analyser.start(texts))

    def _finish(self, job: _Job, report: OnResult) -> None:
        tokens, vectors = job.analysis.result()
        chunks = [chunk for _, _, article_chunks in job.entries for chunk in article_chunks]
        article_ids = [article.id for article, _, _ in job.entries]
        present = self.store.ids_of_articles(article_ids)
        self.store.write(
            [c.id for c in chunks],
            vectors,
            [c.metadata for c in chunks],
            embedding=self.embedder.name,
            present=present,
        )
        stale = sorted(present - {c.id for c in chunks})
        position = 0
        entries: list[Entry] = []
        for article, article_digest, article_chunks in job.entries:
            end = position + len(article_chunks)
            entries.append(Entry(article, article_digest, article_chunks, tokens[position:end]))
            position = end
        self.catalog.commit(entries, stale)
        self._sweep(stale)
        for article_id, status in job.statuses.items():
            report(article_id, status)

    def remove(self, article_id: str) -> None:
        """Remove an article and its chunks (UnknownArticle if it is not in the library)."""
        if not self.catalog.states([article_id]):
            raise UnknownArticle(
                f"no article {article_id!r} in the library (see `marketbrief library ls`)"
            )
        stale = sorted(self.store.ids_of_articles([article_id]))
        self.catalog.remove(article_id, stale)
        self._sweep(stale)

    def _sweep(self, stale: list[str] | None = None) -> None:
        """Delete vectors the catalog no longer needs (these, or all it has listed)."""
        ids = self.catalog.stale_vectors() if stale is None else stale
        if ids:
            self.store.delete(ids)
            self.catalog.forget_stale(ids)

    def reindex(self, on_result: OnResult | None = None) -> int:
        """Rebuild every vector from the catalog with the configured embedding (after a change
        of embedding, or a lost vector store). Returns the number of articles. If it is
        interrupted, searches say so until it is run again."""
        self.catalog.set_meta("reindex", "running")
        self.store.drop()
        articles = (a for batch in self.catalog.iter_articles() for a in batch)
        done = len(self._write(articles, on_result, force=True))
        self.catalog.set_meta("reindex", "")
        self._store_checked = False
        return done

    def refresh(self) -> None:
        """Bring the lexical index up to date now (else the first search after a write does)."""
        self.lexical.current()

    # -- reading ------------------------------------------------------------------------------

    def resolve(self, article_id: str) -> str:
        """The full id for an id or a unique prefix of one (UnknownArticle otherwise)."""
        return self.catalog.resolve(article_id)

    def get_article(self, article_id: str) -> Article:
        return self.catalog.get_article(article_id)

    def list_articles(self) -> list[ArticleSummary]:
        """Every article, newest first (undated last)."""
        return self.catalog.summaries()

    def count(self, published_after: dt.date | None = None) -> int:
        """The number of articles in the library (published after a day, when given)."""
        return self.catalog.count_articles(published_after)

    def tickers(self) -> frozenset[str]:
        """The tickers the library's articles carry (a question may name them alone), from
        the lexical index's ticker filter, which holds them in memory already."""
        return frozenset(self.lexical.current().tickers)

    def glosses(self) -> dict[str, str]:
        """The Chinese names the library's articles give acronyms (`ingest.glosses`)."""
        return self.lexical.glosses()

    def names(self) -> dict[str, str]:
        """The Chinese names the library's articles give Latin names (`ingest.name_glosses`)."""
        return self.lexical.names()

    def chunk_count(self, article_id: str | None = None) -> int:
        """Chunks in the library, or in one article."""
        if article_id is None:
            return self.catalog.count_chunks()
        return len(self.catalog.chunk_ids(article_id))

    def search(self, query: str, k: int = 5, *, filters: Filters = NO_FILTERS) -> list[Hit]:
        """The k best passages for `query` (zh or en), vectors and BM25 fused, both legs
        filtered alike. An empty list means nothing matched the filters; an empty library is
        an EmptyLibrary error, never a silent empty list."""
        if not query.strip():
            raise IngestError("the query is empty")
        if k < 1:
            raise IngestError(f"k must be at least 1 (got {k})")
        if not self.catalog.has_chunks():  # not a count: PostgreSQL counts by reading them all
            raise EmptyLibrary(EMPTY_MESSAGE)
        self._check_store()
        if filters.article_id:  # a unique prefix names the article too
            filters = replace(filters, article_id=self.resolve(filters.article_id))
        if filters.empty_window:
            raise IngestError(
                f"--since {filters.since} is after --until {filters.until}: nothing can match"
            )
        fused = rank_chunks(query, k, filters, self.lexical, self.embedder, self.store)
        rows = self.catalog.chunks([chunk_id for chunk_id, _ in fused])
        hits = [_hit(rows[cid], score) for cid, score in fused if cid in rows]
        return hits[:k]

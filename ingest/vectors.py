"""The vector leg: one Chroma collection, local (PersistentClient) or on a server (HttpClient).

Vectors are always computed by our embedder and handed to Chroma, and the collection is made
without an embedding function, so Chroma never loads (or downloads) its default model. The
collection's metadata records which embedding built it and its dimension.

Every call into Chroma goes through one guard, so a failure is one line whatever Chroma raised
(`chroma_failures`): a StorageError when a local store has no room or may not be written,
StoreUnavailable when a server stops answering (or anything else goes wrong in Chroma). One
gap: for an error status without Chroma's own error body (a proxy's 502 page), chromadb's HTTP
client raises a bare Exception, which is not caught here and so reaches the edge as an internal
error.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.errors import EmbeddingMismatch, StoreUnavailable
from ingest.filters import source_key, tag_key, ticker_key
from ingest.storage import storage_error

if TYPE_CHECKING:
    import numpy as np

REINDEX_HINT = "run `marketbrief library reindex` to rebuild the vectors with the configured one"
# HNSW built with ef_construction 32 / 12 neighbours (Chroma's defaults are 100 / 16): half the
# write time of an ingest, with recall@10 ~0.88 instead of ~0.91 on hashed vectors, which a
# wider search (ef_search 200, ~2 ms at 15,000 chunks) mostly wins back. The local embedding
# re-ranks BM25's candidates by their stored vectors and does not depend on HNSW recall.
_CONFIGURATION = {
    "hnsw": {"space": "cosine", "ef_construction": 32, "max_neighbors": 12, "ef_search": 200}
}

logging.getLogger("chromadb").setLevel(logging.ERROR)


def _chroma_settings() -> Any:
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


@functools.cache
def chroma_failures() -> tuple[type[Exception], ...]:
    """What Chroma raises when it fails: its own errors (its Rust core's too), the HTTP errors of
    a server client, SQLite and file errors of a local store, and the ValueError chromadb's
    client makes of a server it cannot reach."""
    import httpx
    from chromadb.errors import ChromaError

    return (ChromaError, httpx.HTTPError, sqlite3.Error, OSError, ValueError)


def local_client(path: Path) -> Any:
    import chromadb

    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except chroma_failures() as error:
        _forget_failed_system(path)
        found = storage_error(error, path, "Chroma must be able to write there, even to search")
        if found is not None:
            raise found from None
        raise StoreUnavailable(f"cannot open the Chroma store at {path}: {error}") from None


def _forget_failed_system(path: Path) -> None:
    """chromadb caches a store's System per path before starting it, so one that failed to
    start (a full or read-only disk) would be handed out again, broken, for the life of the
    process ('RustBindingsAPI' object has no attribute 'bindings'), even once the disk is
    fixed. Forget it, so the next open tries afresh."""
    try:
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient._identifier_to_system.pop(str(path), None)
    except (ImportError, AttributeError):  # a chromadb without this cache: nothing to forget
        pass


def check_server(host: str, port: int, timeout_s: float) -> None:
    """StoreUnavailable, as one clear line, unless `chroma run` at host:port answers its
    heartbeat within the deadline."""
    import httpx

    where = f"{host}:{port}"
    try:
        httpx.get(f"http://{where}/api/v2/heartbeat", timeout=timeout_s).raise_for_status()
    except (httpx.HTTPError, httpx.InvalidURL):
        raise StoreUnavailable(f"Chroma server at {where} is not answering") from None


def server_client(host: str, port: int, timeout_s: float) -> Any:
    """A client for `chroma run` at host:port; a server that does not answer within the
    deadline is one clear error, not a hang."""
    import chromadb
    import httpx

    check_server(host, port, timeout_s)
    try:
        client = chromadb.HttpClient(host=host, port=port, settings=_chroma_settings())
    except chroma_failures():
        raise StoreUnavailable(f"Chroma server at {host}:{port} is not answering") from None
    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):  # chromadb leaves its HTTP timeout unset
        session.timeout = httpx.Timeout(timeout_s)
    return client


FILTER_KEYS = ("article_id", "published")


def chroma_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """What Chroma keeps of a chunk's metadata: only what filters look at (the catalog holds
    the rest), since every metadata key costs write time. Tickers and tags are lists (Chroma
    1.x filters them with $contains, and rejects empty ones)."""
    stored = {k: metadata[k] for k in FILTER_KEYS if metadata.get(k) is not None}
    stored["source_key"] = source_key(str(metadata.get("source") or ""))
    tickers = [ticker_key(t) for t in str(metadata.get("tickers") or "").split(",") if t]
    tags = [tag_key(t) for t in str(metadata.get("tags") or "").split(",") if t]
    if tickers:
        stored["tickers"] = tickers
    if tags:
        stored["tags"] = tags
    return stored


class VectorStore:
    """One collection, created on first write with the embedder's name and dimension."""

    def __init__(self, client: Any, name: str, where: str, *, local: bool = True) -> None:
        self._client = client
        self.name = name
        self.where = where  # for messages: a path or host:port
        self.local = local
        self._collection: Any = None

    @contextmanager
    def _chroma(self, doing: str) -> Iterator[None]:
        """Whatever Chroma raises while `doing` something, as one clear IngestError."""
        try:
            yield
        except chroma_failures() as error:
            found = storage_error(error, Path(self.where), check_space=True) if self.local else None
            if found is not None:
                raise found from None
            reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
            if self.local:
                raise StoreUnavailable(f"Chroma at {self.where} failed {doing}: {reason}") from None
            raise StoreUnavailable(
                f"Chroma server at {self.where} failed {doing} ({reason}); is it running?"
            ) from None

    def _get(self) -> Any:
        if self._collection is None:
            from chromadb.errors import NotFoundError

            with self._chroma("opening the collection"):
                try:
                    self._collection = self._client.get_collection(
                        self.name, embedding_function=None
                    )
                except NotFoundError:  # nothing written yet
                    return None
        return self._collection

    def recorded_embedding(self) -> tuple[str, int] | None:
        """(name, dim) recorded by the collection, or None when there is no collection yet."""
        collection = self._get()
        if collection is None:
            return None
        metadata = collection.metadata or {}
        return str(metadata.get("embedding", "unknown")), int(metadata.get("dim", 0))

    def check(self, embedding: str, dim: int | None) -> None:
        """Raise EmbeddingMismatch when the collection was built with another embedding."""
        recorded = self.recorded_embedding()
        if recorded is None:
            return
        name, recorded_dim = recorded
        if name != embedding or (dim is not None and recorded_dim and dim != recorded_dim):
            shown = f"{embedding} ({dim} dims)" if dim else embedding
            raise EmbeddingMismatch(
                f"the library was built with embedding {name} ({recorded_dim} dims) but the "
                f"settings ask for {shown}; {REINDEX_HINT}, or set MARKETBRIEF_EMBEDDING back"
            )

    def ensure(self, embedding: str, dim: int) -> Any:
        """The collection, made now if missing, recording the embedding; checked if present."""
        self.check(embedding, dim)
        collection = self._get()
        if collection is None:
            with self._chroma("creating the collection"):
                collection = self._client.get_or_create_collection(
                    self.name,
                    embedding_function=None,
                    metadata={"embedding": embedding, "dim": dim},
                    configuration=_CONFIGURATION,
                )
            self._collection = collection
        return collection

    def count(self) -> int:
        collection = self._get()
        with self._chroma("counting vectors"):
            return int(collection.count()) if collection is not None else 0

    def write(
        self,
        ids: Sequence[str],
        vectors: np.ndarray,
        metadatas: Sequence[dict[str, Any]],
        *,
        embedding: str,
        present: set[str],
    ) -> None:
        """Store these vectors: `add` for ids Chroma does not hold (a third faster than
        `upsert`), `upsert` for those in `present` (an article being replaced)."""
        if not ids:
            return
        collection = self.ensure(embedding, int(vectors.shape[1]))
        fresh = [i for i, chunk_id in enumerate(ids) if chunk_id not in present]
        known = [i for i, chunk_id in enumerate(ids) if chunk_id in present]
        with self._chroma("writing vectors"):
            step = max(1, min(5000, int(self._client.get_max_batch_size())))
            for rows, method in ((fresh, collection.add), (known, collection.upsert)):
                for start in range(0, len(rows), step):
                    part = rows[start : start + step]
                    method(
                        ids=[ids[i] for i in part],
                        embeddings=vectors[part],
                        metadatas=[chroma_metadata(metadatas[i]) for i in part],
                    )

    def ids_of_articles(self, article_ids: Sequence[str]) -> set[str]:
        """Every chunk id Chroma holds for these articles (including any a crash left behind)."""
        collection = self._get()
        if collection is None or not article_ids:
            return set()
        found: set[str] = set()
        with self._chroma("reading vector ids"):
            for start in range(0, len(article_ids), 500):
                part = list(article_ids[start : start + 500])
                where = {"article_id": {"$in": part}} if len(part) > 1 else {"article_id": part[0]}
                found.update(collection.get(where=where, include=[])["ids"])
        return found

    def delete(self, ids: Sequence[str]) -> None:
        collection = self._get()
        if collection is None or not ids:
            return
        with self._chroma("deleting vectors"):
            for start in range(0, len(ids), 5000):
                collection.delete(ids=list(ids[start : start + 5000]))

    def query(self, vector: np.ndarray, n: int, where: dict[str, Any] | None) -> list[str]:
        """Chunk ids nearest to `vector` among those passing `where`, nearest first."""
        collection = self._get()
        if collection is None:
            return []
        with self._chroma("searching"):
            result = collection.query(
                query_embeddings=[vector], n_results=n, where=where, include=["distances"]
            )
        return list(result["ids"][0]) if result["ids"] else []

    def rerank(self, vector: np.ndarray, ids: Sequence[str], n: int) -> list[str]:
        """These chunk ids ordered by cosine similarity to `vector` (vectors are unit length),
        best first; with several query vectors (rows), by the closest of them. Fetching a
        hundred vectors and one product is ~4 ms where a Chroma query restricted to those ids
        and a metadata filter takes 10-400 ms; ids Chroma lacks are simply left out."""
        collection = self._get()
        if collection is None or not ids:
            return []
        with self._chroma("searching"):
            found = collection.get(ids=list(ids), include=["embeddings"])
        if not found["ids"]:
            return []
        import numpy as np

        similarity = np.asarray(found["embeddings"], dtype=np.float32) @ vector.T
        if similarity.ndim == 2:
            similarity = similarity.max(axis=1)
        order = np.argsort(-similarity, kind="stable")[:n]
        return [found["ids"][i] for i in order]

    def drop(self) -> None:
        """Delete the collection (for a re-index)."""
        if self._get() is not None:
            with self._chroma("dropping the collection"):
                self._client.delete_collection(self.name)
        self._collection = None

"""What a library holds, read from all three stores, and whether they agree.

The invariants every fault test checks (after a crash, a full disk, concurrent writers):
every catalog article is complete (none left `pending`), every catalog chunk has its vector in
Chroma, the BM25 index holds exactly the catalog's chunks, and no article or chunk is there
twice. After an ingest completes, Chroma holds nothing else either (`strict`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from ingest.embeddings import LocalHashEmbedder
from ingest.index import Index


@dataclass(frozen=True)
class LibraryState:
    articles: tuple[str, ...]  # article ids in the catalog (with repeats, if any)
    pending: tuple[str, ...]
    chunks: tuple[str, ...]  # chunk ids in the catalog
    vectors: frozenset[str]  # chunk ids in Chroma
    lexical: tuple[str, ...]  # chunk ids in the BM25 index
    chunk_owners: tuple[tuple[str, str], ...] = ()  # (article id, chunk id) in the catalog

    def problems(self, *, strict: bool = False) -> list[str]:
        found = []
        for name, ids in (("articles", self.articles), ("chunks", self.chunks),
                          ("lexical documents", self.lexical)):  # fmt: skip
            doubled = [i for i, n in Counter(ids).items() if n > 1]
            if doubled:
                found.append(f"{len(doubled)} {name} twice, e.g. {doubled[0]}")
        if self.pending:
            found.append(f"{len(self.pending)} articles left pending")
        missing = set(self.chunks) - self.vectors
        if missing:
            found.append(f"{len(missing)} catalog chunks have no vector")
        if set(self.lexical) != set(self.chunks):
            found.append(
                f"BM25 holds {len(set(self.lexical))} chunks, the catalog {len(set(self.chunks))}"
            )
        extra = self.vectors - set(self.chunks)
        if strict and extra:
            found.append(f"{len(extra)} vectors the catalog does not know")
        return found


def doubled(state: LibraryState, expected: set[str]) -> int:
    """Extra copies of the `expected` articles in the library: an article stored twice in the
    catalog, or a chunk of one stored twice in the catalog or the BM25 index, counts once per
    extra copy."""
    extra = sum(n - 1 for i, n in Counter(state.articles).items() if i in expected)
    owners = {chunk: article for article, chunk in state.chunk_owners}
    for ids in (state.chunks, state.lexical):
        extra += sum(n - 1 for c, n in Counter(ids).items() if n > 1 and owners.get(c) in expected)
    return extra


def _all_vector_ids(index: Index) -> frozenset[str]:
    collection = index.store._get()
    if collection is None:
        return frozenset()
    ids: set[str] = set()
    offset, page = 0, 5000
    while True:
        batch = collection.get(include=[], limit=page, offset=offset)["ids"]
        ids.update(batch)
        if len(batch) < page:
            return frozenset(ids)
        offset += page


def read_state(index: Index) -> LibraryState:
    rows = index.catalog._query(text("SELECT id, state FROM articles"))
    chunks = index.catalog._query(text("SELECT article_id, id FROM chunks"))
    return LibraryState(
        articles=tuple(r[0] for r in rows),
        pending=tuple(r[0] for r in rows if r[1] != "complete"),
        chunks=tuple(r[1] for r in chunks),
        vectors=_all_vector_ids(index),
        lexical=tuple(index.lexical.current().ids),
        chunk_owners=tuple((r[0], r[1]) for r in chunks),
    )


def library_state(
    home: Path, *, chroma_host: str | None = None, chroma_port: int = 8000
) -> LibraryState:
    """The state of the library in data directory `home`, as `marketbrief` lays it out."""
    index = Index.open(
        home / "library",
        embedder=LocalHashEmbedder(),
        chroma_path=home / "chroma",
        chroma_host=chroma_host,
        chroma_port=chroma_port,
        workers=0,
    )
    try:
        return read_state(index)
    finally:
        index.close()

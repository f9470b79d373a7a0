"""The lexical leg: BM25 (bm25s) over the tokens the catalog stores for every chunk.

The catalog is the source of truth; this index is derived from it. It is saved on disk under a
directory named for the catalog's generation, so a restart loads it in milliseconds, and a
generation change (any committed ingest or removal, from any process) makes it stale: the next
search rebuilds it from the catalog's stored tokens (no re-tokenising) and saves it again.
Filters become a 0/1 weight mask over the documents, with the same rules as Chroma's `where`.
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import bm25s
import numpy as np

from ingest.analysis import document_text
from ingest.catalog import TOKENIZER_KEY, Catalog
from ingest.crosslingual import Terms
from ingest.filters import Filters, source_key, tag_key, ticker_key
from ingest.glosses import Glosses, glossed_in
from ingest.name_glosses import NameGlosses
from ingest.tokens import VERSION, tokenize

logging.getLogger("bm25s").setLevel(logging.ERROR)
log = logging.getLogger(__name__)
_STATE = "state.json"
# How the index reads its texts beyond their tokens (the glosses and names it learns): a saved
# index read by older rules is rebuilt. Raise it when `ingest.glosses` or
# `ingest.name_glosses` read differently.
READING = 3


@dataclass
class _Lexicon:
    """A built BM25 index and, aligned with its documents, what the filters look at."""

    generation: int
    retriever: bm25s.BM25 | None
    ids: list[str]
    published: np.ndarray  # int32 YYYYMMDD, 0 when unknown
    article: np.ndarray  # int32 code into article_codes
    source: np.ndarray  # int32 code into source_codes
    article_codes: dict[str, int] = field(default_factory=dict)
    source_codes: dict[str, int] = field(default_factory=dict)
    tickers: dict[str, list[int]] = field(default_factory=dict)
    tags: dict[str, list[int]] = field(default_factory=dict)
    glosses: dict[str, str] = field(default_factory=dict)  # acronym -> Chinese name (glosses.py)
    names: dict[str, str] = field(default_factory=dict)  # Latin name -> Chinese (name_glosses.py)

    def mask(self, filters: Filters) -> np.ndarray | None:
        """1.0 where a document passes the filters, else 0.0 (None: no filters)."""
        if not filters.active:
            return None
        keep = np.ones(len(self.ids), dtype=bool)
        if filters.dated:
            keep &= self.published > 0
        if filters.since_key is not None:
            keep &= self.published >= filters.since_key
        if filters.until_key is not None:
            keep &= self.published <= filters.until_key
        for value, codes, column in (
            (filters.article_id, self.article_codes, self.article),
            (filters.source, self.source_codes, self.source),
        ):
            if value is not None:
                keep &= column == codes.get(value, -1)
        for value, rows in ((filters.ticker, self.tickers), (filters.tag, self.tags)):
            if value is not None:
                selected = np.zeros(len(self.ids), dtype=bool)
                selected[rows.get(value, [])] = True
                keep &= selected
        return keep.astype(np.float32)


def _build(catalog: Catalog, generation: int) -> tuple[_Lexicon, list[list[str]]]:
    ids: list[str] = []
    corpus: list[list[str]] = []
    published: list[int] = []
    article: list[int] = []
    source: list[int] = []
    lexicon = _Lexicon(generation, None, ids, np.zeros(0), np.zeros(0), np.zeros(0))
    glosses, names = Glosses(), NameGlosses()
    for batch in catalog.iter_chunks():
        for row in batch:
            glosses.add(row.text, row.article_id)
            names.add(row.text, row.article_id)
            position = len(ids)
            ids.append(row.id)
            corpus.append(row.tokens.split())
            published.append(row.published or 0)
            article.append(
                lexicon.article_codes.setdefault(row.article_id, len(lexicon.article_codes))
            )
            key = source_key(row.source)
            source.append(lexicon.source_codes.setdefault(key, len(lexicon.source_codes)))
            for ticker in row.tickers:
                lexicon.tickers.setdefault(ticker_key(ticker), []).append(position)
            for tag in row.tags:
                lexicon.tags.setdefault(tag_key(tag), []).append(position)
    lexicon.published = np.asarray(published, dtype=np.int32)
    lexicon.article = np.asarray(article, dtype=np.int32)
    lexicon.source = np.asarray(source, dtype=np.int32)
    lexicon.glosses = glosses.names()
    lexicon.names = names.names()
    return lexicon, corpus


def upgrade_tokens(catalog: Catalog) -> bool:
    """Re-cut the stored tokens of a library whose chunks an older `tokenize` cut (one query
    when they are current). Batch by batch, then the version and a new generation at once: a
    run killed half-way leaves the old index in use, and the next open does it again. The
    local hashed vectors keep the old cut until a re-index; they only re-order BM25's best."""
    if catalog.meta(TOKENIZER_KEY) == VERSION:
        return False
    log.info("re-cutting the library's search tokens for tokenizer %s (once)", VERSION)
    for rows in catalog.iter_chunks():
        catalog.rewrite_tokens(
            {r.id: " ".join(tokenize(document_text(r.title, r.section, r.text))) for r in rows}
        )
    catalog.rewrite_tokens({}, VERSION)
    return True


class LexicalIndex:
    """BM25 over the catalog, rebuilt lazily when the catalog's generation moves on."""

    def __init__(self, catalog: Catalog, directory: Path) -> None:
        self._catalog = catalog
        self._directory = directory
        self._lexicon: _Lexicon | None = None
        self._lock = threading.Lock()

    def current(self) -> _Lexicon:
        """The index for the catalog's present generation: in memory, from disk, or rebuilt."""
        generation = self._catalog.generation()
        with self._lock:
            if self._lexicon is None or self._lexicon.generation != generation:
                self._lexicon = self._load(generation) or self._rebuild(generation)
            return self._lexicon

    def _path(self, generation: int) -> Path:
        return self._directory / f"gen-{generation}"

    def _rebuild(self, generation: int) -> _Lexicon:
        lexicon, corpus = _build(self._catalog, generation)
        if corpus:
            retriever = bm25s.BM25()
            retriever.index(corpus, show_progress=False)
            lexicon.retriever = retriever
        self._save(lexicon)
        return lexicon

    def _save(self, lexicon: _Lexicon) -> None:
        """Write to a temporary directory, then rename: a reader never sees half a save."""
        self._directory.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".saving-", dir=self._directory))
        try:
            if lexicon.retriever is not None:
                lexicon.retriever.save(str(staging / "bm25"))
            np.savez(
                staging / "columns.npz",
                published=lexicon.published,
                article=lexicon.article,
                source=lexicon.source,
            )
            state = {
                "generation": lexicon.generation,
                "ids": lexicon.ids,
                "article_codes": lexicon.article_codes,
                "source_codes": lexicon.source_codes,
                "tickers": lexicon.tickers,
                "tags": lexicon.tags,
                "glosses": lexicon.glosses,
                "names": lexicon.names,
                "reading": READING,
            }
            (staging / _STATE).write_text(json.dumps(state, ensure_ascii=False), "utf-8")
            target = self._path(lexicon.generation)
            if target.exists():
                shutil.rmtree(staging, ignore_errors=True)
            else:
                os.replace(staging, target)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)  # a read-only disk: keep it in memory
            return
        self._prune(keep=lexicon.generation)

    def _prune(self, keep: int) -> None:
        for old in self._directory.glob("gen-*"):
            if old.name != f"gen-{keep}":
                shutil.rmtree(old, ignore_errors=True)

    def _load(self, generation: int) -> _Lexicon | None:
        path = self._path(generation)
        try:
            state = json.loads((path / _STATE).read_text("utf-8"))
            if state.get("reading") != READING:
                return None  # read by older rules: rebuilt
            columns = np.load(path / "columns.npz")
            retriever = bm25s.BM25.load(str(path / "bm25")) if (path / "bm25").exists() else None
            return _Lexicon(
                generation=generation,
                retriever=retriever,
                ids=state["ids"],
                published=columns["published"],
                article=columns["article"],
                source=columns["source"],
                article_codes=state["article_codes"],
                source_codes=state["source_codes"],
                tickers=state["tickers"],
                tags=state["tags"],
                glosses=state["glosses"],
                names=state["names"],
            )
        except (OSError, ValueError, KeyError):
            return None

    def glossed(self, query: str, tokens: Sequence[str]) -> list[Terms]:
        """The library's glosses of the query's acronyms and names (`ingest.glosses`), as
        search terms: "PPI" -> 工业生产者出厂价格指数, 国际能源署 -> "iea"; none it says already."""
        cuts = (
            tuple(tokenize(other)) for _, other in glossed_in(query, tokens, self.glosses().items())
        )
        return [(cut,) for cut in cuts if cut]

    def glosses(self) -> dict[str, str]:
        """Each acronym the library's articles gloss (lower case) and its Chinese name."""
        return self.current().glosses

    def names(self) -> dict[str, str]:
        """Each Latin name the library's articles gloss in Chinese, and its Chinese name."""
        return self.current().names

    def idf(self, tokens: Iterable[str]) -> dict[str, float]:
        """BM25's inverse document frequency of each token the library has seen."""
        lexicon = self.current()
        retriever = lexicon.retriever
        if retriever is None:
            return {}
        indptr = retriever.scores["indptr"]
        total = len(lexicon.ids)
        found: dict[str, float] = {}
        for token in set(tokens):
            position = retriever.vocab_dict.get(token)
            if position is not None:
                df = int(indptr[position + 1] - indptr[position])
                found[token] = math.log(1 + (total - df + 0.5) / (df + 0.5))
        return found

    def search(
        self,
        tokens: list[str],
        n: int,
        filters: Filters,
        alternatives: Sequence[Sequence[Sequence[str]]] = (),
        weight: float = 1.0,
        words: Sequence[Sequence[str]] = (),
    ) -> list[str]:
        """Chunk ids by BM25 score, best first; only documents that share a token with the
        query and pass the filters.

        `words` are the query's words that jieba cut into characters (俄 + 乌 for 俄乌), each
        one term: the mean of its characters' scores, at full weight.

        `alternatives` are more terms, each a few token sequences a document may use instead
        of one another (the translations of one word of the query): a document scores for a
        term by its best sequence, times `weight`, so three guesses at one word never count
        three times, and a guess counts less than a word the user typed. A sequence is one
        term however many words it has (its words' mean)."""
        lexicon = self.current()
        retriever = lexicon.retriever
        if retriever is None:
            return []
        vocabulary = retriever.vocab_dict

        def score(sequence: Sequence[str]) -> np.ndarray | None:
            known = [t for t in sequence if t in vocabulary]
            return retriever.get_scores(known) if known else None

        def one_term(sequence: Sequence[str]) -> np.ndarray | None:
            """A translation's words are one term: "strait hormuz" for 霍尔木兹海峡 scores as
            one word does, not as two, which would outvote the words the user typed."""
            found = score(sequence)
            return None if found is None else found / len(sequence)

        scores = score(tokens)
        for word in words:
            whole = one_term(word)
            if whole is not None:
                scores = whole if scores is None else scores + whole
        for term in alternatives:
            found = [s for s in map(one_term, term) if s is not None]
            if found:
                best = weight * (np.maximum.reduce(found) if len(found) > 1 else found[0])
                scores = best if scores is None else scores + best
        if scores is None:
            return []
        mask = lexicon.mask(filters)
        if mask is not None:
            scores = scores * mask
        count = min(n, int(np.count_nonzero(scores > 0)))
        if count == 0:
            return []
        top = np.argpartition(-scores, count - 1)[:count]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [lexicon.ids[i] for i in top]

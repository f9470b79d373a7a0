"""The plain BM25 baseline retrieval is compared with (see retrieval.py for how it is used).

What one would build in an afternoon: bm25s (its default Lucene BM25) over every chunk; tokens
are jieba's words for Chinese (default dictionary and mode) and lower-case words and numbers
for English, without bm25s's English stop words; no stemming, no query expansion, no glossary,
no vectors. Tokenising ~15,000 chunks with jieba takes half a minute on one core, so it is spread
over the machine's cores (fresh processes that import only this module), and the built index is
kept in the data directory for the next run over the same chunks (`--library DIR`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

import bm25s
import jieba
from bm25s.stopwords import STOPWORDS_EN

from ingest.language import IDEOGRAPHS

DEPTH = 50  # passages read to find the first articles
VERSION = "1"  # of the tokens: a change here must not reuse an index built before
_TOKEN = re.compile(rf"(?P<zh>[{IDEOGRAPHS}]+)|(?P<en>[a-z0-9]+(?:[.'][a-z0-9]+)*%?)")
_STOP = frozenset(STOPWORDS_EN)
_PARALLEL_FROM = 2_000  # documents; below this, worker start-up costs more than it saves
logging.getLogger("bm25s").setLevel(logging.ERROR)
jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=500_000)
def _words(run: str) -> tuple[str, ...]:
    """jieba's words of one run of Chinese characters (news repeats runs: cached)."""
    return tuple(w for w in jieba.lcut(run) if w.strip())


def tokens(text: str) -> list[str]:
    """jieba words for Chinese runs, lower-case words and numbers for the rest; no stop words."""
    found: list[str] = []
    for match in _TOKEN.finditer(text.lower()):
        if match.lastgroup == "zh":
            found.extend(_words(match.group()))
        elif match.group() not in _STOP:
            found.append(match.group())
    return found


def _tokens_of(texts: list[str]) -> list[list[str]]:
    return [tokens(t) for t in texts]


def tokenise_all(texts: Sequence[str]) -> list[list[str]]:
    """`tokens` of every text, on all cores when there are many."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or len(texts) < _PARALLEL_FROM:
        return _tokens_of(list(texts))
    size = -(-len(texts) // (workers * 4))
    batches = [list(texts[i : i + size]) for i in range(0, len(texts), size)]
    # spawn: a forked child of a process holding Chroma's threads and locks could hang
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return [t for batch in pool.map(_tokens_of, batches) for t in batch]


class Baseline:
    """BM25 over documents that each belong to an article."""

    def __init__(self, articles: list[str], retriever: bm25s.BM25) -> None:
        self.articles = articles  # the article of each document
        self.retriever = retriever

    @classmethod
    def build(cls, documents: Iterable[tuple[str, str]], cache: Path | None = None) -> Baseline:
        """BM25 over (article id, text) pairs, one per chunk; loaded from `cache` when it holds
        one built from the very same documents, else built (and saved there)."""
        pairs = list(documents)
        articles = [article for article, _ in pairs]
        digest = hashlib.sha256(VERSION.encode())
        for article, text in pairs:
            digest.update(f"{article}\x1f{text}\x1e".encode())
        saved = cache / digest.hexdigest()[:16] if cache else None
        if saved and (saved / "articles.json").exists():
            retriever = bm25s.BM25.load(str(saved))
            return cls(json.loads((saved / "articles.json").read_text("utf-8")), retriever)
        retriever = bm25s.BM25()
        retriever.index(tokenise_all([text for _, text in pairs]), show_progress=False)
        if saved:
            try:
                retriever.save(str(saved))
                (saved / "articles.json").write_text(json.dumps(articles), "utf-8")  # last
            except OSError:  # a read-only data directory: rebuilt next time, that is all
                pass
        return cls(articles, retriever)

    def ranked_articles(self, query: str) -> list[str]:
        """The articles of the best DEPTH documents for `query`, best first (repeats kept)."""
        known = [t for t in tokens(query) if t in self.retriever.vocab_dict]
        if not known:
            return []
        scores = self.retriever.get_scores(known)
        order = scores.argsort()[::-1][:DEPTH]
        return [self.articles[i] for i in order if scores[i] > 0]

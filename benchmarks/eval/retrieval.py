"""Retrieval: hit@5 of the product's search against a plain BM25 baseline, on the same chunks.

hit@5: an expected article is among the first 5 distinct articles of the ranked passages
(50 passages deep, grouped by article in rank order). The product is asked through
`Index.search(query, k=50)`, no filters, with the query its offline path searches for the
question (`product_query`: as written, plus the names of the symbols it names in the other
language, "礼来…" + "Eli Lilly"); the baseline with the question as written. The baseline (bm25.py)
indexes the same chunks, each with its article's title as the product indexes it: the chunks
come from the public chunker (`chunk_article`) over every article the library lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.offline.library_query import search_query
from assistant.question.parse import parse_question
from assistant.question.vocabulary import Vocabulary
from benchmarks.eval.bm25 import DEPTH, Baseline
from benchmarks.eval.questions import Question
from ingest.chunking import chunk_article
from ingest.index import Index

TOP = 5


def chunk_documents(index: Index) -> Iterator[tuple[str, str]]:
    """(article id, title + chunk text) for every chunk of every article in the library."""
    for summary in index.list_articles():
        article = index.get_article(summary.id)
        for chunk in chunk_article(article):
            yield article.id, f"{article.title}\n{chunk.text}"


def build_baseline(index: Index, cache: Path | None = None) -> Baseline:
    return Baseline.build(chunk_documents(index), cache)


def first_articles(ranked: Iterable[str], n: int = TOP) -> list[str]:
    """The first n distinct articles of a ranking of passages."""
    seen: list[str] = []
    for article in ranked:
        if article not in seen:
            seen.append(article)
            if len(seen) == n:
                break
    return seen


def product_query(question: Question, vocabulary: Vocabulary) -> str:
    """What the product's offline path searches for a question (`search_query`)."""
    parsed = parse_question(question.question, vocabulary, as_of=question.as_of)
    return search_query(parsed, vocabulary, None)


def product_ranked(index: Index, query: str) -> list[str]:
    return [hit.chunk.article_id for hit in index.search(query, k=DEPTH)]


@dataclass
class Hits:
    """hit@5 counts of one group of questions, for the product and the baseline."""

    group: str
    total: int = 0
    product: int = 0
    baseline: int = 0
    product_misses: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        return self.product / self.baseline if self.baseline else None


@dataclass(frozen=True)
class Case:
    """One question to retrieve for: as the reader wrote it (the baseline's query), what the
    product searches for it, and the articles that hold its facts."""

    id: str
    question: str
    searched: str
    expected: list[str]


def hits_at_5(index: Index, baseline: Baseline, group: str, cases: Sequence[Case]) -> Hits:
    """Count hits over the cases."""
    hits = Hits(group)
    for case in cases:
        qid, question, expected = case.id, case.question, case.expected
        hits.total += 1
        if set(expected) & set(first_articles(product_ranked(index, case.searched))):
            hits.product += 1
        else:
            hits.product_misses.append(qid)
        if set(expected) & set(first_articles(baseline.ranked_articles(question))):
            hits.baseline += 1
    return hits

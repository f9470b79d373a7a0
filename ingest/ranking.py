"""Ranking a query's passages: BM25 and the vectors, each filtered alike, fused.

A search runs both legs with the same filters and fuses their rankings by reciprocal rank
fusion (RRF, k=60), which is robust to the legs' scores being on different scales; the vector
leg's vote is weighted by the embedder (the local hashed one counts 0.25, a semantic one 1.0).

A query is searched in both languages: the CC-CEDICT translations of its words
(`ingest.crosslingual`), and the Chinese names the library's own articles give its acronyms
(`ingest.glosses`: "PPI" is 工业生产者出厂价格指数), join BM25's query below the words typed,
and the local embedding compares each candidate with the query and with its translation, the
closer counting.

A phrase in double quotes is one term however many words it has (`quoted`), scored by its best
word as a translation is: the offline path adds the names of what a question asks about in the
other language so ("高盛怎么看油价？ "WTI crude oil" "Goldman Sachs""), and two English words
for one name must not outvote the question's own.

A query naming a day or a month ("2026年6月PPI", "on July 3") gets a third vote: BM25 within the
days that period's news was published (`ingest.named_periods.named_period`), counted twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

import numpy as np

from ingest.crosslingual import characters_of_words, search_terms, translate
from ingest.embeddings import Embedder
from ingest.filters import Filters
from ingest.lexical import LexicalIndex
from ingest.named_periods import named_period
from ingest.tokens import tokenize
from ingest.vectors import VectorStore

RRF_K = 60
CANDIDATES = 100  # BM25's best, among which a lexical embedding re-ranks
# A translated query word against one typed: enough to bring a passage in the other language
# among the best, not enough for a loose translation to outvote the question's own words.
TRANSLATION_WEIGHT = 0.8
# BM25 within the window a query names outvotes both legs over the whole library: a passage
# from that day that ranks well there is what the question is about.
DATED_WEIGHT = 2.0


def rank_chunks(
    query: str,
    k: int,
    filters: Filters,
    lexical: LexicalIndex,
    embedder: Embedder,
    store: VectorStore,
) -> list[tuple[str, float]]:
    """Chunk ids with their fused scores, best first, at least `k` deep when there are."""
    tokens = tokenize(query)
    translated = translate(query)
    translations = search_terms(query, tokens, translations=translated)
    translations += lexical.glossed(query, tokens)
    words = [t.term for t in translated]
    depth = max(4 * k, 30)

    def bm25(typed: list[str], n: int, within: Filters, phrases: Phrases = ()) -> list[str]:
        # A word jieba cut into characters (俄 + 乌: 俄乌) is one term, as its translation is:
        # as two it would outvote an English passage saying "Russo-Ukrainian" once. A quoted
        # name counts as its best word, as a translation does ("Goldman Sachs": "goldman"; 纳斯达克
        # 综合指数: 纳斯达克, not the 指数 of every index)
        kept, cut = characters_of_words(typed, words)
        named = [tuple((token,) for token in phrase) for phrase in phrases]
        terms = [*translations, *named]
        return lexical.search(kept, n, within, terms, TRANSLATION_WEIGHT, cut)

    typed, phrases = quoted(query)
    lexical_ids = bm25(typed, max(depth, CANDIDATES), filters, phrases)
    # A query naming a day or a month ("2026年6月PPI", "on July 3") is about what was
    # reported then, yet a monthly report's other months share all its words: BM25 within
    # that window votes too, and its passages join the candidates the embedding ranks.
    dated: list[str] = []
    if (named := _named_window(query, filters)) is not None:
        window, rest = named  # within the window, the date's own words only add noise
        rest_typed, rest_phrases = quoted(rest)
        dated = bm25(rest_typed, depth, window, rest_phrases)
    candidates = list(dict.fromkeys([*lexical_ids, *dated]))
    # A lexical embedding re-ranks BM25's candidates; when BM25 finds nothing (no shared
    # word), it searches alone so character bigrams can still find a near spelling.
    vector = embedder.embed_query(query, tokens, lexical.idf(tokens))
    if embedder.lexical and candidates:  # the candidates already pass the filters
        # A passage in the other language shares no word with the query: its translation
        # gets a vector of its own, and each candidate counts its closer one.
        words = list(dict.fromkeys(t for term in translations for seq in term for t in seq))
        if words:
            idf = lexical.idf(words)
            vector = np.stack([vector, embedder.embed_query(" ".join(words), words, idf)])
        vector_ids = store.rerank(vector, candidates, depth)
    elif vector.any():
        vector_ids = store.query(vector, depth, filters.chroma_where())
    else:  # no word the library knows: a zero vector would "match" at random
        vector_ids = []
    weight = embedder.fusion_weight
    rankings = [(vector_ids, weight), (lexical_ids[:depth], 1.0), (dated, DATED_WEIGHT)]
    return fuse(rankings)


Phrases = Sequence[tuple[str, ...]]
_QUOTED = re.compile(r'"([^"]+)"')


def quoted(query: str) -> tuple[list[str], Phrases]:
    """The query's tokens outside double quotes, and each quoted phrase's: one term, however
    many words it has ("高盛怎么看油价？ "Goldman Sachs"": the name its answer's English articles
    use counts as one word, not two that outvote the question's own)."""
    phrases = [tuple(tokenize(m)) for m in _QUOTED.findall(query)]
    rest = tokenize(_QUOTED.sub(" ", query))
    return rest + [p[0] for p in phrases if len(p) == 1], [p for p in phrases if len(p) > 1]


def fuse(rankings: Iterable[tuple[list[str], float]], k: int = RRF_K) -> list[tuple[str, float]]:
    """Weighted reciprocal rank fusion: score(d) = sum of weight / (k + rank) over rankings."""
    scores: dict[str, float] = {}
    for ranking, weight in rankings:
        for rank, chunk_id in enumerate(ranking, start=1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def _named_window(query: str, filters: Filters) -> tuple[Filters, str] | None:
    """`filters` narrowed to when what the query names was reported, and the query without
    the date. None when the query names no day or month, searches within one article, or its
    window misses the filters' own."""
    if filters.article_id:
        return None
    named = named_period(query, today=filters.until or dt.date.today())
    if named is None:
        return None
    window = filters.within(Filters(since=named.start, until=named.reported_until))
    return None if window is None else (window, named.rest)

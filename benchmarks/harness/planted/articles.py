"""True sentences quoted from real articles: the two seeds and the shared news, zh and en.

Articles are parsed and chunked the way the library ingests them; a quotable sentence has one
to three figures, at least one with a unit or decimals (a %, points, bp, dollars), and sits in
one chunk: that chunk is the passage the answer cites as `[1]` (an `ArticleSource` built by the
registry from a `Hit`, as retrieval would). The answer quotes the sentence as it is, or a
faithful shortened quote (up to the end of the clause of its first such figure), sometimes
introduced ("文章指出，", "Per the article, ").
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.answer.numbers import Figure, figures_in
from assistant.gather.sentences import split_text
from assistant.gather.sources import ArticleSource, SourceRegistry
from assistant.question.vocabulary import Vocabulary, default_vocabulary
from ingest.chunking import chunk_article
from ingest.language import Language
from ingest.models import Article, Chunk, Hit
from ingest.parsers import Origin, parse
from ingest.parsers.jsonl import record_to_article

NEWS_FILES = ("financialreport_rss_articles.jsonl", "deanfi_finnhub_news.jsonl")
_UNITS = frozenset({"%", "％", "个百分点", "百分点", "个基点", "基点", "bp", "bps", "pp", "percent",
                    "percentage points", "percentage point", "点", "points", "美元"})  # fmt: skip
_MARKERS = re.compile(r"\s*\[\d{1,3}\]")
_CLAUSE = re.compile(r"[，；]|[,;](?!\d)")
_LENGTH = {"zh": (12, 150), "en": (30, 260)}
_LOWER_START = re.compile(r"^(?:The|A|An|It|Its|This|That|These|Those)\b")


@dataclass(frozen=True)
class Quote:
    """A sentence of an article, quoted in an answer that cites the article's passage."""

    article_id: str
    language: Language
    sentence: str  # as the article writes it (its own citation markers taken out)
    body: str  # the answer's sentence, without its marker and full stop
    passage: str
    source: ArticleSource
    note: str

    def sentence_with(self, body: str) -> str:
        return body + ("[1]。" if self.language == "zh" else " [1].")


def good(figure: Figure) -> bool:
    """A figure a reader can check: with a unit or decimals."""
    return figure.unit in _UNITS or figure.decimals > 0


def quotable(sentence: str, language: Language) -> bool:
    low, high = _LENGTH[language]
    found = figures_in(sentence)
    return (
        low <= len(sentence) <= high
        and 1 <= len(found) <= 3
        and any(good(f) for f in found)
        and "http" not in sentence
        and ("\n" not in sentence)
    )


def seed_articles(shared: Path) -> list[Article]:
    articles = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        origin = Origin(path=str(path), name=path.name)
        found = parse("text", path.read_bytes(), origin, max_line_bytes=10**7)
        articles += [a for a in found if isinstance(a, Article)]
    return articles


def news_articles(shared: Path, rng: random.Random) -> Iterator[Article]:
    """The shared news, one article at a time, in a seeded random order."""
    lines: list[tuple[Path, int, str]] = []
    for name in NEWS_FILES:
        path = shared / "data" / "news" / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            lines += [(path, n, line) for n, line in enumerate(text.splitlines(), 1) if line]
    rng.shuffle(lines)
    for path, number, line in lines:
        try:
            yield record_to_article(
                json.loads(line), Origin(path=str(path), name=path.name), number
            )
        except ValueError:
            continue


def candidates(article: Article) -> Iterator[tuple[str, Chunk]]:
    """Each quotable sentence of the article, with the one chunk that holds it."""
    language: Language = "zh" if article.lang == "zh" else "en"
    chunks = chunk_article(article)
    for chunk in chunks:
        for raw in split_text(chunk.text):
            sentence = _MARKERS.sub("", raw).strip()
            holders = [c for c in chunks if raw in c.text]
            if quotable(sentence, language) and len(holders) == 1:
                yield sentence, chunk


def quote(article: Article, sentence: str, chunk: Chunk, rng: random.Random, note: str) -> Quote:
    language: Language = "zh" if article.lang == "zh" else "en"
    registry = SourceRegistry()
    hit = Hit(chunk=chunk, score=1.0, title=article.title, published=article.published,
              source=article.source, url=article.url)  # fmt: skip
    n = registry.add_hit(hit)
    source = registry.get(n)
    assert n == 1 and isinstance(source, ArticleSource)
    body = _answer_body(sentence, language, rng)
    return Quote(article.id, language, sentence, body, chunk.text, source, note)


def _answer_body(sentence: str, language: Language, rng: random.Random) -> str:
    body = sentence.rstrip("。.！!？?；;，, ")
    if rng.random() < 0.3:
        body = shortened(body)
    if rng.random() < 0.15:
        if language == "zh":
            body = rng.choice(["文章指出，", "据报道，"]) + body
        elif _LOWER_START.match(body):
            body = "Per the article, " + body[0].lower() + body[1:]
    return body


def shortened(body: str) -> str:
    """Up to the end of the clause holding the first checkable figure (when more follows)."""
    first = next((f for f in figures_in(body) if good(f)), None)
    if first is None:
        return body
    at = body.find(first.raw)
    cut = _CLAUSE.search(body, at + len(first.raw)) if at >= 0 else None
    if cut is None or len(body) - cut.end() < 6:
        return body
    return body[: cut.start()]


def select_quotes(
    shared: Path, per_language: int, rng: random.Random, *, seed_share: float = 0.2
) -> list[Quote]:
    """`per_language` quotes in each language: some from the seeds, the rest from the news (at
    most two sentences an article, half of them naming an index, a sector or a rate)."""
    seeds = [(a, s, c) for a in seed_articles(shared) for s, c in candidates(a)]
    picked = rng.sample(seeds, min(len(seeds), int(per_language * seed_share)))
    quotes = [quote(a, s, c, rng, f"seed: {a.title[:30]}") for a, s, c in picked]
    room = {(lang, named): per_language // 2 for lang in ("zh", "en") for named in (True, False)}
    for q in quotes:
        room[(q.language, _named(q.sentence))] -= 1
    for article in news_articles(shared, rng):
        if all(left <= 0 for left in room.values()):
            break
        lang: Language = "zh" if article.lang == "zh" else "en"
        if room[(lang, True)] <= 0 and room[(lang, False)] <= 0:
            continue
        found = list(candidates(article))
        rng.shuffle(found)
        if room[(lang, True)] > 0:  # naming costs a regex over the whole vocabulary: only
            found.sort(key=lambda pair: not _named(pair[0]))  # when still wanted
        for sentence, chunk in found[:2]:
            key = (lang, room[(lang, True)] > 0 and _named(sentence))
            if room[key] > 0:
                note = f"{article.source}: {article.title[:30]}"
                quotes.append(quote(article, sentence, chunk, rng, note))
                room[key] -= 1
    return quotes


def _named(sentence: str) -> bool:
    return bool(_vocabulary().mentions(sentence))


@cache
def _vocabulary() -> Vocabulary:
    return default_vocabulary()

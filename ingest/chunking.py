"""Chunking: passages sized for retrieval that follow sections and paragraphs.

Sizes: Chinese carries about three times the meaning per character of English, so a Chinese
passage aims at ~500 characters (at most 800) and an English one at ~1,100 (at most 1,500):
both about a paragraph or two, small enough that a hit points at the claim, large enough to
carry its context. A chunk never crosses a section. A paragraph longer than the maximum is cut
at sentence ends (。！？!? and ". "), then at clause ends (；; and line breaks), then at commas
and spaces, and only then anywhere; never inside a number with its unit ("8.2%", "6923.58点",
"1.25 个百分点", "$1.1 billion", "2026年1月23日").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.dates import date_key
from ingest.language import detect_language
from ingest.models import Article, Chunk, Section, content_hash

CHUNKER_VERSION = "1"


@dataclass(frozen=True)
class ChunkSize:
    target: int  # start a new chunk once this many characters are gathered
    maximum: int  # never exceed (unless a single number+unit is longer, which it is not)


ZH_SIZE = ChunkSize(target=500, maximum=800)
EN_SIZE = ChunkSize(target=1100, maximum=1500)

_UNITS = (
    r"%|‰|个百分点|百分点|个基点|基点|bps?|点|倍|万亿|亿|万|千|百|元|美元|港元|人民币|日元|欧元|英镑"
    r"|年|月|日|号|季度|季|只|家|股|次|天|周|个|名|户|吨|桶|盎司"
    r"|(?:billion|million|trillion|thousand|bn|mn|percent|percentage points?|basis points?"
    r"|points?|pts?|shares|years?|months?|days?|x)(?![A-Za-z])"
)
_NUMBER = r"(?:[$¥€£]\s?)?[+\-−]?\d(?:[\d,]*\d)?(?:\.\d+)?"
# A number with its unit, and chains such as 2026年1月23日 or 1.2万亿元.
NUMBER_WITH_UNIT = re.compile(
    rf"{_NUMBER}(?:\s?(?:{_UNITS}))*(?:\s?{_NUMBER}(?:\s?(?:{_UNITS}))+)*"
)

# Split candidates, strongest first: the position after each match.
_LEVELS = (
    re.compile(r"[。！？!?]+[”’」』）)\]]*\s*|(?<![A-Z])\.(?=\s)[”’\"')\]]*\s+"),
    re.compile(r"[；;]\s*|\n+"),
    re.compile(r"[，,、:：]\s*|\s+"),
)


def _protected(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in NUMBER_WITH_UNIT.finditer(text)]


def _inside(spans: list[tuple[int, int]]) -> set[int]:
    """Positions a cut may not take: strictly inside a number with its unit."""
    return {position for start, end in spans for position in range(start + 1, end)}


def _allowed(position: int, spans: list[tuple[int, int]]) -> bool:
    return not any(start < position < end for start, end in spans)


def _hard_cut(text: str, maximum: int) -> list[str]:
    """Last resort: cut at the maximum, moved back out of any number+unit."""
    spans = _protected(text)
    pieces: list[str] = []
    start = 0
    while len(text) - start > maximum:
        cut = start + maximum
        while cut > start + 1 and not _allowed(cut, spans):
            cut -= 1
        if cut <= start + 1:  # one number longer than a chunk: keep it whole
            cut = next(end for s, end in spans if s < start + maximum < end)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _pack(segments: Iterable[str], maximum: int) -> list[str]:
    """Greedy: join consecutive segments while the result stays within `maximum`."""
    packed: list[str] = []
    for segment in segments:
        if packed and len(packed[-1]) + len(segment) <= maximum:
            packed[-1] += segment
        else:
            packed.append(segment)
    return packed


def split_long(text: str, maximum: int, level: int = 0) -> list[str]:
    """`text` in pieces of at most `maximum` characters, cut at the strongest boundary that
    works and never inside a number with its unit."""
    if len(text) <= maximum:
        return [text]
    if level == len(_LEVELS):
        return _hard_cut(text, maximum)
    inside = _inside(_protected(text))
    cuts = [m.end() for m in _LEVELS[level].finditer(text) if m.end() not in inside]
    bounds = [0, *[c for c in cuts if 0 < c < len(text)], len(text)]
    segments = [text[a:b] for a, b in itertools.pairwise(bounds) if b > a]
    pieces: list[str] = []
    for segment in segments:
        pieces.extend(
            split_long(segment, maximum, level + 1) if len(segment) > maximum else [segment]
        )
    return _pack(pieces, maximum)


def split_section(text: str, size: ChunkSize) -> list[str]:
    """The passages of one section: whole paragraphs gathered up to the target size."""
    chunks: list[str] = []
    current = ""
    for paragraph in (p.strip() for p in text.split("\n\n")):
        if not paragraph:
            continue
        for piece in split_long(paragraph, size.maximum):
            piece = piece.strip()
            joined = f"{current}\n\n{piece}" if current else piece
            if current and len(joined) > size.maximum:
                chunks.append(current)
                current = piece
            else:
                current = joined
            if len(current) >= size.target:
                chunks.append(current)
                current = ""
    if current:
        # A short tail reads better with what comes before it, when that still fits.
        if (
            chunks
            and len(current) < size.target // 4
            and len(chunks[-1]) + len(current) + 2 <= size.maximum
        ):
            chunks[-1] = f"{chunks[-1]}\n\n{current}"
        else:
            chunks.append(current)
    return chunks


def size_for(text: str) -> ChunkSize:
    return ZH_SIZE if detect_language(text) == "zh" else EN_SIZE


def chunk_metadata(article: Article, section: Section) -> dict[str, str | int | float | bool]:
    """What every chunk carries for filters and citations (scalars only, absent when unknown)."""
    metadata: dict[str, str | int | float | bool] = {
        "article_id": article.id,
        "title": article.title,
        "source": article.source,
        "section": section.heading,
        "lang": article.lang,
        "tickers": ",".join(article.tickers),
        "tags": ",".join(article.tags),
    }
    published = date_key(article.published)
    if published:
        metadata["published"] = published
    if article.url:
        metadata["url"] = article.url
    if section.page is not None:
        metadata["page"] = section.page
    return metadata


def chunk_article(article: Article) -> list[Chunk]:
    """The article's chunks in reading order; ids are content hashes, so unchanged text keeps
    its id (and a repeated identical passage in one section is kept once)."""
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for section in article.sections:
        metadata = chunk_metadata(article, section)
        for text in split_section(section.text, size_for(section.text)):
            chunk_id = content_hash(article.id, section.heading, text)
            if chunk_id in seen:
                continue
            seen.add(chunk_id)
            chunks.append(
                Chunk(
                    id=chunk_id,
                    article_id=article.id,
                    section=section.heading,
                    page=section.page,
                    ordinal=len(chunks),
                    text=text,
                    metadata=metadata,
                )
            )
    return chunks

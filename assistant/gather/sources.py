"""The source registry: everything an answer may cite, numbered before any text is written.

Every tool result joins the one market-data source `[0]` (the seeds use a single `[0]` for the
product's own data); every retrieved passage joins the source of its article, which gets a
provisional number in order of registration. The model (or the composer) may only cite these
numbers; `assistant.answer.citations` later renumbers articles by first citation and drops the rest.
Tools run in parallel threads inside the agent, so registration is locked.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlparse

from assistant.answer.model import Language, Passage, Reference
from assistant.locale import format_date, message, note_text, tool_name
from ingest.language import has_cjk
from ingest.models import Hit
from tools.notes import Note, merged_notes, merged_sources
from tools.result import ToolResult

MARKET = 0
# The Latin name a feed's bilingual name opens or closes with: "BBC全球经济", "经济学人 Economist".
_LATIN_END = re.compile(r"^[A-Za-z][\w&.' -]*[A-Za-z]\b|\b[A-Za-z][\w&.' -]*[A-Za-z]$", re.ASCII)


def reporter(source: str, url: str | None, language: Language) -> str:
    """Who published an article, as a lead-in or a source list names it, in a name the reader
    can read: its source, else its site ("baijiahao.baidu.com"), else "an article"; never its
    headline, which a feed may have cut short ("…AMD涨超23%，..") and which reads as no one's
    name. An English reader gets a Chinese name's Latin part ("BBC" of "BBC全球经济") or its
    site ("wallstreetcn.com" for 华尔街见闻), as a Chinese reader reads "CNBC" as it is."""
    if source and (language == "zh" or not has_cjk(source)):
        return source
    if source and (latin := _LATIN_END.search(source)):
        return latin[0]
    if host := urlparse(url).hostname if url else None:
        return host.removeprefix("www.")
    return message("takeaway.chinese_source" if source else "quote.someone", language)


@dataclass
class MarketSource:
    """`[0]`: every market-data tool result this answer used."""

    results: list[ToolResult] = field(default_factory=list)

    @property
    def as_of(self) -> dt.date | None:
        dates = [r.provenance.as_of for r in self.results]
        return max(dates) if dates else None

    def reference(self, n: int, language: Language) -> Reference:
        return market_reference(
            n,
            tools=[r.provenance.tool for r in self.results],
            symbols=[s for r in self.results for s in r.provenance.symbols],
            as_of=self.as_of,
            origins=[r.provenance.source for r in self.results],
            methods=[f"{r.provenance.tool}: {r.provenance.method}" for r in self.results],
            notes=[n for r in self.results for n in r.provenance.notes],
            language=language,
        )


def market_reference(
    n: int,
    *,
    tools: Iterable[str],
    symbols: Iterable[str],
    as_of: dt.date | None,
    origins: Iterable[str],
    methods: Iterable[str],
    notes: Iterable[str],
    language: Language,
) -> Reference:
    """`[0]` of one answer's tool results, or of a brief's steps: each tool, symbol and method
    once, the origins as one line and the notes merged (`merged_sources`, `merged_notes`), in
    the reader's language."""
    tools, symbols, origins = _unique(tools), _unique(symbols), tuple(origins)
    return Reference(
        n=n,
        kind="market_data",
        title=market_title(tools, symbols, as_of, language),
        source=Note(
            message("join.clauses", language).join(
                note_text(line, language) for line in merged_sources(origins)
            ),
            "origins",
            origins=origins,
        ),
        date=as_of,
        tools=tuple(tools),
        symbols=tuple(symbols),
        method="; ".join(_unique(methods)),
        notes=_worded(merged_notes(notes), language),
    )


def origins_of(reference: Reference) -> tuple[str, ...]:
    """What a `[0]`'s source line was worded from (the line itself, read back from JSON)."""
    return getattr(reference.source, "facts", {}).get("origins", (reference.source,))


def _worded(notes: Iterable[str], language: Language) -> tuple[str, ...]:
    """Each note once, in the reader's words, still carrying its data (`Worded`)."""
    worded: dict[str, str] = {}
    for note in notes:
        text = note_text(note, language)
        if text and text not in worded:
            key = getattr(note, "key", None)
            worded[text] = Note(text, key, **getattr(note, "facts", {})) if key else text
    return tuple(worded.values())


def market_title(
    tools: list[str], symbols: list[str], as_of: dt.date | None, language: Language
) -> str:
    """`[0]`'s title: which tools, which symbols, as of when (one answer's or a brief's), in
    the reader's words: "marketbrief 市场数据：指数收益（IWM、SPY），截至2026年8月21日"."""
    joined = message("join.list", language).join
    shown_symbols = joined(symbols[:12]) + (" …" if len(symbols) > 12 else "")
    title = message(
        "source.title",
        language,
        label=message("source.market_data", language),
        tools=joined(tool_name(t, language) for t in tools),
        symbols=shown_symbols,
    )
    if as_of:
        title += message("source.as_of", language, date=format_date(as_of, language))
    return title


@dataclass
class ArticleSource:
    """One article, with every passage of it that was retrieved for this answer."""

    n: int  # provisional number, in order of registration
    article_id: str
    title: str
    source: str
    published: dt.date | None
    url: str | None
    passages: dict[str, Passage] = field(default_factory=dict)  # by chunk id, in order

    def add(self, hit: Hit) -> None:
        chunk = hit.chunk
        if chunk.id not in self.passages:
            self.passages[chunk.id] = Passage(
                chunk_id=chunk.id, section=chunk.section, page=chunk.page, text=chunk.text
            )

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.passages.values())

    def reference(self, n: int) -> Reference:
        return Reference(
            n=n,
            kind="article",
            title=self.title,
            source=self.source,
            date=self.published,
            url=self.url,
            article_id=self.article_id,
            passages=tuple(self.passages.values()),
        )


Source = MarketSource | ArticleSource


class SourceRegistry:
    """The numbered sources of one answer (or one research brief)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.market = MarketSource()
        self._articles: dict[str, ArticleSource] = {}

    def add_tool_result(self, result: ToolResult) -> int:
        """Register a tool result as part of `[0]`; returns 0."""
        with self._lock:
            if not any(r is result for r in self.market.results):
                self.market.results.append(result)
        return MARKET

    def add_hit(self, hit: Hit) -> int:
        """Register a retrieved passage; returns its article's provisional number."""
        article_id = hit.chunk.article_id
        with self._lock:
            source = self._articles.get(article_id)
            if source is None:
                source = ArticleSource(
                    n=len(self._articles) + 1,
                    article_id=article_id,
                    title=hit.title,
                    source=hit.source,
                    published=hit.published,
                    url=hit.url,
                )
                self._articles[article_id] = source
            source.add(hit)
            return source.n

    def get(self, n: int) -> Source | None:
        """The source a provisional number stands for, or None (an invented citation)."""
        if n == MARKET:
            return self.market if self.market.results else None
        return next((a for a in self._articles.values() if a.n == n), None)

    @property
    def articles(self) -> list[ArticleSource]:
        return list(self._articles.values())

    @property
    def tool_results(self) -> list[ToolResult]:
        return list(self.market.results)

    def reference(self, source: Source, n: int, language: Language) -> Reference:
        if isinstance(source, MarketSource):
            return source.reference(n, language)
        return source.reference(n)


def _unique(values: Iterable[object]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(str(value), None)
    return list(seen)

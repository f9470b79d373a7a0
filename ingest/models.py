"""The values that cross the library's boundary: Article, Chunk, Hit."""

from __future__ import annotations

import datetime as dt
import hashlib

from pydantic import BaseModel, ConfigDict, Field

from ingest.text import is_placeholder


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Section(Frozen):
    """One titled part of an article (综合分析, 核心洞察, ... or a page of a PDF)."""

    heading: str = ""
    text: str
    page: int | None = None  # 1-based page number for PDFs


class ArticleReference(Frozen):
    """An entry of the article's own numbered reference list."""

    n: int
    text: str
    url: str | None = None


class Article(Frozen):
    """A parsed piece of commentary, before chunking."""

    id: str  # stable: derived from the url or the source path, see `article_id`
    title: str
    published: dt.date | None = None
    source: str = ""
    url: str | None = None
    lang: str = "en"  # "zh" or "en"
    tags: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    references: tuple[ArticleReference, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections)

    @property
    def headline_only(self) -> bool:
        """Does it hold nothing but its title: no text, the title again, or a feed's stand-in
        for none ("N/A", as a library ingested before that was read kept it)?"""
        text = self.text.strip()
        return not text or text == self.title.strip() or is_placeholder(text)

    def markdown(self) -> str:
        """The whole article as Markdown, for a person or an agent to read: the title, what it
        is (id, date, source, ...), its sections and its own references."""
        lines = [f"# {self.title}", "", f"- id: {self.id}"]
        for label, value in (
            ("published", self.published.isoformat() if self.published else ""),
            ("source", self.source),
            ("url", self.url),
            ("tags", ", ".join(self.tags)),
            ("tickers", ", ".join(self.tickers)),
        ):
            if value:
                lines.append(f"- {label}: {value}")
        for section in self.sections:
            heading = section.heading or (f"page {section.page}" if section.page else "")
            lines += ["", f"## {heading}" if heading else "---", "", section.text]
        if self.references:
            lines += ["", "## References", ""]
            lines += [
                f"[{r.n}] {r.text}" + (f" <{r.url}>" if r.url else "") for r in self.references
            ]
        return "\n".join(lines) + "\n"


class Chunk(Frozen):
    """A retrievable passage. Its id is a hash of its article and content, so re-ingesting
    unchanged input writes nothing."""

    id: str
    article_id: str
    section: str = ""
    page: int | None = None
    ordinal: int = 0  # position in the article
    text: str
    metadata: dict[str, str | int | float | bool] = Field(default_factory=dict)


class Hit(Frozen):
    """A chunk found by a search, with the article fields a citation needs."""

    chunk: Chunk
    score: float
    title: str
    published: dt.date | None = None
    source: str = ""
    url: str | None = None


class ArticleSummary(Frozen):
    """One row of `library ls`: what a person needs to pick an article, without its text."""

    id: str
    title: str
    published: dt.date | None = None
    source: str = ""
    url: str | None = None
    tickers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    chunks: int = 0


def content_hash(*parts: str, length: int = 16) -> str:
    """A short stable hash of the given parts (used for article and chunk ids)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def article_id(*, url: str | None = None, path: str | None = None, key: str = "") -> str:
    """A stable article id: from the url when there is one, else from the source path (plus a
    key for one of several articles in a file, e.g. a JSONL line). Re-ingesting the same url or
    path with new content is then an update of the same article."""
    if url:
        return content_hash("url", url.strip())
    return content_hash("path", path or "", key)

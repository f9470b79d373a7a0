"""Plain text and Markdown: the seed layout when it is recognised, else a generic reading.

Generic: YAML front matter (title, date, source, url, tags, tickers) when present; otherwise the
first line is the title and a dateline near the top is the published date. Markdown headings
start sections; plain text is one section.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import frontmatter
import yaml

from ingest.dates import find_date_line, parse_date
from ingest.language import detect_language
from ingest.models import Article, Section
from ingest.parsers.origin import Origin
from ingest.parsers.seed import is_seed_layout, parse_seed
from ingest.text import normalise

_HEADING = re.compile(r"(#{1,6})\s+(.+?)\s*#*")
_LABELLED_DATE = re.compile(
    r"(?:published|date|posted|updated|发布时间|发布日期|日期|时间)\s*[:：]\s*(.+)", re.I
)
_TITLE_MAX = 200
_DATE_SEARCH_LINES = 12


@dataclass(frozen=True)
class Meta:
    """Metadata a container (front matter, HTML head, feed entry) already knows."""

    title: str = ""
    published: dt.date | None = None
    source: str = ""
    url: str | None = None
    tags: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    extra: Mapping[str, object] = field(default_factory=dict)


def parse_text(text: str, origin: Origin, meta: Meta | None = None) -> Article:
    """An Article from text (txt, md, or the text extracted from a page or a PDF)."""
    meta = meta or Meta()
    if is_seed_layout(text):
        return _with_meta(parse_seed(text, origin), meta, origin)
    if text.lstrip().startswith("---"):
        text, meta = _front_matter(text, meta)
    return _generic(normalise(text), origin, meta)


def _with_meta(article: Article, meta: Meta, origin: Origin) -> Article:
    """What the container knew fills what the page did not say."""
    return article.model_copy(
        update={
            "id": origin.article_id(url=meta.url),
            "title": article.title or meta.title,
            "published": article.published or meta.published,
            "source": article.source or meta.source,
            "url": article.url or meta.url,
            "tags": article.tags or meta.tags,
            "tickers": article.tickers or meta.tickers,
        }
    )


def _as_strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in re.split(r"[,\s]+", value) if v.strip())
    if isinstance(value, list | tuple):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return ()


def _front_matter(text: str, meta: Meta) -> tuple[str, Meta]:
    try:
        post = frontmatter.loads(text)
    except (yaml.YAMLError, ValueError):  # malformed YAML (or JSON) front matter: the file is
        return text, meta  # read as plain text instead
    fm = post.metadata
    found = Meta(
        title=str(fm.get("title") or meta.title),
        published=parse_date(fm.get("date") or fm.get("published")) or meta.published,
        source=str(fm.get("source") or meta.source),
        url=str(fm["url"]) if fm.get("url") else meta.url,
        tags=tuple(t.lower().lstrip("#") for t in _as_strings(fm.get("tags"))) or meta.tags,
        tickers=tuple(t.upper() for t in _as_strings(fm.get("tickers"))) or meta.tickers,
    )
    return post.content, found


def _find_date(lines: list[str]) -> dt.date | None:
    for line in lines[:_DATE_SEARCH_LINES]:
        labelled = _LABELLED_DATE.match(line)
        day = parse_date(labelled[1]) if labelled else find_date_line(line)
        if day:
            return day
    return None


def _sections(lines: list[str]) -> list[Section]:
    """Markdown headings start sections; text before the first heading has no heading."""
    sections: list[Section] = []
    heading, body = "", list[str]()
    for line in lines:
        match = _HEADING.fullmatch(line)
        if match:
            if "\n".join(body).strip():
                sections.append(Section(heading=heading, text=normalise("\n".join(body))))
            heading, body = match[2], []
        else:
            body.append(line)
    if "\n".join(body).strip():
        sections.append(Section(heading=heading, text=normalise("\n".join(body))))
    return sections


def _generic(text: str, origin: Origin, meta: Meta) -> Article:
    lines = text.split("\n")
    title = meta.title
    if not title and lines:
        first = lines.pop(0)
        match = _HEADING.fullmatch(first)
        title = (match[2] if match else first)[:_TITLE_MAX]
    elif lines and lines[0].lstrip("# ").strip() == title.strip():
        lines.pop(0)  # the title repeated as the first line or heading
    published = meta.published or _find_date(lines)
    sections = _sections(lines)
    url = meta.url or origin.url
    return Article(
        id=origin.article_id(url=meta.url),
        title=title.strip() or origin.title_fallback(),
        published=published,
        source=meta.source or origin.source,
        url=url,
        lang=detect_language(title + text),
        tags=meta.tags,
        tickers=meta.tickers,
        sections=tuple(sections),
    )

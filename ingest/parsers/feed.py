"""RSS and Atom feeds: each entry is an article (title, link, date, summary or content)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import feedparser

from ingest.dates import parse_date
from ingest.errors import SourceError
from ingest.language import detect_language
from ingest.models import Article, Section
from ingest.parsers.origin import Origin, Skipped
from ingest.text import html_fragment_to_text, normalise


def looks_like_feed(head: bytes) -> bool:
    """True when the start of a document is an RSS, RDF or Atom feed."""
    sample = head[:2048].lower()
    return b"<rss" in sample or b"<feed" in sample or b"<rdf:rdf" in sample


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return parse_date(entry.get("published") or entry.get("updated"))


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    html = max((c.get("value", "") for c in contents), key=len, default="")
    html = html or entry.get("summary") or entry.get("description") or ""
    return html_fragment_to_text(html)


def _entry_article(entry: Any, origin: Origin, feed_title: str, number: int) -> Article:
    title = normalise(html_fragment_to_text(entry.get("title") or ""))
    text = _entry_text(entry)
    if not title and not text:
        raise ValueError("entry has neither title nor text")
    link = entry.get("link") or None
    source = entry.get("source", {}).get("title") if entry.get("source") else None
    return Article(
        id=origin.article_id(url=link, key=str(entry.get("id") or number)),
        title=title[:200] or text.split("\n", 1)[0][:200],
        published=_entry_date(entry),
        source=(source or feed_title or origin.source).strip(),
        url=link,
        lang=detect_language(title + text),
        tags=tuple(
            dict.fromkeys(t["term"].lower() for t in entry.get("tags") or [] if t.get("term"))
        ),
        sections=(Section(heading="", text=text or title),),
    )


def parse_feed(data: bytes, origin: Origin) -> Iterator[Article | Skipped]:
    """Each entry of an RSS/Atom document. Raises SourceError when it is not a feed at all.

    feedparser itself trips on some malformed declarations (found by fuzzing:
    `<?encoding="\x80"?>` raises UnicodeDecodeError, a NUL in it ValueError); those are
    unreadable feeds too."""
    try:
        parsed = feedparser.parse(data)
    except (ValueError, LookupError, TypeError) as error:
        raise SourceError(f"not a readable RSS/Atom feed ({type(error).__name__})") from None
    if not parsed.entries and (parsed.bozo or not parsed.get("feed")):
        reason = parsed.get("bozo_exception")
        raise SourceError(f"not a readable RSS/Atom feed ({reason or 'no entries'})")
    feed_title = normalise(parsed.feed.get("title", "")) if parsed.get("feed") else ""
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield _entry_article(entry, origin, feed_title, number)
        except ValueError as error:
            yield Skipped(f"{origin.name} entry {number}", str(error))

"""Parsers, one module per format, behind one door: `detect_format` then `parse`.

A format is chosen by file suffix, then by the HTTP content type, then by sniffing the first
bytes, so a URL without a telling path still lands in the right parser.
"""

from __future__ import annotations

from collections.abc import Iterator

from ingest.errors import UnsupportedSource
from ingest.models import Article
from ingest.parsers.feed import looks_like_feed, parse_feed
from ingest.parsers.html import parse_html
from ingest.parsers.jsonl import parse_jsonl
from ingest.parsers.origin import Origin, Skipped
from ingest.parsers.pdf import parse_pdf
from ingest.parsers.text import parse_text
from ingest.text import decode_bytes

__all__ = ["FORMATS", "Origin", "Skipped", "detect_format", "parse"]

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
CONTENT_TYPES: tuple[tuple[str, str], ...] = (
    ("rss", "feed"),
    ("atom", "feed"),
    ("html", "html"),
    ("pdf", "pdf"),
    ("ndjson", "jsonl"),
    ("jsonl", "jsonl"),
    ("markdown", "text"),
    ("text/plain", "text"),
)


def _sniff(head: bytes) -> str | None:
    start = head.lstrip()[:512].lower()
    if start.startswith(b"%pdf-"):
        return "pdf"
    if looks_like_feed(head):
        return "feed"
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
        return "html"
    return None


def detect_format(name: str, head: bytes, content_type: str | None = None) -> str | None:
    """'text', 'html', 'pdf', 'jsonl' or 'feed'; None when the library cannot read it."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
    by_suffix = FORMATS.get(suffix)
    if by_suffix == "feed" and not looks_like_feed(head):
        return None  # an .xml file that is not a feed
    if by_suffix:
        return by_suffix
    sniffed = _sniff(head)
    if sniffed:
        return sniffed
    kind = (content_type or "").lower()
    for marker, fmt in CONTENT_TYPES:
        if marker in kind:
            return fmt
    return None


def parse(
    fmt: str,
    data: bytes,
    origin: Origin,
    *,
    max_line_bytes: int,
    charset: str | None = None,
) -> Iterator[Article | Skipped]:
    """The articles in one document of the given format (a SourceError when it is unreadable)."""
    if fmt == "jsonl":
        yield from parse_jsonl(data.splitlines(), origin, max_line_bytes=max_line_bytes)
    elif fmt == "feed":
        yield from parse_feed(data, origin)
    elif fmt == "pdf":
        yield parse_pdf(data, origin)
    elif fmt == "html":
        yield parse_html(decode_bytes(data, charset), origin)
    elif fmt == "text":
        yield parse_text(decode_bytes(data, charset), origin)
    else:
        raise UnsupportedSource(f"unsupported format {fmt!r}")

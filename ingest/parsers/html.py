"""HTML pages: the main text through trafilatura (boilerplate, menus and footers removed),
title, date, url and site name from the page's metadata."""

from __future__ import annotations

from typing import Any

import trafilatura

from ingest.dates import parse_date
from ingest.errors import SourceError
from ingest.models import Article
from ingest.parsers.origin import Origin
from ingest.parsers.text import Meta, parse_text


def _extract(html: str, origin: Origin) -> Any:
    """trafilatura's reading of the page. Its date search (htmldate, through lxml) asserts on
    some malformed trees ("<svg><p><p>…": lxml's drop_tree finds an element without a parent):
    such a page is read again without its metadata, whose title and date it can do without."""
    for with_metadata in (True, False):
        try:
            return trafilatura.bare_extraction(
                html,
                url=origin.url,
                with_metadata=with_metadata,
                include_formatting=True,  # keeps headings as Markdown, so sections survive
                include_comments=False,
                include_tables=True,
            )
        except AssertionError:
            continue
    raise SourceError("the HTML is too malformed to read")


def parse_html(html: str, origin: Origin) -> Article:
    """An Article from a full HTML page. Raises SourceError when the page has no main text."""
    document = _extract(html, origin)
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise SourceError("no main text found in the HTML")
    meta = Meta(
        title=(getattr(document, "title", None) or "").strip(),
        published=parse_date(getattr(document, "date", None)),
        source=(getattr(document, "sitename", None) or origin.source or "").strip(),
        url=getattr(document, "url", None) or origin.url,
        tags=tuple(t.lower() for t in (getattr(document, "tags", None) or []) if t),
    )
    return parse_text(text, origin, meta)

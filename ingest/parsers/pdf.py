"""PDF: the text of each page as its own section, so a citation can name the page."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ingest.dates import find_date_line
from ingest.errors import SourceError
from ingest.models import Article, Section
from ingest.parsers.origin import Origin
from ingest.text import detect_lang, normalise

logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every odd xref; we report


def _pages(data: bytes) -> tuple[list[str], str]:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise SourceError("the PDF is encrypted")
        pages = [normalise(page.extract_text() or "") for page in reader.pages]
        title = str(reader.metadata.get("/Title") or "").strip() if reader.metadata else ""
    except SourceError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise SourceError(f"corrupt PDF ({type(error).__name__}: {error})") from None
    return pages, title


def parse_pdf(data: bytes, origin: Origin) -> Article:
    """An Article with one section per page that has text (Section.page is 1-based)."""
    pages, title = _pages(data)
    sections = tuple(
        Section(heading="", text=text, page=number)
        for number, text in enumerate(pages, start=1)
        if text
    )
    if not sections:
        raise SourceError("the PDF has no extractable text (scanned images need OCR)")
    first_lines = sections[0].text.split("\n")
    title = title or first_lines[0][:200]
    published = next((d for d in map(find_date_line, first_lines[:12]) if d), None)
    return Article(
        id=origin.article_id(),
        title=title,
        published=published,
        source=origin.source,
        url=origin.url,
        lang=detect_lang(" ".join(s.text for s in sections[:3])),
        sections=sections,
    )

"""PDF: the text of each page as its own section, so a citation can name the page.

Encrypted PDFs are common: most filings (10-K, 10-Q, 8-K) carry an owner password that only
restricts printing or editing, and open for anyone with the empty user password, as every PDF
viewer does. Those are decrypted and read (AES needs `cryptography`, pypdf's crypto extra);
only a PDF that needs a password to be opened at all is skipped, saying so.
"""

from __future__ import annotations

import io
import logging
import struct
import zlib

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError, DeprecationError, PyPdfError

from ingest.dates import find_date_line
from ingest.errors import SourceError
from ingest.language import detect_language
from ingest.models import Article, Section
from ingest.parsers.origin import Origin
from ingest.text import normalise

# pypdf logs every odd xref (and "errors" it recovers from, found by fuzzing); we report
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

# What pypdf raises on a malformed PDF: its own errors, and the Python errors its parser trips
# on (found by fuzzing: NotImplementedError for an unknown filter, DeprecationError for an old
# filter name, TypeError and AttributeError on objects of the wrong kind, RecursionError, struct
# and zlib errors, ...). All of them mean the same to a person: a corrupt PDF.
MALFORMED_PDF: tuple[type[Exception], ...] = (
    PyPdfError,
    DeprecationError,
    NotImplementedError,
    RecursionError,
    ValueError,
    LookupError,
    TypeError,
    AttributeError,
    ArithmeticError,
    AssertionError,
    struct.error,
    zlib.error,
    OSError,
)


def _page_text(page: PageObject) -> str:
    """One page's text; a page pypdf cannot read (an unsupported filter, a broken stream)
    counts as a page without text, so the rest of the document still goes in."""
    try:
        return normalise(page.extract_text() or "")
    except MALFORMED_PDF:
        return ""


NEEDS_PASSWORD = "the PDF needs a password to open (save a copy without one and add that)"
NEEDS_CRYPTOGRAPHY = (
    "the PDF is encrypted with AES, which needs the cryptography package "
    "(reinstall marketbrief, or pip install 'pypdf[crypto]')"
)


def _decrypt(reader: PdfReader) -> None:
    """Open an encrypted PDF with the empty user password, as any viewer does; SourceError
    when it needs a real one."""
    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise SourceError(NEEDS_PASSWORD)


def _pages(data: bytes) -> tuple[list[str], str]:
    """Every page's text and the title; SourceError for a corrupt PDF."""
    try:
        reader = PdfReader(io.BytesIO(data))  # tries the empty password already
        if reader.is_encrypted:
            _decrypt(reader)
        pages = [_page_text(page) for page in reader.pages]
        title = str(reader.metadata.get("/Title") or "").strip() if reader.metadata else ""
    except DependencyError:  # AES without `cryptography`: an installation problem, said so
        raise SourceError(NEEDS_CRYPTOGRAPHY) from None
    except MALFORMED_PDF as error:
        reason = str(error).splitlines()[0][:120] if str(error) else ""
        raise SourceError(f"corrupt PDF ({type(error).__name__}: {reason})") from None
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
        lang=detect_language(" ".join(s.text for s in sections[:3])),
        sections=sections,
    )

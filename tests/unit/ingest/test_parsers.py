"""Markdown, HTML, PDF, JSON Lines and RSS/Atom parsers, and choosing among them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ingest.errors import SourceError
from ingest.models import Article, article_id
from ingest.parsers import Origin, Skipped, detect_format, parse
from tests.unit.ingest.conftest import read_article


def make_pdf(pages: list[str]) -> bytes:
    """A small real PDF (fpdf2), one string per page."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Credit spreads monthly")
    pdf.set_font("helvetica", size=12)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def encrypt_pdf(data: bytes, algorithm: str, user_password: str = "") -> bytes:
    """The PDF encrypted as filings are: an owner password, and (unless given) an empty user
    password that lets any reader open it."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


ENCRYPTIONS = ["AES-256", "AES-128", "RC4-128"]
FILING = "Form 10-Q: net revenue rose 12% to $4.2 billion in the quarter."


def _parse(fmt: str, data: bytes, name: str = "doc") -> list[Article | Skipped]:
    return list(parse(fmt, data, Origin(path=f"/data/{name}", name=name), max_line_bytes=10_000))


def test_markdown_with_front_matter(fixtures: Path) -> None:
    article = read_article(fixtures / "article.md")
    assert article.title == "Regional banks and the small-cap trade"
    assert article.published == dt.date(2026, 1, 20)
    assert article.source == "Example Weekly"
    assert article.url == "https://example.com/regional-banks"
    assert article.id == article_id(url="https://example.com/regional-banks")
    assert article.tags == ("banks", "small_caps")
    assert article.tickers == ("KRE", "IWM")
    assert [s.heading for s in article.sections] == ["Background", "Risks"]
    assert article.lang == "en"


def test_plain_text_takes_title_and_dateline_from_the_top(fixtures: Path) -> None:
    article = read_article(fixtures / "distractors" / "fed_minutes.txt")
    assert article.title == "美联储会议纪要:多数官员支持放缓降息节奏"
    assert article.published == dt.date(2026, 1, 8)
    assert article.lang == "zh"
    assert len(article.sections) == 1 and "3.50%至3.75%" in article.sections[0].text


def test_html_main_text_and_metadata(fixtures: Path) -> None:
    article = read_article(fixtures / "page.html")
    assert article.title == "Semiconductor equipment orders rebound"
    assert article.published == dt.date(2026, 1, 22)
    assert article.url == "https://example.com/markets/semis-capex"
    assert article.source == "Example Markets"
    text = article.text
    assert "$7.1 billion" in text and "2.5 percentage points" in text
    assert "Log in" not in text and "Copyright" not in text  # menus and footer dropped
    assert [s.heading for s in article.sections][-1] == "What analysts watch"


def test_html_without_main_text_is_a_source_error() -> None:
    with pytest.raises(SourceError, match="no main text"):
        _parse(
            "html",
            b"<html><head><title>t</title></head><body><script>x()</script></body></html>",
            "e.html",
        )


def test_pdf_pages_keep_their_numbers() -> None:
    data = make_pdf(
        ["Credit spreads tightened to 3.1% in January.", "High-yield issuance rose 20%."]
    )
    (article,) = _parse("pdf", data, "credit.pdf")
    assert isinstance(article, Article)
    assert article.title == "Credit spreads monthly"
    assert [s.page for s in article.sections] == [1, 2]
    assert "3.1%" in article.sections[0].text


@pytest.mark.parametrize("algorithm", ENCRYPTIONS)
def test_an_owner_password_pdf_is_read_like_any_other(algorithm: str) -> None:
    data = encrypt_pdf(make_pdf([FILING, "Guidance was raised."]), algorithm)
    (article,) = _parse("pdf", data, "10q.pdf")
    assert isinstance(article, Article)
    assert article.title == "Credit spreads monthly"  # the metadata is decrypted too
    assert [s.page for s in article.sections] == [1, 2]
    assert "$4.2 billion" in article.sections[0].text


def test_a_pdf_that_needs_a_password_is_a_source_error_saying_so() -> None:
    data = encrypt_pdf(make_pdf([FILING]), "AES-256", user_password="reader-secret")
    with pytest.raises(SourceError, match="needs a password"):
        _parse("pdf", data, "locked.pdf")


def test_aes_without_cryptography_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    from pypdf._encryption import Encryption
    from pypdf.errors import DependencyError

    def no_crypto(*args: object, **kwargs: object) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(Encryption, "verify", no_crypto)
    data = encrypt_pdf(make_pdf([FILING]), "AES-256")
    with pytest.raises(SourceError, match="needs the cryptography package") as refused:
        _parse("pdf", data, "10q.pdf")
    assert "corrupt" not in str(refused.value)


def test_corrupt_pdf_is_a_source_error() -> None:
    with pytest.raises(SourceError, match="corrupt PDF"):
        _parse("pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without xref", "bad.pdf")


def test_jsonl_reads_both_key_sets_and_skips_bad_lines(fixtures: Path) -> None:
    found = _parse("jsonl", (fixtures / "news.jsonl").read_bytes(), "news.jsonl")
    articles = [f for f in found if isinstance(f, Article)]
    skipped = [f for f in found if isinstance(f, Skipped)]
    assert [a.title for a in articles] == [
        "罗素2000指数收涨",
        "Fund flows favour small caps",
        "No url here",
    ]
    zh, deanfi, no_url = articles
    assert zh.published == dt.date(2026, 1, 21) and zh.lang == "zh" and zh.source == "示例财经"
    assert deanfi.published == dt.date(2025, 11, 20)
    assert "$1.1 billion" in deanfi.text  # summary is the text
    assert deanfi.tickers == ("IWM",) and deanfi.tags == ("small caps",)
    assert no_url.url is None and no_url.id == article_id(path="/data/news.jsonl", key="line 3")
    assert [s.path for s in skipped] == ["news.jsonl:4", "news.jsonl:5", "news.jsonl:6"]
    assert skipped[0].reason == "not a JSON object"
    assert "no title or text" in skipped[1].reason
    assert "not valid JSON" in skipped[2].reason


def test_jsonl_ids_are_stable_and_distinct(fixtures: Path) -> None:
    data = (fixtures / "news.jsonl").read_bytes()
    first = [a.id for a in _parse("jsonl", data, "news.jsonl") if isinstance(a, Article)]
    again = [a.id for a in _parse("jsonl", data, "news.jsonl") if isinstance(a, Article)]
    assert first == again and len(set(first)) == 3


def test_jsonl_oversized_line_is_skipped() -> None:
    line = b'{"title": "big", "text": "' + b"x" * 20_000 + b'"}\n'
    (skipped,) = _parse("jsonl", line, "big.jsonl")
    assert isinstance(skipped, Skipped) and "larger than" in skipped.reason


@pytest.mark.parametrize("placeholder", ["N/A", "null", " n/a ", "暂无"])
def test_a_feeds_stand_in_for_no_text_is_no_text(placeholder: str) -> None:
    """A feed item whose text is "N/A" is its headline alone: the headline is its text, and
    the article says it holds nothing more; a real text is kept."""
    record = {"title": "SQM targets 15% lithium sales growth", "text": placeholder}
    (item,) = _parse("jsonl", json.dumps(record).encode(), "feed.jsonl")
    assert isinstance(item, Article)
    assert item.text == "SQM targets 15% lithium sales growth" and item.headline_only
    record["text"] = "SQM expects lithium sales to grow about 15% in 2026."
    (item,) = _parse("jsonl", json.dumps(record).encode(), "feed.jsonl")
    assert isinstance(item, Article) and not item.headline_only


def test_rss_entries_are_articles(fixtures: Path) -> None:
    found = _parse("feed", (fixtures / "feed.rss").read_bytes(), "feed.rss")
    articles = [f for f in found if isinstance(f, Article)]
    assert [a.title for a in articles] == [
        "Treasury yields climb after jobs report",
        "黄金价格创新高",
    ]
    yields, gold = articles
    assert yields.published == dt.date(2026, 1, 9)
    assert yields.url == "https://example.com/news/yields-jobs"
    assert yields.source == "Example Markets Feed"
    assert (
        yields.text
        == "The 10-year Treasury yield rose 8 basis points to 4.25% after payrolls beat forecasts."
    )
    assert yields.tags == ("rates",)
    assert gold.lang == "zh"
    assert [f.reason for f in found if isinstance(f, Skipped)] == [
        "entry has neither title nor text"
    ]


def test_atom_entries_are_articles(fixtures: Path) -> None:
    (article,) = _parse("feed", (fixtures / "feed.atom").read_bytes(), "feed.atom")
    assert isinstance(article, Article)
    assert article.title == "Copper demand outlook improves"
    assert article.published == dt.date(2026, 1, 10)
    assert "$9,800 a tonne" in article.text


def test_not_a_feed_is_a_source_error() -> None:
    with pytest.raises(SourceError, match="RSS/Atom"):
        _parse("feed", b"<rss><channel>", "broken.xml")


@pytest.mark.parametrize(
    ("name", "head", "content_type", "expected"),
    [
        ("a.txt", b"hello", None, "text"),
        ("a.MD", b"# hi", None, "text"),
        ("a.htm", b"<p>", None, "html"),
        ("a.pdf", b"%PDF-1.4", None, "pdf"),
        ("a.jsonl", b"{}", None, "jsonl"),
        ("a.xml", b"<?xml version='1.0'?><rss>", None, "feed"),
        ("a.xml", b"<?xml version='1.0'?><catalog/>", None, None),
        ("a.csv", b"a,b", None, None),
        ("/feed", b"<?xml?><feed xmlns='http://www.w3.org/2005/Atom'>", "application/xml", "feed"),
        ("/news/story", b"<!DOCTYPE html><html>", "text/html; charset=utf-8", "html"),
        ("/report", b"%PDF-1.5", "application/octet-stream", "pdf"),
        ("/notes", b"plain words", "text/plain", "text"),
    ],
)
def test_detect_format(
    name: str, head: bytes, content_type: str | None, expected: str | None
) -> None:
    assert detect_format(name, head, content_type) == expected


def test_a_malformed_page_that_trips_the_date_search_is_still_read() -> None:
    """htmldate (through lxml) asserts on "<svg><p><p>": the page is read without its
    metadata, and one with no text left is refused with our own error (fuzzing found it)."""
    text = "Oil prices rose 3% on Tuesday as supply from the Gulf fell sharply. " * 5
    page = f"<svg><p><p><p>Oil jumps</p><p>{text}</p><p>{text}</p>"
    [article] = _parse("html", page.encode())
    assert isinstance(article, Article) and "Oil prices rose 3%" in article.text
    with pytest.raises(SourceError):
        _parse("html", b"<svg><p><p>")

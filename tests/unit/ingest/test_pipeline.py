"""Ingest from files, folders and URLs: what is added, what is skipped and why, what fails."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.fetch import HttpFetcher
from ingest.index import Index
from ingest.pipeline import Progress, ingest_sources
from tests.unit.ingest.servers import serve, static_site
from tests.unit.ingest.test_parsers import make_pdf

MakeIndex = Callable[..., Index]
GBK_TEXT = "黄金市场周报\n\n2026年1月16日\n\n现货黄金本周上涨2.1%,收于每盎司2,700美元。"


@pytest.fixture
def folder(tmp_path: Path, fixtures: Path) -> Path:
    """A folder with one of everything: good files of each format and bad files of each kind."""
    root = tmp_path / "inbox"
    (root / "nested").mkdir(parents=True)
    for name in ("seed_layout.txt", "article.md", "page.html", "feed.rss", "news.jsonl"):
        shutil.copy(fixtures / name, root / name)
    (root / "nested" / "credit.pdf").write_bytes(make_pdf(["Credit spreads tightened to 3.1%."]))
    (root / "nested" / "gbk.txt").write_bytes(GBK_TEXT.encode("gbk"))
    (root / "corrupt.pdf").write_bytes(b"%PDF-1.7\nthis is not really a pdf at all")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "big.txt").write_text("Big file. " * 2_000)  # 20 kB, over the test limit below
    (root / "table.csv").write_text("a,b\n1,2\n")
    (root / "catalog.xml").write_text("<?xml version='1.0'?><catalog><item/></catalog>")
    (root / ".hidden.txt").write_text("ignored: hidden files are not ingested")
    return root


def test_folder_ingest_adds_what_it_can_and_says_why_for_the_rest(
    make_index: MakeIndex, folder: Path
) -> None:
    index = make_index()
    report = ingest_sources([str(folder)], index, max_bytes=10_000)
    reasons = {Path(s["path"]).name: s["reason"] for s in report.skipped}
    assert reasons == {
        "big.txt": "larger than the 10,000-byte limit (20,000 bytes)",
        "binary.txt": "binary file, not text",
        "corrupt.pdf": reasons["corrupt.pdf"],
        "empty.txt": "empty file",
        "table.csv": "unsupported file type .csv",
        "catalog.xml": "XML that is not an RSS or Atom feed",
        "news.jsonl:4": "not a JSON object",
        "news.jsonl:5": "no title or text",
        "news.jsonl:6": reasons["news.jsonl:6"],
        "feed.rss entry 3": "entry has neither title nor text",
    }
    assert reasons["corrupt.pdf"].startswith("corrupt PDF")
    assert reasons["news.jsonl:6"].startswith("not valid JSON")
    # seed, md, html, 2 feed entries, 3 jsonl lines, pdf, gbk text
    assert (report.added, report.updated, report.unchanged) == (10, 0, 0)
    assert report.ok and report.errors == []
    titles = {a.title for a in index.list_articles()}
    assert "黄金市场周报" in titles  # GBK decoded, not skipped
    pdf = next(a for a in index.list_articles() if a.title == "Credit spreads monthly")
    assert index.get_article(pdf.id).sections[0].page == 1

    again = ingest_sources([str(folder)], index, max_bytes=10_000)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 10)


def test_changed_file_is_an_update(make_index: MakeIndex, tmp_path: Path) -> None:
    index = make_index()
    path = tmp_path / "note.md"
    path.write_text("# Oil note\n\nBrent rose 2%.")
    assert ingest_sources([str(path)], index).added == 1
    path.write_text("# Oil note\n\nBrent fell 3%.")
    report = ingest_sources([str(path)], index)
    assert (report.added, report.updated) == (0, 1)
    assert (
        index.count() == 1
        and "fell 3%"
        in index.list_articles()[0].title + index.get_article(index.list_articles()[0].id).text
    )


def test_named_inputs_that_cannot_be_ingested_are_errors(
    make_index: MakeIndex, folder: Path, fixtures: Path
) -> None:
    index = make_index()
    report = ingest_sources(
        [
            str(folder / "empty.txt"),
            str(folder / "table.csv"),
            "/no/such/file.md",
            str(fixtures / "article.md"),
        ],
        index,
    )
    assert report.errors == [
        {"path": "/no/such/file.md", "reason": "no such file or directory"},
        {"path": str(folder / "empty.txt"), "reason": "empty file"},
        {"path": str(folder / "table.csv"), "reason": "unsupported file type .csv"},
    ]
    assert report.added == 1  # the good input still went in


def test_empty_named_folder_is_an_error(make_index: MakeIndex, tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    report = ingest_sources([str(tmp_path / "nothing")], make_index())
    assert report.errors == [{"path": str(tmp_path / "nothing"), "reason": "empty folder"}]


def test_jsonl_size_limit_is_per_line(make_index: MakeIndex, fixtures: Path) -> None:
    report = ingest_sources([str(fixtures / "news.jsonl")], make_index(), max_bytes=400)
    assert report.added == 3  # the file is larger than 400 bytes; each good line is not


def test_progress_reaches_the_total(make_index: MakeIndex, folder: Path) -> None:
    events: list[Progress] = []
    ingest_sources([str(folder)], make_index(), progress=events.append, max_bytes=10_000)
    assert events and events[-1].done == events[-1].total > 0
    assert [e.done for e in events] == sorted(e.done for e in events)
    assert events[-1].articles == 10


def test_urls_pages_feeds_and_pdfs(make_index: MakeIndex, fixtures: Path) -> None:
    pages = {
        "/story": ("text/html; charset=utf-8", (fixtures / "page.html").read_bytes()),
        "/rss": ("application/rss+xml", (fixtures / "feed.rss").read_bytes()),
        "/report": ("application/pdf", make_pdf(["Quarterly outlook: spreads 3.1%."])),
    }
    index = make_index()
    with serve(static_site(pages)) as base:
        fetch = HttpFetcher(timeout_s=5, allow_private=True)
        report = ingest_sources(
            [f"{base}/story", f"{base}/rss", f"{base}/report", f"{base}/missing"],
            index,
            fetch=fetch,
        )
    assert report.added == 4  # page, 2 feed entries, pdf
    assert report.errors == [
        {"path": f"{base}/missing", "reason": f"{base}/missing answered HTTP 404"}
    ]
    story = next(
        a for a in index.list_articles() if a.title == "Semiconductor equipment orders rebound"
    )
    assert story.url == "https://example.com/markets/semis-capex"  # the page's canonical url


def test_refused_url_is_an_error_and_the_rest_goes_in(
    make_index: MakeIndex, fixtures: Path
) -> None:
    report = ingest_sources(
        ["http://127.0.0.1:9/feed", str(fixtures / "article.md")],
        make_index(),
        fetch=HttpFetcher(2, allow_private=True),
    )
    assert len(report.errors) == 1 and "refused or unreachable" in report.errors[0]["reason"]
    assert report.added == 1


def test_oversized_download_is_refused(make_index: MakeIndex) -> None:
    pages = {"/huge": ("text/plain", b"word " * 10_000)}
    with serve(static_site(pages)) as base:
        report = ingest_sources(
            [f"{base}/huge"],
            make_index(),
            fetch=HttpFetcher(5, allow_private=True),
            max_bytes=1_000,
        )
    assert "larger than 1,000 bytes" in report.errors[0]["reason"]


def test_index_failure_stops_the_run_but_keeps_what_was_written(
    make_index: MakeIndex, fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest.errors import StoreUnavailable

    index = make_index()
    ingest_sources([str(fixtures / "article.md")], index)

    def down(*args: object, **kwargs: object) -> None:
        raise StoreUnavailable("Chroma server at 127.0.0.1:8000 is not answering")

    monkeypatch.setattr(index.store, "write", down)
    with pytest.raises(StoreUnavailable):
        ingest_sources([str(fixtures / "page.html")], index)
    monkeypatch.undo()
    assert [a.title for a in index.list_articles()] == ["Regional banks and the small-cap trade"]

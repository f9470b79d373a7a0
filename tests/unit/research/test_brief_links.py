"""A research brief links only its cited sources' URLs (issue 14), in every export.

The brief quotes an article with links in its text; the Markdown, the HTML and the PDF show
them as text, each cited source's URL stays a link, and a brief saved before the fix is
defanged as it is read back.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from assistant.answer.links import defang_answer
from assistant.engine import Assistant
from assistant.research.brief import Brief
from assistant.research.export import render_brief
from assistant.research.run import run_plan
from assistant.research.store import ResearchStore
from tests.live_links import html_links, markdown_links, text_links
from tests.machine import require_cjk_font
from tests.unit.assistant.fakes import FakeIndex
from tests.unit.assistant.test_links import CITED, article_with_links, hostile_seed

from .conftest import STEPS, make_plan


@pytest.fixture
def index() -> FakeIndex:
    return hostile_seed()


@pytest.fixture
def brief(helper: Assistant) -> Brief:
    return run_plan(helper, make_plan(*STEPS))


def test_the_markdown_export_links_only_the_cited_sources(brief: Brief) -> None:
    markdown = render_brief(brief, "md").decode()
    assert "https[:]//evil[.]example/steal/secret" in markdown  # quoted, readable as text
    assert set(markdown_links(markdown)) == {CITED}
    assert CITED in {r.url for r in brief.answer.references}


def test_the_html_export_links_only_the_cited_sources(brief: Brief) -> None:
    page = render_brief(brief, "html").decode()
    assert "evil[.]example" in page and "evil.example" not in page
    text = re.sub(r"<svg .*?</svg>", "", page, flags=re.S)  # charts: matplotlib's metadata
    links = {link for link in html_links(text) if not link.startswith("#ref-")}
    assert links == {CITED}
    assert f'<a href="{CITED}" rel="noopener noreferrer nofollow">' in page


def test_the_pdf_export_shows_no_url_a_viewer_would_link_but_the_cited_ones(brief: Brief) -> None:
    require_cjk_font()
    data = render_brief(brief, "pdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "evil[.]example" in text and "evil.example" not in text
    assert set(text_links(text)) <= {CITED}
    assert b"/URI" not in data  # no link annotation at all


def test_a_brief_saved_before_the_fix_comes_back_defanged(brief: Brief, tmp_path: Path) -> None:
    raw = brief.model_copy(update={"answer": article_with_links()})
    store = ResearchStore(tmp_path / "marketbrief.sqlite3")
    store.save_brief(raw)  # as an old version saved it
    again = store.get_brief(raw.id)
    assert again.answer == defang_answer(raw.answer)
    assert set(markdown_links(again.markdown())) == {CITED}

"""Exports: Markdown headings; HTML escaped, self-contained and written without any font; a
real PDF with Chinese in an embedded CJK font, the references, and the charts as images (read
back with pypdf). The PDF tests with Chinese need a CJK font on the machine
(`tests.machine.require_cjk_font`); everything else passes without one."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pypdf
import pytest

from assistant.answer.model import Passage, Reference, Section
from assistant.engine import Assistant
from assistant.research.brief import Brief
from assistant.research.errors import ExportError
from assistant.research.export import Format, check_export, export_brief, format_for, render_brief
from assistant.research.export.document import layout
from assistant.research.export.linebreak import wrap
from assistant.research.run import run_plan
from tests.answer_format import ZH_HEADINGS
from tests.machine import require_cjk_font

from .conftest import STEPS, make_plan

HEADINGS = ZH_HEADINGS
EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def brief(helper: Assistant) -> Brief:
    return run_plan(helper, make_plan(*STEPS))


@pytest.fixture
def evil(brief: Brief) -> Brief:
    """The brief with ingested text that is HTML (a hostile page's title and passage), and a
    chart label that is."""
    answer = brief.answer
    analysis = answer.sections[0].model_copy(
        update={"text": f"文章写道：{EVIL}[1]。", "subsections": ()}
    )
    reference = answer.references[1].model_copy(
        update={
            "title": f"标题{EVIL}",
            "url": "javascript:alert(1)",
            "passages": (Passage(chunk_id="c", text=EVIL),),
        }
    )
    chart = answer.charts[0]
    rows = ({**chart.rows[0], chart.x: EVIL}, *chart.rows[1:])
    changed = answer.model_copy(
        update={
            "sections": (analysis, *answer.sections[1:]),
            "references": (answer.references[0], reference, *answer.references[2:]),
            "charts": (chart.model_copy(update={"rows": rows}), *answer.charts[1:]),
        }
    )
    return brief.model_copy(update={"answer": changed})


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", "", text)


def test_markdown_has_the_headings_and_one_references_list(brief: Brief) -> None:
    text = render_brief(brief, "md").decode()
    assert text.startswith(f"# {brief.answer.title}\n")
    for heading in HEADINGS:
        assert re.search(rf"^#+ {heading}$", text, re.M), heading
    assert text.count("## 参考文献") == 1 and "[0] marketbrief 市场数据" in text
    assert "## 研究步骤" in text and text.rstrip().endswith("不构成投资建议")


def test_html_is_self_contained_and_escapes_ingested_text(evil: Brief) -> None:
    page = render_brief(evil, "html").decode()
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert "<script" not in page and "<img src=x" not in page and "onerror=alert(1)>" not in page
    assert "&lt;script&gt;" in page
    assert 'href="javascript:' not in page
    for heading in HEADINGS:
        assert f">{heading}</h" in page
    # nothing is loaded from elsewhere: styles inline, charts as inline SVG whose links are
    # their own ids
    assert "<link" not in page and not re.search(r"<\w[^>]*\ssrc=", page)
    charts = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(charts) == len(evil.answer.charts) >= 1
    assert not any(re.search(r'href="(?!#)', chart) for chart in charts)
    assert '<a class="cite" href="#ref-1">[1]</a>' in page and 'id="ref-1"' in page


def test_html_needs_no_font_and_keeps_chart_text_as_text(
    brief: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_lookup(*args: object) -> None:
        raise AssertionError("the HTML export looked a font up")

    for name in ("find_cjk_font", "font_for", "fontconfig_faces", "scan"):
        monkeypatch.setattr(f"assistant.research.export.fonts.{name}", no_lookup)
    page = render_brief(brief, "html").decode()
    charts = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(charts) == len(brief.answer.charts) >= 1
    for chart, data in zip(charts, brief.answer.charts, strict=True):
        assert f">{data.title}</text>" in chart  # the browser sets it, in the page's fonts
        assert 'id="DejaVuSans-' not in chart  # no glyph outlines drawn from a font file
    assert render_brief(brief, "html").decode() == page  # the same brief, the same file


def test_pdf_has_the_chinese_headings_references_charts_and_an_embedded_font(
    brief: Brief, tmp_path: Path
) -> None:
    require_cjk_font()
    path = export_brief(brief, tmp_path / "brief.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    for heading in HEADINGS:
        assert heading in text, heading
    for reference in brief.answer.references:
        assert re.sub(r"\s+", "", reference.title) in text
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert sum(len(page.images) for page in reader.pages) == len(brief.answer.charts) >= 1
    fonts = [_descriptor(f) for page in reader.pages for f in _fonts(page)]
    assert any("/FontFile3" in d or "/FontFile2" in d for d in fonts)  # embedded, not named
    assert any("CJK" in str(d.get("/FontName")) for d in fonts)


def test_pdf_charts_draw_their_text_from_the_font_file_found(
    brief: Brief, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file itself, not a family name looked up in matplotlib's cached font list."""
    from matplotlib.backends import backend_agg

    from assistant.research.export.figures import chart_png
    from assistant.research.export.fonts import FontFace, latin_font

    found = tmp_path / "Found.ttf"
    shutil.copy(latin_font().path, found)
    used: list[str] = []
    real = backend_agg.get_font

    def spy(paths: Any, *args: Any, **kwargs: Any) -> Any:
        used.extend(str(p) for p in (paths if isinstance(paths, list) else [paths]))
        return real(paths, *args, **kwargs)

    monkeypatch.setattr(backend_agg, "get_font", spy)
    png = chart_png(brief.answer.charts[0], FontFace(family="Named Otherwise", path=found))
    assert png.startswith(b"\x89PNG") and os.path.realpath(found) in used


def _fonts(page: pypdf.PageObject) -> list[Any]:  # pypdf's objects, typed loosely
    resources: Any = page["/Resources"].get_object()
    return [f.get_object() for f in resources.get("/Font", {}).values()]


def _descriptor(font: Any) -> Any:
    if "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    return font["/FontDescriptor"].get_object()


def test_pdf_without_a_cjk_font_says_what_to_install(
    brief: Brief, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("assistant.research.export.fonts.find_cjk_font", lambda: None)
    with pytest.raises(ExportError, match="fonts-noto-cjk"):
        render_brief(brief, "pdf")
    with pytest.raises(ExportError, match="fonts-noto-cjk"):  # said before any work is done
        check_export(brief, "pdf")
    for fmt in ("md", "html"):
        check_export(brief, fmt)


def test_an_english_brief_needs_no_cjk_font(brief: Brief, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.research.export.fonts.find_cjk_font", lambda: None)
    sections = (Section(key="analysis", heading="Comprehensive analysis", text="Up 7.54%[0]."),)
    english = brief.model_copy(
        update={
            "answer": brief.answer.model_copy(
                update={
                    "language": "en",
                    "title": "Small caps",
                    "sections": sections,
                    "references": (Reference(n=0, kind="market_data", title="market data"),),
                    "flags": (),
                    "charts": (),
                }
            )
        }
    )
    text = pdf_text(render_brief(english, "pdf"))
    assert "Comprehensiveanalysis" in text and "Up7.54%[0]" in text


@pytest.mark.parametrize("name", ["brief.docx", "brief", "brief.pdf.txt"])
def test_an_unknown_suffix_is_a_clear_error(name: str) -> None:
    with pytest.raises(ExportError, match=r"use a file ending in \.html, \.md, \.pdf"):
        format_for(Path(name))


def test_chinese_wraps_between_characters_but_keeps_figures_whole() -> None:
    text = "罗素2000指数上涨7.54%[0]，跑赢（标普500）。"
    lines = wrap(text, 6, len).split("\n")
    assert "".join(lines) == text  # nothing added or lost
    assert all(not line.startswith(("，", "。", "）")) for line in lines)
    assert all(not line.endswith("（") for line in lines)
    assert any("7.54%[0]，" in line for line in lines)  # the figure, its marker and comma stay


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_every_format_shows_how_old_the_stored_prices_are(brief: Brief, fmt: Format) -> None:
    if fmt == "pdf":
        require_cjk_font()
    note = "stored prices: last close 2026-01-23, 301 days old"
    market = brief.answer.references[0].model_copy(update={"notes": (note,)})
    answer = brief.answer.model_copy(update={"references": (market, *brief.answer.references[1:])})
    aged = brief.model_copy(update={"answer": answer})
    data = render_brief(aged, fmt)
    text = pdf_text(data) if fmt == "pdf" else data.decode()
    assert (re.sub(r"\s+", "", note) if fmt == "pdf" else note) in text


def test_a_quotation_is_set_off_as_one_in_every_format(brief: Brief) -> None:
    """Another language's sentence in a brief is a "> " block: a quotation in HTML and PDF too,
    its ingested words escaped."""
    quoted = "> 据CNBC（2026年1月22日）报道：Small caps trade at a <b>steep</b> discount[1]."
    analysis = brief.answer.sections[0].model_copy(
        update={"text": f"罗素2000指数上涨7.54%[0]。\n\n{quoted}", "subsections": ()}
    )
    answer = brief.answer.model_copy(update={"sections": (analysis, *brief.answer.sections[1:])})
    quoting = brief.model_copy(update={"answer": answer})
    assert f"\n{quoted}\n" in render_brief(quoting, "md").decode()
    blocks = [b for b in layout(quoting).blocks if b.kind == "quote"]
    assert [b.text for b in blocks] == [quoted.removeprefix("> ")]
    page = render_brief(quoting, "html").decode()
    assert (
        '<blockquote class="quote">据CNBC（2026年1月22日）报道：Small caps trade at a '
        '&lt;b&gt;steep&lt;/b&gt; discount<a class="cite" href="#ref-1">[1]</a>.</blockquote>'
    ) in page

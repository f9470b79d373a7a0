"""A checked figure in the exports: in HTML a styled span after the figure (⊗ for one its
source contradicts, ⚠ for one no source states) and the contradicted figure listed with its
source's value; in the PDF the marks are drawn from the embedded CJK face itself (so the
font subset must hold them), not from a fallback font or as empty boxes."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest

from assistant.answer.render import MARKS
from assistant.engine import Assistant
from assistant.research.brief import Brief
from assistant.research.export import render_brief
from assistant.research.run import run_plan
from tests.machine import require_cjk_font
from tests.unit.assistant.test_flag_marks import CONTRADICTED, UNSUPPORTED, checked_answer

from .conftest import STEPS, make_plan

CONTRADICTED_SPAN = '<span class="flag contradicted" title="differs from its cited source">⊗</span>'


@pytest.fixture
def checked(helper: Assistant) -> Brief:
    """A brief whose analysis has a contradicted and an unsupported figure."""
    brief = run_plan(helper, make_plan(*STEPS))
    flagged = checked_answer(CONTRADICTED, UNSUPPORTED)
    answer = brief.answer.model_copy(
        update={"sections": flagged.sections, "flags": flagged.flags, "charts": ()}
    )
    return brief.model_copy(update={"answer": answer})


def test_html_marks_a_contradicted_figure_with_its_own_styled_span(checked: Brief) -> None:
    page = render_brief(checked, "html").decode()
    assert f"下跌7.54%{CONTRADICTED_SPAN}" in page
    assert '上涨1.02%<span class="flag" title="unverified">⚠</span>' in page
    assert re.search(r"\.flag\.contradicted\{color:#c62828\}", page)  # red, unlike ⚠'s amber
    # the notes explain the mark and list the figure with the value its source states
    assert f"标有 {CONTRADICTED_SPAN} 的数字与其所引来源所载数值不符" in page
    assert '<li>-7.54%（罗素2000 · 年初至今 · 涨跌幅）与来源不符：<a class="cite"' in page
    assert "为 +7.54%</li>" in page


def _fonts_by_name(data: bytes) -> dict[str, Any]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = {}
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def test_pdf_draws_the_marks_from_the_embedded_cjk_face(checked: Brief) -> None:
    require_cjk_font()
    data = render_brief(checked, "pdf")
    text = re.sub(
        r"\s+", "", "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    )
    assert "下跌7.54%⊗[0]" in text and "上涨1.02%⚠[1]" in text and "[0]为+7.54%" in text
    fonts = _fonts_by_name(data)
    assert all("CJK" in name for name in fonts), list(fonts)  # no fallback face was needed
    body = next(f for name, f in fonts.items() if "Bold" not in name)
    to_unicode = body["/ToUnicode"].get_object().get_data().decode("latin-1")
    for mark in sorted(set(MARKS.values())):
        assert re.search(rf"<[0-9A-F]{{4}}> <{ord(mark):04X}>", to_unicode), mark


def test_the_font_subset_always_holds_every_mark(tmp_path: Path) -> None:
    """Even for text without a mark: the marks are part of the subset's fixed extras."""
    require_cjk_font()
    from fontTools.ttLib import TTFont

    from assistant.research.export.fonts import find_cjk_font
    from assistant.research.export.truetype import truetype_face

    face = find_cjk_font()
    assert face is not None
    path, index = truetype_face(face, "小盘股", tmp_path)
    with TTFont(str(path), fontNumber=index) as font:
        cmap = font.getBestCmap()
        assert all(ord(mark) in cmap for mark in MARKS.values())

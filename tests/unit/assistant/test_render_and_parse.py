"""One Markdown rendering for both modes; the model's Markdown read back into sections."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.answer.model import Answer, Flag, Reference, Section
from assistant.answer.render import render_markdown
from assistant.llm.failures import LLMRunError
from assistant.llm.parse import parse_markdown

from .fakes import ZH_ANSWER


def answer(flags: tuple[Flag, ...] = ()) -> Answer:
    return Answer(
        question="q",
        title="标题",
        as_of=dt.date(2026, 1, 23),
        language="zh",
        mode="offline",
        sections=(
            Section(
                key="analysis", heading="综合分析", text="罗素2000上涨8.2%[0]。标普上涨1.02%[0]。"
            ),
            Section(
                key="risks_opportunities",
                heading="风险与机遇",
                subsections=(
                    Section(key="risks", heading="风险因素", text="风险[1]。"),
                    Section(key="opportunities", heading="机遇窗口", text="机遇[1]。"),
                ),
            ),
        ),
        references=(
            Reference(
                n=0,
                kind="market_data",
                title="marketbrief 市场数据",
                source="store",
                date=dt.date(2026, 1, 23),
            ),
            Reference(
                n=1,
                kind="article",
                title="文章",
                source="Ginlix AI",
                date=dt.date(2026, 1, 24),
                url="https://example.com/a",
            ),
        ),
        flags=flags,
    )


def test_layout_title_asof_sections_references_disclaimer_last() -> None:
    text = render_markdown(answer((Flag(kind="notice", message="离线模式"),)))
    order = ["# 标题", "截至2026年1月23日", "> 离线模式", "## 综合分析", "## 风险与机遇",
             "### 风险因素", "### 机遇窗口", "## 参考文献", "[0] marketbrief 市场数据",
             "[1] 文章 — Ginlix AI, 2026-01-24. <https://example.com/a>"]  # fmt: skip
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert text.rstrip().endswith("数据基于历史,不代表未来趋势;仅供投资者参考,不构成投资建议")


def test_flagged_numbers_are_marked_where_they_are() -> None:
    flag = Flag(kind="unsupported_number", message="m", number="8.2%",
                sentence="罗素2000上涨8.2%[0]。", sources=(0,), section="analysis")  # fmt: skip
    text = render_markdown(answer((flag,)))
    assert "罗素2000上涨8.2%⚠[0]。标普上涨1.02%[0]。" in text
    assert "标有 ⚠ 的数字未能在其所引来源中核实" in text


def test_model_markdown_becomes_the_fixed_sections() -> None:
    title, sections = parse_markdown(ZH_ANSWER, "zh")
    assert title == "罗素2000跑赢标普500"
    assert [s.heading for s in sections] == ["综合分析", "核心洞察", "风险与机遇", "核心信息摘要"]
    assert [s.heading for s in sections[2].subsections] == ["风险因素", "机遇窗口"]
    assert "7.54%" in sections[0].text and "盘整" in sections[2].subsections[0].text


def test_headings_in_the_other_language_bold_headings_and_model_references_are_handled() -> None:
    text = (
        "**Comprehensive analysis**\nUp 7.54%[0].\n### Drivers\nRates[1].\n"
        "## Risks\nA[1].\n## Opportunities\nB[1].\n## Key takeaways\nC.\n"
        "## References\n[1] invented reference\n"
    )
    title, sections = parse_markdown(text + "Not investment advice.", "zh")
    assert title is None
    assert sections[0].heading == "综合分析" and "**Drivers**" in sections[0].text
    assert "invented" not in str(sections)
    assert sections[1].text == "（无）"


def test_output_without_any_section_is_not_an_answer() -> None:
    with pytest.raises(LLMRunError):
        parse_markdown("I cannot help with that.", "en")

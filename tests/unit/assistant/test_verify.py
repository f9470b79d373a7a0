"""Every figure is checked against the sources its sentence cites."""

from __future__ import annotations

import pandas as pd

from assistant.answer.citations import renumber
from assistant.answer.model import Section
from assistant.answer.verify import verify
from assistant.gather.sources import SourceRegistry
from assistant.question.vocabulary import default_vocabulary
from ingest.models import Chunk, Hit
from tools import returns
from tools.result import Provenance, ToolResult

from .fakes import AS_OF

ARTICLE = "罗素2000指数年初至今已录得可观的8.2%回报率,标普500指数收于6923.58点。"


def registry(publisher: str = "Ginlix AI") -> SourceRegistry:
    reg = SourceRegistry()
    frame = pd.DataFrame(
        {"symbol": ["^RUT", "^GSPC"], "period": ["YTD", "YTD"], "return_pct": [7.5449, 1.0242],
         "spread_pp": [6.5207, 0.0],
         "end_close": [2669.162, 6915.61], "max_drawdown_pct": [-1.82, -1.4]}
    )  # fmt: skip
    reg.add_tool_result(
        ToolResult(
            frame,
            Provenance("index_returns", ("^RUT",), "s", AS_OF, "m"),
            "^RUT +7.54%",
            measures=returns.measures("^GSPC"),
        )
    )
    chunk = Chunk(id="c1", article_id="seed", text=ARTICLE)
    reg.add_hit(Hit(chunk=chunk, score=1.0, title="seed", source=publisher))
    return reg


def flags_for(text: str, language: str = "zh", publisher: str = "Ginlix AI") -> list:
    reg = registry(publisher)
    sections, citations = renumber((Section(key="analysis", heading="A", text=text),), reg)
    return verify(sections, citations.sources, language, default_vocabulary())  # type: ignore[arg-type]


def test_supported_figures_pass_with_formatting_and_rounding() -> None:
    text = (
        "截至2026年1月23日，罗素2000指数上涨7.54%，收于2,669.16点，跑赢6.52个百分点[0]。"
        "文章称罗素2000年初至今上涨8.20%，标普500收于6,923.58点[1]。"
        "最大回撤1.8%[0]。大约8%[1]。"
    )
    assert flags_for(text) == []


def test_a_figure_not_in_the_cited_source_is_flagged_with_sentence_and_source() -> None:
    [flag] = flags_for("罗素2000指数年初至今上涨8.2%[0]。标普500上涨1.02%[0]。")
    assert flag.kind == "contradicted_number" and flag.source_value == "+7.54%"
    assert flag.number == "8.2%" and flag.sources == (0,)
    assert flag.sentence == "罗素2000指数年初至今上涨8.2%[0]。"
    assert flag.section == "analysis"


def test_citing_both_sources_supports_both_figures() -> None:
    assert flags_for("文章称8.2%[1]，而收盘价计算为7.54%[0]。") == []


def test_uncited_figures_are_flagged_unless_the_paragraph_cites() -> None:
    [flag] = flags_for("罗素2000上涨7.54%。\n\n另一段上涨7.54%。这一段有引用[0]。")
    assert flag.kind == "uncited_number" and flag.sentence == "罗素2000上涨7.54%。"


def test_dates_years_markers_and_index_names_are_not_checked() -> None:
    assert flags_for("As of Jan 23, 2026, in 2026 the S&P 500 and Russell 2000 [0].", "en") == []


def test_a_publishers_name_in_an_attribution_is_no_figure() -> None:
    """ "据36氪（2026年1月24日）报道：" before a quotation: 36 is part of the name."""
    quoted = "> 据36氪（2026年1月24日）报道：the Russell 2000 is up 8.2% this year[1]."
    assert flags_for(quoted, "zh", publisher="36氪") == []
    [flag] = flags_for("36家公司上调了目标[1]。", publisher="36氪")  # a count is a figure
    assert flag.number == "36"


def test_a_yields_move_is_told_in_basis_points_and_agrees_with_its_source() -> None:
    """The offline answer to "10年期美债收益率现在是多少？" said "下跌2.57%⊗" (a percentage
    change of a yield, flagged against its own 4.06%) and compared it with the S&P 500: now
    the yield moves in basis points between two levels in percent, all checked and agreeing."""
    from assistant.offline.narrate import return_points, returns_sentences
    from tests.unit.tools.conftest import make_frame
    from tools.periods import date_range

    vocabulary = default_vocabulary()
    frame = make_frame([4.16, 4.20, 4.10, 4.05], start="2024-01-01")
    result = returns.index_returns({"^TNX": frame}, date_range(pd.Timestamp("2024-01-01").date()))
    zh = returns_sentences(result, None, vocabulary.name, "zh")
    assert "10年期美债收益率" in zh[0] and "下降11个基点（4.16%→4.05%）" in zh[0]
    assert "下跌" not in zh[0] and "跑" not in "".join(zh)  # no return, no yardstick
    en = returns_sentences(result, None, vocabulary.name, "en")
    assert "down 11 bp" in en[0] and "(4.16% → 4.05%)" in en[0]
    points = return_points(result, None, vocabulary.name, "zh")
    assert len(points) == 1 and "下降11个基点" in points[0]  # the summary's line
    reg = SourceRegistry()
    reg.add_tool_result(result)
    text = "".join(zh) + points[0]
    sections, citations = renumber((Section(key="analysis", heading="A", text=text),), reg)
    assert verify(sections, citations.sources, "zh", vocabulary) == []

"""Offline answers over the real services: the shared prices imported, the seeds ingested."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from assistant import services
from assistant.answer.model import Answer
from assistant.answer.render import render_markdown
from assistant.engine import Assistant
from assistant.settings import Settings, load_settings
from benchmarks.harness.paths import SHARED
from ingest.pipeline import ingest_sources

pytestmark = pytest.mark.integration
AS_OF = dt.date(2026, 1, 23)
ZH = "罗素2000指数年初至今是否跑赢标普500?"
EN = "Did the Russell 2000 outperform the S&P 500 year to date?"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "data" / "prices").is_dir():
        pytest.skip(f"needs ../shared beside the project ({SHARED} is absent)")
    chosen = load_settings(home=tmp_path_factory.mktemp("home"))
    services.market_data(chosen).import_csv([SHARED / "data" / "prices"])
    report = ingest_sources([str(SHARED / "seeds")], services.commentary_index(chosen))
    assert report.ok and report.added == 2
    return chosen


@pytest.fixture(scope="module")
def answers(settings: Settings) -> dict[str, Answer]:
    assistant = Assistant(settings, model=None)
    return {q: assistant.ask(q, as_of=AS_OF) for q in (ZH, EN)}


def ytd_from_csv(symbol: str) -> float:
    closes = pd.read_csv(SHARED / "data" / "prices" / f"{symbol}.csv", index_col="Date")["Close"]
    return (closes["2026-01-23"] / closes["2025-12-31"] - 1) * 100


def test_the_zh_question_gives_both_computed_returns_citing_market_data(
    answers: dict[str, Answer],
) -> None:
    answer = answers[ZH]
    rut, spx = ytd_from_csv("^RUT"), ytd_from_csv("^GSPC")
    assert f"{rut:.2f}" == "7.54"
    analysis = answer.sections[0].text
    assert f"罗素2000指数年初至今上涨{rut:.2f}%" in analysis
    assert f"标普500指数年初至今上涨{spx:.2f}%" in analysis
    first_paragraph = analysis.split("\n\n")[0]
    assert first_paragraph.count("[0]") >= 1 and "[1]" not in first_paragraph
    assert answer.references[0].kind == "market_data" and answer.references[0].date == AS_OF


def test_the_seed_articles_8_2_percent_is_given_with_its_citation(
    answers: dict[str, Answer],
) -> None:
    answer = answers[ZH]
    [seed] = [r for r in answer.references if r.kind == "article" and "跑赢大市" in r.title]
    assert f"8.2%[{seed.n}]" in answer.sections[0].text  # beside the computed 7.54%[0]
    assert any("8.2%" in p.text for p in seed.passages)
    assert any(f.kind == "discrepancy" and f.sources == (seed.n, 0) for f in answer.flags)
    assert not [f for f in answer.flags if f.kind in {"unsupported_number", "uncited_number"}]


def test_all_five_sections_have_chinese_headings(answers: dict[str, Answer]) -> None:
    markdown = render_markdown(answers[ZH])
    for heading in ("## 综合分析", "## 核心洞察", "## 风险与机遇", "### 风险因素", "### 机遇窗口",
                    "## 核心信息摘要", "## 参考文献"):  # fmt: skip
        assert heading in markdown
    assert "未使用大模型" in markdown
    assert markdown.rstrip().endswith("不构成投资建议")


def test_the_same_question_in_english_gets_english_headings(answers: dict[str, Answer]) -> None:
    answer = answers[EN]
    markdown = render_markdown(answer)
    headings = ["## Comprehensive analysis", "## Key insights", "## Risks and opportunities",
                "### Risks", "### Opportunities", "## Key takeaways", "## References"]  # fmt: skip
    for heading in headings:
        assert heading in markdown
    assert "up 7.54%" in answer.sections[0].text and "8.2%[" in answer.sections[0].text
    assert "not investment advice" in markdown.splitlines()[-1]


def test_tickers_and_charts_come_with_the_answer(answers: dict[str, Answer]) -> None:
    answer = answers[ZH]
    assert [t.symbol for t in answer.tickers] == ["^RUT", "IWM", "^GSPC", "SPY"]
    assert all(t.close and t.date == AS_OF for t in answer.tickers)
    assert {c.kind for c in answer.charts} == {"index_returns", "normalized"}


def test_a_performance_answered_by_the_etfs_standing_in_keeps_its_title(settings: Settings) -> None:
    """Asked with no date, the Russell 2000's stored closes end in February: IWM and SPY answer
    for it and the S&P 500, and the title still names what was asked, not the question's words."""
    answer = Assistant(settings, model=None).ask("罗素2000今年表现如何？")
    assert {t.symbol for t in answer.tickers} >= {"IWM", "SPY"}
    assert answer.title == "罗素2000指数年初至今表现分析"  # the S&P 500 is its yardstick


def test_an_index_the_store_lacks_is_answered_by_its_etf_and_says_so(settings: Settings) -> None:
    """The shared prices have QQQ, not the Nasdaq 100 itself: QQQ's return answers, with a
    sentence saying it stands in, rather than an answer with no figure at all."""
    answer = Assistant(settings, model=None).ask("纳斯达克100今年以来涨了多少？")
    text = render_markdown(answer)
    qqq = pd.read_csv(SHARED / "data" / "prices" / "QQQ.csv", index_col="Date")["Close"]
    ytd = (qqq.iloc[-1] / qqq[:"2025-12-31"].iloc[-1] - 1) * 100
    assert f"上涨{ytd:.2f}%" in text
    assert "价格库中没有纳斯达克100指数的收盘数据，以下以跟踪该指数的" in text
    assert "价格库中没有^NDX的价格" not in text  # no notice that it has no figures

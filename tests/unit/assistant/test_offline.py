"""The offline composer, through the Assistant facade, with fake market data and library."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from assistant.answer.model import Answer
from assistant.answer.render import render_markdown
from assistant.conversation.memory import Conversation
from assistant.engine import Assistant
from assistant.events import Done, ToolEnd, ToolStart
from assistant.gather.article_scope import scope_to_article
from assistant.gather.sentences import split_text
from assistant.gather.sources import SourceRegistry
from assistant.offline.gathering import Gatherer
from assistant.offline.reading import SEARCH_K, below_first, recent_first
from assistant.question.parse import parse_question
from assistant.question.vocabulary import default_vocabulary
from assistant.settings import load_settings
from ingest.filters import Filters
from ingest.models import Chunk, Hit
from tests.answer_format import ZH_HEADINGS

from .fakes import AS_OF, INJECTION, SEED, SEED_TEXT, FakeIndex, FakeMarket, article

QUESTION = "罗素2000指数年初至今是否跑赢标普500?"


def assistant(market: FakeMarket | None = None, index: FakeIndex | None = None) -> Assistant:
    return Assistant(
        load_settings(), market=market or FakeMarket(), index=index or FakeIndex(), model=None
    )


def notices(answer: Answer) -> list[str]:
    return [f.message for f in answer.flags if f.kind == "notice"]


def ask(question: str = QUESTION, **kwargs) -> Answer:  # type: ignore[no-untyped-def]
    return assistant(**kwargs).ask(question, as_of=AS_OF)


def test_a_snapshot_store_answers_last_month_from_its_last_close() -> None:
    """Asked with no date, "last month" of a store that ends on AS_OF (January 23, 2026) and
    will not be refreshed is December 2025, as its "today" is AS_OF; the reader is told."""
    market = FakeMarket(snapshot=True)
    answer = assistant(market=market).ask("罗素2000上个月表现如何？", offline=True)
    periods = [args["period"] for name, args in market.calls if name == "index_returns"]
    assert periods == ["2025-12"]
    assert any("2026年1月23日" in n and "上个月" in n for n in notices(answer))
    live = FakeMarket()
    answer = assistant(market=live).ask("罗素2000上个月表现如何？", offline=True)
    assert [a["period"] for n, a in live.calls if n == "index_returns"] != ["2025-12"]
    assert not any("上个月" in n for n in notices(answer))


def test_the_dashboard_is_read_for_the_period_asked_not_a_default_one() -> None:
    """ "How did the 10-year yield move in December?" reads the readings for December (one
    whose closes end before it is left out by the tool); "What is the 10-year yield?" asks no
    period, and the year to date returns default to is none of the dashboard's."""
    market = FakeMarket()
    assistant(market=market).ask("How did the 10-year yield move in December 2025?", offline=True)
    assert [a["period"] for n, a in market.calls if n == "macro"] == ["2025-12"]
    market = FakeMarket()
    assistant(market=market).ask("What is the 10-year yield?", offline=True)
    assert [a["period"] for n, a in market.calls if n == "macro"] == [None]


def test_a_drawdown_asked_is_answered_first() -> None:
    """ "纳指今年最大回撤是多少？" leads with the drawdown, is titled by it and sums it up
    first; it is not told again among the risks, nor is the yardstick's."""
    answer = ask("纳指今年最大回撤是多少？")
    analysis, risks = answer.sections[0].text, answer.sections[2].subsections[0].text
    assert analysis.startswith("截至2026年1月23日收盘，纳斯达克综合指数年初至今的最大回撤为2.90%")
    assert "回撤" in answer.title and "最大回撤" not in risks
    assert answer.sections[3].text.startswith("- 纳斯达克综合指数年初至今最大回撤2.90%")
    assert "9.80%" not in analysis  # the S&P 500 is the yardstick here, not asked about


def test_the_worst_day_asked_is_told_first_and_checked() -> None:
    answer = ask("纳指今年单日最大跌幅是多少？")
    assert answer.sections[0].text.startswith(
        "截至2026年1月23日收盘，纳斯达克综合指数年初至今单日最大涨幅为1.20%（2026年1月14日），"
        "单日最大跌幅为1.50%（2026年1月20日）"
    )
    assert "单日最大涨跌" in answer.title
    assert not [f for f in answer.flags if f.kind != "notice"]  # each figure checks out


def test_two_volatilities_compared_are_both_told_and_no_return_verdict() -> None:
    answer = ask("Was the Nasdaq more volatile than the S&P 500 this year?")
    analysis, takeaways = answer.sections[0].text, answer.sections[3].text
    assert "volatility 14.10%" in analysis and "volatility 9.80%" in analysis
    assert "drawdown and volatility" in answer.title
    assert "No:" not in takeaways and "Yes:" not in takeaways  # not asked whether it beat


def test_the_risks_asked_lead_the_answer() -> None:
    """ "罗素2000有哪些风险？" opens on the library's risk, before the returns; the title is no
    performance title."""
    answer = ask("罗素2000有哪些风险？")
    first, *rest = answer.sections[0].text.split("\n\n")
    assert "信贷担忧" in first and "年初至今上涨" in " ".join(rest)
    assert "表现" not in answer.title


def test_the_opportunities_asked_and_quoted_first_are_not_denied_below() -> None:
    """ "小盘股有哪些机会？" quotes the library's opportunities first, in the analysis; its
    opportunities section, with none left, says so rather than that the library states none."""
    answer = ask("小盘股有哪些机会？")
    assert "布局" in answer.sections[0].text.split("\n\n")[0]
    opportunities = answer.sections[2].subsections[1].text
    assert opportunities == "所述机遇已在上文综合分析中引述。"


def test_the_seed_question_gets_both_computed_returns_and_the_articles_figure() -> None:
    answer = ask()
    assert answer.mode == "offline" and answer.language == "zh" and answer.as_of == AS_OF
    assert [s.heading for s in answer.sections] == [
        "综合分析",
        "核心洞察",
        "风险与机遇",
        "核心信息摘要",
    ]
    assert [s.heading for s in answer.sections[2].subsections] == ["风险因素", "机遇窗口"]
    analysis = answer.sections[0].text
    assert (
        "罗素2000指数年初至今上涨7.54%" in analysis and "标普500指数年初至今上涨1.02%" in analysis
    )
    assert "跑赢标普500指数6.52个百分点[0]" in analysis
    assert "8.2%[1]" in analysis and "7.54%[0]" in analysis  # both figures, each with its source
    assert [r.n for r in answer.references] == [0, 1]
    assert answer.references[1].title == SEED.title and answer.references[1].passages
    assert any(f.kind == "discrepancy" and f.number == "8.2%" for f in answer.flags)
    assert not [f for f in answer.flags if f.kind in {"unsupported_number", "uncited_number"}]
    assert any("离线模式" in f.message for f in answer.flags if f.kind == "notice")
    markdown = render_markdown(answer)
    for heading in ZH_HEADINGS:
        assert f"# {heading}" in markdown or f"## {heading}" in markdown or heading in markdown
    assert markdown.rstrip().endswith("不构成投资建议")


def test_the_same_question_in_english_gets_english_headings() -> None:
    answer = ask("Did the Russell 2000 outperform the S&P 500 year to date?")
    assert answer.language == "en"
    assert [s.heading for s in answer.sections] == [
        "Comprehensive analysis", "Key insights", "Risks and opportunities", "Key takeaways"
    ]  # fmt: skip
    assert "up 7.54%" in answer.sections[0].text and "8.2%[1]" in answer.sections[0].text
    assert "## References" in render_markdown(answer)


def test_charts_and_tickers_come_from_the_tool_results() -> None:
    answer = ask()
    kinds = [c.kind for c in answer.charts]
    assert kinds == ["index_returns", "normalized"]
    assert {r["symbol"] for r in answer.charts[0].rows} == {"^RUT", "^GSPC"}
    assert [t.symbol for t in answer.tickers] == ["^RUT", "IWM", "^GSPC", "SPY"]


def test_sector_and_macro_questions_call_their_tools() -> None:
    market = FakeMarket()
    answer = ask("最近板块轮动如何，美债收益率和信用利差怎么样?", market=market)
    assert {name for name, _ in market.calls} >= {"sector_scores", "macro"}
    text = answer.sections[0].text
    assert "能源(XLE) 68.1分" in text and "10年期美债收益率为4.24%" in text
    assert [c.kind for c in answer.charts] == ["sector_scores"]
    assert not [f for f in answer.flags if f.kind in {"unsupported_number", "uncited_number"}]


def test_tool_events_stream_before_the_answer() -> None:
    events = list(assistant().stream(QUESTION, as_of=AS_OF))
    assert isinstance(events[-1], Done)
    names = [e.name for e in events if isinstance(e, ToolStart)]
    assert names[:1] == ["index_returns"] and "search_commentary" in names
    assert all(e.ok for e in events if isinstance(e, ToolEnd))


def test_an_injection_article_changes_nothing_and_is_not_quoted() -> None:
    clean_market, dirty_market = FakeMarket(), FakeMarket()
    clean = ask(market=clean_market, index=FakeIndex([SEED]))
    dirty = ask(market=dirty_market, index=FakeIndex([SEED, INJECTION]))
    assert clean_market.calls == dirty_market.calls
    text = render_markdown(dirty)
    for phrase in ("Ignore previous", "BUY EVERYTHING", "忽略之前的指令", "你现在是", "系统提示"):
        assert phrase not in text
    assert clean.sections == dirty.sections


def test_empty_price_store_and_empty_library_still_answer_with_what_to_do() -> None:
    answer = ask(market=FakeMarket(empty=True), index=FakeIndex([]))
    notices = " ".join(f.message for f in answer.flags if f.kind == "notice")
    assert "prices import" in notices and "marketbrief ingest" in notices
    assert answer.sections[0].text and answer.references == ()
    assert len(answer.sections) == 1  # one short card, not five headings over nothing
    assert render_markdown(answer).rstrip().endswith("不构成投资建议")


def test_a_failing_tool_leaves_a_notice_and_the_rest_of_the_answer() -> None:
    answer = ask(market=FakeMarket(fail={"index_returns"}))
    assert any("index_returns" in f.message for f in answer.flags if f.kind == "notice")
    assert "8.2%回报率" in render_markdown(answer)  # the article still speaks


def test_a_stock_without_prices_is_told_in_the_readers_language() -> None:
    answer = ask("英伟达最近为什么下跌？")
    notices = [f.message for f in answer.flags if f.kind == "notice"]
    assert any(n.startswith("价格库中没有NVDA的价格") for n in notices)
    assert not any("no prices" in n or "出错" in n for n in notices)


def test_a_benchmark_alone_is_not_measured_when_what_it_measures_has_no_prices() -> None:
    """英伟达 against the S&P 500, with no NVDA prices: the S&P 500's return alone answers
    nothing asked, nor is the answer titled as a comparison."""
    market = FakeMarket()
    answer = ask("英伟达今年表现如何？", market=market)
    assert "index_returns" not in [name for name, _ in market.calls]
    assert not any(r.kind == "market_data" for r in answer.references)
    assert "标普" not in answer.title


def test_missing_services_are_notices_not_errors() -> None:
    answer = Assistant(load_settings(), market=None, index=None, model=None).ask(QUESTION)
    assert answer.mode == "offline"
    assert len([f for f in answer.flags if f.kind == "notice"]) >= 3


def test_a_follow_up_keeps_the_symbols_and_period() -> None:
    market = FakeMarket()
    conversation = Conversation()
    helper = assistant(market=market)
    helper.ask(QUESTION, as_of=AS_OF, conversation=conversation)
    follow = helper.ask("为什么会这样?", as_of=AS_OF, conversation=conversation)
    returns_calls = [args for name, args in market.calls if name == "index_returns"]
    assert returns_calls[0] == returns_calls[1]
    assert len(conversation.turns) == 2 and "7.54%" in follow.sections[0].text
    # its title is why of what the first turn found, not its own words ("为什么会这样")
    assert follow.title == "为何罗素2000指数年初至今跑赢标普500指数"
    english = helper.ask("Why?", as_of=AS_OF, conversation=Conversation(conversation.turns))
    assert english.title == "The Russell 2000 beat the S&P 500 year to date: why"


def test_a_follow_up_on_the_earlier_subject_quotes_what_names_it() -> None:
    """ "What drove it?" after a question on gold asks what drove gold: "…drove oil higher",
    in an article that names gold only in another sentence, does not answer it."""
    said = "A weaker dollar and falling real yields drove gold higher through the month."
    gold = article("gold", "Gold rallies in January", said, published=AS_OF)
    said = "Attacks on tankers in the Gulf of Oman drove oil higher. Gold edged up in quiet trade."
    oil = article("oil", "Oil rises on supply worries", said, published=AS_OF)
    conversation = Conversation()
    helper = assistant(index=FakeIndex([gold, oil]))
    helper.ask("How did gold do in January?", as_of=AS_OF, conversation=conversation)
    follow = helper.ask("What drove it?", as_of=AS_OF, conversation=conversation)
    text = render_markdown(follow)
    assert "A weaker dollar and falling real yields" in text and "tankers" not in text


def test_commentary_written_long_after_the_as_of_date_is_not_quoted() -> None:
    later = article("later", "Small caps in May", SEED_TEXT.replace("8.2%", "15.3%"),
                    published=dt.date(2026, 5, 14))  # fmt: skip
    answer = ask(index=FakeIndex([later]))
    assert "15.3%" not in render_markdown(answer) and answer.references[1:] == ()
    assert any("没有找到" in f.message for f in answer.flags if f.kind == "notice")


def test_an_amount_asked_that_no_sentence_states_is_said_to_be_missing() -> None:
    """Asked for Tesla's fourth-quarter deliveries (no tool measures them) of a library whose
    only Tesla figure was written months before that quarter, the answer quotes it, and says
    it is not the figure asked; with the quarter's report in the library, it says nothing."""
    old = article("old", "Tesla prices", "Tesla's Model Y standard is priced at $39,990.",
                  published=dt.date(2025, 6, 2))  # fmt: skip
    question = "How many vehicles did Tesla deliver in the fourth quarter of 2025?"
    answer = ask(question, index=FakeIndex([old]))
    assert "$39,990" in render_markdown(answer)
    said = [n for n in notices(answer) if "No article found states the figure asked" in n]
    assert said and "fourth quarter of 2025" in said[0]
    text = "Tesla said on Friday it delivered 418,227 vehicles, down 16% from a year earlier."
    report = article("report", "Tesla deliveries", text, published=dt.date(2026, 1, 2))
    answer = ask(question, index=FakeIndex([old, report]))
    assert not any("No article found" in n for n in notices(answer))


def test_a_sentence_from_another_day_than_the_figures_is_dated() -> None:
    """A day's figures beside an undated sentence of another day read as a contradiction (the
    S&P 500 "up 0.38% to 7,572.40", then "down 1.01% to 7,457.69"): a sentence from before
    that day, or from after the morning after it, says its date; the morning's wrap does not."""
    eve = article("eve", "罗素2000指数表现", "小盘股涨势延续，罗素2000指数收于2,650.00点。",
                  published=dt.date(2026, 1, 22))  # fmt: skip
    day = render_markdown(ask("罗素2000指数1月23日表现如何?", index=FakeIndex([eve])))
    assert "收于2,650.00点（Ginlix AI，2026年1月22日）" in day
    later = article("later", "罗素2000指数表现", "小盘股涨势延续，罗素2000指数收于2,700.00点。",
                    published=dt.date(2026, 1, 25))  # fmt: skip
    ytd = render_markdown(ask(index=FakeIndex([SEED, later])))
    assert "收于2,700.00点（Ginlix AI，2026年1月25日）" in ytd
    assert "（Ginlix AI，2026年1月24日）" not in ytd  # the seed, the morning after


def test_yes_or_no_only_when_the_question_asks_for_a_comparison() -> None:
    assert ask().section("takeaways").text.startswith("- 是：")  # type: ignore[union-attr]
    plain = ask("罗素2000指数年初至今表现如何?")
    takeaways = plain.section("takeaways").text  # type: ignore[union-attr]
    assert takeaways.startswith("- 罗素2000指数年初至今上涨") and "是：" not in takeaways


def test_which_did_better_names_the_one_that_did_and_says_no_yes() -> None:
    """ "谁表现更好？" and "Compare…" ask which did better: the answer names the one that did,
    first, whichever was named first; a "Yes" or "No" would answer nothing asked."""
    zh = "- 罗素2000指数年初至今表现更好，上涨7.54%，标普500指数上涨1.02%，跑赢6.52个百分点"
    en = (
        "- The Russell 2000 did better year to date: it was up 7.54% and the S&P 500 up 1.02%, "
        "so it outperformed by 6.52 percentage points"
    )
    for question, lead, title in (
        ("标普500和罗素2000今年谁表现更好？", zh, "罗素2000指数年初至今跑赢标普500指数"),
        ("Compare the S&P 500 and the Russell 2000 this year", en,
         "The Russell 2000 beat the S&P 500 year to date"),
    ):  # fmt: skip
        answer = ask(question)
        assert answer.section("takeaways").text.startswith(lead), question  # type: ignore[union-attr]
        assert answer.title == title
        unchecked = [f for f in answer.flags if f.kind in {"unsupported_number", "uncited_number"}]
        assert not unchecked, unchecked  # each figure of the verdict checks out
    did = ask("Did the S&P 500 beat the Russell 2000 this year?")
    assert did.section("takeaways").text.startswith("- No: year to date, the S&P 500")  # type: ignore[union-attr]
    assert did.title == "The S&P 500 trailed the Russell 2000 year to date"


def test_a_return_asked_of_one_index_is_titled_by_it_not_by_its_yardstick() -> None:
    """ "纳指今年涨了多少？" is measured against the S&P 500, but asks of the Nasdaq only."""
    assert ask("纳指今年涨了多少？").title == "纳斯达克综合指数年初至今表现分析"
    assert ask("How did the Nasdaq do this year?").title == (
        "Nasdaq Composite: performance year to date"
    )


def test_a_level_asked_is_the_last_close_told_first() -> None:
    """ "标普500现在多少点？" asks where the index stands: its last close leads the answer, its
    summary and its title, before the year to date; "Where is the Nasdaq trading?" is told of
    the Nasdaq and its fund, not of the S&P 500 it is measured against. The VIX, a dashboard
    reading, is told as the dashboard reads it."""
    answer = ask("标普500现在多少点？")
    close = "2026年1月23日，标普500指数收于100.00，上涨1.01%"
    assert answer.sections[0].text.startswith(close)
    assert answer.section("takeaways").text.startswith("- " + close)  # type: ignore[union-attr]
    assert answer.title == "标普500指数最新水平"
    nasdaq = ask("Where is the Nasdaq trading?")
    lead = nasdaq.sections[0].text.split("\n\n")[0]
    assert lead.startswith("On January 23, 2026, the Nasdaq Composite closed at 100.00")
    assert "S&P 500" not in lead and "S&P 500" not in nasdaq.title
    vix = ask("What is the VIX at now?")
    assert vix.sections[0].text.startswith("The VIX was 16.09")
    assert not [f for f in vix.flags if f.kind in {"unsupported_number", "uncited_number"}]
    # "What's the 10-year yield?" asks its level as much as "…at now?" does, and the
    # dashboard's sentence does not tell it again; "What is driving it?" asks no level
    yield_asked = ask("What's the 10-year yield?").sections[0].text
    assert yield_asked.startswith("The 10-year yield was ")
    assert yield_asked.count("10-year yield at") == 0
    assert ask("10年期美债收益率是多少？").sections[0].text.startswith("10年期美债收益率为")
    driving = ask("What is driving the 10-year yield?").sections[0].text
    assert not driving.startswith("The 10-year yield was ")
    plain = ask("标普500今年表现如何？")
    assert plain.sections[0].text.startswith("截至2026年1月23日收盘，标普500指数年初至今上涨")


def test_asking_about_one_article_searches_only_that_article() -> None:
    text = "罗素2000指数年初至今上涨9.9%,大幅跑赢标普500指数。"
    other = article("other", "罗素2000与标普500", text, published=dt.date(2026, 1, 22))
    index = FakeIndex([SEED, other])
    conversation = Conversation()
    helper = assistant(index=index)
    answer = helper.ask(QUESTION, as_of=AS_OF, article_id="other", conversation=conversation)
    assert [r.article_id for r in answer.references if r.kind == "article"] == ["other"]
    follow = helper.ask("为什么?", as_of=AS_OF, conversation=conversation)
    assert [r.article_id for r in follow.references if r.kind == "article"] == ["other"]


def test_a_short_chosen_article_says_it_has_nothing_more_not_the_library() -> None:
    """A one-line article the reader chose has no more views to quote: more commentary in the
    library would not change that, so the empty sections speak of the article."""
    line = article("cnbc", "Micron, Nvidia fall as chip sell-off deepens",
                   "Semiconductor stocks fell in premarket trading on Tuesday.",
                   published=dt.date(2026, 1, 22))  # fmt: skip
    helper = assistant(index=FakeIndex([line]))
    answer = helper.ask("Why did Micron and Nvidia fall?", as_of=AS_OF, article_id="cnbc")
    insights = answer.section("insights").text  # type: ignore[union-attr]
    assert insights == "The article says nothing more on this."
    texts = [s.text for s in answer.sections] + [
        u.text for s in answer.sections for u in s.subsections
    ]
    assert not any("library" in t.lower() for t in texts)


def test_a_chosen_article_that_is_a_headline_and_a_standfirst_quotes_both() -> None:
    """A feed item whose text is its standfirst, written without a full stop as standfirsts
    are ("The pre-war days of $60 crude are not coming back soon"): that is what the article
    says, and it is quoted after the headline."""
    standfirst = "The pre-war days of $60 crude are not coming back soon"
    line = article("economist", "Deal or no deal, oil prices will stay high for months",
                   standfirst, published=dt.date(2026, 6, 16))  # fmt: skip
    helper = assistant(index=FakeIndex([line]))
    answer = helper.ask("What does this article say?", as_of=AS_OF, article_id="economist")
    assert standfirst in answer.section("analysis").text  # type: ignore[union-attr]
    # asked for its gist in Chinese, it is titled by what it is, not by the question's words
    asked = helper.ask("这篇文章说了什么？", as_of=AS_OF, article_id="economist")
    assert asked.title == "Ginlix AI 2026年6月16日文章要点"
    asked = helper.ask("这篇文章提到油价会高多久？", as_of=AS_OF, article_id="economist")
    assert "文章要点" not in asked.title  # a question on something in it is titled by that


def test_last_week_asked_of_a_chosen_article_is_the_week_before_it() -> None:
    """ "美股上周表现如何？" asked of a Thursday's article, with no date set: the week before
    that article's, not the week before the price store's last close, and the notice says
    from which day it counted."""
    said = "美股三大指数上周集体收涨，科技股领涨，标普500指数周涨1.2%。"
    line = article("wrap", "美股周报", said, published=dt.date(2026, 1, 15))
    helper = assistant(index=FakeIndex([line]))
    parsed = helper.parse("美股上周表现如何？", article_id="wrap")
    assert parsed.period == "WTD" and parsed.as_of == dt.date(2026, 1, 11)  # the Sunday before
    answer = helper.ask("美股上周表现如何？", article_id="wrap")
    assert "按所选文章的日期（2026年1月15日）往前计算" in " ".join(notices(answer))
    assert helper.parse("美股上周表现如何？").as_of != dt.date(2026, 1, 11)


@pytest.mark.parametrize("text", ["N/A", "Micron, Nvidia fall as chip sell-off deepens"])
def test_a_chosen_article_that_is_only_a_headline_is_one_card_saying_how_to_add_it(
    text: str,
) -> None:
    """A feed item without text (its text "N/A", or the title again) holds nothing to answer
    from but the title the reader chose it by: one card, and a notice naming the article and
    how to fetch the whole of it, not three headings over "says nothing"."""
    line = article("cnbc", "Micron, Nvidia fall as chip sell-off deepens", text,
                   published=dt.date(2026, 1, 22))  # fmt: skip
    helper = assistant(index=FakeIndex([line]))
    answer = helper.ask("Why did Micron and Nvidia fall?", as_of=AS_OF, article_id="cnbc")
    assert [s.key for s in answer.sections] == ["analysis"]
    assert "nothing to ground an answer" in answer.sections[0].text
    notices = " ".join(f.message for f in answer.flags)
    assert "“Micron, Nvidia fall as chip sell-off deepens” is only a headline" in notices
    assert "`marketbrief ingest FILE`" in notices  # it has no address to fetch again


def test_a_question_about_a_company_is_answered_first_by_a_sentence_naming_it() -> None:
    """ "英伟达最近为什么下跌?" does not lead with oil's fall in a market wrap that mentions
    Nvidia elsewhere, however well that passage ranked."""
    wrap = article("wrap", "全球市场：英伟达收跌，油价下跌",
                   "WTI原油期货最近下跌2.79美元，跌幅为3.00%，为什么下跌引发讨论。\n\n"
                   "英伟达股价收跌1.2%，芯片股普遍承压。",
                   published=dt.date(2026, 1, 22))  # fmt: skip
    helper = assistant(index=FakeIndex([wrap]))
    answer = helper.ask("英伟达最近为什么下跌？", as_of=AS_OF)
    analysis = answer.section("analysis").text  # type: ignore[union-attr]
    assert analysis.startswith("英伟达股价收跌1.2%")


def test_recently_without_a_date_is_the_librarys_recent_not_todays() -> None:
    """A library ingested once ends months before today: "油价最近怎么走？" is answered from its
    newest oil news, not from an April report that matches the words better."""
    weeks = "\n\n".join(f"第{n}周，油价上涨，油价波动，原油油价创新高。" for n in range(12))
    april = article("april", "油价周报：油价飙升，油价波动加剧", weeks,
                    published=dt.date(2026, 4, 20))  # fmt: skip
    august = article("august", "原油收盘", "8月13日，国际油价回落2%，布伦特原油收于每桶83美元。",
                     published=dt.date(2026, 8, 13))  # fmt: skip
    answer = assistant(index=FakeIndex([april, august])).ask("油价最近怎么走？")
    analysis = answer.section("analysis").text  # type: ignore[union-attr]
    assert analysis.startswith("8月13日，国际油价回落2%")
    assert any(r.title == "原油收盘" for r in answer.references)


def test_a_span_from_a_day_is_told_by_commentary_from_that_day_on() -> None:
    """ "纳指2026年1月以来涨了多少？": November's market wraps, however well they match, say
    nothing of the move since January; January's does, and leads."""
    wraps = "\n\n".join(f"第{n}天，纳指上涨，纳指涨超1%，纳指收涨创新高。" for n in range(40))
    old = article("old", "全球市场：纳指涨超1% 纳指创新高", wraps, published=dt.date(2025, 11, 7))
    new = article("new", "美股收盘", "科技股走强，纳指本周上涨1.3%，收于23530点。",
                  published=dt.date(2026, 1, 16))  # fmt: skip
    answer = assistant(index=FakeIndex([old, new])).ask("纳指2026年1月以来涨了多少？")
    analysis = answer.section("analysis").text  # type: ignore[union-attr]
    assert analysis.split("\n\n")[1].startswith("科技股走强，纳指本周上涨1.3%")


def test_a_month_asked_is_told_by_commentary_from_that_month_on() -> None:
    """ "What happened to Nvidia stock in July 2026?": last November's forty paragraphs on
    Nvidia's stock, however well they match, are searched after July's news, which leads."""
    paragraphs = "\n\n".join(
        f"Day {n}: Nvidia stock fell as Nvidia stock sold off." for n in range(40)
    )
    old = article("old", "Nvidia stock falls", paragraphs, published=dt.date(2025, 11, 20))
    new = article("new", "Chip rout", "Nvidia shares fell 5% after SK Hynix plunged.",
                  published=dt.date(2026, 7, 28))  # fmt: skip
    answer = assistant(index=FakeIndex([old, new])).ask(
        "What happened to Nvidia stock in July 2026?"
    )
    analysis = answer.section("analysis").text  # type: ignore[union-attr]
    assert "Nvidia shares fell 5%" in analysis


@pytest.mark.parametrize(
    ("question", "old", "new"),
    [
        (
            "黄金价格为什么上涨？",
            "第{n}周，黄金价格上涨，原因是美联储降息，黄金价格为什么上涨一目了然。",
            "8月12日，黄金价格上涨2%，原因是各国央行继续增持黄金储备。",
        ),
        (
            "What is the outlook for gold?",
            "In week {n}, the outlook for gold stayed bright as gold rallied on Fed rate cuts.",
            "On August 12, Goldman raised its outlook for gold, citing central bank buying.",
        ),
    ],
)
def test_why_a_market_moves_or_its_outlook_asked_with_no_date_is_answered_from_now(
    question: str, old: str, new: str
) -> None:
    """Asked with no date, why gold rises and what its outlook is are asked of the library's
    now: its newest reasons lead, not last autumn's, which share more of the words."""
    weeks = "\n\n".join(old.format(n=n) for n in range(12))
    autumn = article("autumn", "Gold weekly", weeks, published=dt.date(2025, 10, 6))
    august = article("august", "Gold today", new, published=dt.date(2026, 8, 12))
    answer = assistant(index=FakeIndex([autumn, august])).ask(question)
    analysis = answer.section("analysis").text  # type: ignore[union-attr]
    assert analysis.startswith(new[:20]), analysis


def test_what_is_still_to_come_is_answered_from_the_latest_views() -> None:
    """ "Will the Fed cut rates in September?" asked in August: last September's cut shares
    every word of the question, in thirty passages, but the live views are the last month's."""
    weeks = "\n\n".join(
        f"In week {n}, the Fed cut rates in September and may cut rates again." for n in range(30)
    )
    last_year = article("2025", "The Fed cuts rates in September", weeks,
                        published=dt.date(2025, 10, 4))  # fmt: skip
    odds = article("odds", "Rate odds", "Swaps price a 40% chance that the Fed will cut rates "
                   "at its September meeting.", published=dt.date(2026, 8, 7))  # fmt: skip
    answer = assistant(index=FakeIndex([last_year, odds])).ask(
        "Will the Fed cut rates in September?"
    )
    assert any(r.title == "Rate odds" for r in answer.references)


def test_a_question_without_a_date_reads_deeper_for_the_newest_commentary() -> None:
    """Asked with no date, the newest article that answers is read even when a dozen older
    passages match as well: the answer is asked of today. A dated question reads the span
    before its day first (why oil rises: the month before), else keeps to the best few."""
    weeks = "\n\n".join(f"第{n}周，油价上涨，原油供应偏紧。" for n in range(12))
    april = article("april", "油价周报", weeks, published=dt.date(2026, 4, 20))
    august = article("august", "原油收盘", "8月13日，油价上涨1%，布伦特原油收于每桶85美元。",
                     published=dt.date(2026, 8, 13))  # fmt: skip
    undated = assistant(index=FakeIndex([april, august])).ask("油价为什么上涨？")
    assert any(r.title == "原油收盘" for r in undated.references)
    for day, read in ((dt.date(2026, 8, 14), True), (dt.date(2026, 10, 30), False)):
        dated = assistant(index=FakeIndex([april, august])).ask("油价为什么上涨？", as_of=day)
        assert any(r.title == "原油收盘" for r in dated.references) is read, day


def test_a_saved_conversation_can_be_rebuilt_for_follow_ups() -> None:
    market = FakeMarket()
    helper = assistant(market=market)
    first = helper.ask(QUESTION, as_of=AS_OF)
    conversation = helper.conversation_from([first])
    helper.ask("为什么会这样?", conversation=conversation)
    returns_calls = [args for name, args in market.calls if name == "index_returns"]
    assert returns_calls[0] == returns_calls[1] and len(conversation.turns) == 2


def test_a_rebuilt_conversation_does_not_hold_follow_ups_to_its_newest_article() -> None:
    """A saved turn without market figures is as of its newest article: reopened, its
    follow-up still reads the articles written after that day, as it would have live."""
    older = article("acme-1", "Acme plans a factory", "Analysts said Acme's new factory will "
                    "double its output.", published=dt.date(2026, 2, 2))  # fmt: skip
    newer = article("acme-2", "Acme factory delayed", "Acme's new factory is delayed to "
                    "2027, analysts said.", published=dt.date(2026, 3, 2))  # fmt: skip
    first = assistant(index=FakeIndex([older])).ask("What did analysts say about Acme's factory?")
    assert first.as_of == dt.date(2026, 2, 2)
    helper = assistant(index=FakeIndex([older, newer]))
    follow = helper.ask("Is it delayed?", conversation=helper.conversation_from([first]))
    assert any(r.title == "Acme factory delayed" for r in follow.references)


@pytest.mark.parametrize("question", ["", "x" * 5000])
def test_bad_questions_raise_input_errors(question: str) -> None:
    from assistant.errors import InputError

    with pytest.raises(InputError):
        assistant().ask(question)


def test_a_sentence_only_the_other_language_holds_is_a_marked_quotation() -> None:
    text = "韩国7月对华出口同比增长12.3%，半导体出口创下历史新高，超出市场预期。"
    korea = article("kr", "韩国7月出口", text, published=dt.date(2026, 1, 22))
    helper = assistant(index=FakeIndex([korea]))
    answer = helper.ask("How much did South Korea's exports grow?", as_of=AS_OF, article_id="kr")
    lines = [line for line in render_markdown(answer).splitlines() if "12.3%" in line]
    lead = "> Ginlix AI (January 22, 2026) reports: "
    assert lines and all(line.startswith(lead) for line in lines)


def test_every_sentence_is_said_once_per_answer() -> None:
    answer = ask()
    texts = [s.text for s in answer.sections] + [
        sub.text for s in answer.sections for sub in s.subsections
    ]
    sentences = [s for t in texts for s in split_text(t) if not s.startswith("-")]
    assert sentences and len(sentences) == len(set(sentences))


def test_an_article_well_before_the_figures_day_is_quoted_with_its_date() -> None:
    old = article("old", "罗素2000年初表现", SEED_TEXT, published=dt.date(2025, 12, 1))
    answer = ask(index=FakeIndex([old]))
    assert "（Ginlix AI，2025年12月1日）[1]" in render_markdown(answer)


def test_the_title_says_the_finding_and_never_cuts_a_word() -> None:
    assert ask().title == "罗素2000指数年初至今跑赢标普500指数"  # +7.54% against +1.02%
    long = (
        "What is driving the small-cap rotation this winter, and what are the main risks to it"
        " in 2026 for investors who hold small-cap index funds?"
    )
    title = ask(long).title
    assert title.endswith("…") and long.startswith(title[:-1]) and long[len(title) - 1] == " "


def test_without_a_headline_stating_it_the_title_is_the_finding_in_the_lead_sentence() -> None:
    """A headline that does not state the price ("华为开始用千元机逆势下沉") cannot title
    "华为畅享90起售价是多少？"; the lead sentence's clause that answers does, not the question."""
    text = (
        "华为畅享90起售价为1299元；畅享90 Plus起售价为1499元；畅享90 Pro Max起售价为1699元。"
        "\n\n华为此前在千元机市场份额下滑。"
    )
    phone = article("phone", "华为开始用千元机逆势下沉", text)
    answer = ask("华为畅享90起售价是多少？", index=FakeIndex([phone]))
    assert answer.title == "华为畅享90起售价为1299元"
    # nor a clause from the middle of a statement, nor one of a sentence in another language
    english = article("en", "Huawei goes budget", "Huawei's Enjoy 90 starts at 1,299 yuan.")
    answer = ask("华为畅享90起售价是多少？", index=FakeIndex([english]))
    assert answer.title == "华为畅享90起售价是多少"


def test_the_finding_titles_the_answer_from_a_clause_cut_at_an_ascii_comma_or_a_long_one() -> None:
    """Chinese text written with ASCII commas has clauses too: the one stating the price
    titles the answer, not the whole sentence. An English finding a little longer than a
    headline (one clause of 108 characters) still titles it rather than the question."""
    text = "招商证券将宁德时代的评级上调至“强烈推荐”,目标价为520元,反映出该行对储能需求仍有信心。"
    battery = article("battery", "券商观点汇总", text)
    answer = ask("招商证券给宁德时代的目标价是多少？", index=FakeIndex([battery]))
    assert answer.title == "招商证券将宁德时代的评级上调至“强烈推荐”,目标价为520元"
    long = (
        "In the first week, Norway's Arctic-crossing Barents gas pipeline ramped up to its full"
        " capacity of 30 million cubic meters a day, the operator said."
    )
    pipeline = article("pipeline", "Arctic gas flows", long)
    answer = ask(
        "How much gas per day can Norway's Barents pipeline carry?", index=FakeIndex([pipeline])
    )
    finding = (
        "Norway's Arctic-crossing Barents gas pipeline ramped up to its full capacity of 30"
        " million cubic meters a day"
    )
    assert answer.title == finding and len(finding) > 100


def test_a_run_of_clauses_ending_in_who_said_it_states_nothing_and_titles_nothing() -> None:
    """ "As the bank details below, according to its 2026 survey," names where the finding is
    and not the finding: the answer is titled by its question rather than by that."""
    text = (
        "As the bank's economists detail below, according to the Lisbon Council's 2026 Digital"
        " Index, the most digital countries tend to combine fast broadband with skilled workers."
    )
    survey = article("survey", "Weekly notes", text)
    question = "Where does Portugal rank in the Lisbon Council's 2026 Digital Index?"
    answer = ask(question, index=FakeIndex([survey]))
    assert "according to" not in answer.title


def _hit(article: str, text: str) -> Hit:
    chunk = Chunk(id=f"{article}-{text[:3]}", article_id=article, text=text)
    return Hit(chunk=chunk, score=1, title=text)


_ZH = "美联储维持利率不变，市场预期年内降息两次。"
_EN = "The Fed held rates steady, as markets expected."


def test_the_other_languages_best_passages_below_the_first_join_the_answer() -> None:
    """Below the first SEARCH_K hits, the best two in the other language from articles not
    already found: where a Chinese question's fact may be told only in English."""
    first = [_hit(f"a{n}", _ZH) for n in range(SEARCH_K)]
    below = [
        _hit("b0", _ZH),  # the reader's language: not needed from down here
        _hit("a1", _EN),  # an article found already
        _hit("b1", "Apollo limited redemptions to 5% of the fund's shares."),
        _hit("b1", "Investors asked for 16.8% of the fund's shares back."),  # one per article
        _hit("b2", "Redemption requests reached a record in the second quarter."),
        _hit("b3", "A third English passage is one too many."),
    ]
    assert [h.chunk.article_id for h in below_first(first + below, "zh")] == ["b1", "b2"]
    assert below_first(first, "zh") == []


def test_the_subject_the_recent_span_never_names_is_read_before_the_rest_of_it() -> None:
    """ "What did Powell say at the last press conference?" of a library whose past month holds
    press conferences, none of them Powell's: his older one is read before the rest of the
    month's. Where the month's best passages say every term, they are read alone first."""
    question = "What did Powell say at the last press conference?"
    recent = [_hit(f"r{n}", "The governor said at a press conference that") for n in range(12)]
    powell = _hit("p0", "At his last press conference, Powell said policy was well placed.")
    other = _hit("o0", "A press conference was held on Monday.")
    read = [h.chunk.article_id for h in recent_first(recent, [other, powell, recent[0]], question)]
    assert read[SEARCH_K] == "p0" and read[:SEARCH_K] == [f"r{n}" for n in range(SEARCH_K)]
    assert read[-1] == "o0" and len(read) == 14
    named = [_hit("r0", "Powell said at a press conference that it was his last."), *recent[1:]]
    read = [h.chunk.article_id for h in recent_first(named, [powell], question)]
    assert read[SEARCH_K:] == [f"r{n}" for n in range(SEARCH_K, 12)] + ["p0"]


def test_the_readers_language_short_in_the_first_hits_gets_its_best_below() -> None:
    """A symbol's English name ("WTI crude oil" for 油价) can fill the first hits with English
    wraps: a Chinese question then also reads the best two Chinese passages below them."""
    first = [_hit(f"a{n}", _EN) for n in range(SEARCH_K - 3)] + [
        _hit(f"z{n}", _ZH) for n in range(3)
    ]
    below = [_hit("c0", _ZH), _hit("e0", _EN), _hit("c0", _ZH + "又"), _hit("c1", _ZH)]
    assert [h.chunk.article_id for h in below_first(first + below, "zh")] == ["e0", "c0", "c1"]
    # half of the first hits in the reader's language is enough: nothing more of it
    even = [_hit(f"a{n}", _EN) for n in range(SEARCH_K // 2)] + [
        _hit(f"z{n}", _ZH) for n in range(SEARCH_K // 2)
    ]
    assert [h.chunk.article_id for h in below_first(even + below, "zh")] == ["e0"]


def test_the_best_articles_other_passages_that_answer_are_read_too() -> None:
    """The article ranked first most often holds the fact, in a paragraph that says fewer of
    the question's words: its passages that answer are read, once, without another tool call."""
    text = "\n\n".join(
        [
            "Piper Sandler economist Nancy Lazar says data centers drive a construction boom.",
            "Bartenders are becoming builders across America.",
            "Hyperscaler capex of $800 billion keeps data center construction busy.",
        ]
    )
    best = article("dc-1", "Data Centers Drive America's Blue-Collar Boom", text)
    index = FakeIndex([best, SEED])
    events: list[object] = []
    gatherer = Gatherer(None, index, SourceRegistry(), events.append, "en")
    question = "How much do data centers spend, per Nancy Lazar of Piper Sandler?"
    first = index.search(question, k=1)
    rest = gatherer._rest_of_best(question, first, Filters())
    assert {h.chunk.article_id for h in rest} == {"dc-1"}
    assert first[0].chunk.id not in {h.chunk.id for h in rest}
    assert any("$800 billion" in h.chunk.text for h in rest)
    assert index.article_queries == [question] and events == []


def test_the_best_article_in_the_other_language_is_read_deeper() -> None:
    """A Chinese question reaches an English article through the dictionary's translation of
    its words, which the paragraph holding the fact may not share: that article's passages are
    read deeper than the first article's."""
    paragraphs = [f"Paragraph {n} on the Kentucky primary." for n in range(6)]
    paragraphs.append("The race has seen more than $20 million in outside spending.")
    english = article("en-1", "Forces Throw Kitchen Sink At Massie", "\n\n".join(paragraphs))
    chinese = article("zh-1", "马西初选", "马西的初选竞争激烈。\n\n共和党初选定于周二。")
    index = FakeIndex([chinese, english])
    gatherer = Gatherer(None, index, SourceRegistry(), lambda event: None, "zh")
    question = "马西的初选外部团体花了多少钱？"
    hits = index.search(question, k=1) + index.search("Kentucky primary", k=1)
    assert [h.chunk.article_id for h in hits] == ["zh-1", "en-1"]
    rest = gatherer._rest_of_best(question, hits, Filters())
    assert any("$20 million" in h.chunk.text for h in rest)
    assert {h.chunk.id for h in rest}.isdisjoint(h.chunk.id for h in hits)


def test_when_the_first_article_is_in_the_other_language_the_next_one_is_read_deeper_too() -> None:
    """An English question whose first article is a Chinese one that does not hold the fact
    (a deal on the day gold passed $5,000): the next Chinese article, the one on gold's month,
    is read as deep, and its paragraph with the month's gain is found."""
    deal_text = "紫金黄金收购金矿，金价首次突破5000美元。\n\n交易对价55亿加元。"
    deal = article("zh-deal", "紫金收购金矿", deal_text)
    paragraphs = [f"第{n}段：黄金市场情绪亢奋。" for n in range(5)]
    paragraphs.append("至此，本月金价涨幅已累计达到约18%。")
    month = article("zh-month", "金价狂飙", "\n\n".join(paragraphs))
    index = FakeIndex([deal, month])
    gatherer = Gatherer(None, index, SourceRegistry(), lambda event: None, "en")
    question = "How much did gold gain this month?"
    hits = index.search("金价 5000美元", k=1) + index.search("黄金市场", k=1)
    assert [h.chunk.article_id for h in hits] == ["zh-deal", "zh-month"]
    rest = gatherer._rest_of_best(question, hits, Filters())
    assert any("18%" in h.chunk.text for h in rest)


def test_a_month_asked_about_is_measured_as_it_ended() -> None:
    """ "How did energy stocks do in July 2026?": the sector scores as July ended, and an index
    named with a month gets that month's return, not the year to date."""
    market = FakeMarket()
    assistant(market=market).ask("How did energy stocks do in July 2026?")
    assert ("sector_scores", {"as_of": dt.date(2026, 7, 31)}) in market.calls
    market = FakeMarket()
    assistant(market=market).ask("How did the S&P 500 do in July 2026?")
    [(_, args)] = [call for call in market.calls if call[0] == "index_returns"]
    assert args["period"] == "2026-07"


def test_a_month_the_stored_closes_stop_within_is_scored_at_the_last_close() -> None:
    """ "Which sectors led in January 2026?" with closes to January 23: the scores at the
    last close (the tool's latest), not as of January 31, after every close (which the tool
    refuses); a month the closes end before is asked as it ended, for the tool to refuse."""
    market = FakeMarket()
    assistant(market=market).ask("Which sectors led in January 2026?")
    assert ("sector_scores", {"as_of": None}) in market.calls
    market = FakeMarket()
    assistant(market=market).ask("Which sectors led in March 2026?")
    assert ("sector_scores", {"as_of": dt.date(2026, 3, 31)}) in market.calls


def test_a_sector_asked_for_its_performance_is_measured_as_its_fund() -> None:
    """能源板块今年涨了多少？ was answered with sector scores and a month's move, not the year's:
    the sector's fund is measured over the period asked, and named as the fund it is."""
    market = FakeMarket()
    answer = ask("能源板块今年涨了多少？", market=market)
    [(_, args)] = [call for call in market.calls if call[0] == "index_returns"]
    assert args["symbols"] == ["XLE"] and args["period"] == "YTD"
    assert "能源板块(XLE)年初至今上涨43.27%" in answer.sections[0].text
    english = ask("How did energy stocks do this year?", market=FakeMarket())
    assert "the Energy sector (XLE) was up 43.27% year to date" in english.sections[0].text
    assert not [f for f in answer.flags if f.kind in {"unsupported_number", "contradicted"}]
    # the past month is the scores' own (over 21 trading days): not a second, other month
    market = FakeMarket()
    ask("近一个月能源板块表现如何？", market=market)
    assert "index_returns" not in {name for name, _ in market.calls}


def test_which_of_two_sectors_did_better_is_answered_by_one_against_the_other() -> None:
    """ "XLK和XLE今年谁表现更好？" gave both funds' returns and left the reader to compare: the
    second is the yardstick of the first, and the title names the one that did better."""
    market = FakeMarket()
    answer = ask("XLK和XLE今年谁表现更好？", market=market)
    [(_, args)] = [call for call in market.calls if call[0] == "index_returns"]
    assert args["symbols"] == ["XLK", "XLE"] and args["benchmark"] == "XLE"
    assert "科技板块(XLK)跑输能源板块(XLE)15.78个百分点" in answer.sections[0].text
    assert answer.title == "能源板块(XLE)年初至今跑赢科技板块(XLK)"  # the one that did better
    english = ask("Which did better this year, tech or energy?", market=FakeMarket())
    assert english.title == "The Energy sector (XLE) beat the Technology sector (XLK) year to date"


def test_which_sector_rose_most_over_a_period_is_answered_by_the_funds_returns() -> None:
    """ "今年以来哪个板块涨得最多？" got scores and a month's moves: the ranked sectors' funds are
    measured over the year, and the best and worst by that return lead. The scores' own month
    is not measured twice, nor is a question without a period."""
    market = FakeMarket()
    answer = ask("今年以来哪个板块涨得最多？", market=market)
    [(_, args)] = [call for call in market.calls if call[0] == "index_returns"]
    assert args["symbols"] == ["XLE", "XLB", "XLI", "XLF", "XLK"] and args["period"] == "YTD"
    text = answer.sections[0].text
    assert "年初至今涨幅居前的是能源(XLE)（上涨43.27%）、科技(XLK)（上涨27.48%）和工业(XLI)" in text
    # the weakest named first: "Which sector did worst?" is answered by the first of them
    assert "居后的是原材料(XLB)（上涨5.00%）、金融(XLF)（上涨5.50%）和工业(XLI)" in text
    assert text.index("年初至今涨幅") < text.index("综合评分")  # the fact asked first
    for question in ("近一个月哪个板块涨得最多？", "最近板块轮动如何？"):
        market = FakeMarket()
        ask(question, market=market)
        assert "index_returns" not in {name for name, _ in market.calls}, question


def test_a_month_the_sectors_are_measured_over_is_not_told_again_as_the_past_month() -> None:
    """ "2025年12月哪个板块涨得最多？" ranks the funds over December: the scores' own past month,
    ending on another day with other figures, would tell the same month twice. Over the year
    it is told."""
    month = ask("2025年12月哪个板块涨得最多？", market=FakeMarket()).sections[0].text
    year = ask("今年以来哪个板块涨得最多？", market=FakeMarket()).sections[0].text
    assert "2025年12月涨幅居前" in month and "近一个月表现最强" not in month
    assert "近一个月表现最强" in year


def test_a_ranking_of_the_sectors_is_titled_by_what_it_found() -> None:
    """ "今年以来哪个板块涨得最多？" is titled by the fund that did best, not "美股板块轮动";
    asked which did worst or fell most, by the last. A question naming its sector keeps it."""
    best = ask("今年以来哪个板块涨得最多？", market=FakeMarket()).title
    assert best == "年初至今能源(XLE)领涨各板块"
    worst = ask("今年以来哪个板块表现最差？", market=FakeMarket()).title
    assert worst == "年初至今原材料(XLB)在各板块中表现最弱"
    fell = ask("Which sector fell the most this year?", market=FakeMarket()).title
    assert fell == "Materials (XLB) trailed the sector funds year to date"
    assert ask("能源板块今年表现最好吗？", market=FakeMarket()).title.startswith("能源板块")


def test_whether_a_named_sector_did_best_is_answered_by_every_funds_return() -> None:
    """ "能源板块今年表现最好吗？" names energy, yet asks whether it ranks first: every sector's
    fund is measured over the year, as for "哪个板块涨得最多", not energy's alone. Asked how
    energy did, no ranking."""
    for question in ("能源板块今年表现最好吗？", "Was energy the best sector this year?"):
        market = FakeMarket()
        answer = ask(question, market=market)
        measured = [args["symbols"] for name, args in market.calls if name == "index_returns"]
        assert ["XLE", "XLB", "XLI", "XLF", "XLK"] in measured, question
        assert "43.27%" in answer.sections[0].text
    market = FakeMarket()
    ask("能源板块今年表现如何？", market=market)
    measured = [args["symbols"] for name, args in market.calls if name == "index_returns"]
    assert ["XLE", "XLB", "XLI", "XLF", "XLK"] not in measured
    # a research step that names its tools gets those only
    market = FakeMarket()
    helper = assistant(market=market)
    step = helper.parse("今年以来哪个板块涨得最多？", as_of=AS_OF)
    parsed = replace(step, tools=("sector_scores",))
    assert [e for e in helper.stream_parsed(parsed, offline=True) if isinstance(e, Done)]
    assert [name for name, _ in market.calls] == ["sector_scores"]


def test_which_sectors_beat_an_index_is_answered_by_the_funds_measured_against_it() -> None:
    """ "Which sectors outperformed the S&P 500 this year?" gave the index's return and the
    sector scores: now the funds are measured over the period with the index as benchmark,
    and the answer names those that did better than it, or says none did."""
    market = FakeMarket()
    answer = ask("今年以来哪些板块跑赢了标普500？", market=market)
    sectors = [
        args for name, args in market.calls if name == "index_returns" and "XLE" in args["symbols"]
    ]
    assert sectors == [{"symbols": ["XLE", "XLB", "XLI", "XLF", "XLK", "^GSPC"], "period": "YTD",
                        "benchmark": "^GSPC"}]  # fmt: skip
    text = answer.sections[0].text
    assert (
        "同期标普500指数上涨1.02%，表现好于它的板块基金有能源(XLE)（上涨43.27%）、科技(XLK)" in text
    )
    assert "⚠" not in text and "⊗" not in text  # each figure checked against the tool
    english = ask("Which sectors beat the Russell 2000 this year?", market=FakeMarket())
    assert (
        "The Russell 2000 was up 7.54% over the same period; the sector funds that did better "
        "were Energy (XLE) (up 43.27%), Technology (XLK) (up 27.48%) and Industrials (XLI)"
    ) in english.sections[0].text
    plain = FakeMarket()
    ask("今年以来哪个板块涨得最多？", market=plain)  # no index asked: none measured against
    assert [args["benchmark"] for name, args in plain.calls if name == "index_returns"] == [None]


def test_a_question_on_someones_view_leads_with_their_words_then_the_figures() -> None:
    """ "What is Kevin Warsh's view on rates?" opened on the VIX and the credit proxy: a
    question asking what someone thinks or said is answered by their words first."""
    from assistant.question.intents import asks_words

    for asked in ("What is Kevin Warsh's view on rates?", "沃什对利率怎么看？",
                  "What does Goldman think about the S&P 500?"):  # fmt: skip
        assert asks_words(asked), asked
    assert not asks_words("What is the view on Treasury yields?")  # no one's: the market's
    said = "Warsh said rates would stay high for longer because inflation is still too hot."
    fed = article("fed", "Warsh holds rates", said, published=dt.date(2026, 1, 22))
    answer = ask("What is Kevin Warsh's view on rates?", index=FakeIndex([fed]))
    text = answer.sections[0].text
    assert text.index("Warsh said rates would stay high") < text.index("10-year yield")


def test_a_question_on_an_index_forecast_leads_with_the_forecasts_then_the_figures() -> None:
    """ "Which banks raised their S&P 500 targets?" was titled "S&P 500: performance year to
    date" and opened on the index's return: a forecast is strategists' news, which the answer
    gives first, under the headline that states it; how the index did is still measured."""
    from assistant.question.intents import detect_intents

    for asked in ("Which banks raised their S&P 500 targets?", "高盛对标普500的年底目标是多少？",
                  "What is Goldman's S&P 500 forecast?"):  # fmt: skip
        assert "returns" not in detect_intents(asked, ["^GSPC"], []), asked
    assert "returns" in detect_intents("How is the S&P 500 doing?", ["^GSPC"], [])
    said = "Morgan Stanley raised its S&P 500 target to 7,800, citing earnings."
    note = article("ms", "Morgan Stanley hikes S&P 500 target", said, published=AS_OF)
    market = FakeMarket()
    answer = ask(
        "Which banks raised their S&P 500 targets?", index=FakeIndex([note]), market=market
    )
    assert "index_returns" in {name for name, _ in market.calls}
    text = answer.sections[0].text
    assert text.index("Morgan Stanley raised its S&P 500 target") < text.index("year to date")
    assert answer.title == "Morgan Stanley hikes S&P 500 target"  # the finding, not "performance"


def test_a_question_asking_who_leads_with_the_name_under_its_headline() -> None:
    """ "Who is the new Fed chair?" names the Fed, whose rates the tools measure, but asks for
    a name: the answer gives the sentence naming Warsh first, under the headline that states
    it, not under "Macro backdrop", and no dashboard of yields and VIX that says no name."""
    said = "Kevin Warsh won Senate confirmation as the next Fed chair on Wednesday."
    note = article("fed", "Warsh confirmed as Fed chair", said, published=AS_OF)
    market = FakeMarket()
    answer = ask("Who is the new Fed chair?", index=FakeIndex([note]), market=market)
    assert "macro" not in {name for name, _ in market.calls}
    text = answer.sections[0].text
    assert text.startswith("Kevin Warsh won Senate confirmation") and "10-year yield" not in text
    assert answer.title == "Warsh confirmed as Fed chair"


def test_the_macro_sentence_dates_each_indicator_once_by_its_own_close() -> None:
    """A series ending earlier than the rest is said under its own date, and the newest come
    first: never one date over every figure and another in brackets after one of them."""
    from assistant.offline.narrate_macro import macro_sentences
    from tests.unit.tools.test_analytics import macro_frames
    from tools.macro import macro

    frames = macro_frames()
    frames["^FVX"] = frames["^FVX"].iloc[:5]  # ends 2024-01-05; the rest run to 2024-02-09
    result = macro(frames)
    (zh,) = macro_sentences(result, "zh")
    assert zh.startswith("宏观方面，截至2024年2月9日，10年期美债收益率为")
    assert zh.count("截至") == 2 and "（截至" not in zh
    assert zh.index("截至2024年1月5日，10年期与5年期美债利差") > zh.index("VIX")
    (en,) = macro_sentences(result, "en")
    assert en.startswith("On the macro side, as of February 9, 2024: 10-year yield at")
    assert "; as of January 5, 2024: 10y-5y slope at" in en and "(as of" not in en


def test_a_summary_line_on_a_series_ending_before_the_answers_day_is_dated() -> None:
    """An answer as of August whose 10-year yield ends in February: its takeaways say so,
    or "down 18 bp month to date" reads as August's. Figures on the answer's day stay
    undated, as their lead says the day."""
    from assistant.offline.narrate import return_points, verdict
    from assistant.offline.narrate_macro import macro_point
    from tests.unit.tools.conftest import make_frame
    from tests.unit.tools.test_analytics import macro_frames
    from tools.macro import macro
    from tools.periods import parse_period
    from tools.returns import index_returns

    def name(symbol: str, language: str) -> str:
        return symbol

    # from December 29, 2023 to January 3, 2024
    frames = {
        "A": make_frame([100, 101, 103, 103], "2023-12-29"),
        "B": make_frame([50] * 4, "2023-12-29"),
    }
    result = index_returns(frames, parse_period("MTD"), benchmark="B")
    later, same = dt.date(2024, 8, 21), dt.date(2024, 1, 3)
    (en,) = return_points(result, "B", name, "en", later)
    assert en == "The A was up 3.00% month to date (as of January 3, 2024)[0]."
    assert return_points(result, "B", name, "zh", later)[0].startswith(
        "A月初至今（截至2024年1月3日）"
    )
    assert "(as of" not in return_points(result, "B", name, "en", same)[0]
    assert "month to date (as of January 3, 2024), the A" in (
        verdict(result, "B", name, "en", later) or ""
    )
    macro_result = macro(macro_frames())  # every series to 2024-02-09
    assert "(as of February 9, 2024)" in (macro_point(macro_result, "en", (), later) or "")
    assert "(as of" not in (macro_point(macro_result, "en") or "")


def test_the_macro_reading_a_question_names_comes_first() -> None:
    """ "Is the yield curve inverted?" opens on the slopes, a credit question on the credit
    proxy (each under its own date, that group first); the rest follow newest first. A
    question naming none keeps the newest-first order, and the summary line follows suit."""
    from assistant.offline.narrate_macro import macro_point, macro_sentences
    from assistant.question.intents import dashboard_readings
    from tests.unit.tools.test_analytics import macro_frames
    from tools.macro import macro

    frames = macro_frames()
    frames["^FVX"] = frames["^FVX"].iloc[:5]  # the slope ends 2024-01-05, the rest 2024-02-09
    result = macro(frames)
    curve = dashboard_readings("Is the yield curve inverted right now?")
    assert curve == ("curve",) and dashboard_readings("收益率曲线倒挂了吗？") == ("curve",)
    (en,) = macro_sentences(result, "en", curve)
    assert en.startswith("On the macro side, as of January 5, 2024: 10y-5y slope at")
    assert "; as of February 9, 2024: 10-year yield at" in en
    assert "10y-5y slope" in (macro_point(result, "en", curve) or "")
    credit = dashboard_readings("信用利差最近怎么样？")
    assert credit == ("credit",)
    (zh,) = macro_sentences(result, "zh", credit)
    assert zh.startswith("宏观方面，截至2024年2月9日，信用代理指标")
    assert macro_sentences(result, "zh", dashboard_readings("宏观环境怎么样？")) == (
        macro_sentences(result, "zh")
    )


def test_a_fed_decision_is_answered_by_its_news_before_the_dashboard() -> None:
    """ "What did the Fed decide in January?" asks of no figure a tool measures: the news of the
    decision leads the analysis, the title and the takeaways, the dashboard after it as context.
    Asked of the backdrop or one of its readings, the dashboard still leads."""
    said = "The Federal Reserve held its policy rate at 3.75% in January, with two dissents."
    note = article("fed", "Fed holds rates, two governors dissent", said, published=AS_OF)
    answer = ask("What did the Fed decide in January?", index=FakeIndex([note]))
    analysis = answer.sections[0].text
    assert analysis.startswith("The Federal Reserve held") and "VIX at 16.09" in analysis
    assert answer.title == "Fed holds rates, two governors dissent"
    takeaways = answer.sections[-1].text
    assert takeaways.startswith("- ") and "VIX" not in takeaways
    for backdrop in ("What is the macro backdrop?", "Where is the 10-year yield?"):
        answer = ask(backdrop, index=FakeIndex([note]))
        assert answer.sections[0].text.startswith(("On the macro side", "The 10-year yield"))


def test_a_reading_asked_whose_series_ends_before_the_period_says_so_first() -> None:
    """ "What happened to Treasury yields this week?" with a 10-year yield stored to an earlier
    month: the answer says the yield's closes end before the period, first and in the
    summary, rather than opening on the VIX as though that answered it."""
    from assistant.offline.narrate_macro import macro_point, macro_sentences
    from tests.unit.tools.test_analytics import macro_frames
    from tools.macro import macro

    frames = macro_frames()
    frames["^TNX"] = frames["^TNX"].iloc[:5]  # ends 2024-01-05; the rest run to 2024-02-09
    result = macro(frames, period="2024-02")
    first, rest = macro_sentences(result, "en", ("yield",))
    assert first.startswith("The stored 10-year yield ends on January 5, 2024, before")
    assert "(February 1, 2024)" in first and rest.startswith("On the macro side") and "VIX" in rest
    assert (macro_point(result, "zh", ("yield",)) or "").startswith(
        "10年期美债收益率的存储数据止于2024年1月5日"
    )
    assert macro_sentences(result, "en", ("volatility",))[0].startswith("On the macro side")


def test_an_answer_without_market_figures_is_as_of_its_newest_cited_article() -> None:
    """With no date asked and no figure from the price store, an answer is as of the newest
    article it cites, not of today: a library last fed in March is not today's news."""
    plans = "Analysts said Acme's new factory will double its output."
    opens = "Analysts said Acme's new factory opened early and doubled its output."
    older = article("acme-1", "Acme plans a factory", plans, published=dt.date(2026, 2, 2))
    newer = article("acme-2", "Acme opens its factory", opens, published=dt.date(2026, 3, 2))
    helper = assistant(index=FakeIndex([older, newer]))
    answer = helper.ask("What did analysts say about Acme's new factory?")
    days = [r.date for r in answer.references if r.date]
    assert days and not any(r.kind == "market_data" for r in answer.references)
    assert answer.as_of == max(days) < dt.date.today()


def test_asked_of_a_chosen_article_its_own_words_come_before_its_tickers_prices() -> None:
    """ "What is the main point of this article?" is answered by the article first; the day's
    close of an index it names is context after it. A question naming the index asks for its
    figures first."""
    text = "Small caps are the cheapest they have been in years, so we raise our Russell 2000 view."
    note = article("note", "Why we like small caps", text, published=dt.date(2026, 1, 22))
    helper = assistant(index=FakeIndex([note]))
    main = helper.ask("What is the main point of this article?", article_id="note")
    analysis = main.section("analysis").text  # type: ignore[union-attr]
    assert analysis.index("Small caps are the cheapest") < analysis.index("the Russell 2000 was")
    figures = helper.ask("How did the Russell 2000 do that day?", article_id="note")
    assert figures.section("analysis").text.startswith("As of the close")  # type: ignore[union-attr]


def test_a_chinese_takeaway_of_several_figures_runs_its_sentences_on() -> None:
    """Two verdicts in one Chinese takeaway are two sentences, joined as Chinese joins them:
    no space after 。."""
    answer = ask("罗素2000和纳指今年有没有跑赢标普500？")
    takeaways = next(s.text for s in answer.sections if s.key == "takeaways")
    assert takeaways.count("跑赢") == 2 and "。 " not in takeaways


def test_a_chosen_article_on_an_index_the_store_lacks_keeps_it_for_its_etf() -> None:
    """The store has QQQ, not the Nasdaq 100: an article on the index is still about it, and
    its figures are the ETF's (as for a question naming it), not left out of the answer."""
    chosen = article("ndx", "Nasdaq 100 shakeup", "Four stocks are joining the Nasdaq 100.")
    vocabulary = default_vocabulary()
    parsed = replace(parse_question("What does it say?", vocabulary), article_id="ndx")
    scoped = scope_to_article(parsed, vocabulary, FakeIndex([chosen]), FakeMarket())
    assert "^NDX" in scoped.symbols


def test_a_move_from_a_low_says_which_days_close_that_was() -> None:
    """ "from its closing low of January 2024 (January 3, 2024: 99.00 → 118.00)": the low's day,
    which the reader cannot tell from the period's name."""
    from assistant.offline.narrate import returns_sentences
    from tests.unit.tools.conftest import make_frame
    from tools.periods import parse_period
    from tools.returns import index_returns

    frame = make_frame([100, 110, 99, 121, 115, 118], start="2024-01-01")
    result = index_returns({"A": frame}, parse_period("low:2024-01"), as_of=dt.date(2024, 1, 8))
    (en,) = returns_sentences(result, None, lambda symbol, language: symbol, "en")
    assert "up 19.19% from its closing low of January 2024 (January 3, 2024: 99.00 → 118.00)" in en
    (zh,) = returns_sentences(result, None, lambda symbol, language: symbol, "zh")
    assert "A较2024年1月收盘低点上涨19.19%（2024年1月3日：99.00→118.00）" in zh


def test_which_of_three_did_better_is_answered_in_order() -> None:
    """ "Which did better: A, B or C?" is answered with the one that did best and the others
    after it, each with its move; not with each against the last named."""
    from assistant.offline.narrate import verdict
    from tests.unit.tools.conftest import make_frame
    from tools.periods import parse_period
    from tools.returns import index_returns

    frames = {
        "A": make_frame([100, 103], "2024-01-02"),
        "B": make_frame([100, 110], "2024-01-02"),
        "C": make_frame([100, 95], "2024-01-02"),
    }
    result = index_returns(frames, parse_period("1D"), benchmark="C")
    told = verdict(result, "C", lambda symbol, language: symbol, "en", asked="which")
    assert (
        told
        == "The B did best on the day, up 10.00%; then the A (up 3.00%) and the C (down 5.00%)[0]."
    )
    zh = verdict(result, "C", lambda symbol, language: symbol, "zh", asked="which")
    assert zh == "B当日表现最好，上涨10.00%；其次为A（上涨3.00%）和C（下跌5.00%）[0]。"
    yes_no = verdict(result, "C", lambda symbol, language: symbol, "en")  # "Did A and B beat C?"
    assert yes_no is not None and yes_no.startswith("Yes: on the day, the A was up 3.00%")

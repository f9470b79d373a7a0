"""Reading a question: language, symbols, period, date, intent; bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.errors import InputError
from assistant.offline.library_query import search_query
from assistant.question.intents import kind_asked, measures_asked
from assistant.question.parse import parse_question
from assistant.question.period import find_date
from assistant.question.vocabulary import (
    default_vocabulary,
    library_glosses,
    library_names,
    library_tickers,
)
from ingest.language import detect_language

VOCAB = default_vocabulary()


def parse(text: str, **kwargs):  # type: ignore[no-untyped-def]
    return parse_question(text, VOCAB, **kwargs)


def test_the_seed_question() -> None:
    q = parse("罗素2000指数年初至今是否跑赢标普500?")
    assert q.language == "zh"
    assert q.symbols == ("^RUT", "^GSPC") and q.benchmark == "^GSPC"
    assert q.period == "YTD" and "returns" in q.intents


def test_english_comparison_defaults_to_ytd() -> None:
    q = parse("Did the Russell 2000 outperform the S&P 500?")
    assert q.language == "en" and q.period == "YTD" and q.benchmark == "^GSPC"


def test_today_means_one_day_and_one_symbol_gets_a_benchmark() -> None:
    q = parse("纳斯达克今天表现如何?")
    assert q.period == "1D" and q.symbols == ("^IXIC", "^GSPC") and q.benchmark == "^GSPC"


@pytest.mark.parametrize(
    ("question", "period", "as_of"),
    [
        ("How did the Dow do last week?", "WTD", dt.date(2026, 7, 26)),  # the week as it ended
        ("道指上周表现如何？", "WTD", dt.date(2026, 7, 26)),
        ("How did the Dow do last month?", "2026-06", dt.date(2026, 7, 31)),
        ("纳指上个月涨了多少？", "2026-06", dt.date(2026, 7, 31)),
        ("How did stocks do last quarter?", "2026-Q2", dt.date(2026, 7, 31)),
        ("标普500去年涨了多少？", "2025", dt.date(2026, 7, 31)),
        # a trailing span, this year against last: not the period; a high of last year's is
        # where the move is measured from
        ("How did the S&P 500 do over the last month?", "1M", dt.date(2026, 7, 31)),
        ("比特币比去年10月的高点回落了多少？", "high:2025-10", dt.date(2026, 7, 31)),
        ("How far is bitcoin below last year's high?", "high:2025", dt.date(2026, 7, 31)),
        ("今年和去年相比，纳指涨得更多吗？", "YTD", dt.date(2026, 7, 31)),
    ],
)
def test_the_calendar_period_before_this_one(question: str, period: str, as_of: dt.date) -> None:
    """ "Last month" at the end of July is June, not the trailing month; "last year" is 2025."""
    q = parse(question, as_of=dt.date(2026, 7, 31))
    assert (q.period, q.as_of) == (period, as_of)


@pytest.mark.parametrize(
    ("question", "period", "as_of"),
    [
        ("Which sector did worst last month?", "2026-07", None),
        ("标普500昨天涨了多少？", "1D", dt.date(2026, 8, 20)),
        ("How did the Dow do last week?", "WTD", dt.date(2026, 8, 16)),
    ],
)
def test_a_snapshot_counts_back_from_its_last_close(
    question: str, period: str, as_of: dt.date | None
) -> None:
    """A price store that ends on Friday August 21 and will not be refreshed answers
    "yesterday" and "last month" from that day, as it answers "today"; and says so."""
    q = parse_question(question, VOCAB, now=dt.date(2026, 8, 21))
    assert (q.period, q.as_of, q.counted_from) == (period, as_of, dt.date(2026, 8, 21))
    # an explicit date, or a question counting nothing back, is no count from the snapshot
    dated = parse_question(question, VOCAB, as_of=dt.date(2026, 7, 31), now=dt.date(2026, 8, 21))
    assert dated.counted_from is None
    assert (
        parse_question("标普500今年涨了多少？", VOCAB, now=dt.date(2026, 8, 21)).counted_from
        is None
    )


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("纳指今年最大回撤是多少？", True),
        ("How volatile has the Russell 2000 been?", True),
        ("What was the S&P 500's drawdown in April?", True),
        ("标普500和纳指今年的波动率哪个更高？", True),
        ("纳指今年涨了多少？", False),
        ("What is the outlook for gold?", False),
    ],
)
def test_a_drawdown_or_volatility_asked(question: str, asked: bool) -> None:
    assert ("drawdown" in measures_asked(question)) is asked


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What are the risks to the small-cap rally?", "risk"),
        ("What could derail the AI trade?", "risk"),
        ("小盘股有哪些风险？", "risk"),
        ("芯片股的下行风险有多大？", "risk"),
        ("小盘股有什么投资机会？", "opportunity"),
        ("What opportunities do small caps offer?", "opportunity"),
        ("Is risk appetite returning?", None),  # the appetite, not the risks
        ("美联储会降息吗？", None),
        ("What is driving the small-cap rotation?", None),
    ],
)
def test_the_risks_or_the_opportunities_asked(question: str, kind: str | None) -> None:
    assert kind_asked(question) == kind


def test_when_a_question_asks_is_no_words_it_asks_about() -> None:
    """The period answers "last week"; search and coverage look for what it asks about."""
    q = parse("What happened to oil prices last week?", as_of=dt.date(2026, 7, 31))
    searched = search_query(q, VOCAB, None).lower()
    assert "oil prices" in searched and "last" not in searched and "week" not in searched
    assert "上周" not in search_query(parse("上周美股表现如何？"), VOCAB, None)
    assert search_query(parse("今天?"), VOCAB, None) == "今天?"  # time words alone: searched


def test_search_looks_for_the_source_of_a_view_in_both_languages() -> None:
    """Goldman's forecast reported in Chinese says 高盛: its name joins the search as the
    subject's does, though its shares are not priced."""
    q = parse("What is Goldman Sachs' fair value estimate for Brent crude?")
    assert q.speakers == ("GS",) and "GS" not in q.symbols
    assert "高盛" in search_query(q, VOCAB, None)
    zh = parse("高盛对英伟达的目标价是多少？")
    # by its shortest name, which "Goldman Sachs" says too
    assert zh.speakers == ("GS",) and search_query(zh, VOCAB, None).endswith(" Goldman")


def test_a_proper_name_of_several_words_is_searched_as_one_term() -> None:
    """ "S&P 500" is one name: quoted, search scores it as one term (`ingest.ranking.quoted`),
    and its two words do not outvote the Goldman asked about. A name in plain words ("oil
    prices") says what it is about in each word, and a Chinese one is cut as articles are."""
    searched = search_query(parse("What did Goldman say about the S&P 500 target?"), VOCAB, None)
    assert searched.startswith('What did Goldman say about the "S&P 500" target?')
    assert '"oil prices"' not in search_query(parse("Why are oil prices rising?"), VOCAB, None)
    assert search_query(parse("标普500今年涨了多少？"), VOCAB, None).startswith("标普500")


def test_a_name_before_a_word_of_time_jieba_joins_to_it_is_still_named() -> None:
    """jieba cuts "科技股本月" as 科技/股本/月 (股本, share capital): the tech sector is still
    named, this month asked; a company's 科技股份 names no sector."""
    tech = parse("科技股本月表现如何？")
    assert tech.sectors == ("XLK",) and tech.period == "MTD"
    assert parse("小盘股本周表现如何？").symbols[0] == "^RUT"
    assert not parse("华为科技股份有限公司怎么样？").sectors


@pytest.mark.parametrize(
    "text",
    ["Is the market overvalued?", "美股估值高吗？", "标普500的市盈率是不是太高了？",
     "高盛对标普500的年底目标是多少？"],
)  # fmt: skip
def test_a_view_of_a_market_asks_no_return(text: str) -> None:
    """Its valuation or a forecast of it is strategists' view, which the library answers
    first, not how it did this year."""
    parsed = parse(text)
    assert "^GSPC" in parsed.symbols and "returns" not in parsed.intents
    assert "returns" in parse("How did the market do this year?").intents


def test_an_index_is_searched_by_its_name_without_its_kind() -> None:
    """标普500, not 标普500指数: the query says which index already, and 指数, translated to
    "index", would rank every "S&P 500 Snapshot: Index Drops…" above the strategist's target.
    A name that is no name without its kind keeps it (恒生指数: 恒生 is a bank)."""
    searched = search_query(parse("Which banks raised their S&P 500 targets?"), VOCAB, None)
    assert searched.endswith(' "标普500"') and "指数" not in searched
    assert "恒生指数" in search_query(parse("How did the Hang Seng Index do?"), VOCAB, None)


def test_a_company_asked_by_its_ticker_is_searched_by_its_name() -> None:
    """Articles write "Applied Materials" and 英伟达, not AMAT and NVDA: a question that writes
    only the ticker searches for the name in its own language too, once."""
    amat = search_query(parse("What price target did Deutsche Bank set for AMAT?"), VOCAB, None)
    assert "Applied Materials" in amat and "应用材料" in amat
    nvda = search_query(parse("NVDA的目标价是多少？"), VOCAB, None)
    assert "英伟达" in nvda and "Nvidia" in nvda
    named = search_query(parse("英伟达的目标价是多少？"), VOCAB, None)
    assert named.count("英伟达") == 1  # written already: not added again
    unnamed_in_chinese = search_query(parse("HPE的财报怎么样？"), VOCAB, None)
    assert unnamed_in_chinese.count("Hewlett Packard Enterprise") == 1  # one name, added once


def test_a_company_is_searched_in_the_other_language_by_its_shortest_name() -> None:
    """Chinese articles write 美光 more often than 美光科技, which search would read as one
    term: a question naming Micron searches 美光, and one naming 美光科技 searches "Micron"."""
    micron = search_query(parse("How much did Micron fall after SK Hynix plunged?"), VOCAB, None)
    assert '"美光"' in micron and "美光科技" not in micron
    zh = search_query(parse("美光科技跌了多少？"), VOCAB, None)
    assert zh.endswith(" Micron") and "Micron Technology" not in zh


def test_months_from_one_to_another_are_the_period_asked() -> None:
    """ "标普500从3月到6月涨了多少？" asks from March to June, not March alone, nor the year to
    date; so does "between March and June". While the last month runs, from the first to
    date."""
    asked = ("标普500从3月到6月涨了多少？", "How much did the S&P 500 rise between March and June?")
    for text in asked:
        q = parse(text, as_of=dt.date(2026, 8, 21))
        assert q.period == "2026-03..2026-06" and q.period_end == dt.date(2026, 6, 30)
    assert parse("三月到六月小盘股表现如何？", as_of=dt.date(2026, 8, 21)).period == (
        "2026-03..2026-06"
    )
    running = parse("标普500从3月到8月涨了多少？", as_of=dt.date(2026, 8, 21))
    assert running.period == "2026-02-28.."


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("罗素2000从4月低点反弹了多少？", "low:2026-04"),
        ("How far is the S&P 500 below its July high?", "high:2026-07"),
        ("How much has the Nasdaq gained since its April low?", "low:2026-04"),
        ("纳指较今年高点回落了多少？", "high:2026"),
        ("Is the Dow above April's low?", "low:2026-04"),
        ("How far is the S&P 500 below its 2025 peak?", "high:2025"),
        ("Are high-yield bonds doing well this year?", "YTD"),  # no high of any time
    ],
)
def test_a_move_from_a_high_or_a_low_is_measured_from_it(question: str, period: str) -> None:
    """Not the year to date: from the highest or lowest close of the month or year named."""
    assert parse(question, as_of=dt.date(2026, 8, 21)).period == period


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("纳指近两个月涨了多少？", "2M"),
        ("纳指最近三周表现如何？", "3W"),  # not "recently": the past month
        ("How has the Nasdaq done over the past two months?", "2M"),
        ("How did the Nasdaq do in the last 10 trading days?", "10D"),
        ("纳指过去30天涨了多少？", "21D"),  # calendar days: the trading days in them
        ("Over the last 2 years, how has the S&P 500 done?", "2Y"),
        ("3个月期美债收益率是多少？", "YTD"),  # a bill, no span
        ("三个月来纳指涨了多少？", "3M"),  # counted back to now: 来, 以来
        ("两周以来小盘股表现如何？", "2W"),
    ],
)
def test_a_trailing_span_counted_in_words_or_digits_is_the_period(
    question: str, period: str
) -> None:
    """ "近两个月" and "the last 10 trading days" were the year to date."""
    assert parse(question, as_of=dt.date(2026, 8, 21)).period == period


def test_yesterday_is_the_day_before_the_as_of_date() -> None:
    q = parse("纳指昨天跌了多少？", as_of=dt.date(2026, 7, 31))
    assert (q.period, q.as_of) == ("1D", dt.date(2026, 7, 30))
    today = parse("How did the Dow do today?", as_of=dt.date(2026, 7, 31))
    assert (today.period, today.as_of) == ("1D", dt.date(2026, 7, 31))


def test_a_benchmark_the_question_does_not_name_is_no_subject_of_it() -> None:
    """The S&P 500 measures small caps' returns; the question is not about it, so search does
    not look for it and a sentence naming it is not thereby on the question."""
    q = parse("What is driving the small-cap rotation?")
    assert q.symbols == ("^RUT", "^GSPC") and q.benchmark == "^GSPC"  # still measured against
    assert q.asked_symbols == ("^RUT",)
    assert "标普" not in search_query(q, VOCAB, None)
    named = parse("Did small caps beat the S&P 500?")
    assert named.asked_symbols == ("^RUT", "^GSPC")
    assert "标普500" in search_query(named, VOCAB, None)
    follow = parse("为什么?", previous=q)  # carried over, still implied
    assert follow.carried_over and follow.asked_symbols == ("^RUT",)


def test_sectors_and_macro_intents() -> None:
    assert "sectors" in parse("最近哪些板块在轮动?").intents
    q = parse("能源板块和科技板块谁更强?")
    assert q.sectors[:2] == ("XLE", "XLK")
    assert "macro" in parse("What does the yield curve say about credit?").intents


def test_asked_for_words_or_a_figure_the_dashboard_lacks_a_question_wants_no_dashboard() -> None:
    """ "What did Powell say at the June FOMC meeting?" asks for his words, "美国7月CPI同比涨了
    多少？" for a figure the macro dashboard does not hold, "Who is the Fed chair?" for a
    person: today's curve and VIX answer none of them. Asked of one of its readings, the
    reading is wanted too."""
    assert "macro" not in parse("What did Powell say at the June FOMC meeting?").intents
    assert "macro" not in parse("鲍威尔在6月议息会议上说了什么？").intents
    assert "macro" not in parse("美国7月CPI同比涨了多少？").intents
    assert "macro" not in parse("How many jobs did US payrolls add in May?").intents
    assert "macro" not in parse("Who is the Fed chair?").intents  # a person, not VIX
    assert "macro" not in parse("现任美联储主席是谁？").intents
    assert "macro" in parse("Who benefits from falling Treasury yields?").intents
    assert "macro" in parse("How high did the 10-year Treasury yield go in July?").intents
    assert "macro" in parse("美联储什么时候降息？").intents  # no figure asked: context
    assert "macro" in parse("What did Powell say about the yield curve?").intents
    assert "macro" in parse("How did the Fed's decision move Treasury yields?").intents


def test_the_sectors_of_the_labor_market_are_no_sector_funds() -> None:
    """ "Which sectors lost jobs?" asks of the economy's industries in a jobs report: the sector
    funds' scores answer nothing there. A sector named ("科技股") is still scored."""
    assert "sectors" not in parse("Which sectors lost jobs in July?").intents
    assert "sectors" not in parse("哪些行业就业减少最多？").intents
    assert "sectors" in parse("Which sectors are leading this month?").intents
    assert "sectors" in parse("科技股的就业情况如何？").intents


@pytest.mark.parametrize(
    ("text", "dashboard"),
    [
        ("美国7月非农数据怎么样？", False),
        ("What is the outlook for inflation?", False),
        ("How was the June CPI?", False),
        ("通胀会推动美联储加息吗？", True),  # of the Fed too: rates are its context
        ("Will the jobs report bring a rate cut?", True),
    ],
)
def test_a_question_on_an_economic_release_wants_its_commentary_not_the_dashboard(
    text: str, dashboard: bool
) -> None:
    """The dashboard holds yields, the curve, VIX and credit: "美国7月非农数据怎么样？" was
    titled "宏观环境" and led by VIX, not by the payrolls it asks about."""
    assert ("macro" in parse(text).intents) is dashboard


@pytest.mark.parametrize(
    ("question", "sector"),
    [
        ("How have bank stocks performed this year?", "XLF"),
        ("银行股今年表现如何？", "XLF"),
        ("Are oil stocks a buy?", "XLE"),
        ("REITs have lagged all year", "XLRE"),
    ],
)
def test_a_sector_asked_as_readers_say_it(question: str, sector: str) -> None:
    """Banks are the financials sector, oil stocks energy: asked so, the sector tool answers."""
    assert parse(question).sectors == (sector,)


def test_a_bank_named_is_a_company_and_central_banks_no_sector() -> None:
    q = parse("Bank of America shares fell today")
    assert q.symbols[:1] == ("BAC",) and not q.sectors
    assert not parse("Why are central banks buying gold?").sectors


@pytest.mark.parametrize(
    "question",
    [
        "中国10月CPI同比涨了多少？",
        "Did Japan's April 2026 core inflation beat or miss forecasts?",
        "欧洲央行会降息吗？",
        "What did the PBOC do with interest rates in May 2026?",  # its central bank's name
        "人民银行5月降息了吗？",
    ],
)
def test_another_economys_macro_is_not_answered_with_americas(question: str) -> None:
    """The macro tool reads the US curve, credit and volatility."""
    assert "macro" not in parse(question).intents


@pytest.mark.parametrize(
    "question",
    [
        "2025年全年中国汽车行业的销售利润率是多少？",
        "How big is China's public mutual fund industry in assets under management?",
    ],
)
def test_another_economys_industry_is_not_answered_with_americas_sectors(question: str) -> None:
    """The sector scores are the US sector funds': they do not describe China's car industry.
    A sector the question names is still scored."""
    assert "sectors" not in parse(question).intents
    assert parse("中国关税对科技板块有什么影响？").sectors == ("XLK",)
    assert "sectors" in parse("美国哪个行业领涨？").intents


def test_beating_a_forecast_is_news_not_a_return() -> None:
    assert "returns" not in parse("Did Japan's core inflation beat forecasts?").intents


@pytest.mark.parametrize(
    "question", ["美联储降息对中国有什么影响？", "How do US rates compare with Japan's?"]
)
def test_a_question_about_america_and_another_economy_keeps_the_macro_figures(
    question: str,
) -> None:
    assert "macro" in parse(question).intents


def test_topics_imply_an_index() -> None:
    assert parse("What is driving the small-cap rotation?").symbols[0] == "^RUT"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("截至2026年1月23日，罗素2000表现", dt.date(2026, 1, 23)),
        ("as of Jan 23, 2026 how did IWM do", dt.date(2026, 1, 23)),
        ("as of 23 January 2026", dt.date(2026, 1, 23)),
        ("on 2026-01-23?", dt.date(2026, 1, 23)),
        ("no date here", None),
    ],
)
def test_dates(text: str, day: dt.date | None) -> None:
    assert find_date(text) == day


def test_an_explicit_as_of_wins_and_a_same_year_period_is_ytd() -> None:
    q = parse("罗素2000 2026年全年表现", as_of=dt.date(2026, 1, 23))
    assert q.as_of == dt.date(2026, 1, 23) and q.period == "YTD"
    assert parse("截至2026年1月23日罗素2000", as_of=dt.date(2025, 5, 1)).as_of == dt.date(
        2025, 5, 1
    )


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2025年标普500全年表现如何?", "2025"),
        ("How did the S&P 500 do in 2025?", "2025"),
        ("罗素2000在2026年的表现", "YTD"),
        ("Russell 2000 and S&P 500 this year", "YTD"),
    ],
)
def test_a_named_year_is_that_calendar_year_or_ytd(text: str, period: str) -> None:
    assert parse(text, as_of=dt.date(2026, 1, 23)).period == period


def test_language() -> None:
    assert detect_language("IWM和SPY今年表现如何") == "zh"
    assert detect_language("What does 华尔街见闻 say about IWM and SPY today?") == "en"


@pytest.mark.parametrize("text", ["", "   ", "x" * 2_001])
def test_empty_or_oversized_questions_are_input_errors(text: str) -> None:
    with pytest.raises(InputError, match=r"empty|too long"):
        parse(text)


def test_an_impossible_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match="not a valid date"):
        parse("截至2026年2月30日罗素2000表现")


def test_a_follow_up_carries_symbols_and_period() -> None:
    first = parse("罗素2000指数近3个月是否跑赢标普500?")
    follow = parse("为什么?", previous=first)
    assert follow.carried_over and follow.symbols == first.symbols and follow.period == "3M"
    other = parse("那纳斯达克呢?", previous=first)
    assert other.symbols[0] == "^IXIC" and other.period == "3M"


@pytest.mark.parametrize(
    "question",
    [
        "截至7月15日，罗素2000今年涨了多少？",
        "As of July 15, how much were small caps up this year?",
    ],
)
def test_an_as_of_date_written_without_its_year_is_the_latest_such_day(question: str) -> None:
    """Answered as of July 15, not at the store's last close: the as-of date a reader writes
    need not carry its year (the latest July 15 by the store's last close)."""
    q = parse(question, now=dt.date(2026, 8, 21))
    assert q.as_of == dt.date(2026, 7, 15) and q.period == "YTD"
    assert parse(question, now=dt.date(2026, 3, 1)).as_of == dt.date(2025, 7, 15)


def test_a_follow_up_naming_another_month_asks_of_that_month() -> None:
    """ "What about August?" after a question on July: August, the symbols kept."""
    first = parse("How did the S&P 500 do in July?", as_of=dt.date(2026, 9, 30))
    follow = parse("What about August?", as_of=dt.date(2026, 9, 30), previous=first)
    assert first.period == "2026-07" and follow.period == "2026-08"
    assert follow.symbols == first.symbols


# -- companies: stocks, not sectors; news, not necessarily returns --------------------------------


def test_a_company_is_a_stock_not_its_sector_word() -> None:
    q = parse("What price target did Deutsche Bank set for Applied Materials?")
    assert q.symbols == ("AMAT",) and q.sectors == ()
    assert "returns" not in q.intents and q.benchmark is None
    q = parse("英伟达和美光科技的财报怎么样?")
    assert q.symbols[:2] == ("NVDA", "MU") and q.sectors == ()


@pytest.mark.parametrize(
    ("text", "symbols"),
    [
        ("What price target did Goldman Sachs set for Nvidia?", ("NVDA",)),
        ("Morgan Stanley raised its target on Micron: to what?", ("MU",)),
        ("摩根士丹利给美光的目标价是多少？", ("MU",)),
        ("高盛预计明年油价会到多少？", ("CL=F",)),
        ("How much crude can the world draw down, per JPMorgan?", ("CL=F",)),
        ("据摩根大通，美联储今年会降息几次？", ()),
        ("Goldman Sachs expects how many Fed cuts this year?", ()),
        # its view, by the possessive: "X's price target", "Sachs' fair value estimate"
        ("What is Morgan Stanley's price target for Nvidia?", ("NVDA",)),
        ("What is Goldman Sachs' fair value estimate for Brent crude?", ("BZ=F",)),
        ("高盛的油价预测是多少？", ("CL=F",)),
        ("高盛对油价的预测是多少？", ("CL=F",)),
        ("摩根士丹利对英伟达的目标价是多少？", ("NVDA",)),
        # asked for its view of something: "what does X think of", "X对…怎么看"
        ("高盛对美股怎么看？", ("^GSPC",)),
        ("大摩如何看待油价？", ("CL=F",)),
        ("What does Goldman Sachs think of US stocks?", ("^GSPC",)),
        # its view of something no symbol is: still that something's question, not Goldman's
        ("What is Goldman's latest forecast for US driverless taxi revenue by 2030?", ()),
        ("高盛对无人驾驶出租车市场的预测是多少？", ()),
    ],
)
def test_a_company_cited_as_the_source_of_a_view_is_not_what_is_asked_about(
    text: str, symbols: tuple[str, ...]
) -> None:
    """Goldman's target for Nvidia is Nvidia's question: Goldman's shares are neither priced
    nor Nvidia's yardstick."""
    q = parse(text)
    assert q.symbols == symbols and q.benchmark is None
    assert q.speakers and not set(q.speakers) & set(q.symbols)


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        ("What does Nvidia expect for next quarter's revenue?", "NVDA"),  # nothing else asked
        ("美光上调业绩指引，英伟达涨了多少？", "MU"),  # its own guidance: news about itself
        ("Did Apple see bigger gains than Microsoft?", "AAPL"),
        ("How has JPMorgan stock done this year?", "JPM"),
        ("What is Nvidia's revenue forecast for next quarter?", "NVDA"),  # its own, nothing else
        ("How did Apple's shares do against Microsoft's?", "AAPL"),  # shares are no view
        ("What is Nvidia's price target from Morgan Stanley?", "NVDA"),  # the one set for it
        ("摩根士丹利给美光的目标价是多少？", "MU"),
    ],
)
def test_a_company_speaking_of_itself_is_still_the_topic(text: str, symbol: str) -> None:
    assert symbol in parse(text).symbols


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("英伟达最近为什么下跌？", "1M"),
        ("What's been driving small caps lately?", "1M"),
        ("Why has Nvidia fallen recently?", "1M"),
        ("英伟达最近一周表现如何？", "5D"),  # the span it says, not "recently"
        ("最近三个月小盘股跑赢大盘了吗？", "3M"),
        ("英伟达为什么下跌？", "YTD"),
        # the latest of something is recent too
        ("What did the Fed decide at its last meeting?", "1M"),
        ("美联储上次议息会议决定了什么？", "1M"),
        ("What did the latest jobs report show?", "1M"),
        ("What did the Fed do over the last two years?", "2Y"),  # the span it says, not recent
        ("三星最新一代HBM卖得怎么样？", None),  # the newest product, not the newest news
    ],
)
def test_recently_is_the_past_month_unless_a_span_is_said(text: str, period: str | None) -> None:
    assert parse(text, as_of=dt.date(2026, 8, 14)).period == period


def test_a_company_has_every_name_it_is_found_by() -> None:
    """The short name a question writes ("Goldman") is one of the company's names, so a
    sentence saying it says what the question names."""
    q = parse("What is Goldman's latest forecast?")
    assert q.symbols == ("GS",)
    assert {"Goldman", "Goldman Sachs", "高盛"} <= set(VOCAB.aliases("GS"))


@pytest.mark.parametrize(
    "text",
    [
        "Did Nvidia beat earnings estimates?",
        "Why did Morgan Stanley upgrade Micron?",
        "高盛上调了英伟达的目标价吗?",
    ],
)
def test_company_news_is_not_a_returns_question(text: str) -> None:
    q = parse(text)
    assert q.symbols and "returns" not in q.intents


@pytest.mark.parametrize(
    "text",
    [
        "How did Apple shares perform this year?",
        "How have Nvidia shares done this year?",
        "How did Tesla do in 2025?",
        "Did Nvidia beat the S&P 500 this year?",
        "特斯拉今年涨幅多少?",
    ],
)
def test_a_returns_cue_makes_a_company_question_about_returns(text: str) -> None:
    q = parse(text)
    assert "returns" in q.intents and q.benchmark == "^GSPC"


def test_naming_only_indices_or_funds_asks_how_they_did() -> None:
    assert "returns" in parse("罗素2000和标普500").intents
    assert "returns" in parse("SPY and QQQ?").intents
    assert "returns" not in parse("Applied Materials and Micron?").intents


def test_tickers_the_library_carries_count_in_a_question() -> None:
    """A listed company's ticker in no index (GME) counts alone once the library carries it."""
    assert parse("GME into earnings?").symbols == ()
    known = parse_question("GME into earnings?", default_vocabulary(known=["GME"]))
    assert known.symbols == ("GME",)


def test_library_tickers_come_from_the_index_or_are_none() -> None:
    class Index:
        def tickers(self) -> frozenset[str]:
            return frozenset({"ACMR", "BRK.B"})

    class Scoped:
        index = Index()

    assert library_tickers(Index()) == {"ACMR", "BRK.B"}
    assert library_tickers(Scoped()) == {"ACMR", "BRK.B"}
    assert library_tickers(object()) == frozenset()


def test_library_glosses_come_from_the_index_or_are_none() -> None:
    class Index:
        def glosses(self) -> dict[str, str]:
            return {"ppi": "工业生产者出厂价格指数", "capex": "资本支出"}

    class Broken:
        def glosses(self) -> dict[str, str]:
            raise OSError("unreadable")

    found = library_glosses(Index())
    assert found == (("capex", "资本支出"), ("ppi", "工业生产者出厂价格指数"))
    assert default_vocabulary(glosses=found).glosses == found
    assert library_glosses(object()) == library_glosses(Broken()) == ()


def test_a_chinese_name_the_library_gives_a_listed_company_names_it() -> None:
    """The library glosses "贝莱德（BlackRock）" and "阿波罗全球管理公司（Apollo Global
    Management）": a Chinese question saying 贝莱德, or 阿波罗 for short, is about BLK or APO,
    and so is an English one saying "Apollo", the dictionary's 阿波罗; a sentence saying
    贝莱德 names BLK. A company we name in Chinese keeps our name; a Latin
    name that is no listed company's names nothing."""

    class Index:
        def names(self) -> dict[str, str]:
            return {
                "BlackRock": "贝莱德",
                "Apollo Global Management": "阿波罗全球管理公司",
                "NVIDIA": "你问英伟达",
                "Cloud Service Provider": "云服务供应商",
            }

    vocabulary = default_vocabulary(chinese_names=library_names(Index()))
    assert vocabulary.find_symbols("贝莱德最近怎么样？") == ["BLK"]
    assert vocabulary.find_symbols("阿波罗旗下私募信贷基金的赎回申请占比是多少？") == ["APO"]
    # 阿波罗 is "Apollo" in the dictionary, a word of the Latin name: English calls it so too
    assert vocabulary.find_symbols("Why did Apollo limit withdrawals?") == ["APO"]
    assert "Apollo" in vocabulary.aliases("APO") and "Black" not in vocabulary.aliases("BLK")
    assert "贝莱德" in vocabulary.aliases("BLK")
    # named so in a Chinese answer, and searched for so from an English question
    assert vocabulary.name("APO", "zh") == "阿波罗全球管理公司"
    assert vocabulary.name("BLK", "en") == "BlackRock"
    assert "贝莱德" in search_query(parse("What is BlackRock's view?"), vocabulary, None)
    assert vocabulary.find_symbols("云服务供应商的资本开支") == []
    assert "你问英伟达" not in vocabulary.aliases("NVDA")
    assert default_vocabulary().find_symbols("贝莱德最近怎么样？") == []


@pytest.mark.parametrize(
    "text",
    ["How are chip stocks doing?", "半导体板块今年涨了多少？", "费城半导体指数7月表现如何？",
     "How did semiconductor stocks do in July?"],
)  # fmt: skip
def test_the_chip_stocks_are_the_semiconductor_index(text: str) -> None:
    """What people call the chip stocks is measured as the PHLX Semiconductor index (^SOX, its
    ETF SOXX standing in), not left to commentary; a company named for semiconductors is the
    company (超威半导体 is AMD, "Taiwan Semiconductor" TSMC)."""
    assert parse(text).asked_symbols == ("^SOX",)
    assert parse("超威半导体今年涨了多少？").asked_symbols == ("AMD",)
    assert parse("Why did Taiwan Semiconductor fall?").asked_symbols == ("TSM",)
    first = parse("How did the Nasdaq do in July?")
    after = parse("What about semiconductors?", previous=first)
    assert after.asked_symbols == ("^SOX",) and after.period == first.period


# -- follow-ups: the earlier topic only when the question leans on it ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "What did the Fed minutes say?",
        "美联储最近的会议纪要说了什么?",
        "What's the price target on Applied Materials?",
        "能源板块最近怎么样?",
    ],
)
def test_a_follow_up_with_its_own_topic_starts_fresh(text: str) -> None:
    first = parse("罗素2000指数近3个月是否跑赢标普500?")
    follow = parse(text, previous=first)
    assert not follow.carried_over
    assert "^RUT" not in follow.symbols and follow.period != "3M"


@pytest.mark.parametrize(
    ("text", "symbols"),
    [
        ("为什么?", ("^RUT", "^GSPC")),
        ("And why?", ("^RUT", "^GSPC")),
        ("What about the Nasdaq over the same period?", ("^IXIC", "^GSPC")),
        ("美联储降息对它有什么影响?", ("^RUT", "^GSPC")),
        ("How do rates affect it?", ("^RUT", "^GSPC")),
    ],
)
def test_a_follow_up_that_refers_back_keeps_the_earlier_topic(
    text: str, symbols: tuple[str, ...]
) -> None:
    first = parse("罗素2000指数近3个月是否跑赢标普500?")
    follow = parse(text, previous=first)
    assert follow.carried_over and follow.symbols == symbols and follow.period == "3M"


def test_a_follow_up_naming_another_period_asks_the_earlier_comparison_again() -> None:
    """ "7月以来呢？" after "did the Russell 2000 beat the S&P 500 this year?" asks whether it
    beat it since July; "为什么？" asks why, and no period of its own, so it asks no verdict."""
    as_of = dt.date(2026, 8, 21)
    for first, text in (
        ("罗素2000年初至今跑赢标普500了吗?", "7月以来呢？"),
        ("Did the Russell 2000 beat the S&P 500 this year?", "And since July?"),
    ):
        follow = parse_question(text, VOCAB, previous=parse_question(first, VOCAB, as_of=as_of))
        assert follow.comparison == "whether" and follow.period == "2026-06-30..", text
        assert follow.symbols == ("^RUT", "^GSPC")
    which = parse_question("罗素2000和标普500今年谁表现更好？", VOCAB, as_of=as_of)
    assert parse_question("7月以来呢？", VOCAB, previous=which).comparison == "which"
    why = parse_question(
        "为什么？", VOCAB, previous=parse_question("罗素2000年初至今跑赢标普500了吗?", VOCAB)
    )
    assert why.carried_over and not why.asks_comparison


@pytest.mark.parametrize(
    ("text", "comparison"),
    [
        ("罗素2000年初至今跑赢标普500了吗?", "whether"),
        ("罗素2000今年是否跑赢标普500？", "whether"),
        ("纳指今年跑赢道指没有？", "whether"),
        ("纳指还是跑赢了道指吗？", "whether"),  # 还是: "still", not "or"
        ("Did the Dow beat the Nasdaq this year?", "whether"),
        ("So, has the Russell 2000 outperformed the S&P 500?", "whether"),
        ("Did small caps beat large caps or not?", "whether"),
        ("纳指和道指今年谁表现更好？", "which"),
        ("对比一下纳指和标普500今年的表现", "which"),
        ("纳指和罗素2000哪个7月涨得更多？", "which"),
        ("纳指和道指比起来怎么样", "which"),
        ("Which did better this year, small caps or the S&P 500?", "which"),
        ("Did small caps or large caps do better this year?", "which"),
        ("Compare the Dow and the Nasdaq this year", "which"),
        ("Nasdaq vs Dow this year", "which"),
        ("How did the Nasdaq do this year?", None),
    ],
)
def test_a_comparison_asks_whether_one_beat_the_other_or_which_did_better(
    text: str, comparison: str | None
) -> None:
    assert parse(text).comparison == comparison


@pytest.mark.parametrize(
    ("first", "text", "symbols"),
    [
        ("罗素2000今年表现如何？", "和纳指比呢？", ("^RUT", "^IXIC")),
        ("How did the S&P 500 do this year?", "And compared with the Dow?", ("^GSPC", "^DJI")),
    ],
)
def test_a_follow_up_comparing_with_something_new_measures_the_earlier_subject_against_it(
    first: str, text: str, symbols: tuple[str, ...]
) -> None:
    """ "和纳指比呢？" after the Russell 2000 asks Russell vs Nasdaq, not Nasdaq vs the S&P 500."""
    follow = parse(text, previous=parse(first))
    assert follow.symbols == symbols and follow.benchmark == symbols[-1]
    assert follow.carried_over and follow.period == "YTD"


@pytest.mark.parametrize(
    ("first", "text", "restated"),
    [
        ("英伟达上周表现如何？", "它的目标价是多少？", "英伟达的目标价是多少？"),
        ("How did Nvidia do last week?", "Why did it fall?", "Why did Nvidia fall?"),
        (
            "How did Nvidia do last week?",
            "What is its price target?",
            "What is Nvidia's price target?",
        ),
        # no one subject to name, or no pronoun standing for it
        ("英伟达和AMD上周谁涨得多？", "它的目标价是多少？", "它的目标价是多少？"),
        ("How did Nvidia do last week?", "Is it time to buy?", "Is it time to buy?"),
        ("英伟达上周表现如何？", "它们的目标价是多少？", "它们的目标价是多少？"),
    ],
)
def test_a_pronoun_for_the_earlier_subject_is_its_name(
    first: str, text: str, restated: str
) -> None:
    """The title, search and quotes read the name; the earlier period still carries over, as
    the question typed refers back."""
    earlier = parse(first, as_of=dt.date(2026, 7, 31))
    follow = parse(text, previous=earlier)
    assert follow.text == restated and follow.asked == text
    assert follow.period == "WTD" and "NVDA" in follow.symbols
    # restated, it is searched as it reads: "上周表现如何" would find last week's moves
    if restated != text:
        assert first not in search_query(follow, VOCAB, first)


@pytest.mark.parametrize(
    ("first", "text", "restated", "symbols"),
    [
        ("罗素2000今年表现如何？", "那黄金呢？", "黄金今年表现如何？", ("GC=F",)),
        (
            "罗素2000指数近3个月是否跑赢标普500?",
            "那纳斯达克呢?",
            "纳斯达克近3个月是否跑赢标普500?",
            ("^IXIC", "^GSPC"),
        ),
        (
            "How did the S&P 500 do this year?",
            "What about the Dow?",
            "How did the Dow do this year?",
            ("^DJI", "^GSPC"),
        ),
    ],
)
def test_an_elliptical_follow_up_asks_the_earlier_question_of_what_it_names(
    first: str, text: str, restated: str, symbols: tuple[str, ...]
) -> None:
    """ "那黄金呢？" after "罗素2000今年表现如何？" asks how gold did this year: its title, its
    search and the sentences it quotes follow that question, not the two words typed."""
    follow = parse(text, previous=parse(first))
    assert follow.text == restated and follow.symbols == symbols
    assert follow.asked == text  # what the conversation shows as asked
    # …and so after a "Why?" that carried the earlier topic on
    why = parse("Why?" if detect_language(first) == "en" else "为什么？", previous=parse(first))
    assert parse(text, previous=why).text == restated


@pytest.mark.parametrize("text", ["What about gold?", "那美联储呢？", "那上个月呢？"])
def test_a_follow_up_in_another_language_or_naming_no_symbol_is_asked_as_typed(text: str) -> None:
    assert parse(text, previous=parse("罗素2000今年表现如何？")).text == text


@pytest.mark.parametrize(
    "text", ["What about the Fed's view on inflation?", "那美联储对通胀怎么看呢？"]
)
def test_an_elliptical_follow_up_naming_a_topic_of_its_own_replaces_the_earlier_one(
    text: str,
) -> None:
    """After oil, "What about the Fed's view on inflation?" asks about the Fed, not oil: no
    crude symbol (and no "no prices for CL=F"), and the earlier question is not searched."""
    first = parse("油价最近怎么样？")
    assert "CL=F" in first.symbols
    follow = parse(text, previous=first)
    assert "CL=F" not in follow.symbols and not follow.carried_over
    assert follow.period == first.period  # "recently" still holds


@pytest.mark.parametrize("text", ["What about housing?", "那房价呢？", "What about Europe?"])
def test_an_elliptical_follow_up_naming_no_symbol_and_no_side_starts_a_topic(text: str) -> None:
    """After "How did the Nasdaq do in July?", "What about housing?" asks about housing in July,
    not the Nasdaq again; "What about the risks?", "那估值呢？" ask a side of the Nasdaq, and
    "What about August?", "那二季度呢？" another time of it."""
    first = parse("How did the Nasdaq do in July?")
    follow = parse(text, previous=first)
    assert "^IXIC" not in follow.symbols and follow.period == first.period
    for side in ("What about the risks?", "那估值呢？", "What about August?", "那二季度呢？"):
        assert "^IXIC" in parse(side, previous=first).symbols, side


def test_a_period_carried_from_the_earlier_turn_is_marked_so() -> None:
    """ "它的目标价是多少？" after "英伟达最近表现如何？" keeps "recently", which it did not ask."""
    first = parse("英伟达最近表现如何？")
    follow = parse("它的目标价是多少？", previous=first)
    assert follow.period == first.period and follow.period_carried
    assert not parse("它最近的目标价是多少？", previous=first).period_carried


def test_a_default_period_is_marked_so() -> None:
    """The year to date a return is measured over unasked is the default, not a period asked;
    "今年", "年初至今" and a quarter are asked, and so is a period carried from the turn before."""
    assert parse("How many vehicles did Tesla deliver?").period_default
    assert parse("罗素2000表现如何？").period_default
    assert not parse("How did the Nasdaq do today?").period_default  # "today" is asked
    for asked in (
        "罗素2000今年表现如何？",
        "罗素2000年初至今表现如何？",
        "特斯拉第二季度交付了多少辆车？",
    ):
        assert not parse(asked, as_of=dt.date(2026, 8, 1)).period_default
    first = parse("英伟达最近表现如何？")
    assert not parse("它的目标价是多少？", previous=first).period_default
    assert parse("它的目标价是多少？").period is None  # no symbol: no period, default or not


def test_a_month_an_earlier_turn_named_is_searched_by_a_follow_up_that_names_none() -> None:
    """ "Why?" after "How did the Russell 2000 do in July?" then "And the Nasdaq?" asks why the
    Nasdaq fell in July: the search names July though neither question it carries does."""
    first = parse("How did the Russell 2000 do in July?", as_of=dt.date(2026, 8, 21))
    second = parse("And the Nasdaq?", previous=first)
    why = parse("Why?", previous=second)
    assert why.period_carried and why.period == "2026-07"
    searched = search_query(why, VOCAB, second.text)
    assert "July 2026" in searched
    assert search_query(second, VOCAB, first.text).count("July") == 1  # the first turn's July
    # restated ("纳指7月表现如何？"), the follow-up it carries names July already: not again
    restated = parse("那纳指呢？", previous=parse("罗素2000指数7月表现如何？", as_of=first.as_of))
    chinese = search_query(parse("为什么？", previous=restated), VOCAB, restated.text)
    assert "7月" in chinese and "2026年7月" not in chinese
    # a recent span carried ("最近") dates no search
    target = parse("它的目标价是多少？", previous=parse("英伟达最近表现如何？"))
    assert search_query(target, VOCAB, None) == "英伟达的目标价是多少？ Nvidia"


def test_a_referring_follow_up_with_a_macro_cue_adds_macro_to_the_earlier_topic() -> None:
    first = parse("罗素2000指数近3个月是否跑赢标普500?")
    follow = parse("美联储降息对它有什么影响?", previous=first)
    assert {"macro", "returns"} <= follow.intents


def test_today_in_a_follow_up_is_one_day_not_the_earlier_period() -> None:
    first = parse("罗素2000指数近3个月是否跑赢标普500?")
    follow = parse("今天呢?", previous=first)
    assert follow.symbols == first.symbols and follow.period == "1D"


def test_the_as_of_date_stays_for_a_new_topic() -> None:
    first = parse("截至2026年1月23日，罗素2000表现如何?")
    follow = parse("What did the Fed minutes say?", previous=first)
    assert follow.as_of == dt.date(2026, 1, 23) and not follow.carried_over


def test_a_name_inside_a_longer_word_names_nothing() -> None:
    """Biotech is not technology: "tech stocks" inside "biotech stocks" and 科技 inside 生物科技
    name neither the Nasdaq nor the technology sector; said as words of their own, they do."""
    for text in ("How have biotech stocks done so far?", "生物科技股今年表现如何？"):
        q = parse(text)
        assert "^IXIC" not in q.symbols and not q.sectors, text
    assert parse("科技股今年表现如何？").sectors == ("XLK",)
    assert parse("How have tech stocks done?").sectors == ("XLK",)
    assert "returns" not in parse("Why is the yen trading against the dollar?").intents  # "gain"


def test_a_sector_word_ending_a_companys_name_names_no_sector() -> None:
    """长鑫科技, 巴航工业, 晶科能源 and 坦途科技（NAVEE） are companies, whose names end on what
    they do: a question about one is not about the US technology, industrials or energy sector.
    After a word that qualifies it, after a stop word, or after a market, the sector is meant."""
    for text in (
        "长鑫科技科创板IPO计划募资多少钱？",  # 长 + 鑫: a name jieba does not know
        "巴航工业怎么看未来二十年的客机需求？",  # 巴航: a word no dictionary has
        "晶科能源一季度亏损了多少？",
        "坦途科技（NAVEE）新发布的水上飞行器最高时速是多少？",  # a Latin name in brackets
    ):
        assert not parse(text).sectors, text
    assert parse("美国科技股为什么大跌？").sectors == ("XLK",)
    assert parse("全球能源价格上涨，能源板块表现如何？").sectors == ("XLE",)
    assert parse("能源和科技谁表现更好？").sectors == ("XLE", "XLK")
    assert parse("美股科技巨头的资本开支有多少？").sectors == ("XLK",)
    # an office's name: the IEA, the Ministry of Science and Technology
    assert not parse("国际能源署怎么看石油需求？").sectors
    assert not parse("科技部发布了什么政策？").sectors
    assert not parse("工业和信息化部发布了什么新规？").sectors  # an office of two fields
    assert parse("工业和科技谁表现更好？").sectors == ("XLI", "XLK")
    assert parse("能源部门的利润率是多少？").sectors == ("XLE",)  # 部门: the energy sector


def test_a_sector_word_inside_an_english_proper_name_names_no_sector() -> None:
    """ "Energy Secretary", "the Energy Information Administration", "the Department of Energy"
    and "Materials Science" are names: a question about one is not about the energy or the
    materials sector. Written in lower case, before a word for its market, or in a question
    whose every word is capitalised, the sector is meant."""
    for text in (
        "What did Energy Secretary Chris Wright say about gasoline?",
        "What does the Energy Information Administration expect for demand?",
        "How did the Department of Energy respond?",
        "What did the Materials Science team find?",
    ):
        assert not parse(text).sectors, text
    assert parse("Why did Energy and Materials lead the market?").sectors == ("XLE", "XLB")
    assert parse("How did Energy Stocks do this week?").sectors == ("XLE",)
    assert parse("How Did Energy Stocks Perform This Week?").sectors == ("XLE",)
    assert parse("how did energy do this week?").sectors == ("XLE",)


def test_a_sector_of_another_market_is_no_us_sector_nor_the_nasdaq() -> None:
    """The sector scores are America's sector funds and "tech stocks" alone the Nasdaq's: a
    question about Hong Kong's, China's or Japan's tech or bank shares asks of neither. The
    word before the sector's name says the market, in either language; America's keeps them."""
    for text in (
        "港股科技股最近怎么样？",  # a market's shares
        "A股科技股跑赢了吗？",
        "中国科技股表现如何？",  # a place jieba's dictionary knows
        "日本的能源股怎么样？",
        "How are Chinese tech stocks doing?",  # a people's adjective
        "How Are Chinese Tech Stocks Doing?",
        "How are Hong Kong tech stocks doing?",  # a place of two words
        "How are Japan's bank stocks doing?",
    ):
        q = parse(text)
        assert not q.sectors and "^IXIC" not in q.symbols, text
        assert "sectors" not in q.intents, text
    assert "sectors" not in parse("A股半导体板块怎么样？").intents
    assert parse("美股科技股表现如何？").sectors == ("XLK",)
    assert parse("美国科技股怎么样？").sectors == ("XLK",)
    assert parse("How are US tech stocks doing?").sectors == ("XLK",)
    assert parse("How did American energy stocks do?").sectors == ("XLE",)
    assert parse("What about global energy stocks?").sectors == ("XLE",)
    assert parse("中国关税对科技板块的影响有多大？").sectors == ("XLK",)  # not the sector's market
    # a time before the sector's name is no company's name (一个月 is no 长鑫)
    assert parse("近一个月能源的表现如何？").sectors == ("XLE",)
    assert parse("近一个月能源板块表现如何？").sectors == ("XLE",)


def test_the_major_indices_are_the_three_us_benchmarks() -> None:
    """美股三大指数 and "the major US indexes" ask of the Dow, the S&P 500 and the Nasdaq
    together: each is measured (an answer about a 911 call centre, or the S&P 500 alone, does
    not answer it). Another market's major indices are none of them; Wall Street is America's."""
    three = ("^DJI", "^IXIC", "^GSPC")
    for text in (
        "美股三大指数本周表现如何？",
        "三大股指今年表现如何",
        "How did the major US indexes do this week?",
        "How did Wall Street's three major averages do?",
        "How did the major stock indices do in July?",
    ):
        q = parse(text)
        assert q.symbols == three and q.benchmark == "^GSPC" and "returns" in q.intents, text
    for text in ("A股主要股指今年表现如何？", "港股三大指数表现如何？"):
        assert not set(three) & set(parse(text).symbols), text
    assert parse("How are Wall Street tech stocks doing?").sectors == ("XLK",)
    assert parse("华尔街科技股表现如何？").sectors == ("XLK",)


def test_a_yield_or_vix_alone_is_measured_against_nothing() -> None:
    """A yield's or VIX's level moves by basis points or points: the S&P 500's return is no
    yardstick for it ("10年期美债收益率跑输标普500指数2.43个百分点" says nothing)."""
    for text in ("10年期美债收益率现在是多少？", "How much did the 10-year yield rise this year?",
                 "VIX现在多少？"):  # fmt: skip
        q = parse(text)
        assert q.benchmark is None and "^GSPC" not in q.symbols, text
    assert parse("纳斯达克今年涨了多少？").benchmark == "^GSPC"
    # Treasury yields unqualified are the 10-year's; another maturity's or market's are not
    for text in ("美债收益率前景怎么样？", "What is the view on Treasury yields?"):
        assert parse(text).symbols == ("^TNX",), text
    for text in ("2年期美债收益率现在多少？", "How did the 2-year Treasury yield move?",
                 "日本国债收益率怎么样？"):  # fmt: skip
        assert "^TNX" not in parse(text).symbols, text


def test_an_index_brand_heading_another_index_is_not_its_index() -> None:
    """纳斯达克, 标普 and "Dow Jones" alone are the Composite, the S&P 500 and the Dow; at the
    head of another index's name they are not, and neither is a sector word inside that name.
    Asked about the Golden Dragon index, the answer must not measure the Nasdaq Composite."""
    for text in (
        "纳斯达克中国金龙指数最近表现如何？",
        "纳斯达克生物科技指数今年涨了多少？",
        "标普1500管理型医疗指数下跌了多少？",
        "道琼斯运输指数今年表现如何？",
        "How did the Dow Jones Transportation Average do this year?",
        "How did the Nasdaq Biotechnology Index do this year?",  # nor is it Nasdaq, Inc.
    ):
        q = parse(text)
        assert not {"^IXIC", "^GSPC", "^DJI", "NDAQ"} & set(q.symbols), text
        assert not q.sectors, text
    assert parse("道琼斯工业指数今年涨了多少？").symbols[0] == "^DJI"  # its own name's words
    assert not parse("道琼斯工业指数今年涨了多少？").sectors
    assert set(parse("标普500指数和纳斯达克指数谁涨得多？").symbols) == {"^GSPC", "^IXIC"}
    assert set(parse("纳指和标普指数谁涨得多？").symbols) == {"^IXIC", "^GSPC"}


def test_a_sentence_naming_another_index_mentions_none_of_ours() -> None:
    """A figure read from a sentence is checked against the index the sentence names: the
    Golden Dragon's 涨2.4% is not the Nasdaq Composite's, 标普1500管理型医疗指数's 18% neither the
    S&P 500's nor the health-care sector's. A brand still names its index when a comma, a
    function word or the sentence (not a name) follows it."""

    def named(text: str) -> set[str]:
        return {symbol for _, _, symbol in VOCAB.mentions(text)}

    assert named("纳斯达克中国金龙指数涨2.4%，阿里巴巴涨超4%。") == set()
    assert named("医疗保险股普跌，标普1500管理型医疗指数下跌18%。") == {"XLV"}  # 医疗保险股
    assert named("纳斯达克生物科技指数收涨2.61%。") == set()
    assert named("纳指收涨1%，恒生指数跌0.5%。") == {"^IXIC", "^HSI"}
    assert named("创业板指在主要指数中最后一个开启调整。") == {"399006.SZ"}
    assert named("尽管Kospi跑赢全球同类指数，其估值折价依然显著。") == {"^KS11"}
    assert named("德国DAX 30指数收涨0.06%。") == {"^GDAXI"}
    assert named("The Nasdaq Composite Index rose 1%.") == {"^IXIC"}
    assert named("The Dow Jones U.S. Real Estate Index fell 2%.") == set()


def test_a_topic_compared_with_a_named_index_is_one_side_of_the_comparison() -> None:
    q = parse("Did small caps beat the S&P 500 this year?")
    assert q.symbols == ("^RUT", "^GSPC") and q.benchmark == "^GSPC"
    q = parse("Did Nvidia beat the market this year?")
    assert q.symbols == ("NVDA", "^GSPC") and q.benchmark == "^GSPC"


def test_a_named_month_is_the_period_measured() -> None:
    """ "How did the S&P 500 do in July 2026?" asks about July, not the year to date: the month
    when it is over, month to date while it runs, nothing for a month to come."""
    for text in ("How did the S&P 500 do in July 2026?", "标普500指数2026年7月涨了多少？"):
        assert parse(text, as_of=dt.date(2026, 8, 21)).period == "2026-07", text
    assert parse("How did the S&P 500 do in July 2026?", as_of=dt.date(2026, 7, 20)).period == (
        "MTD"
    )
    assert parse("How will the S&P 500 do in July 2026?", as_of=dt.date(2026, 6, 1)).period == (
        "YTD"
    )
    assert parse("标普500在2026年1月23日涨了多少").period != "2026-01"  # a day, not the month


def test_a_named_quarter_or_half_is_the_period_measured() -> None:
    """ "上半年" asked in August is January to June, not the year to date; while it runs, the
    year (or quarter) to date; "前三季度" is nine months, no quarter."""
    august, may = dt.date(2026, 8, 14), dt.date(2026, 5, 1)
    for text in (
        "标普500今年上半年涨了多少？",
        "How did the S&P 500 do in the first half of 2026?",
    ):
        assert parse(text, as_of=august).period == "2026-H1", text
        assert parse(text, as_of=may).period == "YTD", text
    assert parse("纳指二季度表现如何？", as_of=august).period == "2026-Q2"
    assert parse("纳指Q2涨了多少？", as_of=august).period == "2026-Q2"  # "Q2" before Chinese
    assert parse("纳指二季度表现如何？", as_of=may).period == "QTD"
    assert parse("纳指四季度表现如何？", as_of=may).period == "2025-Q4"  # the last one begun
    assert parse("标普500前三季度涨了多少？", as_of=august).period != "2026-Q3"


@pytest.mark.parametrize(
    "text",
    [
        "By mid-July 2026, how much were the small-cap indexes up for the year?",
        "截至2026年7月中旬，罗素2000指数涨了多少？",
        "How far did the Russell 2000 rise by the end of July 2026?",
    ],
)
def test_a_time_within_a_month_is_no_period_and_for_the_year_is_the_year(text: str) -> None:
    """ "By mid-July" says when, not what: the question is the year to date, as of the day."""
    assert parse(text, as_of=dt.date(2026, 7, 16)).period == "YTD"


def test_a_month_followed_by_a_word_starting_like_a_part_of_it_is_still_the_month() -> None:
    for text in ("2026年6月初步数据显示，标普500涨了多少？", "2026年6月中国出口涨了多少？"):
        assert parse(text, as_of=dt.date(2026, 7, 16)).period == "2026-06", text


def test_a_day_the_question_asks_about_is_that_days_move() -> None:
    """ "6月22日纳斯达克收盘跌了多少？" asks June 22's move, not the year's to the as-of date."""
    as_of = dt.date(2026, 6, 23)
    for text in ("6月22日纳斯达克收盘跌了多少？", "How much did the Nasdaq fall on June 22?"):
        q = parse_question(text, VOCAB, as_of=as_of)
        assert (q.period, q.as_of) == ("1D", dt.date(2026, 6, 22)), text
    for text in ("自3月3日以来纳指涨了多少？", "How much has the Nasdaq risen since March 3?"):
        q = parse_question(text, VOCAB, as_of=as_of)  # measured from that day's close
        assert (q.period, q.as_of) == ("2026-03-03..", as_of), text
    for text in (
        "截至6月22日，纳斯达克表现如何？",  # an as-of date
        "2026年6月24日纳斯达克收盘跌了多少？",  # after the as-of date: not yet closed
    ):
        q = parse_question(text, VOCAB, as_of=as_of)
        assert (q.period, q.as_of) == ("YTD", as_of), text


def test_a_month_or_day_measured_from_is_a_span_to_date_from_its_close() -> None:
    """ "纳指7月以来涨了多少？", "since the start of July": from the last close before July;
    "since June 30, 2026": from that day's close, which is no as-of date. A month not begun
    this year is last year's; a since that names no day ("since the Fed cut") is no span."""
    from assistant.locale import period_label
    from tools.periods import parse_period

    as_of = dt.date(2026, 8, 21)
    for text, period in (
        ("纳指7月以来涨了多少？", "2026-06-30.."),
        ("纳指自今年7月初以来涨了多少？", "2026-06-30.."),
        ("How much has the Nasdaq gained since the start of July?", "2026-06-30.."),
        ("Since May, how has the Nasdaq done?", "2026-04-30.."),
        ("How has the Nasdaq done since June 30, 2026?", "2026-06-30.."),
        ("纳指9月以来涨了多少？", "2025-08-31.."),
        ("How did the Nasdaq do from May to now?", "2026-04-30.."),  # "from … to now" is since
        ("How has the S&P 500 done from June 30 until today?", "2026-06-30.."),
    ):
        q = parse_question(text, VOCAB, as_of=as_of)
        assert (q.period, q.as_of) == (period, as_of), text
    assert parse_question("How have stocks done since the Fed cut?", VOCAB, as_of=as_of).period in (
        None,
        "YTD",
    )
    assert parse_period("2026-06-30..").start == dt.date(2026, 6, 30)
    assert period_label("2026-06-30..", "en") == "since June 30, 2026"
    assert period_label("2026-06-30..", "zh") == "2026年6月30日以来"


def test_a_month_or_day_asked_about_ahead_is_no_period_measured_yet() -> None:
    """Asked in August, "9月" in "…9月会降息吗" is the coming September: no returns for last
    year's, and its day is no as-of date."""
    as_of = dt.date(2026, 8, 13)
    for text in ("纳斯达克9月会继续上涨吗？", "Will the Nasdaq rise on September 17?"):
        q = parse_question(text, VOCAB, as_of=as_of)
        assert q.as_of == as_of and q.period != "2025-09", text
    assert parse_question("纳斯达克9月涨了多少？", VOCAB, as_of=as_of).period == "2025-09"


def test_the_market_holding_a_view_is_not_the_market_asked_about() -> None:
    """ "What is the market expecting from the Fed?" asks the market's view of the Fed, not the
    S&P 500's return; "How did the market react to the Fed?" asks how the S&P 500 moved."""
    expecting = parse("What is the market expecting from the Fed in September?")
    assert expecting.symbols == () and "returns" not in expecting.intents
    assert parse("How did the market react to the Fed?").symbols == ("^GSPC",)
    assert parse("美股预计如何？").symbols == ("^GSPC",)  # "are expected": no view of theirs


def test_another_markets_index_is_not_measured_against_the_sp500_unless_asked() -> None:
    q = parse("7月17日A股大跌那天，创业板指收盘跌了多少？")
    assert q.symbols == ("399006.SZ",) and q.benchmark is None
    q = parse("How did the Hang Seng Index do against the Nasdaq?")
    assert q.symbols == ("^HSI", "^IXIC") and q.benchmark == "^IXIC"

"""Decoding, language detection and dates: the helpers every parser leans on."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.dates import (
    MONTH_ABBREVIATIONS,
    date_key,
    find_date_line,
    from_key,
    month_number,
    parse_date,
    without_dates,
    written_dates,
)
from ingest.errors import SourceError
from ingest.language import detect_language
from ingest.named_periods import half_spans, named_period, quarter_spans
from ingest.text import decode_bytes, html_fragment_to_text, looks_binary, normalise

ZH = "罗素2000指数年初至今上涨8.2%,跑赢标普500指数。"


@pytest.mark.parametrize(
    "data",
    [
        ZH.encode("utf-8"),
        ZH.encode("gbk"),
        ZH.encode("gb18030"),
        ZH.encode("utf-16"),  # with BOM
        b"\xef\xbb\xbf" + ZH.encode("utf-8"),
    ],
)
def test_chinese_text_decodes_from_common_encodings(data: bytes) -> None:
    assert decode_bytes(data) == ZH


def test_western_legacy_text_decodes() -> None:
    assert decode_bytes("Café earnings beat — 5%".encode("cp1252")) == "Café earnings beat — 5%"


def test_declared_charset_is_tried_first() -> None:
    assert decode_bytes("年初".encode("gbk"), "gbk") == "年初"


def test_undecodable_bytes_say_why() -> None:
    with pytest.raises(SourceError, match="encoding"):
        decode_bytes(b"\x81\xff\xfe\x80" * 10, "ascii")


def test_binary_detection() -> None:
    assert looks_binary(b"\x00\x01\x02binary\x00")
    assert not looks_binary(ZH.encode("utf-8"))
    assert not looks_binary(ZH.encode("utf-16"))


def test_language() -> None:
    assert detect_language(ZH) == "zh"
    assert detect_language("The Russell 2000 rose 8.2% year to date.") == "en"
    # A Chinese article quoting English names is still Chinese.
    assert (
        detect_language("来自The Dividend Freedom Tribe的Robert & Sam Kovacs发表文章,分析小盘股。")
        == "zh"
    )


def test_normalise_keeps_paragraphs() -> None:
    assert normalise("a  b\r\n\r\n\r\n  c\u3000d ") == "a b\n\nc d"


def test_html_fragment() -> None:
    text = html_fragment_to_text("<p>Yields rose&nbsp;8 bp.</p><script>x()</script><p>Next</p>")
    assert text == "Yields rose 8 bp.\n\nNext"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026年2月1日", dt.date(2026, 2, 1)),
        ("2026-01-24", dt.date(2026, 1, 24)),
        ("2025-09-29T13:00:00+00:00", dt.date(2025, 9, 29)),
        ("2025-10-01 08:15:00", dt.date(2025, 10, 1)),
        ("Mon, 29 Sep 2025 21:00:00 +0800", dt.date(2025, 9, 29)),
        ("January 23, 2026", dt.date(2026, 1, 23)),
        ("2026/01/05", dt.date(2026, 1, 5)),
        (1763633485, dt.date(2025, 11, 20)),
        ("not a date", None),
        ("0 Jan 2200000000 0:0 GMT", None),  # a year past any calendar: no date, no crash
        ("Mon, 29 Sep 9999 21:00:00 +0800", None),  # a year no article is from
        ("", None),
        (None, None),
    ],
)
def test_dates(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


def test_dateline_is_a_whole_line() -> None:
    assert find_date_line("2026年1月24日") == dt.date(2026, 1, 24)
    assert find_date_line("来自…于2026年1月30日在Seeking Alpha上发表") is None


def test_date_keys_round_trip() -> None:
    day = dt.date(2026, 1, 23)
    assert date_key(day) == 20260123
    assert from_key(20260123) == day
    assert date_key(None) is None and from_key(None) is None


def test_written_dates_in_every_form_in_text_order() -> None:
    text = "截至2026年1月23日; on 2026-01-24T09:30, Jan. 25th, 2026, 26 Sept 2026 and 2026.2.30"
    found = written_dates(text)
    assert [(w.year, w.month, w.day) for w in found] == [
        (2026, 1, 23), (2026, 1, 24), (2026, 1, 25), (2026, 9, 26), (2026, 2, 30)
    ]  # fmt: skip
    assert found[1].text == "2026-01-24T09:30"
    assert found[-1].date is None  # written, but no such day


def test_a_version_number_is_not_a_date() -> None:
    assert written_dates("特斯拉2026.14.13版本的车机软件") == []


def test_dates_are_blanked_to_read_the_other_numbers() -> None:
    assert without_dates("2025年1月2日起标普500涨2025点") == " 起标普500涨2025点"


TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026年6月PPI同比涨了多少？", dt.date(2026, 6, 1), dt.date(2026, 6, 30)),
        ("How far did gasoline jump in March 2026?", dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
        ("7月3日沪指报多少点？", dt.date(2026, 7, 3), dt.date(2026, 7, 3)),  # the latest July 3
        ("What moved on Dec 24?", dt.date(2025, 12, 24), dt.date(2025, 12, 24)),  # not ahead
        ("截至2026年1月23日", dt.date(2026, 1, 23), dt.date(2026, 1, 23)),
        ("From Feb 2026 to 2026-04-10", dt.date(2026, 2, 1), dt.date(2026, 4, 10)),
        ("What happened on Feb 29?", dt.date(2024, 2, 29), dt.date(2024, 2, 29)),
        # a month without its year: the latest begun, narrowed to the part the text says
        ("谷歌6月下旬股价大跌", dt.date(2026, 6, 21), dt.date(2026, 6, 30)),
        ("12月上旬的数据", dt.date(2025, 12, 1), dt.date(2025, 12, 10)),
        ("What happened in June?", dt.date(2026, 6, 1), dt.date(2026, 6, 30)),
        ("What about August?", dt.date(2026, 8, 1), dt.date(2026, 8, 31)),  # a follow-up's
        # a month said of a thing: its meeting, its report, its figure
        ("What did the Fed decide at its July meeting?", dt.date(2026, 7, 1), dt.date(2026, 7, 31)),
        ("How strong was the June jobs report?", dt.date(2026, 6, 1), dt.date(2026, 6, 30)),
        ("What did July's CPI show?", dt.date(2026, 7, 1), dt.date(2026, 7, 31)),
        ("Sales in mid-February", dt.date(2026, 2, 11), dt.date(2026, 2, 20)),
        ("3月份的数据与7月3日的收盘", dt.date(2026, 7, 3), dt.date(2026, 7, 3)),  # the day wins
        ("9月中国CPI同比涨了多少", dt.date(2026, 9, 1), dt.date(2026, 9, 30)),  # 中国, not mid
        # a month's number in Chinese numerals, after a name's digits too ("标普500八月")
        ("标普500八月表现如何？", dt.date(2026, 8, 1), dt.date(2026, 8, 31)),
        ("十一月份的数据", dt.date(2026, 11, 1), dt.date(2026, 11, 30)),  # not 一月
        ("2026年十月下旬", dt.date(2026, 10, 21), dt.date(2026, 10, 31)),
        ("6月底，美联储维持利率不变", dt.date(2026, 6, 21), dt.date(2026, 6, 30)),
        # a month with its year, narrowed the same way; a word starting 初/中 is no part
        ("截至2026年7月中旬，罗素2000涨了多少", dt.date(2026, 7, 11), dt.date(2026, 7, 20)),
        ("2026年2月初的小盘股分析", dt.date(2026, 2, 1), dt.date(2026, 2, 10)),
        (
            "By mid-July 2026, how far were small caps up?",
            dt.date(2026, 7, 11),
            dt.date(2026, 7, 20),
        ),
        ("At the end of April 2026", dt.date(2026, 4, 21), dt.date(2026, 4, 30)),
        ("2026年7月初步数据", dt.date(2026, 7, 1), dt.date(2026, 7, 31)),
        # a week named by its last day is the week
        ("Fund positions in the week to July 14, 2026", dt.date(2026, 7, 8), dt.date(2026, 7, 14)),
        ("Jobless claims for the week ended July 14", dt.date(2026, 7, 8), dt.date(2026, 7, 14)),
        ("截至7月14日当周的净多头头寸", dt.date(2026, 7, 8), dt.date(2026, 7, 14)),
        ("截至7月14日的一周", dt.date(2026, 7, 8), dt.date(2026, 7, 14)),
        ("截至7月14日收盘", dt.date(2026, 7, 14), dt.date(2026, 7, 14)),
        # months from one to another, the whole of each, the latest such begun
        ("标普500从3月到6月涨了多少？", dt.date(2026, 3, 1), dt.date(2026, 6, 30)),
        ("2026年3月至6月", dt.date(2026, 3, 1), dt.date(2026, 6, 30)),
        ("1-7月规模以上工业企业利润", dt.date(2026, 1, 1), dt.date(2026, 7, 31)),
        ("How much did it rise between March and June?", dt.date(2026, 3, 1), dt.date(2026, 6, 30)),
        ("from November to February", dt.date(2025, 11, 1), dt.date(2026, 2, 28)),
        ("March–June 2025", dt.date(2025, 3, 1), dt.date(2025, 6, 30)),
        ("2025年11月至2026年2月", dt.date(2025, 11, 1), dt.date(2026, 2, 28)),
        ("Will stocks rise from December to March?", dt.date(2026, 12, 1), dt.date(2027, 3, 31)),
        ("3月到6月10日", dt.date(2026, 6, 10), dt.date(2026, 6, 10)),  # to a day: the day
    ],
)
def test_a_named_period_is_the_span_of_days_a_text_names(
    text: str, start: dt.date, end: dt.date
) -> None:
    named = named_period(text, TODAY)
    assert named is not None and (named.start, named.end) == (start, end)


@pytest.mark.parametrize(
    "text",
    [
        "罗素2000年初至今跑赢标普500了吗?",
        "You may 3 times ask",
        "2月30日",
        "Q3 results",
        "近6个月涨了多少",  # a length of time, not a month
        "9月以来的涨幅",  # since September: up to now, not September
        "May stocks fall further?",
        # the date of a high or a low is where a move is measured from, not the time asked
        "比特币较去年10月的高点回落了多少？",
        "How far is bitcoin below its October high?",
        "较2026年3月低点反弹了多少",
        "Down 12% from the October 6 peak",
    ],
)
def test_a_text_naming_no_day_or_month_names_no_period(text: str) -> None:
    assert named_period(text, TODAY) is None


def test_a_named_period_leaves_the_rest_of_the_text_and_says_when_it_was_reported() -> None:
    named = named_period("2026年6月PPI同比涨了多少？", TODAY)
    assert named is not None
    assert "6月" not in named.rest and "PPI同比涨了多少" in named.rest
    assert named.reported(dt.date(2026, 7, 9))  # June's figures come out in July
    assert named.reported(dt.date(2026, 8, 4))  # and an industry body's in the next week
    assert not named.reported(dt.date(2026, 5, 31)) and not named.reported(dt.date(2026, 8, 9))


def test_months_from_one_to_another_are_reported_in_the_month_after_them() -> None:
    """January to April's retail sales come out in May, not all summer: a span of months is
    reported a month after it at most (and a week for late releases)."""
    named = named_period("How fast did China's retail sales grow in January to April 2026?", TODAY)
    assert named is not None and named.start == dt.date(2026, 1, 1)
    assert named.reported(dt.date(2026, 5, 18)) and named.reported(dt.date(2026, 6, 5))
    assert not named.reported(dt.date(2026, 6, 20))


def test_a_named_day_is_reported_for_a_few_days_only() -> None:
    named = named_period("What happened to oil on July 3, 2026?", TODAY)
    assert named is not None
    assert named.reported(dt.date(2026, 7, 6)) and not named.reported(dt.date(2026, 7, 8))


def test_a_week_named_by_its_last_day_is_reported_the_week_after() -> None:
    # weekly positioning data for the week to July 14 comes out on the 17th, and is written
    # about over the weekend
    named = named_period("Brent net longs in the week to July 14, 2026", TODAY)
    assert named is not None
    assert named.reported(dt.date(2026, 7, 18)) and named.reported(dt.date(2026, 7, 20))
    assert not named.reported(dt.date(2026, 7, 5))


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # asked about what is still to come: this year's, or next year's once it is over
        ("美联储9月会降息吗？", dt.date(2026, 9, 1)),
        ("Will the Fed cut rates in September?", dt.date(2026, 9, 1)),
        ("美联储会在9月17日降息吗？", dt.date(2026, 9, 17)),
        ("美联储8月还会加息吗", dt.date(2026, 8, 1)),  # the month under way
        ("Will the Fed cut in June?", dt.date(2027, 6, 1)),
        ("What is the market expecting from the Fed in September?", dt.date(2026, 9, 1)),
        ("What do traders expect the Fed to do in September?", dt.date(2026, 9, 1)),
        # asked about what happened: the last one
        ("美联储9月降息了吗？", dt.date(2025, 9, 1)),
        ("Did the Fed cut in September?", dt.date(2025, 9, 1)),
        ("Did the Fed do what was expected in September?", dt.date(2025, 9, 1)),
        ("9月议息会议纪要说了什么？", dt.date(2025, 9, 1)),  # 会议 is a meeting, not "will"
        # a decision named by its month, not said to be past: the nearer one, ahead or behind
        ("市场怎么看9月加息？", dt.date(2026, 9, 1)),
        ("Is a rate hike in September priced in?", dt.date(2026, 9, 1)),
        ("市场怎么看7月加息？", dt.date(2026, 7, 1)),
        ("9月CPI是多少？", dt.date(2025, 9, 1)),  # a figure reported: the last one
    ],
)
def test_a_month_asked_about_ahead_is_the_next_one(text: str, start: dt.date) -> None:
    named = named_period(text, dt.date(2026, 8, 13))
    assert named is not None and named.start == start
    assert named.begun(dt.date(2026, 8, 13)) is (start <= dt.date(2026, 8, 13))


def test_this_quarter_or_the_last_names_no_first_quarter() -> None:
    """ "特斯拉在这一季度共交付了480,126辆" is the quarter the article reports (its second),
    not a first quarter; "上一季度" is the one before; "第一季度" is the first."""
    assert quarter_spans("特斯拉在这一季度共交付了480,126辆汽车") == []
    assert quarter_spans("营收较上一季度增长12%，每一季度都在增长") == []
    assert [n for *_, n in quarter_spans("第一季度营收增长，二季度放缓")] == [1, 2]


def test_month_names() -> None:
    assert month_number("January") == month_number("jan.") == 1
    assert month_number("Sept") == 9
    assert "May" not in MONTH_ABBREVIATIONS and "Sept" in MONTH_ABBREVIATIONS


@pytest.mark.parametrize("data", [b"\xfe\xff\x00a\xd8\x00\x00\n", b"\xff\xfe" + b"a\x00b"])
def test_a_bom_followed_by_bytes_its_encoding_cannot_read_is_refused_not_a_crash(
    data: bytes,
) -> None:
    with pytest.raises(SourceError, match="not valid utf-16"):
        decode_bytes(data)


def test_halves_of_a_year_are_read_as_each_language_writes_them() -> None:
    written = half_spans("上半年与下半年; the first half, the second half, H1 and H2")
    assert [n for _, _, n in written] == [1, 2, 1, 2, 1, 2]
    assert half_spans("a half-point cut") == []

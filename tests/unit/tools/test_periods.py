"""Periods and as-of dates resolve the way published index returns do."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from tests.unit.tools.conftest import make_frame
from tools.errors import DataRangeError, PeriodError
from tools.frames import trading_dates
from tools.period_labels import (
    before_period,
    calendar_days,
    first_day,
    span_months,
    to_date_start,
    year_of,
)
from tools.periods import (
    calendar_year,
    date_range,
    locate_as_of,
    parse_date,
    parse_period,
    resolve_window,
)

D = dt.date
# Weekdays from Mon 2023-11-20 to Fri 2025-01-31 (no holidays: simple to reason about).
DATES = trading_dates(make_frame(range(1, 316), start="2023-11-20"))


def window(period: str, as_of: dt.date | None = None) -> tuple[dt.date, dt.date]:
    found = resolve_window(DATES, parse_period(period), as_of, "TEST")
    return found.start_date, found.end_date


def test_the_fixture_spans_what_the_tests_assume() -> None:
    assert (str(DATES[0]), str(DATES[-1])) == ("2023-11-20", "2025-01-31")


@pytest.mark.parametrize(
    "label", ["1D", "5D", "1W", "WTD", "MTD", "QTD", "YTD", "1M", "3M", "6M", "1Y", "2024", "ytd"]
)
def test_known_periods_parse(label: str) -> None:
    assert parse_period(label).label == label.upper()


@pytest.mark.parametrize("label", ["", "7X", "0D", "YTDX", "1990s", "-1M"])
def test_unknown_periods_are_errors(label: str) -> None:
    with pytest.raises(PeriodError, match="unknown period"):
        parse_period(label)


def test_a_month_runs_from_the_close_before_it_to_its_last_close() -> None:
    """As the press measures July: from June's last close to July's (Feb 2024 here: from
    Wednesday 31 January to Thursday 29 February), whatever the as-of date."""
    assert parse_period("2024-02").label == "2024-02"
    assert window("2024-02") == (D(2024, 1, 31), D(2024, 2, 29))
    assert window("2024-12", D(2025, 1, 20)) == (D(2024, 11, 29), D(2024, 12, 31))
    with pytest.raises(PeriodError, match="unknown period"):
        parse_period("2024-13")


def test_a_quarter_or_a_half_runs_as_a_month_does() -> None:
    """From the last close before it began to its own last close: Q2 2024 from Thursday 28
    March (29 March 2024 was a Friday here, with no holidays), H2 2024 to 31 December."""
    assert window("2024-Q2") == (D(2024, 3, 29), D(2024, 6, 28))
    assert window("2024-h2", D(2025, 1, 20)) == (D(2024, 6, 28), D(2024, 12, 31))
    for bad in ("2024-Q5", "2024-H3"):
        with pytest.raises(PeriodError, match="a quarter"):
            parse_period(bad)


def test_months_from_one_to_another_run_as_one_month_does() -> None:
    """From the last close before the first to the last one's last close, across a year end
    too; a span ending before it begins is no period."""
    assert window("2024-03..2024-06") == (D(2024, 2, 29), D(2024, 6, 28))
    assert window("2024-11..2025-01") == (D(2024, 10, 31), D(2025, 1, 31))
    assert year_of("2024-03..2024-06") == 2024 and year_of("2024-11..2025-01") is None
    with pytest.raises(PeriodError, match="months"):
        parse_period("2024-06..2024-03")


def test_ytd_starts_from_the_last_close_of_the_prior_year() -> None:
    assert window("YTD", D(2024, 1, 23)) == (D(2023, 12, 29), D(2024, 1, 23))


def test_a_weekend_as_of_means_the_last_trading_day_before_it() -> None:
    assert window("YTD", D(2024, 1, 27)) == (D(2023, 12, 29), D(2024, 1, 26))  # Saturday
    assert locate_as_of(DATES, D(2024, 1, 28), "TEST") == locate_as_of(DATES, D(2024, 1, 26), "T")


def test_calendar_year_runs_from_last_close_to_last_close() -> None:
    found = resolve_window(DATES, calendar_year(2024), None, "TEST")
    assert (found.start_date, found.end_date) == (D(2023, 12, 29), D(2024, 12, 31))
    assert found.notes == ()


def test_a_calendar_period_the_closes_stop_within_runs_to_the_last_close_and_says_so() -> None:
    """A year, a month or a quarter whose stored closes stop before it ends ("How did the S&P
    500 do in August?" with closes to August 21) is measured to the last close, with a note
    naming that day, not refused as an as-of date after the data; closes that stop before it
    began measure none of it."""
    short = DATES[np.datetime64("2024-06-14") >= DATES]
    cases = (
        (calendar_year(2024), D(2023, 12, 29)),
        (parse_period("2024-06"), D(2024, 5, 31)),
        (parse_period("2024-Q2"), D(2024, 3, 29)),
    )
    for period, start in cases:
        found = resolve_window(short, period, None, "TEST")
        assert (found.start_date, found.end_date) == (start, D(2024, 6, 14))
        [note] = found.notes
        assert note.key == "period_incomplete"  # type: ignore[attr-defined]
        assert note.facts == {"symbols": ("TEST",), "period": period.label, "day": D(2024, 6, 14)}  # type: ignore[attr-defined]
    assert resolve_window(short, parse_period("2024-05"), None, "TEST").notes == ()
    with pytest.raises(DataRangeError, match="end on 2024-06-14, before 2024-07 began") as raised:
        resolve_window(short, parse_period("2024-07"), None, "TEST")
    assert raised.value.key == "ended_before_span"


def test_a_period_starting_before_the_data_is_an_error_not_a_shorter_period() -> None:
    with pytest.raises(DataRangeError, match=r"1Y starts .* stored prices start 2023-11-20"):
        window("1Y", D(2024, 6, 3))
    with pytest.raises(DataRangeError, match="2023"):
        resolve_window(DATES, calendar_year(2023), None, "TEST")
    late_start = DATES[np.datetime64("2024-01-02") <= DATES]
    with pytest.raises(DataRangeError, match="YTD starts from the close on or before 2023-12-31"):
        resolve_window(late_start, parse_period("YTD"), D(2024, 3, 1), "TEST")


def test_as_of_outside_the_data_is_an_error_naming_the_dates() -> None:
    with pytest.raises(DataRangeError, match=r"as-of 2023-01-02 is before .* TEST \(2023-11-20\)"):
        locate_as_of(DATES, D(2023, 1, 2), "TEST")
    with pytest.raises(DataRangeError, match=r"as-of 2030-01-01 is after .* TEST \(2025-01-31\)"):
        locate_as_of(DATES, D(2030, 1, 1), "TEST")


def test_the_weekend_after_the_last_close_is_not_after_the_data() -> None:
    assert locate_as_of(DATES, D(2025, 2, 2), "TEST") == len(DATES) - 1  # Sunday
    with pytest.raises(DataRangeError):
        locate_as_of(DATES, D(2025, 2, 3), "TEST")  # Monday: a close is missing


def test_trading_day_and_calendar_periods() -> None:
    assert window("1D", D(2024, 1, 23)) == (D(2024, 1, 22), D(2024, 1, 23))
    assert window("5D", D(2024, 1, 23)) == (D(2024, 1, 16), D(2024, 1, 23))
    assert window("1W", D(2024, 1, 23)) == (D(2024, 1, 16), D(2024, 1, 23))
    assert window("WTD", D(2024, 1, 24)) == (D(2024, 1, 19), D(2024, 1, 24))
    assert window("MTD", D(2024, 3, 13)) == (D(2024, 2, 29), D(2024, 3, 13))
    assert window("QTD", D(2024, 5, 15)) == (D(2024, 3, 29), D(2024, 5, 15))
    assert window("1M", D(2024, 3, 31)) == (D(2024, 2, 29), D(2024, 3, 29))  # month-end clip
    assert window("3M", D(2024, 6, 3)) == (D(2024, 3, 1), D(2024, 6, 3))  # Mar 3 is a Sunday
    assert window("1Y", D(2025, 1, 31)) == (D(2024, 1, 31), D(2025, 1, 31))


def test_start_end_ranges() -> None:
    found = resolve_window(DATES, date_range(D(2024, 1, 6), D(2024, 2, 1)), None, "TEST")
    assert (found.start_date, found.end_date) == (D(2024, 1, 5), D(2024, 2, 1))
    with pytest.raises(PeriodError, match="empty range"):
        date_range(D(2024, 2, 1), D(2024, 1, 1))
    with pytest.raises(DataRangeError, match="empty range"):  # Sat..Sun: the same Friday
        resolve_window(DATES, date_range(D(2024, 1, 6), D(2024, 1, 7)), None, "TEST")


def test_dates_parse_or_fail_with_the_bad_value() -> None:
    assert parse_date("2024-02-29") == D(2024, 2, 29)
    with pytest.raises(PeriodError, match=r"bad as-of date '2024-02-30'"):
        parse_date("2024-02-30", "as-of date")


def test_the_year_a_period_lies_in() -> None:
    """A calendar period's year; a span to date within a year the as-of date's; none for a week
    or a trailing span, which may straddle two."""
    as_of = dt.date(2026, 1, 27)
    assert [year_of(label, as_of) for label in ("2025", "2026-07", "2025-Q4", "2026-H1")] == [
        2025,
        2026,
        2025,
        2026,
    ]
    assert [year_of(label, as_of) for label in ("YTD", "QTD", "MTD")] == [2026] * 3
    assert [year_of(label, as_of) for label in ("WTD", "1M", "1Y", "5D")] == [None] * 4
    assert year_of("YTD") is None


def test_a_span_to_date_begins_on_its_first_calendar_day() -> None:
    """What commentary from before a span asked is measured against: a year's, a quarter's and
    a month's first day, a week's Monday; none for a trailing span."""
    as_of = dt.date(2026, 8, 13)  # a Thursday
    assert [to_date_start(label, as_of) for label in ("YTD", "qtd", "MTD", "WTD")] == [
        dt.date(2026, 1, 1),
        dt.date(2026, 7, 1),
        dt.date(2026, 8, 1),
        dt.date(2026, 8, 10),
    ]
    assert to_date_start("1M", as_of) is None


def test_a_calendar_period_begins_on_its_first_day() -> None:
    """A month, months, a quarter, a half and a year begin on their first day, a span to date
    as `to_date_start` says; a trailing span or a move from a high begins where the data say."""
    as_of = dt.date(2026, 8, 13)
    labels = ("2026-07", "2026-03..2026-06", "2026-Q3", "2026-H2", "2025", "YTD")
    assert [first_day(label, as_of) for label in labels] == [
        dt.date(2026, 7, 1),
        dt.date(2026, 3, 1),
        dt.date(2026, 7, 1),
        dt.date(2026, 7, 1),
        dt.date(2025, 1, 1),
        dt.date(2026, 1, 1),
    ]
    assert [first_day(label, as_of) for label in ("1M", "3M", "high:2026-07")] == [None] * 3
    assert before_period(dt.date(2026, 6, 30), "2026-Q3", as_of)
    assert not before_period(dt.date(2026, 7, 1), "2026-Q3", as_of)
    assert not before_period(dt.date(2020, 1, 1), "1M", as_of)  # no first day of its own
    assert [span_months("Q", 2), span_months("H", 2)] == [range(4, 7), range(7, 13)]


def test_a_calendar_period_spans_its_days() -> None:
    """From its first day to its last, across a year end too; a year or a span to date has
    no calendar days of its own here."""
    D = dt.date
    assert calendar_days("2026-07") == (D(2026, 7, 1), D(2026, 7, 31))
    assert calendar_days("2026-Q4") == (D(2026, 10, 1), D(2026, 12, 31))
    assert calendar_days("2026-H1") == (D(2026, 1, 1), D(2026, 6, 30))
    assert calendar_days("2025-11..2026-02") == (D(2025, 11, 1), D(2026, 2, 28))
    assert calendar_days("2026") is None and calendar_days("YTD") is None

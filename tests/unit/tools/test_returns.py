"""index_returns over synthetic frames: each figure checked by hand."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from tests.unit.tools.conftest import make_frame
from tools.errors import DataRangeError, ToolError
from tools.periods import date_range, parse_period
from tools.returns import index_returns

D = dt.date
# Mon 2024-01-01 .. Thu 2024-01-04 (make_frame knows no holidays).
A = make_frame([100, 110, 99, 121], start="2024-01-01")
B = make_frame([50, 50, 55, 55], start="2024-01-01")


def test_return_volatility_and_drawdown_by_hand() -> None:
    result = index_returns({"A": A}, date_range(D(2024, 1, 1)))
    row = result.records()[0]
    assert (row["start_date"], row["end_date"]) == ("2024-01-01", "2024-01-04")
    assert (row["start_close"], row["end_close"]) == (100.0, 121.0)
    assert row["return_pct"] == pytest.approx(21.0)
    daily = np.array([0.10, 99 / 110 - 1, 121 / 99 - 1])
    assert row["volatility_pct"] == pytest.approx(daily.std(ddof=1) * math.sqrt(252) * 100)
    assert row["max_drawdown_pct"] == pytest.approx((99 / 110 - 1) * 100)
    assert row["spread_pp"] is None  # no benchmark, no spread


def test_the_best_and_the_worst_day_of_the_period() -> None:
    row = index_returns({"A": A}, date_range(D(2024, 1, 1))).records()[0]
    assert (row["best_day"], row["best_day_pct"]) == (
        "2024-01-04",
        pytest.approx((121 / 99 - 1) * 100),
    )
    assert (row["worst_day"], row["worst_day_pct"]) == (
        "2024-01-03",
        pytest.approx((99 / 110 - 1) * 100),
    )
    one = index_returns({"A": A}, parse_period("1D")).records()[0]
    assert one["best_day"] == one["worst_day"] == "2024-01-04"  # one day is both


def test_spread_against_a_benchmark_in_percentage_points() -> None:
    result = index_returns({"A": A, "B": B}, date_range(D(2024, 1, 1)), benchmark="B")
    rows = {row["symbol"]: row for row in result.records()}
    assert rows["B"]["return_pct"] == pytest.approx(10.0)
    assert rows["A"]["spread_pp"] == pytest.approx(11.0)
    assert "benchmark B" in result.provenance.method
    assert "+11.00 pp vs B" in result.summary


def test_normalized_series_start_at_100() -> None:
    result = index_returns({"A": A, "B": B}, date_range(D(2024, 1, 1)))
    normalized = result.extras["normalized"]
    assert list(normalized.columns) == ["A", "B"]
    assert normalized.iloc[0].tolist() == [100.0, 100.0]
    assert normalized["A"].iloc[-1] == pytest.approx(121.0)


def test_default_as_of_is_the_last_date_every_symbol_has() -> None:
    longer = make_frame([100, 110, 99, 121, 130], start="2024-01-01")
    result = index_returns({"A": longer, "B": B}, parse_period("1D"))
    assert {row["end_date"] for row in result.records()} == {"2024-01-04"}
    assert "newer closes exist for A to 2024-01-05" in result.provenance.notes[0]
    assert result.provenance.as_of == D(2024, 1, 4)


def test_a_one_day_return_has_no_volatility() -> None:
    row = index_returns({"A": A}, parse_period("1D")).records()[0]
    assert row["return_pct"] == pytest.approx((121 / 99 - 1) * 100)
    assert row["volatility_pct"] is None


def test_a_split_like_jump_in_an_etf_is_flagged() -> None:
    split = make_frame([100, 101, 50.5, 51], start="2024-01-01")
    notes = index_returns({"XLB": split}, date_range(D(2024, 1, 1))).provenance.notes
    assert any("XLB: close moved -50% on 2024-01-03" in note for note in notes)
    index_notes = index_returns({"^VIX": split}, date_range(D(2024, 1, 1))).provenance.notes
    assert index_notes == ()  # VIX really does halve and double


def test_bad_calls_are_errors() -> None:
    with pytest.raises(ToolError, match="at least one symbol"):
        index_returns({}, parse_period("YTD"))
    with pytest.raises(ToolError, match="benchmark C has no prices"):
        index_returns({"A": A}, parse_period("1D"), benchmark="C")


def test_a_yield_or_a_gauge_moves_by_its_level_and_earns_no_return() -> None:
    """^TNX 4.16 -> 4.05 is a 4.16% yield falling 11 bp, not a -2.6% return (nobody earns it),
    and it has no volatility or drawdown of returns; ^VIX moves by points. A price beside them
    keeps its return."""
    tnx = make_frame([4.16, 4.20, 4.10, 4.05], start="2024-01-01")
    vix = make_frame([15.0, 18.5, 17.0, 16.2], start="2024-01-01")
    result = index_returns({"^TNX": tnx, "^VIX": vix, "A": A}, date_range(D(2024, 1, 1)))
    rows = {row["symbol"]: row for row in result.records()}
    assert rows["^TNX"]["change"] == pytest.approx(-11.0)
    assert (rows["^TNX"]["change_unit"], rows["^TNX"]["close_unit"]) == ("bp", "%")
    assert rows["^VIX"]["change"] == pytest.approx(1.2)
    assert (rows["^VIX"]["change_unit"], rows["^VIX"]["close_unit"]) == ("pt", "")
    for symbol in ("^TNX", "^VIX"):
        row = rows[symbol]
        assert row["return_pct"] is row["volatility_pct"] is row["max_drawdown_pct"] is None
    assert rows["A"]["return_pct"] == pytest.approx(21.0) and rows["A"]["change"] is None
    assert list(result.extras["normalized"].columns) == ["A"]  # no yield rebased to 100
    assert "-11.00 bp" in result.summary and "+21.00%" in result.summary
    change = next(m for m in result.measures if m.column == "change")
    assert (change.metric, change.unit_column) == ("change", "change_unit")


def test_a_span_to_date_is_todays_which_a_series_that_ended_earlier_misses() -> None:
    """ "This month" asked on February 9 is February: a series whose closes end in January
    would measure January's month to date, so it is left out, saying so; alone, it is an
    error (DataRangeError, keyed for the reader's language), not January's figure."""
    january = make_frame(range(100, 141), start="2023-12-01")  # to Friday 2024-01-26
    longer = make_frame(range(100, 151), start="2023-12-01")  # to Friday 2024-02-09
    today = D(2024, 2, 9)
    result = index_returns(
        {"A": longer, "B": january}, parse_period("MTD"), benchmark="B", current=today
    )
    assert [row["symbol"] for row in result.records()] == ["A"]
    assert result.records()[0]["start_date"] == "2024-01-31"
    assert result.records()[0]["spread_pp"] is None  # the benchmark was left out
    assert "B's stored closes end on 2024-01-26, before MTD began on 2024-02-01" in (
        result.provenance.notes
    )
    with pytest.raises(DataRangeError) as raised:
        index_returns({"B": january}, parse_period("MTD"), current=today)
    assert raised.value.key == "ended_before_span"
    # a trailing span, or a question with its own as-of date, is measured where the data is
    assert index_returns({"B": january}, parse_period("1M"), current=today).records()
    assert index_returns({"B": january}, parse_period("MTD"), as_of=D(2024, 1, 26), current=today)


def test_a_move_from_a_months_low_or_high_runs_from_that_close() -> None:
    """From January 2024's lowest close (99, on the 3rd) to the end; from its highest (121,
    the 4th, which is the end: one close, no move). A month with no close is an error naming it."""
    frame = make_frame([100, 110, 99, 121, 115, 118], start="2024-01-01")  # to Mon 8 Jan

    def moved(period: str, day: int = 8) -> dict:
        return index_returns({"A": frame}, parse_period(period), as_of=D(2024, 1, day)).records()[0]

    row = moved("low:2024-01")
    assert (row["start_date"], row["start_close"], row["end_close"]) == ("2024-01-03", 99, 118)
    assert row["return_pct"] == pytest.approx((118 / 99 - 1) * 100)
    high = moved("high:2024")
    assert (high["start_date"], high["return_pct"]) == ("2024-01-04", pytest.approx(-2.479, 1e-3))
    # only the closes up to the end count: at the 3rd, January's high so far is the 2nd's 110
    early = moved("high:2024-01", 3)
    assert (early["start_date"], early["start_close"]) == ("2024-01-02", 110)
    with pytest.raises(DataRangeError) as missing:
        moved("low:2023-12")
    assert missing.value.key == "no_close_in" and missing.value.facts["period"] == "2023-12"


def test_a_period_the_closes_stop_within_is_one_note_naming_every_symbol_it_cut() -> None:
    """Sector funds measured over a month their closes stop within: one caveat naming them all,
    in the reference of the returns as of the sector scores too (merged across results), not
    one line per fund."""
    from tools.notes import merged_notes

    month = date_range(D(2024, 1, 1), D(2024, 1, 31))
    result = index_returns({"A": A, "B": B}, month)
    [note] = [n for n in result.provenance.notes if getattr(n, "key", "") == "period_incomplete"]
    assert note.facts["symbols"] == ("A", "B") and note.facts["day"] == D(2024, 1, 4)  # type: ignore[attr-defined]
    other = index_returns({"C": B}, month).provenance.notes
    [merged] = merged_notes([*result.provenance.notes, *other])
    assert merged.facts["symbols"] == ("A", "B", "C")  # type: ignore[attr-defined]

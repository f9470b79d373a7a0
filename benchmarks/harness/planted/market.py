"""Real tool results for the corpus: scenarios an answer could have fetched, and their cells.

A scenario is one `[0]` source (the results one answer would hold: returns, sector scores, the
macro dashboard, quotes) plus results the answer did not fetch, known only to the oracle, so a
period swap can be checked against the real value of the period it names. Cells are read from
the frames by column here; nothing goes through the checker's reading of the results.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from assistant.gather.sources import MarketSource, SourceRegistry
from benchmarks.harness.planted.model import Cell, same_period, states
from tools.market import MarketData
from tools.result import ToolResult
from tools.store import PriceStore

INDICES = ("^GSPC", "^RUT", "^IXIC", "^DJI")
ETFS = ("SPY", "QQQ", "IWM", "DIA")
Period = str | int  # "YTD", "1M"... or a calendar year


@dataclass(frozen=True)
class Plan:
    """What one answer fetched as of one day (`as_of` None: calendar years only)."""

    name: str
    as_of: dt.date | None
    returns: tuple[tuple[tuple[str, ...], Period], ...]  # in the source
    extra: tuple[tuple[tuple[str, ...], Period], ...] = ()  # only the oracle's
    sectors: bool = False
    macro: bool = False
    quotes: tuple[str, ...] = ()


PLANS = (
    Plan("2026-01-23", dt.date(2026, 1, 23), ((INDICES, "YTD"), (INDICES, "1M")),
         ((INDICES, "3M"), (INDICES, "1Y")), True, True, INDICES),
    Plan("2025-11-14", dt.date(2025, 11, 14), ((INDICES, "YTD"),),
         ((INDICES, "1M"), (INDICES, "3M"), (ETFS, "YTD")), True, True, ETFS),
    Plan("2025-04-08", dt.date(2025, 4, 8), ((INDICES, "YTD"), (INDICES, "1M")),
         ((INDICES, "3M"),), True, True, ("^GSPC", "^IXIC", "^VIX")),
    Plan("2025-09-30", dt.date(2025, 9, 30), ((INDICES, "3M"),),
         ((INDICES, "YTD"), (INDICES, "1M"), (ETFS, "YTD")), True, True, ETFS),
    Plan("2026-02-13", dt.date(2026, 2, 13), ((INDICES, "YTD"),),
         ((INDICES, "1M"), (INDICES, "3M")), True, True, ("^RUT", "^DJI", "^VIX")),
    Plan("years", None, ((INDICES, 2025), (INDICES, 2024)), ((INDICES, 2023),)),
    Plan("etf-years", None, ((ETFS, 2025),), ((ETFS, 2024),)),
)  # fmt: skip


@dataclass
class Scenario:
    plan: Plan
    source: MarketSource
    cells: list[Cell]  # what `source` states
    oracle: list[Cell] = field(default_factory=list)  # `cells` and what the answer did not fetch

    def find(self, symbol: str, metric: str, period: str | None, against: str | None = None):
        """Oracle cells about exactly this (a calendar year matches its running YTD)."""
        return [
            c
            for c in self.oracle
            if c.symbol == symbol
            and c.metric == metric
            and c.against == against
            and same_period(period, c.period, c.end)
        ]

    def true(self, claimed: Cell, decimals: int) -> bool:
        """Is the claim (its symbol, metric, period and signed value) what a cell states?"""
        for cell in self.find(claimed.symbol, claimed.metric, claimed.period, claimed.against):
            if not states(claimed.value, decimals, cell.value):
                continue
            signed = cell.metric in {"return", "spread", "change"}
            tiny = states(0.0, decimals, cell.value)
            if not signed or tiny or (cell.value > 0) == (claimed.value > 0):
                return True
        return False


def open_market(prices: Path, work: Path) -> MarketData:
    """MarketData over the shared CSVs, in a store under `work`, with no provider."""
    clock = lambda: dt.datetime(2026, 8, 24, tzinfo=dt.UTC)  # noqa: E731 (after every close)
    market = MarketData(PriceStore(work / "prices"), clock=clock)
    market.import_csv([prices])
    return market


def scenario(market: MarketData, plan: Plan) -> Scenario:
    registry = SourceRegistry()
    results = [_returns(market, plan, symbols, period) for symbols, period in plan.returns]
    if plan.sectors:
        results.append(market.sector_scores(as_of=plan.as_of))
    if plan.macro:
        results.append(market.macro(as_of=plan.as_of))
    if plan.quotes:
        results.append(market.quotes(list(plan.quotes), as_of=plan.as_of))
    cells: list[Cell] = []
    for i, result in enumerate(results):
        registry.add_tool_result(result)
        cells += cells_of(result, i)
    extra: list[Cell] = []
    for symbols, period in plan.extra:
        extra += cells_of(_returns(market, plan, symbols, period), None)
    oracle = cells + extra
    return Scenario(plan, registry.market, cells, oracle + previous_closes(results))


def _returns(market: MarketData, plan: Plan, symbols: tuple[str, ...], period: Period):
    if isinstance(period, int):
        return market.index_returns(list(symbols), year=period)
    bench = "^GSPC" if "^GSPC" in symbols else None
    return market.index_returns(list(symbols), period=period, as_of=plan.as_of, benchmark=bench)


def cells_of(result: ToolResult, index: int | None) -> list[Cell]:
    """The figures of one result, by tool, plus the spread between any two of its returns."""
    reader = {
        "index_returns": _returns_cells,
        "sector_scores": _sector_cells,
        "quotes": _quote_cells,
        "macro": _macro_cells,
    }[result.provenance.tool]
    cells = [
        Cell(**{**cell.__dict__, "result": index})
        for cell in reader(result.frame)
        if not math.isnan(cell.value)
    ]
    return cells + _spreads([c for c in cells if c.metric == "return"])


def _rows(frame: pd.DataFrame) -> Iterator[dict[str, object]]:
    for row in frame.to_dict(orient="records"):
        yield {str(k): v for k, v in row.items()}


def _day(value: object) -> dt.date | None:
    return value.date() if isinstance(value, pd.Timestamp) else None


def _returns_cells(frame: pd.DataFrame) -> Iterator[Cell]:
    for row in _rows(frame):
        symbol, period, end = str(row["symbol"]), str(row["period"]), _day(row["end_date"])
        for column, metric in (
            ("return_pct", "return"),
            ("volatility_pct", "volatility"),
            ("max_drawdown_pct", "drawdown"),
        ):
            yield Cell(symbol, metric, period, float(row[column]), "%", end, column=column)  # type: ignore[arg-type]
        yield Cell(symbol, "level", None, float(row["end_close"]), "", end, column="end_close")  # type: ignore[arg-type]


_SECTOR_COLUMNS = (
    ("score", "score", None, ""),
    ("close", "level", None, ""),
    ("trend_pct", "trend", None, "%"),
    ("return_1d_pct", "return", "1D", "%"),
    ("return_1w_pct", "return", "1W", "%"),
    ("return_1m_pct", "return", "1M", "%"),
    ("return_3m_pct", "return", "3M", "%"),
)


def _sector_cells(frame: pd.DataFrame) -> Iterator[Cell]:
    for row in _rows(frame):
        for column, metric, period, unit in _SECTOR_COLUMNS:
            value = float(row[column])  # type: ignore[arg-type]
            yield Cell(str(row["symbol"]), metric, period, value, unit, _day(row["date"]),
                       column=column)  # fmt: skip


def _quote_cells(frame: pd.DataFrame) -> Iterator[Cell]:
    for row in _rows(frame):
        symbol, end = str(row["symbol"]), _day(row["date"])
        yield Cell(symbol, "level", None, float(row["close"]), "", end, column="close")  # type: ignore[arg-type]
        yield Cell(symbol, "return", "1D", float(row["change_pct"]), "%", end, column="change_pct")  # type: ignore[arg-type]
        yield Cell(symbol, "change", "1D", float(row["change"]), "pt", end, column="change")  # type: ignore[arg-type]


def _macro_cells(frame: pd.DataFrame) -> Iterator[Cell]:
    """The 10-year yield and VIX rows (their level and 1-month change); slopes and the credit
    ratio are left out (a writer rarely quotes them with a name the vocabulary knows)."""
    for row in _rows(frame):
        symbol, end = str(row["symbols"]), _day(row["date"])
        if symbol not in {"^TNX", "^VIX"}:
            continue
        level_unit = "%" if symbol == "^TNX" else "pt"
        yield Cell(symbol, "level", None, float(row["value"]), level_unit, end, column="value")  # type: ignore[arg-type]
        change_unit = str(row["change_unit"])
        yield Cell(symbol, "change", "1M", float(row["change_1m"]), change_unit, end,  # type: ignore[arg-type]
                   column="change_1m")  # fmt: skip


def _spreads(returns: list[Cell]) -> list[Cell]:
    return [
        Cell(a.symbol, "spread", a.period, a.value - b.value, "pp", a.end, b.symbol, a.result,
             f"{a.column}-{b.column}")
        for a in returns
        for b in returns
        if a is not b and a.period == b.period and a.symbol != b.symbol
    ]  # fmt: skip


def previous_closes(results: list[ToolResult]) -> list[Cell]:
    """Each quote's previous close, for a metric swap ("closed at" the day before's level)."""
    cells = []
    for result in results:
        if result.provenance.tool == "quotes":
            for row in _rows(result.frame):
                value = float(row["previous_close"])  # type: ignore[arg-type]
                cells.append(Cell(str(row["symbol"]), "previous", None, value, "",
                                  _day(row["previous_date"]), column="previous_close"))  # fmt: skip
    return cells

"""ToolResult: what every market-data tool returns.

The frame is for rendering and charts; the provenance says where each figure came from, so an
answer can cite it as `[0]`; the summary is the short text a model reads (frames never go into
prompts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from tools.proxies import StandIn


@dataclass(frozen=True)
class Provenance:
    """Where a result came from: enough to write a `[0]` reference a reader can check."""

    tool: str  # e.g. "index_returns"
    symbols: tuple[str, ...]
    source: str  # e.g. "local price store (CSV import)", "yfinance"
    as_of: dt.date  # the last trading day actually used
    method: str  # one line: how the figures were computed
    notes: tuple[str, ...] = ()  # caveats a reader must see, e.g. "prices are 3 days old"


@dataclass(frozen=True)
class Measure:
    """What the cells of one numeric column state, so a sentence quoting a cell can be checked
    for what it claims (whose figure, which metric, over which period, in which unit).

    `metric`, `unit` and `period` are fixed for the column, or read per row from the named
    columns (`*_column`); the row's entities are in `entity_column` (several, joined by "-" or
    "/", for a spread or a ratio of two series).
    """

    column: str
    metric: str = ""  # return, spread, volatility, drawdown, level, change, score, rank, trend
    unit: str = ""  # %, pp, bp, pt, ratio, "" (a price or an index level)
    period: str | None = None  # e.g. "1M"; None with no period_column: a level on a date
    metric_column: str | None = None
    unit_column: str | None = None
    period_column: str | None = None
    date_column: str | None = None  # the day the figure is for (the period's end)
    entity_column: str = "symbol"
    against: str | None = None  # the other series of a spread, e.g. the benchmark


@dataclass(frozen=True)
class ToolResult:
    """A DataFrame plus its provenance and a short textual summary for a model."""

    frame: pd.DataFrame
    provenance: Provenance
    summary: str
    extras: dict[str, pd.DataFrame] = field(default_factory=dict)  # e.g. normalized series
    measures: tuple[Measure, ...] = ()  # what each numeric column states
    stand_ins: tuple[StandIn, ...] = ()  # ETFs answering for indices whose closes stop early
    left_out: tuple[tuple[str, dt.date], ...] = ()  # series left out: their closes end early

    def records(self) -> list[dict[str, object]]:
        """The frame as plain rows (dates as ISO strings), for JSON and the CLI."""
        frame = self.frame.copy()
        for column in frame.columns:
            if pd.api.types.is_datetime64_any_dtype(frame[column]):
                frame[column] = frame[column].dt.date.astype(str)
        return [
            {str(k): (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
            for row in frame.to_dict(orient="records")
        ]

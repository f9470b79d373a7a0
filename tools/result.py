"""ToolResult: what every market-data tool returns.

The frame is for rendering and charts; the provenance says where each figure came from, so an
answer can cite it as `[0]`; the summary is the short text a model reads (frames never go into
prompts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd


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
class ToolResult:
    """A DataFrame plus its provenance and a short textual summary for a model."""

    frame: pd.DataFrame
    provenance: Provenance
    summary: str
    extras: dict[str, pd.DataFrame] = field(default_factory=dict)  # e.g. normalized series

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

"""The related-tickers strip: the symbols in play, with their ETF proxies, and their quotes."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from assistant.answer.model import Language, Ticker
from tools.proxies import ETF_PROXY
from tools.result import ToolResult

MAX_TICKERS = 8


def strip_symbols(symbols: Sequence[str], available: Sequence[str] | None = None) -> list[str]:
    """The symbols in play followed by their ETF proxies, limited to those with prices: an
    index is shown with the ETF people trade it through, as the seeds do (IWM, SPY, QQQ)."""
    chosen: list[str] = []
    for symbol in symbols:
        for candidate in (symbol, ETF_PROXY.get(symbol)):
            if candidate and candidate not in chosen:
                chosen.append(candidate)
    if available is not None:
        have = set(available)
        chosen = [s for s in chosen if s in have]
    return chosen[:MAX_TICKERS]


def _num(value: Any) -> float | None:
    if isinstance(value, int | float) and not math.isnan(value):
        return float(value)
    return None


def tickers_from(
    result: ToolResult | None, name: Callable[[str, Language], str], language: Language
) -> list[Ticker]:
    if result is None:
        return []
    tickers = []
    for row in result.frame.to_dict(orient="records"):
        date = row.get("date")
        tickers.append(
            Ticker(
                symbol=str(row["symbol"]),
                name=name(str(row["symbol"]), language),
                close=_num(row.get("close")),
                change=_num(row.get("change")),
                change_pct=_num(row.get("change_pct")),
                date=pd.Timestamp(date).date() if date is not None else None,
            )
        )
    return tickers

"""Chart data from the answer's tool results, as plain rows the UI can hand to a chart library.

Index returns become bars (and rebased performance lines from the tool's normalized series),
sector scores become bars; names are in the answer's language.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from assistant.answer.model import Chart, Language
from assistant.locale import message, period_label
from tools.result import ToolResult

MAX_LINE_POINTS = 400  # per symbol; longer series are thinned evenly


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def charts_for(
    results: list[ToolResult], name: Callable[[str, Language], str], language: Language
) -> list[Chart]:
    charts: list[Chart] = []
    for result in results:
        tool = result.provenance.tool
        if tool == "index_returns":
            charts += _returns_charts(result, name, language)
        elif tool == "sector_scores":
            charts.append(_sector_chart(result, language))
    return charts


def _returns_charts(
    result: ToolResult, name: Callable[[str, Language], str], language: Language
) -> list[Chart]:
    everyone = result.frame.to_dict(orient="records")
    label = period_label(str(everyone[0].get("period", "")) if everyone else "", language)
    # a yield's or a gauge's row has a change of level, no return to draw (tools.returns)
    rows = [r for r in everyone if _clean(r.get("return_pct")) is not None]
    bars = Chart(
        kind="index_returns",
        title=message("chart.returns", language, period=label),
        x="name",
        y="return_pct",
        rows=tuple(
            {
                "symbol": r["symbol"],
                "name": name(str(r["symbol"]), language),
                "return_pct": _clean(r.get("return_pct")),
                "spread_pp": _clean(r.get("spread_pp")),
            }
            for r in rows
        ),
    )
    charts = [bars] if rows else []
    normalized = result.extras.get("normalized")
    if normalized is not None and not normalized.empty:
        step = max(1, math.ceil(len(normalized) / MAX_LINE_POINTS))
        thinned = pd.concat([normalized.iloc[::step], normalized.iloc[[-1]]]).drop_duplicates()
        points = []
        for day, values in thinned.iterrows():
            for symbol, value in values.items():
                if pd.notna(value):
                    points.append(
                        {
                            "date": pd.Timestamp(str(day)).date().isoformat(),
                            "symbol": str(symbol),
                            "name": name(str(symbol), language),
                            "value": float(value),
                        }
                    )
        charts.append(
            Chart(
                kind="normalized",
                title=message("chart.normalized", language),
                x="date",
                y="value",
                series="name",
                rows=tuple(points),
            )
        )
    return charts


def _sector_chart(result: ToolResult, language: Language) -> Chart:
    column = "sector_zh" if language == "zh" else "sector"
    rows = tuple(
        {
            "sector": r.get(column) or r.get("sector") or r["symbol"],
            "symbol": r["symbol"],
            "score": _clean(r.get("score")),
            "rank": _clean(r.get("rank")),
            "return_1m_pct": _clean(r.get("return_1m_pct")),
        }
        for r in result.frame.to_dict(orient="records")
    )
    return Chart(
        kind="sector_scores",
        title=message("chart.sector_scores", language),
        x="sector",
        y="score",
        rows=rows,
    )

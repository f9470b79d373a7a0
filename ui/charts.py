"""Altair charts from an Answer's chart data: return bars, rebased performance lines, sector
score bars. The rows come ready from `assistant.answer.charts`; this only picks the marks."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st

from assistant.answer.model import Chart

UP, DOWN = "#1a7f37", "#cf222e"  # gains green, losses red (the western convention)
HEIGHT = 260


def returns_bars(chart: Chart) -> alt.Chart:
    frame = pd.DataFrame(list(chart.rows)).dropna(subset=[chart.y])
    frame["label"] = frame[chart.y].map(lambda v: f"{v:+.2f}%")
    base = alt.Chart(frame, title=chart.title).encode(
        x=alt.X(f"{chart.x}:N", sort="-y", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{chart.y}:Q", title="%"),
        tooltip=[
            alt.Tooltip(f"{chart.x}:N", title=""),
            alt.Tooltip("symbol:N"),
            alt.Tooltip(f"{chart.y}:Q", format="+.2f", title="%"),
        ],
    )
    bars = base.mark_bar(cornerRadiusEnd=3).encode(
        color=alt.condition(alt.datum[chart.y] >= 0, alt.value(UP), alt.value(DOWN))
    )
    labels = base.mark_text(dy=-8).encode(text="label:N")
    return (bars + labels).properties(height=HEIGHT)


def performance_lines(chart: Chart) -> alt.Chart:
    frame = pd.DataFrame(list(chart.rows))
    series = chart.series or "symbol"
    return (
        alt.Chart(frame, title=chart.title)
        .mark_line(strokeWidth=2)
        .encode(
            x=alt.X(f"{chart.x}:T", title=None),
            y=alt.Y(f"{chart.y}:Q", title=None, scale=alt.Scale(zero=False)),
            color=alt.Color(f"{series}:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip(f"{chart.x}:T"),
                alt.Tooltip(f"{series}:N", title=""),
                alt.Tooltip(f"{chart.y}:Q", format=".2f"),
            ],
        )
        .properties(height=HEIGHT)
    )


def sector_bars(chart: Chart) -> alt.Chart:
    frame = pd.DataFrame(list(chart.rows)).dropna(subset=[chart.y])
    return (
        alt.Chart(frame, title=chart.title)
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            y=alt.Y(f"{chart.x}:N", sort="-x", title=None),
            x=alt.X(f"{chart.y}:Q", title=None, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(f"{chart.y}:Q", scale=alt.Scale(scheme="blues"), legend=None),
            tooltip=[
                alt.Tooltip(f"{chart.x}:N", title=""),
                alt.Tooltip("symbol:N"),
                alt.Tooltip(f"{chart.y}:Q", format=".1f"),
                alt.Tooltip("return_1m_pct:Q", format="+.2f", title="1M %"),
            ],
        )
        .properties(height=max(HEIGHT, 24 * len(frame)))
    )


BUILDERS = {
    "index_returns": returns_bars,
    "normalized": performance_lines,
    "sector_scores": sector_bars,
}


def altair_chart(chart: Chart) -> alt.Chart | None:
    """The chart for this data, or None when it has nothing to draw."""
    if not chart.rows:
        return None
    return BUILDERS[chart.kind](chart)


def render_charts(charts: Sequence[Chart]) -> None:
    """Charts two to a row."""
    drawable = [(c, built) for c in charts if (built := altair_chart(c)) is not None]
    for start in range(0, len(drawable), 2):
        row = drawable[start : start + 2]
        columns = st.columns(len(row))
        for column, (_, built) in zip(columns, row, strict=True):
            with column:
                st.altair_chart(built, width="stretch")

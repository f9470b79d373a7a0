"""The brief's charts as PNG images, drawn with matplotlib, for the HTML and PDF exports.

The same three kinds the UI draws from an answer's chart data: returns as horizontal bars,
rebased performance as lines, sector scores as bars. Text uses the export's font, so Chinese
names render in the image just as in the text around it.
"""

from __future__ import annotations

import io
from collections import defaultdict
from typing import TYPE_CHECKING

from assistant.answer import Chart
from assistant.research.export.fonts import FontFace, latin_font

if TYPE_CHECKING:
    from matplotlib.axes import Axes

WIDTH_IN, HEIGHT_IN, DPI = 7.0, 3.0, 150
_UP, _DOWN, _LINE = "#2e7d32", "#c62828", "#1f4e79"


def chart_png(chart: Chart, font: FontFace) -> bytes:
    """One chart as a PNG image."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    families = list(dict.fromkeys([font.family, latin_font().family]))
    with matplotlib.rc_context({"font.family": families, "axes.unicode_minus": False}):
        figure = Figure(figsize=(WIDTH_IN, _height(chart)), dpi=DPI)
        axes = figure.add_subplot()
        if chart.kind == "normalized":
            _lines(axes, chart)
        else:
            _bars(axes, chart)
        axes.set_title(chart.title, fontsize=11)
        axes.spines[["top", "right"]].set_visible(False)
        axes.tick_params(labelsize=8)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _bars(axes: Axes, chart: Chart) -> None:
    rows = [r for r in chart.rows if isinstance(r.get(chart.y), int | float)]
    labels = [str(r.get(chart.x, "")) for r in rows]
    values = [float(r[chart.y]) for r in rows]
    colours = [_UP if v >= 0 else _DOWN for v in values]
    if chart.kind == "sector_scores":
        colours = [_LINE] * len(values)
    positions = list(range(len(values)))[::-1]
    axes.barh(positions, values, color=colours)
    axes.set_yticks(positions, labels)
    axes.axvline(0, color="#888888", linewidth=0.6)
    for y, value in zip(positions, values, strict=True):
        axes.annotate(
            f"{value:.2f}",
            (value, y),
            xytext=(3 if value >= 0 else -3, 0),
            textcoords="offset points",
            va="center",
            ha="left" if value >= 0 else "right",
            fontsize=7,
        )


def _lines(axes: Axes, chart: Chart) -> None:
    import datetime as dt

    series: dict[str, list[tuple[dt.date, float]]] = defaultdict(list)
    for row in chart.rows:
        value = row.get(chart.y)
        if isinstance(value, int | float):
            key = str(row.get(chart.series or "", "")) if chart.series else chart.y
            series[key].append((dt.date.fromisoformat(str(row[chart.x])), float(value)))
    for name, points in series.items():
        points.sort()
        days = [dt.datetime.combine(p[0], dt.time()) for p in points]
        axes.plot(days, [p[1] for p in points], label=name, linewidth=1.4)  # type: ignore[arg-type]
    axes.axhline(100, color="#888888", linewidth=0.6)
    axes.legend(fontsize=8, frameon=False)
    for label in axes.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")


def _height(chart: Chart) -> float:
    """Bars get room by how many there are; lines a fixed height."""
    if chart.kind == "normalized":
        return HEIGHT_IN
    return min(HEIGHT_IN + 0.5, 1.0 + 0.28 * max(len(chart.rows), 2))

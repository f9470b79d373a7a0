"""The brief's charts, drawn with matplotlib: SVG for the HTML export, PNG for the PDF.

The same three kinds the UI draws from an answer's chart data: returns as horizontal bars,
rebased performance as lines, sector scores as bars.

- SVG (`chart_svg`) needs no font on this machine: its text stays text (`svg.fonttype` none)
  and the reader's browser picks the font. matplotlib still measures the text to lay the chart
  out, with the DejaVu Sans it ships; DejaVu has no Chinese, so while laying out, each wide
  (CJK) character is stood in for by a 'W', about as wide as a CJK character, and the real
  text is put back before the file is written.
- PNG (`chart_png`) draws every piece of text with the font file the PDF embeds, given
  explicitly, so Chinese names render just as in the text around them.
"""

from __future__ import annotations

import io
import re
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING

from assistant.answer.model import Chart
from assistant.research.export.fonts import LATIN_FAMILY, FontFace

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_IN, HEIGHT_IN, DPI = 7.0, 3.0, 150
_UP, _DOWN, _LINE = "#2e7d32", "#c62828", "#1f4e79"
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
                   r"\uff00-\uff60\uffe0-\uffe6]")  # fmt: skip
_RC = {"axes.unicode_minus": False, "text.parse_math": False}  # a '$' in a name is a dollar
Relabel = Callable[[], None]


def chart_svg(chart: Chart, salt: str = "") -> str:
    """One chart as an <svg> element (no XML prolog), ready to sit inside an HTML page. `salt`
    keeps the ids of several charts on one page apart and the same on every export."""
    rc = {
        **_RC,
        "font.family": "sans-serif",
        "font.sans-serif": [LATIN_FAMILY],  # ships with matplotlib: always there
        "svg.fonttype": "none",
        "svg.hashsalt": f"marketbrief-{salt}",
    }
    buffer = io.StringIO()
    with _quiet(), _matplotlib().rc_context(rc):
        figure, relabel = _figure(chart, lambda text: _WIDE.sub("W", text))
        figure.tight_layout()
        relabel()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def chart_png(chart: Chart, font: FontFace) -> bytes:
    """One chart as a PNG image, every text in `font`'s own file (the face the PDF embeds)."""
    from matplotlib import font_manager
    from matplotlib.text import Text

    file: str = str(font.path)
    face_path = getattr(font_manager, "FontPath", None)  # matplotlib >= 3.11 reads .ttc faces
    if face_path is not None and font.index:
        file = face_path(file, font.index)
    buffer = io.BytesIO()
    with _quiet(), _matplotlib().rc_context(_RC):
        figure, _ = _figure(chart, str)
        figure.draw_without_rendering()  # so every tick label exists before it is restyled
        for text in figure.findobj(Text):
            assert isinstance(text, Text)
            text.set_fontproperties(
                font_manager.FontProperties(fname=file, size=text.get_fontsize())
            )
        figure.tight_layout()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _matplotlib() -> ModuleType:
    import matplotlib

    matplotlib.use("Agg", force=False)
    return matplotlib


@contextmanager
def _quiet() -> Iterator[None]:
    """Text measured with DejaVu Sans warns about each Chinese glyph it lacks: expected here."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font")
        yield


def _figure(chart: Chart, shown: Callable[[str], str]) -> tuple[Figure, Relabel]:
    """The chart, not yet laid out, its text as `shown` gives it; and a function that puts the
    real text back."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, _height(chart)), dpi=DPI)
    axes = figure.add_subplot()
    draw = _lines if chart.kind == "normalized" else _bars
    relabel_data = draw(axes, chart, shown)
    axes.set_title(shown(chart.title), fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(labelsize=8)

    def relabel() -> None:
        axes.set_title(chart.title, fontsize=11)
        relabel_data()

    return figure, relabel


def _bars(axes: Axes, chart: Chart, shown: Callable[[str], str]) -> Relabel:
    rows = [r for r in chart.rows if isinstance(r.get(chart.y), int | float)]
    labels = [str(r.get(chart.x, "")) for r in rows]
    values = [float(r[chart.y]) for r in rows]
    colours = [_UP if v >= 0 else _DOWN for v in values]
    if chart.kind == "sector_scores":
        colours = [_LINE] * len(values)
    positions = list(range(len(values)))[::-1]
    axes.barh(positions, values, color=colours)
    axes.set_yticks(positions, [shown(label) for label in labels])
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

    def relabel() -> None:
        axes.set_yticks(positions, labels)

    return relabel


def _lines(axes: Axes, chart: Chart, shown: Callable[[str], str]) -> Relabel:
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
        axes.plot(days, [p[1] for p in points], label=shown(name), linewidth=1.4)  # type: ignore[arg-type]
    axes.axhline(100, color="#888888", linewidth=0.6)
    legend = axes.legend(fontsize=8, frameon=False)
    for label in axes.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")

    def relabel() -> None:
        for text, name in zip(legend.get_texts(), series, strict=True):
            text.set_text(name)

    return relabel


def _height(chart: Chart) -> float:
    """Bars get room by how many there are; lines a fixed height."""
    if chart.kind == "normalized":
        return HEIGHT_IN
    return min(HEIGHT_IN + 0.5, 1.0 + 0.28 * max(len(chart.rows), 2))

"""Exporting a brief: Markdown, self-contained HTML, or PDF, chosen by the file's suffix.

    export_brief(brief, Path("brief.pdf"))        # writes the file
    render_brief(brief, "html")                   # the bytes, for a download button

Pure functions of a Brief: the same brief always gives the same document (charts are drawn
from the brief's own chart data).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Literal

from assistant.research.brief import Brief
from assistant.research.errors import ExportError
from assistant.research.export.document import Block

Format = Literal["md", "html", "pdf"]
FORMATS: dict[str, Format] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
MEDIA_TYPES: dict[Format, str] = {
    "md": "text/markdown",
    "html": "text/html",
    "pdf": "application/pdf",
}


def format_for(path: Path) -> Format:
    """The format a file name asks for; an unknown suffix is a clear error."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        known = ", ".join(sorted({s for s in FORMATS if s in {".md", ".html", ".pdf"}}))
        raise ExportError(f"cannot export to '{path.name}': use a file ending in {known}")
    return found


def render_brief(brief: Brief, fmt: Format) -> bytes:
    if fmt == "md":
        return brief.markdown().encode("utf-8")
    if fmt == "html":
        from assistant.research.export.html import brief_html

        return brief_html(brief, _drawer(brief)).encode("utf-8")
    from assistant.research.export.pdf import brief_pdf

    return brief_pdf(brief, _drawer(brief))


def export_brief(brief: Brief, path: Path) -> Path:
    """Write the brief to `path` in the format its suffix names."""
    data = render_brief(brief, format_for(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _drawer(brief: Brief) -> Callable[[Block], bytes]:
    """Draws chart blocks with the font the brief needs (each chart once per export)."""
    from assistant.research.export.figures import chart_png
    from assistant.research.export.fonts import font_for

    face = font_for(brief.markdown())

    @cache
    def draw(index: int) -> bytes:
        return chart_png(brief.answer.charts[index], face)

    def by_block(block: Block) -> bytes:
        assert block.chart is not None
        return draw(brief.answer.charts.index(block.chart))

    return by_block

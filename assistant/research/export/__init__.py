"""Exporting a brief: Markdown, self-contained HTML, or PDF, chosen by the file's suffix.

    export_brief(brief, Path("brief.pdf"))        # writes the file
    render_brief(brief, "html")                   # the bytes, for a download button

Pure functions of a Brief: the same brief always gives the same document (charts are drawn
from the brief's own chart data). Only the PDF needs a font on this machine (see `fonts`);
`check_export` says up front when it has none for the brief's script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from assistant.answer.model import Chart
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
    if fmt == "html":  # charts as SVG whose text the browser sets: no font needed here
        from assistant.research.export.figures import chart_svg
        from assistant.research.export.html import brief_html

        def svg(block: Block) -> str:  # each chart's ids salted apart by its place
            return chart_svg(_chart(block), salt=str(brief.answer.charts.index(_chart(block))))

        return brief_html(brief, svg).encode("utf-8")
    from assistant.research.export.figures import chart_png
    from assistant.research.export.pdf import brief_pdf

    return brief_pdf(brief, lambda block, face: chart_png(_chart(block), face))


def check_export(brief: Brief, fmt: Format) -> None:
    """Raise the ExportError `render_brief` would raise for want of a font, without doing the
    work: the UI shows it with the download button instead of offering a file that fails."""
    if fmt == "pdf":
        from assistant.research.export.fonts import font_for

        font_for(brief.markdown())


def export_brief(brief: Brief, path: Path) -> Path:
    """Write the brief to `path` in the format its suffix names."""
    data = render_brief(brief, format_for(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _chart(block: Block) -> Chart:
    assert block.chart is not None
    return block.chart

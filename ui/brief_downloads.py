"""A brief's download buttons: Markdown, HTML and PDF, each made only when clicked."""

from __future__ import annotations

import streamlit as st

from assistant.research.brief import Brief
from assistant.research.errors import ExportError
from assistant.research.export import MEDIA_TYPES, Format, check_export
from assistant.research.export import render_brief as export_bytes
from ui.markup import error_text


@st.cache_data(show_spinner="Preparing the file…", max_entries=12)
def exported(brief_id: str, fmt: Format, _brief: Brief) -> bytes:
    return export_bytes(_brief, fmt)


def render_downloads(brief: Brief) -> None:
    """One button per format. The file is made only when clicked (in a request of its own,
    where an error would reach only the server log), so what can be known beforehand, a
    missing font, is checked here: its button is disabled and the reason shown right below
    the buttons (the full width, as the message names what to install)."""
    stem = f"marketbrief-{brief.answer.as_of.isoformat()}-{brief.id}"
    formats: tuple[tuple[Format, str], ...] = (("md", "Markdown"), ("html", "HTML"), ("pdf", "PDF"))
    problems: list[str] = []
    for column, (fmt, label) in zip(st.columns(3), formats, strict=True):
        try:
            check_export(brief, fmt)
            problem = None
        except ExportError as error:
            problem = f"{label}: {error_text(error)}"
            problems.append(problem)
        column.download_button(
            f"Download {label}",
            data=lambda fmt=fmt: exported(brief.id, fmt, brief),  # type: ignore[misc]
            file_name=f"{stem}.{fmt}",
            mime=MEDIA_TYPES[fmt],
            key=f"research_download_{fmt}_{brief.id}",
            icon=":material/download:",
            disabled=problem is not None,
            on_click="ignore",
        )
    for problem in problems:
        st.error(problem, icon=":material/error:")

"""Adding commentary from the browser: uploaded files, URLs and RSS/Atom feeds, one ingest.

Uploaded files are kept under `<home>/uploads/` (written atomically), not in a throwaway temp
folder: an article's id comes from its path, so uploading the same file again is "unchanged"
and a corrected version "updated", exactly as with `marketbrief ingest` on the same path.
The summary is the CLI's: added / updated / unchanged / skipped (with reasons) / errors, and
for a refused URL what the reader can do about it, worded for the browser
(`assistant.locale.hint`). Every line of the URL box is accounted for in that summary: a URL of
any scheme goes to the ingest, which fetches http(s) and refuses the rest (file://, ftp://) with
a reason, and a line that is not a URL at all is listed as not ingested.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import streamlit as st

from assistant.llm.failures import EXPECTED_ERRORS
from assistant.locale import hint
from assistant.settings import Settings
from ingest.fetch import HttpFetcher
from ingest.index import Index
from ingest.parsers import FORMATS
from ingest.pipeline import DEFAULT_MAX_BYTES, IngestReport, Progress, ingest_sources
from ingest.urlguard import has_scheme
from ui import library_data
from ui.markup import error_text, plain

REPORT = "library_ingest_report"
NOT_A_URL = "not a URL (give http or https URLs, one per line)"
MAX_UPLOAD_MB = DEFAULT_MAX_BYTES // (1024 * 1024)  # the ingest's own per-file limit
UPLOAD_TYPES = sorted({suffix.lstrip(".") for suffix in FORMATS})
_UNSAFE = re.compile(r"[^\w.\-^=+%()\[\] ]+")


class Upload(Protocol):
    name: str

    def getvalue(self) -> bytes: ...


def safe_name(name: str) -> str:
    """A file name that stays inside the uploads folder, whatever the browser sent."""
    base = Path(name.replace("\\", "/")).name.strip().lstrip(".")
    cleaned = _UNSAFE.sub("_", base)[:120]
    return cleaned or "upload"


def save_uploads(files: Sequence[Upload], folder: Path) -> list[Path]:
    """Write each upload to `folder` atomically (a reader never sees half a file)."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for upload in files:
        target = folder / safe_name(upload.name)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".upload-")
        with os.fdopen(handle, "wb") as out:
            out.write(upload.getvalue())
        os.replace(temp, target)
        saved.append(target)
    return saved


def urls_from(text: str) -> tuple[list[str], list[str]]:
    """The URLs in a text area (one per line), whatever their scheme (the ingest refuses all
    but http and https, saying why), and the lines that are not URLs at all. A line without
    a scheme never reaches the ingest, which would take it for a path on the server."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [x for x in lines if has_scheme(x)], [x for x in lines if not has_scheme(x)]


def run_ingest(
    sources: list[str], index: Index, settings: Settings, progress: Callable[[Progress], None]
) -> IngestReport:
    fetch = HttpFetcher(settings.network_timeout_s, allow_private=settings.allow_private_urls)
    return ingest_sources(sources, index, progress=progress, fetch=fetch)


def _progress_bar() -> Callable[[Progress], None]:
    bar = st.progress(0.0, text="Starting…")

    def update(event: Progress) -> None:
        name = event.current if len(event.current) <= 60 else "…" + event.current[-59:]
        fraction = min(event.done / event.total, 1.0) if event.total else 0.0
        bar.progress(fraction, text=f"{Path(name).name or name} · {event.articles} articles")

    return update


def render_ingest_form(index: Index | None, settings: Settings) -> None:
    with st.form("ingest", clear_on_submit=True, border=True):
        st.markdown("**Add commentary**")
        files = st.file_uploader(
            "Files",
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            max_upload_size=MAX_UPLOAD_MB,
            help="Text, Markdown, HTML, PDF, JSON Lines, RSS/Atom. The seed layout "
            "(综合分析 / 核心洞察 / …) is read into its sections.",
        )
        text = st.text_area(
            "URLs or RSS/Atom feeds, one per line",
            placeholder="https://example.com/market-wrap.html\nhttps://example.com/feed.xml",
        )
        submitted = st.form_submit_button("Ingest", icon=":material/upload:", type="primary")
    if not submitted:
        return
    if index is None:
        st.error("The library cannot be opened, so nothing can be added (see the notice above).")
        return
    urls, not_urls = urls_from(text or "")
    uploads_dir = settings.home / "uploads"
    try:
        paths = save_uploads(list(files or []), uploads_dir)
    except OSError as error:
        st.error(f"The uploaded files could not be saved: {error_text(error)}")
        return
    sources = [str(p) for p in paths] + urls
    if not sources:
        for line in not_urls:
            st.warning(f"could not ingest {plain(line)}: {plain(NOT_A_URL)}")
        st.warning("Choose files or give at least one URL to ingest.")
        return
    try:
        report = run_ingest(sources, index, settings, _progress_bar())
    except EXPECTED_ERRORS as error:
        st.error(f"Ingest stopped: {error_text(error)}")
        return
    finally:
        library_data.forget()
    st.session_state[REPORT] = _readable(report, uploads_dir, not_urls)
    st.rerun()


def _readable(report: IngestReport, uploads_dir: Path, not_urls: list[str]) -> IngestReport:
    """The report with uploads named as the reader named them, not by their stored path, and
    the lines of the URL box that were not URLs (shown after the rerun with the rest)."""
    prefix = str(uploads_dir) + os.sep

    def short(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [{**r, "path": r["path"].removeprefix(prefix)} for r in rows]

    ignored = [{"path": line, "reason": NOT_A_URL} for line in not_urls]
    return dataclasses.replace(
        report, skipped=short(report.skipped), errors=short(report.errors) + ignored
    )


def render_ingest_report() -> None:
    report = st.session_state.get(REPORT)
    if not isinstance(report, IngestReport):
        return
    line = (
        f"Ingested: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {len(report.skipped)} skipped"
    )
    if report.errors:
        st.warning(line, icon=":material/warning:")
    else:
        st.success(line, icon=":material/check_circle:")
    for skipped in report.skipped:
        st.caption(f"skipped {plain(skipped['path'])}: {plain(skipped['reason'])}")
    for error in report.errors:
        st.error(f"could not ingest {plain(error['path'])}: {error_text(error['reason'])}")
    for remedy in report.remedies:
        st.info(plain(hint(remedy, "browser")), icon=":material/lightbulb:")

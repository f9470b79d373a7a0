"""Importing price CSVs from the browser, so a first run needs no command line.

The files go to a temporary folder under their own names (the name is the symbol: `^GSPC.csv`),
then into the price store exactly as `marketbrief prices import` does; the report lists what
was imported (symbol, rows, first and last day) and what was rejected, with the reason.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from assistant.llm.failures import EXPECTED_ERRORS
from tools.csv_import import ImportReport
from tools.market import MarketData
from ui.ingest_form import save_uploads
from ui.markup import error_text, plain

REPORT = "library_prices_report"


def render_prices_form(market: MarketData | None) -> None:
    with st.form("prices", clear_on_submit=True, border=True):
        st.markdown("**Import prices**")
        files = st.file_uploader(
            "Price CSVs, one per symbol, named after it (^GSPC.csv, IWM.csv)",
            type=["csv"],
            accept_multiple_files=True,
            max_upload_size=50,
            help="Date,Open,High,Low,Close,Volume, or yfinance's download layout. "
            "Online, missing prices are fetched from yfinance when a question needs them.",
        )
        submitted = st.form_submit_button("Import", icon=":material/upload:", type="primary")
    if not submitted:
        return
    if market is None:
        st.error("The price store cannot be opened, so nothing can be imported.")
        return
    if not files:
        st.warning("Choose one or more CSV files to import.")
        return
    try:
        with tempfile.TemporaryDirectory(prefix="marketbrief-prices-") as folder:
            report = market.import_csv(save_uploads(list(files), Path(folder)))
    except EXPECTED_ERRORS as error:
        st.error(f"The prices could not be imported: {error_text(error)}")
        return
    st.session_state[REPORT] = report
    st.rerun()


def render_prices_report() -> None:
    report = st.session_state.get(REPORT)
    if not isinstance(report, ImportReport):
        return
    if report.imported:
        st.success(f"Imported {len(report.imported)} symbol(s).", icon=":material/check_circle:")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "symbol": item.meta.symbol,
                        "rows": item.meta.rows,
                        "first": item.meta.first,
                        "last": item.meta.last,
                        "skipped rows": item.skipped_rows,
                    }
                    for item in report.imported
                ]
            ),
            hide_index=True,
        )
    for item in report.imported:
        for warning in item.warnings:
            st.warning(f"{plain(item.meta.symbol)}: {plain(warning)}")
    for rejected in report.rejected:
        st.error(f"{plain(rejected.path.name)}: {error_text(rejected.error)}")

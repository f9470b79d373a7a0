"""The related-tickers strip: last close and day change for the symbols an answer is about."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from assistant.answer.model import Ticker

MAX_TICKERS = 6


def render_tickers(tickers: Sequence[Ticker]) -> None:
    shown = [t for t in tickers if t.close is not None][:MAX_TICKERS]
    if not shown:
        return
    with st.container(horizontal=True, gap="small", key=None):
        for ticker in shown:
            delta = f"{ticker.change_pct:+.2f}%" if ticker.change_pct is not None else None
            st.metric(
                f"{ticker.name} · {ticker.symbol}",
                f"{ticker.close:,.2f}",
                delta,
                border=True,
                width="content",
                help=f"Close on {ticker.date}" if ticker.date else None,
            )

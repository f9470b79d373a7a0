"""The library page: what the answers are made from. Add commentary (files, URLs, feeds) and
prices, browse and filter the articles, open one and ask about it."""

from __future__ import annotations

import streamlit as st

from ui import context, library_data
from ui.article_browser import OPEN, render_article, render_browser
from ui.feed_suggestions import render_feed_suggestions
from ui.ingest_form import render_ingest_form, render_ingest_report
from ui.markup import neutralise
from ui.prices_form import render_prices_form, render_prices_report

ctx = context.load()
st.title("Library")

for name, problem in ctx.problems.items():
    st.error(f"The {name} could not be opened: {neutralise(problem)}")

articles = library_data.summaries(ctx.index) if ctx.index is not None else []
latest = ctx.latest_close()
symbols = len(ctx.market.available_symbols()) if ctx.market is not None else 0
with st.container(horizontal=True, gap="medium"):
    st.metric("Articles", f"{len(articles):,}", border=True, width="content")
    st.metric("Price symbols", symbols, border=True, width="content")
    st.metric("Latest close", latest.isoformat() if latest else "—", border=True, width="content")

if not articles or latest is None:
    st.info(
        "**Next steps.** "
        + (
            "Add commentary: upload files or give URLs and RSS feeds below. "
            if not articles
            else ""
        )
        + (
            "Import prices: upload price CSVs below (or `marketbrief prices import DIR`); "
            "online, prices are fetched from yfinance when a question needs them."
            if latest is None
            else ""
        ),
        icon=":material/lightbulb:",
    )

render_feed_suggestions(ctx)
render_ingest_report()
render_prices_report()
adding, importing = st.columns(2, gap="medium")
with adding:
    render_ingest_form(ctx.index, ctx.settings)
with importing:
    render_prices_form(ctx.market)

st.subheader("Articles", anchor=False)
if not articles:
    st.caption("No articles yet.")
else:
    render_browser(articles)
    opened = st.session_state.get(OPEN)
    if isinstance(opened, str) and ctx.index is not None:
        render_article(ctx.index, opened)

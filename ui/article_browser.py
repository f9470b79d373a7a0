"""Browsing the library: filter the articles (title, date, source, ticker, tag), pick one (or
let the filters narrow it down to one), read it as plain text (its sections and its own
references), and ask about it.

"Ask about this article" (基于这条新闻提问) opens a chat scoped to the article; "Deep analysis
of this article" hands the article to the research page through
`st.session_state["research_article_id"]`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

import pandas as pd
import streamlit as st

from assistant.llm.failures import EXPECTED_ERRORS
from ingest.filters import NO_FILTERS, Filters
from ingest.index import Index
from ingest.models import Article, ArticleSummary
from ui import chat_session
from ui.library_data import Facets, facets_of, matching
from ui.markup import error_text, plain

OPEN = "library_open_article"
RESEARCH_ARTICLE = "research_article_id"  # read by the research page (issue 6)
TABLE = "library_table"
CHAT_PAGE = "views/chat.py"
RESEARCH_PAGE = "views/research.py"
SHOWN = 2_000


@dataclass(frozen=True)
class Chosen:
    text: str = ""
    filters: Filters = NO_FILTERS


def _filters(facets: Facets) -> Chosen:
    first, second, third = st.columns([3, 2, 2])
    text = first.text_input("Title contains", key="library_text", placeholder="e.g. 罗素 or Fed")
    dates = second.date_input(
        "Published between",
        value=[],
        min_value=facets.first,
        max_value=facets.last,
        key="library_dates",
        format="YYYY-MM-DD",
    )
    source = third.selectbox(
        "Source", facets.sources, index=None, placeholder="any", key="library_source"
    )
    fourth, fifth = st.columns(2)
    ticker = fourth.selectbox(
        "Ticker", facets.tickers, index=None, placeholder="any", key="library_ticker"
    )
    tag = fifth.selectbox("Tag", facets.tags, index=None, placeholder="any", key="library_tag")
    days = [d for d in dates if isinstance(d, dt.date)] if isinstance(dates, tuple) else []
    return Chosen(
        text=text or "",
        filters=Filters(
            since=days[0] if days else None,
            until=days[1] if len(days) > 1 else None,
            source=source,
            ticker=ticker,
            tag=tag,
        ),
    )


def _table(articles: Sequence[ArticleSummary]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "title": a.title,
                "published": a.published,
                "source": a.source,
                "tickers": ", ".join(a.tickers),
                "tags": ", ".join(a.tags),
                "passages": a.chunks,
            }
            for a in articles
        ],
        columns=["title", "published", "source", "tickers", "tags", "passages"],
    )


def render_browser(articles: Sequence[ArticleSummary]) -> None:
    """The filters and the table; selecting a row opens the article below."""
    chosen = _filters(facets_of(articles))
    found = matching(articles, chosen.filters, chosen.text)
    shown = found[:SHOWN]
    st.caption(
        f"{len(found)} of {len(articles)} articles"
        + (f" (the first {SHOWN} shown; narrow the filters)" if len(found) > SHOWN else "")
        + " · select a row to open it"
    )
    event = st.dataframe(
        _table(shown),
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=f"{TABLE}-{abs(hash(chosen))}",  # new filters, fresh selection
        column_config={
            "title": st.column_config.TextColumn("Title", width="large"),
            "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
            "source": st.column_config.TextColumn("Source"),
            "tickers": st.column_config.TextColumn("Tickers"),
            "tags": st.column_config.TextColumn("Tags"),
            "passages": st.column_config.NumberColumn("Passages"),
        },
    )
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if rows and rows[0] < len(shown):
        st.session_state[OPEN] = shown[rows[0]].id
    elif len(found) == 1 and chosen != Chosen():
        st.session_state[OPEN] = found[0].id  # the filters found the one: open it


def render_article(index: Index, article_id: str) -> None:
    try:
        article = index.get_article(article_id)
    except EXPECTED_ERRORS as error:
        st.warning(f"That article is no longer in the library ({error_text(error)}).")
        st.session_state.pop(OPEN, None)
        return
    with st.container(border=True, key="article-view"):
        _header(article)
        _actions(article)
        for section in article.sections:
            if section.heading:
                st.markdown(f"#### {plain(section.heading)}", anchors=False)
            if section.page is not None:
                st.caption(f"page {section.page}")
            st.markdown(plain(section.text))
        if article.references:
            st.markdown("#### References", anchors=False)
            st.markdown("\n\n".join(plain(f"[{r.n}] {r.text}") for r in article.references))


def _header(article: Article) -> None:
    st.subheader(plain(article.title), anchor=False)
    details = [
        article.published.isoformat() if article.published else "undated",
        article.source,
        " ".join(article.tickers),
        " ".join(f"#{t}" for t in article.tags),
    ]
    st.caption(plain(" · ".join(d for d in details if d)))


def _actions(article: Article) -> None:
    with st.container(horizontal=True, gap="small"):
        ask = st.button(
            "Ask about this article · 基于这条新闻提问",
            icon=":material/forum:",
            type="primary",
            key="ask_article",
        )
        research = st.button(
            "Deep analysis of this article", icon=":material/travel_explore:", key="research"
        )
        if article.url and urlparse(article.url).scheme in ("http", "https"):
            st.link_button("Open the original", article.url, icon=":material/open_in_new:")
    if ask:
        chat_session.start_new(article_id=article.id, article_title=article.title)
        st.switch_page(CHAT_PAGE)
    if research:
        st.session_state[RESEARCH_ARTICLE] = article.id
        st.switch_page(RESEARCH_PAGE)

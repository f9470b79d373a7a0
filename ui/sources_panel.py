"""The sources panel beside an answer: pick a citation number, read what it stands for.

`[1..n]` open the cited passages themselves (their whole text, the article's title, date,
source, section and page, and a link to the original); `[0]` opens the market-data provenance
(tools, symbols, where the prices came from, as of which date, the method). It is a fragment:
choosing another number reruns only the panel, not the page.
"""

from __future__ import annotations

from urllib.parse import urlparse

import streamlit as st

from assistant.answer.model import Answer, Language, Reference
from assistant.locale import message
from ui.markup import plain


def default_reference(answer: Answer) -> int | None:
    """The first article cited (what a reader most often checks), else [0]."""
    articles = [r.n for r in answer.references if r.kind == "article"]
    if articles:
        return articles[0]
    return answer.references[0].n if answer.references else None


@st.fragment
def render_sources(answer: Answer, key: str) -> None:
    lang = answer.language
    st.markdown(f"**{message('label.sources', lang)}**")
    if not answer.references:
        st.caption("—")
        return
    chosen = st.pills(
        message("label.pick", lang),
        [r.n for r in answer.references],
        format_func=lambda n: f"[{n}]",
        default=default_reference(answer),
        required=True,
        key=f"sources-{key}",
        label_visibility="collapsed",
    )
    reference = answer.reference(chosen if isinstance(chosen, int) else -1)
    if reference is None:
        st.caption(message("label.pick", lang))
        return
    with st.container(border=True, key=f"source-card-{key}"):
        if reference.kind == "market_data":
            _market_data(reference, lang)
        else:
            _article(reference, lang)


def _market_data(reference: Reference, language: Language) -> None:
    st.markdown(f"**[0] {plain(reference.title)}**")
    rows = [
        (message("label.tools", language), ", ".join(reference.tools)),
        (message("label.symbols", language), ", ".join(reference.symbols)),
        (message("label.origin", language), reference.source),
        (message("label.as_of", language), reference.date.isoformat() if reference.date else ""),
    ]
    st.markdown("\n".join(f"- **{name}**: {plain(value)}" for name, value in rows if value))
    if reference.method:
        st.caption(f"{message('label.method', language)}: {plain(reference.method)}")
    for note in reference.notes:
        st.caption(f"{message('label.notes', language)}: {plain(note)}")


def _article(reference: Reference, language: Language) -> None:
    st.markdown(f"**[{reference.n}] {plain(reference.title)}**")
    details = [reference.source, reference.date.isoformat() if reference.date else ""]
    st.caption(plain(" · ".join(d for d in details if d)))
    if not reference.passages:
        st.caption(message("label.no_passage", language))
    for passage in reference.passages:
        where = [passage.section]
        if passage.page is not None:
            where.append(f"{message('label.page', language)} {passage.page}")
        place = " · ".join(w for w in where if w)
        if place:
            st.caption(plain(place))
        st.markdown(plain(passage.text))
    if reference.url and urlparse(reference.url).scheme in ("http", "https"):
        st.link_button(
            message("label.open", language), reference.url, icon=":material/open_in_new:"
        )

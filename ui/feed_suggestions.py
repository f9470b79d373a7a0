"""A first run that is not empty: on a new data directory (no article, nothing watched) the
Chat and Library pages offer the suggested public finance feeds (`assistant.watch.feeds`:
central banks, regulators, exchanges, business news, in Chinese and English) to subscribe to in
one click. The list is editable (untick one, type a feed URL of your own) and dismissible.

Subscribing adds them as feed items and starts the first watch run (`ui.watch_runs`), which
reads them into the library and fetches the prices; the panel follows it and then says what
it gave, and plainly, when no feed could be reached, that feeds need the network. Once the
library has articles or a watchlist exists, the panel is gone.
"""

from __future__ import annotations

import streamlit as st

from assistant.answer.model import Language
from assistant.errors import ConfigError, InputError
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.locale import message
from assistant.watch.feeds import subscribe, suggested_feeds
from assistant.watch.model import read_item
from assistant.watch.store import WatchBrief
from ui import preferences as prefs
from ui.context import Context
from ui.locale_choice import page_language
from ui.markup import error_text, plain

PICK = "feeds_offer_pick"
DISMISSED = "feeds_offer_dismissed"
STARTED = "feeds_offer_job"  # the first run this session started from the panel
REFUSED = "feeds_offer_refused"  # the entries that were not feed URLs


def wanted(ctx: Context) -> bool:
    """A new data directory: nothing watched, no article, and the library can be written."""
    if st.session_state.get(DISMISSED) or ctx.index is None:
        return False
    try:
        watching = bool(ctx.watch.items())
    except EXPECTED_ERRORS:
        return False
    return not watching and ctx.article_count() == 0


def _dismiss() -> None:
    st.session_state[DISMISSED] = True
    st.session_state.pop(STARTED, None)


def render_feed_suggestions(ctx: Context) -> None:
    """The offer (a new data directory), or the first run it started."""
    lang = page_language()
    if st.session_state.get(STARTED):
        _render_first_run(ctx, lang)
    elif wanted(ctx):
        _render_offer(ctx, lang)


def _render_offer(ctx: Context, lang: Language) -> None:
    try:
        feeds = suggested_feeds(ctx.settings.home, lang)
    except ConfigError as error:
        st.warning(error_text(error))
        return
    names = {f.url: f"{f.name} · {f.language}" for f in feeds}
    with st.container(border=True, key="feeds_offer"):
        st.markdown(message("feeds_offer.intro", lang))
        st.multiselect(
            message("feeds_offer.pick", lang),
            list(names),
            default=list(names),
            format_func=lambda url: names.get(url, url),
            key=PICK,
            accept_new_options=True,
            placeholder=message("feeds_offer.placeholder", lang),
            help=message("feeds_offer.help", lang),
        )
        with st.container(horizontal=True, gap="small"):
            clicked = st.button(
                message("feeds_offer.subscribe", lang),
                key="feeds_offer_subscribe",
                type="primary",
                icon=":material/rss_feed:",
            )
            st.button(
                message("feeds_offer.dismiss", lang),
                key="feeds_offer_dismiss",
                type="tertiary",
                on_click=_dismiss,
            )
    if clicked:
        _subscribe(ctx, lang)


def _subscribe(ctx: Context, lang: Language) -> None:
    urls, refused = [], []
    for entry in st.session_state.get(PICK) or []:
        try:
            urls.append(read_item(entry, "feed").value)
        except InputError as error:
            refused.append(str(error))
    if not urls:
        for reason in refused:
            st.warning(error_text(reason), icon=":material/edit:")
        st.warning(message("feeds_offer.none_picked", lang), icon=":material/edit:")
        return
    subscribe(ctx.watch, urls)
    from ui import watch_runs

    job = watch_runs.start_now(ctx, offline=prefs.current().offline)
    st.session_state[STARTED] = job.id
    st.session_state[REFUSED] = refused
    st.rerun()


def _render_first_run(ctx: Context, lang: Language) -> None:
    """The first run the panel started: its progress, then what it gave, until closed."""
    # The watch modules (the research writer, pandas) load only once a run was started here:
    # the chat page, which shows this panel, draws without them.
    from ui import watch_runs, watch_view

    job = watch_runs.jobs(ctx.settings).latest(ctx.owner)
    if job is None or job.id != st.session_state[STARTED]:  # another run since, or a restart
        st.session_state.pop(STARTED, None)
        return
    with st.container(border=True, key="feeds_offer_run"):
        for reason in st.session_state.get(REFUSED, []):
            st.warning(error_text(reason), icon=":material/edit:")
        if not job.done.is_set():
            st.markdown(message("feeds_offer.subscribed", lang, count=job.feeds))
            watch_view.follow(ctx.settings, ctx.owner, lang)
            return
        if job.result is None:
            watch_view.render_failure(job, lang)
        else:
            _render_outcome(job.result.watch, lang)
        with st.container(horizontal=True, gap="small", vertical_alignment="center"):
            st.page_link(
                "views/watch.py", label=message("feeds_offer.open_watch", lang),
                icon=":material/visibility:",
            )  # fmt: skip
            st.button(message("feeds_offer.close", lang), key="feeds_offer_close",
                      type="tertiary", on_click=_dismiss)  # fmt: skip


def _render_outcome(watch: WatchBrief, lang: Language) -> None:
    from ui.watch_view import render_feeds

    read = sum(f.ok for f in watch.feeds)
    if read:
        st.success(
            message(
                "feeds_offer.done",
                lang,
                read=read,
                count=len(watch.feeds),
                articles=len(watch.articles),
                title=plain(watch.title),
            ),
            icon=":material/check_circle:",
        )
    render_feeds(watch.feeds, lang)

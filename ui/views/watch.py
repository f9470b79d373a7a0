"""The Watch page (关注列表): what the signed-in person watches, and the briefs written on it.

- Watchlist: one box takes a symbol, a topic or a feed URL (read by `assistant.watch.model`);
  what cannot be watched is a notice, never a traceback. Each item can be removed.
- Briefs: "Run now" writes one in the background (`ui.watch_runs`), its progress shown until
  it is written, then opened; the scheduler writes the others at MARKETBRIEF_WATCH_TIMES (the
  next time is shown). The list marks the briefs not yet read and gathers what they found;
  opening one marks it read and shows it like a research brief, with its downloads. The brief
  open sits in the URL (`?watch=...`), so a reload or a bookmark shows it again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib

import streamlit as st

from assistant.answer.model import Language
from assistant.errors import ConfigError, InputError
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.locale import message
from assistant.watch.model import WatchItem, read_item
from assistant.watch.schedule import local_now, next_run, parse_times
from assistant.watch.store import WatchBrief, WatchStore
from ui import context, resources, watch_runs
from ui import preferences as prefs
from ui.locale_choice import page_language
from ui.markup import error_text, plain
from ui.watch_view import ended, follow, following, render_failure, render_watch_brief

OPENED = "watch"  # the query parameter: the brief open on the page
ADD = "watch_add_text"
KIND_ICONS = {
    "symbol": ":material/show_chart:",
    "topic": ":material/tag:",
    "feed": ":material/rss_feed:",
}
LISTED = 30  # briefs listed; the rest stay in the store (and the CLI's list)
GATHERED = 12  # new articles gathered from the unread briefs


def _when(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _kind(kind: str, lang: Language) -> str:
    return message(f"watch_page.kind_{kind}", lang)


# -- the schedule ------------------------------------------------------------------------------


def render_schedule(ctx: context.Context, lang: Language) -> None:
    try:
        times = parse_times(ctx.settings.watch_times)
    except ConfigError as error:
        st.warning(message("watch_page.schedule_bad", lang, reason=error_text(error)))
        return
    parts = []
    upcoming = next_run(times, local_now())
    if upcoming is None:
        parts.append(message("watch_page.schedule_none", lang))
    else:
        listed = ", ".join(t.strftime("%H:%M") for t in times)
        parts.append(message("watch_page.schedule_next", lang, when=_when(upcoming), times=listed))
    last = ctx.watch.last_run()
    if last is not None:
        parts.append(message("watch_page.schedule_last", lang, when=_when(last)))
    st.caption(" ".join(parts), help=message("watch_page.schedule_help", lang))


# -- the watchlist -----------------------------------------------------------------------------


def render_add(store: WatchStore, lang: Language) -> None:
    with st.form("watch_add", clear_on_submit=True, border=False):
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        left.text_input(
            message("watch_page.add_label", lang),
            key=ADD,
            placeholder=message("watch_page.add_placeholder", lang),
            help=message("watch_page.add_help", lang),
            max_chars=2000,
        )
        submitted = right.form_submit_button(
            message("watch_page.add_button", lang), width="stretch"
        )
    if not submitted:
        return
    try:
        item = read_item(st.session_state.get(ADD) or "")
        added = store.add(item)
    except EXPECTED_ERRORS as error:  # what cannot be watched, or a store that cannot be written
        st.warning(error_text(error), icon=":material/edit:")
        return
    value, kind = plain(item.value), _kind(item.kind, lang)
    if added:
        st.toast(message("watch_page.added", lang, value=value, kind=kind), icon=":material/add:")
    else:
        st.toast(message("watch_page.already", lang, value=value))


def _item_key(item: WatchItem) -> str:
    return hashlib.sha256(f"{item.kind}\n{item.value}".encode()).hexdigest()[:12]


def _remove(store: WatchStore, item: WatchItem) -> None:
    with contextlib.suppress(InputError):  # gone already (another tab): nothing to do
        store.remove(item.value, item.kind)


def render_items(store: WatchStore, lang: Language) -> list[WatchItem]:
    items = store.items()
    st.markdown(f"**{message('watch_page.items_heading', lang, count=len(items))}**")
    if not items:
        st.caption(message("watch_page.no_items", lang))
    for item in items:
        left, right = st.columns([4, 1], vertical_alignment="center")
        kind = _kind(item.kind, lang)
        left.markdown(f"{KIND_ICONS[item.kind]} {plain(item.value)} :gray[· {kind}]")
        right.button(
            message("watch_page.remove", lang),
            key=f"watch_remove_{_item_key(item)}",
            icon=":material/close:",
            type="tertiary",
            on_click=_remove,
            args=(store, item),
        )
    return items


# -- running and reading -----------------------------------------------------------------------


def _open(store: WatchStore, brief_id: str) -> None:
    store.mark_read(brief_id)
    st.query_params[OPENED] = brief_id


def render_run(ctx: context.Context, items: list[WatchItem], lang: Language) -> None:
    registry = watch_runs.jobs(ctx.settings)
    clicked = st.button(
        message("watch_page.run_now", lang),
        key="watch_run_now",
        type="primary",
        icon=":material/play_arrow:",
        disabled=not items,
        help=message("watch_page.run_help", lang),
    )
    if clicked:  # followed at once: a run refused at once (one is under way) still says why
        following(watch_runs.start_now(ctx, offline=prefs.current().offline))
    job = registry.latest(ctx.owner)
    finished = ended(job)
    if job is not None and not job.done.is_set():
        follow(ctx.settings, ctx.owner, lang)
    elif finished is not None and finished.result is not None:
        _open(ctx.watch, finished.result.watch.id)
    elif finished is not None:
        render_failure(finished, lang)


def _summary(brief: WatchBrief, lang: Language) -> str:
    if brief.nothing_new:
        parts = [message("watch_page.summary_nothing", lang)]
    else:
        parts = [message("watch_page.summary_articles", lang, count=len(brief.articles))]
    if brief.feeds_failed:
        parts.append(message("watch_page.summary_feeds_failed", lang, count=brief.feeds_failed))
    return " · ".join([_when(brief.created), *parts])


def render_new(store: WatchStore, unread: list[WatchBrief], lang: Language) -> None:
    """What the unread briefs found, gathered: the new articles, newest brief first."""
    seen: dict[str, str] = {}
    for brief in unread:
        for article in brief.articles:
            details = ", ".join(x for x in (article.source, str(article.date or "")) if x)
            line = article.title + (f" — {details}" if details else "")
            seen.setdefault(article.article_id, line)
    with st.container(border=True):
        count = message("watch_page.since_read", lang, briefs=len(unread), articles=len(seen))
        st.markdown(f":blue[:material/fiber_new:] **{count}**")
        lines = [f"- {plain(line)}" for line in list(seen.values())[:GATHERED]]
        if len(seen) > GATHERED:
            lines.append(f"- {message('watch_page.more', lang, count=len(seen) - GATHERED)}")
        if lines:
            st.markdown("\n".join(lines))
        st.button(
            message("watch_page.mark_all_read", lang),
            key="watch_mark_all_read",
            icon=":material/done_all:",
            type="tertiary",
            on_click=store.mark_read,
        )


def render_briefs(store: WatchStore, lang: Language) -> None:
    briefs = store.briefs(limit=LISTED)
    unread = [b for b in briefs if b.unread]
    st.markdown(
        f"**{message('watch_page.briefs_heading', lang, count=len(briefs), unread=len(unread))}**"
    )
    if not briefs:
        st.caption(message("watch_page.no_briefs", lang))
        return
    if unread:
        render_new(store, unread, lang)
    badge = message("watch_page.unread_badge", lang)
    for brief in briefs:
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            mark = f":blue-badge[{badge}] " if brief.unread else ""
            title = f"**{plain(brief.title)}**" if brief.unread else plain(brief.title)
            st.markdown(f"{mark}{title}  \n{plain(_summary(brief, lang))}", width="stretch")
            st.button(
                message("watch_page.open", lang),
                key=f"watch_open_{brief.id}",
                on_click=_open,
                args=(store, brief.id),
            )


def render_opened(ctx: context.Context, lang: Language) -> None:
    brief_id = st.query_params.get(OPENED)
    if not brief_id:
        return
    try:
        watch = ctx.watch.get(brief_id)
        brief = resources.research_store(ctx.settings).for_owner(ctx.owner).get_brief(brief_id)
    except InputError:
        st.warning(message("watch_page.gone", lang))
        return
    if watch.unread:  # opened from a link or a bookmark
        ctx.watch.mark_read(brief_id)
    st.divider()
    st.button(
        message("watch_page.close", lang),
        key="watch_close",
        icon=":material/close:",
        type="tertiary",
        on_click=st.query_params.clear,
    )
    render_watch_brief(watch, brief, lang)


def main() -> None:
    ctx = context.load()
    lang = page_language()
    st.title(message("watch_page.title", lang), anchor=False)
    st.caption(message("watch_page.intro", lang))
    render_schedule(ctx, lang)
    watching, briefs = st.columns([2, 3], gap="large")
    with watching:
        render_add(ctx.watch, lang)
        items = render_items(ctx.watch, lang)
    with briefs:
        render_run(ctx, items, lang)
        render_briefs(ctx.watch, lang)
    render_opened(ctx, lang)


main()

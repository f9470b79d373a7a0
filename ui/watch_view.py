"""The pieces of a watch run on a page: a run's progress (the Watch page, the first-run feeds
panel), what its feeds gave, and a watch brief opened from the list.

A brief with nothing new is its one line (and the feeds that failed); any other is shown and
exported as research briefs are (`ui.brief_view`). The words are in the message catalogs,
table `watch_page`, in the page's language (`ui.locale_choice`).
"""

from __future__ import annotations

import streamlit as st

from assistant.answer.model import Language
from assistant.locale import message
from assistant.research.brief import Brief
from assistant.settings import Settings
from assistant.watch.jobs import WatchJob
from assistant.watch.store import FeedOutcome, WatchBrief
from ui import watch_runs
from ui.brief_view import render_steps, show_brief
from ui.markup import error_text, neutralise, plain

SHOWN = "watch_jobs_shown"  # the runs whose end this session has shown
FOLLOWED = "watch_jobs_followed"  # the runs this session started or watched running


def _ids(key: str) -> set[str]:
    ids: set[str] = st.session_state.setdefault(key, set())
    return ids


def render_job(job: WatchJob, lang: Language) -> None:
    """Where a running job is: reading the feeds, then each step of the brief."""
    progress = job.progress
    if progress is None:
        st.markdown(message("watch_page.reading_feeds", lang, count=job.feeds))
        st.progress(0.0)
    else:
        st.markdown(message("watch_page.writing", lang, n=progress.current, total=progress.total))
        st.progress(progress.finished / max(progress.total, 1))
        render_steps(progress)
    st.caption(message("watch_page.keeps_running", lang))


@st.fragment(run_every=1.0)
def follow(settings: Settings, owner: str, lang: Language) -> None:
    """A running job's progress, refreshed every second; the page reruns when it ends."""
    job = watch_runs.jobs(settings).latest(owner)
    if job is None or job.done.is_set():
        st.rerun()
        return
    render_job(job, lang)


def following(job: WatchJob) -> None:
    """This session started the job (or saw it run): its end is shown here once."""
    _ids(FOLLOWED).add(job.id)


def ended(job: WatchJob | None) -> WatchJob | None:
    """The job, once, when this session saw it run and it has ended since; None otherwise
    (running jobs are marked as seen running)."""
    if job is None:
        return None
    if not job.done.is_set():
        following(job)
        return None
    if job.id not in _ids(FOLLOWED) or job.id in _ids(SHOWN):
        return None
    _ids(SHOWN).add(job.id)
    return job


def render_failure(job: WatchJob, lang: Language) -> None:
    """Why a job wrote no brief (nothing when it wrote one)."""
    if job.error is not None:
        st.warning(
            message("watch_page.run_failed", lang, reason=error_text(job.error)),
            icon=":material/warning:",
        )
    elif job.bug is not None:
        st.error(message("watch_page.run_bug", lang, kind=job.bug), icon=":material/error:")


def render_feeds(feeds: tuple[FeedOutcome, ...], lang: Language) -> None:
    """The feeds a run could not read: plainly that feeds need the network when none could
    be reached, then each failed feed with its reason."""
    failed = [f for f in feeds if not f.ok]
    if not failed:
        return
    if all(f.unreachable for f in feeds):
        st.warning(
            plain(message("watch.feeds_offline", lang, count=len(feeds))),
            icon=":material/cloud_off:",
        )
    label = message("watch_page.feeds_failed", lang, failed=len(failed), count=len(feeds))
    with st.expander(label, icon=":material/rss_feed:"):
        for feed in failed:
            st.caption(f"{plain(feed.url)}: {error_text(feed.error or 'failed')}")


def render_watch_brief(watch: WatchBrief, brief: Brief, lang: Language) -> None:
    """An opened watch brief: its one line when nothing is new, else the whole brief."""
    if not watch.nothing_new:
        show_brief(brief)
        return
    answer = brief.answer
    st.markdown(f"### {plain(answer.title)}", anchors=False)
    line = answer.sections[0].text if answer.sections else ""
    st.info(plain(line), icon=":material/check:")
    for flag in answer.flags:
        if flag.kind == "notice":
            st.caption(neutralise(flag.message))

"""The watchlist and what was written on it, in the product's database (SQLite, or shared).

- `watch_items`: what each owner watches (symbols, topics, feed URLs);
- `watch_briefs`: one row per watch brief (its id is the saved research brief's, where the
  brief itself is kept and exported), with what the run fetched and whether it was read;
- `watch_reported`: the articles a brief already named, so the next one names only new ones
  (the library's catalog keeps no ingest time, and two runs may fall on the same day);
- `watch_state`: per owner, when the last finished run started, and the lease of the run under
  way. A run is claimed in one write transaction (SQLite's write lock, PostgreSQL's advisory
  lock "watch"), which checks that no other holder's lease is live and that the run is still
  due, so two threads or processes never run the same owner's brief at once, nor twice.

Rows belong to their owner (who signed in; nobody, "", embedded); a store sees only its own.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Collection
from pathlib import Path

from sqlalchemy import delete, func, select, update

from assistant.answer.model import Frozen
from assistant.errors import InputError
from assistant.watch.model import WatchItem, WatchKind
from ingest.database.engine import Database
from ingest.database.migrate import product_database
from ingest.database.schema import (
    NO_OWNER,
    watch_briefs,
    watch_items,
    watch_reported,
    watch_state,
)

LOCK = "watch"


class NewArticle(Frozen):
    """An article a watch brief reports as new: what its list shows and links to."""

    article_id: str
    title: str
    source: str = ""
    date: dt.date | None = None
    url: str | None = None


class FeedOutcome(Frozen):
    """What one subscribed feed gave in a run: its articles' counts, or why it failed."""

    url: str
    ok: bool
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    error: str | None = None
    unreachable: bool = False  # it failed to connect or to answer in time (no network?)


class WatchBrief(Frozen):
    """A watch brief as listed: the saved research brief `id`, and what the run found."""

    id: str
    created: dt.datetime
    title: str
    language: str
    as_of: dt.date | None = None  # the brief's as-of date: the next one measures from it
    nothing_new: bool = False
    articles: tuple[NewArticle, ...] = ()
    feeds: tuple[FeedOutcome, ...] = ()
    read: dt.datetime | None = None

    @property
    def unread(self) -> bool:
        return self.read is None

    @property
    def feeds_failed(self) -> int:
        return sum(not f.ok for f in self.feeds)


class _Detail(Frozen):
    as_of: dt.date | None = None
    articles: tuple[NewArticle, ...] = ()
    feeds: tuple[FeedOutcome, ...] = ()


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _moment(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


class WatchStore:
    """One person's watchlist, briefs and schedule state (`owner`: who is signed in)."""

    def __init__(self, where: Path | Database, owner: str = NO_OWNER) -> None:
        self.db = product_database(where)
        self.owner = owner

    def for_owner(self, owner: str) -> WatchStore:
        """The same database, as another person sees it (no second look at its schema)."""
        view = copy.copy(self)
        view.owner = owner
        return view

    # -- the watchlist ------------------------------------------------------------------------

    def items(self, kind: WatchKind | None = None) -> list[WatchItem]:
        """What is watched, in the order it was added."""
        w = watch_items.c
        query = select(w.kind, w.value, w.added).where(w.owner == self.owner)
        if kind is not None:
            query = query.where(w.kind == kind)
        with self.db.read() as db:
            rows = db.execute(query.order_by(w.added, w.value)).all()
        return [WatchItem(kind=k, value=v, added=dt.datetime.fromisoformat(a)) for k, v, a in rows]

    def add(self, item: WatchItem) -> bool:
        """Watch `item`; False when it was watched already (nothing changes)."""
        row = {"owner": self.owner, "kind": item.kind, "value": item.value}
        # RETURNING, not rowcount: PostgreSQL's driver reports no row count for an insert
        # SQLAlchemy gives a RETURNING of its own (the key has a server default).
        adding = self.db.upsert(watch_items, list(row), update=()).returning(watch_items.c.value)
        with self.db.write() as db:
            added = db.execute(adding, {**row, "added": _iso(item.added)}).first()
        return added is not None

    def remove(self, value: str, kind: WatchKind | None = None) -> list[WatchItem]:
        """Stop watching `value` (of `kind`, or of any kind); the items removed. InputError
        when nothing watched has that value."""
        gone = [i for i in self.items(kind) if i.value.casefold() == value.strip().casefold()]
        if not gone:
            raise InputError(
                f"{value.strip()!r} is not on the watchlist (see 'marketbrief watch ls')"
            )
        w = watch_items.c
        with self.db.write() as db:
            for item in gone:
                db.execute(
                    delete(watch_items).where(
                        w.owner == self.owner, w.kind == item.kind, w.value == item.value
                    )
                )
        return gone

    def owners(self) -> list[str]:
        """Everyone who watches something (the scheduler writes a brief for each)."""
        with self.db.read() as db:
            rows = db.execute(select(watch_items.c.owner).distinct()).all()
        return sorted(row[0] for row in rows)

    def started(self) -> dt.datetime | None:
        """When the watchlist was begun (its oldest item), the schedule's first baseline."""
        with self.db.read() as db:
            first = db.execute(
                select(func.min(watch_items.c.added)).where(watch_items.c.owner == self.owner)
            ).scalar()
        return _moment(first)

    # -- the briefs ---------------------------------------------------------------------------

    def record(self, brief: WatchBrief) -> None:
        """Keep a written watch brief and remember the articles it named, in one transaction."""
        detail = _Detail(as_of=brief.as_of, articles=brief.articles, feeds=brief.feeds)
        row = {
            "id": brief.id,
            "owner": self.owner,
            "created": _iso(brief.created),
            "title": brief.title,
            "language": brief.language,
            "new_articles": len(brief.articles),
            "feeds_ok": len(brief.feeds) - brief.feeds_failed,
            "feeds_failed": brief.feeds_failed,
            "nothing_new": int(brief.nothing_new),
            "read": None if brief.read is None else _iso(brief.read),
            "detail": detail.model_dump_json(),
        }
        reported = [
            {"owner": self.owner, "article_id": a.article_id, "brief_id": brief.id,
             "reported": _iso(brief.created)}
            for a in brief.articles
        ]  # fmt: skip
        with self.db.write() as db:
            db.execute(self.db.upsert(watch_briefs, ["id"]), row)
            if reported:
                db.execute(self.db.upsert(watch_reported, ["owner", "article_id"]), reported)

    def briefs(self, limit: int = 50) -> list[WatchBrief]:
        """The owner's watch briefs, newest first."""
        return self._briefs(None, limit)

    def get(self, brief_id: str) -> WatchBrief:
        found = self._briefs(brief_id, 1)
        if not found:
            raise InputError(f"no watch brief {brief_id!r} (see 'marketbrief watch briefs')")
        return found[0]

    def _briefs(self, brief_id: str | None, limit: int) -> list[WatchBrief]:
        b = watch_briefs.c
        query = select(b.id, b.created, b.title, b.language, b.nothing_new, b.read, b.detail).where(
            b.owner == self.owner
        )
        if brief_id is not None:
            query = query.where(b.id == brief_id)
        with self.db.read() as db:
            rows = db.execute(query.order_by(b.created.desc()).limit(limit)).all()
        found = []
        for brief_id_, created, title, language, nothing_new, read, detail in rows:
            parts = _Detail.model_validate_json(detail)
            found.append(
                WatchBrief(
                    id=brief_id_,
                    created=dt.datetime.fromisoformat(created),
                    title=title,
                    language=language,
                    as_of=parts.as_of,
                    nothing_new=bool(nothing_new),
                    articles=parts.articles,
                    feeds=parts.feeds,
                    read=_moment(read),
                )
            )
        return found

    def unread(self) -> int:
        """How many watch briefs the owner has not opened yet."""
        b = watch_briefs.c
        with self.db.read() as db:
            count = db.execute(
                select(func.count()).where(b.owner == self.owner, b.read.is_(None))
            ).scalar()
        return int(count or 0)

    def mark_read(self, brief_id: str | None = None, when: dt.datetime | None = None) -> None:
        """Mark one brief read (None: all of the owner's)."""
        b = watch_briefs.c
        statement = update(watch_briefs).where(b.owner == self.owner, b.read.is_(None))
        if brief_id is not None:
            statement = statement.where(b.id == brief_id)
        with self.db.write() as db:
            db.execute(statement.values(read=_iso(when or dt.datetime.now(dt.UTC))))

    def delete(self, brief_id: str) -> None:
        """Forget a watch brief (the articles it named stay reported)."""
        b = watch_briefs.c
        with self.db.write() as db:
            db.execute(delete(watch_briefs).where(b.owner == self.owner, b.id == brief_id))

    def reported(self, article_ids: Collection[str]) -> set[str]:
        """Which of these articles an earlier brief already named."""
        if not article_ids:
            return set()
        r = watch_reported.c
        with self.db.read() as db:
            rows = db.execute(
                select(r.article_id).where(
                    r.owner == self.owner, r.article_id.in_(list(article_ids))
                )
            ).all()
        return {row[0] for row in rows}

    # -- the schedule -------------------------------------------------------------------------

    def last_run(self) -> dt.datetime | None:
        """When the last finished run started (None: never ran)."""
        with self.db.read() as db:
            row = db.execute(
                select(watch_state.c.last_run).where(watch_state.c.owner == self.owner)
            ).first()
        return None if row is None else _moment(row[0])

    def claim(
        self,
        holder: str,
        now: dt.datetime,
        lease: dt.timedelta,
        due: Callable[[dt.datetime | None], bool] | None = None,
    ) -> bool:
        """Take the owner's run for `holder` until `now + lease`, if no other holder's lease is
        live and (given `due`) the run is still due after the last finished run: checked and
        taken in one transaction, so of two callers at once one gets it."""
        s = watch_state.c
        with self.db.write(lock=LOCK) as db:
            row = db.execute(
                select(s.last_run, s.holder, s.lease_until).where(s.owner == self.owner)
            ).first()
            last, current, until = (None, None, None) if row is None else row
            if current not in (None, holder) and until is not None and until > _iso(now):
                return False
            if due is not None and not due(_moment(last)):
                return False
            values = {"holder": holder, "lease_until": _iso(now + lease)}
            if row is None:
                db.execute(watch_state.insert().values(owner=self.owner, **values))
            else:
                db.execute(update(watch_state).where(s.owner == self.owner).values(**values))
        return True

    def renew(self, holder: str, now: dt.datetime, lease: dt.timedelta) -> bool:
        """Extend a lease `holder` still holds (False: it lapsed and was taken)."""
        return self._as_holder(holder, lease_until=_iso(now + lease))

    def finish(self, holder: str, started: dt.datetime) -> None:
        """The run `holder` claimed is done: it becomes the last run, the lease is let go."""
        self._as_holder(holder, last_run=_iso(started), holder=None, lease_until=None)

    def release(self, holder: str) -> None:
        """Let go of a lease without counting a run (the run failed: it is due again)."""
        self._as_holder(holder, holder=None, lease_until=None)

    def _as_holder(self, who: str, **values: object) -> bool:
        s = watch_state.c
        with self.db.write(lock=LOCK) as db:
            done = db.execute(
                update(watch_state).where(s.owner == self.owner, s.holder == who).values(**values)
            )
        return done.rowcount > 0

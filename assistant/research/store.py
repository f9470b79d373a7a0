"""Saved briefs and research runs, in the product's database (a SQLite file, or shared).

- `research_briefs`: one row per finished brief, the Brief as JSON plus what a list shows;
- `research_runs`: one row per run, its plan and its progress snapshot, updated as it runs,
  so a page opened later (or refreshed, or served by another replica) finds it. The runs are
  also a queue: a run is "queued" until a worker claims it, "running" while the worker renews
  its heartbeat, then "done" or "failed". A claim takes the oldest queued run, or a running one
  whose heartbeat went stale (its worker died), in one transaction that skips rows another
  worker is claiming (`FOR UPDATE SKIP LOCKED`; SQLite's write lock does the same), so each run
  has one worker at a time on any number of machines.

Briefs and runs belong to their owner (who signed in; nobody, "", embedded): a store reads
and lists only its owner's. Claims and progress are the workers', for every owner.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from sqlalchemy import Connection, delete, select, update

from assistant.answer.links import defang_answer
from assistant.answer.model import Frozen
from assistant.errors import InputError
from assistant.research.brief import Brief, new_id
from assistant.research.plan import Plan
from assistant.research.progress import Progress
from ingest.database.engine import Database
from ingest.database.migrate import product_database
from ingest.database.schema import NO_OWNER, research_briefs, research_runs

RunState = Literal["queued", "running", "done", "failed"]
SETTLED: frozenset[str] = frozenset({"done", "failed"})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class BriefSummary(Frozen):
    """A row of the saved-briefs list."""

    id: str
    topic: str
    title: str
    language: str
    as_of: dt.date
    mode: str
    created: dt.datetime


class RunRecord(Frozen):
    """A research run as stored: its plan, where it is, and who runs it."""

    id: str = Field(default_factory=new_id)
    plan: Plan
    offline: bool = False
    progress: Progress = Field(default_factory=Progress)
    created: dt.datetime = Field(default_factory=_now)
    updated: dt.datetime = Field(default_factory=_now)
    owner: str = NO_OWNER
    state: RunState = "queued"
    worker: str | None = None
    attempts: int = 0


_RUN_COLUMNS = (
    research_runs.c.id,
    research_runs.c.offline,
    research_runs.c.plan,
    research_runs.c.progress,
    research_runs.c.created,
    research_runs.c.updated,
    research_runs.c.owner,
    research_runs.c.state,
    research_runs.c.worker,
    research_runs.c.attempts,
)


def _run(row: Any) -> RunRecord:
    run_id, offline, plan, progress, created, updated, owner, state, worker, attempts = row
    return RunRecord(
        id=run_id,
        offline=bool(offline),
        plan=Plan.model_validate_json(plan),
        progress=Progress.model_validate_json(progress),
        created=dt.datetime.fromisoformat(created),
        updated=dt.datetime.fromisoformat(updated),
        owner=owner,
        state=state,
        worker=worker,
        attempts=attempts,
    )


class ResearchStore:
    def __init__(self, where: Path | Database, owner: str = NO_OWNER) -> None:
        self.db = product_database(where)
        self.owner = owner

    def for_owner(self, owner: str) -> ResearchStore:
        """The same database, as another person sees it (no second look at its schema: pages
        call this on every rerun, a run's watcher every second)."""
        view = copy.copy(self)
        view.owner = owner
        return view

    # -- briefs -------------------------------------------------------------------------------

    def save_brief(self, brief: Brief, owner: str | None = None) -> None:
        answer = brief.answer
        row = {
            "id": brief.id,
            "topic": brief.plan.topic,
            "title": answer.title,
            "language": answer.language,
            "as_of": answer.as_of.isoformat(),
            "mode": answer.mode,
            "article_id": brief.plan.article_id,
            "created": brief.created.isoformat(),
            "body": brief.model_dump_json(),
            "owner": self.owner if owner is None else owner,
        }
        with self.db.write() as db:
            db.execute(self.db.upsert(research_briefs, ["id"]), row)

    def get_brief(self, brief_id: str) -> Brief:
        with self.db.read() as db:
            row = db.execute(
                select(research_briefs.c.body).where(
                    research_briefs.c.id == brief_id, research_briefs.c.owner == self.owner
                )
            ).first()
        if row is None:
            raise InputError(f"no saved brief {brief_id!r} (see 'marketbrief research --list')")
        brief = Brief.model_validate_json(row[0])
        # saved before URLs were defanged when folding: defanged as it comes back
        return brief.model_copy(update={"answer": defang_answer(brief.answer)})

    def list_briefs(self, limit: int = 50) -> list[BriefSummary]:
        b = research_briefs.c
        query = (
            select(b.id, b.topic, b.title, b.language, b.as_of, b.mode, b.created)
            .where(b.owner == self.owner)
            .order_by(b.created.desc())
            .limit(limit)
        )
        with self.db.read() as db:
            rows = db.execute(query).all()
        keys = ("id", "topic", "title", "language", "as_of", "mode", "created")
        return [BriefSummary.model_validate(dict(zip(keys, row, strict=True))) for row in rows]

    def delete_brief(self, brief_id: str) -> None:
        with self.db.write() as db:
            db.execute(
                delete(research_briefs).where(
                    research_briefs.c.id == brief_id, research_briefs.c.owner == self.owner
                )
            )

    # -- runs: what a page sees ---------------------------------------------------------------

    def get_run(self, run_id: str) -> RunRecord | None:
        return self._one(research_runs.c.id == run_id)

    def state_of(self, run_id: str) -> RunState | None:
        """Where a run is in the queue, whoever owns it (None: no such run)."""
        with self.db.read() as db:
            row = db.execute(
                select(research_runs.c.state).where(research_runs.c.id == run_id)
            ).first()
        return None if row is None else row[0]

    def latest_run(self) -> RunRecord | None:
        return self._one(None)

    def _one(self, condition: Any) -> RunRecord | None:
        query = select(*_RUN_COLUMNS).where(research_runs.c.owner == self.owner)
        if condition is not None:
            query = query.where(condition)
        query = query.order_by(research_runs.c.created.desc()).limit(1)
        with self.db.read() as db:
            row = db.execute(query).first()
        return None if row is None else _run(row)

    # -- runs: the queue ----------------------------------------------------------------------

    def enqueue(self, run: RunRecord) -> RunRecord:
        """Store a new run, queued for whichever worker claims it first."""
        run = run.model_copy(update={"owner": self.owner, "state": "queued", "updated": _now()})
        with self.db.write() as db:
            db.execute(
                research_runs.insert().values(
                    id=run.id,
                    topic=run.plan.topic,
                    offline=int(run.offline),
                    plan=run.plan.model_dump_json(),
                    progress=run.progress.model_dump_json(),
                    created=run.created.isoformat(),
                    updated=run.updated.isoformat(),
                    owner=run.owner,
                    state="queued",
                    attempts=0,
                )
            )
        return run

    def claim(self, worker: str, stale_after: dt.timedelta, max_attempts: int) -> RunRecord | None:
        """The next run for `worker`, now marked running under its name: the oldest queued
        one, or one whose worker stopped renewing its heartbeat. A run whose workers died
        `max_attempts` times is failed instead, with the progress it had made."""
        stale = (_now() - stale_after).isoformat()
        r = research_runs.c
        while True:
            with self.db.write() as db:
                row = db.execute(
                    select(*_RUN_COLUMNS)
                    .where((r.state == "queued") | ((r.state == "running") & (r.heartbeat < stale)))
                    .order_by(r.created)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                ).first()
                if row is None:
                    return None
                run = _run(row)
                if run.attempts >= max_attempts:
                    self._give_up(db, run)
                    continue
                now = _now()
                db.execute(
                    update(research_runs)
                    .where(r.id == run.id)
                    .values(
                        state="running",
                        worker=worker,
                        heartbeat=now.isoformat(),
                        updated=now.isoformat(),
                        attempts=run.attempts + 1,
                    )
                )
                return run.model_copy(
                    update={"state": "running", "worker": worker, "attempts": run.attempts + 1}
                )

    @staticmethod
    def _give_up(db: Connection, run: RunRecord) -> None:
        error = (
            f"the run stopped {run.attempts} times with the process running it "
            f"(last: {run.worker}); the steps it finished are kept"
        )
        progress = run.progress.model_copy(update={"status": "failed", "error": error})
        db.execute(
            update(research_runs)
            .where(research_runs.c.id == run.id)
            .values(state="failed", progress=progress.model_dump_json(), updated=_now().isoformat())
        )

    def save_progress(self, run: RunRecord, worker: str) -> bool:
        """Store the run's progress (and renew its heartbeat), if `worker` still holds it;
        False when another worker has taken it over (this one was presumed dead)."""
        state = "running"
        if run.progress.status in SETTLED:
            state = run.progress.status
        return self._as_holder(
            run.id,
            worker,
            progress=run.progress.model_dump_json(),
            state=state,
        )

    def beat(self, run_id: str, worker: str) -> bool:
        """Renew the heartbeat of a run `worker` holds (False: it no longer does)."""
        return self._as_holder(run_id, worker)

    def _as_holder(self, run_id: str, worker: str, **values: object) -> bool:
        now = _now().isoformat()
        r = research_runs.c
        with self.db.write() as db:
            changed = db.execute(
                update(research_runs)
                .where(r.id == run_id, r.worker == worker, r.state == "running")
                .values(heartbeat=now, updated=now, **values)
            )
        return changed.rowcount > 0

"""Saved briefs and research runs, in the product's SQLite file (`settings.db_path`).

Two tables of our own (the chat's conversations live in the same file, in theirs):

- `research_briefs`: one row per finished brief, the Brief as JSON plus what a list shows;
- `research_runs`: one row per run, its plan and its progress snapshot, updated as it runs,
  so a page opened later (or refreshed) can find a run that is running or has finished.

Every call opens its own short connection: runs write from background threads, pages read from
Streamlit's threads, and SQLite serialises them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field

from assistant.answer.links import defang_answer
from assistant.answer.model import Frozen
from assistant.errors import InputError
from assistant.research.brief import Brief, new_id
from assistant.research.plan import Plan
from assistant.research.progress import Progress
from ingest.sqlite import opened, transaction

_SCHEMA = """
CREATE TABLE IF NOT EXISTS research_briefs (
    id TEXT PRIMARY KEY,
    topic TEXT NOT NULL,
    title TEXT NOT NULL,
    language TEXT NOT NULL,
    as_of TEXT NOT NULL,
    mode TEXT NOT NULL,
    article_id TEXT,
    created TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS research_runs (
    id TEXT PRIMARY KEY,
    topic TEXT NOT NULL,
    offline INTEGER NOT NULL,
    plan TEXT NOT NULL,
    progress TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
"""


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
    """A research run as stored: its plan and where it is."""

    id: str = Field(default_factory=new_id)
    plan: Plan
    offline: bool = False
    progress: Progress = Field(default_factory=Progress)
    created: dt.datetime = Field(default_factory=_now)
    updated: dt.datetime = Field(default_factory=_now)


class ResearchStore:
    def __init__(self, db_path: Path) -> None:
        self.path = db_path
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with opened(self.path) as db:
            db.executescript(_SCHEMA)

    # -- briefs -------------------------------------------------------------------------------

    def save_brief(self, brief: Brief) -> None:
        answer = brief.answer
        with opened(self.path) as db, transaction(db):
            db.execute(
                "INSERT OR REPLACE INTO research_briefs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    brief.id,
                    brief.plan.topic,
                    answer.title,
                    answer.language,
                    answer.as_of.isoformat(),
                    answer.mode,
                    brief.plan.article_id,
                    brief.created.isoformat(),
                    brief.model_dump_json(),
                ),
            )

    def get_brief(self, brief_id: str) -> Brief:
        with opened(self.path) as db:
            row = db.execute(
                "SELECT body FROM research_briefs WHERE id = ?", (brief_id,)
            ).fetchone()
        if row is None:
            raise InputError(f"no saved brief {brief_id!r} (see 'marketbrief research --list')")
        brief = Brief.model_validate_json(row[0])
        # saved before URLs were defanged when folding: defanged as it comes back
        return brief.model_copy(update={"answer": defang_answer(brief.answer)})

    def list_briefs(self, limit: int = 50) -> list[BriefSummary]:
        with opened(self.path) as db:
            rows = db.execute(
                "SELECT id, topic, title, language, as_of, mode, created FROM research_briefs "
                "ORDER BY created DESC LIMIT ?",
                (limit,),
            ).fetchall()
        keys = ("id", "topic", "title", "language", "as_of", "mode", "created")
        return [BriefSummary.model_validate(dict(zip(keys, row, strict=True))) for row in rows]

    def delete_brief(self, brief_id: str) -> None:
        with opened(self.path) as db, transaction(db):
            db.execute("DELETE FROM research_briefs WHERE id = ?", (brief_id,))

    # -- runs ---------------------------------------------------------------------------------

    def save_run(self, run: RunRecord) -> RunRecord:
        run = run.model_copy(update={"updated": _now()})
        with opened(self.path) as db, transaction(db):
            db.execute(
                "INSERT OR REPLACE INTO research_runs VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    run.id,
                    run.plan.topic,
                    int(run.offline),
                    run.plan.model_dump_json(),
                    run.progress.model_dump_json(),
                    run.created.isoformat(),
                    run.updated.isoformat(),
                ),
            )
        return run

    def get_run(self, run_id: str) -> RunRecord | None:
        return self._one("WHERE id = ?", (run_id,))

    def latest_run(self) -> RunRecord | None:
        return self._one("ORDER BY created DESC LIMIT 1", ())

    def _one(self, where: str, args: tuple[object, ...]) -> RunRecord | None:
        with opened(self.path) as db:
            row = db.execute(
                f"SELECT id, offline, plan, progress, created, updated FROM research_runs {where}",
                args,
            ).fetchone()
        if row is None:
            return None
        run_id, offline, plan, progress, created, updated = row
        return RunRecord(
            id=run_id,
            offline=bool(offline),
            plan=Plan.model_validate_json(plan),
            progress=Progress.model_validate_json(progress),
            created=dt.datetime.fromisoformat(created),
            updated=dt.datetime.fromisoformat(updated),
        )

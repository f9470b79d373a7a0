"""Which strategies LLM mode tries for a model, in order, and what it remembers of each model.

The ladder: (1) the agent, which calls the tools itself, for models that do that well; (2) the
writer (`assistant.llm.writer`): code gathers, one model call writes the sections as JSON;
(3) the offline composer. `MARKETBRIEF_LLM_STRATEGY` picks `agent`, `writer` or `auto`; with
`auto` a model that fails a rung (output that is not an answer, a tool call it cannot make, a
limit hit, a server that refuses tools) moves down at once, and the failure is remembered for
that model (endpoint and name) for a day, so its next questions start on the rung that works.
A rung before the last may use half the time left, so a model that rambles or loops through
the agent's steps leaves the writer time to answer. A model that is only slow to start (no
token within `llm_first_token_timeout_s`) moves down too, but is not marked: the server may
only have been busy. The endpoint failing (refused,
timed out, 5xx, a bad key) or the run's time running out skips the lower rungs: they would
fail the same way, so the question goes straight to the offline composer.

The memory is a small table in the product's SQLite file, so the CLI, which starts a process
per question, remembers as the browser does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from sqlalchemy import select

from assistant.llm.failures import LLMRunError, NoReply, OutOfTime
from assistant.llm.writer import SHAPES, Shape
from ingest.database.engine import Database
from ingest.database.migrate import product_database
from ingest.database.schema import llm_models

Strategy = Literal["agent", "writer", "auto"]
Rung = Literal["agent", "writer"]
FORGET_AFTER_S = 24 * 3600  # a model (or the server behind it) may have changed since


def share(deadline: float, now: float, last: bool) -> float:
    """The deadline of a rung: the run's for the last rung, half the time left for another."""
    return deadline if last else now + (deadline - now) / 2


def moves_down(error: BaseException, last: bool) -> bool:
    """Could the next rung succeed where this one failed? Not when the run's time is up or the
    endpoint itself failed; yes when the model's output or its use of tools was the trouble,
    or when a rung before the last used up its share of the time."""
    import json

    import openai
    from langchain.agents.middleware.model_call_limit import ModelCallLimitExceededError
    from langchain_core.exceptions import OutputParserException
    from langgraph.errors import GraphRecursionError

    if isinstance(error, OutOfTime):
        return not last
    the_model = (
        LLMRunError,
        OutputParserException,
        json.JSONDecodeError,
        ModelCallLimitExceededError,
        GraphRecursionError,
        openai.BadRequestError,  # e.g. a server that takes no tools, or no response format
        openai.UnprocessableEntityError,
    )
    return isinstance(error, the_model)


class ModelMemory:
    """What LLM mode has learned about each model: rungs it failed, the JSON shape it takes."""

    def __init__(self, where: Path | Database | None, now: Callable[[], float] = time.time) -> None:
        self._where = where  # the product's database (opened when first needed), or none
        self._now = now
        self._failed: dict[tuple[str, Rung], float] = {}
        self._shapes: dict[str, Shape] = {}
        self._loaded = False

    def rungs(self, strategy: Strategy, model: str) -> list[Rung]:
        """The rungs to try, in order: one for `agent` or `writer`; for `auto`, the agent
        unless this model failed it lately, then the writer, always: it is the model's last
        chance before offline and one call, so a one-off bad reply does not cost it a day."""
        if strategy != "auto":
            return [strategy]
        self._load()
        failed_at = self._failed.get((model, "agent"), -FORGET_AFTER_S)
        agent_fresh = self._now() - failed_at >= FORGET_AFTER_S
        return ["agent", "writer"] if agent_fresh else ["writer"]

    def failed(self, model: str, rung: Rung, error: BaseException) -> None:
        """Remember that `model` failed `rung` (a slow start is not held against it; the
        writer is tried whatever it did)."""
        if isinstance(error, NoReply) or rung != "agent":
            return
        self._failed[(model, rung)] = self._now()
        self._save(model, rung, failed_at=self._failed[(model, rung)])

    def shapes(self, model: str) -> list[Shape]:
        """The JSON response shapes to try, the one this model took last time first."""
        self._load()
        known = self._shapes.get(model)
        return [known, *(s for s in SHAPES if s != known)] if known else list(SHAPES)

    def took(self, model: str, shape: Shape) -> None:
        if self._shapes.get(model) != shape:
            self._shapes[model] = shape
            self._save(model, "writer", shape=shape)

    def _load(self) -> None:
        if self._loaded or self._where is None:
            self._loaded = True
            return
        if isinstance(self._where, Path) and not self._where.exists():
            self._loaded = True  # nothing learned yet: no file made for nothing
            return
        with self._database().read() as db:
            for model, rung, failed_at, shape in db.execute(select(llm_models)):
                if failed_at is not None:
                    self._failed[(model, rung)] = float(failed_at)
                if shape in SHAPES:
                    self._shapes[model] = shape
        self._loaded = True

    def _save(self, model: str, rung: Rung, **values: object) -> None:
        if self._where is None:
            return
        database = self._database()
        column = next(iter(values))  # "failed_at" or "shape": one at a time
        with database.write() as db:
            db.execute(
                database.upsert(llm_models, ["model", "rung"], update=[column]),
                {"model": model, "rung": rung, column: values[column]},
            )

    def _database(self) -> Database:
        if not isinstance(self._where, Database):
            assert self._where is not None
            self._where = product_database(self._where)
        return self._where

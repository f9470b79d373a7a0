"""One run's view of the product: the settings, the cached services, and the Assistant.

Every page starts with `context.load()`. Each service is opened on first use in the run (and
built once per process, see `ui.resources`), so a page can put the cheap parts on screen (the
chat box, the conversation list) before it waits for the index or the price store. A service
that cannot be opened is left out with its reason in `problems`, so the page can say what is
wrong instead of failing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from assistant.conversation.history import HistoryStore
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.settings import Settings, load_settings
from ui import resources
from ui.preferences import Preferences, current, effective_settings

if TYPE_CHECKING:
    from assistant.engine import Assistant
    from assistant.watch.store import WatchStore
    from ingest.index import Index
    from tools.market import MarketData

T = TypeVar("T")


class Context:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings  # the environment's (the sidebar's endpoint is applied later)
        self.problems: dict[str, str] = {}  # service -> why it could not be opened

    @cached_property
    def owner(self) -> str:
        """Who is signed in ("" in the embedded app, where nobody signs in)."""
        from ui.auth import signed_in_user

        return signed_in_user(self.settings)

    @cached_property
    def history(self) -> HistoryStore:
        return resources.history(self.settings).for_owner(self.owner)

    @cached_property
    def watch(self) -> WatchStore:
        """The signed-in person's watchlist and watch briefs."""
        return resources.watch_store(self.settings).for_owner(self.owner)

    def _open(self, name: str, factory: Callable[[Settings], T]) -> T | None:
        try:
            return factory(self.settings)
        except EXPECTED_ERRORS as error:
            self.problems[name] = str(error) or type(error).__name__
            return None

    @cached_property
    def market(self) -> MarketData | None:
        return self._open("market", resources.market_data)

    @cached_property
    def index(self) -> Index | None:
        return self._open("index", resources.commentary_index)

    def latest_close(self) -> dt.date | None:
        """The latest stored close of any symbol (None: no prices yet)."""
        if self.market is None:
            return None
        try:
            return self.market.last_date()
        except EXPECTED_ERRORS:
            return None

    def article_count(self) -> int:
        if self.index is None:
            return 0
        try:
            return self.index.count()
        except EXPECTED_ERRORS:
            return 0

    def assistant(self, preferences: Preferences | None = None) -> Assistant:
        """An Assistant over the shared services, with the sidebar's endpoint and filters."""
        from assistant.engine import Assistant
        from assistant.question.scope import ScopedIndex
        from assistant.question.vocabulary import library_words

        chosen = preferences or current()
        settings = effective_settings(self.settings, chosen)
        index = self.index
        searched = ScopedIndex(index, chosen.scope) if index and chosen.scope.active else index
        # No shared chat model: the Assistant builds one per rung of each run from `settings`,
        # with an HTTP client of its own that it closes when the run ends or the tab goes.
        offline: dict[str, Any] = {"model": None} if chosen.offline else {}
        assistant = Assistant(
            settings,
            market=self.market,
            index=searched,
            vocabulary=resources.vocabulary(*library_words(index)),
            **offline,
        )
        assistant.unavailable.update(self.problems)
        return assistant


def load() -> Context:
    """This run's context (ConfigError when a setting is invalid). Nothing is opened yet."""
    return Context(load_settings())

"""What the MCP tools and resources run on: the services, built once, and which failures a
caller is told about.

The services (market data, the library's index, the research store) are built on the first
call that needs them, not at start-up: a desktop client starts the server with every session
and most sessions call a tool or two. They are built under a lock, since calls arrive on
worker threads (the SDK runs each synchronous tool in one) and two first calls must not open
the library twice; once built they are shared, as the browser app shares them between its
sessions. They are the Assistant's own (it builds each service once and keeps the reason of
one it could not build): `ask` still answers from what is there, with a notice, and a tool
that needs the missing one says why.

The Assistant holds the vocabulary read from the library's tickers, so after `library_add` it
is rebuilt over the same services to know the new ones.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, cast

from mcp.server.mcpserver.exceptions import ToolError

from assistant.errors import MarketbriefError
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.redact import redact

if TYPE_CHECKING:
    from assistant.engine import Assistant
    from assistant.research.store import ResearchStore
    from assistant.settings import Settings
    from ingest.index import Index
    from tools.market import MarketData

MAX_MESSAGE_CHARS = 600


class Unavailable(MarketbriefError):
    """A service the call needs could not be built (no price store yet, the library down)."""


def one_line(text: str) -> str:
    """`text` on one line, without a key in it, and not endless."""
    flat = " ".join(redact(text).split())
    return flat if len(flat) <= MAX_MESSAGE_CHARS else flat[:MAX_MESSAGE_CHARS] + " …"


@contextmanager
def told() -> Iterator[None]:
    """Failures the product expects (bad input, missing data, a service down) become the
    caller's tool error, one line; anything else is a bug and is raised as it is (the SDK logs
    its traceback and tells the caller only that the tool failed)."""
    try:
        yield
    except EXPECTED_ERRORS as error:
        raise ToolError(one_line(str(error)) or type(error).__name__) from error


class Backend:
    """The services behind the server: one Assistant (which builds the market data and the
    library on first use and keeps why one could not be built), and the research store."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._assistant: Assistant | None = None
        self._store: ResearchStore | None = None

    def assistant(self) -> Assistant:
        """The Assistant, its services and vocabulary built under the lock (not by two calls at
        once)."""
        with self._lock:
            return self._built()

    def _built(self) -> Assistant:
        if self._assistant is None:
            from assistant.engine import Assistant

            assistant = Assistant(self.settings)
            assistant.vocabulary  # noqa: B018 (opens the library and reads its tickers now)
            assistant.market  # noqa: B018
            self._assistant = assistant
        return self._assistant

    def market(self) -> MarketData:
        with self._lock:
            assistant = self._built()
            if assistant.market is None:
                reason = one_line(assistant.unavailable.get("market", "not configured"))
                raise Unavailable(f"market data is unavailable: {reason}")
            return cast("MarketData", assistant.market)

    def index(self) -> Index:
        with self._lock:
            assistant = self._built()
            if assistant.index is None:
                reason = one_line(assistant.unavailable.get("index", "not configured"))
                raise Unavailable(f"the library is unavailable: {reason}")
            return cast("Index", assistant.index)

    def research(self) -> ResearchStore:
        """The saved briefs (the product's database: SQLite in the data directory, or shared)."""
        with self._lock:
            if self._store is None:
                from assistant import services
                from assistant.research.store import ResearchStore

                self._store = ResearchStore(services.product_store(self.settings))
            return self._store

    def library_changed(self) -> None:
        """Articles were added: the next call's Assistant, over the same services, reads the
        library's tickers again."""
        from assistant.engine import Assistant

        with self._lock:
            old = self._assistant
            if old is not None:
                self._assistant = Assistant(self.settings, market=old.market, index=old.index)
                self._assistant.unavailable.update(old.unavailable)

    def close(self) -> None:
        with self._lock:
            if self._assistant is not None and self._assistant.index is not None:
                cast("Index", self._assistant.index).close()
            self._assistant = None

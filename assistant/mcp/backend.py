"""What the MCP tools and resources run on: the services, built once, and which failures a
caller is told about.

The services (market data, the library's index, the research store) are built on the first
call that needs them, not at start-up: a desktop client starts the server with every session
and most sessions call a tool or two. They are built under a lock, since calls arrive on
worker threads (the SDK runs each synchronous tool in one) and two first calls must not open
the library twice; once built they are shared, as the browser app shares them between its
sessions. A service that cannot be built is left out with its reason: `ask` still answers
from what is there, with a notice, and a tool that needs the missing one says why.

The Assistant holds the vocabulary read from the library's tickers, so after `library_add` it
is rebuilt over the same services to know the new ones.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

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
    """The services behind the server, built on first use and shared by every call."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._built = False
        self._market: MarketData | None = None
        self._index: Index | None = None
        self._unavailable: dict[str, str] = {}
        self._assistant: Assistant | None = None
        self._store: ResearchStore | None = None

    def _build(self) -> None:
        """Open the market data and the library (once), keeping the reason of either failing."""
        if self._built:
            return
        from assistant import services

        try:
            self._market = services.market_data(self.settings)
        except EXPECTED_ERRORS as error:
            self._unavailable["market"] = one_line(str(error))
        try:
            self._index = services.commentary_index(self.settings)
        except EXPECTED_ERRORS as error:
            self._unavailable["index"] = one_line(str(error))
        self._built = True

    def assistant(self) -> Assistant:
        """The Assistant over the shared services (the chat model is its own, from the settings)."""
        with self._lock:
            if self._assistant is None:
                self._build()
                self._assistant = self._new_assistant()
            return self._assistant

    def _new_assistant(self) -> Assistant:
        from assistant.engine import Assistant

        assistant = Assistant(self.settings, market=self._market, index=self._index)
        assistant.unavailable.update(self._unavailable)
        assistant.vocabulary  # noqa: B018 (read now, under the lock, not by two calls at once)
        return assistant

    def market(self) -> MarketData:
        with self._lock:
            self._build()
            if self._market is None:
                raise Unavailable(f"market data is unavailable: {self._unavailable['market']}")
            return self._market

    def index(self) -> Index:
        with self._lock:
            self._build()
            if self._index is None:
                raise Unavailable(f"the library is unavailable: {self._unavailable['index']}")
            return self._index

    def research(self) -> ResearchStore:
        """The saved briefs (the product's database: SQLite in the data directory, or shared)."""
        with self._lock:
            if self._store is None:
                from assistant import services
                from assistant.research.store import ResearchStore

                self._store = ResearchStore(services.product_store(self.settings))
            return self._store

    def library_changed(self) -> None:
        """Articles were added: the next call's Assistant reads the library's tickers again."""
        with self._lock:
            self._assistant = None

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None
            self._built = False
            self._assistant = None

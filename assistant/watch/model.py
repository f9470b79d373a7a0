"""What a watchlist holds: symbols, topics and feeds, and how what a person typed is read.

One box takes all three, so the reading is done here, once, for the CLI and the Watch page:

- an http(s) URL is a feed subscription; any other URL (ftp://, file://) is refused;
- a name or ticker the assistant knows is a symbol, stored as its ticker ("罗素2000" -> ^RUT,
  "Nvidia" -> NVDA, "aapl" -> AAPL); an unknown word typed as a ticker (capitals, no spaces:
  "ACMR") is taken as a ticker too, for the price store to accept or not;
- anything else ("AI 芯片", "small caps", "美联储降息") is a topic, searched in the library.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import Field

from assistant.answer.model import Frozen
from assistant.errors import InputError
from ingest.urlguard import has_scheme

WatchKind = Literal["symbol", "topic", "feed"]
KINDS: tuple[WatchKind, ...] = ("symbol", "topic", "feed")
MAX_TOPIC_CHARS = 120
MAX_URL_CHARS = 2_000
_TYPED_TICKER = re.compile(r"^\$?\^?[A-Z0-9][A-Z0-9.\-=]{0,11}$")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class WatchItem(Frozen):
    """One thing watched: its kind, its value (a ticker, a topic, a feed URL), when added."""

    kind: WatchKind
    value: str
    added: dt.datetime = Field(default_factory=_now)


def read_item(text: str, kind: WatchKind | None = None) -> WatchItem:
    """What a person typed, as a watch item (`kind` forces the reading); InputError in one
    line for what cannot be watched."""
    value = " ".join(text.split())
    if not value:
        raise InputError("nothing to watch: give a symbol (AAPL, 罗素2000), a topic or a feed URL")
    if kind == "feed" or (kind is None and has_scheme(value)):
        return WatchItem(kind="feed", value=_feed_url(value))
    if kind == "symbol":
        return WatchItem(kind="symbol", value=_symbol(value, strict=True) or value)
    if kind is None and (symbol := _symbol(value, strict=False)):
        return WatchItem(kind="symbol", value=symbol)
    if len(value) > MAX_TOPIC_CHARS:
        raise InputError(f"a topic is at most {MAX_TOPIC_CHARS} characters, this one {len(value)}")
    return WatchItem(kind="topic", value=value)


def _feed_url(value: str) -> str:
    scheme = value.partition("://")[0].lower()
    if scheme not in ("http", "https"):
        raise InputError(f"a feed is an http or https URL, not {scheme or 'this'}:// ({value!r})")
    if len(value) > MAX_URL_CHARS or " " in value or not value.partition("://")[2].strip("/"):
        raise InputError(f"not a usable feed URL: {value[:80]!r}")
    return value


def _symbol(value: str, *, strict: bool) -> str | None:
    """The ticker a name or ticker means; None when it is no symbol (strict: InputError)."""
    from tools.companies import company_name
    from tools.errors import UnknownSymbolError
    from tools.symbols import known_symbols, resolve_symbol

    try:
        symbol = resolve_symbol(value)
    except UnknownSymbolError as error:
        if strict:
            raise InputError(str(error)) from None
        return None
    known = symbol in known_symbols() or company_name(symbol, "en") is not None
    if strict or known or symbol != value.upper().removeprefix("$"):
        return symbol  # a name or alias resolved, not just upper-cased
    return symbol if _TYPED_TICKER.match(value) else None

"""The yfinance provider: the only module that imports yfinance.

Split the way OpenBB splits its providers, so each step is testable on its own:
`transform_query` (our symbol and dates -> yfinance arguments), `extract` (the network call, run
under our deadline) and `transform_data` (yfinance's frame -> our price frame).

Choices, checked against the installed yfinance (1.7):

- We pass a `requests.Session` we create. yfinance accepts one (`YfData._set_session` checks for
  a curl_cffi or requests Session) and otherwise defaults to curl_cffi, which no HTTP mocking
  library can replay; with requests the tests replay recorded Yahoo chart bodies offline through
  `responses`, and a proxy setting on the session can point at a loopback server.
- `auto_adjust=True`: Close is split- and dividend-adjusted, the same close the shared CSVs and
  yfinance's own default carry, so stored history and fresh rows agree.
- `yf.config.debug.hide_exceptions = False`: by default yfinance logs a failure and returns an
  empty frame; we want the exception, to say why in one line.
- yfinance is imported on first use (it costs ~2.5 s), so commands that never go online stay
  fast. Its cookie/timezone caches go to our data directory, not the user's cache folder.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pandas as pd

from tools.deadline import call_with_deadline
from tools.errors import ProviderError
from tools.frames import to_price_frame
from tools.notes import Note

if TYPE_CHECKING:  # requests loads with yfinance, when prices are fetched: answers need neither
    import requests

_IMPORT_LOCK = threading.Lock()


@dataclass(frozen=True)
class YahooQuery:
    """The arguments of one `Ticker.history` call."""

    ticker: str
    params: dict[str, Any] = field(default_factory=dict)


def transform_query(symbol: str, start: dt.date | None, timeout_s: float) -> YahooQuery:
    """Our request -> yfinance's. No `end`: yfinance then asks up to now, and never serves the
    answer from its in-process cache (it caches only ranges that ended 30 minutes ago)."""
    params: dict[str, Any] = {
        "interval": "1d",
        "auto_adjust": True,
        "actions": False,
        "timeout": timeout_s,
    }
    if start is None:
        params["period"] = "max"
    else:
        params["start"] = start.isoformat()
    return YahooQuery(ticker=symbol, params=params)


def transform_data(symbol: str, raw: pd.DataFrame) -> pd.DataFrame:
    """yfinance's history frame (tz-aware index, Open..Volume) -> our price frame."""
    if raw is None or raw.empty:
        raise ProviderError(f"yfinance returned no prices for {symbol}")
    missing = {"Close"} - set(raw.columns)
    if missing:
        raise ProviderError(f"yfinance returned no Close column for {symbol}")
    frame = to_price_frame(raw)
    if frame.empty:
        raise ProviderError(f"yfinance returned no closes for {symbol}")
    return frame


class YahooProvider:
    """Daily prices from Yahoo Finance through yfinance, one symbol per call, under a deadline."""

    name = "yfinance"

    def __init__(
        self,
        timeout_s: float = 10.0,
        cache_dir: Path | None = None,
        session_factory: Callable[[], requests.Session] | None = None,
    ) -> None:
        self.timeout_s = timeout_s
        self.cache_dir = cache_dir
        self.session_factory = session_factory or _requests_session

    def fetch(self, symbol: str, start: dt.date | None) -> pd.DataFrame:
        _yfinance(self.cache_dir)  # import outside the deadline: it is slow but never hangs
        query = transform_query(symbol, start, self.timeout_s)
        raw = call_with_deadline(lambda: self.extract(query), self.timeout_s, self.name)
        return transform_data(symbol, raw)

    def extract(self, query: YahooQuery) -> pd.DataFrame:
        """The network call. Runs in the deadline's worker thread."""
        yf = _yfinance(self.cache_dir)
        try:
            ticker = yf.Ticker(query.ticker, session=self.session_factory())
            return ticker.history(**query.params)
        except _yfinance_failures() as error:  # one line names the cause
            reason = _reason(query.ticker, error)
            raise ProviderError(reason, key=reason.key, **reason.facts) from error


def _yfinance_failures() -> tuple[type[Exception], ...]:
    """What yfinance raises when Yahoo or its caches fail: its own errors, its caches' database
    errors, the HTTP errors of requests, and, since it reads Yahoo's JSON without checking its
    shape, the lookup, type and value errors of an answer that is not what it expects (an
    empty result, an error page, a changed format)."""
    import sqlite3

    import peewee
    import requests
    from yfinance.exceptions import YFException

    return (
        YFException,
        peewee.PeeweeException,  # its timezone and cookie caches, SQLite files through peewee
        sqlite3.Error,
        NotImplementedError,  # yfinance's YFNotImplementedError
        requests.RequestException,
        OSError,
        LookupError,
        TypeError,
        ValueError,
    )


def _requests_session() -> requests.Session:
    import requests

    return requests.Session()


def _yfinance(cache_dir: Path | None) -> ModuleType:
    """Import and configure yfinance once; point its caches at `cache_dir`."""
    with _IMPORT_LOCK:
        import yfinance as yf
        from yfinance import cache as yf_cache

        yf.config.debug.hide_exceptions = False
        # Its own warnings (pandas deprecations) and log lines are not for our users.
        warnings.filterwarnings("ignore", module=r"yfinance(\..*)?")
        logger = logging.getLogger("yfinance")
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
        if cache_dir is not None and yf_cache._TzDBManager.get_location() != str(cache_dir):
            try:
                cache_dir.mkdir(parents=True, exist_ok=True)
            except OSError:  # a read-only or full data directory: yfinance keeps its default
                return yf
            yf_cache.set_cache_location(str(cache_dir))
            # yfinance keeps the caches it opened at the old place, a folder perhaps removed
            # since ("unable to open database file"): dropped, they open at the new one
            for manager, opened in _OPENED_CACHES:
                if hasattr(yf_cache, manager):
                    setattr(getattr(yf_cache, manager), opened, None)
        return yf


# yfinance's cache managers and the attribute holding each one's open cache (yfinance 1.x)
_OPENED_CACHES = (("_TzCacheManager", "_tz_cache"), ("_CookieCacheManager", "_Cookie_cache"))


def _reason(symbol: str, error: Exception) -> Note:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    kind = type(error).__name__
    if kind in {"YFPricesMissingError", "YFTzMissingError", "YFInvalidPeriodError"}:
        return Note(f"yfinance has no prices for {symbol} ({text})", "yf_no_prices", symbol=symbol)
    import requests  # loaded already: yfinance uses it

    if isinstance(error, requests.RequestException):
        unreached = f"yfinance could not reach Yahoo for {symbol} ({kind})"
        return Note(unreached, "yf_unreachable", symbol=symbol, kind=kind)
    failed = f"yfinance failed for {symbol}: {kind}: {text}"
    return Note(failed, "yf_failed", symbol=symbol, kind=kind, detail=text)

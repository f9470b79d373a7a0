"""The services behind the pages, built once per process and shared by every session.

Opening the price store or the index (Chroma and the BM25 index) takes seconds; Streamlit
reruns the page script on every click, so each is a `st.cache_resource`, keyed on the settings
that decide what it is (the data directory, the embedding endpoint). The chat model is not
shared: each run builds its own, so its HTTP client can be closed when the run is abandoned.
Changing a setting in a key builds a new service; anything else reuses what is there. A
service that cannot be built raises, and is not cached, so fixing the cause and retrying works.

The API key is never part of a cache key in plain text: only a fingerprint of it is.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

import streamlit as st

from assistant import services
from assistant.conversation.history import HistoryStore
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.question.vocabulary import Vocabulary
    from assistant.research.store import ResearchStore
    from assistant.watch.store import WatchStore
    from ingest.index import Index
    from tools.market import MarketData


def fingerprint(secret: str | None) -> str:
    """A short one-way digest: enough to tell two keys apart, useless to anyone reading it."""
    return hashlib.sha256(secret.encode()).hexdigest()[:16] if secret else ""


def _key(settings: Settings, *names: str) -> tuple[Any, ...]:
    return tuple(str(getattr(settings, name)) for name in names)


def _api_key(settings: Settings) -> str | None:
    return settings.openai_api_key.get_secret_value() if settings.openai_api_key else None


def market_data(settings: Settings) -> MarketData:
    key = _key(settings, "home", "network_timeout_s", "price_refresh_after_hours")
    return _market_data((*key, database_key(settings)), settings)


@st.cache_resource(show_spinner=False)
def _market_data(key: tuple[Any, ...], _settings: Settings) -> MarketData:
    return services.market_data(_settings)


def commentary_index(settings: Settings) -> Index:
    """The library; raises (an IngestError) when it cannot be opened."""
    key = _key(settings, "home", "chroma_host", "chroma_port", "collection", "embedding")
    key += (database_key(settings),)
    if settings.embedding == "openai":
        key += (settings.openai_base_url, settings.embedding_model, fingerprint(_api_key(settings)))
    return _commentary_index(key, settings)


@st.cache_resource(show_spinner=False)
def _commentary_index(key: tuple[Any, ...], _settings: Settings) -> Index:
    return services.commentary_index(_settings)


@st.cache_resource(show_spinner=False)
def vocabulary(
    tickers: frozenset[str] = frozenset(),
    glosses: tuple[tuple[str, str], ...] = (),
    names: tuple[tuple[str, str], ...] = (),
) -> Vocabulary:
    """The vocabulary, with the tickers the library's articles carry, the acronyms and the
    companies they gloss in Chinese (rebuilt when they change, e.g. after an ingest)."""
    from assistant.question.vocabulary import default_vocabulary

    return default_vocabulary(tickers, glosses, names)


def history(settings: Settings) -> HistoryStore:
    """The conversations store, as nobody in particular (see `HistoryStore.for_owner`)."""
    return _history(database_key(settings), settings)


@st.cache_resource(show_spinner=False)
def _history(key: str, _settings: Settings) -> HistoryStore:
    return HistoryStore(services.product_store(_settings))


def watch_store(settings: Settings) -> WatchStore:
    """The watchlists and their briefs, as nobody in particular (see `WatchStore.for_owner`)."""
    return _watch_store(database_key(settings), settings)


@st.cache_resource(show_spinner=False)
def _watch_store(key: str, _settings: Settings) -> WatchStore:
    from assistant.watch.store import WatchStore

    return WatchStore(services.product_store(_settings))


def research_store(settings: Settings) -> ResearchStore:
    """The saved research briefs (a watch brief is one too), as nobody in particular."""
    return _research_store(database_key(settings), settings)


@st.cache_resource(show_spinner=False)
def _research_store(key: str, _settings: Settings) -> ResearchStore:
    from assistant.research.store import ResearchStore

    return ResearchStore(services.product_store(_settings))


def database_key(settings: Settings) -> str:
    """Which database the product's tables are in (its URL holds a password: fingerprinted)."""
    return fingerprint(settings.app_database)

"""The one factory for every external service.

Each service (market data over the price store, the commentary index, the chat model) is built
here from the settings, and only here. Tests pass fakes or loopback servers through the same
door instead of patching internals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # each service imports what it needs when it is built (start-up stays fast)
    from pathlib import Path

    from langchain_core.language_models import BaseChatModel

    from assistant.settings import Settings
    from ingest.catalog import Catalog
    from ingest.database.engine import Database
    from ingest.index import Index
    from tools.market import MarketData


def market_data(settings: Settings) -> MarketData:
    """Market data over the local price store, refreshed from yfinance under a deadline."""
    import datetime as dt

    from tools.market import MarketData
    from tools.store import PriceStorage, PriceStore
    from tools.yahoo import YahooProvider

    provider = YahooProvider(
        timeout_s=settings.network_timeout_s, cache_dir=settings.home / "cache" / "yfinance"
    )
    store: PriceStorage = PriceStore(settings.prices_dir)
    if settings.shared:  # every machine reads and refreshes the same prices
        from ingest.database.migrate import product_database
        from tools.price_db import DatabasePriceStore

        store = DatabasePriceStore(product_database(product_store(settings)))
    return MarketData(
        store,
        provider,
        refresh_after=dt.timedelta(hours=settings.price_refresh_after_hours),
    )


def commentary_index(settings: Settings | None = None) -> Index:
    """The commentary index: Chroma (local or server) plus the lexical index.

    The catalog and the lexical index live in `<home>/library`; the vectors in the local Chroma
    store at `chroma_dir`, or on the Chroma server named by `chroma_host`/`chroma_port`. The
    embedding is local (no download) unless `embedding = "openai"`. Without `settings`, they
    are read from the environment.
    """
    from ingest.embeddings import Embedder, LocalHashEmbedder, OpenAIEmbedder
    from ingest.index import Index

    if settings is None:  # Chroma's import dwarfs reading the settings: no shortcut here
        from assistant.settings import load_settings

        settings = load_settings()
    _check_embedding(settings)
    embedder: Embedder
    if settings.embedding == "openai":
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        embedder = OpenAIEmbedder(
            settings.embedding_model,
            api_key=key,
            base_url=settings.openai_base_url,
            timeout_s=settings.network_timeout_s,
        )
    else:
        embedder = LocalHashEmbedder()
    return Index.open(
        settings.home / "library",
        embedder=embedder,
        chroma_path=settings.chroma_dir,
        chroma_host=settings.chroma_host,
        chroma_port=settings.chroma_port,
        collection=settings.collection,
        timeout_s=settings.network_timeout_s,
        database_url=_shared_database(settings),
    )


def product_store(settings: Settings) -> Path | Database:
    """Where the product's own tables are (conversations, research, prices, model memory):
    the shared database, or the SQLite file in the data directory (made when first written)."""
    if not settings.shared:
        return settings.db_path
    from ingest.database.engine import Database

    return Database(settings.app_database, "the marketbrief database")


def _shared_database(settings: Settings) -> str | None:
    """The SQLAlchemy URL of the shared database, or None when embedded."""
    return settings.app_database if settings.shared else None


def _check_embedding(settings: Settings) -> None:
    if settings.embedding == "openai" and not settings.llm_configured:
        from ingest.errors import IngestError

        raise IngestError(
            "MARKETBRIEF_EMBEDDING=openai needs OPENAI_API_KEY or OPENAI_BASE_URL; "
            "set one, or use MARKETBRIEF_EMBEDDING=local"
        )


def library_catalog(settings: Settings | None = None) -> Catalog:
    """The commentary library's catalog alone, to list it: no Chroma, no BM25, no embedding.

    It fails as `commentary_index` would for the same settings (an embedding that cannot be
    used, a Chroma server that does not answer), and it is the catalog that index would open.
    Without `settings`, they are read only if something but MARKETBRIEF_HOME may be set (see
    `assistant.datadir`): listing a library in the default set-up loads no pydantic at all.
    """
    from assistant.datadir import DEFAULT_COLLECTION, plain_home
    from ingest.catalog import Catalog, catalog_path

    if settings is None:
        home = plain_home()
        if home is not None:
            return Catalog(catalog_path(home / "library", DEFAULT_COLLECTION))
        from assistant.settings import load_settings

        settings = load_settings()
    _check_embedding(settings)
    if settings.chroma_host:
        from ingest.vectors import check_server

        check_server(settings.chroma_host, settings.chroma_port, settings.network_timeout_s)
    shared = _shared_database(settings)
    if shared:
        from ingest.database.engine import Database

        return Catalog(database=Database(shared, "the library catalog"))
    return Catalog(
        catalog_path(
            settings.home / "library",
            settings.collection,
            settings.chroma_host,
            settings.chroma_port,
        )
    )


def chat_model(settings: Settings) -> BaseChatModel | None:
    """The chat model for LLM mode, or None when no endpoint is configured (offline mode).

    Any OpenAI-compatible endpoint: OpenAI itself (a key), or Ollama / vLLM / llama.cpp server
    (a base URL; they accept any key, so a placeholder is sent when none is set). Streaming is
    on so tokens reach the reader as they come; every call has a timeout and bounded retries,
    and a server asking to wait longer than the timeout is not retried (see `endpoint`).
    """
    if not settings.llm_configured:
        return None
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    from assistant.llm.endpoint import compatible_body, no_long_waits

    key = settings.openai_api_key or SecretStr("not-needed")
    return ChatOpenAI(
        model=settings.model,
        api_key=key,
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        http_client=no_long_waits(settings.llm_timeout_s),
        max_completion_tokens=settings.llm_max_output_tokens,
        extra_body=compatible_body(settings.openai_base_url, settings.llm_max_output_tokens),
        streaming=True,
        stream_usage=settings.llm_stream_usage,
        temperature=settings.llm_temperature,
    )

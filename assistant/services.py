"""The one factory for every external service.

Each service (market data over the price store, the commentary index, the chat model) is built
here from the settings, and only here. Tests pass fakes or loopback servers through the same
door instead of patching internals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from ingest.index import Index
    from tools.market import MarketData


def market_data(settings: Settings) -> MarketData:
    """Market data over the local price store, refreshed from yfinance under a deadline."""
    import datetime as dt

    from tools.market import MarketData
    from tools.store import PriceStore
    from tools.yahoo import YahooProvider

    provider = YahooProvider(
        timeout_s=settings.network_timeout_s, cache_dir=settings.home / "cache" / "yfinance"
    )
    return MarketData(
        PriceStore(settings.prices_dir),
        provider,
        refresh_after=dt.timedelta(hours=settings.price_refresh_after_hours),
    )


def commentary_index(settings: Settings) -> Index:
    """The commentary index: Chroma (local or server) plus the lexical index."""
    raise NotImplementedError("issue 3 fills this in")


def chat_model(settings: Settings) -> BaseChatModel | None:
    """The chat model for LLM mode, or None when no endpoint is configured (offline mode).

    Any OpenAI-compatible endpoint: OpenAI itself (a key), or Ollama / vLLM / llama.cpp server
    (a base URL; they accept any key, so a placeholder is sent when none is set). Streaming is
    on so tokens reach the reader as they come; every call has a timeout and bounded retries.
    """
    if not settings.llm_configured:
        return None
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    key = settings.openai_api_key or SecretStr("not-needed")
    return ChatOpenAI(
        model=settings.model,
        api_key=key,
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        max_completion_tokens=settings.llm_max_output_tokens,
        streaming=True,
        stream_usage=settings.llm_stream_usage,
    )

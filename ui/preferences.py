"""What the reader chose in the sidebar, read from the session as one typed value.

The sidebar's widgets keep their values in `st.session_state` under the keys below; pages read
them through `current()` instead of poking at the session themselves. The API key typed into the
sidebar lives only in this session's memory: it is never written to disk, a log, a URL or a
cache key (the model cache sees only a fingerprint of it), and it is registered for redaction,
so an endpoint that echoes it in an error cannot put it on screen or in a saved answer.

A shared deployment takes no endpoint, key or model from a reader (the sidebar does not offer
them): the server's own settings hold, whatever the session says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

import streamlit as st
from pydantic import SecretStr

from assistant.redact import register_secret
from assistant.settings import Settings
from ingest.filters import Filters

Mode = Literal["llm", "offline"]

MODE = "pref_mode"
BASE_URL = "pref_base_url"
API_KEY = "pref_api_key"
MODEL = "pref_model"
AS_OF = "pref_as_of"
AS_OF_AUTO = "pref_as_of_auto"  # the as-of date is still the default (empty: latest), not chosen
DATES = "pref_filter_dates"
SOURCE = "pref_filter_source"
TICKER = "pref_filter_ticker"


@dataclass(frozen=True)
class Preferences:
    mode: Mode = "offline"
    base_url: str | None = None
    model: str = ""
    api_key: str | None = field(default=None, repr=False)
    as_of: dt.date | None = None
    scope: Filters = field(default_factory=Filters)

    @property
    def offline(self) -> bool:
        return self.mode == "offline"


def _text(key: str) -> str | None:
    value = st.session_state.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _dates(value: object) -> tuple[dt.date | None, dt.date | None]:
    if isinstance(value, tuple | list):
        days = [d for d in value if isinstance(d, dt.date)]
        return (days[0] if days else None, days[1] if len(days) > 1 else None)
    return None, None


def current() -> Preferences:
    """The sidebar's choices as they stand in this run."""
    since, until = _dates(st.session_state.get(DATES))
    as_of = st.session_state.get(AS_OF)
    return Preferences(
        mode="llm" if st.session_state.get(MODE) == "llm" else "offline",
        base_url=_text(BASE_URL),
        model=_text(MODEL) or "",
        api_key=_text(API_KEY),
        as_of=as_of if isinstance(as_of, dt.date) else None,
        scope=Filters(since=since, until=until, source=_text(SOURCE), ticker=_text(TICKER)),
    )


def effective_settings(base: Settings, preferences: Preferences) -> Settings:
    """The settings with the sidebar's endpoint, key and model on top of the environment's;
    in a shared deployment the environment's alone (a reader may not choose where the server
    sends requests)."""
    if base.shared:
        return base
    update: dict[str, object] = {"openai_base_url": preferences.base_url}
    if preferences.api_key:
        register_secret(preferences.api_key)  # masked in notices, flags and logs from now on
        update["openai_api_key"] = SecretStr(preferences.api_key)
    if preferences.model:
        update["model"] = preferences.model
    return base.model_copy(update=update)

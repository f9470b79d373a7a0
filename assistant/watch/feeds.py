"""The public finance feeds a new data directory offers: central banks, regulators, exchanges
and business news, in Chinese and English (`feeds.yaml` beside this module).

It is data, not code, so it can be edited: a `feeds.yaml` of the same shape in the data
directory replaces the packaged list (a deployment's own choice), and the Watch page lets a
person untick or change any entry before subscribing. Subscribing is adding the URLs as feed
items (`subscribe`), the same as `marketbrief watch add URL`.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources import files
from pathlib import Path
from typing import Literal

import yaml
from pydantic import ValidationError

from assistant.answer.model import Frozen, Language
from assistant.errors import ConfigError
from assistant.watch.model import WatchItem, read_item
from assistant.watch.store import WatchStore

FeedKind = Literal["central_bank", "regulator", "exchange", "news"]
FILE = "feeds.yaml"


class SuggestedFeed(Frozen):
    name: str
    url: str
    language: Language
    kind: FeedKind


def suggested_feeds(
    home: Path | None = None, language: Language | None = None
) -> list[SuggestedFeed]:
    """The suggested feeds (the data directory's `feeds.yaml` when `home` has one), those of
    `language` first when given."""
    own = home / FILE if home is not None else None
    if own is not None and own.is_file():
        text, where = own.read_text(encoding="utf-8"), str(own)
    else:
        text, where = files("assistant.watch").joinpath(FILE).read_text(encoding="utf-8"), FILE
    try:
        data = yaml.safe_load(text) or {}
        feeds = [SuggestedFeed.model_validate(row) for row in data.get("feeds", [])]
    except (yaml.YAMLError, ValidationError, AttributeError, TypeError) as error:
        first = str(error).strip().splitlines()[0]
        raise ConfigError(f"{where}: not a usable feed list ({first})") from None
    if language is not None:
        feeds.sort(key=lambda feed: feed.language != language)
    return feeds


def subscribe(store: WatchStore, urls: Iterable[str]) -> list[WatchItem]:
    """Watch each feed URL (one click on the suggested list); the items newly added."""
    added = []
    for url in urls:
        item = read_item(url, "feed")
        if store.add(item):
            added.append(item)
    return added

"""The research plan a watch brief runs: what moved, sectors, macro, each topic, risks.

The brief is a research brief (the same steps, the same fold into the analysis format, the
same figure checks, saved and exported the same way); only its plan is written from the
watchlist instead of a topic:

1. what moved: the watchlist's symbols (the S&P 500 when it has none), their returns since the
   last brief (counted in trading days, "5D"; "1M" on a first run) and their latest quotes;
2. the sector scores; 3. macro (rates, the curve, volatility, credit);
4. each topic (up to four), searched in the library by its own words (the symbols' names when
   the watchlist has no topic);
5. risks and opportunities of the whole watchlist.

Every question is in the brief's language, from the message catalog; a symbol is written by
its name when the assistant knows one, else as `$TICKER`, so the question parser finds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from assistant.answer.model import Language
from assistant.locale.catalog import message
from assistant.research.plan import MAX_QUERY_CHARS, MAX_TOPIC_CHARS, Plan, Step
from assistant.watch.model import WatchItem
from ingest.language import detect_language

MAX_TOPIC_STEPS = 4
FIRST_PERIOD = "1M"
DEFAULT_SYMBOL = "^GSPC"


def brief_language(items: Sequence[WatchItem], default: Language = "en") -> Language:
    """The language of the watchlist's topics; `default` when it has none."""
    topics = " ".join(i.value for i in items if i.kind == "topic")
    return detect_language(topics) if topics.strip() else default


def period_since(since: dt.date | None, latest: dt.date | None) -> str:
    """The period from the last brief's close to the latest close, in trading days ("5D"),
    or a month on a first run (or when the closes' end is unknown)."""
    if since is None or latest is None:
        return FIRST_PERIOD
    days = int(np.busday_count(since, latest))
    return f"{max(days, 1)}D"


def symbol_name(symbol: str, language: Language) -> str:
    """How a question names the symbol: its name, or `$TICKER` for a ticker we cannot name."""
    from tools.symbols import display_name

    name = display_name(symbol, language)
    if name != symbol:
        return name
    return symbol if symbol.startswith("^") or "." in symbol else f"${symbol}"


def joined(names: Sequence[str], language: Language) -> str:
    if len(names) < 2:
        return "".join(names)
    last = message("join.list_last", language)
    return message("join.list", language).join(names[:-1]) + last + names[-1]


def watch_plan(
    items: Sequence[WatchItem],
    *,
    language: Language,
    since: dt.date | None = None,
    latest: dt.date | None = None,
) -> Plan:
    """The plan of a watch brief on `items`, since the last brief's as-of date (None: first)."""
    symbols = [i.value for i in items if i.kind == "symbol"] or [DEFAULT_SYMBOL]
    topics = [i.value for i in items if i.kind == "topic"]
    names = [symbol_name(s, language) for s in symbols]
    everything = joined(names + topics, language)
    moved = "watch.step_moved" if since is not None else "watch.step_moved_first"
    steps = [
        Step(
            question=message(moved, language, items=joined(names, language)),
            tools=("index_returns", "quotes"),
            period=period_since(since, latest),
        ),
        Step(question=message("watch.step_sectors", language), tools=("sector_scores",)),
        Step(question=message("watch.step_macro", language), tools=("macro",)),
    ]
    searched = topics[:MAX_TOPIC_STEPS] or [" ".join(n.removeprefix("$") for n in names)]
    steps += [
        Step(
            question=message("watch.step_topic", language, topic=topic),
            tools=("search_commentary",),
            query=_clip(topic, MAX_QUERY_CHARS),
        )
        for topic in searched
    ]
    steps.append(
        Step(
            question=message("watch.step_risks", language, items=everything),
            tools=("search_commentary",),
            query=_clip(
                message("watch.risks_query", language, items=" ".join(topics + names)),
                MAX_QUERY_CHARS,
            ),
        )
    )
    topic = message("watch.topic", language, items=everything)
    return Plan(
        topic=_clip(topic, MAX_TOPIC_CHARS), language=language, as_of=latest, steps=tuple(steps)
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

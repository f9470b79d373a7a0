"""The level a question asks for, told first: "标普500现在多少点？" and "What is the VIX at now?"
ask where something stands, its last close, before how far it moved this year."""

from __future__ import annotations

import datetime as dt

from assistant.offline.gathering import Gathered
from assistant.offline.narrate import Namer, quote_sentences
from assistant.offline.narrate_macro import macro_point
from assistant.question.intents import asks_level, dashboard_readings
from assistant.question.parse import ParsedQuestion
from tools.proxies import ETF_PROXY


def level_sentences(
    question: ParsedQuestion, gathered: Gathered, name: Namer, day: dt.date | None = None
) -> list[str]:
    """The level asked: a dashboard reading the question names (a yield, the VIX) as the
    dashboard reads it, else the last close of what it names (`quotes`); the closes too for a
    question about today that no return answers. [] for any other question."""
    g, language = gathered, question.language
    level = asks_level(question.text)
    if not (level or ("today" in question.intents and g.returns is None)):
        return []
    if g.macro is not None and reads_dashboard(question, gathered):
        point = macro_point(g.macro, language, dashboard_readings(question.text), day)
        return [point] if point else []
    if g.quotes is None:
        return []
    # what it asks about and the funds tracking it, not a yardstick it does not name
    asked = question.asked_symbols
    of = {*asked, *(ETF_PROXY[s] for s in asked if s in ETF_PROXY)} if level else None
    return quote_sentences(g.quotes, name, language, of)


def reads_dashboard(question: ParsedQuestion, gathered: Gathered) -> bool:
    """Is the level asked one of the dashboard's readings ("What's the 10-year yield?"), told
    first on its own (`level_sentences`), so the dashboard's sentence need not tell it again?"""
    readings = gathered.macro is not None and dashboard_readings(question.text)
    return bool(readings) and asks_level(question.text)

"""The offline composer: a cited answer without a language model.

It reads the question, gathers what the agent would (the market-data tools' figures and the
library's passages, `gathering`), then writes the answer's title and sections from them
(`sections`): the tool figures as sentences citing [0] and the most relevant sentences of the
passages, each citing its article. With no prices or no library it still answers with what
there is; with nothing at all to stand on, the answer is one short card saying what is missing
and what to add.
"""

from __future__ import annotations

import datetime as dt

from assistant.answer.assemble import Draft
from assistant.answer.model import Flag
from assistant.gather.sources import SourceRegistry
from assistant.gather.written_names import unknown_names
from assistant.locale import notice, period_label
from assistant.offline.gathering import (
    MARKET_TOOLS,
    Emit,
    Gathered,
    Gatherer,
)
from assistant.offline.library_query import search_query
from assistant.offline.narrate import join_items
from assistant.offline.sections import SectionWriter, missing_card
from assistant.offline.titles import title_for
from assistant.offline.unanswered import figure_missing
from assistant.ports import MarketDataPort, SearchPort
from assistant.question.parse import ParsedQuestion
from assistant.question.vocabulary import Vocabulary


def gather(
    question: ParsedQuestion,
    vocabulary: Vocabulary,
    market: MarketDataPort | None,
    index: SearchPort | None,
    registry: SourceRegistry,
    emit: Emit,
    *,
    previous_question: str | None = None,
    unavailable: dict[str, str] | None = None,
) -> Gathered:
    """Call the tools and search the library for a question."""
    out = Gathered(market=market)
    gatherer = Gatherer(market, index, registry, emit, question.language, unavailable)
    if any(question.allows(tool) for tool in MARKET_TOOLS):
        gatherer.market_data(question, out)
    if question.allows("search_commentary"):
        query = question.search or search_query(question, vocabulary, previous_question)
        gatherer.passages(query, question, out)
    return out


def compose(
    question: ParsedQuestion,
    gathered: Gathered,
    registry: SourceRegistry,
    vocabulary: Vocabulary,
) -> Draft:
    """Write the offline draft from what was gathered."""
    writer = SectionWriter(question, gathered, registry, vocabulary)
    flags = [Flag(kind="notice", message=notice("offline", question.language))]
    flags += [Flag(kind="notice", message=m) for m in dict.fromkeys(gathered.notices)]
    if not writer.has_material():  # one short card: what is missing and what to add
        if gathered.hits and (names := unknown_names(question.text)):
            listed = join_items([f"“{n}”" for n in names], question.language)
            message = notice("not_mentioned", question.language, names=listed)
            flags.append(Flag(kind="notice", message=message))
        return Draft(
            # what was asked, not a benchmark it did not name
            title=title_for(question, vocabulary, measured=question.asked_symbols),
            sections=(missing_card(question.language),),
            flags=flags,
        )
    sections = writer.sections()
    title = writer.title()
    flags += writer.told.flags()
    if not (gathered.results or writer.level) and figure_missing(
        question, writer.quoted, writer.dated_from or dt.date.today()
    ):
        period = period_label(question.period, question.language)
        flags.append(
            Flag(kind="notice", message=notice("figure_missing", question.language, period=period))
        )
    return Draft(
        title=title,
        sections=sections,
        flags=flags,
        quotes=gathered.quotes,
    )

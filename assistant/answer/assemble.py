"""Turning a draft (title + sections citing provisional numbers) into the final Answer.

Both modes end here, so every answer goes through the same checks: every URL the writer or a
quoted article wrote made plain text (`links`: the only links are the cited sources'),
citations renumbered by first citation (invented ones dropped and flagged), every figure
verified against the sources its sentence cites, references rendered from the registry, charts
and tickers from the tool results, secrets masked in every flag. A writer cannot skip a step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.answer.charts import charts_for
from assistant.answer.citations import renumber, strip_markers
from assistant.answer.links import defang_answer, defang_sections
from assistant.answer.model import Answer, Flag, Language, Mode, Section
from assistant.answer.tickers import tickers_from
from assistant.answer.verify import verify
from assistant.gather.sources import ArticleSource, Source, SourceRegistry
from assistant.locale import message
from assistant.question.parse import ParsedQuestion
from assistant.question.vocabulary import Vocabulary
from assistant.redact import redact
from tools.result import ToolResult


@dataclass
class Draft:
    """What a writer produced, before checking: provisional citation numbers throughout."""

    title: str
    sections: tuple[Section, ...]
    flags: list[Flag] = field(default_factory=list)  # notices, discrepancies (provisional n)
    quotes: ToolResult | None = None  # for the tickers strip (cited only if registered)
    model_calls: int = 0
    usage: dict[str, int] = field(default_factory=dict)
    model: str | None = None  # the chat model that wrote it


def assemble(
    draft: Draft,
    question: ParsedQuestion,
    registry: SourceRegistry,
    vocabulary: Vocabulary,
    mode: Mode,
    *,
    today: dt.date | None = None,
) -> Answer:
    language = question.language
    # defanged before verifying, so the flags quote the sentences as the reader sees them
    sections, citations = renumber(defang_sections(draft.sections), registry)
    flags = [f for f in draft.flags if f.kind == "notice"]
    flags += [_remap(f, citations.final_of) for f in draft.flags if f.kind != "notice"]
    flags += [_unknown(n, language) for n in citations.unknown]
    flags += verify(sections, citations.sources, language, vocabulary)
    flags = [_redacted(f) for f in flags]
    references = [
        registry.reference(source, n, language) for n, source in sorted(citations.sources.items())
    ]
    results = registry.tool_results
    answer = Answer(
        question=redact(question.asked),  # a key pasted into a question is not saved either
        title=redact(strip_markers(draft.title).strip() or question.text),
        as_of=registry.market.as_of
        or question.as_of
        or _newest(citations.sources)
        or today
        or dt.date.today(),
        language=language,
        mode=mode,
        sections=sections,
        references=tuple(references),
        flags=tuple(flags),
        charts=tuple(charts_for(results, vocabulary.name, language)),
        tickers=tuple(tickers_from(draft.quotes, vocabulary.name, language)),
        model_calls=draft.model_calls,
        usage=dict(draft.usage),
        model=draft.model,
    )
    return defang_answer(answer)  # the title, the flags and the references' article text


def _redacted(flag: Flag) -> Flag:
    """Notices quote error messages, which may echo a key: never into an Answer."""
    text = redact(flag.message)
    return flag if text == flag.message else flag.model_copy(update={"message": text})


def _remap(flag: Flag, final_of: dict[int, int]) -> Flag:
    sources: Sequence[int] = [final_of[n] for n in flag.sources if n in final_of]
    return flag.model_copy(update={"sources": tuple(sources)})


def _unknown(n: int, language: Language) -> Flag:
    text = message("check.unknown_citation", language, marker=f"[{n}]")
    return Flag(kind="unknown_citation", message=text, number=f"[{n}]")


def _newest(sources: dict[int, Source]) -> dt.date | None:
    """The day of the newest article an answer without market figures cites: what it is as of
    (a library last fed in August is not today's news)."""
    days = [s.published for s in sources.values() if isinstance(s, ArticleSource) and s.published]
    return max(days, default=None)

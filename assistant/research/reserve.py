"""More of the library for a step than its answer quotes.

A step's answer quotes the few sentences it found best for its question as a whole, and the
steps of a brief find the same few articles; a valuation step may quote none about valuation.
So the step's search runs once more, wider and in both languages (the subject's and the
sub-question's words in the other one added), and the sentences that answer its sub-question
(`focus`) are kept, best first, each with the passage it is from: the brief draws on them to
give every step sentences of its own (`fold`, `allot`). Offline that costs a search of the
local library; nothing is asked of a model.

    names = topic_names(plan, assistant.vocabulary)   # the topic's indices and sectors
    findings = find_reserve(assistant, parsed, step, Focus.of(plan.topic, step, names))
"""

from __future__ import annotations

import contextlib

from assistant.answer.model import Language
from assistant.engine import Assistant
from assistant.errors import InputError
from assistant.gather.passages import candidates
from assistant.gather.sources import SourceRegistry
from assistant.llm.failures import EXPECTED_ERRORS
from assistant.offline.gathering import published_window
from assistant.question.parse import ParsedQuestion, implying_words
from assistant.question.vocabulary import Vocabulary
from assistant.research.brief import Finding
from assistant.research.entities import topic_entities
from assistant.research.focus import Focus
from assistant.research.plan import Plan, Step
from ingest.filters import Filters
from ingest.language import detect_language

RESERVE_HITS = 24  # passages searched (a step's answer reads 8)
RESERVE_SIZE = 8  # sentences kept
OTHER_LANGUAGE_WORDS = 3  # words of the subject, and of what the step asks, in the other language


def topic_names(plan: Plan, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Every name of the indices and sectors the topic is about, with the words that imply
    them (the Russell 2000 of a small-cap topic is its "小盘股"); none for a broad topic: the
    benchmark it is measured against is not what it is about."""
    with contextlib.suppress(InputError):  # a topic the question reader cannot read names none
        entities = topic_entities(plan.topic, vocabulary, plan.as_of, plan.language)
        symbols = (*entities.subject, *entities.sectors)
        names = (n for s in symbols for n in (*vocabulary.aliases(s), *implying_words(s)))
        return tuple(dict.fromkeys(names))
    return ()


def find_reserve(
    assistant: Assistant, parsed: ParsedQuestion, step: Step, focus: Focus
) -> tuple[Finding, ...]:
    """The library's sentences that answer the step, best first (none when it does not search,
    or the library cannot be searched: the step's answer has said why)."""
    index = assistant.index
    if index is None or not step.searches():
        return ()
    since, until = published_window(parsed)
    if parsed.article_id:  # the person chose the article: its date does not matter
        since = until = None
    filters = Filters(since=since, until=until, article_id=parsed.article_id)
    query = _both_languages(step.query or parsed.text, focus, parsed.language)
    try:
        hits = index.search(query, k=RESERVE_HITS, filters=filters)
    except EXPECTED_ERRORS:
        return ()
    vocabulary = assistant.vocabulary
    # a sentence naming the subject counts as relevant whatever the rest of its words
    names = [
        *((w,) for w in focus.words),
        *vocabulary.subject_names(parsed.asked_symbols, parsed.intents),
    ]
    pool = candidates(
        hits, f"{parsed.text} {query}", names, parsed.language, parsed.as_of,
        period=parsed.period, glosses=vocabulary.glosses,
    )  # fmt: skip
    answering = [c for c in pool if focus.answers(c.text)]
    answering.sort(key=lambda c: -(focus.score(c.text) + c.score))
    findings = []
    for candidate in answering[:RESERVE_SIZE]:
        registry = SourceRegistry()  # one article each, numbered 1, holding this passage
        source = registry.get(registry.add_hit(candidate.hit))
        assert source is not None
        reference = registry.reference(source, 1, parsed.language)
        findings.append(Finding(text=candidate.text, reference=reference))
    return tuple(findings)


def _both_languages(query: str, focus: Focus, language: Language) -> str:
    """The query, plus the first words of the subject and of the sub-question's aspects in the
    other language than the plan's: the brief may quote commentary in either."""
    added = []
    for words in (focus.words, focus.asks):
        other = [
            w for w in words if detect_language(w) != language and w.lower() not in query.lower()
        ]
        added += other[:OTHER_LANGUAGE_WORDS]
    return " ".join([query, *dict.fromkeys(added)])

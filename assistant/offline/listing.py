"""A chosen article's own list, when the question asks what it lists.

"Which pain trades does HSBC's strategist list here?" is answered by the article's numbered
headings (`gather.outline`), in one sentence: "The article lists: (1) …; (2) …". "这篇文章认为
面临哪些风险？" by the labels of its 风险因素 paragraphs, a line each with the first sentence of
the paragraph: the risks, and what the article says of each. An article in the other language
is quoted, its headings as it writes them.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answer.model import Language
from assistant.gather.coverage import coverage
from assistant.gather.outline import Outline, outlines
from assistant.gather.sources import reporter
from assistant.gather.terms import Names
from assistant.locale import message
from assistant.offline.quoting import cite, quotation
from assistant.question.intents import asks_list
from assistant.question.parse import ParsedQuestion
from ingest.language import detect_language
from ingest.models import Hit
from ingest.tokens import terms


def outline_asked(question: ParsedQuestion, hits: Sequence[Hit], names: Names) -> Outline | None:
    """Of the chosen article's outlines, the one its section and headings say most of the
    question in; none when the question does not ask for a list."""
    if not (question.article_id and asks_list(question.text)):
        return None
    scored = [
        (coverage(" ".join([o.section, *(i.line for i in o.items)]), question.text, names), -n, o)
        for n, o in enumerate(outlines(hits))
    ]
    best = max(scored, default=None, key=lambda s: s[:2])
    return best[2] if best and best[0] > 0 else None


def listed(
    found: Outline, hit: Hit, n: int, language: Language
) -> tuple[str, list[frozenset[str]]]:
    """The outline as the answer says it, citing `[n]`, and the terms of what it says (so the
    answer does not say it again)."""
    items = found.items
    written = detect_language(" ".join(i.text for i in items))
    if found.labelled and written == language:
        lines = [message("outline.labelled_lists", language)]
        for item in items:
            lead = message("outline.labelled", language, label=item.text, lead=item.lead)
            lines.append(f"- {cite(lead if item.lead else item.text, n)}")
        return "\n".join(lines), [frozenset(terms(i.lead)) for i in items if i.lead]
    # a labelled paragraph says more than its label, and may be quoted; a heading may not
    said = [] if found.labelled else [frozenset(terms(i.line)) for i in items]
    joined = message("join.clauses", written).join(
        message("outline.item", written, n=k, text=i.text) for k, i in enumerate(items, start=1)
    )
    if written != language:
        source = reporter(hit.source, hit.url, language)
        return quotation(joined, n, source, hit.published, language), said
    return cite(message("outline.lists", written, items=joined), n), said

"""Which passages of a search an offline answer reads: the best few, deeper for a question
with no date, and the best few of a language the first ones lack."""

from __future__ import annotations

from collections.abc import Callable

from assistant.answer.model import Language
from ingest.language import detect_language
from ingest.models import Hit
from ingest.tokens import terms

SEARCH_K = 8
# A question with no date is asked of today: among the passages that answer it, the newest
# should. The answer reads twice as deep in the ranking so that the sentences' timeliness
# (`gather.timeliness.timeliness`) can choose the newer of equally good ones; a dated question's
# answer keeps to the best few, where a deeper read costs precision.
UNDATED_SEARCH_K = 16
# The other language's best passages a question may need (its fact may be told only there):
# looked for this deep in the ranking, this many kept beyond the first SEARCH_K.
OTHER_LANGUAGE_DEPTH = 40
OTHER_LANGUAGE_HITS = 2


def below_first(hits: list[Hit], language: Language) -> list[Hit]:
    """The best few passages below the first SEARCH_K in a language that is short there, from
    articles not among those. A question's own words outrank a dictionary's translation of
    them, so the article in the other language that holds the fact often ranks just below.
    And a symbol's name in the other language ("WTI crude oil" for 油价) can fill the first
    SEARCH_K with that language's market wraps: the reader's own language, when it has less
    than half of them, gets its best few too."""
    first = hits[:SEARCH_K]
    seen = {h.chunk.article_id for h in first}
    found = _best_below(hits[SEARCH_K:], seen, lambda lang: lang != language)
    if 2 * sum(detect_language(h.chunk.text) == language for h in first) < len(first):
        found += _best_below(hits[SEARCH_K:], seen, lambda lang: lang == language)
    return found


def _best_below(below: list[Hit], seen: set[str], wanted: Callable[[str], bool]) -> list[Hit]:
    """The first OTHER_LANGUAGE_HITS passages of `below` in a wanted language, one per article
    not `seen` (which they join)."""
    found: list[Hit] = []
    for hit in below:
        if len(found) == OTHER_LANGUAGE_HITS:
            break
        if hit.chunk.article_id not in seen and wanted(detect_language(hit.chunk.text)):
            seen.add(hit.chunk.article_id)
            found.append(hit)
    return found


def recent_first(recent: list[Hit], found: list[Hit], query: str) -> list[Hit]:
    """The passages of the span asked (`recent`), then the rest of what was `found`; but
    before the rest of the span's, the best few others that say a term of the query none of
    the span's best few says: "What did Powell say at the last press conference?" asked of a
    library whose past month holds press conferences, none of them Powell's, would otherwise
    lose its subject. Where the span says every term, it is read alone first."""
    seen = {h.chunk.id for h in recent}
    older = [h for h in found if h.chunk.id not in seen]
    wanted = terms(query)
    unsaid = wanted.difference(*(terms(h.chunk.text) for h in recent[:SEARCH_K]))
    wider = [h for h in older[:SEARCH_K] if unsaid & terms(h.chunk.text)] if unsaid else []
    read = {h.chunk.id for h in wider}
    rest = [h for h in recent[SEARCH_K:] + older if h.chunk.id not in read]
    return recent[:SEARCH_K] + wider + rest

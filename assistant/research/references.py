"""One references list across every step of a brief.

Each step's answer numbers its own sources (`[0]` its market data, `[1..n]` its articles). A
brief merges them: all market data is the one `[0]`, an article cited by several steps is one
entry (with the passages of all of them), and each step's markers are re-mapped to the merged
numbers. Only sources some step registered can be merged, so the brief cannot invent one; the
brief's text is then renumbered by first citation (`renumber`) and sources it no longer cites
are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from assistant.answer.citations import MARKER_GROUP
from assistant.answer.model import Language, Passage, Reference, Section
from assistant.gather.sources import MARKET, market_reference, origins_of

_NUMBER = re.compile(r"\d{1,3}")
_REPEATED = re.compile(r"(\[(\d+)\])(?:\s*\[\2\])+")


class MergedSources:
    """The sources of all steps: `[0]` plus one entry per article, numbered as first added."""

    def __init__(self) -> None:
        self._market: list[Reference] = []
        self._articles: dict[str, list[Reference]] = {}

    def add(self, references: Iterable[Reference]) -> dict[int, int]:
        """Merge one step's references; returns step number -> merged number."""
        mapping: dict[int, int] = {}
        for reference in references:
            if reference.kind == "market_data":
                self._market.append(reference)
                mapping[reference.n] = MARKET
                continue
            key = _article_key(reference)
            entries = self._articles.setdefault(key, [])
            entries.append(reference)
            mapping[reference.n] = list(self._articles).index(key) + 1
        return mapping

    def __contains__(self, n: int) -> bool:
        return (n == MARKET and bool(self._market)) or 1 <= n <= len(self._articles)

    def article(self, merged: int) -> Reference | None:
        """The first step's entry for the merged article `merged` (who published it, when)."""
        entries = list(self._articles.values())
        return entries[merged - 1][0] if 1 <= merged <= len(entries) else None

    def reference(self, merged: int, final: int, language: Language) -> Reference:
        """The merged entry `merged`, numbered `final`."""
        if merged == MARKET:
            return merge_market(self._market, language).model_copy(update={"n": final})
        entries = list(self._articles.values())[merged - 1]
        return merge_article(entries).model_copy(update={"n": final})


def _article_key(reference: Reference) -> str:
    if reference.article_id:
        return reference.article_id
    return f"{reference.title}\x1f{reference.source}\x1f{reference.date}"


def merge_article(entries: Sequence[Reference]) -> Reference:
    passages: dict[str, Passage] = {}
    for entry in entries:
        for passage in entry.passages:
            passages.setdefault(passage.chunk_id, passage)
    return entries[0].model_copy(update={"passages": tuple(passages.values())})


def merge_market(entries: Sequence[Reference], language: Language) -> Reference:
    """`[0]` of several steps: every tool, symbol, origin, method and note, the latest date.
    Merged from what each step's source and notes were worded from (`Worded`), so one price
    store is one origin and a stale symbol is named once, in either language."""
    dates = [e.date for e in entries if e.date]
    return market_reference(
        MARKET,
        tools=(t for e in entries for t in e.tools),
        symbols=(s for e in entries for s in e.symbols),
        as_of=max(dates) if dates else None,
        origins=(o for e in entries for o in origins_of(e)),
        methods=(m for e in entries for m in e.method.split("; ")),
        notes=(n for e in entries for n in e.notes),
        language=language,
    )


# ---------------------------------------------------------------------------------------------
# markers


def remap(text: str, mapping: dict[int, int]) -> str:
    """Every marker rewritten through `mapping`; a number it does not know is dropped."""

    def replace(group: re.Match[str]) -> str:
        numbers = [mapping[int(raw)] for raw in _NUMBER.findall(group[1]) if int(raw) in mapping]
        if not numbers:
            return ""
        lead = group[0][: len(group[0]) - len(group[0].lstrip(" \t"))]
        return lead + "".join(f"[{n}]" for n in dict.fromkeys(numbers))

    return _REPEATED.sub(r"\1", MARKER_GROUP.sub(replace, text))


def first_citation_order(texts: Iterable[str]) -> dict[int, int]:
    """Merged number -> final number: `[0]` stays, articles in order of first citation."""
    order: dict[int, int] = {}
    for text in texts:
        for group in MARKER_GROUP.finditer(text):
            for raw in _NUMBER.findall(group[1]):
                n = int(raw)
                if n not in order:
                    order[n] = MARKET if n == MARKET else sum(1 for k in order if k) + 1
    return order


def map_sections(sections: Sequence[Section], rewrite: Callable[[str], str]) -> tuple[Section, ...]:
    return tuple(
        section.model_copy(
            update={
                "text": rewrite(section.text),
                "subsections": map_sections(section.subsections, rewrite),
            }
        )
        for section in sections
    )

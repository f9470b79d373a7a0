"""Citation markers: finding them, renumbering them by first citation, dropping invented ones.

Writers (the model or the composer) cite the registry's provisional numbers. Once the text is
final, articles are renumbered `[1..n]` in order of first citation (reading order: sections,
then their subsections), `[0]` stays the market data, and a marker that resolves to no source is
removed and counted, so a reference can never be invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from assistant.answer.model import Section
from assistant.gather.sources import MARKET, Source, SourceRegistry

# A run of markers: [3], [1][2], [1, 2], [1，2]; never a Markdown link's text like [1](http…)
_ONE = r"\[\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\](?!\()"
MARKER_GROUP = re.compile(rf"[ \t]*((?:{_ONE})+)")
_NUMBER = re.compile(r"\d{1,3}")
_REPEATED = re.compile(r"(\[(\d+)\])(?:\s*\[\2\])+")


def markers_in(text: str) -> list[int]:
    """Every cited number in reading order (repeats kept)."""
    return [int(n) for group in MARKER_GROUP.finditer(text) for n in _NUMBER.findall(group[1])]


def strip_markers(text: str) -> str:
    return MARKER_GROUP.sub("", text)


@dataclass
class Citations:
    """The outcome of renumbering: final number -> source, and the markers that were dropped."""

    sources: dict[int, Source] = field(default_factory=dict)
    unknown: list[int] = field(default_factory=list)
    final_of: dict[int, int] = field(default_factory=dict)  # provisional -> final number


class _Renumberer:
    def __init__(self, registry: SourceRegistry) -> None:
        self.registry = registry
        self.result = Citations()
        self._by_provisional = self.result.final_of

    def final_number(self, provisional: int) -> int | None:
        if provisional in self._by_provisional:
            return self._by_provisional[provisional]
        source = self.registry.get(provisional)
        if source is None:
            self.result.unknown.append(provisional)
            return None
        if provisional == MARKET:
            final = MARKET
        else:
            final = sum(1 for n in self.result.sources if n != MARKET) + 1
        self._by_provisional[provisional] = final
        self.result.sources[final] = source
        return final

    def rewrite(self, text: str) -> str:
        def replace(group: re.Match[str]) -> str:
            finals: list[int] = []
            for raw in _NUMBER.findall(group[1]):
                final = self.final_number(int(raw))
                if final is not None and final not in finals:
                    finals.append(final)
            if not finals:
                return ""
            lead = group[0][: len(group[0]) - len(group[0].lstrip(" \t"))]
            return lead + "".join(f"[{n}]" for n in finals)

        return _REPEATED.sub(r"\1", MARKER_GROUP.sub(replace, text))


def renumber(
    sections: tuple[Section, ...], registry: SourceRegistry
) -> tuple[tuple[Section, ...], Citations]:
    """Renumber every marker in reading order; drop and count those with no source."""
    renumberer = _Renumberer(registry)
    rewritten = tuple(_map_text(section, renumberer.rewrite) for section in sections)
    return rewritten, renumberer.result


def _map_text(section: Section, rewrite: Callable[[str], str]) -> Section:
    return section.model_copy(
        update={
            "text": rewrite(section.text),
            "subsections": tuple(_map_text(sub, rewrite) for sub in section.subsections),
        }
    )


def walk(sections: tuple[Section, ...]) -> Iterator[Section]:
    """Sections and their subsections in reading order."""
    for section in sections:
        yield section
        yield from walk(section.subsections)

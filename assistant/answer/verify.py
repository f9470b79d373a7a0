"""Checking every figure of an answer against the sources its sentence cites.

A figure is supported when one of the cited sources contains it, up to the precision the answer
shows: the text of a cited article's passages, or any value of the market-data tool results
behind `[0]` (their frames and summaries). A sentence without a marker borrows the markers of
its paragraph (writers often cite once per paragraph). Anything else becomes a flag the reader
sees; nothing is silently corrected.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import pandas as pd

from assistant.answer.citations import Citations, markers_in, walk
from assistant.answer.model import Flag, FlagKind, Language, Section
from assistant.answer.numbers import Figure, figures_in, matches
from assistant.gather.sentences import paragraphs, sentences
from assistant.gather.sources import MarketSource, Source
from assistant.locale import message


class Evidence:
    """The numbers one source contains, sorted for fast look-up."""

    def __init__(self, values: Iterable[float]) -> None:
        self._values = sorted({abs(v) for v in values if pd.notna(v)})

    def supports(self, figure: Figure) -> bool:
        tolerance = 0.5 * 10 ** (-figure.decimals) + 1e-9
        i = bisect.bisect_left(self._values, figure.value - tolerance)
        return i < len(self._values) and matches(figure, self._values[i])


def evidence_for(source: Source) -> Evidence:
    """Every number a source states: passage text for articles, tool output for `[0]`."""
    if isinstance(source, MarketSource):
        return Evidence(_market_values(source))
    text = source.title + "\n" + source.text
    return Evidence(f.value for f in figures_in(text))


def _market_values(source: MarketSource) -> list[float]:
    values: list[float] = []
    for result in source.results:
        numeric = result.frame.select_dtypes("number")
        for value in numeric.to_numpy(dtype=float, na_value=float("nan")).ravel():
            # Tools may keep percentages as fractions and spreads in pp (shown as bp).
            values += [float(value), float(value) * 100]
        values += [f.value for f in figures_in(result.summary)]
        values += [f.value for note in result.provenance.notes for f in figures_in(note)]
    return values


def verify(sections: tuple[Section, ...], citations: Citations, language: Language) -> list[Flag]:
    """Flags for every figure its cited sources do not contain (or that cites nothing)."""
    cache: dict[int, Evidence] = {}

    def evidence(n: int) -> Evidence | None:
        source = citations.sources.get(n)
        if source is None:
            return None
        if n not in cache:
            cache[n] = evidence_for(source)
        return cache[n]

    flags: list[Flag] = []
    for section in walk(sections):
        for paragraph in paragraphs(section.text):
            inherited = markers_in(paragraph)
            for sentence in sentences(paragraph):
                cited = markers_in(sentence) or inherited
                for figure in figures_in(sentence):
                    pool = [e for n in cited if (e := evidence(n)) is not None]
                    if any(e.supports(figure) for e in pool):
                        continue
                    flags.append(
                        _flag(figure, sentence, tuple(dict.fromkeys(cited)), section, language)
                    )
    return flags


def _flag(
    figure: Figure, sentence: str, cited: tuple[int, ...], section: Section, language: Language
) -> Flag:
    refs = "".join(f"[{n}]" for n in cited)
    kind: FlagKind
    if not cited:
        text = message("check.uncited_number", language, number=figure.raw)
        kind = "uncited_number"
    else:
        text = message("check.unsupported_number", language, number=figure.raw, sources=refs)
        kind = "unsupported_number"
    return Flag(
        kind=kind,
        message=text,
        number=figure.raw,
        sentence=sentence,
        sources=cited,
        section=section.key,
    )

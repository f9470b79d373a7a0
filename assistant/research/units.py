"""A step's answer as the units a brief is folded from: its sentences and its quotations.

    for unit in units(text, "risks"):         # text already in the brief's merged numbers
        unit.data, unit.quoted, unit.key      # cites [0]? a "> " block? what claim it makes

A sentence is one unit, with the citation markers after it; a quotation (a "> " block, as the
offline composer marks another language's sentence) is one unit, kept whole. A unit that cites
`[0]` is data: the tools' figures, which answer the step that called the tools. A sentence from
the library that a step's answer did not quote (`StepReport.reserve`) is a unit too, cited once
the brief uses it. Two units make the same claim when one's words contain the other's: steps
find the same sentences, and a quotation's lead-in ("据…报道：") wraps a sentence said bare
elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.citations import markers_in, strip_markers
from assistant.answer.model import Language, SectionKey
from assistant.gather.quotable import joined, leans_back
from assistant.gather.sentences import paragraphs, sentences
from assistant.gather.sources import MARKET
from assistant.research.brief import Finding
from ingest.language import detect_language

_NOISE = re.compile(r"[\s>*“”\"'「」『』。，,.;；:：!！?？()（）]")


@dataclass(frozen=True)
class Unit:
    text: str  # as the brief says it (merged markers); a quotation with its "> "
    section: SectionKey  # the step answer's section it comes from ("other": the reserve)
    paragraph: int  # which paragraph of that section (the tools' figures stay in theirs)
    finding: Finding | None = None  # a reserve sentence, not cited yet

    @property
    def sources(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(markers_in(self.text)))

    @property
    def data(self) -> bool:
        return MARKET in self.sources

    @property
    def cited(self) -> bool:
        return self.finding is not None or bool(self.sources)

    @property
    def quoted(self) -> bool:
        return self.text.startswith(">")

    @property
    def words(self) -> str:
        """What it says, without its markers or a quotation's "> "."""
        return strip_markers(re.sub(r"(?m)^>\s?", "", self.text)).strip()

    @property
    def key(self) -> str:
        return normal(self.words)

    def language(self) -> Language:
        return detect_language(self.words)


def normal(text: str) -> str:
    """What makes two units the same claim: their words, without markers, spacing or
    punctuation."""
    return _NOISE.sub("", strip_markers(text)).lower()


def same(a: str, b: str) -> bool:
    """Do two keys say the same thing (one contains the other)?"""
    return bool(a and b) and (a in b or b in a)


def units(text: str, section: SectionKey) -> list[Unit]:
    """The sentences and quotations of a section's text, in order."""
    found = []
    for n, paragraph in enumerate(paragraphs(text)):
        if paragraph.startswith(">"):
            found.append(Unit(paragraph, section, n))
            continue
        for sentence in sentences(paragraph):
            if leans_back(strip_markers(sentence)) and found and found[-1].paragraph == n:
                # quoted with the sentence it leans on ("It cited…" after what "it" is): one
                # claim, cited once after both, which the brief must not part
                found[-1] = Unit(joined(found[-1].text, sentence), section, n)
            else:
                found.append(Unit(sentence, section, n))
    return found


def reserve_units(findings: tuple[Finding, ...]) -> list[Unit]:
    return [Unit(f.text, "other", n, f) for n, f in enumerate(findings)]

"""A brief laid out as a sequence of blocks, the one layout the HTML and PDF exports share.

The order and the words are those of the Markdown rendering (`assistant.answer.render`): title,
as-of line, notices, the sections (flagged figures marked in place: ⚠, or ⊗ for a figure its
source contradicts), the verification notes (the contradicted figures listed with the values
their sources state), the references written from the brief's references, the disclaimer.
The charts come right after the comprehensive analysis they illustrate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from assistant.answer.model import NUMBER_FLAGS, Chart, Flag, Language, Section
from assistant.answer.render import mark_flagged, render_reference, verification_notes
from assistant.locale import as_of_line, heading, message
from assistant.research.brief import Brief

_BULLET = re.compile(r"^\s*[-*•]\s+")
_QUOTE = re.compile(r"^\s*>\s?")


@dataclass(frozen=True)
class Block:
    kind: Literal[
        "title",
        "subtitle",
        "notice",
        "heading",
        "paragraph",
        "quote",
        "bullets",
        "chart",
        "reference",
        "disclaimer",
    ]
    text: str = ""
    level: int = 0  # headings: 2 or 3
    items: tuple[str, ...] = ()  # bullets
    chart: Chart | None = None
    n: int | None = None  # references
    url: str | None = None


@dataclass
class Document:
    language: Language
    title: str
    blocks: list[Block] = field(default_factory=list)


def layout(brief: Brief) -> Document:
    answer = brief.answer
    lang = answer.language
    doc = Document(language=lang, title=answer.title)
    add = doc.blocks.append
    add(Block("title", answer.title))
    add(Block("subtitle", as_of_line(answer.as_of, lang)))
    for flag in answer.flags:
        if flag.kind == "notice":
            add(Block("notice", flag.message))
    number_flags = [f for f in answer.flags if f.kind in NUMBER_FLAGS]
    for section in answer.sections:
        doc.blocks += _section(section, number_flags, level=2)
        if section.key == "analysis":
            doc.blocks += [Block("chart", chart.title, chart=chart) for chart in answer.charts]
    for note in verification_notes(answer.flags, lang):
        add(Block("notice", note.text))
        if note.items:
            add(Block("bullets", items=note.items))
    add(Block("heading", heading("references", lang), level=2))
    for reference in answer.references:
        add(Block("reference", render_reference(reference), n=reference.n, url=reference.url))
        if reference.notes:  # e.g. how old stored prices are: a reader must see it in print too
            add(Block("bullets", items=tuple(reference.notes)))
    add(Block("disclaimer", message("answer.disclaimer", lang)))
    return doc


def _section(section: Section, flags: list[Flag], level: int) -> list[Block]:
    blocks = [Block("heading", section.heading, level=level)]
    if section.text:
        text = mark_flagged(section.text, [f for f in flags if f.section == section.key])
        blocks += text_blocks(text)
    for sub in section.subsections:
        blocks += _section(sub, flags, min(level + 1, 3))
    return blocks


def text_blocks(text: str) -> list[Block]:
    """Paragraphs, quotations ("> " lines: another language's sentence, with who said it) and
    bullet lists of a section's text (blank lines separate blocks)."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if lines and all(line.lstrip().startswith(">") for line in lines):
            quoted = (_QUOTE.sub("", line).strip() for line in lines)
            blocks.append(Block("quote", "\n".join(quoted)))
        elif lines and all(_BULLET.match(line) for line in lines[:1]):
            items: list[str] = []
            for line in lines:
                if _BULLET.match(line):
                    items.append(_BULLET.sub("", line).strip())
                elif items:
                    items[-1] += " " + line.strip()
            blocks.append(Block("bullets", items=tuple(items)))
        elif lines:
            blocks.append(Block("paragraph", "\n".join(line.strip() for line in lines)))
    return blocks

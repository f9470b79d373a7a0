"""The one Markdown rendering of an Answer, for both modes, the CLI and exports.

Order as in the seeds: title, as-of line, (notices), the sections under their localized
headings, the references list (written here from the registry's references, never by a
writer), and the one-line disclaimer last. Figures that failed verification are marked in
place, so a reader sees the doubt where the number is: ⚠ when no cited source states the
figure, ⊗ when the cited source states another value (listed with the notes under the answer).
`MARKS` is the one place these marks are chosen; the UI and the HTML and PDF exports use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from assistant.answer.model import (
    NUMBER_FLAGS,
    Answer,
    Flag,
    FlagKind,
    Language,
    Reference,
    Section,
)
from assistant.locale import as_of_line, heading, message, notice

# The mark put after a flagged figure, per kind. ⊗ (U+2297): distinct from ⚠ and from the UI's
# ≠ for a discrepancy, not read as part of a figure the way × ("1.5×") would be, and present in
# Noto Sans/Serif CJK (what the PDF export embeds) as well as DejaVu Sans; ✗ and ✘ are not.
MARKS: dict[FlagKind, str] = {
    "contradicted_number": "⊗",
    "unsupported_number": "⚠",
    "uncited_number": "⚠",
}
_MARK_CHARS = frozenset(MARKS.values())


class Note(NamedTuple):
    """A verification note under the answer, and the figures it lists (each flag's message)."""

    text: str
    items: tuple[str, ...] = ()


def render_markdown(answer: Answer) -> str:
    lang = answer.language
    parts = [f"# {answer.title}", f"*{as_of_line(answer.as_of, lang)}*"]
    notices = [f.message for f in answer.flags if f.kind == "notice"]
    if notices:
        parts.append("\n".join(f"> {text}" for text in notices))
    number_flags = [f for f in answer.flags if f.kind in NUMBER_FLAGS]
    for section in answer.sections:
        parts += _render_section(section, number_flags, level=2)
    notes = verification_notes(answer.flags, lang)
    if notes:
        parts.append("\n".join(_quoted(note) for note in notes))
    parts.append(f"## {heading('references', lang)}")
    parts += [_with_notes(r) for r in answer.references] or ["—"]
    parts += ["---", message("answer.disclaimer", lang)]
    return "\n\n".join(parts) + "\n"


def _render_section(section: Section, flags: list[Flag], level: int) -> list[str]:
    out = [f"{'#' * level} {section.heading}"]
    if section.text:
        out.append(mark_flagged(section.text, [f for f in flags if f.section == section.key]))
    for sub in section.subsections:
        out += _render_section(sub, flags, level + 1)
    return out


def mark_flagged(text: str, flags: list[Flag]) -> str:
    """Put each flagged figure's mark (`MARKS`) after it, inside the sentence the flag names."""
    for flag in flags:
        mark = MARKS.get(flag.kind)
        if mark is None or not flag.sentence or not flag.number:
            continue
        start = text.find(flag.sentence)
        if start < 0:
            continue
        sentence = text[start : start + len(flag.sentence)]
        at = _unmarked(sentence, flag.number)
        if at < 0:
            continue
        end = at + len(flag.number)
        marked = sentence[:end] + mark + sentence[end:]
        text = text[:start] + marked + text[start + len(flag.sentence) :]
    return text


def _unmarked(sentence: str, number: str) -> int:
    at = sentence.find(number)
    while at >= 0 and sentence[at + len(number) : at + len(number) + 1] in _MARK_CHARS:
        at = sentence.find(number, at + 1)
    return at


def verification_notes(flags: Iterable[Flag], lang: Language) -> list[Note]:
    """What the marks in the text mean (one note per mark used), the contradicted figures
    with the values their sources state, and how many citations were removed."""
    flags = tuple(flags)
    notes = []
    if any(f.kind in NUMBER_FLAGS and f.kind != "contradicted_number" for f in flags):
        notes.append(Note(notice("unverified", lang)))  # explains ⚠
    contradicted = tuple(f.message for f in flags if f.kind == "contradicted_number")
    if contradicted:
        notes.append(Note(notice("contradicted", lang), contradicted))  # explains ⊗
    removed = sum(1 for f in flags if f.kind == "unknown_citation")
    if removed:
        notes.append(Note(notice("removed_citations", lang, count=removed)))
    return notes


def _quoted(note: Note) -> str:
    return "\n".join([f"> {note.text}", *(f"> - {item}" for item in note.items)])


def _with_notes(reference: Reference) -> str:
    """The reference line and, under it, its notes: how old stored prices are when they could
    not be refreshed, a stale series; a reader of the Markdown alone must see them too."""
    return "\n".join([render_reference(reference), *(f"- {note}" for note in reference.notes)])


def render_reference(reference: Reference) -> str:
    """`[n] title — source, date. url` (for [0]: tools, symbols, source, as-of date)."""
    details = [d for d in (reference.source, reference.date and reference.date.isoformat()) if d]
    line = f"[{reference.n}] {reference.title}"
    if details:
        line += " — " + ", ".join(details)
    if reference.url:
        line += f". <{reference.url}>"
    return line


def answer_json(answer: Answer) -> dict[str, Any]:
    """The CLI's `--json` shape: stable, small, and enough to trace every figure."""
    return {
        "markdown": render_markdown(answer),
        "title": answer.title,
        "as_of": answer.as_of.isoformat(),
        "language": answer.language,
        "mode": answer.mode,
        "sections": [_flat_section(s) for s in answer.sections],
        "references": [
            {
                "n": r.n,
                "kind": r.kind,
                "title": r.title,
                "source": r.source,
                "date": r.date.isoformat() if r.date else None,
                "url": r.url,
                "article_id": r.article_id,  # None for market data
            }
            for r in answer.references
        ],
        "flags": [f.model_dump(mode="json", exclude_none=True) for f in answer.flags],
    }


def _flat_section(section: Section) -> dict[str, Any]:
    """A section as {heading, text}; subsections keep their own headings inside the text."""
    parts = [section.text] if section.text else []
    parts += [f"### {sub.heading}\n\n{sub.text}" for sub in section.subsections]
    flat: dict[str, Any] = {"heading": section.heading, "text": "\n\n".join(parts)}
    if section.subsections:
        flat["subsections"] = [{"heading": s.heading, "text": s.text} for s in section.subsections]
    return flat

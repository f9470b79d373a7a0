"""The one Markdown rendering of an Answer, for both modes, the CLI and exports.

Order as in the seeds: title, as-of line, (notices), the sections under their localized
headings, the references list (written here from the registry's references, never by a
writer), and the one-line disclaimer last. Figures that failed verification are marked ⚠ in
place, so a reader sees the doubt where the number is.
"""

from __future__ import annotations

from typing import Any

from assistant.answer.model import Answer, Flag, Reference, Section
from assistant.locale import as_of_line, heading, message, notice

MARK = "⚠"
_NUMBER_FLAGS = {"unsupported_number", "uncited_number"}


def render_markdown(answer: Answer) -> str:
    lang = answer.language
    parts = [f"# {answer.title}", f"*{as_of_line(answer.as_of, lang)}*"]
    notices = [f.message for f in answer.flags if f.kind == "notice"]
    if notices:
        parts.append("\n".join(f"> {text}" for text in notices))
    number_flags = [f for f in answer.flags if f.kind in _NUMBER_FLAGS]
    for section in answer.sections:
        parts += _render_section(section, number_flags, level=2)
    notes = _verification_notes(answer)
    if notes:
        parts.append("\n".join(f"> {n}" for n in notes))
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
    """Put ⚠ after each flagged figure, inside the sentence the flag names."""
    for flag in flags:
        if not flag.sentence or not flag.number:
            continue
        start = text.find(flag.sentence)
        if start < 0:
            continue
        sentence = text[start : start + len(flag.sentence)]
        at = _unmarked(sentence, flag.number)
        if at < 0:
            continue
        end = at + len(flag.number)
        marked = sentence[:end] + MARK + sentence[end:]
        text = text[:start] + marked + text[start + len(flag.sentence) :]
    return text


def _unmarked(sentence: str, number: str) -> int:
    at = sentence.find(number)
    while at >= 0 and sentence[at + len(number) : at + len(number) + 1] == MARK:
        at = sentence.find(number, at + 1)
    return at


def _verification_notes(answer: Answer) -> list[str]:
    lang = answer.language
    notes = []
    if any(f.kind in _NUMBER_FLAGS for f in answer.flags):
        notes.append(notice("unverified", lang))
    removed = sum(1 for f in answer.flags if f.kind == "unknown_citation")
    if removed:
        notes.append(notice("removed_citations", lang, count=removed))
    return notes


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

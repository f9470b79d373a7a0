"""A tool's caveats ("stored prices are not current …"), as text and as data.

A note is a string: the English line the CLI, JSON, an MCP client and the model read. Like
`tools.errors.ToolError`, it also carries a `key` and the `facts` that line says, so an answer
in another language words it from its own catalog (`assistant.locale.note_text`, the
`[tool_note]` tables) instead of showing a Chinese reader English. A fact may itself be a note,
a tuple of notes (one clause each: "last close 2026-02-23, 270 days old, for ^RUT; …"), or a
tuple of names (a list: "IWM.csv, SPY.csv"), and
a fact given per language has its language's value beside it ("name", "name_zh").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from tools.errors import ToolError


class Note(str):
    """An English caveat with its `key` and `facts`."""

    key: str
    facts: dict[str, object]

    def __new__(cls, text: str, key: str, **facts: object) -> Note:
        note = super().__new__(cls, text)
        note.key = key
        note.facts = facts
        return note

    def __reduce__(self) -> tuple[object, ...]:  # pickled (a process pool) with its data
        return (_rebuild, (str(self), self.key, self.facts))


def _rebuild(text: str, key: str, facts: dict[str, object]) -> Note:
    return Note(text, key, **facts)


def clauses(notes: tuple[Note, ...]) -> str:
    """Notes as one English line, "; " between them."""
    return "; ".join(notes)


def price_store_note(groups: Sequence[tuple[str, Sequence[str]]]) -> Note:
    """Where the prices came from, as one note: each origin's phrase (a note: "CSV import
    (2026-11-20)") with the files or symbols it holds. Its `groups` are notes too, so the `[0]`
    reference of several results can merge them and word them in the reader's language."""
    if not groups:
        return Note("local price store (empty)", "price_store_empty")
    parts = tuple(
        Note(f"{phrase}: {', '.join(items)}", "origin_group", phrase=phrase, items=tuple(items))
        for phrase, items in groups
    )
    return Note("local price store: " + "; ".join(parts), "price_store", groups=parts)


def merged_sources(sources: Iterable[str]) -> list[str]:
    """The origins of several results, each once: the price store's groups as one note (one
    phrase each, each of its items once), then any other origin."""
    groups: dict[str, tuple[str, list[str]]] = {}
    others: list[str] = []
    for source in sources:
        if getattr(source, "key", None) != "price_store":
            others += [] if source in others else [source]
            continue
        for group in getattr(source, "facts", {})["groups"]:
            phrase = group.facts["phrase"]
            items = groups.setdefault(phrase, (phrase, []))[1]
            items += [i for i in group.facts["items"] if i not in items]
    return [price_store_note(list(groups.values())), *others] if groups else others


def age_note(last: dt.date, days: int, symbols: Sequence[str]) -> Note:
    """'last close 2026-02-23, 270 days old, for ^RUT, XLB'."""
    text = f"last close {last}, {days} days old, for {', '.join(symbols)}"
    return Note(text, "age", last=last, days=days, symbols=tuple(symbols))


def not_current_note(ages: tuple[Note, ...]) -> Note:
    """'stored prices are not current (…)', one `age_note` per last close."""
    return Note(f"stored prices are not current ({clauses(ages)})", "not_current", ages=ages)


def incomplete_note(symbols: Sequence[str], period: str, day: dt.date) -> Note:
    """'the stored closes of XLE, XLK end 2026-08-21, so the figures for 2026-08 run to that day':
    a calendar period measured to the last close, the rest of it not stored."""
    named = ", ".join(symbols)
    text = f"the stored closes of {named} end {day}, so the figures for {period} run to that day"
    return Note(text, "period_incomplete", symbols=tuple(symbols), period=period, day=day)


def ended_before_note(
    symbol: str, day: dt.date, period: str, began: dt.date, **indicator: str
) -> Note:
    """'^TNX's stored closes end on 2026-02-13, before 2026-07 began on 2026-07-01': a series
    that says nothing of the period asked; `indicator`: the macro reading it is of, by name."""
    text = f"{symbol}'s stored closes end on {day}, before {period} began on {began}"
    facts = {"symbol": symbol, "day": day, "period": period, "began": began, **indicator}
    return Note(text, "ended_before_span", **facts)


def merged_notes(notes: Iterable[str]) -> list[str]:
    """The notes of several results, each once, their "not current" notes as one in the
    first one's place: each symbol is named once, though the sector scores' benchmark SPY
    is also the returns' SPY. So are the symbols of one period measured to one last close."""
    merged: list[str] = []
    place: int | None = None  # of the first "not current" note
    by_close: dict[tuple[dt.date, int], list[str]] = {}
    incomplete: dict[tuple[object, object], int] = {}  # (period, day): its note's place
    for note in notes:
        key, facts = getattr(note, "key", None), getattr(note, "facts", {})
        if key == "period_incomplete":
            period, day = facts["period"], facts["day"]
            at = incomplete.setdefault((period, day), len(merged))
            earlier = getattr(merged[at], "facts", {})["symbols"] if at < len(merged) else ()
            symbols = [*earlier, *(s for s in facts["symbols"] if s not in earlier)]
            merged[at : at + 1] = [incomplete_note(symbols, period, day)]
            continue
        if key != "not_current":
            merged += [] if note in merged else [note]
            continue
        if place is None:
            place = len(merged)
            merged.append(note)
        for age in getattr(note, "facts", {})["ages"]:
            symbols = by_close.setdefault((age.facts["last"], age.facts["days"]), [])
            symbols += [s for s in age.facts["symbols"] if s not in symbols]
    if place is not None:
        merged[place] = not_current_note(
            tuple(age_note(last, days, s) for (last, days), s in sorted(by_close.items()))
        )
    return merged


def of_error(error: ToolError) -> str:
    """An error's message, as a note when the error also says it as data (`key`, `facts`)."""
    return Note(str(error), error.key, **error.facts) if error.key else str(error)

"""The macro dashboard told as sentences: yields, curve slopes, VIX and the credit proxy, each
under the date of its own latest close."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from assistant.answer.model import Language
from assistant.locale import CREDIT_PROXY, format_date, indicator_name, message
from assistant.offline.narrate import (
    CITE,
    amount,
    as_of_suffix,
    change_size,
    day_of,
    num,
    ok,
    signed,
    table_rows,
)
from tools.notes import Note
from tools.result import ToolResult

_CHANGES = {"up": "macro.change_up", "down": "macro.change_down", "flat": "macro.change_flat"}


def _macro_value(row: dict[str, Any], language: Language) -> str:
    value, unit = row["value"], row.get("unit")
    if unit == "%":
        return f"{value:.2f}%"
    if unit == "bp":
        return amount(value, "bp", 0, language)
    if unit == "ratio":
        return f"{value:.4f}"
    return f"{value:.2f}"


def _macro_change(row: dict[str, Any], language: Language) -> str:
    change = num(row, "change_1m")
    phrase = _CHANGES.get(str(row.get("direction")))
    if change is None or phrase is None:
        return ""
    unit = str(row.get("change_unit"))
    size = change_size(change, unit, language)
    return message(phrase, language, change=size, signed_change=signed(size, change))


def _reading(row: dict[str, Any]) -> str:
    """Which of the dashboard's readings a row of `tools.macro` is, as a question names them
    (`dashboard_readings`): "curve", "credit", "volatility" or "yield"."""
    indicator = str(row.get("indicator") or "")
    if indicator.startswith(CREDIT_PROXY):
        return "credit"
    if "slope" in indicator:
        return "curve"
    return "volatility" if indicator == "VIX" else "yield"


def _rank(row: dict[str, Any], asked: Sequence[str]) -> int:
    """Where the question names the row's reading among `asked`; after all of them if not."""
    reading = _reading(row)
    return asked.index(reading) if reading in asked else len(asked)


def _asked_first(rows: list[dict[str, Any]], asked: Sequence[str]) -> list[dict[str, Any]]:
    """The rows the question names first, in the order it names them; the rest as they were."""
    return sorted(rows, key=lambda row: _rank(row, asked))


def _left_out(result: ToolResult, rows: list[dict[str, Any]], asked: Sequence[str]) -> list[Note]:
    """The readings the question names that have no row because their series end before the
    period asked ("What happened to Treasury yields this week?" of a 10-year yield stored to
    February), said so in the reader's language: told first, or the VIX would answer for them."""
    shown = {_reading(row) for row in rows}
    return [
        note
        for note in result.provenance.notes
        if isinstance(note, Note)
        and note.key == "ended_before_span"
        and "indicator" in note.facts
        and _reading(note.facts) in set(asked) - shown
    ]


def _left_out_sentence(note: Note, language: Language) -> str:
    day, began = note.facts["day"], note.facts["began"]
    assert isinstance(day, dt.date) and isinstance(began, dt.date)  # `ended_before_note`'s
    return message(
        "macro.left_out",
        language,
        name=indicator_name(str(note.facts["indicator"]), language),
        day=format_date(day, language),
        began=format_date(began, language),
        cite=CITE,
    )


def macro_point(
    result: ToolResult, language: Language, asked: Sequence[str] = (), day: dt.date | None = None
) -> str | None:
    """The first indicator the question names (`asked`, `dashboard_readings`), else the first,
    on its own, for the summary of an answer as of `day`: dated, where its latest close is on
    another day. A reading named whose series ends before the period asked: that it does."""
    rows = _asked_first([r for r in table_rows(result) if ok(r.get("value"))], asked)
    left_out = _left_out(result, rows, asked)
    if left_out:
        return _left_out_sentence(left_out[0], language)
    if not rows:
        return None
    fields = _macro_fields(rows[0], day or result.provenance.as_of, language)
    return message("macro.point", language, **fields, cite=CITE)


def macro_sentences(
    result: ToolResult, language: Language, asked: Sequence[str] = (), told_first: bool = False
) -> list[str]:
    """The dashboard in one sentence, its indicators grouped by the day of their latest close,
    the newest first: each series keeps its latest close, and a reader sees one date per group
    ("as of August 21: VIX …; as of February 13: 10-year yield …"), not one date over all and
    another in brackets. What the question names (`asked`, `dashboard_readings`) comes first:
    its group, and in it its indicator ("Is the yield curve inverted?" opens on the slopes).
    `told_first`: the first of those is told already, on its own (`macro_point`), and is left
    out. A reading named whose series ends before the period asked: that it does, first."""
    rows = _asked_first([r for r in table_rows(result) if ok(r.get("value"))], asked)
    left_out = [_left_out_sentence(n, language) for n in _left_out(result, rows, asked)]
    rows = rows[1:] if told_first else rows
    if not rows:
        return left_out
    by_day: dict[dt.date, list[dict[str, Any]]] = {}
    for row in rows:
        by_day.setdefault(day_of(row.get("date")) or result.provenance.as_of, []).append(row)
    days = sorted(by_day, reverse=True)
    days.sort(key=lambda day: _rank(by_day[day][0], asked))  # stable: the rest newest first
    clauses = message("join.clauses", language)
    groups = clauses.join(
        message(
            "macro.group",
            language,
            date=format_date(day, language),
            indicators=clauses.join(_macro_clause(r, day, language) for r in by_day[day]),
        )
        for day in days
    )
    return [*left_out, message("macro.sentence", language, groups=groups, cite=CITE)]


def _macro_clause(row: dict[str, Any], day: dt.date, language: Language) -> str:
    return message("macro.indicator", language, **_macro_fields(row, day, language))


def _macro_fields(row: dict[str, Any], day: dt.date, language: Language) -> dict[str, str]:
    """An indicator's name, its value (dated where its latest close is not `day`'s) and its
    month's change, as a sentence on it says them."""
    value = _macro_value(row, language) + as_of_suffix(day_of(row.get("date")), day, language)
    name = indicator_name(row["indicator"], language)
    return {"name": name, "value": value, "change": _macro_change(row, language)}


def inversion_verdict(result: ToolResult, language: Language) -> str | None:
    """Yes or no to "Is the yield curve inverted?": each curve slope of the dashboard, dated,
    below zero (inverted) or not; "in part" when they disagree. None without a slope."""
    slopes = [
        r for r in table_rows(result) if "slope" in str(r.get("indicator")) and ok(r.get("value"))
    ]
    if not slopes:
        return None
    states = [
        message(
            "macro.slope_state",
            language,
            date=format_date(day_of(r.get("date")) or result.provenance.as_of, language),
            name=indicator_name(r["indicator"], language),
            value=_macro_value(r, language),
            state=message(f"macro.{'inverted' if r['value'] < 0 else 'not_inverted'}", language),
        )
        for r in slopes
    ]
    inverted = {r["value"] < 0 for r in slopes}
    verdict = "yes" if inverted == {True} else "no" if inverted == {False} else "in_part"
    slopes_told = message("join.clauses", language).join(states)
    return message(f"macro.inverted_{verdict}", language, slopes=slopes_told, cite=CITE)

"""The words a reader sees, in Chinese or English, and the answer format they fill.

The words themselves are data: `en.toml` and `zh.toml` in this package, read through
`message(name, language, **values)` (see `assistant.locale.catalog`). What is here is the logic
around them: the answer's section structure (which both modes, the renderer and the parser of
model output share), headings, the as-of line, period labels, dates and hints.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from assistant.answer.model import Language, SectionKey
from assistant.locale.catalog import LANGUAGES, has_message, message
from ingest.dates import MONTH_NAMES
from ingest.errors import Remedy
from ingest.named_periods import QUARTER_NUMERALS, QUARTER_ORDINALS
from tools.period_labels import extreme_of, month_of, months_of, since_of, span_of

__all__ = [
    "LANGUAGES",
    "SUBSECTIONS",
    "TOP_LEVEL",
    "as_of_line",
    "format_date",
    "has_message",
    "heading",
    "heading_skeleton",
    "hint",
    "message",
    "notice",
    "period_label",
    "tool_failure",
    "tool_name",
]

TOP_LEVEL: tuple[SectionKey, ...] = ("analysis", "insights", "risks_opportunities", "takeaways")
SUBSECTIONS: dict[SectionKey, tuple[SectionKey, ...]] = {
    "risks_opportunities": ("risks", "opportunities"),
}

Edge = Literal["cli", "browser", "mcp"]


def format_date(day: dt.date, language: Language) -> str:
    """2026年1月23日 / January 23, 2026."""
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


def heading(key: SectionKey | Literal["references"], language: Language) -> str:
    """A section's heading (or the references'), e.g. 综合分析 / Comprehensive analysis."""
    return message(f"heading.{key}", language)


def as_of_line(day: dt.date, language: Language) -> str:
    return message("answer.as_of_line", language, date=format_date(day, language))


def heading_skeleton(language: Language) -> str:
    """The section headings as Markdown, for the model to fill in (in the prompt)."""
    lines = []
    for key in TOP_LEVEL:
        lines.append(f"## {heading(key, language)}")
        lines += [f"### {heading(sub, language)}" for sub in SUBSECTIONS.get(key, ())]
    return "\n".join(lines)


def notice(name: str, language: Language, /, **values: object) -> str:
    """What the reader should know about how an answer was written ("offline", "no_prices")."""
    return message(f"notice.{name}", language, **values)


CREDIT_PROXY = "credit proxy"  # tools.macro names it "credit proxy HYG/LQD"


def indicator_name(indicator: str, language: Language) -> str:
    """A macro indicator as tools.macro names it, in the reader's words (as named if unknown)."""
    if indicator.startswith(CREDIT_PROXY):
        detail = indicator.removeprefix(CREDIT_PROXY).strip()
        return message("macro.credit_proxy", language, detail=detail)
    name = f"indicator.{indicator}"
    return message(name, language) if has_message(name, language) else indicator


def tool_name(tool: str, language: Language) -> str:
    """A market-data tool in the reader's words ("index_returns": 指数收益; its id if unknown)."""
    name = f"tool_name.{tool}"
    return message(name, language) if has_message(name, language) else tool


def note_text(note: str, language: Language) -> str:
    """A tool's caveat in the reader's words, where the catalog's [tool_note] has its key
    (tools.notes.Note); otherwise as the tool wrote it."""
    key, facts = getattr(note, "key", None), getattr(note, "facts", {})
    if not key or not has_message(f"tool_note.{key}", language):
        return str(note)
    # a fact may be given per language ("name_zh" beside "name"): the reader's stands for it
    chosen = {name: facts.get(f"{name}_{language}", value) for name, value in facts.items()}
    values = {name: _fact(name, value, language) for name, value in chosen.items()}
    return message(f"tool_note.{key}", language, **values)


def _fact(name: str, value: object, language: Language) -> object:
    if isinstance(value, dt.date):
        return format_date(value, language)
    if isinstance(value, tuple) and all(getattr(v, "key", None) for v in value):
        # notes of their own, one clause each
        return message("join.clauses", language).join(note_text(v, language) for v in value)
    if isinstance(value, tuple):  # names: "IWM.csv, SPY.csv", "IWM.csv、SPY.csv"
        return message("join.list", language).join(map(str, value))
    if name == "indicator" and isinstance(value, str):
        return indicator_name(value, language)
    if name == "period" and isinstance(value, str):  # "MTD": 本月至今 / month to date
        return period_label(value, language)
    return note_text(value, language) if isinstance(value, str) else value  # a note itself


def tool_failure(tool: str, error: Exception, language: Language) -> str:
    """A tool's error as a notice in the reader's language: from the error's `key` and
    `facts` where the catalog words it (tools.errors.ToolError: the same for every tool it
    stops, so two tools stopped by one missing close say it once), else its own message,
    naming the tool."""
    key, facts = getattr(error, "key", None), getattr(error, "facts", {})
    if key and has_message(f"tool_error.{key}", language):
        values = {k: _fact(k, v, language) for k, v in facts.items()}
        reason = message(f"tool_error.{key}", language, **values)
        return notice("market_data_missing", language, reason=reason)
    return notice("tool_failed", language, tool=tool_name(tool, language), reason=error)


def hint(remedy: Remedy, edge: Edge) -> str:
    """What a person can do about a refusal, worded for where they read it.

    The library states facts ("refused: 127.0.0.1 is a loopback address") and names the remedy;
    only the edge knows its reader. At the terminal a flag is the answer; in the browser there
    are no flags, so it names the setting (or the button) that does the same; an agent over MCP
    reads the setting the server's owner can change. Every edge speaks English.
    """
    return message(f"hint.{remedy}.{edge}", "en")


def metric_label(metric: str, language: Language) -> str:
    """ "return" -> 涨跌幅 / return; a metric without a label keeps its code."""
    name = f"metric.{metric}"
    return message(name, language) if has_message(name, language) else metric


_UNITS = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def _month(number: int, language: Language) -> str:
    """A month's name: 7月 / July."""
    return f"{number}月" if language == "zh" else MONTH_NAMES[number - 1]


_ORDINALS = {  # "二季度", "上半年"; "the second quarter", "the first half"
    ("zh", "Q"): QUARTER_NUMERALS,
    ("zh", "H"): "上下",
    ("en", "Q"): QUARTER_ORDINALS,
    ("en", "H"): QUARTER_ORDINALS[:2],
}


def period_label(period: str | None, language: Language) -> str:
    """ "YTD" -> 年初至今 / year to date; "3M" -> 近3个月 / over the past 3 months; "2024";
    "2026-07" -> 2026年7月 / in July 2026; "2026-03..2026-06" -> 2026年3月至6月 / from March to
    June 2026; "2026-H1" -> 2026年上半年 / in the first half of 2026."""
    if not period:
        return ""
    code = period.upper()
    if has_message(f"period.named.{code}", language):
        return message(f"period.named.{code}", language)
    if code.isdigit():
        return message("period.calendar_year", language, year=code)
    if found := month_of(code):  # "2026-07"
        year, month = found
        return message("period.calendar_month", language, year=year, name=_month(month, language))
    if months := months_of(code):  # "2026-03..2026-06"
        (year, first), (last_year, last) = months
        key = "period.calendar_months" if year == last_year else "period.calendar_months_years"
        return message(key, language, year=year, first=_month(first, language),
                       last_year=last_year, last=_month(last, language))  # fmt: skip
    if span := span_of(code):  # "2026-Q2", "2026-H1"
        year, kind, which = span
        ordinals = _ORDINALS[(language, kind)]
        name = "period.calendar_quarter" if kind == "Q" else "period.calendar_half"
        return message(name, language, year=year, ordinal=ordinals[which - 1])
    if extreme := extreme_of(code):  # "low:2026-04": from that month's lowest close
        kind, within = extreme
        if (of_month := month_of(within)) is None:  # a year's: "high:2026"
            return message(f"period.from_{kind}_year", language, year=within)
        name = _month(of_month[1], language)
        return message(f"period.from_{kind}_month", language, year=of_month[0], name=name)
    if since := since_of(code):  # "2026-06-30..": from that close
        return message("period.since", language, date=format_date(since, language))
    if code[:-1].isdigit() and code[-1] in _UNITS:
        n, unit = int(code[:-1]), _UNITS[code[-1]]
        name = f"period.past_{unit}" if n == 1 else f"period.past_{unit}s"
        return message(name, language, n=n)
    return period

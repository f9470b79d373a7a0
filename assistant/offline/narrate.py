"""Market-data results told as sentences, in Chinese or English, each citing `[0]`.

The offline composer writes its figures with these; every number comes straight from a tool
frame, formatted to a precision verification accepts (returns and spreads to 2 decimals, levels
with thousands separators, scores to 1 decimal). No number is derived here. The sentences'
words are the catalog's (`assistant/locale/*.toml`, tables narrate, sector and macro).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Collection, Sequence
from typing import Any

import pandas as pd

from assistant.answer.model import Language
from assistant.locale import format_date, message, period_label
from assistant.question.comparison import Comparison
from tools.period_labels import extreme_of
from tools.result import ToolResult

Namer = Callable[[str, Language], str]
CITE = "[0]"


def fund_names(name: Namer, is_sector: Callable[[str], bool]) -> Namer:
    """`name`, but a sector by its fund, whose figures they are: 能源板块(XLE), not 能源."""

    def named(symbol: str, language: Language) -> str:
        if not is_sector(symbol):
            return name(symbol, language)
        return message("sector.fund", language, name=name(symbol, language), symbol=symbol)

    return named


def table_rows(result: ToolResult) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in result.frame.to_dict(orient="records")]


def num(row: dict[str, Any], key: str) -> float | None:
    """The row's value as a float, or None when absent or NaN."""
    value = row.get(key)
    if isinstance(value, int | float) and not math.isnan(value):
        return float(value)
    return None


def ok(value: Any) -> bool:
    return isinstance(value, int | float) and not math.isnan(value)


def day_of(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return pd.Timestamp(value).date()


def as_of_suffix(own: dt.date | None, day: dt.date | None, language: Language) -> str:
    """What follows a figure whose own latest close is not `day`, the day the answer is as of:
    " (as of February 13, 2026)"; nothing after one that is."""
    if own is None or day is None or own == day:
        return ""
    return message("narrate.dated", language, date=format_date(own, language))


def period_told(row: dict[str, Any], language: Language, day: dt.date | None = None) -> str:
    """The row's period, dated where its closes end before `day` (`as_of_suffix`): a summary
    line says no "as of" of its own, and "month to date" in an August answer must not read as
    August's when the series ends in February."""
    label = period_label(str(row.get("period") or ""), language)
    return label + as_of_suffix(day_of(row.get("end_date")), day, language)


def pct(value: float) -> str:
    return f"{abs(value):.2f}%"


def level(value: float) -> str:
    return f"{value:,.2f}"


def signed(text: str, value: float) -> str:
    return f"{'+' if value >= 0 else '-'}{text}"


def move(value: float, language: Language) -> str:
    """上涨7.54% / 下跌1.05% / up 7.54% / down 1.05%."""
    return message("narrate.up" if value >= 0 else "narrate.down", language, change=pct(value))


def amount(value: float, unit: str, decimals: int, language: Language) -> str:
    """12 bp / 12个基点, 0.30 points / 0.30点, 1.25%; any other unit as a bare number."""
    number = f"{value:.{decimals}f}"
    if unit == "bp":
        return message("macro.basis_points", language, value=number)
    if unit == "pt":
        return message("macro.points", language, value=number)
    return number + ("%" if unit == "%" else "")


def change_size(change: float, unit: str, language: Language) -> str:
    """How much a level changed, unsigned: 12个基点 / 3.57 points / 1.94%."""
    return amount(abs(change), unit, 0 if unit == "bp" else 2, language)


def level_move(change: float, unit: str, language: Language) -> str:
    """A yield's or a gauge's move: 上升12个基点 / 下降3.57点 / up 12 bp / down 3.57 points."""
    size = change_size(change, unit, language)
    return message("narrate.rose" if change >= 0 else "narrate.fell", language, change=size)


def join_items(items: Sequence[str], language: Language) -> str:
    """A、B和C / A, B and C."""
    if len(items) <= 1:
        return "".join(items)
    last = message("join.list_last", language)
    return message("join.list", language).join(items[:-1]) + last + items[-1]


# ---------------------------------------------------------------------------------------------
# index returns


def stand_in_sentences(result: ToolResult, name: Namer, language: Language) -> list[str]:
    """Which ETFs answer for indices in the result, and why (tools.proxies)."""
    return [
        message(
            f"narrate.stand_in_{s.reason}",
            language,
            name=name(s.symbol, language),
            last=format_date(s.last, language) if s.last else "",
            proxy_name=_with_ticker(name(s.proxy, language), s.proxy, language),
            cite=CITE,
        )
        for s in result.stand_ins
    ]


def _with_ticker(name: str, symbol: str, language: Language) -> str:
    """The name with its ticker, unless it writes it ("Invesco QQQ (Nasdaq 100 ETF)")."""
    return name if symbol in name else message("narrate.named", language, name=name, symbol=symbol)


def answered_by(result: ToolResult | None, symbol: str | None) -> str | None:
    """The symbol whose figures answer for `symbol` in the result: its ETF when one stands in."""
    if result is None or symbol is None:
        return symbol
    return next((s.proxy for s in result.stand_ins if s.symbol == symbol), symbol)


def returns_sentences(
    result: ToolResult, benchmark: str | None, name: Namer, language: Language
) -> list[str]:
    """The computed returns (with levels), and the spread against the benchmark."""
    rows = [r for r in table_rows(result) if ok(r.get("return_pct")) or ok(r.get("change"))]
    if not rows:
        return []
    end = day_of(rows[0].get("end_date")) or result.provenance.as_of
    label = period_label(str(rows[0].get("period") or ""), language)
    bench = next((r for r in rows if r["symbol"] == benchmark), None)
    others = [r for r in rows if r is not bench]
    sentences = [_returns_line(others + ([bench] if bench else []), end, label, name, language)]
    if bench is not None:
        sentences += [_spread_line(r, bench, name, language) for r in others]
    return [s for s in sentences if s]


def _closes(row: dict[str, Any], language: Language) -> str:
    """The closes a return runs between, " (6,845.50 → 7,674.37)", and for a move from a high
    or a low, the day of that close too."""
    if not (ok(row.get("start_close")) and ok(row.get("end_close"))):
        return ""
    start, stop = level(row["start_close"]), level(row["end_close"])
    if row.get("close_unit") == "%":  # a yield closes at a percentage
        start, stop = f"{start}%", f"{stop}%"
    day = day_of(row.get("start_date"))
    if day is None or not extreme_of(str(row.get("period") or "")):
        return message("narrate.closes", language, start=start, end=stop)
    when = format_date(day, language)
    return message("narrate.closes_from", language, day=when, start=start, end=stop)


def _returns_line(
    rows: list[dict[str, Any]], end: dt.date, label: str, name: Namer, language: Language
) -> str:
    parts = []
    for row in rows:
        closes = _closes(row, language)
        parts.append(
            message(
                "narrate.symbol_return",
                language,
                name=name(row["symbol"], language),
                move=_moved(row, language),
                period=label,
                closes=closes,
            )
        )
    returns = message("narrate.returns_separator", language).join(parts)
    return message(
        "narrate.returns", language, date=format_date(end, language), returns=returns, cite=CITE
    )


def _spread_line(
    row: dict[str, Any], bench: dict[str, Any], name: Namer, language: Language
) -> str:
    spread = num(row, "spread_pp")
    if spread is None:
        return ""
    return message(
        "narrate.outperformed" if spread >= 0 else "narrate.underperformed",
        language,
        name=name(row["symbol"], language),
        other=name(bench["symbol"], language),
        spread=f"{abs(spread):.2f}",
        cite=CITE,
    )


def verdict(
    result: ToolResult,
    benchmark: str | None,
    name: Namer,
    language: Language,
    day: dt.date | None = None,
    asked: Comparison | None = "whether",
) -> str | None:
    """The one-line answer to "did A beat B?" (Yes / No) for the summary of an answer as of
    `day`; asked "which did better?", the one that did, first."""
    rows = {r["symbol"]: r for r in table_rows(result)}
    if benchmark not in rows:
        return None
    if asked == "which" and len(rows) > 2:  # "Which did better: A, B or C?": in order
        return _ranked(list(rows.values()), name, language, day)
    lines = []
    whether = asked != "which"
    for symbol, row in rows.items():
        spread = num(row, "spread_pp")
        if symbol == benchmark or spread is None:
            continue
        first, second = (symbol, benchmark) if spread >= 0 or whether else (benchmark, symbol)
        if whether:
            key = "narrate.verdict_yes" if spread >= 0 else "narrate.verdict_no"
        else:
            key = "narrate.verdict_which"
        lines.append(
            message(
                key,
                language,
                name=name(str(first), language),
                other=name(str(second), language),
                period=period_told(row, language, day),
                move=move(rows[first]["return_pct"], language),
                other_move=move(rows[second]["return_pct"], language),
                spread=f"{abs(spread):.2f}",
                cite=CITE,
            )
        )
    return message("join.sentences", language).join(lines) if lines else None


def _ranked(
    rows: list[dict[str, Any]], name: Namer, language: Language, day: dt.date | None
) -> str | None:
    """ "The Nasdaq did best year to date, up 16.28%; then the S&P 500 (up 12.60%) and the Dow
    (up 11.27%).": which of several did better, and how each did."""
    measured = sorted((r for r in rows if ok(r.get("return_pct"))), key=lambda r: -r["return_pct"])
    if len(measured) < 2:
        return None
    first, *rest = measured
    others = [
        message("narrate.ranked_item", language, name=name(r["symbol"], language),
                move=move(r["return_pct"], language))
        for r in rest
    ]  # fmt: skip
    return message(
        "narrate.verdict_ranked",
        language,
        name=name(first["symbol"], language),
        period=period_told(first, language, day),
        move=move(first["return_pct"], language),
        rest=join_items(others, language),
        cite=CITE,
    )


def verdict_title(
    result: ToolResult,
    benchmark: str | None,
    name: Namer,
    language: Language,
    asked: Comparison | None = "whether",
) -> str | None:
    """The finding of a two-way comparison as a title ("罗素2000指数年初至今跑赢标普500指数"),
    without figures (the analysis gives them, cited); asked "which did better?", the one that
    did, first."""
    rows = {r["symbol"]: r for r in table_rows(result)}
    if benchmark not in rows:
        return None
    spreads = [(s, num(r, "spread_pp")) for s, r in rows.items() if s != benchmark]
    if len(spreads) != 1:
        return None
    symbol, spread = spreads[0]
    if spread is None:
        return None
    winner_first = asked == "which"
    first, second = (benchmark, symbol) if winner_first and spread < 0 else (symbol, benchmark)
    return message(
        "title.ahead" if spread >= 0 or winner_first else "title.behind",
        language,
        name=name(str(first), language),
        other=name(str(second), language),
        period=period_label(str(rows[symbol].get("period") or ""), language),
    )


def return_points(
    result: ToolResult,
    benchmark: str | None,
    name: Namer,
    language: Language,
    day: dt.date | None = None,
) -> list[str]:
    """One short line per symbol asked about, for the summary of an answer as of `day` (the
    analysis has the detail)."""
    return [
        message(
            "narrate.point_return",
            language,
            name=name(row["symbol"], language),
            period=period_told(row, language, day),
            move=_moved(row, language),
            cite=CITE,
        )
        for row in table_rows(result)
        if row["symbol"] != benchmark and (ok(row.get("return_pct")) or ok(row.get("change")))
    ]


def _moved(row: dict[str, Any], language: Language) -> str:
    """The row's return, or its level's change for a yield or a gauge (`tools.returns`)."""
    unit = str(row.get("change_unit") or "")
    return level_move(row["change"], unit, language) if unit else move(row["return_pct"], language)


# ---------------------------------------------------------------------------------------------
# quotes


def quote_sentences(
    result: ToolResult, name: Namer, language: Language, of: Collection[str] | None = None
) -> list[str]:
    """Last close and the day's change of each symbol (for "today" questions), or of those
    `of` only."""
    parts = []
    day = None
    for row in table_rows(result):
        if not (ok(row.get("close")) and ok(row.get("change_pct"))):
            continue
        if of is not None and row["symbol"] not in of:
            continue
        day = day or day_of(row.get("date"))
        parts.append(
            message(
                "narrate.quote",
                language,
                name=name(row["symbol"], language),
                close=level(row["close"]),
                move=move(row["change_pct"], language),
            )
        )
    if not parts:
        return []
    when = format_date(day or result.provenance.as_of, language)
    quotes = message("join.clauses", language).join(parts)
    return [message("narrate.quotes", language, date=when, quotes=quotes, cite=CITE)]

"""Market-data results told as sentences, in Chinese or English, each citing `[0]`.

The offline composer writes its figures with these; every number comes straight from a tool
frame, formatted to a precision verification accepts (returns and spreads to 2 decimals, levels
with thousands separators, scores to 1 decimal). No number is derived here. The sentences'
words are the catalog's (`assistant/locale/*.toml`, tables narrate, sector and macro).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from assistant.answer.model import Language
from assistant.locale import format_date, has_message, message, period_label
from tools.result import ToolResult

Namer = Callable[[str, Language], str]
CITE = "[0]"


def _rows(result: ToolResult) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in result.frame.to_dict(orient="records")]


def _num(row: dict[str, Any], key: str) -> float | None:
    """The row's value as a float, or None when absent or NaN."""
    value = row.get(key)
    if isinstance(value, int | float) and not math.isnan(value):
        return float(value)
    return None


def _ok(value: Any) -> bool:
    return isinstance(value, int | float) and not math.isnan(value)


def _day(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return pd.Timestamp(value).date()


def pct(value: float) -> str:
    return f"{abs(value):.2f}%"


def level(value: float) -> str:
    return f"{value:,.2f}"


def signed(text: str, value: float) -> str:
    return f"{'+' if value >= 0 else '-'}{text}"


def move(value: float, language: Language) -> str:
    """上涨7.54% / 下跌1.05% / up 7.54% / down 1.05%."""
    return message("narrate.up" if value >= 0 else "narrate.down", language, change=pct(value))


def _join(items: Sequence[str], language: Language) -> str:
    """A、B和C / A, B and C."""
    if len(items) <= 1:
        return "".join(items)
    last = message("join.list_last", language)
    return message("join.list", language).join(items[:-1]) + last + items[-1]


# ---------------------------------------------------------------------------------------------
# index returns


def returns_sentences(
    result: ToolResult, benchmark: str | None, name: Namer, language: Language
) -> list[str]:
    """The computed returns (with levels), and the spread against the benchmark."""
    rows = [r for r in _rows(result) if _ok(r.get("return_pct"))]
    if not rows:
        return []
    end = _day(rows[0].get("end_date")) or result.provenance.as_of
    label = period_label(str(rows[0].get("period") or ""), language)
    bench = next((r for r in rows if r["symbol"] == benchmark), None)
    others = [r for r in rows if r is not bench]
    sentences = [_returns_line(others + ([bench] if bench else []), end, label, name, language)]
    if bench is not None:
        sentences += [_spread_line(r, bench, name, language) for r in others]
    return [s for s in sentences if s]


def _returns_line(
    rows: list[dict[str, Any]], end: dt.date, label: str, name: Namer, language: Language
) -> str:
    parts = []
    for row in rows:
        closes = ""
        if _ok(row.get("start_close")) and _ok(row.get("end_close")):
            start, stop = level(row["start_close"]), level(row["end_close"])
            closes = message("narrate.closes", language, start=start, end=stop)
        parts.append(
            message(
                "narrate.symbol_return",
                language,
                name=name(row["symbol"], language),
                move=move(row["return_pct"], language),
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
    spread = _num(row, "spread_pp")
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
    result: ToolResult, benchmark: str | None, name: Namer, language: Language
) -> str | None:
    """The one-line answer to "did A beat B?" for the summary."""
    rows = {r["symbol"]: r for r in _rows(result)}
    if benchmark not in rows:
        return None
    lines = []
    bench = rows[benchmark]
    for symbol, row in rows.items():
        spread = _num(row, "spread_pp")
        if symbol == benchmark or spread is None:
            continue
        lines.append(
            message(
                "narrate.verdict_yes" if spread >= 0 else "narrate.verdict_no",
                language,
                name=name(symbol, language),
                other=name(str(benchmark), language),
                period=period_label(str(row.get("period") or ""), language),
                move=move(row["return_pct"], language),
                other_move=move(bench["return_pct"], language),
                spread=f"{abs(spread):.2f}",
                cite=CITE,
            )
        )
    return " ".join(lines) if lines else None


def risk_sentences(
    result: ToolResult, benchmark: str | None, name: Namer, language: Language
) -> list[str]:
    """Drawdown and volatility over the period, for the symbols asked about."""
    out = []
    for row in _rows(result):
        if row["symbol"] == benchmark:
            continue
        drawdown, vol = _num(row, "max_drawdown_pct"), _num(row, "volatility_pct")
        if drawdown is None or vol is None:
            continue
        out.append(
            message(
                "narrate.risk",
                language,
                name=name(row["symbol"], language),
                drawdown=pct(drawdown),
                volatility=pct(vol),
                cite=CITE,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# sector scores


def _sector_name(row: dict[str, Any], language: Language) -> str:
    name = row.get("sector_zh") if language == "zh" else row.get("sector")
    return message("sector.name", language, name=name or row["symbol"], symbol=row["symbol"])


def sector_sentences(result: ToolResult, focus: Sequence[str], language: Language) -> list[str]:
    """Leaders and laggards by composite score, the best and worst month, and focus sectors."""
    rows = sorted(_rows(result), key=lambda r: r.get("rank", 99))
    if not rows:
        return []
    day = _day(rows[0].get("date")) or result.provenance.as_of

    def scored(row: dict[str, Any]) -> str:
        sector = _sector_name(row, language)
        return message("sector.score", language, sector=sector, score=f"{row['score']:.1f}")

    out = [
        message(
            "sector.ranking",
            language,
            date=format_date(day, language),
            top=_join([scored(r) for r in rows[:3]], language),
            bottom=_join([scored(r) for r in rows[-3:]], language),
            cite=CITE,
        )
    ]
    monthly = [r for r in rows if _ok(r.get("return_1m_pct"))]
    if monthly:
        best = max(monthly, key=lambda r: r["return_1m_pct"])
        worst = min(monthly, key=lambda r: r["return_1m_pct"])
        out.append(
            message(
                "sector.month",
                language,
                best=_sector_name(best, language),
                best_move=move(best["return_1m_pct"], language),
                worst=_sector_name(worst, language),
                worst_move=move(worst["return_1m_pct"], language),
                cite=CITE,
            )
        )
    out += [_focus_line(r, language) for r in rows if r["symbol"] in focus]
    return out


def _focus_line(row: dict[str, Any], language: Language) -> str:
    rs = _num(row, "rs_3m_pp")
    strength = ""
    if rs is not None:
        strength = message("sector.focus_strength", language, strength=signed(f"{abs(rs):.2f}", rs))
    month = _num(row, "return_1m_pct")
    month_text = ""
    if month is not None:
        month_text = message("sector.focus_month", language, move=move(month, language))
    return message(
        "sector.focus",
        language,
        sector=_sector_name(row, language),
        rank=row["rank"],
        score=f"{row['score']:.1f}",
        month=month_text,
        strength=strength,
        cite=CITE,
    )


def sector_leaders(result: ToolResult, language: Language) -> str | None:
    """The opportunity side of the scores: the sectors where momentum and trend are strongest."""
    rows = sorted(_rows(result), key=lambda r: r.get("rank", 99))[:2]
    if not rows:
        return None
    names = _join([_sector_name(r, language) for r in rows], language)
    return message("sector.leaders", language, names=names, cite=CITE)


# ---------------------------------------------------------------------------------------------
# macro

CREDIT_PROXY = "credit proxy"  # tools.macro names it "credit proxy HYG/LQD"
_CHANGES = {"up": "macro.change_up", "down": "macro.change_down", "flat": "macro.change_flat"}


def _macro_name(indicator: str, language: Language) -> str:
    """The tool's indicator in the reader's words (as the tool names it when unknown)."""
    if indicator.startswith(CREDIT_PROXY):
        detail = indicator.removeprefix(CREDIT_PROXY).strip()
        return message("macro.credit_proxy", language, detail=detail)
    name = f"indicator.{indicator}"
    return message(name, language) if has_message(name, language) else indicator


def _amount(value: float, unit: str, decimals: int, language: Language) -> str:
    """12 bp / 12个基点, 0.30 points / 0.30点, 1.25%; any other unit as a bare number."""
    number = f"{value:.{decimals}f}"
    if unit == "bp":
        return message("macro.basis_points", language, value=number)
    if unit == "pt":
        return message("macro.points", language, value=number)
    return number + ("%" if unit == "%" else "")


def _macro_value(row: dict[str, Any], language: Language) -> str:
    value, unit = row["value"], row.get("unit")
    if unit == "%":
        return f"{value:.2f}%"
    if unit == "bp":
        return _amount(value, "bp", 0, language)
    if unit == "ratio":
        return f"{value:.4f}"
    return f"{value:.2f}"


def _macro_change(row: dict[str, Any], language: Language) -> str:
    change = _num(row, "change_1m")
    phrase = _CHANGES.get(str(row.get("direction")))
    if change is None or phrase is None:
        return ""
    unit = str(row.get("change_unit"))
    size = _amount(abs(change), unit, 0 if unit == "bp" else 2, language)
    return message(phrase, language, change=size, signed_change=signed(size, change))


def macro_sentences(result: ToolResult, language: Language) -> list[str]:
    rows = [r for r in _rows(result) if _ok(r.get("value"))]
    if not rows:
        return []
    day = _day(rows[0].get("date")) or result.provenance.as_of
    parts = [
        message(
            "macro.indicator",
            language,
            name=_macro_name(r["indicator"], language),
            value=_macro_value(r, language),
            change=_macro_change(r, language),
        )
        for r in rows
    ]
    indicators = message("join.clauses", language).join(parts)
    sentence = message(
        "macro.sentence",
        language,
        date=format_date(day, language),
        indicators=indicators,
        cite=CITE,
    )
    return [sentence]


# ---------------------------------------------------------------------------------------------
# quotes


def quote_sentences(result: ToolResult, name: Namer, language: Language) -> list[str]:
    """Last close and the day's change of each symbol (for "today" questions)."""
    parts = []
    day = None
    for row in _rows(result):
        if not (_ok(row.get("close")) and _ok(row.get("change_pct"))):
            continue
        day = day or _day(row.get("date"))
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

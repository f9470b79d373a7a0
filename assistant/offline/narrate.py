"""Market-data results told as sentences, in Chinese or English, each citing `[0]`.

The offline composer writes its figures with these; every number comes straight from a tool
frame, formatted to a precision verification accepts (returns and spreads to 2 decimals, levels
with thousands separators, scores to 1 decimal). No number is derived here.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from assistant.answer.model import Language
from assistant.locale import format_date, period_label
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


def move(value: float, language: Language) -> str:
    """上涨7.54% / 下跌1.05% / up 7.54% / down 1.05%."""
    if language == "zh":
        return f"{'上涨' if value >= 0 else '下跌'}{pct(value)}"
    return f"{'up' if value >= 0 else 'down'} {pct(value)}"


def _join(items: Sequence[str], language: Language) -> str:
    if len(items) <= 1:
        return "".join(items)
    if language == "zh":
        return "、".join(items[:-1]) + "和" + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


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
        who = name(row["symbol"], language)
        closes = ""
        if _ok(row.get("start_close")) and _ok(row.get("end_close")):
            closes = f"（{level(row['start_close'])}→{level(row['end_close'])}）"
            if language == "en":
                closes = f" ({level(row['start_close'])} → {level(row['end_close'])})"
        if language == "zh":
            parts.append(f"{who}{label}{move(row['return_pct'], language)}{closes}")
        else:
            parts.append(f"the {who} was {move(row['return_pct'], language)} {label}{closes}")
    if language == "zh":
        return f"截至{format_date(end, language)}收盘，" + "，".join(parts) + f"{CITE}。"
    return f"As of the close on {format_date(end, language)}, " + "; ".join(parts) + f"{CITE}."


def _spread_line(
    row: dict[str, Any], bench: dict[str, Any], name: Namer, language: Language
) -> str:
    spread = _num(row, "spread_pp")
    if spread is None:
        return ""
    who, other = name(row["symbol"], language), name(bench["symbol"], language)
    if language == "zh":
        verb = "跑赢" if spread >= 0 else "跑输"
        return f"{who}{verb}{other}{abs(spread):.2f}个百分点{CITE}。"
    verb = "outperformed" if spread >= 0 else "underperformed"
    return f"The {who} {verb} the {other} by {abs(spread):.2f} percentage points{CITE}."


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
        who, other = name(symbol, language), name(str(benchmark), language)
        label = period_label(str(row.get("period") or ""), language)
        if language == "zh":
            answer = "是" if spread >= 0 else "否"
            verb = "跑赢" if spread >= 0 else "跑输"
            lines.append(
                f"{answer}：{who}{label}{move(row['return_pct'], language)}，"
                f"{other}{move(bench['return_pct'], language)}，{verb}{abs(spread):.2f}个百分点"
                f"{CITE}。"
            )
        else:
            answer = "Yes" if spread >= 0 else "No"
            verb = "outperformed" if spread >= 0 else "underperformed"
            lines.append(
                f"{answer}: {label}, the {who} was {move(row['return_pct'], language)} and the "
                f"{other} {move(bench['return_pct'], language)}, so the {who} {verb} by "
                f"{abs(spread):.2f} percentage points{CITE}."
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
        who = name(row["symbol"], language)
        if language == "zh":
            out.append(
                f"波动方面，{who}在此期间的最大回撤为{pct(drawdown)}，年化波动率为{pct(vol)}"
                f"{CITE}。"
            )
        else:
            out.append(
                f"Over the same period the {who} had a maximum drawdown of {pct(drawdown)} and "
                f"annualised volatility of {pct(vol)}{CITE}."
            )
    return out


# ---------------------------------------------------------------------------------------------
# sector scores


def _sector_name(row: dict[str, Any], language: Language) -> str:
    name = row.get("sector_zh") if language == "zh" else row.get("sector")
    if language == "zh":
        return f"{name or row['symbol']}({row['symbol']})"
    return f"{name or row['symbol']} ({row['symbol']})"


def sector_sentences(result: ToolResult, focus: Sequence[str], language: Language) -> list[str]:
    """Leaders and laggards by composite score, the best and worst month, and focus sectors."""
    rows = sorted(_rows(result), key=lambda r: r.get("rank", 99))
    if not rows:
        return []
    day = _day(rows[0].get("date")) or result.provenance.as_of

    def scored(row: dict[str, Any]) -> str:
        unit = "分" if language == "zh" else ""
        return f"{_sector_name(row, language)} {row['score']:.1f}{unit}"

    top = _join([scored(r) for r in rows[:3]], language)
    bottom = _join([scored(r) for r in rows[-3:]], language)
    out = []
    if language == "zh":
        out.append(
            f"板块方面，截至{format_date(day, language)}，综合评分居前的是{top}，"
            f"居后的是{bottom}{CITE}。"
        )
    else:
        out.append(
            f"Across sectors, as of {format_date(day, language)}, the highest composite scores "
            f"are {top}; the lowest are {bottom}{CITE}."
        )
    monthly = [r for r in rows if _ok(r.get("return_1m_pct"))]
    if monthly:
        best = max(monthly, key=lambda r: r["return_1m_pct"])
        worst = min(monthly, key=lambda r: r["return_1m_pct"])
        if language == "zh":
            out.append(
                f"近一个月表现最强的是{_sector_name(best, language)}"
                f"（{move(best['return_1m_pct'], language)}），最弱的是"
                f"{_sector_name(worst, language)}"
                f"（{move(worst['return_1m_pct'], language)}）{CITE}。"
            )
        else:
            out.append(
                f"Over the past month the strongest was {_sector_name(best, language)} "
                f"({move(best['return_1m_pct'], language)}) and the weakest "
                f"{_sector_name(worst, language)} ({move(worst['return_1m_pct'], language)}){CITE}."
            )
    out += [_focus_line(r, language) for r in rows if r["symbol"] in focus]
    return out


def _focus_line(row: dict[str, Any], language: Language) -> str:
    rs = _num(row, "rs_3m_pp")
    rs_text = ""
    if rs is not None:
        rs_text = (
            f"，3个月相对强度{'+' if rs >= 0 else '-'}{abs(rs):.2f}个百分点"
            if language == "zh"
            else f", 3-month relative strength {'+' if rs >= 0 else '-'}{abs(rs):.2f} pp"
        )
    month = _num(row, "return_1m_pct")
    month_text = ""
    if month is not None:
        month_text = (
            f"，近一个月{move(month, language)}" if language == "zh"
            else f", {move(month, language)} over the past month"
        )  # fmt: skip
    if language == "zh":
        return (
            f"{_sector_name(row, language)}排名第{row['rank']}，评分{row['score']:.1f}"
            f"{month_text}{rs_text}{CITE}。"
        )
    return (
        f"{_sector_name(row, language)} ranks No.{row['rank']} with a score of "
        f"{row['score']:.1f}{month_text}{rs_text}{CITE}."
    )


def sector_leaders(result: ToolResult, language: Language) -> str | None:
    """The opportunity side of the scores: the sectors where momentum and trend are strongest."""
    rows = sorted(_rows(result), key=lambda r: r.get("rank", 99))[:2]
    if not rows:
        return None
    names = _join([_sector_name(r, language) for r in rows], language)
    if language == "zh":
        return f"评分领先的{names}在动量与趋势上占优{CITE}。"
    return f"{names} lead the sector scores on momentum and trend{CITE}."


# ---------------------------------------------------------------------------------------------
# macro

_MACRO_ZH = {
    "10-year yield": "10年期美债收益率",
    "10y-5y slope": "10年期与5年期美债利差",
    "10y-3m slope": "10年期与3个月期美债利差",
    "VIX": "VIX恐慌指数",
}
_DIRECTION = {
    "zh": {"up": "上升", "down": "下降", "flat": "基本持平"},
    "en": {"up": "up", "down": "down", "flat": "flat"},
}


def _macro_name(indicator: str, language: Language) -> str:
    if language == "en":
        return indicator
    if indicator.startswith("credit proxy"):
        return "信用代理指标" + indicator.removeprefix("credit proxy").strip().join("()")
    return _MACRO_ZH.get(indicator, indicator)


def _macro_value(row: dict[str, Any], language: Language) -> str:
    value, unit = row["value"], row.get("unit")
    if unit == "%":
        return f"{value:.2f}%"
    if unit == "bp":
        return f"{value:.0f}{'个基点' if language == 'zh' else ' bp'}"
    if unit == "ratio":
        return f"{value:.4f}"
    return f"{value:.2f}"


def _macro_change(row: dict[str, Any], language: Language) -> str:
    change, unit = _num(row, "change_1m"), row.get("change_unit")
    if change is None:
        return ""
    direction = _DIRECTION[language].get(str(row.get("direction")), "")
    size = {
        "bp": f"{abs(change):.0f}{'个基点' if language == 'zh' else ' bp'}",
        "%": f"{abs(change):.2f}%",
        "pt": f"{abs(change):.2f}{'点' if language == 'zh' else ' points'}",
    }.get(str(unit), f"{abs(change):.2f}")
    flat = row.get("direction") == "flat"
    if language == "zh":
        return f"，近一个月{direction}" + ("" if flat else size)
    if flat:
        return f", flat over the past month ({'+' if change >= 0 else '-'}{size})"
    return f", {direction} {size} over the past month"


def macro_sentences(result: ToolResult, language: Language) -> list[str]:
    rows = [r for r in _rows(result) if _ok(r.get("value"))]
    if not rows:
        return []
    day = _day(rows[0].get("date")) or result.provenance.as_of
    parts = [
        f"{_macro_name(r['indicator'], language)}"
        f"{'为' if language == 'zh' else ' at '}{_macro_value(r, language)}"
        f"{_macro_change(r, language)}"
        for r in rows
    ]
    if language == "zh":
        return [f"宏观方面，截至{format_date(day, language)}，" + "；".join(parts) + f"{CITE}。"]
    return [
        f"On the macro side, as of {format_date(day, language)}: " + "; ".join(parts) + f"{CITE}."
    ]


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
        who = name(row["symbol"], language)
        if language == "zh":
            parts.append(f"{who}收于{level(row['close'])}，{move(row['change_pct'], language)}")
        else:
            parts.append(
                f"the {who} closed at {level(row['close'])}, {move(row['change_pct'], language)}"
            )
    if not parts:
        return []
    when = format_date(day or result.provenance.as_of, language)
    if language == "zh":
        return [f"{when}，" + "；".join(parts) + f"{CITE}。"]
    return [f"On {when}, " + "; ".join(parts) + f"{CITE}."]

"""Sector scores told as sentences: the ranking, the month's best and worst, focus sectors,
the leaders, and the sectors a ranking leaves out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from assistant.answer.model import Language
from assistant.locale import format_date, message, period_label
from assistant.offline.narrate import CITE, day_of, join_items, move, num, ok, signed, table_rows
from tools.period_labels import month_of
from tools.result import ToolResult
from tools.symbols import display_name


def _sector_name(row: dict[str, Any], language: Language) -> str:
    name = row.get("sector_zh") if language == "zh" else row.get("sector")
    return message("sector.name", language, name=name or row["symbol"], symbol=row["symbol"])


def sector_names(scores: ToolResult, language: Language) -> dict[str, str]:
    """Each scored sector fund's name in `language`, by its symbol ("能源(XLE)")."""
    return {str(r["symbol"]): _sector_name(r, language) for r in table_rows(scores)}


def period_title(
    scores: ToolResult, over_period: ToolResult, language: Language, last: bool
) -> str | None:
    """The ranking over a period as a title: the fund that did best ("Energy (XLE) led the
    sector funds year to date"), or, asked which fell most or did worst, the one that did
    worst."""
    names = sector_names(scores, language)
    rows = [r for r in table_rows(over_period) if ok(r.get("return_pct")) and r["symbol"] in names]
    if not rows:
        return None
    pick = (min if last else max)(rows, key=lambda r: r["return_pct"])
    period = period_label(str(pick.get("period") or ""), language)
    key = "title.sector_last" if last else "title.sector_first"
    return message(key, language, sector=names[str(pick["symbol"])], period=period)


def sector_sentences(
    result: ToolResult,
    focus: Sequence[str],
    language: Language,
    over_period: ToolResult | None = None,
) -> list[str]:
    """Leaders and laggards by composite score, the best and worst month, and focus sectors;
    first, when asked, by their funds' returns `over_period` ("今年以来哪个板块涨得最多？")."""
    rows = sorted(table_rows(result), key=lambda r: r.get("rank", 99))
    if not rows:
        return []
    names = sector_names(result, language)
    period = [] if over_period is None else period_sentences(over_period, names, language)
    day = day_of(rows[0].get("date")) or result.provenance.as_of

    def scored(row: dict[str, Any]) -> str:
        sector = _sector_name(row, language)
        return message("sector.score", language, sector=sector, score=f"{row['score']:.1f}")

    out = [
        *period,
        message(
            "sector.ranking",
            language,
            date=format_date(day, language),
            top=join_items([scored(r) for r in rows[:3]], language),
            bottom=join_items([scored(r) for r in reversed(rows[-3:])], language),  # lowest first
            cite=CITE,
        ),
    ]
    monthly = [r for r in rows if ok(r.get("return_1m_pct"))]
    if monthly and not _a_month(over_period):
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
    return out + left_out_sentences(result, language)


_MONTHS = ("1M", "MTD")


def _a_month(result: ToolResult | None) -> bool:
    """Were the funds measured over a month ("2026-07", "1M")? Then the scores' own past
    month, a like span ending on another day with other figures, is not told beside it."""
    rows = table_rows(result) if result is not None else []
    label = str(rows[0].get("period") or "") if rows else ""
    return label in _MONTHS or month_of(label) is not None


def period_sentences(result: ToolResult, names: dict[str, str], language: Language) -> list[str]:
    """The sectors' funds ranked by their return over one period, the three best and the three
    worst (the worst first: "Which sector did worst?" is answered by the first named), each by
    its name in `names` ("能源(XLE)"); then, when the result holds an index besides them
    ("Which sectors beat the S&P 500?"), the funds that did better than it."""
    rows = sorted(
        (r for r in table_rows(result) if ok(r.get("return_pct"))),
        key=lambda r: -r["return_pct"],
    )
    sectors = [r for r in rows if str(r["symbol"]) in names]
    if not sectors:
        return []

    def moved(row: dict[str, Any]) -> str:
        sector = names.get(str(row["symbol"]), str(row["symbol"]))
        return message(
            "sector.moved", language, sector=sector, move=move(row["return_pct"], language)
        )

    told = [
        message(
            "sector.period",
            language,
            date=format_date(day_of(rows[0].get("end_date")) or result.provenance.as_of, language),
            period=period_label(str(rows[0].get("period") or ""), language),
            top=join_items([moved(r) for r in sectors[:3]], language),
            bottom=join_items([moved(r) for r in reversed(sectors[-3:])], language),  # worst first
            cite=CITE,
        )
    ]
    for index in (r for r in rows if str(r["symbol"]) not in names):
        beat = [moved(r) for r in sectors if r["return_pct"] > index["return_pct"]]
        told.append(
            message(
                "sector.beat" if beat else "sector.none_beat",
                language,
                index=display_name(str(index["symbol"]), language),
                index_move=move(index["return_pct"], language),
                beat=join_items(beat, language),
                cite=CITE,
            )
        )
    return told


def left_out_sentences(result: ToolResult, language: Language) -> list[str]:
    """The series a result leaves out because their closes end early, by last close."""
    by_day: dict[dt.date, list[str]] = {}
    for symbol, last in result.left_out:
        by_day.setdefault(last, []).append(symbol)
    return [
        message(
            "narrate.left_out",
            language,
            symbols=join_items(symbols, language),
            date=format_date(day, language),
            cite=CITE,
        )
        for day, symbols in sorted(by_day.items())
    ]


def _focus_line(row: dict[str, Any], language: Language) -> str:
    rs = num(row, "rs_3m_pp")
    strength = ""
    if rs is not None:
        strength = message("sector.focus_strength", language, strength=signed(f"{abs(rs):.2f}", rs))
    month = num(row, "return_1m_pct")
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


def sector_point(result: ToolResult, language: Language) -> str | None:
    """The ranking in one line of names, for the summary."""
    rows = sorted(table_rows(result), key=lambda r: r.get("rank", 99))
    if len(rows) < 2:
        return None
    return message(
        "sector.point",
        language,
        top=join_items([_sector_name(r, language) for r in rows[:2]], language),
        bottom=_sector_name(rows[-1], language),
        cite=CITE,
    )


def sector_leaders(result: ToolResult, language: Language) -> str | None:
    """The opportunity side of the scores: the sectors where momentum and trend are strongest."""
    rows = sorted(table_rows(result), key=lambda r: r.get("rank", 99))[:2]
    if not rows:
        return None
    names = join_items([_sector_name(r, language) for r in rows], language)
    return message("sector.leaders", language, names=names, cite=CITE)

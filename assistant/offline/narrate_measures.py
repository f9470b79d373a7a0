"""What a question asks of a period beyond its return, told as sentences citing `[0]`: the
maximum drawdown and volatility, the best and worst day, of each symbol asked about."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Literal

from assistant.answer.model import Language
from assistant.locale import format_date, message
from assistant.offline.narrate import (
    CITE,
    Namer,
    day_of,
    num,
    pct,
    period_told,
    table_rows,
)
from assistant.question.intents import measures_asked
from tools.result import ToolResult

RiskForm = Literal["risk", "risk_lead", "risk_point"]
DaysForm = Literal["days_lead", "days_point"]


def risk_sentences(
    result: ToolResult,
    benchmark: str | None,
    name: Namer,
    language: Language,
    form: RiskForm = "risk",
    day: dt.date | None = None,
) -> list[str]:
    """Drawdown and volatility over the period, for the symbols asked about: after their
    returns ("risk": "Over the same period…"), or on their own, dated, where the question asks
    for them ("risk_lead" in the analysis, "risk_point" among the takeaways of an answer as of
    `day`)."""

    def told(row: dict[str, Any]) -> dict[str, str] | None:
        drawdown, vol = num(row, "max_drawdown_pct"), num(row, "volatility_pct")
        if drawdown is None or vol is None:
            return None
        return {"drawdown": pct(drawdown), "volatility": pct(vol)}

    return _each_asked(result, benchmark, name, language, f"narrate.{form}", told, day)


def extreme_day_sentences(
    result: ToolResult,
    benchmark: str | None,
    name: Namer,
    language: Language,
    form: DaysForm,
    day: dt.date | None = None,
) -> list[str]:
    """The period's best and worst day, for the symbols asked about ("标普500今年单日最大跌幅
    是多少？"): in the analysis ("days_lead") or among the takeaways of an answer as of `day`
    ("days_point")."""

    def told(row: dict[str, Any]) -> dict[str, str] | None:
        best, worst = num(row, "best_day_pct"), num(row, "worst_day_pct")
        if best is None or worst is None:
            return None
        best_day, worst_day = day_of(row.get("best_day")), day_of(row.get("worst_day"))
        if best_day is None or worst_day is None:
            return None
        return {
            "best": pct(best),
            "best_day": format_date(best_day, language),
            "worst": pct(worst),
            "worst_day": format_date(worst_day, language),
        }

    return _each_asked(result, benchmark, name, language, f"narrate.{form}", told, day)


def measure_sentences(
    text: str,
    result: ToolResult,
    yardstick: str | None,
    name: Namer,
    language: Language,
    where: Literal["lead", "point"],
    day: dt.date | None = None,
) -> list[str]:
    """What the question `text` asks of the period beyond its return (`measures_asked`: its
    drawdown and volatility, its best and worst day), for the symbols asked about (not the
    `yardstick`): first in the analysis ("lead", dated) or among the takeaways of an answer as
    of `day` ("point")."""
    out = []
    for measure in measures_asked(text):
        if measure == "drawdown":
            out += risk_sentences(result, yardstick, name, language, _RISK_FORMS[where], day)
        else:
            forms = _DAYS_FORMS[where]
            out += extreme_day_sentences(result, yardstick, name, language, forms, day)
    return out


_RISK_FORMS: dict[str, RiskForm] = {"lead": "risk_lead", "point": "risk_point"}
_DAYS_FORMS: dict[str, DaysForm] = {"lead": "days_lead", "point": "days_point"}


def _each_asked(
    result: ToolResult,
    benchmark: str | None,
    name: Namer,
    language: Language,
    key: str,
    told: Callable[[dict[str, Any]], dict[str, str] | None],
    day: dt.date | None = None,
) -> list[str]:
    """One sentence (`key`) per symbol asked about (not the `benchmark`), with its period
    (dated where its figures end before `day`, `period_told`) and the day they end, and what
    `told` makes of its row (a row it makes nothing of has no sentence)."""
    out = []
    for row in table_rows(result):
        fields = told(row) if row["symbol"] != benchmark else None
        if fields is None:
            continue
        end = day_of(row.get("end_date")) or result.provenance.as_of
        out.append(
            message(
                key,
                language,
                name=name(row["symbol"], language),
                period=period_told(row, language, day),
                date=format_date(end, language),
                cite=CITE,
                **fields,
            )
        )
    return out

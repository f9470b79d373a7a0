"""'Is the yield curve inverted?' answered yes or no from the macro dashboard's curve slopes."""

from __future__ import annotations

import pandas as pd
import pytest

from assistant.engine import Assistant
from assistant.offline.narrate_macro import inversion_verdict
from assistant.question.intents import asks_inversion
from assistant.settings import load_settings
from tools import macro
from tools.result import Provenance, ToolResult

from .fakes import AS_OF, SOURCE, FakeIndex, FakeMarket


def dashboard(*slopes: tuple[str, float]) -> ToolResult:
    rows = [
        {"indicator": "VIX", "symbols": "^VIX", "date": pd.Timestamp(AS_OF), "value": 16.09,
         "metric": "level", "unit": "pt", "change_1m": 0.3, "change_unit": "pt",
         "direction": "flat"},
        *({"indicator": indicator, "symbols": "^TNX,^FVX", "date": pd.Timestamp("2025-11-14"),
           "value": value, "metric": "spread", "unit": "bp", "change_1m": -1.0,
           "change_unit": "bp", "direction": "flat"} for indicator, value in slopes),
    ]  # fmt: skip
    provenance = Provenance("macro", ("^VIX", "^TNX", "^FVX"), SOURCE, AS_OF, "macro method")
    return ToolResult(pd.DataFrame(rows), provenance, "macro", measures=macro.MEASURES)


@pytest.mark.parametrize(
    ("slopes", "said"),
    [
        ((("10y-5y slope", 41.0),), "No: as of November 14, 2025, the 10y-5y slope is 41 bp"),
        ((("10y-3m slope", -12.0),), "Yes: as of November 14, 2025, the 10y-3m slope is -12 bp"),
        ((("10y-5y slope", 41.0), ("10y-3m slope", -12.0)), "In part: "),
    ],
)
def test_each_slope_says_whether_the_curve_is_inverted(
    slopes: tuple[tuple[str, float], ...], said: str
) -> None:
    verdict = inversion_verdict(dashboard(*slopes), "en")
    assert verdict is not None and verdict.startswith(said)


def test_the_chinese_verdict_and_no_verdict_without_a_slope() -> None:
    verdict = inversion_verdict(dashboard(("10y-5y slope", 41.0)), "zh")
    assert (
        verdict is not None and verdict.startswith("否：截至2025年11月14日") and "未倒挂" in verdict
    )
    assert inversion_verdict(dashboard(), "en") is None  # no ^FVX: nothing to say yes or no by


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Is the yield curve inverted?", True),
        ("美债收益率曲线倒挂了吗？", True),
        ("How long has the curve been in inversion?", True),
        ("What is the 10-year yield?", False),
        ("Why did investors invest in bonds?", False),
    ],
)
def test_an_inversion_asked(question: str, asked: bool) -> None:
    assert asks_inversion(question) is asked


class CurveMarket(FakeMarket):
    def macro(self, as_of: object = None, period: object = None) -> ToolResult:  # type: ignore[override]
        return dashboard(("10y-5y slope", 41.0))


def test_the_answer_opens_on_the_verdict() -> None:
    assistant = Assistant(load_settings(), market=CurveMarket(), index=FakeIndex(), model=None)
    answer = assistant.ask("Is the yield curve inverted?", as_of=AS_OF, offline=True)
    assert answer.sections[0].text.startswith("No: as of November 14, 2025, the 10y-5y slope")

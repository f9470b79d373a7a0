"""The small muted line under an answer or a brief: what making it took.

    2 model calls · 5,497 prompt + 812 completion tokens · ≈ $0.0013

The figures are `assistant.answer.cost.answer_cost`'s, worded from the message catalog in the
answer's language. An answer no model was called for has no line (an offline answer after
a failed model call has one: the call was paid for); the dollar estimate is there
only when the model's price is set. Saved conversations and briefs keep the answer's calls and
tokens, so a reopened one shows its line again.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import streamlit as st

from assistant.answer.cost import Cost, ModelPrice, answer_cost
from assistant.answer.model import Answer, Language
from assistant.locale import message
from assistant.settings import load_settings
from ui import preferences
from ui.markup import plain


def render_cost_line(answer: Answer) -> None:
    """The line under `answer`, if a model was called to make it."""
    settings = load_settings()
    # An answer that does not name its model was written by the one chosen in the sidebar, or
    # else by the settings' model.
    model = preferences.current().model or settings.model
    text = cost_text(answer, settings.llm_prices, model)
    if text:
        st.caption(plain(text))  # plain: a "$" is a dollar, not the start of a formula


def cost_text(answer: Answer, prices: Mapping[str, ModelPrice], model: str) -> str | None:
    """The line's words; None for an answer no model wrote."""
    cost = answer_cost(answer, prices, model)
    return None if cost is None else describe(cost, answer.language)


def describe(cost: Cost, language: Language) -> str:
    calls = (
        message("cost.call", language)
        if cost.model_calls == 1
        else message("cost.calls", language, n=f"{cost.model_calls:,}")
    )
    approx = "≈" if cost.estimated else ""  # counted here: the endpoint reported none
    line = message(
        "cost.line",
        language,
        calls=calls,
        prompt=f"{approx}{cost.prompt_tokens:,}",
        completion=f"{approx}{cost.completion_tokens:,}",
    )
    if cost.usd is None:
        return line
    return message("cost.estimate", language, line=line, usd=dollars(cost.usd))


def dollars(usd: float) -> str:
    """Cents from a cent up; below that two significant figures (0.0013), so a cheap answer
    does not read as free."""
    if usd <= 0:
        return "0"
    usd = float(f"{usd:.2g}") if usd < 0.01 else usd  # 0.00999 rounds up to a cent
    if usd >= 0.01:
        return f"{usd:,.2f}"
    return f"{usd:.{1 - math.floor(math.log10(usd))}f}"

"""What an answer cost: its model calls, its prompt and completion tokens, and an estimate in US
dollars when the model's price is set.

The calls and tokens are what the endpoint reported (`Answer.model_calls`, `Answer.usage`); the
price is a setting (`MARKETBRIEF_LLM_PRICES`: USD per million tokens, per model). With no price
for the model there is no estimate, never a guessed one; an answer no model was called for
costs nothing and has no cost at all. Everything that shows a cost (`--json`, the browser's
line under an answer or a brief) asks `answer_cost`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from pydantic import ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from assistant.answer.model import Answer, Frozen

PER_TOKENS = 1_000_000  # prices are per million tokens, as the providers quote them
PRICES_EXAMPLE = '{"gpt-4o-mini": {"prompt": 0.15, "completion": 0.60}}'


class ModelPrice(Frozen):
    """One model's price in USD per million tokens; both parts are required, and an unknown key
    (a typo such as "input") is an error rather than a price silently left at zero."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    prompt: float = Field(ge=0)
    completion: float = Field(ge=0)


class Cost(Frozen):
    """An answer's (or a brief's) model calls and tokens; `usd` only when the price is known."""

    model_calls: int
    prompt_tokens: int
    completion_tokens: int
    model: str  # whose price applies
    usd: float | None = None
    estimated: bool = False  # the endpoint reported no tokens; they were counted roughly


def answer_cost(
    answer: Answer, prices: Mapping[str, ModelPrice], default_model: str
) -> Cost | None:
    """The cost of `answer`, None when no model was called for it. An offline answer after
    failed model calls has theirs.

    The price is the one of the model that wrote the answer when it says so (`Answer.model`),
    else of `default_model` (the settings' model, which wrote it unless it was changed since).
    """
    if answer.model_calls <= 0:
        return None
    model = answer.model or default_model
    prompt = int(answer.usage.get("prompt_tokens", 0))
    completion = int(answer.usage.get("completion_tokens", 0))
    price = prices.get(model)
    usd = None
    if price is not None:
        usd = (prompt * price.prompt + completion * price.completion) / PER_TOKENS
    return Cost(
        model_calls=answer.model_calls,
        prompt_tokens=prompt,
        completion_tokens=completion,
        model=model,
        usd=usd,
        estimated=bool(answer.usage.get("estimated")),
    )


def summed(usages: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Token usages added up key by key (a run's calls, a brief's steps)."""
    total: dict[str, int] = {}
    for usage in usages:
        for key, value in usage.items():
            total[key] = total.get(key, 0) + value
    return total


def parse_prices(value: object) -> object:
    """The prices setting as given (JSON text from the environment, or a mapping), checked.

    Runs before pydantic's own validation so a mistake reads as one sentence naming the model
    and the part that is wrong, not as a nested pydantic report.
    """
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else {}
        except json.JSONDecodeError as error:
            raise _bad(f"not JSON ({error.msg}, column {error.colno})") from None
    if not isinstance(value, Mapping):
        raise _bad("a JSON object of model names is needed")
    checked: dict[str, ModelPrice] = {}
    for name, price in value.items():
        try:
            checked[str(name)] = ModelPrice.model_validate(price)
        except ValidationError as error:
            first = error.errors()[0]
            part = ".".join(str(p) for p in first["loc"]) or "price"
            raise _bad(f"{name}: {part}: {first['msg']}") from None
    return checked


def _bad(reason: str) -> PydanticCustomError:
    # The text goes in as a value, not as the template, so braces in it are not placeholders.
    return PydanticCustomError(
        "llm_prices",
        "{reason} (USD per million tokens, e.g. {example})",
        {"reason": reason, "example": PRICES_EXAMPLE},
    )

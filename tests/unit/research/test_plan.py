"""Plans: the JSON shape a person edits, and one clear error for a file that is not a plan."""

from __future__ import annotations

import json

import pytest

from assistant.errors import InputError
from assistant.research.plan import Plan, parse_plan_text, plan_from_json

from .conftest import STEPS, make_plan


def test_the_json_shape_round_trips() -> None:
    plan = make_plan(*STEPS)
    data = json.loads(json.dumps(plan.to_json()))
    assert set(data) >= {"topic", "steps"}
    assert data["steps"][0] == {
        "question": STEPS[0].question,
        "tools": ["index_returns", "search_commentary"],
        "query": STEPS[0].query,
    }
    assert plan_from_json(data) == plan


def test_a_minimal_file_needs_only_topic_and_steps_and_takes_the_topics_language() -> None:
    steps = [{"question": f"Question {i}?", "tools": ["search_commentary"]} for i in range(4)]
    plan = plan_from_json({"topic": "Small-cap outlook", "steps": steps})
    assert plan.language == "en" and plan.as_of is None and plan.steps[0].query == ""
    assert plan_from_json({"topic": "小盘股前景", "steps": steps}).language == "zh"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"steps": []}, "a plan has 4 to 8 steps, this one has 0"),
        ({"steps": [STEPS[0].model_dump(mode="json")] * 9}, "this one has 9"),
        ({"topic": ""}, "topic"),
        (
            {"steps": [{"question": "q", "tools": ["crystal_ball"]}] * 4},
            "unknown tool 'crystal_ball'",
        ),
        ({"steps": [{"question": "q", "tools": []}] * 4}, "steps.0.tools"),
        ({"steps": [{"tools": ["macro"]}] * 4}, "steps.0.question is missing"),
    ],
)
def test_bad_plans_are_one_clear_line(change: dict[str, object], message: str) -> None:
    data = {**make_plan(*STEPS).to_json(), **change}
    with pytest.raises(InputError, match="bad plan") as caught:
        plan_from_json(data)
    assert message in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize("text", ["", "[1, 2]", '{"topic": "x",', "null"])
def test_text_that_is_not_a_plan_object_is_refused(text: str) -> None:
    with pytest.raises(InputError):
        parse_plan_text(text)


def test_plans_are_frozen() -> None:
    plan = make_plan(*STEPS)
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error
        plan.topic = "other"  # type: ignore[misc]
    assert isinstance(plan, Plan)

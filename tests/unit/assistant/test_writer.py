"""The writer strategy's JSON: the schema sent, reading the reply, rendering the sections; and
the ladder's memory of each model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.llm import writer
from assistant.llm.failures import LLMRunError, NoReply
from assistant.llm.ladder import FORGET_AFTER_S, ModelMemory
from assistant.llm.parse import parse_markdown

WRITTEN = {
    "title": "Small caps led",
    "analysis": "The Russell 2000 rose 7.54%[0].",
    "insights": ["Rotation is broad[1]."],
    "risks": ["A pause is possible[1]."],
    "opportunities": [],
    "takeaways": ["Small caps beat large caps[0]."],
}


def test_the_schema_bounds_every_list() -> None:
    schema = writer.schema()
    assert set(schema["required"]) == set(WRITTEN) and schema["additionalProperties"] is False
    lists = [p for p in schema["properties"].values() if p["type"] == "array"]
    assert lists and all(p["maxItems"] <= 3 for p in lists)
    assert "maxLength" not in json.dumps(schema)  # llama.cpp cannot build that grammar
    assert writer.response_format("json_schema")["json_schema"]["schema"] == schema
    assert writer.response_format("json_object") == {"type": "json_object", "schema": schema}


def test_the_reply_is_rendered_in_the_answers_format() -> None:
    sections_json = writer.sections_of("```json\n" + json.dumps(WRITTEN) + "\n```")
    title, sections = parse_markdown(writer.markdown(sections_json, "en"), "en")
    assert title == "Small caps led"
    assert [s.key for s in sections] == ["analysis", "insights", "risks_opportunities", "takeaways"]
    risks, opportunities = sections[2].subsections
    assert "A pause is possible[1]." in risks.text
    assert opportunities.text and "[" not in opportunities.text  # "nothing stated", in words


@pytest.mark.parametrize("reply", ['{"title": "x"}', "not json", '{"analysis": "  "}', "[]"])
def test_a_reply_that_is_not_the_answer_is_a_model_failure(reply: str) -> None:
    with pytest.raises(LLMRunError):
        writer.sections_of(reply)


def test_the_ladder_remembers_a_failed_rung_for_a_day(tmp_path: Path) -> None:
    now = [1_000_000.0]
    memory = ModelMemory(tmp_path / "db.sqlite3", now=lambda: now[0])
    assert memory.rungs("auto", "m") == ["agent", "writer"]
    memory.failed("m", "agent", LLMRunError("no sections"))
    memory.failed("other", "agent", NoReply("slow"))  # a slow start is not held against it
    again = ModelMemory(tmp_path / "db.sqlite3", now=lambda: now[0])  # another process
    assert again.rungs("auto", "m") == ["writer"] and again.rungs("auto", "other")[0] == "agent"
    assert again.rungs("agent", "m") == ["agent"]  # a chosen strategy is used as chosen
    now[0] += FORGET_AFTER_S
    assert again.rungs("auto", "m") == ["agent", "writer"]


def test_the_ladder_remembers_the_response_shape_a_model_takes(tmp_path: Path) -> None:
    memory = ModelMemory(tmp_path / "db.sqlite3")
    assert memory.shapes("m") == ["json_schema", "json_object"]
    memory.took("m", "json_object")
    assert ModelMemory(tmp_path / "db.sqlite3").shapes("m") == ["json_object", "json_schema"]


def test_a_reply_with_nothing_in_it_is_the_models_failure_not_a_bug() -> None:
    from assistant.llm.failures import as_empty_reply

    assert isinstance(as_empty_reply(ValueError("No generation chunks were returned")), LLMRunError)
    other = ValueError("bad frame")
    assert as_empty_reply(other) is other  # any other ValueError stays what it is


def test_the_writer_is_always_tried_a_one_off_bad_reply_costs_it_nothing(tmp_path: Path) -> None:
    memory = ModelMemory(tmp_path / "db.sqlite3")
    memory.failed("m", "writer", LLMRunError("bad JSON"))
    memory.failed("m", "agent", LLMRunError("no sections"))
    assert ModelMemory(tmp_path / "db.sqlite3").rungs("auto", "m") == ["writer"]

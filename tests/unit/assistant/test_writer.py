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


@pytest.mark.parametrize(
    "reply", ['{"title": "x", "analysis": "cut in the mid', '{"analysis": "', "{", ""]
)
def test_a_reply_cut_before_its_analysis_is_complete_is_a_model_failure(reply: str) -> None:
    with pytest.raises(LLMRunError):
        writer.sections_of(reply)


def test_a_reply_cut_at_the_output_limit_keeps_what_it_completed() -> None:
    whole = json.dumps(WRITTEN)
    cut = whole[: whole.index("A pause") + 3]  # inside the first risk
    written = writer.sections_of(cut)
    assert written.analysis == WRITTEN["analysis"] and written.insights == WRITTEN["insights"]
    assert written.risks == [] and written.takeaways == []  # no half sentence


def test_raw_line_breaks_and_tabs_inside_strings_are_read() -> None:
    raw = '{\n"title": "T",\n"analysis": "First line\nsecond\tline, a \\"quote\\"."}'
    assert writer.sections_of(raw).analysis == 'First line\nsecond\tline, a "quote".'


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


@pytest.mark.parametrize(
    ("base_url", "both_names"),
    [
        (None, False),  # OpenAI
        ("https://api.openai.com/v1", False),
        ("https://team.openai.azure.com/openai", False),
        ("http://127.0.0.1:8080/v1", True),  # llama.cpp, vLLM
        ("http://localhost:11434/v1", True),  # Ollama
        ("https://notopenai.com.example/v1", True),
    ],
)
def test_servers_that_are_not_openais_get_the_output_limit_by_its_old_name(
    base_url: str | None, both_names: bool
) -> None:
    from assistant.llm.endpoint import compatible_body

    body = compatible_body(base_url, 600)
    assert body == ({"max_tokens": 600} if both_names else None)


def test_with_the_sources_shown_a_string_can_cite_only_them() -> None:
    import re

    schema = writer.schema([0, 1, 12])
    item = re.compile(schema["properties"]["risks"]["items"]["pattern"])
    analysis = re.compile(schema["properties"]["analysis"]["pattern"])
    assert item.match("Up 7.54% [0], per the note [12]。") and item.match("")
    assert not item.match("Up [3].") and not item.match("Up [1, 12].")  # one a marker
    assert not item.match('a "quote"')  # no character that would end the JSON string
    assert analysis.match("x" * writer.ANALYSIS_MIN_CHARS)
    assert not analysis.match("x" * (writer.ANALYSIS_MIN_CHARS - 1))
    assert "(?:" not in json.dumps(schema)  # llama.cpp's converter refuses it
    none_citable = re.compile(writer.schema([])["properties"]["title"]["pattern"])
    assert none_citable.match("Small caps") and not none_citable.match("Small caps [0]")


@pytest.mark.parametrize(
    ("cut", "kept"),
    [
        ("Berkshire rose 4.27%[0]. Greg Abel took over[1]. Its cash pile of $3", 2),
        ("伯克希尔上涨4.27%[0]。阿贝尔接任[1]。公司表示其现金", 2),
    ],
)
def test_an_analysis_cut_at_the_output_limit_keeps_its_whole_sentences(cut: str, kept: int) -> None:
    from assistant.gather.sentences import split_text

    written = writer.sections_of(json.dumps({"title": "T", "analysis": cut})[:-2])
    assert len(split_text(written.analysis)) == kept and cut.startswith(written.analysis)
    with pytest.raises(LLMRunError):  # no whole sentence: no analysis
        writer.sections_of('{"title": "T", "analysis": "Its cash pile of $3')

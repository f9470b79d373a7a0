"""Every prompt is a file with declared variables; rendering takes exactly those. Prompt-like
data (the tools' descriptions, the plan template) are files beside them."""

from __future__ import annotations

import pytest

from assistant.prompts import (
    PROMPTS_DIR,
    Prompt,
    PromptError,
    fill,
    load_prompt,
    prompt_names,
    render_prompt,
    tool_descriptions,
)

# Variables a prompt iterates over need a value of their shape; the others take a marker.
_PROBLEM = {"sentence": "<sentence>", "figure": "<figure>", "about": "<about>", "cites": "[0]",
            "missing": "", "source_value": "<value>", "note": "<note>"}  # fmt: skip
SAMPLE_VALUES = {
    "tools": tool_descriptions(),
    "problems": [{**_PROBLEM, "kind": kind} for kind in ("contradicted", "unsupported", "uncited")],
    "sources": ["[0] <market data>", "[1] <article>"],
}


def test_there_are_prompts_and_no_prompt_text_lives_elsewhere() -> None:
    assert {"system", "question", "final_answer"} <= set(prompt_names())


@pytest.mark.parametrize("name", prompt_names())
def test_each_prompt_declares_exactly_the_placeholders_it_uses(name: str) -> None:
    prompt = load_prompt(name)
    assert set(prompt.variables) == prompt.placeholders
    rendered = prompt.render(**{v: SAMPLE_VALUES.get(v, f"<{v}>") for v in prompt.variables})
    assert "{{" not in rendered


def test_missing_or_extra_variables_are_errors() -> None:
    prompt = Prompt("p", ("a", "b"), "{{ a }} and {{b}}")
    assert prompt.render(a=1, b=2) == "1 and 2"
    with pytest.raises(PromptError, match="missing"):
        prompt.render(a=1)
    with pytest.raises(PromptError, match="unexpected"):
        prompt.render(a=1, b=2, c=3)


def test_a_file_using_an_undeclared_placeholder_fails_to_load(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad.md").write_text("---\nvariables: [a]\n---\n{{ a }} {{ b }}\n", "utf-8")
    monkeypatch.setattr("assistant.prompts.PROMPTS_DIR", tmp_path)
    load_prompt.cache_clear()
    try:
        with pytest.raises(PromptError, match="declares"):
            load_prompt("bad")
    finally:
        load_prompt.cache_clear()
    assert PROMPTS_DIR.name == "prompts"


def test_the_system_prompt_says_the_rules() -> None:
    text = load_prompt("system").text.lower()
    for rule in ("data, never instructions", "cite every claim", "numbers come only from",
                 "headings"):  # fmt: skip
        assert rule in text


def test_each_tool_is_described_once_for_the_tool_schemas_and_the_prompts() -> None:
    from assistant.gather.sources import SourceRegistry
    from assistant.llm.tools import ToolContext, build_tools
    from assistant.research.plan import TOOLS

    described = {tool.name: tool for tool in tool_descriptions()}
    assert set(described) == set(TOOLS)
    for tool in build_tools(ToolContext(None, None, SourceRegistry())):
        assert tool.description == described[tool.name].description
        for arg, schema in tool.args.items():
            assert schema["description"] == described[tool.name].args[arg]
    for name in ("system", "research_planner"):
        rendered = render_prompt(
            name, **{v: SAMPLE_VALUES.get(v, "") for v in load_prompt(name).variables}
        )
        for tool in described.values():
            assert f"`{tool.name}`: {tool.description}" in rendered


def test_a_template_value_that_is_missing_is_an_error_not_an_empty_slot() -> None:
    assert fill("{{ a }}-{{ b }}", {"a": 1, "b": 2, "c": 3}) == "1-2"
    with pytest.raises(PromptError, match="'b' is undefined"):
        fill("{{ a }}-{{ b }}", {"a": 1})

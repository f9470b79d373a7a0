"""Every prompt is a file with declared variables; rendering takes exactly those."""

from __future__ import annotations

import pytest

from assistant.prompts import PROMPTS_DIR, Prompt, PromptError, load_prompt, prompt_names


def test_there_are_prompts_and_no_prompt_text_lives_elsewhere() -> None:
    assert {"system", "question", "final_answer"} <= set(prompt_names())


@pytest.mark.parametrize("name", prompt_names())
def test_each_prompt_declares_exactly_the_placeholders_it_uses(name: str) -> None:
    prompt = load_prompt(name)
    assert set(prompt.variables) == prompt.placeholders
    rendered = prompt.render(**{v: f"<{v}>" for v in prompt.variables})
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

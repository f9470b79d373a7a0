"""`marketbrief ask`: Markdown or JSON out; bad input is one line and exit 2."""

from __future__ import annotations

import pytest

from tests.cli_runner import run_cli

QUESTION = "罗素2000指数年初至今是否跑赢标普500?"


@pytest.mark.parametrize("question", ["", "   ", "问" * 2_001])
def test_empty_or_oversized_questions_are_one_clear_line(
    capsys: pytest.CaptureFixture[str], question: str
) -> None:
    result = run_cli(capsys, "ask", question)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: the question is")


def test_a_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "ask", QUESTION, "--as-of", "23/01/2026")
    assert result.exit_code == 2 and "--as-of" in result.stderr


def test_an_empty_data_directory_still_answers_and_says_what_to_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "ask", QUESTION, "--offline", "--json")
    assert result.exit_code == 0, result.stderr
    payload = result.json()
    assert set(payload) >= {"markdown", "title", "as_of", "language", "sections", "references",
                            "flags", "mode"}  # fmt: skip
    assert payload["mode"] == "offline" and payload["language"] == "zh"
    # nothing to stand on: one short card, not five headings over "no grounded analysis"
    assert [s["heading"] for s in payload["sections"]] == ["综合分析"]
    notices = " ".join(f["message"] for f in payload["flags"] if f["kind"] == "notice")
    assert "prices import" in notices and "ingest" in notices


def test_markdown_is_the_default_output(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "ask", "Did small caps beat the S&P 500?", "--offline")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# ") and "## Comprehensive analysis" in result.stdout
    assert "## References" in result.stdout and "not investment advice" in result.stdout

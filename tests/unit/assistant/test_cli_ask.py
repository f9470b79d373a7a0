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


def test_a_question_typed_without_quotes_is_the_words_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = run_cli(capsys, "ask", "Did", "small", "caps", "beat", "the", "S&P", "500?",
                     "--offline", "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    quoted = run_cli(capsys, "ask", "Did small caps beat the S&P 500?", "--offline", "--json")
    assert result.json()["sections"] == quoted.json()["sections"]
    assert "Russell 2000" in result.json()["title"]


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


def test_ask_about_one_article_answers_from_it_whatever_the_wording(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.unit.ingest.conftest import INGEST_FIXTURES

    added = run_cli(capsys, "ingest", str(INGEST_FIXTURES / "article.md"), "--json").json()
    assert added["added"] == 1
    [row] = run_cli(capsys, "library", "ls", "--json").json()
    # a question sharing no word with the article still gets the article's own sentences
    result = run_cli(capsys, "ask", "这篇文章说了什么?", "--article", row["id"][:8], "--json")
    assert result.exit_code == 0, result.stderr
    payload = result.json()
    assert [r["article_id"] for r in payload["references"] if r["kind"] == "article"] == [row["id"]]
    assert "Regional banks" in payload["markdown"]


def test_an_unknown_article_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "ask", QUESTION, "--article", "nosuchid")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "error: no article 'nosuchid' in the library (see `marketbrief library ls`)"
    ]

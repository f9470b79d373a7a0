"""`marketbrief research`: plan-only JSON, the edit round trip, auto-accept, approval, exports,
saved briefs, and one clear line for bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from assistant.engine import Assistant
from tests.cli_runner import run_cli
from tests.machine import require_cjk_font
from tests.unit.assistant.fakes import SEED, FakeIndex, FakeMarket

from .conftest import FED

TOPIC = "2026年小盘股投资逻辑"
Fakes = tuple[FakeMarket, FakeIndex]


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> Fakes:
    """The command's Assistant over fakes (its settings, and so its data directory, are real)."""
    market, index = FakeMarket(), FakeIndex([SEED, FED])

    def build(settings: object) -> Assistant:
        return Assistant(settings, market=market, index=index, model=None)  # type: ignore[arg-type]

    monkeypatch.setattr("assistant.cli.research.Assistant", build)
    return market, index


def test_plan_only_json_prints_the_plan_shape(
    capsys: pytest.CaptureFixture[str], fakes: Fakes
) -> None:
    result = run_cli(capsys, "research", TOPIC, "--plan-only", "--json", "--as-of", "2026-01-23")
    assert result.exit_code == 0, result.stderr
    plan = result.json()
    assert plan["topic"] == TOPIC and plan["as_of"] == "2026-01-23"
    assert 4 <= len(plan["steps"]) <= 8
    assert all(set(step) == {"question", "tools", "query"} for step in plan["steps"])
    assert fakes[0].calls == []  # nothing ran


def test_the_edited_plan_runs_exactly_as_edited(
    capsys: pytest.CaptureFixture[str],
    fakes: Fakes,
    tmp_path: Path,
) -> None:
    _, index = fakes
    drafted = run_cli(capsys, "research", TOPIC, "--plan-only", "--json", "--as-of", "2026-01-23")
    plan = drafted.json()
    steps = plan["steps"]
    steps[1] = {"question": "能源板块的评分与动量如何?", "tools": ["sector_scores"], "query": ""}
    steps[2]["query"] = "美联储 降息 融资成本"
    del steps[4]  # remove one (valuation)
    steps.insert(0, steps.pop(3))  # move the credit step first
    plan["steps"] = steps
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), "utf-8")

    result = run_cli(capsys, "research", "--plan", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    brief = result.json()
    assert [s["question"] for s in brief["steps"]] == [s["question"] for s in steps]
    assert [s["tools"] for s in brief["steps"]] == [s["tools"] for s in steps]
    assert brief["steps"][2]["tools_called"] == ["sector_scores"]
    searched = [s["query"] for s in steps if "search_commentary" in s["tools"]]
    assert index.queries[0::2] == searched  # each then searched wider for the brief (reserve)
    assert all(w.startswith(q) for q, w in zip(searched, index.queries[1::2], strict=True))
    assert "美联储 降息 融资成本" in index.queries
    assert [h["heading"] for h in brief["sections"]] == [
        "综合分析",
        "核心洞察",
        "风险与机遇",
        "核心信息摘要",
        "研究步骤",
    ]
    assert brief["references"][0]["n"] == 0 and brief["plan"]["steps"] == steps


def test_auto_accept_drafts_and_runs_and_saves_the_brief(
    capsys: pytest.CaptureFixture[str],
    fakes: Fakes,
) -> None:
    result = run_cli(capsys, "research", TOPIC, "--auto-accept", "--as-of", "2026-01-23")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"# {TOPIC}：深度研究\n")
    assert "## 参考文献" in result.stdout and "[0] marketbrief 市场数据" in result.stdout
    listed = run_cli(capsys, "research", "--list", "--json").json()
    assert [b["title"] for b in listed] == [f"{TOPIC}：深度研究"]
    shown = run_cli(capsys, "research", "--show", listed[0]["id"])
    assert shown.stdout == result.stdout


def test_without_approval_a_script_gets_the_plan_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    fakes: Fakes,
) -> None:
    result = run_cli(capsys, "research", TOPIC, "--json")
    assert result.exit_code == 2
    assert result.json()["topic"] == TOPIC  # the plan, to save and edit
    [line] = result.stderr.strip().splitlines()
    assert "--auto-accept" in line and "--plan FILE" in line
    assert fakes[0].calls == [] and fakes[1].queries == []


@pytest.mark.parametrize("suffix", ["md", "html", "pdf"])
def test_out_writes_the_format_its_suffix_names(
    capsys: pytest.CaptureFixture[str],
    fakes: Fakes,
    tmp_path: Path,
    suffix: str,
) -> None:
    if suffix == "pdf":  # a Chinese brief as PDF; Markdown and HTML need no font
        require_cjk_font()
    out = tmp_path / f"brief.{suffix}"
    result = run_cli(capsys, "research", TOPIC, "--auto-accept", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("brief ") and str(out) in result.stdout
    head = out.read_bytes()[:15]
    assert head.startswith({"md": b"# ", "html": b"<!DOCTYPE html>", "pdf": b"%PDF-"}[suffix])


def test_a_chinese_pdf_without_a_cjk_font_is_one_line_naming_what_to_install(
    capsys: pytest.CaptureFixture[str],
    fakes: Fakes,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for where in ("assistant.research.export.fonts", "assistant.cli.research"):
        monkeypatch.setattr(f"{where}.find_cjk_font", lambda: None)
    out = tmp_path / "brief.pdf"
    result = run_cli(capsys, "research", TOPIC, "--auto-accept", "--out", str(out))
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: no Chinese (CJK) font") and "fonts-noto-cjk" in line
    assert not out.exists() and fakes[0].calls == []  # said before the run, not after it


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "brief.docx", "--auto-accept", TOPIC], "use a file ending in"),
        (["--plan", "missing.json"], "no plan file"),
        (["--show", "nope"], "no saved brief 'nope'"),
        ([], "give a topic"),
        (["   ", "--plan-only"], "the topic is empty"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    fakes: Fakes,
    args: list[str],
    message: str,
) -> None:
    result = run_cli(capsys, "research", *args)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and message in line
    assert fakes[0].calls == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"topic": "x", "steps": []}', "4 to 8 steps"),
        ('{"topic": "x", "steps": [{"question": "q", "tools": ["oracle"]}]}', "unknown tool"),
    ],
)
def test_a_bad_plan_file_is_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str],
    fakes: Fakes,
    tmp_path: Path,
    content: str,
    message: str,
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(content, "utf-8")
    result = run_cli(capsys, "research", "--plan", str(path))
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"error: {path}: ") and message in line


class Terminal(io.StringIO):
    """A stdin that says it is a terminal, with the person's answer typed in."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("typed", "runs"), [("y\n", True), ("n\n", False), ("\n", False)])
def test_a_terminal_shows_the_plan_and_asks(
    capsys: pytest.CaptureFixture[str],
    fakes: Fakes,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    runs: bool,
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal(typed))
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    result = run_cli(capsys, "research", TOPIC, "--as-of", "2026-01-23")
    assert result.exit_code == 0, result.stderr
    assert f"Plan: {TOPIC}" in result.stderr and "Run this plan? [y/N]" in result.stderr
    assert "--plan-only --json" in result.stderr  # how to edit it instead
    assert (fakes[0].calls != []) is runs
    assert result.stdout.startswith("# ") is runs
    assert ("not run." in result.stderr) is not runs

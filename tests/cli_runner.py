"""Run the real `marketbrief` entry point in-process and capture what a person would see."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from assistant.cli import main


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> CliResult:
    code = 0
    try:
        main(list(args))
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    out, err = capsys.readouterr()
    return CliResult(code, out, err)

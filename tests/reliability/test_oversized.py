"""Oversized input is refused with a message, before it is read into memory.

Questions over 2,000 characters and files over `--max-size` are covered where they are
handled (tests/unit/assistant/test_cli_ask.py, tests/unit/ingest/test_cli.py); this adds the
price files, which are read whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_runner import run_cli
from tools import csv_import


def test_an_oversized_price_file_is_refused_unread(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_import, "MAX_CSV_BYTES", 1_000)
    big = tmp_path / "SPY.csv"
    big.write_text("Date,Close\n" + "2024-01-02,100\n" * 200)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("an oversized file must not be read")

    monkeypatch.setattr(csv_import.pd, "read_csv", never)
    result = run_cli(capsys, "prices", "import", str(big))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "SPY.csv: larger than the 1,000-byte limit for a price file (3,011 bytes)" in (
        result.stderr
    )

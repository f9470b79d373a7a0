"""The market-data commands on the whole shared price set (../shared/data/prices), through the
real entry point; yfinance stays offline, as in tests/unit/test_market_cli.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_market_cli import cli
from tests.unit.test_market_cli import offline_yahoo as offline_yahoo  # autouse: here too

pytestmark = pytest.mark.integration


def test_sectors_and_macro_on_the_shared_prices(
    capsys: pytest.CaptureFixture[str], shared_prices: Path
) -> None:
    assert cli(capsys, "prices", "import", str(shared_prices)).exit_code == 0
    sectors = cli(capsys, "sectors", "--as-of", "2026-01-23", "--json")
    assert sectors.exit_code == 0, sectors.stderr
    rows = sectors.json()["rows"]
    assert len(rows) == 11 and sorted(r["rank"] for r in rows) == list(range(1, 12))
    assert {"sector", "symbol", "score", "rank"} <= set(rows[0])
    macro = cli(capsys, "macro", "--as-of", "2026-01-23", "--json")
    assert macro.exit_code == 0, macro.stderr
    indicators = [r["indicator"] for r in macro.json()["rows"]]
    assert indicators[:2] == ["10-year yield", "10y-5y slope"]
    assert macro.json()["provenance"]["notes"]

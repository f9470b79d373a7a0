"""The market-data commands, run through the real entry point and the real service factory.

Only yfinance's network call is replaced (by an error, or by `responses` replaying a chart
body), so nothing here reaches the internet.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import responses

from benchmarks.harness.paths import FIXTURES
from tests.cli_runner import CliResult, run_cli
from tools.errors import ProviderError
from tools.yahoo import YahooProvider

PRICES = FIXTURES / "prices"
REAL_FETCH = YahooProvider.fetch


@pytest.fixture(autouse=True)
def offline_yahoo(monkeypatch: pytest.MonkeyPatch) -> None:
    """yfinance is 'offline' unless a test serves it with `responses`."""

    def offline(self: YahooProvider, symbol: str, start: object) -> None:
        raise ProviderError(f"yfinance could not reach Yahoo for {symbol} (offline in tests)")

    monkeypatch.setattr(YahooProvider, "fetch", offline)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> CliResult:
    return run_cli(capsys, *args)


def imported(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "prices", "import", str(PRICES / "shared_layout"),
                 str(PRICES / "yfinance_layout"))  # fmt: skip
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    "command",
    [["prices", "import"], ["prices", "sync"], ["prices", "ls"], ["returns"], ["sectors"],
     ["quote"], ["macro"]],
)  # fmt: skip
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    result = cli(capsys, *command, "--help")
    assert result.exit_code == 0 and "--json" in result.stdout


def test_import_reports_rows_and_dates_per_symbol(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "prices", "import", str(PRICES / "shared_layout"),
                 str(PRICES / "yfinance_multiindex" / "QQQ.csv"), "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    payload = result.json()
    assert payload["errors"] == []
    gspc, qqq = payload["rows"]
    assert {"symbol", "rows", "first", "last", "file"} <= set(gspc)
    assert (gspc["symbol"], gspc["rows"], gspc["first"], gspc["last"]) == (
        "^GSPC", 10, "2025-12-26", "2026-01-09",
    )  # fmt: skip
    assert (qqq["symbol"], qqq["rows"]) == ("QQQ", 3)


def test_a_bad_file_is_listed_and_the_good_ones_imported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    shutil.copy(PRICES / "shared_layout" / "^GSPC.csv", tmp_path)
    shutil.copy(PRICES / "bad" / "NOPE.csv", tmp_path)
    result = cli(capsys, "prices", "import", str(tmp_path))
    assert result.exit_code == 0
    assert "^GSPC" in result.stdout
    assert "not imported: NOPE.csv: expected columns Date and Close" in result.stdout


def test_nothing_importable_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "prices", "import", str(PRICES / "bad"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: nothing imported (3 file(s) rejected)")
    assert result.stderr.count("\n") == 1


def test_a_file_without_rows_is_named_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "BAD.csv"
    bad.write_text("Date,Open,High,Low,Close,Volume\n")
    alone = cli(capsys, "prices", "import", str(bad))
    assert alone.exit_code == 2 and alone.stdout == ""
    assert alone.stderr == (
        "error: nothing imported (1 file(s) rejected): BAD.csv: no rows with both a date and "
        "a close\n"
    )
    as_json = cli(capsys, "prices", "import", str(bad), "--json")
    assert as_json.json()["errors"] == [
        {"file": str(bad), "error": "no rows with both a date and a close"}
    ]
    shutil.copy(PRICES / "shared_layout" / "^GSPC.csv", tmp_path)
    mixed = cli(capsys, "prices", "import", str(tmp_path))
    assert mixed.exit_code == 0
    assert "not imported: BAD.csv: no rows with both a date and a close" in mixed.stdout
    assert (mixed.stdout + mixed.stderr).count("BAD.csv") == 1


def test_a_missing_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    result = cli(capsys, "prices", "import", str(PRICES / "shared_layout"), str(tmp_path / "no"))
    assert result.exit_code == 2
    assert result.stderr == f"error: no such file or folder: {tmp_path / 'no'}\n"
    assert cli(capsys, "prices", "ls", "--json").json()["rows"] == []


def test_ls_lists_the_store(capsys: pytest.CaptureFixture[str]) -> None:
    empty = cli(capsys, "prices", "ls")
    assert empty.exit_code == 0 and "is empty" in empty.stdout
    imported(capsys)
    rows = cli(capsys, "prices", "ls", "--json").json()["rows"]
    assert [(r["symbol"], r["origin"]) for r in rows] == [
        ("SPY", "csv import: SPY.csv"), ("^GSPC", "csv import: ^GSPC.csv"),
    ]  # fmt: skip


def test_returns_json(capsys: pytest.CaptureFixture[str]) -> None:
    imported(capsys)
    result = cli(capsys, "returns", "标普500", "--period", "YTD", "--as-of", "2026-01-10",
                 "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (row,) = result.json()["rows"]
    assert (row["symbol"], row["start_date"], row["end_date"]) == (
        "^GSPC", "2025-12-31", "2026-01-09",
    )  # fmt: skip
    assert (row["start_close"], row["end_close"]) == (5000.0, 5250.0)
    assert row["return_pct"] == pytest.approx(5.0)
    assert {"spread_pp", "volatility_pct", "max_drawdown_pct"} <= set(row)
    provenance = result.json()["provenance"]
    assert provenance["as_of"] == "2026-01-09" and provenance["tool"] == "index_returns"
    assert provenance["source"].startswith("local price store: CSV import")


def test_returns_table_has_a_provenance_line(capsys: pytest.CaptureFixture[str]) -> None:
    imported(capsys)
    result = cli(capsys, "returns", "^GSPC", "--start", "2025-12-31", "--end", "2026-01-09")
    assert result.exit_code == 0, result.stderr
    assert "5.00" in result.stdout
    assert "as of 2026-01-09; source: local price store: CSV import (" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["FOO"], "error: unknown symbol 'FOO': not in the price store"),
        (["^GSPC", "--as-of", "2026-13-01"], "bad date '2026-13-01'"),
        (["^GSPC", "--as-of", "2030-01-01"], "as-of 2030-01-01 is after the last stored close"),
        (["^GSPC", "--period", "7X"], "unknown period '7X'"),
        (["^GSPC", "--year", "2020"], "no stored closes of ^GSPC in 2020"),
        (["^GSPC", "--start", "2026-01-06", "--end", "2026-01-05"], "empty range"),
        (["^GSPC", "--period", "1Y"], "period 1Y starts from the close on or before"),
        (["???"], "unknown symbol '???'"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    imported(capsys)
    result = cli(capsys, "returns", *args)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_quote_json(capsys: pytest.CaptureFixture[str]) -> None:
    imported(capsys)
    result = cli(capsys, "quote", "SPY", "^GSPC", "--as-of", "2026-01-05", "--json")
    assert result.exit_code == 0, result.stderr
    spy, gspc = result.json()["rows"]
    assert (spy["symbol"], spy["date"], spy["close"]) == ("SPY", "2026-01-05", 687.0)
    assert round(gspc["change_pct"], 2) == 0.99 and {"symbol", "date", "close"} <= set(gspc)


def test_sectors_and_macro_say_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    imported(capsys)
    sectors = cli(capsys, "sectors")
    assert sectors.exit_code == 2 and "sector scores need XLE, XLB" in sectors.stderr
    macro = cli(capsys, "macro")
    assert macro.exit_code == 2 and "macro needs some of ^TNX" in macro.stderr


@pytest.fixture
def yahoo_chart(monkeypatch: pytest.MonkeyPatch) -> Iterator[responses.RequestsMock]:
    monkeypatch.setattr(YahooProvider, "fetch", REAL_FETCH)  # real, against replayed responses
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(r"https://fc\.yahoo\.com.*"), body="")
        mock.get(re.compile(r"https://query\d\.finance\.yahoo\.com/v1/test/getcrumb.*"), body="c")
        yield mock


CHART = re.compile(r"https://query\d\.finance\.yahoo\.com/v8/finance/chart/.*")


def test_sync_fetches_into_the_store(
    capsys: pytest.CaptureFixture[str], yahoo_chart: responses.RequestsMock
) -> None:
    yahoo_chart.get(CHART, body=(PRICES / "yahoo" / "chart-^GSPC-made-up.json").read_text())
    result = cli(capsys, "prices", "sync", "标普500", "--json")
    assert result.exit_code == 0, result.stderr
    (row,) = result.json()["rows"]
    assert (row["symbol"], row["rows"], row["origin"]) == ("^GSPC", 11, "yfinance")
    quote = cli(capsys, "quote", "^GSPC", "--json").json()
    assert quote["provenance"]["source"].startswith("local price store: yfinance, fetched ")


def test_sync_that_fetches_nothing_exits_2(
    capsys: pytest.CaptureFixture[str], yahoo_chart: responses.RequestsMock
) -> None:
    yahoo_chart.get(CHART, status=404, json={"chart": {"result": None, "error": None}})
    result = cli(capsys, "prices", "sync", "FOO")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: nothing synced: ") and "FOO" in result.stderr


def test_the_spread_column_names_the_benchmark(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # a wide terminal: headers on one line
    imported(capsys)
    result = cli(capsys, "returns", "标普", "SPY", "--benchmark", "SPX", "--start", "2025-12-31",
                 "--end", "2026-01-05")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "vs ^GSPC pp" in result.stdout

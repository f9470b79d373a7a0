"""yfinance stalls: our deadline fires and the stored prices are used, with their age shown.

End to end through the CLI (in-process) and the real yfinance and requests: the environment's
proxy setting points yfinance at a loopback server that accepts the connection and never sends
a byte, exactly what a stalled network does. (tests/unit/tools/test_yahoo.py covers the
provider and MarketData on their own.)
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from benchmarks.harness.paths import FIXTURES
from tests.cli_runner import run_cli
from tests.unit.tools.test_yahoo import StalledServer

pytestmark = pytest.mark.integration
Capsys = pytest.CaptureFixture[str]
PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy")


@pytest.fixture
def stalled_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[StalledServer]:
    server = StalledServer()
    for name in (*PROXIES, "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", server.url)
    monkeypatch.setenv("HTTP_PROXY", server.url)
    monkeypatch.setenv("MARKETBRIEF_NETWORK_TIMEOUT_S", "0.5")
    monkeypatch.setenv("MARKETBRIEF_PRICE_REFRESH_AFTER_HOURS", "0")  # every call wants fresh
    yield server
    server.close()


def test_a_stalled_yahoo_falls_back_to_stored_prices_with_their_age(
    stalled_network: StalledServer, capsys: Capsys
) -> None:
    imported = run_cli(capsys, "prices", "import", str(FIXTURES / "prices" / "shared_layout"))
    assert imported.exit_code == 0
    started = time.monotonic()
    quoted = run_cli(capsys, "quote", "^GSPC", "--json")
    elapsed = time.monotonic() - started
    assert quoted.exit_code == 0, quoted.stderr
    assert stalled_network.connected.wait(5), "yfinance never reached the stalled server"
    assert elapsed < 15  # the deadline (0.5 s) plus yfinance's import, not its 30 s timeouts
    payload = quoted.json()
    assert payload["rows"][0]["close"] == 5250.0  # the stored close
    notes = " ".join(payload["provenance"]["notes"])
    assert "yfinance did not answer within 0.5 s; using stored prices: last close 2026-01-09" in (
        notes
    )
    assert "days old" in notes

    # An answer shows the age too, in its [0] reference, in the reader's language.
    asked = run_cli(capsys, "ask", "How did the S&P 500 do this week?")
    assert asked.exit_code == 0, asked.stderr
    assert "did not answer within 0.5 s; using stored prices: last close January 9, 2026" in (
        asked.stdout
    )
    asked = run_cli(capsys, "ask", "标普500本周表现如何？")
    assert asked.exit_code == 0, asked.stderr
    assert "yfinance在0.5秒内没有响应，改用价格库中已存的价格：^GSPC的最后收盘为2026年1月9日" in (
        asked.stdout
    )

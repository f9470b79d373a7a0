"""CSV import: both layouts, bad files reported and skipped, paths checked first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.harness.paths import FIXTURES
from tests.unit.tools.conftest import NOW
from tools.csv_import import import_csv, read_price_csv
from tools.errors import PriceFileError
from tools.store import PriceStore

PRICES = FIXTURES / "prices"


def test_the_shared_layout() -> None:
    symbol, frame, skipped = read_price_csv(PRICES / "shared_layout" / "^GSPC.csv")
    assert (symbol, len(frame), skipped) == ("^GSPC", 10, 0)
    assert list(frame.columns) == ["Open", "High", "Low", "Close", "Volume"]
    assert frame.index[0].date().isoformat() == "2025-12-26"
    assert frame["Close"].iloc[-1] == 5250.0


def test_yfinance_layout_uses_adj_close_and_scales_open_high_low() -> None:
    symbol, frame, _ = read_price_csv(PRICES / "yfinance_layout" / "SPY.csv")
    assert symbol == "SPY"
    first = frame.iloc[0]
    assert first["Close"] == 686.0  # Adj Close, not the raw 688
    assert first["Open"] == pytest.approx(690.0 * 686.0 / 688.0)
    assert first["Volume"] == 60_000_000


def test_yfinance_multi_index_csv_skips_its_extra_header_rows() -> None:
    symbol, frame, skipped = read_price_csv(PRICES / "yfinance_multiindex" / "QQQ.csv")
    assert (symbol, len(frame), skipped) == ("QQQ", 3, 0)
    assert [d.date().isoformat() for d in frame.index] == ["2026-01-02", "2026-01-05", "2026-01-06"]
    assert frame["Close"].tolist() == [620.5, 625.25, 630.0]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("NOPE.csv", "expected columns Date and Close"),
        ("EMPTY.csv", "not a readable CSV"),
        ("NODATES.csv", "no rows with both a date and a close"),
    ],
)
def test_bad_files_are_rejected_with_a_reason(name: str, message: str) -> None:
    with pytest.raises(PriceFileError, match=message) as rejected:
        read_price_csv(PRICES / "bad" / name)
    assert name not in str(rejected.value)  # the caller names the file, once


def test_a_file_must_be_named_after_its_symbol(tmp_path: Path) -> None:
    path = tmp_path / "my prices!.csv"
    shutil.copy(PRICES / "shared_layout" / "^GSPC.csv", path)
    with pytest.raises(PriceFileError, match="file name must be the symbol"):
        read_price_csv(path)


def test_a_bad_file_is_skipped_while_the_good_ones_import(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for source in ("shared_layout/^GSPC.csv", "yfinance_layout/SPY.csv", "bad/NOPE.csv"):
        shutil.copy(PRICES / source, folder)
    (folder / "README.md").write_text("not a CSV, not imported")
    store = PriceStore(tmp_path / "store")
    report = import_csv(store, [folder, PRICES / "yfinance_multiindex" / "QQQ.csv"], NOW)
    assert [item.meta.symbol for item in report.imported] == ["SPY", "^GSPC", "QQQ"]
    assert [item.path.name for item in report.rejected] == ["NOPE.csv"]
    assert store.symbols() == ["QQQ", "SPY", "^GSPC"]
    assert store.meta("^GSPC").origin == "csv import: ^GSPC.csv"
    assert store.meta("^GSPC").updated_at == NOW


def test_a_missing_path_fails_before_anything_is_imported(tmp_path: Path) -> None:
    store = PriceStore(tmp_path / "store")
    with pytest.raises(PriceFileError, match=r"no such file or folder: .*absent"):
        import_csv(store, [PRICES / "shared_layout", tmp_path / "absent"], NOW)
    assert store.symbols() == []


def test_rows_without_a_close_are_skipped_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "XLE.csv"
    path.write_text("Date,Close\n2024-01-02,10\n2024-01-03,\n2024-01-04,11\nnot a date,12\n")
    symbol, frame, skipped = read_price_csv(path)
    assert (symbol, len(frame), skipped) == ("XLE", 2, 2)


def test_yfinance_two_row_header_without_a_date_row(tmp_path: Path) -> None:
    path = tmp_path / "IWM.csv"
    path.write_text(
        "Price,Adj Close,Close,High,Low,Open,Volume\n"
        "Ticker,IWM,IWM,IWM,IWM,IWM,IWM\n"
        "2026-01-02,200.0,201.0,202.0,199.0,200.5,1000\n"
        "2026-01-05,204.0,205.0,206.0,203.0,204.5,1100\n"
    )
    symbol, frame, skipped = read_price_csv(path)
    assert (symbol, len(frame), skipped) == ("IWM", 2, 0)
    assert frame["Close"].tolist() == [200.0, 204.0]

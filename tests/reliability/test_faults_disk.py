"""A read-only data directory or a full disk: one clear line, and nothing half-written.

Two kinds of test. On a real small disk (a tmpfs the test mounts, where the machine allows
it) the kernel itself refuses the writes (EROFS, ENOSPC), through Python, SQLite, Parquet and
Chroma alike, and the commands run end to end. The simulated ones always run: a write step
made to fail with the same errno (monkeypatched), and SQLite's own "database or disk is full"
from a page limit. Note: chmod cannot stand in for a read-only disk here, since the tests run
as root, whom permissions do not stop.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

import ingest.index as index_module
from benchmarks.harness import processes
from benchmarks.harness.corpus import write_jsonl
from benchmarks.harness.library_state import library_state
from benchmarks.harness.paths import FIXTURES
from benchmarks.harness.processes import environment
from ingest.catalog import Catalog, Entry
from ingest.chunking import chunk_article
from ingest.errors import StorageError
from tests.cli_runner import CliResult, run_cli
from tests.reliability.disk import SmallDisk
from tests.unit.ingest.conftest import open_index, read_article
from tests.unit.tools.conftest import NOW, make_frame
from tools import store as store_module
from tools.errors import StorageError as PriceStorageError
from tools.store import PriceStore

Capsys = pytest.CaptureFixture[str]
PRICES = FIXTURES / "prices"
QUESTION = "罗素2000指数年初至今是否跑赢标普500?"


def one_line(result: CliResult) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    return result.stderr.strip()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# -- on a real small disk ---------------------------------------------------------------------


def test_read_only_data_directory(disk: SmallDisk, capsys: Capsys) -> None:
    # Filled by another process, so this one holds no open file there (a file open for
    # writing would keep the disk from being remounted read-only).
    setup = (
        "from assistant.cli import main\n"
        f"main(['prices', 'import', {str(PRICES / 'shared_layout')!r}])\n"
        f"main(['ingest', {str(FIXTURES / 'ingest' / 'article.md')!r}])\n"
    )
    done = processes.python(setup, environment(disk.home))
    assert done.returncode == 0, done.stderr
    before = snapshot(disk.home)
    disk.read_only()

    imported = one_line(run_cli(capsys, "prices", "import", str(PRICES / "yfinance_layout")))
    assert imported == (
        f"error: cannot write to {disk.home}/prices: read-only file system; "
        "SPY was not changed (nothing was imported)"
    )
    ingested = one_line(run_cli(capsys, "ingest", str(FIXTURES / "ingest" / "page.html")))
    assert ingested.startswith(f"error: cannot write to {disk.home}/") and "read-only" in ingested
    # Stored prices still answer; the library's notice says why it cannot be searched.
    asked = run_cli(capsys, "ask", QUESTION, "--as-of", "2026-01-09", "--json")
    assert asked.exit_code == 0, asked.stderr
    notices = " ".join(f["message"] for f in asked.json()["flags"] if f["kind"] == "notice")
    assert "read-only file system" in notices
    quoted = run_cli(capsys, "quote", "^GSPC", "--as-of", "2026-01-09", "--json")
    assert quoted.exit_code == 0 and quoted.json()["rows"][0]["close"] == 5250.0
    disk.writable()
    assert snapshot(disk.home) == before
    # Writable again: this same process can open the library (no broken store cached).
    assert run_cli(capsys, "search", "regional banks").exit_code == 0


def test_disk_full_during_a_price_import_keeps_the_old_file(
    disk: SmallDisk, capsys: Capsys, tmp_path: Path
) -> None:
    assert run_cli(capsys, "prices", "import", str(PRICES / "shared_layout")).exit_code == 0
    before = snapshot(disk.home / "prices")
    big = tmp_path / "^GSPC.csv"  # the same symbol, far more rows than the disk has room for
    rows = [f"{1990 + i // 250}-{1 + i % 12:02d}-{1 + i % 28:02d},1,2,0.5,{1000 + i},10"
            for i in range(60_000)]  # fmt: skip
    big.write_text("Date,Open,High,Low,Close,Volume\n" + "\n".join(rows) + "\n")
    disk.fill(leave_kb=64)
    line = one_line(run_cli(capsys, "prices", "import", str(big)))
    assert line == (
        f"error: disk full while writing {disk.home}/prices; ^GSPC was not changed "
        "(nothing was imported)"
    )
    assert snapshot(disk.home / "prices") == before  # the old file, and no temporary file


def test_disk_full_during_an_ingest_then_a_rerun_completes(
    disk: SmallDisk, capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "BATCH_ARTICLES", 20)  # several commits in one run
    source = tmp_path / "wire.jsonl"
    urls = write_jsonl(source, "disk", 200)
    disk.resize(1000)
    line = one_line(run_cli(capsys, "ingest", str(source)))
    assert line.startswith(f"error: disk full while writing {disk.home}/")
    saved = re.search(r"\((\d+) article\(s\) of this ingest were saved", line)
    disk.resize(64 * 1024)  # free some space

    state = library_state(disk.home)
    assert state.problems() == []
    assert len(state.articles) == (int(saved[1]) if saved else 0)  # exactly what it said
    again = run_cli(capsys, "ingest", str(source), "--json")
    assert again.exit_code == 0, again.stderr
    final = library_state(disk.home)
    assert final.problems(strict=True) == []
    assert len(final.articles) == len(urls)


# -- simulated: always run --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EROFS, "cannot write to {root}: read-only file system; SPY was not changed"),
        (errno.ENOSPC, "disk full while writing {root}; SPY was not changed"),
        (errno.EACCES, "cannot write to {root}: permission denied; SPY was not changed"),
    ],
)
def test_price_store_write_failures_are_storage_errors(
    code: int, expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PriceStore(tmp_path / "prices")
    store.save("SPY", make_frame([1, 2]), "yfinance", NOW)
    before = snapshot(store.root)

    def refuse(*args: object) -> None:
        raise OSError(code, os.strerror(code), str(args[-1]))

    monkeypatch.setattr(store_module.os, "replace", refuse)
    with pytest.raises(PriceStorageError) as raised:
        store.save("SPY", make_frame([5, 6, 7]), "yfinance", NOW)
    assert str(raised.value) == expected.format(root=store.root)
    assert snapshot(store.root) == before


def test_a_read_only_store_still_answers_and_remembers_tries_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PriceStore(tmp_path / "prices")
    store.save("SPY", make_frame([1, 2]), "yfinance", NOW)

    def refuse(*args: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(store_module.os, "replace", refuse)
    store.note_failed_attempt(["SPY"], NOW)  # does not raise
    assert store.failed_attempts() == {"SPY": NOW}
    assert store.load("SPY").meta.rows == 2


def test_a_full_catalog_rolls_back_the_whole_transaction(tmp_path: Path) -> None:
    """SQLite's own SQLITE_FULL (from a page limit), not a mock."""
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    article = read_article(FIXTURES / "ingest" / "article.md")
    chunks = chunk_article(article)
    entry = Entry(article, "digest", chunks, [["token"] for _ in chunks])
    pages = catalog._query(text("PRAGMA page_count"))[0][0]
    catalog._query(text(f"PRAGMA max_page_count = {pages}"))
    big = Entry(article, "digest", chunks, [["x" * 50_000] for _ in chunks])
    with pytest.raises(StorageError, match=r"disk full while writing .*; nothing was changed"):
        catalog.commit([big])
    assert catalog.count_articles() == 0 and catalog.generation() == 0
    catalog._query(text(f"PRAGMA max_page_count = {pages * 100}"))
    catalog.commit([entry])  # the catalog is fine once there is room
    assert catalog.count_articles() == 1
    catalog.close()


def test_a_full_vector_store_stops_the_ingest_with_what_was_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ingest.pipeline import ingest_sources

    index = open_index(tmp_path / "library")
    try:
        ingest_sources([str(FIXTURES / "ingest" / "article.md")], index)
        real_write = index.store.write

        def full(*args: object, **kwargs: object) -> None:
            with index.store._chroma("writing vectors"):
                raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(index.store, "write", full)
        with pytest.raises(StorageError, match=r"disk full while writing .*no article"):
            ingest_sources([str(FIXTURES / "ingest" / "page.html")], index)
        monkeypatch.setattr(index.store, "write", real_write)
        from benchmarks.harness.library_state import read_state

        assert read_state(index).problems() == []
        assert [a.title for a in index.list_articles()] == [
            "Regional banks and the small-cap trade"
        ]
    finally:
        index.close()


def test_chmod_read_only_is_refused_for_an_ordinary_user(tmp_path: Path, capsys: Capsys) -> None:
    if os.geteuid() == 0:
        pytest.skip("root is not stopped by permissions; the real-disk tests cover this")
    home = Path(os.environ["MARKETBRIEF_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    home.chmod(0o555)
    try:
        line = one_line(run_cli(capsys, "prices", "import", str(PRICES / "shared_layout")))
        assert "permission denied" in line
    finally:
        home.chmod(0o755)
        shutil.rmtree(home / "prices", ignore_errors=True)

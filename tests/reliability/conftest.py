"""Fixtures for the reliability tests: a small real disk (tmpfs) where the machine allows it,
and a real Chroma server of the test's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.harness.chroma_server import CHROMA, ChromaServer, available, chroma_server
from tests.reliability.disk import SmallDisk, can_mount, small_disk


@pytest.fixture
def disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[SmallDisk]:
    """A 2 MB tmpfs holding MARKETBRIEF_HOME; skipped where a tmpfs cannot be mounted."""
    reason = can_mount()
    if reason:
        pytest.skip(f"needs a real small disk: {reason}")
    mounting = small_disk(tmp_path, 2048)
    try:
        mounted = mounting.__enter__()
    except RuntimeError as error:
        pytest.skip(str(error))
    monkeypatch.setenv("MARKETBRIEF_HOME", str(mounted.home))
    try:
        yield mounted
    finally:
        mounting.__exit__(None, None, None)


@pytest.fixture
def chroma(tmp_path: Path) -> Iterator[ChromaServer]:
    """`chroma run` on a free loopback port, for this test only (it may stop it)."""
    if not available():
        pytest.skip(f"needs the chroma CLI at {CHROMA}")
    with chroma_server(tmp_path / "chroma-data") as running:
        yield running

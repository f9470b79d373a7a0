"""What a test does when the machine lacks a browser, a Chinese font or ../shared (what is
missing, and why, is `benchmarks.harness.machine`'s to say).

On a developer's bare machine such a test skips with a one-line reason. In CI (`CI=true`,
where `.ci/apt-packages` installs chromium and fonts-noto-cjk) a missing requirement fails the
run instead, so a green CI cannot hide a test that never ran.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from benchmarks.harness.machine import chromium_missing, cjk_font_missing, shared_missing


def required_here() -> bool:
    """True in CI, where every machine requirement must be met."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def lacking(reason: str) -> NoReturn:
    """Skip this test for `reason`, or fail it when the run requires everything (CI)."""
    if required_here():
        pytest.fail(f"CI=true requires it: {reason}", pytrace=False)
    pytest.skip(reason)


def require_chromium() -> None:
    reason = chromium_missing()
    if reason:
        lacking(reason)


def require_browser_run(shared: Path) -> None:
    """Skip (fail in CI) without chromium; skip without ../shared."""
    require_chromium()
    missing = shared_missing(shared)
    if missing:
        pytest.skip(missing)


def require_cjk_font() -> None:
    reason = cjk_font_missing()
    if reason:
        lacking(reason)

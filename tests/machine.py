"""What a test needs from the machine beyond Python: a browser, a Chinese font, ../shared.

On a developer's bare machine such a test skips with a one-line reason. In CI (`CI=true`,
where `.ci/apt-packages` installs chromium and fonts-noto-cjk) a missing requirement fails the
run instead, so a green CI cannot hide a test that never ran.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

CHROMIUM = Path("/usr/bin/chromium")


def required_here() -> bool:
    """True in CI, where every machine requirement must be met."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def lacking(reason: str) -> NoReturn:
    """Skip this test for `reason`, or fail it when the run requires everything (CI)."""
    if required_here():
        pytest.fail(f"CI=true requires it: {reason}", pytrace=False)
    pytest.skip(reason)


def chromium_missing() -> str | None:
    """Why Debian's chromium cannot be driven here, or None when it can.

    A real executable file is required: a path that exists but is not one (a bind-mounted
    /dev/null on a reproduced bare machine) counts as missing."""
    path = CHROMIUM if CHROMIUM.exists() else Path(shutil.which("chromium") or CHROMIUM)
    if path.is_file() and os.access(path, os.X_OK):
        return None
    return f"needs Debian's chromium at {CHROMIUM} (apt-get install chromium; see .ci/apt-packages)"


def cjk_font_missing() -> str | None:
    """Why a Chinese font cannot be found here, or None when one can."""
    from assistant.research.export.fonts import find_cjk_font

    if find_cjk_font() is not None:
        return None
    return "needs a Chinese (CJK) font (apt-get install fonts-noto-cjk; see .ci/apt-packages)"


def require_chromium() -> None:
    reason = chromium_missing()
    if reason:
        lacking(reason)


def require_cjk_font() -> None:
    reason = cjk_font_missing()
    if reason:
        lacking(reason)

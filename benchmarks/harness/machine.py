"""What a run needs from the machine beyond Python, and why it is missing: Debian's chromium,
a Chinese font, the sample data in ../shared. The tests skip or fail on it (tests/machine.py);
the benchmarks print it and skip.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")


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


def shared_missing(shared: Path) -> str | None:
    """Why ../shared cannot seed a run of the app (its seeds and prices), or None when it can."""
    if not (shared / "seeds").is_dir() or not (shared / "data" / "prices").is_dir():
        return f"needs ../shared with seeds and data/prices beside the project ({shared})"
    return None

"""Where the data directory is, found without the settings machinery when nothing else is set.

Reading the settings imports pydantic-settings, which alone costs more than `marketbrief library
ls` should take. When nothing configures marketbrief but MARKETBRIEF_HOME (or nothing at all),
every setting is its default apart from the home, and `plain_home` finds the home exactly as
`Settings` would. In any other case it returns None and the caller reads the full settings, with
their validation: a bad value elsewhere still fails the command as it always did.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "marketbrief"
DEFAULT_COLLECTION = "commentary"
CHROMA_FOLDER = "chroma"  # the local Chroma store, in the data directory
# Environment names that configure marketbrief without being a setting `plain_home` must honour.
_NOT_SETTINGS = frozenset({"marketbrief_home", "marketbrief_debug"})
# Settings read under names without our prefix (see `Settings`).
_UNPREFIXED = frozenset({"openai_api_key", "openai_base_url"})


def default_home() -> Path:
    """The data directory when MARKETBRIEF_HOME is not set (the platform's user data folder)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def plain_home() -> Path | None:
    """The data directory, when at most MARKETBRIEF_HOME configures marketbrief; None when
    another setting may be set (any other MARKETBRIEF_* or OPENAI_* variable, or a `.env` file
    in the working directory, which `Settings` reads), so the caller must load the settings.

    Like `Settings`, names are matched case-insensitively."""
    if Path(".env").exists():
        return None
    homes: list[str] = []
    for name, value in os.environ.items():
        lowered = name.lower()
        if lowered in _UNPREFIXED:
            return None
        if lowered == "marketbrief_home":
            homes.append(value)
        elif lowered.startswith("marketbrief_") and lowered not in _NOT_SETTINGS:
            return None
    if not homes:
        return default_home()
    if len(homes) > 1 or not homes[0]:  # ambiguous, or empty: let the settings decide
        return None
    return Path(homes[0])

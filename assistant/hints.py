"""What a person can do about a refusal, worded for where they read it.

The library states facts ("refused: 127.0.0.1 is a loopback address") and names the remedy
(`ingest.errors.Remedy`); only the edge knows its reader. At the terminal a flag is the
answer; in the browser there are no flags, so the browser names the setting (or the button)
that does the same. Each remedy is worded here once per edge, so the two stay in step.
"""

from __future__ import annotations

from typing import Literal

from ingest.errors import Remedy

Edge = Literal["cli", "browser"]

HINTS: dict[Remedy, dict[Edge, str]] = {
    "allow_private": {
        "cli": "pass --allow-private, or set MARKETBRIEF_ALLOW_PRIVATE_URLS=true, to fetch "
        "from this machine or a private network",
        "browser": "To fetch from this machine or a private network, set "
        "MARKETBRIEF_ALLOW_PRIVATE_URLS=true (in the environment, or in the .env file of the "
        "folder marketbrief starts in) and start marketbrief ui again.",
    },
    "add_file": {
        "cli": "give the file's path instead of a file:// URL",
        "browser": "To add a file from this computer, upload it under Files instead of "
        "giving a file:// URL.",
    },
}


def hint(remedy: Remedy, edge: Edge) -> str:
    return HINTS[remedy][edge]

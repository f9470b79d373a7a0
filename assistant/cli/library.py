"""Library commands: ingest, library, search (issue 3)."""

from __future__ import annotations

import click

library_commands: list[click.Command] = []

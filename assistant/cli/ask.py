"""The `ask` command (issue 4)."""

from __future__ import annotations

import click

ask_commands: list[click.Command] = []

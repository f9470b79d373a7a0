"""Market-data commands: prices, returns, sectors, quote, macro (issue 2)."""

from __future__ import annotations

import click

market_commands: list[click.Command] = []

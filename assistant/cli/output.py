"""How commands print: a readable table for people, JSON on stdout for programs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from assistant.redact import redact

# Control characters other than newline and tab: an escape sequence in a model's reply or an
# article would otherwise reach the terminal as a command (move the cursor, rewrite the title).
_CONTROL = dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0)])


def for_terminal(text: str) -> str:
    """`text` without terminal control characters (so it prints as text, never as a command)."""
    return text.translate(_CONTROL)


json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print machine-readable JSON on stdout."
)
# A brief's export (research, watch): the format is the file's suffix.
out_option = click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the brief to this file: .md, .html or .pdf.",
)  # fmt: skip


def _is_model(value: Any) -> bool:
    """A pydantic model? Asked without importing pydantic: if nothing has imported it yet, no
    value can be one (so `library ls` prints without loading it)."""
    pydantic = sys.modules.get("pydantic")
    return pydantic is not None and isinstance(value, pydantic.BaseModel)


def _plain(value: Any) -> Any:
    """Turn our values (dates, models, numpy scalars, NaN) into what JSON can carry."""
    if _is_model(value):
        return _plain(value.model_dump(mode="json"))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "item") and callable(value.item):  # numpy / pandas scalars
        return _plain(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def print_json(payload: Any) -> None:
    click.echo(redact(json.dumps(_plain(payload), ensure_ascii=False, indent=2)))


def print_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Iterable[str] | None = None,
    title: str | None = None,
) -> None:
    """Print rows as a table on stdout; columns default to the first row's keys."""
    if not rows:
        click.echo("(no rows)")
        return
    from rich.console import Console  # rich costs a tenth of a second: only when printing one
    from rich.table import Table

    names = list(columns) if columns is not None else list(rows[0].keys())
    table = Table(title=title, show_lines=False)
    for name in names:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(name)) for name in names))
    Console(soft_wrap=True).print(table)


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, list):
        return redact(", ".join(str(v) for v in value))
    return redact(str(value))

"""Market-data commands: prices (import, sync, ls), returns, sectors, quote, macro (issue 2).

Every command builds MarketData through `assistant.services.market_data`, prints a table and
one provenance line for people or `{"rows": [...], "provenance": {...}}` with `--json`, and
lets a ToolError reach the CLI's boundary, which prints it as one line and exits 2.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from assistant import services
from assistant.cli.output import json_option, print_json, print_table
from assistant.settings import load_settings
from tools.errors import PriceFileError, ProviderError
from tools.symbols import resolve_symbol

if TYPE_CHECKING:  # pandas costs seconds to import here; `--help` should not pay for it
    from tools.market import MarketData
    from tools.result import ToolResult


class DateParam(click.ParamType):
    """YYYY-MM-DD; anything else is one clear usage error."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"bad date {value!r}: expected YYYY-MM-DD", param, ctx)


DATE = DateParam()
as_of_option = click.option(
    "--as-of", "as_of", type=DATE, default=None,
    help="Use the last close on or before this date (default: the latest stored close).",
)  # fmt: skip


def _market() -> MarketData:
    return services.market_data(load_settings())


def _print_result(result: ToolResult, as_json: bool, columns: dict[str, str]) -> None:
    """JSON (every column), or a table of the chosen columns under short headers, then the
    provenance: as-of date, source, method and notes."""
    records = result.records()
    if as_json:
        print_json({"rows": records, "provenance": result.provenance})
        return
    shown = [{header: row.get(key) for key, header in columns.items()} for row in records]
    print_table(shown, list(columns.values()))
    provenance = result.provenance
    click.echo(f"as of {provenance.as_of}; source: {provenance.source}")
    click.echo(f"method: {provenance.method}")
    for note in provenance.notes:
        click.echo(f"note: {note}")


@click.group("prices")
def prices_group() -> None:
    """The local price store: import CSVs, sync from Yahoo Finance, list what is stored."""


@prices_group.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@json_option
def prices_import(paths: tuple[Path, ...], as_json: bool) -> None:
    """Import price CSVs (files or folders), one file per symbol named after it (^GSPC.csv).

    Layouts: Date,Open,High,Low,Close,Volume, and yfinance's download layout (Adj Close is used
    as the close when present). A bad file is reported and skipped.
    """
    report = _market().import_csv(list(paths))
    rows: list[dict[str, Any]] = [
        {
            "symbol": item.meta.symbol, "file": str(item.path), "rows": item.meta.rows,
            "first": item.meta.first, "last": item.meta.last, "skipped_rows": item.skipped_rows,
            "warnings": list(item.warnings),
        }
        for item in report.imported
    ]  # fmt: skip
    errors = [{"file": str(item.path), "error": item.error} for item in report.rejected]
    rejected = [f"{item.path.name}: {item.error}" for item in report.rejected]
    if as_json:
        print_json({"rows": rows, "errors": errors})
    elif rows:  # with nothing imported, the error line below says why, once
        print_table(rows, ["symbol", "rows", "first", "last", "skipped_rows", "file"])
        for row in rows:
            for warning in row["warnings"]:
                click.echo(f"warning: {warning}")
        for line in rejected:
            click.echo(f"not imported: {line}")
    if not rows:
        detail = f": {'; '.join(rejected)}" if rejected else ""
        raise PriceFileError(f"nothing imported ({len(errors)} file(s) rejected){detail}")


@prices_group.command("sync")
@click.argument("symbols", nargs=-1, required=True)
@json_option
def prices_sync(symbols: tuple[str, ...], as_json: bool) -> None:
    """Fetch symbols (or names like 标普500) from Yahoo Finance into the store.

    Each symbol runs under the network deadline (MARKETBRIEF_NETWORK_TIMEOUT_S); stored symbols
    are extended from their last close.
    """
    outcomes = _market().sync(list(symbols))
    rows = [
        {
            "symbol": o.symbol, "rows": o.meta.rows, "first": o.meta.first, "last": o.meta.last,
            "added": o.added, "origin": o.meta.origin,
        }
        for o in outcomes
        if o.meta is not None
    ]  # fmt: skip
    errors = [{"symbol": o.symbol, "error": o.error} for o in outcomes if o.error]
    if as_json:
        print_json({"rows": rows, "errors": errors})
    else:
        if rows:
            print_table(rows)
        for error in errors:
            click.echo(f"not synced: {error['error']}")
    if not rows:
        raise ProviderError(f"nothing synced: {errors[0]['error']}")


@prices_group.command("ls")
@json_option
def prices_ls(as_json: bool) -> None:
    """List the stored symbols: rows, first and last date, origin."""
    market = _market()
    rows = [
        {
            "symbol": m.symbol, "rows": m.rows, "first": m.first, "last": m.last,
            "origin": m.origin, "updated_at": m.updated_at,
        }
        for m in market.stored()
    ]  # fmt: skip
    if as_json:
        print_json({"rows": rows, "store": market.store.root})
    elif rows:
        print_table(
            [{**row, "updated_at": f"{row['updated_at']:%Y-%m-%d %H:%M} UTC"} for row in rows]
        )
    else:
        click.echo(
            f"the price store ({market.store.root}) is empty; fill it with "
            "`marketbrief prices import PATH` or `marketbrief prices sync SYMBOL`"
        )


@click.command("returns")
@click.argument("symbols", nargs=-1, required=True)
@click.option(
    "--period",
    help="1D, 5D, 1W, WTD, MTD, QTD, YTD, 1M, 3M, 6M, 1Y, a month like 2026-07, months like "
    "2026-03..2026-06, a quarter like 2026-Q2, a half like 2026-H1, or from a month's or a "
    "year's low or high like low:2026-04 (default YTD).",
)
@click.option("--year", type=click.IntRange(1900, 2200), help="A calendar year, e.g. 2024.")
@click.option("--start", type=DATE, help="Start date (the base is its close, or the last before).")
@click.option("--end", type=DATE, help="End date, with --start (default: the latest close).")
@as_of_option
@click.option("--benchmark", help="Add spread_pp against this symbol, e.g. ^GSPC or 标普500.")
@json_option
def returns_command(
    symbols: tuple[str, ...],
    period: str | None,
    year: int | None,
    start: dt.date | None,
    end: dt.date | None,
    as_of: dt.date | None,
    benchmark: str | None,
    as_json: bool,
) -> None:
    """Price returns of SYMBOLS (or names: 罗素2000, S&P 500, 能源) over a period."""
    result = _market().index_returns(
        list(symbols), period=period, year=year, start=start, end=end, as_of=as_of,
        benchmark=benchmark,
    )  # fmt: skip
    columns = {
        "symbol": "symbol", "period": "period", "start_date": "from", "end_date": "to",
        "start_close": "start", "end_close": "end", "return_pct": "return %",
        **({"spread_pp": f"vs {resolve_symbol(benchmark)} pp"} if benchmark else {}),
        "volatility_pct": "vol %", "max_drawdown_pct": "max dd %",
    }  # fmt: skip
    if result.frame["change_unit"].astype(bool).any():  # a yield or a gauge: its level's change
        columns |= {"change": "change", "change_unit": "in"}
    _print_result(result, as_json, columns)


@click.command("sectors")
@as_of_option
@json_option
def sectors_command(as_of: dt.date | None, as_json: bool) -> None:
    """Score and rank the 11 SPDR sector ETFs (momentum, relative strength vs SPY, trend)."""
    columns = {
        "rank": "#", "sector": "sector", "symbol": "symbol", "score": "score",
        "return_1d_pct": "1D %", "return_1w_pct": "1W %", "return_1m_pct": "1M %",
        "return_3m_pct": "3M %", "rs_3m_pp": "RS pp", "trend_pct": "trend %",
    }  # fmt: skip
    _print_result(_market().sector_scores(as_of=as_of), as_json, columns)


@click.command("quote")
@click.argument("symbols", nargs=-1, required=True)
@as_of_option
@json_option
def quote_command(symbols: tuple[str, ...], as_of: dt.date | None, as_json: bool) -> None:
    """Last close and change of SYMBOLS (the related-tickers strip)."""
    columns = {"symbol": "symbol", "name": "name", "date": "date", "close": "close",
               "change": "change", "change_pct": "change %"}  # fmt: skip
    _print_result(_market().quotes(list(symbols), as_of=as_of), as_json, columns)


@click.command("macro")
@as_of_option
@json_option
def macro_command(as_of: dt.date | None, as_json: bool) -> None:
    """10-year yield, curve slopes, VIX and a credit proxy, with 1-month changes."""
    columns = {"indicator": "indicator", "date": "date", "value": "value", "unit": "unit",
               "change_1m": "1M change", "change_unit": "in", "direction": "direction"}  # fmt: skip
    _print_result(_market().macro(as_of=as_of), as_json, columns)


market_commands: list[click.Command] = [
    prices_group, returns_command, sectors_command, quote_command, macro_command,
]  # fmt: skip

"""The `marketbrief` command.

Each command group lives in its own module; this one only assembles them and owns the error
boundary: a person sees one clear line and an exit code, never a traceback.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys

import click

from assistant.errors import MarketbriefError
from assistant.redact import install_log_redaction, redact

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1


# Which module defines each command, and the list it exports. A command's module is imported
# only when that command runs (or shows its own --help): `marketbrief ui` need not load pandas
# and the answer engine just to start the browser app.
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "prices": ("assistant.cli.market", "market_commands"),
    "returns": ("assistant.cli.market", "market_commands"),
    "sectors": ("assistant.cli.market", "market_commands"),
    "quote": ("assistant.cli.market", "market_commands"),
    "macro": ("assistant.cli.market", "market_commands"),
    "ingest": ("assistant.cli.library", "library_commands"),
    "search": ("assistant.cli.library", "library_commands"),
    "library": ("assistant.cli.library", "library_commands"),
    "ask": ("assistant.cli.ask", "ask_commands"),
    "research": ("assistant.cli.research", "research_commands"),
    "watch": ("assistant.cli.watch", "watch_commands"),
    "mcp": ("assistant.cli.mcp", "mcp_commands"),
    "config": ("assistant.cli.app", "app_commands"),
    "ui": ("assistant.cli.app", "app_commands"),
}
# Each command's short help (the first sentence of its docstring), so `marketbrief --help`
# lists the commands without importing a single command module. A test compares it with each
# command's own short help: change a command's docstring, change its line here.
COMMAND_HELP: dict[str, str] = {
    "prices": "The local price store: import CSVs, sync from Yahoo Finance, list what is stored.",
    "returns": "Price returns of SYMBOLS (or names: 罗素2000, S&P 500, 能源) over a period.",
    "sectors": "Score and rank the 11 SPDR sector ETFs (momentum, relative strength vs SPY, "
    "trend).",
    "quote": "Last close and change of SYMBOLS (the related-tickers strip).",
    "macro": "10-year yield, curve slopes, VIX and a credit proxy, with 1-month changes.",
    "ingest": "Add files, folders (recursively), URLs and RSS/Atom feeds to the library.",
    "search": "Find the passages that best answer QUERY (Chinese or English), vectors and BM25 "
    "fused.",
    "library": "List, show, remove and re-index the articles in the library.",
    "ask": "Ask a question; get a cited answer in the analysis format.",
    "research": "Deep research: plan a topic in steps, run them, write one cited brief.",
    "watch": "A watchlist (symbols, topics, feeds) and the briefs written on it.",
    "mcp": "Serve marketbrief to other agents over the Model Context Protocol.",
    "config": "Show the settings in force (secrets are shown only as set / not set).",
    "ui": "Start the browser app (what `make run` does).",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMAND_MODULES:
            return None
        module_name, attribute = COMMAND_MODULES[cmd_name]
        commands = getattr(importlib.import_module(module_name), attribute)
        return next(c for c in commands if c.name == cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list, as click lays it out, from COMMAND_HELP: no module is imported."""
        stand_ins = [
            (name, click.Command(name, help=COMMAND_HELP[name])) for name in COMMAND_MODULES
        ]
        limit = formatter.width - 6 - max(len(name) for name, _ in stand_ins)
        rows = [(name, command.get_short_help_str(limit)) for name, command in stand_ins]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marketbrief")
def cli() -> None:
    """marketbrief: cited answers about markets from your own commentary and market data."""


def _is_domain_error(error: BaseException) -> bool:
    # tools/ and ingest/ keep their own hierarchies (they may not import assistant/), so the
    # edge recognises all three by their base classes.
    from ingest.errors import IngestError
    from tools.errors import ToolError

    return isinstance(error, MarketbriefError | ToolError | IngestError)


def fail(message: str, code: int = EXIT_BAD_INPUT) -> None:
    """Print one line on stderr (never with a key in it) and exit."""
    click.echo(f"error: {redact(message)}", err=True)
    sys.exit(code)


_light_exit = False  # set by `read_only`


def read_only() -> None:
    """Called by a command that writes nothing: it leaves no work for a destructor to finish.

    Run from a shell, its process then skips the interpreter's last garbage collections at
    exit (everything alive is frozen, `gc.freeze`): with pandas and Chroma loaded they take a
    third of a second and only free memory the system takes back anyway. Commands that write
    (ingest, imports, removals) exit the ordinary way.
    """
    global _light_exit
    _light_exit = True


def main(argv: list[str] | None = None) -> None:
    """Run the CLI with a one-line error boundary around every command. Without `argv` (the
    console script) it reads the command line and ends the process, which a read-only command
    lets end quickly (see `read_only`); callers passing `argv` (tests, scripts) are unaffected."""
    try:
        _run(argv)
    finally:
        if argv is None and _light_exit:
            gc.freeze()


def _run(argv: list[str] | None) -> None:
    install_log_redaction()
    try:
        cli.main(args=argv, prog_name="marketbrief", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as shown:  # a bare command: show its help
        click.echo(shown.format_message())
        sys.exit(EXIT_BAD_INPUT)
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx else "marketbrief"
        fail(f"{error.format_message()} (see '{command} --help')")
    except click.exceptions.Abort:
        fail("aborted", 130)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        fail(error.format_message())
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as error:  # the edge: every failure is one line and an exit code here
        if os.environ.get("MARKETBRIEF_DEBUG"):
            raise
        if _is_domain_error(error):
            fail(str(error))
        fail(
            f"internal error: {type(error).__name__}: {error} "
            "(set MARKETBRIEF_DEBUG=1 for the traceback)",
            EXIT_INTERNAL,
        )

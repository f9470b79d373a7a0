"""The `marketbrief` command.

Each command group lives in its own module; this one only assembles them and owns the error
boundary: a person sees one clear line and an exit code, never a traceback.
"""

from __future__ import annotations

import os
import sys

import click

from assistant.cli.app import config_command, ui_command
from assistant.cli.ask import ask_commands
from assistant.cli.library import library_commands
from assistant.cli.market import market_commands
from assistant.cli.research import research_commands
from assistant.errors import MarketbriefError
from assistant.redact import install_log_redaction, redact

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="marketbrief")
def cli() -> None:
    """marketbrief: cited answers about markets from your own commentary and market data."""


for command in [
    *market_commands, *library_commands, *ask_commands, *research_commands,
    config_command, ui_command,
]:  # fmt: skip
    cli.add_command(command)


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


def main(argv: list[str] | None = None) -> None:
    """Run the CLI with a one-line error boundary around every command."""
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
    except Exception as error:
        if os.environ.get("MARKETBRIEF_DEBUG"):
            raise
        if _is_domain_error(error):
            fail(str(error))
        fail(
            f"internal error: {type(error).__name__}: {error} "
            "(set MARKETBRIEF_DEBUG=1 for the traceback)",
            EXIT_INTERNAL,
        )

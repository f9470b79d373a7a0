"""Commands about the product itself: `ui` (the browser app) and `config`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from assistant.cli.output import json_option, print_json, print_table
from assistant.settings import load_settings

APP_PATH = Path(__file__).resolve().parents[2] / "ui" / "app.py"


def streamlit_command(port: int, address: str = "localhost") -> list[str]:
    """The streamlit invocation: headless-safe, usage statistics off, and no developer toolbar
    (Stop, Deploy, Rerun) or traceback shown to the reader.

    Streamlit reads `.streamlit/config.toml` only from the folder it is started in (and
    ~/.streamlit), so the project's file holds only for `marketbrief ui` run from the project
    folder; every option in it is passed here as a flag too, so it holds from any folder (and
    for an installed marketbrief, which has no such file)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP_PATH),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",
        "--client.showErrorDetails", "type",
    ]  # fmt: skip


@click.command("ui")
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535))
@click.option("--address", default="localhost", show_default=True, help="Interface to listen on.")
def ui_command(port: int, address: str) -> None:
    """Start the browser app (what `make run` does)."""
    load_settings()  # a bad setting fails here with one line, not inside the browser
    click.echo(f"marketbrief: open http://{address}:{port} in your browser (Ctrl+C stops it)")
    completed = subprocess.run(streamlit_command(port, address), check=False)
    sys.exit(completed.returncode)


@click.command("config")
@json_option
def config_command(as_json: bool) -> None:
    """Show the settings in force (secrets are shown only as set / not set)."""
    shown = load_settings().describe()
    if as_json:
        print_json(shown)
    else:
        print_table([{"setting": k, "value": v} for k, v in shown.items()])


app_commands: list[click.Command] = [config_command, ui_command]

"""Commands about the product itself: `ui` (the browser app) and `config`.

With OIDC sign-in (MARKETBRIEF_AUTH=oidc) `ui` hands Streamlit the provider's settings: Streamlit
reads them for `st.login` only from the `[auth]` table of its secrets, so they are written from
the MARKETBRIEF_OIDC_* settings into a private file named to Streamlit with `--secrets.files`,
and removed when the server stops. Nobody writes a secrets.toml by hand.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from assistant.cli.output import json_option, print_json, print_table
from assistant.settings import Settings, load_settings
from assistant.sign_in import secrets_toml

APP_PATH = Path(__file__).resolve().parents[2] / "ui" / "app.py"
SECRETS_NAME = "secrets.toml"  # Streamlit reads a secrets path as TOML only by this suffix
STOP_TIMEOUT_S = 10.0


def streamlit_command(
    port: int, address: str = "localhost", secrets_file: Path | None = None
) -> list[str]:
    """The streamlit invocation: headless-safe, usage statistics off, and no developer toolbar
    (Stop, Deploy, Rerun) or traceback shown to the reader.

    Streamlit reads `.streamlit/config.toml` only from the folder it is started in (and
    ~/.streamlit), so the project's file holds only for `marketbrief ui` run from the project
    folder; every option in it is passed here as a flag too, so it holds from any folder (and
    for an installed marketbrief, which has no such file).

    `secrets_file` (OIDC sign-in, see `sign_in_secrets`) becomes Streamlit's only secrets file:
    only its path is on the command line, never a value from it."""
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP_PATH),
        "--server.port", str(port),
        "--server.address", address,
        "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--client.toolbarMode", "minimal",
        "--client.showErrorDetails", "type",
    ]  # fmt: skip
    if secrets_file is not None:
        command += ["--secrets.files", str(secrets_file)]
    return command


@contextmanager
def sign_in_secrets(settings: Settings) -> Iterator[Path | None]:
    """With OIDC sign-in, Streamlit's `[auth]` secrets written from the settings into a file
    only this user can read (0600, in a 0700 folder of its own), removed when the block ends;
    None in the other modes, which need no secrets. Incomplete OIDC settings: a ConfigError
    naming the variables that are missing (never a value)."""
    if settings.sign_in != "oidc":
        yield None
        return
    text = secrets_toml(settings)  # a ConfigError before anything is written
    folder = Path(tempfile.mkdtemp(prefix="marketbrief-auth-"))  # mode 0700
    try:
        path = folder / SECRETS_NAME
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(text)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_streamlit(command: list[str]) -> int:
    """Run the server until it ends and return its exit status. A SIGTERM to this process is
    passed on to it, and Ctrl+C (which the terminal sends it too) waits for it to stop, so the
    caller's clean-up (the secrets file) runs either way."""
    with subprocess.Popen(command) as process:
        main_thread = threading.current_thread() is threading.main_thread()
        previous = (
            signal.signal(signal.SIGTERM, lambda *_: process.terminate()) if main_thread else None
        )
        try:
            code = process.wait()
        except KeyboardInterrupt:
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
            raise
        finally:
            if main_thread:
                signal.signal(signal.SIGTERM, previous)
    return 128 - code if code < 0 else code  # killed by signal N: 128 + N, as a shell says


def _loopback(address: str) -> bool:
    if address == "localhost":
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


@click.command("ui")
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535))
@click.option("--address", default="localhost", show_default=True, help="Interface to listen on.")
def ui_command(port: int, address: str) -> None:
    """Start the browser app (what `make run` does)."""
    settings = load_settings()  # a bad setting fails here with one line, not inside the browser
    with sign_in_secrets(settings) as secrets_file:
        if settings.sign_in == "proxy" and not _loopback(address):
            click.echo(
                f"marketbrief: sign-in is left to a proxy: only the proxy may reach "
                f"{address}:{port}, or anyone can send the {settings.auth_header} header",
                err=True,
            )
        click.echo(f"marketbrief: open http://{address}:{port} in your browser (Ctrl+C stops it)")
        code = run_streamlit(streamlit_command(port, address, secrets_file))
    sys.exit(code)


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

"""`marketbrief ui` with OIDC sign-in hands Streamlit its `[auth]` secrets from our settings.

Streamlit 1.67 reads the OIDC provider for `st.login` only from its secrets (`[auth]`), and its
`secrets.files` option names the files it reads. So the command writes the table into a file of
its own (mode 0600, in a private folder), passes `--secrets.files FILE`, and removes the folder
when the server stops. The command line carries the path only; nothing printed carries a secret.
The server is not started: `run_streamlit` is replaced by a stand-in that inspects the file
while it exists, and has Streamlit's own check (`validate_auth_credentials`) read it.
"""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import app as cli_app
from assistant.cli.app import streamlit_command
from assistant.errors import ConfigError
from assistant.settings import load_settings
from assistant.sign_in import oidc_problems, secrets_toml
from tests.cli_runner import run_cli
from tests.secrets import assert_no_secret
from tests.ui.sign_in_env import CLIENT_SECRET, COOKIE_SECRET, OIDC_ENV, oidc_env
from tests.ui.test_streamlit_options import flags

__all__ = ["oidc_env"]  # the fixture, used by name


def streamlit_reads(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The [auth] table as Streamlit itself loads it from `path`, after its own validation."""
    from streamlit.auth_util import get_secrets_auth_section, validate_auth_credentials
    from streamlit.runtime.secrets import Secrets, secrets_singleton
    from streamlit.testing.v1.util import patch_config_options

    monkeypatch.setattr(Secrets, "_maybe_install_file_watchers", lambda self: None)
    secrets_singleton._reset()
    try:
        with patch_config_options({"secrets.files": [str(path)]}):
            validate_auth_credentials("default")  # raises StreamlitAuthError when incomplete
            return get_secrets_auth_section().to_dict()
    finally:
        secrets_singleton._reset()


class Launch:
    """Stands in for the server: records the command and what the secrets file held."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, read_by_streamlit: bool = False) -> None:
        self.monkeypatch = monkeypatch
        self.read_by_streamlit = read_by_streamlit
        self.command: list[str] = []
        self.file: Path | None = None
        self.mode = self.folder_mode = 0
        self.text = ""
        self.auth: dict[str, Any] = {}
        monkeypatch.setattr(cli_app, "run_streamlit", self)

    def __call__(self, command: list[str]) -> int:
        self.command = command
        if (named := flags(command).get("secrets.files")) is not None:
            self.file = Path(named)
            self.mode = stat.S_IMODE(self.file.stat().st_mode)
            self.folder_mode = stat.S_IMODE(self.file.parent.stat().st_mode)
            self.text = self.file.read_text(encoding="utf-8")
            if self.read_by_streamlit:
                self.auth = streamlit_reads(self.file, self.monkeypatch)
        return 0


def test_oidc_writes_a_private_secrets_file_and_passes_it_to_streamlit(
    oidc_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    launch = Launch(monkeypatch, read_by_streamlit=True)
    result = run_cli(capsys, "ui", "--port", "8765")
    assert result.exit_code == 0, result.stderr
    assert launch.file is not None and launch.file.name == "secrets.toml"
    assert launch.mode == 0o600 and launch.folder_mode == 0o700
    assert tomllib.loads(launch.text) == {
        "auth": {
            "client_id": OIDC_ENV["MARKETBRIEF_OIDC_CLIENT_ID"],
            "client_secret": CLIENT_SECRET,
            "server_metadata_url": OIDC_ENV["MARKETBRIEF_OIDC_SERVER_METADATA_URL"],
            "redirect_uri": OIDC_ENV["MARKETBRIEF_OIDC_REDIRECT_URI"],
            "cookie_secret": COOKIE_SECRET,
        }
    }
    assert launch.auth["client_secret"] == CLIENT_SECRET  # what st.login will use
    assert not launch.file.parent.exists()  # removed when the server stopped
    passed = flags(launch.command)
    assert passed["server.port"] == "8765" and passed["client.toolbarMode"] == "minimal"
    for secret in (CLIENT_SECRET, COOKIE_SECRET):
        assert_no_secret([result.stdout, result.stderr, " ".join(launch.command)], secret)


def test_the_secrets_file_is_removed_when_the_server_fails(
    oidc_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[Path] = []

    def crash(command: list[str]) -> int:
        seen.append(Path(flags(command)["secrets.files"]))
        raise RuntimeError("the server could not start")

    monkeypatch.setattr(cli_app, "run_streamlit", crash)
    result = run_cli(capsys, "ui")
    assert result.exit_code != 0 and seen and not seen[0].parent.exists()
    for secret in (CLIENT_SECRET, COOKIE_SECRET):
        assert_no_secret([result.stdout, result.stderr], secret)


def test_incomplete_oidc_settings_stop_the_command_naming_the_variables(
    oidc_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("MARKETBRIEF_OIDC_SERVER_METADATA_URL")
    launch = Launch(monkeypatch)
    result = run_cli(capsys, "ui")
    assert result.exit_code == 2 and not launch.command  # no server started
    assert "MARKETBRIEF_OIDC_SERVER_METADATA_URL not set" in result.stderr
    assert "\n" not in result.stderr.strip()
    for secret in (CLIENT_SECRET, COOKIE_SECRET):
        assert_no_secret([result.stdout, result.stderr], secret)


@pytest.mark.parametrize("mode", ["local", "proxy"])
def test_other_modes_pass_no_secrets(
    mode: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MARKETBRIEF_AUTH", mode)
    launch = Launch(monkeypatch)
    assert run_cli(capsys, "ui").exit_code == 0
    assert launch.command and "secrets.files" not in flags(launch.command)


def test_proxy_mode_on_a_public_address_warns_that_only_the_proxy_may_reach_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MARKETBRIEF_AUTH", "proxy")
    Launch(monkeypatch)
    assert "only the proxy may reach" in run_cli(capsys, "ui", "--address", "0.0.0.0").stderr
    assert "only the proxy" not in run_cli(capsys, "ui", "--address", "127.0.0.1").stderr


def test_the_secrets_flag_is_one_this_streamlit_knows() -> None:
    from streamlit import config

    command = streamlit_command(8501, secrets_file=Path("/run/x/secrets.toml"))
    assert flags(command)["secrets.files"] == "/run/x/secrets.toml"
    assert "secrets.files" in config._config_options_template
    assert "secrets.files" not in flags(streamlit_command(8501))


def test_values_with_quotes_backslashes_and_control_characters_survive_the_toml(
    oidc_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    awkward = 'se"cr\\et\tvalue\x7f\u00e9\U0001f511-with-enough-length-to-pass'
    monkeypatch.setenv("MARKETBRIEF_OIDC_CLIENT_SECRET", awkward)
    assert tomllib.loads(secrets_toml(load_settings()))["auth"]["client_secret"] == awkward


def test_a_redirect_uri_must_end_in_the_callback_path(
    oidc_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert oidc_problems(load_settings()) == []
    monkeypatch.setenv("MARKETBRIEF_OIDC_REDIRECT_URI", "https://marketbrief.example.com/")
    [problem] = oidc_problems(load_settings())
    assert "MARKETBRIEF_OIDC_REDIRECT_URI" in problem and "/oauth2callback" in problem
    with pytest.raises(ConfigError, match="MARKETBRIEF_OIDC_REDIRECT_URI"):
        secrets_toml(load_settings())

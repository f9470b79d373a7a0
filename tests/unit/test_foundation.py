"""The foundation: settings, the network guard and the CLI's error boundary."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from assistant.settings import load_settings
from tests.cli_runner import run_cli
from tests.conftest import NetworkRefused


@pytest.mark.filterwarnings("ignore:A test tried to use socket")  # pytest-socket's, on purpose
def test_tests_cannot_reach_the_network() -> None:
    with pytest.raises(NetworkRefused), socket.create_connection(("93.184.216.34", 80), timeout=1):
        pass


@pytest.mark.parametrize("family", [socket.AF_INET, socket.AF_INET6])
def test_loopback_is_allowed(family: socket.AddressFamily) -> None:
    host = "127.0.0.1" if family == socket.AF_INET else "::1"
    server = socket.socket(family)
    try:
        server.bind((host, 0))
    except OSError:
        server.close()
        pytest.skip(f"no {host} on this machine")
    server.listen()
    with socket.create_connection(server.getsockname()[:2], timeout=1):
        pass
    server.close()


def test_unix_sockets_are_allowed(tmp_path: Path) -> None:
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
        server.bind(path)
        server.listen()
        client.connect(path)


def test_settings_read_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("MARKETBRIEF_HOME", str(tmp_path))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-value")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("MARKETBRIEF_MODEL", "qwen2.5")
    settings = load_settings()
    assert settings.home == tmp_path
    assert settings.prices_dir == tmp_path / "prices"
    assert settings.model == "qwen2.5"
    assert settings.llm_configured
    assert "sk-secret-value" not in repr(settings)
    assert "sk-secret-value" not in str(settings.describe())


def test_settings_without_endpoint_are_offline() -> None:
    assert not load_settings().llm_configured


def test_config_command_never_prints_the_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-value")
    result = run_cli(capsys, "config", "--json")
    assert result.exit_code == 0
    assert result.json()["openai_api_key"] == "set"
    assert "sk-secret-value" not in result.stdout + result.stderr


def test_bad_setting_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MARKETBRIEF_NETWORK_TIMEOUT_S", "soon")
    result = run_cli(capsys, "config")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: bad setting MARKETBRIEF_NETWORK_TIMEOUT_S")
    assert result.stderr.count("\n") == 1


def test_unknown_command_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "frobnicate")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "frobnicate" in result.stderr


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "--help")
    assert result.exit_code == 0
    assert "marketbrief" in result.stdout


def test_every_command_is_registered(capsys: pytest.CaptureFixture[str]) -> None:
    from assistant.cli import COMMAND_MODULES

    listed = run_cli(capsys, "--help").stdout
    for name in COMMAND_MODULES:
        assert f"  {name} " in listed


def test_starting_the_ui_does_not_load_the_answer_engine() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from assistant.cli import cli; cli.get_command(None, 'ui'); "
        "print('assistant.engine' in sys.modules, 'pandas' in sys.modules)"
    )
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert shown.stdout.split() == ["False", "False"]

"""`marketbrief ui` shows the reader no developer toolbar (Stop, Deploy, Rerun) and no traceback,
from whatever folder it is started.

Streamlit reads `.streamlit/config.toml` only from the folder it starts in, so each of its
options must reach the server as a flag too. The loopback test starts the real command from a
temporary folder (the suite's working directory) and reads the configuration the server sends
a new session over its websocket, as the browser does.
"""

from __future__ import annotations

import itertools
import time
import tomllib
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NewSession_pb2 import Config
from websockets.sync.client import connect
from websockets.typing import Subprotocol

from assistant.cli.app import streamlit_command
from benchmarks.harness.browser import running_ui

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
SESSION_TIMEOUT_S = 30.0


def flags(command: list[str]) -> dict[str, str]:
    """`--section.option value` pairs of a streamlit command line."""
    return {
        name.removeprefix("--"): value
        for name, value in itertools.pairwise(command)
        if name.startswith("--")
    }


def test_the_command_carries_every_option_of_the_config_file() -> None:
    passed = flags(streamlit_command(8501))
    configured = {
        f"{section}.{name}": str(value).lower() if isinstance(value, bool) else str(value)
        for section, options in tomllib.loads(CONFIG.read_text()).items()
        for name, value in options.items()
    }
    assert configured, "the project's .streamlit/config.toml sets nothing"
    assert {name: passed.get(name) for name in configured} == configured
    assert passed["client.toolbarMode"] == "minimal"
    assert passed["client.showErrorDetails"] == "type"


def test_the_options_are_ones_this_streamlit_knows() -> None:
    from streamlit import config

    for name in flags(streamlit_command(8501)):
        assert name in config._config_options_template, name


def new_session_config(url: str) -> Config:
    """The configuration a new browser session receives, read off the app's websocket."""
    address = url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(address, subprotocols=[Subprotocol("streamlit")], open_timeout=10) as socket:
        rerun = BackMsg()
        rerun.rerun_script.query_string = ""
        socket.send(rerun.SerializeToString())
        deadline = time.monotonic() + SESSION_TIMEOUT_S
        while time.monotonic() < deadline:
            message = ForwardMsg()
            message.ParseFromString(socket.recv(timeout=SESSION_TIMEOUT_S))
            if message.HasField("new_session"):
                return message.new_session.config
    raise TimeoutError(f"no new session from {url} within {SESSION_TIMEOUT_S} s")


@pytest.mark.integration
def test_the_running_server_hides_the_developer_toolbar(tmp_path: Path) -> None:
    assert not (Path.cwd() / ".streamlit").exists()  # started away from the project's config
    with running_ui(tmp_path / "home", tmp_path) as server:
        server.wait_healthy()
        config = new_session_config(server.url)
    assert Config.ToolbarMode.Name(config.toolbar_mode) == "MINIMAL"
    assert not config.gather_usage_stats

"""Running `marketbrief` as real, separate processes (for kill -9, read-only remounts, and
several processes sharing one Chroma server and one data directory)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

MARKETBRIEF = Path(sys.executable).parent / "marketbrief"
PROCESS_TIMEOUT_S = 180


def environment(home: Path, **extra: str) -> dict[str, str]:
    """This test's environment (network guard aside) with MARKETBRIEF_HOME and `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update({"MARKETBRIEF_HOME": str(home), "ANONYMIZED_TELEMETRY": "False", **extra})
    return env


def start(args: list[str], env: Mapping[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(MARKETBRIEF), *args],
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(args: list[str], env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """Run one command to the end; its exit code, stdout and stderr."""
    return subprocess.run(
        [str(MARKETBRIEF), *args],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=PROCESS_TIMEOUT_S,
        check=False,
    )


def python(script: str, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a Python script in a fresh interpreter (several commands, one start-up)."""
    return subprocess.run(
        [sys.executable, "-c", script],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=PROCESS_TIMEOUT_S,
        check=False,
    )

"""A throwaway PostgreSQL server from Debian's `postgresql` package, for the tests and the
benchmarks of the shared deployment: `initdb` and `pg_ctl` in a temporary folder, listening on
a free loopback port, stopped and deleted afterwards.

    with postgres_server(tmp_path / "pg") as server:
        url = server.create_database("library")   # postgresql://…/library

PostgreSQL refuses to run as root; as root the server runs as the package's `postgres` user.
Trust authentication on loopback only: nothing but this machine's tests reaches it.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness.loopback import HOST, free_port

USER = "marketbrief"
START_S = 60


def bin_dir() -> Path | None:
    """The newest installed PostgreSQL's programs (None when the package is missing)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_major)
    return Path(found[-1]).parent if found else None


def _major(path: str) -> int:
    version = Path(path).parent.parent.name
    return int(version) if version.isdigit() else 0


def available() -> tuple[bool, str]:
    """Whether a server can be started here, and if not, why (a skip's reason)."""
    if bin_dir() is None:
        return False, "PostgreSQL is not installed (Debian's postgresql package; .ci/apt-packages)"
    if os.geteuid() == 0 and _runuser() is None:
        return False, "running as root without runuser to start PostgreSQL as another user"
    return True, ""


@dataclass
class PostgresServer:
    data: Path
    port: int
    host: str = HOST

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database on this server; its URL."""
        self._run(
            "psql",
            "-h",
            self.host,
            "-p",
            str(self.port),
            "-U",
            USER,
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-q",
            "-c",
            f'CREATE DATABASE "{name}"',
        )
        return self.url(name)

    def _run(self, program: str, *args: str) -> None:
        binaries = bin_dir()
        assert binaries is not None
        subprocess.run(
            [*_as_owner(), str(binaries / program), *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=START_S,
        )


def _as_owner() -> list[str]:
    return [str(_runuser()), "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _runuser() -> str | None:
    """util-linux's runuser, also where a PATH without the sbin folders does not find it (a
    bare machine's environment, cron, some containers)."""
    found = shutil.which("runuser")
    return found or next(
        (p for p in ("/usr/sbin/runuser", "/sbin/runuser") if Path(p).exists()), None
    )


@contextmanager
def postgres_server(data: Path | None = None, *, durable: bool = False) -> Iterator[PostgresServer]:
    """A server with its cluster in `data` (created), or in a new temporary folder, removed
    afterwards. As root the cluster always goes into a folder of its own in the system temp
    dir: the `postgres` user cannot enter a root-only test folder. `durable=False` turns fsync
    off: a test server need not survive a power cut, and runs faster without; benchmarks keep
    it on."""
    binaries = bin_dir()
    if binaries is None:
        raise RuntimeError(available()[1])
    own = data is None or os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="marketbrief-pg-")) if own else data
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    folder.chmod(0o700)
    server = PostgresServer(folder / "cluster", free_port())
    try:
        server._run(
            "initdb",
            "-D",
            str(server.data),
            "-U",
            USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        options = f"-p {server.port} -k {folder} -c listen_addresses={HOST} -c max_connections=200"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        server._run(
            "pg_ctl",
            "-D",
            str(server.data),
            "-o",
            options,
            "-l",
            str(folder / "server.log"),
            "-w",
            "-t",
            str(START_S),
            "start",
        )
        yield server
    finally:
        subprocess.run(
            [
                *_as_owner(),
                str(binaries / "pg_ctl"),
                "-D",
                str(server.data),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
            capture_output=True,
            check=False,
            timeout=START_S,
        )
        if own:
            shutil.rmtree(folder, ignore_errors=True)

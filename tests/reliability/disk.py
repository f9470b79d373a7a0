"""A small real file system for the disk-fault tests: a tmpfs that can fill up or go read-only.

Faults the kernel raises itself (ENOSPC, EROFS) go through every layer exactly as in
production: Python's file calls, SQLite, Parquet and Chroma's Rust store. Mounting needs root
(CAP_SYS_ADMIN); where that is missing, the tests that need a real disk are skipped with the
reason, and the simulated variants (monkeypatched writes, SQLite's page limit) still run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=False)


@dataclass
class SmallDisk:
    """A mounted tmpfs at `path`, with a `home` data directory on it."""

    path: Path

    @property
    def home(self) -> Path:
        return self.path / "home"

    def _remount(self, option: str) -> None:
        done = _mount("-o", f"remount,{option}", str(self.path))
        if done.returncode:
            raise RuntimeError(f"remount {option} failed: {done.stderr.strip()}")

    def read_only(self) -> None:
        self._remount("ro")

    def writable(self) -> None:
        self._remount("rw")

    def resize(self, kb: int) -> None:
        """Grow (or shrink) the file system: 'free some space'."""
        self._remount(f"size={kb}k")

    def free_kb(self) -> int:
        return shutil.disk_usage(self.path).free // 1024

    def fill(self, leave_kb: int) -> Path:
        """Take all but about `leave_kb` of the free space with a filler file."""
        filler = self.path / "filler"
        with filler.open("ab") as handle:
            block = b"\0" * 4096
            try:
                while self.free_kb() > leave_kb:
                    handle.write(block)
                    handle.flush()
            except OSError:
                pass
        return filler


def can_mount() -> str | None:
    """None when a tmpfs can be mounted here, else the reason it cannot."""
    if os.name != "posix" or shutil.which("mount") is None:
        return "no mount command"
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root"
    return None


@contextmanager
def small_disk(parent: Path, size_kb: int) -> Iterator[SmallDisk]:
    """A tmpfs of `size_kb` under `parent`, unmounted afterwards (RuntimeError if mounting
    fails, e.g. in a container without CAP_SYS_ADMIN)."""
    path = parent / "disk"
    path.mkdir()
    done = _mount("-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(path))
    if done.returncode:
        raise RuntimeError(f"cannot mount a tmpfs: {done.stderr.strip()}")
    disk = SmallDisk(path)
    try:
        disk.home.mkdir()
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)


def running_as_root() -> bool:
    """chmod does not stop root from writing (CAP_DAC_OVERRIDE), so a read-only folder made
    by chmod is only a real test for an ordinary user."""
    return os.name == "posix" and os.geteuid() == 0

"""Telling a full disk or an unwritable data directory apart from other failures.

SQLite, Chroma and the file system each say it their own way: errno 28 / 30 / 13, "database or
disk is full", "attempt to write a readonly database", Chroma's "(code: 13)". Any of them
becomes one StorageError line naming the folder, so a person knows what to fix; the writers
(catalog transactions, vector batches written before the catalog commits) make sure the step
that failed changed nothing.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from ingest.errors import StorageError

_FULL = ((errno.ENOSPC, errno.EDQUOT), ("no space left", "disk is full", "quota exceeded"))
_READ_ONLY = ((errno.EROFS,), ("read-only file system", "readonly database", "read only"))
_DENIED = ((errno.EACCES, errno.EPERM), ("permission denied",))
NOTHING_CHANGED = "nothing was changed"
# Chroma's Rust layer sometimes words a full disk as something else ("Error in compaction");
# a write that fails with this little room left is taken to have failed for want of it.
NEARLY_FULL_BYTES = 16 * 1024 * 1024


def _matches(error: BaseException, kind: tuple[tuple[int, ...], tuple[str, ...]]) -> bool:
    codes, phrases = kind
    if isinstance(error, OSError) and error.errno in codes:
        return True
    text = str(error).lower()
    return any(phrase in text for phrase in phrases)


def _read_only(where: Path) -> bool:
    """True when the file system holding `where` is mounted read-only."""
    path = where
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _free_bytes(where: Path) -> int | None:
    path = where
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return None


def storage_error(
    error: BaseException,
    where: Path,
    unchanged: str = NOTHING_CHANGED,
    *,
    check_space: bool = False,
) -> StorageError | None:
    """The StorageError for a write refused for want of space or permission, else None.
    `check_space`: also when the error does not say so but the disk is (nearly) full."""
    tail = f"; {unchanged}" if unchanged else ""
    if _matches(error, _FULL):
        return StorageError(f"disk full while writing {where}{tail}")
    free = _free_bytes(where) if check_space else None
    if free is not None and free < NEARLY_FULL_BYTES:
        said = (str(error).strip().splitlines() or [type(error).__name__])[0][:120]
        return StorageError(
            f"disk full while writing {where} ({free // 1024:,} KB free; the store said: "
            f"{said}){tail}"
        )
    if _matches(error, _READ_ONLY) or _matches(error, _DENIED):
        # SQLite says "readonly database" for a read-only mount and a permission alike
        reason = "read-only file system" if _read_only(where) else "permission denied"
        return StorageError(f"cannot write to {where}: {reason}{tail}")
    return None

"""`assert_no_secret`: check that a key appears in no output and no file.

Give it text, bytes, files or folders (searched recursively, binary files included: SQLite,
Parquet and Chroma's files are searched byte for byte). Besides the whole key it looks for
every 12-character piece of it, so a half-masked echo ("sk-mbtest-7f3a…e4a7") or a key cut by
a line wrap is caught too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

FAKE_KEY = "sk-mbtest-7f3a9c2e41d84b06a5e1c9d3b2f8e4a7"
PIECE = 12

Evidence = str | bytes | Path


def _pieces(secret: str) -> list[bytes]:
    data = secret.encode()
    if len(data) <= PIECE:
        return [data]
    return [data[i : i + PIECE] for i in range(len(data) - PIECE + 1)]


def _blobs(evidence: Evidence | Iterable[Evidence]) -> Iterator[tuple[str, bytes]]:
    if isinstance(evidence, str):
        yield "text", evidence.encode()
    elif isinstance(evidence, bytes):
        yield "bytes", evidence
    elif isinstance(evidence, Path):
        paths = sorted(evidence.rglob("*")) if evidence.is_dir() else [evidence]
        for path in paths:
            if path.is_file():
                yield str(path), path.read_bytes()
    else:
        for item in evidence:
            yield from _blobs(item)


def assert_no_secret(evidence: Evidence | Iterable[Evidence], secret: str = FAKE_KEY) -> int:
    """Fail naming where the secret (or a piece of it) was found; return how many texts and
    files were searched, so a test can also check it looked at something."""
    pieces = _pieces(secret)
    searched = 0
    for where, blob in _blobs(evidence):
        searched += 1
        for piece in pieces:
            at = blob.find(piece)
            if at >= 0:
                context = blob[max(0, at - 40) : at + 60].decode("utf-8", "replace")
                raise AssertionError(f"the secret leaked into {where}: ...{context}...")
    return searched

"""Ingest: sources (files, folders, URLs, feeds, JSONL) -> articles -> the index.

Rules a person can rely on:
- Every input ends up added, updated, unchanged or skipped with a reason; nothing is silent.
- One bad file never stops the rest (every parser turns malformed input into a SourceError,
  which the fuzz tests hold it to; anything else is a bug, and stops the run), and never loses
  what is already indexed (the index only ever replaces an article once its new version is
  fully written). A full disk or a read-only
  data directory stops the run with one StorageError saying how much was saved before it.
- A folder member that cannot be read is skipped with its reason. An input named on the
  command line that cannot be ingested at all (missing, refused URL, unsupported, empty,
  corrupt) is an error in the report, so the command can exit non-zero after doing the rest.
- JSON Lines files are streamed: the size limit applies to each line, not the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Protocol
from urllib.parse import urlparse

from ingest.errors import Remedy, SourceError, StorageError, URLRefused
from ingest.fetch import Fetcher, HttpFetcher
from ingest.models import Article
from ingest.parsers import Origin, Skipped, detect_format, parse
from ingest.parsers.jsonl import parse_jsonl
from ingest.text import looks_binary
from ingest.urlguard import check_scheme, has_scheme

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_HEAD = 8192


class Writer(Protocol):
    """What the pipeline needs from the index."""

    def upsert_many(
        self, articles: Iterable[Article], *, on_result: Callable[[str, str], None] | None = None
    ) -> dict[str, str]: ...

    def refresh(self) -> None: ...


@dataclass(frozen=True)
class Progress:
    """Where a long ingest is: bytes read of the known total, and articles written so far."""

    done: int
    total: int
    articles: int
    current: str


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)  # [{path, reason}]
    errors: list[dict[str, str]] = field(default_factory=list)  # named inputs that failed
    # What the person can do about refused URLs (each once); the edges word it for their reader
    remedies: list[Remedy] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "errors": self.errors,
        }

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class _Input:
    name: str  # as a person would recognise it
    path: Path | None = None
    url: str | None = None
    named: bool = False  # named on the command line (not found inside a folder)
    size: int = 0


def is_url(source: str) -> bool:
    return urlparse(source).scheme in ("http", "https")


def _walk(folder: Path) -> Iterator[Path]:
    """Files under `folder`, sorted, skipping hidden files and folders (.git, .DS_Store)."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Run:
    """One ingest: expands the inputs, reads them into articles, and keeps the report."""

    def __init__(
        self,
        sources: list[str],
        *,
        progress: Callable[[Progress], None] | None,
        fetch: Fetcher,
        max_bytes: int,
    ) -> None:
        self.report = IngestReport()
        self.progress = progress
        self.fetch = fetch
        self.max_bytes = max_bytes
        self.inputs = list(self._expand(sources))
        self.total = sum(i.size for i in self.inputs)
        self.done = 0
        self.articles = 0
        self.current = ""

    def _expand(self, sources: list[str]) -> Iterator[_Input]:
        for source in sources:
            if is_url(source):
                yield _Input(source, url=source, named=True)
                continue
            if has_scheme(source):  # file://, ftp://, ...: never fetched, never opened
                try:
                    check_scheme(source)
                except URLRefused as refused:
                    self.report.errors.append({"path": source, "reason": str(refused)})
                    self.remedy(refused)
                continue
            path = Path(source).expanduser()
            if path.is_dir():
                members = list(_walk(path))
                if not members:
                    self.report.errors.append({"path": source, "reason": "empty folder"})
                for member in members:
                    yield _Input(str(member), path=member.resolve(), size=_size(member))
            elif path.exists():
                yield _Input(source, path=path.resolve(), named=True, size=_size(path))
            else:
                self.report.errors.append({"path": source, "reason": "no such file or directory"})

    def skip(self, item: _Input | str, reason: str) -> None:
        if isinstance(item, _Input) and item.named:
            self.report.errors.append({"path": item.name, "reason": reason})
        else:
            name = item.name if isinstance(item, _Input) else item
            self.report.skipped.append({"path": name, "reason": reason})

    def remedy(self, error: SourceError) -> None:
        remedy = error.remedy if isinstance(error, URLRefused) else None
        if remedy is not None and remedy not in self.report.remedies:
            self.report.remedies.append(remedy)

    def _reported(self, item: _Input) -> bool:
        return any(e["path"] == item.name for e in self.report.errors)

    def tell(self, current: str) -> None:
        self.current = current
        if self.progress:
            self.progress(Progress(self.done, self.total, self.articles, current))

    def counted(self, status: str) -> None:
        self.articles += 1
        setattr(self.report, status, getattr(self.report, status) + 1)
        self.tell(self.current)

    def articles_of_all(self) -> Iterator[Article]:
        for item in self.inputs:
            self.tell(item.name)
            produced = 0
            try:
                for found in self._read(item):
                    if isinstance(found, Skipped):
                        self.skip(found.path, found.reason)
                    elif not found.text.strip():
                        self.skip(item, "no text found")
                    else:
                        produced += 1
                        yield found
            except SourceError as error:  # each parser says why an input is unusable with one
                self.skip(item, str(error))
                self.remedy(error)
            else:
                if item.named and not produced and not self._reported(item):
                    self.skip(item, "no articles found in it")
            self.done += item.size
            self.tell(item.name)

    def _read(self, item: _Input) -> Iterator[Article | Skipped]:
        if item.url:
            yield from self._read_url(item)
        else:
            assert item.path is not None
            yield from self._read_file(item, item.path)

    def _read_url(self, item: _Input) -> Iterator[Article | Skipped]:
        assert item.url is not None
        fetched = self.fetch(item.url, max_bytes=self.max_bytes)
        if not fetched.data.strip():
            raise SourceError("the URL returned an empty document")
        fmt = detect_format(urlparse(fetched.url).path, fetched.data[:_HEAD], fetched.content_type)
        if fmt is None:
            raise SourceError(f"unsupported content type {fetched.content_type or 'unknown'!r}")
        origin = Origin(
            url=fetched.url, name=item.name, source=urlparse(fetched.url).hostname or ""
        )
        yield from parse(
            fmt, fetched.data, origin, max_line_bytes=self.max_bytes, charset=fetched.charset
        )

    def _read_file(self, item: _Input, path: Path) -> Iterator[Article | Skipped]:
        try:
            with path.open("rb") as handle:
                head = handle.read(_HEAD)
                fmt = self._check(path, head, item.size)
                origin = Origin(path=str(path), name=item.name)
                if fmt == "jsonl":
                    handle.seek(0)
                    yield from parse_jsonl(
                        self._lines(handle), origin, max_line_bytes=self.max_bytes
                    )
                    return
                data = head + handle.read()
        except OSError as error:
            raise SourceError(f"unreadable ({error.strerror or error})") from None
        yield from parse(fmt, data, origin, max_line_bytes=self.max_bytes)

    def _check(self, path: Path, head: bytes, size: int) -> str:
        """The file's format, or a SourceError saying why it cannot be read."""
        if size == 0 or not head.strip():
            raise SourceError("empty file")
        fmt = detect_format(path.name, head)
        if fmt is None and path.suffix.lower() == ".xml":
            raise SourceError("XML that is not an RSS or Atom feed")
        if fmt is None:
            raise SourceError(f"unsupported file type {path.suffix or '(no extension)'}")
        if fmt != "pdf" and looks_binary(head):
            raise SourceError("binary file, not text")
        if fmt != "jsonl" and size > self.max_bytes:
            raise SourceError(f"larger than the {self.max_bytes:,}-byte limit ({size:,} bytes)")
        return fmt

    def _lines(self, handle: BinaryIO) -> Iterator[bytes]:
        """The file's lines, moving the progress along (the caller then counts the file)."""
        read = 0
        for line in handle:
            read += len(line)
            self.done += len(line)
            yield line
        self.done -= read


def ingest_sources(
    sources: list[str],
    index: Writer,
    *,
    progress: Callable[[Progress], None] | None = None,
    fetch: Fetcher | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestReport:
    """Ingest files, folders (recursively), URLs and feeds into `index`; see the module notes
    for what is skipped and what is an error."""
    run = _Run(sources, progress=progress, fetch=fetch or HttpFetcher(), max_bytes=max_bytes)
    if run.inputs:
        try:
            index.upsert_many(
                run.articles_of_all(), on_result=lambda _id, status: run.counted(status)
            )
        except StorageError as error:  # no room, or read-only: what is written stays whole
            written = run.report.added + run.report.updated
            raise StorageError(
                f"{error} ({written} article(s) of this ingest were saved before it; "
                "run the same ingest again to finish)"
                if written
                else f"{error} (no article of this ingest was saved)"
            ) from None
        index.refresh()
    return run.report

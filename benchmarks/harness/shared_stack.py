"""The shared deployment on one machine, for its tests and benchmarks: a throwaway PostgreSQL
(Debian's package) and a real `chroma run`, with processes that each have their own empty data
directory, standing in for separate machines.

    with shared_stack(tmp_path) as stack:
        env = stack.env(tmp_path / "machine-1")      # MARKETBRIEF_DATABASE_URL, CHROMA_HOST...
        state = stack.library_state(tmp_path / "inspector")
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.harness import processes
from benchmarks.harness.chroma_server import ChromaServer, chroma_server
from benchmarks.harness.library_state import LibraryState, read_state
from benchmarks.harness.postgres import postgres_server
from ingest.database.engine import Database
from ingest.database.url import check_database_url


@dataclass
class SharedStack:
    database_url: str  # postgresql://…, as a person sets it
    chroma: ChromaServer

    def settings(self) -> dict[str, str]:
        """The settings that make a process part of this deployment (sign-in by a proxy, so
        the browser app's settings are complete; the CLI does not sign in)."""
        return {
            "MARKETBRIEF_DATABASE_URL": self.database_url,
            "MARKETBRIEF_AUTH": "proxy",
            **self.chroma.env(),
        }

    def env(self, home: Path, **extra: str) -> dict[str, str]:
        """A process environment for one "machine": its own, empty data directory."""
        home.mkdir(parents=True, exist_ok=True)
        return processes.environment(home, **self.settings(), **extra)

    def database(self) -> Database:
        return Database(check_database_url(self.database_url), "the marketbrief database")

    def library_state(self, home: Path) -> LibraryState:
        """What catalog, vectors and a freshly built lexical index hold, from a new process's
        point of view (an empty data directory)."""
        from ingest.embeddings import LocalHashEmbedder
        from ingest.index import Index

        index = Index.open(
            home,
            embedder=LocalHashEmbedder(),
            chroma_host=self.chroma.host,
            chroma_port=self.chroma.port,
            database_url=check_database_url(self.database_url),
            workers=0,
        )
        try:
            return read_state(index)
        finally:
            index.close()


@contextmanager
def shared_stack(folder: Path, *, durable: bool = False) -> Iterator[SharedStack]:
    """PostgreSQL and Chroma servers with their data in `folder`, stopped afterwards."""
    with postgres_server(folder / "postgres", durable=durable) as postgres:
        url = postgres.create_database("marketbrief")
        with chroma_server(folder / "chroma") as chroma:
            yield SharedStack(url, chroma)

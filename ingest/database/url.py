"""The shared database's URL: checked when the settings are read, without importing SQLAlchemy
(every command reads the settings; few open the database)."""

from __future__ import annotations

from urllib.parse import urlsplit

from ingest.errors import IngestError

_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def check_database_url(url: str) -> str:
    """The SQLAlchemy URL for a `postgresql://…` setting (psycopg 3 as its driver), or an
    IngestError saying what is wrong. The password is never part of the message."""
    parts = urlsplit(url)
    if parts.scheme not in _POSTGRES_SCHEMES:
        raise IngestError(
            f"MARKETBRIEF_DATABASE_URL must be a PostgreSQL URL (postgresql://user:password@host"
            f"/database), not {parts.scheme or 'a bare name'!r}: without it everything stays "
            "embedded in the data directory"
        )
    if not parts.hostname or not parts.path.strip("/"):
        raise IngestError(
            "MARKETBRIEF_DATABASE_URL needs a host and a database name: "
            "postgresql://user:password@host:5432/database"
        )
    return "postgresql+psycopg://" + url.split("://", 1)[1]


def url_password(url: str) -> str | None:
    """The password in a database URL, so it can be redacted wherever it would show."""
    return urlsplit(url).password

"""Errors raised while ingesting or searching the library."""


class IngestError(Exception):
    """Base for every library error."""

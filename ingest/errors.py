"""Errors raised while ingesting or searching the library.

Each message is written for the person at the terminal: the CLI prints it as one line.
"""

from typing import Literal


class IngestError(Exception):
    """Base for every library error."""


class SourceError(IngestError):
    """An input cannot be read or parsed (missing, empty, binary, oversized, corrupt)."""


class UnsupportedSource(SourceError):
    """An input whose format the library cannot parse."""


class FetchError(SourceError):
    """A URL that did not answer, or answered with an error, within the deadline."""


Remedy = Literal["allow_private", "add_file"]


class URLRefused(SourceError):
    """A URL the library will not fetch: not http(s), or a private address not allowed.

    The message states the facts ("refused: 127.0.0.1 is a loopback address"); `remedy` names
    what the person can do about it, if anything, and each edge words it for its reader (a
    flag at the terminal, a setting for the browser; see `assistant.locale.hint`):
    `allow_private` - the address is on this machine or a private network, which may be allowed;
    `add_file` - a file:// URL, whose file can be added as a file instead.
    """

    def __init__(self, message: str, *, remedy: Remedy | None = None) -> None:
        super().__init__(message)
        self.remedy: Remedy | None = remedy


class StorageError(IngestError):
    """The library cannot be written: a read-only file system, a full disk, no permission.
    The step that failed changed nothing (a catalog transaction, a batch of vectors)."""


class StoreUnavailable(IngestError):
    """The vector store (a Chroma server) is not answering."""


class EmbeddingMismatch(IngestError):
    """The index was built with a different embedding than the one configured."""


class EmbeddingFailed(IngestError):
    """The embedding endpoint failed or returned something unusable."""


class EmptyLibrary(IngestError):
    """A search on a library with nothing in it (said plainly, never an empty result)."""


class UnknownArticle(IngestError):
    """An article id that is not in the library."""


class IndexInconsistent(IngestError):
    """The vector store and the catalog disagree in a way only a re-index can repair."""

"""Errors raised while ingesting or searching the library.

Each message is written for the person at the terminal: the CLI prints it as one line.
"""


class IngestError(Exception):
    """Base for every library error."""


class SourceError(IngestError):
    """An input cannot be read or parsed (missing, empty, binary, oversized, corrupt)."""


class UnsupportedSource(SourceError):
    """An input whose format the library cannot parse."""


class FetchError(SourceError):
    """A URL that did not answer, or answered with an error, within the deadline."""


class URLRefused(SourceError):
    """A URL the library will not fetch: not http(s), or a private address not allowed."""


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

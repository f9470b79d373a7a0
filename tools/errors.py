"""Errors raised by the market-data tools, each with a message a person can act on.

The CLI and the UI show `str(error)` as one line, so every message names the symbol, date or
file at fault and, where there is one, the command that fixes it.
"""


class ToolError(Exception):
    """Base for every market-data error.

    `key` and `facts` say the same as the message as data (`key="after_last_close"`,
    `symbol="^RUT"`, `last=date(2026, 2, 23)`), so an answer can tell the reader in the
    reader's language; the message stays the CLI's one line."""

    def __init__(self, message: str = "", *, key: str | None = None, **facts: object) -> None:
        super().__init__(message)
        self.key = key
        self.facts = facts


class UnknownSymbolError(ToolError):
    """A name or ticker that is not a symbol we know, or not one in the price store."""


class DataRangeError(ToolError):
    """The prices do not cover what was asked: an as-of date outside the data, a period that
    starts before it, or a range with no trading days in it."""


class PeriodError(ToolError):
    """A period, year or date that cannot be parsed or does not make sense."""


class PriceFileError(ToolError):
    """A CSV file that cannot be imported as prices."""


class ProviderError(ToolError):
    """An online price provider failed: no answer, an error status, or no rows."""


class ProviderTimeout(ProviderError):
    """The provider did not answer within our own deadline."""


class StorageError(ToolError):
    """The price store cannot be written: a read-only file system, a full disk, no permission.
    The write that failed changed nothing (every write is one atomic rename)."""

"""The research package's errors: each one a line a person can act on."""

from assistant.errors import MarketbriefError


class ExportError(MarketbriefError):
    """A brief cannot be exported as asked (an unknown format, no font for its script)."""

"""Errors raised by the market-data tools, each with a message a person can act on."""


class ToolError(Exception):
    """Base for every market-data error."""

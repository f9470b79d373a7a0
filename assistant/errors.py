"""The assistant's error hierarchy.

Every error a person can cause or fix (bad input, missing data, a misconfigured endpoint) is a
`MarketbriefError`. The CLI and the UI turn it into one readable line; anything else is a bug.
"""


class MarketbriefError(Exception):
    """An error with a message meant for the person using marketbrief."""


class ConfigError(MarketbriefError):
    """A setting is missing or invalid."""


class InputError(MarketbriefError):
    """The person's input (a question, a date, a path) cannot be used."""

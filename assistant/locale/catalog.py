"""The message catalogs: every word a reader sees, one TOML file per language beside this module.

`en.toml` and `zh.toml` hold the same keys in tables (`[notice]`, `[heading]`, ...); a message
is named by its table and key, "notice.offline", and filled in with `str.format`. Each file is
read once, the first time a message in its language is asked for.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any

from assistant.answer.model import Language

LANGUAGES: tuple[Language, ...] = ("zh", "en")
_FORMATTER = string.Formatter()
_LATIN_THEN_FIGURE = re.compile(r"[A-Za-z][0-9]")


def message(name: str, language: Language, /, **values: object) -> str:
    """The message `name` ("table.key") in `language`, its {placeholders} filled from `values`
    as `str.format` does, except where two placeholders meet and the first's value ends on a
    Latin letter while the next's begins with a figure: a space keeps them apart, as Chinese
    typesetting does ("纳指100 ETF" + "2026年7月": "纳指100 ETF 2026年7月下跌", not "ETF2026年")."""
    out: list[str] = []
    for literal, field, spec, conversion in _FORMATTER.parse(template(name, language)):
        if literal:
            out.append(literal)
        if field is None:
            continue
        found, _ = _FORMATTER.get_field(field, (), values)
        value = _FORMATTER.format_field(_FORMATTER.convert_field(found, conversion), spec or "")
        if not literal and out and _LATIN_THEN_FIGURE.fullmatch(out[-1][-1:] + value[:1]):
            out.append(" ")
        out.append(value)
    return "".join(out)


def template(name: str, language: Language) -> str:
    """The message as written in the catalog, placeholders unfilled."""
    try:
        return catalog(language)[name]
    except KeyError:
        raise KeyError(f"no message {name!r} in the {language} catalog") from None


def has_message(name: str, language: Language) -> bool:
    return name in catalog(language)


@cache
def catalog(language: Language) -> dict[str, str]:
    """Every message of one language, by dotted name."""
    text = files("assistant.locale").joinpath(f"{language}.toml").read_text(encoding="utf-8")
    return dict(_flatten(tomllib.loads(text)))


def placeholders(text: str) -> set[str]:
    """The names of the {placeholders} in a message."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def _flatten(table: Mapping[str, Any], prefix: str = "") -> list[tuple[str, str]]:
    out = []
    for key, value in table.items():
        if isinstance(value, Mapping):
            out += _flatten(value, f"{prefix}{key}.")
        elif isinstance(value, str):
            out.append((f"{prefix}{key}", value))
        else:
            raise TypeError(f"message {prefix}{key} is not text: {value!r}")
    return out

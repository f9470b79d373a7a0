"""Countries by name, in Chinese and English: the Unicode CLDR's names, as the babel package
ships them (韩国, "South Korea"; 美国, "United States").

A country is where a report on exports, inflation or jobs is from: "韩国7月出口增长62.8%" is
Korea's exports, not China's. A state or a city (得州, "Louisiana") is somewhere inside one,
so only countries tell that a text is about another place than the one asked.
"""

from __future__ import annotations

from functools import cache


@cache
def _names() -> frozenset[str]:
    """Every country's name, Chinese and English (lower case): the two-letter territories,
    not regions ("Europe" is 150)."""
    from babel import Locale  # here: ~0.1 s to import, and only a country asked needs it

    found: set[str] = set()
    for locale, fold in ((Locale.parse("zh_Hans"), str), (Locale.parse("en"), str.lower)):
        found |= {fold(name) for code, name in locale.territories.items() if code.isalpha()}
    return frozenset(found)


def is_country(name: str) -> bool:
    """Is it a country's name (中国, "china", "South Korea"; not 得州 nor "Europe")?"""
    return name in _names() or name.lower() in _names()

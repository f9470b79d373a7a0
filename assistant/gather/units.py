"""A currency written as the unit of an amount, not as the currency spoken of.

"约4050美元/盎司" prices gold in dollars and says no more of the dollar than "$4,050" does, so a
sentence on gold's price is not on "Why did the dollar weaken?". And "最高涨到多少美元？" asks for
an amount in dollars, not about the dollar: a figure in dollars answers it, in either language
("5110美元", "$5,110"). Coverage reads both so (`assistant.gather.said`, `.coverage`).
"""

from __future__ import annotations

import re

_CURRENCIES = "美元|日元|欧元|英镑|港元|港币|韩元|人民币"
_AFTER_FIGURE = re.compile(rf"(?<=[\d万亿千百])\s*({_CURRENCIES})")
_DOLLAR_FIGURE = re.compile(r"(?<![A-Za-z])\$\s?\d")  # "$5,110", "US$1" (its "US" is cut first)
_ASKED = re.compile(
    rf"(?:多少|几)(?:[十百千万亿]+)?({_CURRENCIES})"
    r"|\bhow (?:many|much) (?:(?:us |u\.s\. )?(dollars))\b",
    re.IGNORECASE,
)
_DOLLAR = "美元"


def written_units(text: str) -> tuple[str, frozenset[str]]:
    """The text without the currency of each amount it writes ("约4050/盎司"), and those
    currencies, a dollar amount written "$5,110" among them (as 美元)."""
    units = {m[1] for m in _AFTER_FIGURE.finditer(text)}
    if _DOLLAR_FIGURE.search(text):
        units.add(_DOLLAR)
    return _AFTER_FIGURE.sub("", text), frozenset(units)


def asked_units(question: str) -> frozenset[str]:
    """The currencies the question asks an amount in ("最高涨到多少美元？": 美元)."""
    return frozenset(_DOLLAR if m[2] else m[1] for m in _ASKED.finditer(question))

"""Who a Chinese clause says moved, as it names them: "腾讯跌超2%", "新易盛涨超8%". Chinese
market reports list many names the vocabulary does not know, one figure each ("腾讯跌超2%，网易、
小米涨超1%，美团跌超1%"); a claim about one is checked against what its source says of that
one, not against any other figure of the passage with the same value.

A subject is read only where it is short and plainly a name, or a list of names: two to ten
characters with no metric word in them ("公司营收同比" is a metric's phrase, which a writer words
many ways). English is left alone: its sentences capitalise their first word, so "Stocks rose
1%" and "Equities rose 1%" would read as two names. Where the vocabulary names the symbol on
both sides, the symbol decides, however each side wrote it.
"""

from __future__ import annotations

import re

from assistant.answer.direction import DOWN, UP
from ingest.language import has_cjk

# Words between a name and its move that are not the name: "股价", "盘中", "一度".
_QUALIFIERS = re.compile(
    r"(?:股价|盘中|早盘|午后|尾盘|盘后|开盘|收盘|一度|大幅|小幅|均|再度|逆势)+$"
)
_LEAD = re.compile(r"^(?:其中|此外|另外|同时|而|但|以及)")
_ONE = r"[\u4e00-\u9fffA-Za-z0-9·]{2,10}"
_CHINESE_NAME = re.compile(rf"{_ONE}(?:[、和与及]{_ONE})*")  # "网易、小米、快手、百度" too
_LISTED = re.compile(r"[、和与及]")
# Metric words: a clause naming one says what changed, not who ("营收同比", "利润", "收益率").
_METRIC = re.compile(
    r"同比|环比|营收|收入|利润|净利|盈利|销量|销售|出口|进口|产量|价格|收益|规模|余额|占比|比例"
)


def mover(clause: str) -> str | None:
    """The name the clause says moved: what stands before its first up or down word, when that
    is a name (see the module's docstring); else None."""
    moves = [m.start() for m in (UP.search(clause), DOWN.search(clause)) if m]
    if not moves:
        return None
    name = _QUALIFIERS.sub("", _LEAD.sub("", clause[: min(moves)].strip())).strip()
    if _METRIC.search(name):
        return None
    return name if has_cjk(name) and _CHINESE_NAME.fullmatch(name) else None


def same_mover(a: str | None, b: str | None) -> bool:
    """Can two subjects be the same one? Either unread, or a name of one inside a name of the
    other ("腾讯控股", "腾讯"; "美团" is not among "网易、小米")."""
    if a is None or b is None:
        return True
    names_b = [n for n in _LISTED.split(b.lower()) if n]
    return any(x in y or y in x for x in _LISTED.split(a.lower()) if x for y in names_b)

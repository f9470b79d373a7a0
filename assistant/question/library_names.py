"""The Chinese names of listed companies that the library's articles give them.

CC-CEDICT and our own table name the largest companies in Chinese (英伟达, 摩根大通); a
library's Chinese articles name many more, glossing each once with its own name
("资管机构贝莱德（BlackRock）", `ingest.name_glosses`). Those whose Latin name is a listed
company's (`tools.companies`) and that have no Chinese name of ours become names a question may
use: "贝莱德最近怎么样？" is about BLK. So does the short name they go by (阿波罗 of
阿波罗全球管理公司), and, where the dictionary translates that short name into words of the
Latin name, the Latin short name too: "Apollo", as English writing calls Apollo Global
Management ("Apollo Debt Solutions capped withdrawals…").
"""

from __future__ import annotations

from collections.abc import Iterable

from ingest.language import has_cjk
from ingest.name_glosses import latin_short_name, short_name

Learned = tuple[tuple[str, str], ...]  # (name, symbol)


def learned_companies(glossed: Iterable[tuple[str, str]]) -> Learned:
    """(name, symbol) for each (Latin name, Chinese name) the library glosses that names a
    listed company with no Chinese name of ours: the Chinese name, and the short names."""
    from tools.companies import company_name, company_symbol

    found: dict[str, str] = {}
    for latin, chinese in glossed:
        symbol = company_symbol(latin)
        if symbol is None or has_cjk(company_name(symbol, "zh") or ""):
            continue
        short = short_name(chinese, latin)
        for name in (chinese, short, *latin_short_name(short)):
            if name:
                found.setdefault(name, symbol)
    return tuple(sorted(found.items()))


def aliases_of(learned: Learned, symbol: str) -> tuple[str, ...]:
    """The names learned for `symbol`."""
    return tuple(name for name, s in learned if s == symbol)

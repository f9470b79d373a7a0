"""Which economy a question asks about: America's, whose curve, credit, volatility and sector
funds the tools measure, or another ("中国CPI", "Japan's inflation", "中国汽车行业"), which they
do not answer.
"""

from __future__ import annotations

import re

from assistant.question.cues import has_cue

# Economies whose inflation, growth, rates or industries a question may ask about: the macro
# tool reads America's curve, credit and volatility, which do not answer "中国CPI" or "Japan's
# inflation", and the sector scores America's sector funds, which do not answer "中国汽车行业".
# A sector the question names ("中国关税对科技板块的影响") is still scored.
_OTHER_ECONOMIES = (
    "中国", "国内", "我国", "人民银行", "人行", "日本", "日银", "韩国", "欧元区", "欧洲", "欧央行",
    "英国", "德国", "印度", "香港", "a股", "港股",
    "china", "chinese", "pboc", "people's bank", "japan", "boj", "korea", "euro", "europe", "ecb",
    "britain", "british", "germany", "german", "india", "hong kong",
)  # fmt: skip
_AMERICA = ("美国", "美联储", "美债", "u.s.", "america", "fed ", "fed'", "federal reserve",
            "treasur", "fomc", "powell", "鲍威尔")  # fmt: skip
_US = re.compile(r"\bUS\b")  # upper case: not the pronoun


def asks_other_economy(text: str) -> bool:
    """Does the question ask about another economy than America's (and not America's too)?"""
    america = has_cue(text, _AMERICA) or _US.search(text) is not None
    return has_cue(text, _OTHER_ECONOMIES) and not america

"""An index's short name heading another index's name: 纳斯达克 in 纳斯达克中国金龙指数, 标普 in
标普1500管理型医疗指数, "Dow Jones" in "Dow Jones Transportation Average".

Index families name their indices brand first: after the brand come the words that say which
index (中国金龙, 生物科技, 1500, "Transportation"), then 指数, "Index" or "Average". The brand
alone names the family's best-known index (纳斯达克, 标普 and "Dow Jones" are the Nasdaq
Composite, the S&P 500 and the Dow industrials), so read alone inside another index's name it
would answer a question about Chinese ADRs with the Nasdaq Composite's return, and check a
sentence's 涨0.75% against the wrong index.

The brand still names its index when nothing stands between it and the index word (纳斯达克指数,
"the Dow Jones index"), when what stands there is in the index's own name (道琼斯工业指数 is the
Dow Jones Industrial Average), or when no index word follows (纳指收涨1%). Either way the words
between are part of an index's name: 科技 in 纳斯达克生物科技指数 is no technology sector, nor
工业 in 道琼斯工业指数 the industrials.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from ingest.language import IDEOGRAPHS, has_cjk
from ingest.tokens import ZH_STOPWORDS
from ingest.zhwords import cut

# The words naming which index, as an index's name is written, up to the word for index:
# - after a Chinese brand, its number if any, then a few characters without punctuation (a
#   comma ends the name: "纳指收涨1%，恒生指数…") and without a function word (在, 等, 和:
#   "创业板指在主要指数中", "纳指和标普指数" join or compare two names);
# - after a Latin brand in Chinese text, its number only ("KOSPI200指数", "DAX 30指数"): what
#   else follows it is the sentence ("Kospi跑赢全球同类指数");
# - in English, one to four capitalised words or figures ("Golden Dragon China", "1500").
_MOST_CHINESE = 10
_AFTER_CHINESE = re.compile(rf" ?(\d*[0-9A-Za-z{IDEOGRAPHS}]{{0,{_MOST_CHINESE}}}?)指数")
_AFTER_LATIN = re.compile(r"[ /-]?(\d+)指数")
_ENGLISH = re.compile(
    r"[ /-]+((?:(?:[A-Z][\w&.'-]*|\d[\d,.]*) +){1,4})(?:Index|Average|index|average)\b"
)


@dataclass(frozen=True)
class IndexName:
    """The whole name an index's brand begins: where it ends, and whether it is another index."""

    end: int
    another: bool


def index_name(text: str, end: int, own_names: Collection[str]) -> IndexName | None:
    """The index name that the brand ending at `end` in `text` begins, when words saying which
    index and then 指数, "Index" or "Average" follow (None: the brand stands alone). It is
    another index unless those words are in one of the brand's index's `own_names` (lower
    case)."""
    rest = text[end:]
    if has_cjk(text[end - 1 : end]):
        found = _AFTER_CHINESE.match(rest)
    else:
        found = _AFTER_LATIN.match(rest) or _ENGLISH.match(rest)
    if found is None or not (which := found.group(1).strip().lower()):
        return None
    if any(word in ZH_STOPWORDS for word in cut(which)):
        return None  # a sentence goes on, not a name
    return IndexName(end + found.end(), not any(which in name for name in own_names))


_WHOLE_INDEX_NAME = re.compile(r"(?:\d|指数|index|average)$")


class InsideIndexNames:
    """Called on a text's name matches left to right: whether a match is an index's brand
    heading another index's name (纳斯达克 of 纳斯达克中国金龙指数), or a name inside an index's
    name (科技 of 纳斯达克生物科技指数, 工业 of 道琼斯工业指数)."""

    def __init__(self, text: str, brands: dict[str, tuple[str, ...]]) -> None:
        self.text = text
        self.brands = brands
        self.name_ends = -1

    def __call__(self, start: int, end: int) -> bool:
        if start < self.name_ends:
            return True
        own_names = self.brands.get(self.text[start:end].lower())
        if own_names is None:
            return False
        name = index_name(self.text, end, own_names)
        if name is None:
            return False
        self.name_ends = name.end
        return name.another


def index_brands(items: Iterable[Any]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each index's short names, with all of the index's names, lower case: its names that end
    neither on its number nor on a word for index ("纳斯达克", "dow jones"; not "标普500",
    "纳斯达克指数", "dow jones industrial average"). An index is an instrument named 指数."""
    found = []
    for item in items:
        if not item.zh.endswith("指数"):
            continue
        own = tuple(dict.fromkeys(n.lower() for n in (item.zh, item.en, *item.aliases)))
        found += [(name, own) for name in own if not _WHOLE_INDEX_NAME.search(name)]
    return tuple(found)

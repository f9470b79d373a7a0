"""The library's own glosses: the Chinese names its articles give acronyms in brackets.

Chinese financial writing introduces an acronym with its Chinese name: "国际能源署（IEA）",
"工业生产者出厂价格指数（PPI）", "联邦公开市场委员会（FOMC）". CC-CEDICT has none of these (nor
CPI or PMI). Read from the library when its search index is built, they let a question saying
"PPI" find the statistics bureau's release that only says 工业生产者出厂价格, and one saying
国际能源署 an English article about the IEA.

Where the name begins is not marked: the text before the bracket runs on ("与工业生产者出厂价格
指数（PPI）"). So each time an acronym is glossed, the last one to four jieba words before the
bracket are candidates (never starting on a stop word or a lone character: 向, 据, 年), and its
name is the longest candidate written in at least half of the articles that gloss it. An
acronym glossed in one article only, or a name of one or two characters, is too little to go
on (passages of one article overlap: an article counts once). So is a name CC-CEDICT knows:
it is a word the dictionary translates already, or one too general to be the name (the
"半导体" left of "超威半导体（AMD）" when articles spell the company differently).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from ingest.cedict import DICTIONARY, Cedict
from ingest.tokens import ZH_STOPWORDS
from ingest.zhwords import cut

# Chinese characters, then an acronym in brackets: "国际能源署（IEA）", "太空探索技术公司(SpaceX)".
_PAIR = re.compile(r"([\u4e00-\u9fff]{2,24})\s*[（(]\s*([A-Za-z][A-Za-z0-9&\-]{1,15})\s*[)）]")
MOST_WORDS = 4
MIN_SEEN = 2
MIN_CHARS = 3


def is_acronym(latin: str) -> bool:
    """Two capitals or more ("IEA", "SpaceX"), not a word ("Oracle", "stock", "core")."""
    return sum(c.isupper() for c in latin) >= 2


class Glosses:
    """The acronyms a library's texts gloss, and the Chinese name each is glossed with."""

    def __init__(self) -> None:
        self._written: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._glossed: dict[str, set[str]] = defaultdict(set)

    def add(self, text: str, article: str) -> None:
        """Read the glosses of one passage of `article`."""
        for match in _PAIR.finditer(text):
            if not is_acronym(match[2]):
                continue
            key = match[2].lower()
            self._glossed[key].add(article)
            words = cut(match[1])
            for n in range(1, min(MOST_WORDS, len(words)) + 1):
                if words[-n] in ZH_STOPWORDS or (n > 1 and len(words[-n]) == 1):
                    break  # a name may end on one character (国际能源署), not begin on one
                self._written[key]["".join(words[-n:])].add(article)

    def names(self, dictionary: Cedict = DICTIONARY) -> dict[str, str]:
        """Each acronym (lower case, as search folds it) and its Chinese name."""
        found: dict[str, str] = {}
        for key, articles in self._glossed.items():
            if len(articles) < MIN_SEEN:
                continue
            names = [
                name
                for name, written in self._written[key].items()
                if 2 * len(written) >= len(articles) and len(name) >= MIN_CHARS
            ]
            if names:
                found[key] = max(names, key=len)
        known = dictionary.glosses(found.values())
        return {key: name for key, name in found.items() if name not in known}


def glossed_in(
    query: str, tokens: Sequence[str], glosses: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The glosses (acronym, Chinese name) the query uses, each as (what the query writes, what
    the other language writes): ("capex", "资本支出") for a query saying "capex", (国际能源署,
    "iea") for one saying 国际能源署; none the query writes both ways. `tokens`: the query's
    search tokens."""
    found: list[tuple[str, str]] = []
    for key, name in glosses:
        if key in tokens and name not in query:
            found.append((key, name))
        elif name in query and key not in tokens:
            found.append((name, key))
    return found

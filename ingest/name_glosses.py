"""The library's own names: the Chinese names its articles give companies in brackets.

Chinese financial writing introduces a foreign company with its own name in brackets:
"私募巨头阿波罗全球管理公司（Apollo Global Management）", "资管机构贝莱德（BlackRock）",
"希捷（Seagate）". CC-CEDICT has few of these names, and no maintained package maps companies
to Chinese names. Read from the library when its search index is built, they let a Chinese
question saying 贝莱德 be about BlackRock (`assistant.question.vocabulary` tells which Latin
names are listed companies).

Where the Chinese name begins is not marked, and jieba cuts a transliteration into single
characters (贝 + 莱德, 希 + 捷). So the name is read back from the bracket, word by word, for as
long as each word is part of a name: a piece of a transliteration (a single character, or a
word the dictionary has only as a name, 阿波罗 "Apollo", or not at all, 莱德), a word
translating one of the Latin name's words (全球管理 for "Global Management"), or, at its end,
the kind of company it is (公司, 集团, 科技). The first other word ends it: what the text
says the company is (巨头, 机构, 龙头), where it is (美国), a count (一家) or a function word
(的, 与). A name is at least two characters; where articles name one company differently, the
name most of them write wins.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ingest.cedict import DICTIONARY, Cedict, phrase_key
from ingest.language import has_cjk
from ingest.tokens import ZH_STOPWORDS
from ingest.zhwords import cut, is_place

# What a Chinese company name ends with to say its kind (阿波罗全球管理公司, 黑石集团, 铿腾电子).
COMPANY_ENDINGS = (
    "公司", "集团", "控股", "股份", "科技", "技术", "电子", "电力", "能源", "银行", "航空",
    "汽车", "快递", "传媒", "制药", "医药", "资本", "证券", "半导体",
)  # fmt: skip
# Chinese characters, then a name of capitalised words in brackets: "贝莱德（BlackRock）".
_PAIR = re.compile(
    r"([\u4e00-\u9fff]{2,16})\s*[（(]\s*"
    r"([A-Z][A-Za-z0-9.&'’\-]*(?:\s+(?:&|[A-Z][A-Za-z0-9.&'’\-]*)){0,4})\s*[)）]"
)
MIN_CHARS = 2
# A count or a pointer before a name ("一家", "一名", "这家"): no part of it.
_COUNTED = re.compile(r"^[一两几数这那每某该][家名位个只批些]$")


class NameGlosses:
    """The Latin names a library's texts gloss in Chinese, and the Chinese names given them."""

    def __init__(self) -> None:
        self._named: dict[str, Counter[str]] = defaultdict(Counter)
        self._seen: set[tuple[str, str]] = set()

    def add(self, text: str, article: str, dictionary: Cedict = DICTIONARY) -> None:
        """Read the names one passage of `article` glosses (an article counts once)."""
        for match in _PAIR.finditer(text):
            latin = match[2].strip()
            if (latin, article) in self._seen:
                continue  # passages of one article overlap: read once
            name = chinese_name(match[1], latin, dictionary)
            if name:
                self._seen.add((latin, article))
                self._named[latin][name] += 1

    def names(self) -> dict[str, str]:
        """Each Latin name and its Chinese name: the one most articles write (the longer of
        two as many write)."""
        return {
            latin: max(counts, key=lambda n: (counts[n], len(n)))
            for latin, counts in self._named.items()
        }


def chinese_name(before: str, latin: str, dictionary: Cedict = DICTIONARY) -> str:
    """The Chinese name that ends `before`, the text before a bracket glossing it `latin`; ""
    when no name of two characters or more ends it."""
    words = cut(before)
    rendered = _rendering(latin, dictionary)
    common = common_words(words, dictionary)
    taken: list[str] = []
    for word in reversed(words):
        place = len(word) > 1 and is_place(word) and word not in rendered
        if word in ZH_STOPWORDS or not has_cjk(word) or place or _COUNTED.match(word):
            break  # 美国 of 美国康卡斯特公司 says where, 美洲 of 美洲锂业 is "Americas"
        at_end = all(w in COMPANY_ENDINGS for w in taken)
        part = (
            len(word) == 1
            or word in rendered
            or word not in common
            or (at_end and word in COMPANY_ENDINGS)
        )
        if not part:
            break
        taken.insert(0, word)
    name = "".join(taken)
    if len(name) < MIN_CHARS or all(w in COMPANY_ENDINGS or w in common for w in taken):
        return ""  # only what it is ("公司") or its words translated ("全球管理"): no name
    return name


def _rendering(latin: str, dictionary: Cedict) -> set[str]:
    """The Chinese words that translate a word of the Latin name ("Global": 全球)."""
    keys = {phrase_key(w) for w in latin.split()}
    return {h for found in dictionary.headwords(keys).values() for h in found}


def common_words(words: list[str], dictionary: Cedict = DICTIONARY) -> set[str]:
    """The words the dictionary knows as common words (a gloss in lower case: 巨头 "giant"),
    not only as names (阿波罗 "Apollo"), and jieba's words made of two such (行业龙头: 行业 +
    龙头, which the dictionary lacks whole)."""
    halves = {w: [(w[:i], w[i:]) for i in range(2, len(w) - 1)] for w in words if len(w) >= 4}
    parts = {half for pairs in halves.values() for pair in pairs for half in pair}
    looked_up = {w for w in words if len(w) > 1} | parts
    glosses = dictionary.glosses(looked_up)
    common = {w for w, found in glosses.items() if any(g[:1].islower() for g in found)}
    compounds = {w for w, pairs in halves.items() if any(set(p) <= common for p in pairs)}
    return (common & set(words)) | compounds


def short_name(name: str, latin: str, dictionary: Cedict = DICTIONARY) -> str:
    """What a company is called for short: its name without its kind and the words translating
    its Latin name's (黑石 of 黑石集团, 阿波罗 of 阿波罗全球管理公司, "Apollo Global
    Management"); "" when what is left is no name of its own: a word the dictionary has for
    something else (西方, "the West", of 西方石油公司) or a place."""
    words = cut(name)
    rendered = _rendering(latin, dictionary)
    while len(words) > 1 and (words[-1] in COMPANY_ENDINGS or words[-1] in rendered):
        words.pop()
    short = "".join(words)
    if len(short) < MIN_CHARS or short == name or is_place(short):
        return ""
    glosses = dictionary.glosses([short]).get(short)
    return short if glosses is None or set(glosses) <= set(latin.split()) else ""


def latin_short_name(short: str, dictionary: Cedict = DICTIONARY) -> tuple[str, ...]:
    """What English calls a company for short, from its Chinese `short_name`: the dictionary's
    glosses of it, which `short_name` keeps only when they are words of the Latin name
    ("Apollo", of 阿波罗 for "Apollo Global Management"); none for a short name it lacks."""
    return tuple(dictionary.glosses([short]).get(short, ())) if short else ()

"""A sector's name inside another name: 科技 ending 凌川科技, "Energy" in "Energy Secretary".

A sector's name is also a word companies and offices are named with. A question about one does
not ask about the US sector, and reading it so opens the answer on sector scores.

Chinese (`ends_a_name`): companies are named a name plus what they do: 长鑫科技, 晶科能源,
巴航工业, 坦途科技（NAVEE）. In "长鑫科技科创板IPO计划募资多少钱？" 科技 is a word of its own (jieba
cuts 长/鑫/科技), so it would be read as XLK. The sector is meant when the word stands alone or
after a word that qualifies it ("美国科技", "全球能源", "传统金融"); it ends a name when what
comes before is a name, which no dictionary knows:

- a word of two characters or more that CC-CEDICT lacks (巴航, 申能), or
- single characters jieba could not join into a word, which together CC-CEDICT lacks either
  (凌 + 川, 长 + 鑫), or
- whatever comes before, when a Latin name follows in brackets ("坦途科技（NAVEE）"), as
  Chinese writing introduces a company's own name.

A stop word before it ("全球的能源", "能源和科技") leaves it the sector's, and so does a market
("美股科技股": 美 + 股 is no name, whatever the dictionary says; 股 is a share).

Offices are named so too (`names_an_office`): 国际能源署 (the IEA), 科技部, 金融局 end on the
character a government body's name ends on, which jieba leaves alone (能源 + 署), and so does
one named for two fields, 工业和信息化部 (工业 + 和 + 信息化 + 部); 能源部门 ("the energy
sector") is one word of its own after 能源, and the sector's.

English (`in_a_title`): a proper name capitalises its words, so a capitalised sector name
followed by another capitalised word ("Energy Secretary Chris Wright", "the Energy
Information Administration", "Materials Science"), or after "<Title> of" ("the Department of
Energy"), is part of a name. A word that says the sector's market ("Energy Stocks", "Energy
Select Sector SPDR") keeps it the sector's, and a question written in title case ("How Did
Energy Stocks Perform?") says nothing by its capitals.

A sector of another market (`in_a_market_abroad`) is no US sector either: the sector scores are
America's sector funds, which do not answer "港股科技股最近怎么样？" or "How are Chinese tech
stocks doing?". The word before the sector's name says the market: a place jieba's dictionary
knows (中国, 日本的), an English place or its people's adjective (China, Hong Kong, Chinese), or a
market's shares (港股, A股, 日股); 美国, 美股 and "US" are America's.
"""

from __future__ import annotations

import re

from ingest.cedict import DICTIONARY, Cedict
from ingest.crosslingual import place_names
from ingest.language import CJK_RUN, IDEOGRAPHS
from ingest.tokens import ZH_STOPWORDS
from ingest.zhwords import cut, is_place, is_time_or_amount

_CHINESE_BEFORE = re.compile(f"[{IDEOGRAPHS}]+$")  # the run of Chinese ending where it begins
_LATIN_NAME_AFTER = re.compile(r"\s*[（(]\s*[A-Za-z]")
_SHORTEST_NAME = 2
_SHARES = "股"  # 美股, 港股, 中概股: a market, not a company's name
_OFFICES = frozenset("部署局委厅办")  # ministry, office, bureau, commission, department
_JOINING = frozenset("和与及")  # between the two fields an office is named for
_CAPITALISED_AFTER = re.compile(r"[ \t]+([A-Z][A-Za-z]*)")
_TITLE_OF_BEFORE = re.compile(r"\b[A-Z][a-z]+ of\s+$")  # "Department of ", "Secretary of "
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")  # in title case, no word this long is lower case
_AMERICAS_CHARACTER = "美"  # 美国, 美洲, 美股: America's market
_AMERICAS_PLACES = (_AMERICAS_CHARACTER, "华尔街")  # and Wall Street, a place jieba knows too
_OF = "的"  # 日本的科技股
# The one or two capitalised words before an English sector's name: "Hong Kong tech", "Japan's".
_PLACE_BEFORE = re.compile(r"(?:([A-Z][a-z]+) )?([A-Z][A-Za-z]+)(?:'s|’s)? +$")
# Words after a sector's name that say its market, not another name ("Energy Stocks").
_MARKET_WORDS = frozenset(
    "sector sectors stock stocks share shares select spdr etf etfs fund funds index".split()  # noqa: SIM905
)


def ends_a_name(text: str, start: int, end: int, dictionary: Cedict = DICTIONARY) -> bool:
    """Does text[start:end], a sector's Chinese name, end the name of a company?"""
    before = _CHINESE_BEFORE.search(text, 0, start)
    if before is None:
        return False
    if _LATIN_NAME_AFTER.match(text, end):
        return True
    words = cut(before.group())
    if words[-1] in ZH_STOPWORDS or is_time_or_amount(words[-1]):
        return False  # "近一个月能源的表现": 一个月 is no company's name
    if len(words[-1]) >= _SHORTEST_NAME:
        name = words[-1]
    else:  # a name jieba does not know comes out as single characters
        characters: list[str] = []
        for word in reversed(words):
            if len(word) > 1 or word in ZH_STOPWORDS:
                break
            characters.insert(0, word)
        name = "".join(characters)
    if len(name) < _SHORTEST_NAME or _SHARES in name:
        return False
    return not dictionary.glosses([name])


def names_an_office(text: str, start: int, end: int) -> bool:
    """Is text[start:end], a sector's Chinese name, the start of an office's: 国际能源署, or
    工业和信息化部, an office named for two fields?"""
    after = CJK_RUN.match(text, end)
    if after is None:
        return False
    words = cut(after.group())
    if words[0] in _JOINING:
        words = words[2:3]  # the word after the second field
    return bool(words) and words[0] in _OFFICES


def in_a_title(text: str, start: int, end: int) -> bool:
    """Is text[start:end], a sector's English name, part of a proper name?"""
    if not text[start:end][:1].isupper() or title_case(text):
        return False  # lower case, or a title-case question, whose capitals say nothing
    after = _CAPITALISED_AFTER.match(text, end)
    if after is not None and after.group(1).lower() not in _MARKET_WORDS:
        return True
    return _TITLE_OF_BEFORE.search(text, 0, start) is not None


def title_case(text: str) -> bool:
    """Is the text written in title case ("How Did Energy Stocks Perform?"), its capitals
    marking no names?"""
    return _LOWER_WORD.search(text) is None


def in_a_market_abroad(text: str, start: int) -> bool:
    """Is the sector's name beginning at text[start] one of a market other than America's:
    中国科技股, 港股科技股, "Chinese tech stocks", "Hong Kong tech"?"""
    before = _CHINESE_BEFORE.search(text, 0, start)
    if before is not None:
        words = cut(before.group())
        if len(words) > 1 and words[-1] == _OF:
            words.pop()
        word = words[-1]
        if word.endswith(_SHARES):  # 港股, A股, 日股: the shares of the market before 股
            market = text[max(before.end() - 2, 0) : before.end() - 1].strip()
            return bool(market) and market != _AMERICAS_CHARACTER
        return is_place(word) and not word.startswith(_AMERICAS_PLACES)
    english = _PLACE_BEFORE.search(text, 0, start)
    if english is None:
        return False
    first, last = english.groups()
    places = (first and place_names(f"{first} {last}")) or place_names(last)
    return bool(places) and not any(p.startswith(_AMERICAS_PLACES) for p in places)

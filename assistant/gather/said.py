"""What a text says, for measuring how much of a question it covers (`assistant.gather.coverage`):
its English words, folded as search folds them, and its Chinese, in which a question's Chinese
word is looked for whole ("上涨" says "涨"); less what it sets aside ("剔除半导体后…" does not
say chips). And the kinds of term a question's may be, each said its own way: a `Phrase` by
all its words, a `Name` written whole, a `Move` by any words for that move, an `Aspect` only
beside the subject, a `Part` as what a term is about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache

from assistant.answer.direction import moves
from assistant.gather.units import written_units
from assistant.question.index_names import index_name
from assistant.question.sector_names import ends_a_name, in_a_title, title_case
from ingest.countries import is_country
from ingest.crosslingual import place_names
from ingest.framing import FUNCTION_WORDS
from ingest.language import chinese_runs, has_cjk
from ingest.tokens import EN_STOPWORDS, terms

# What a sentence sets aside is not what it is about: "剔除半导体后，其余类别出口增长26%" and
# "exports excluding chips rose 26%" report on everything but chips, so they do not say "chips".
# Chinese brackets the thing set aside ("除汽车以外", "扣除通胀后"); English leaves it open
# (`_set_aside`).
_SET_ASIDE = re.compile(
    r"(?:剔除|扣除)[^，。；：,;:]{1,15}?(?:以外|之外|外|后)"
    r"|(?<![解消清去排删切免废拆摘根破祛革铲开扫])除(?:了|去)?[^，。；：,;:]{1,15}?(?:以外|之外|外)"
    r"|\bex-[a-z][\w-]*"
    r"|\b(?:excluding|other than|apart from|aside from|except(?: for)?|not counting)"
    r"(?P<after>(?:\s+[a-z][\w&'-]*){1,3})",
    re.I,
)
SET_ASIDE_WORDS = 2  # at most, in English


def _set_aside(match: re.Match[str]) -> str:
    """What is left of a set-aside phrase: in English, the words after the thing set aside,
    which runs past any article to the next function word, at most `SET_ASIDE_WORDS` words
    ("other than the Fed", "excluding food and energy": food)."""
    words = (match["after"] or "").split()
    start = 0
    while start < len(words) and words[start].lower() in FUNCTION_WORDS:
        start += 1
    end = start
    while (
        end < min(len(words), start + SET_ASIDE_WORDS) and words[end].lower() not in FUNCTION_WORDS
    ):
        end += 1
    return " ".join(["", *words[end:], ""])


class Phrase(str):
    """An English phrase the dictionary knows as one word of the other language ("South
    Korea": 韩国, "oil price": 油价): one term, not two, said by a text that has all its words
    ("oil prices", "the price of oil")."""

    __slots__ = ()


class Verb(str):
    """A verb's past form the question writes in lower case ("Which sectors led?"): said by a
    text writing that word, not the acronym it spells in capitals ("Mini LED")."""

    __slots__ = ()


class Unit(str):
    """The currency of an amount the question asks for ("多少美元": 美元), said by a text writing
    an amount in it ("5110美元", "$5,110"), not by one writing the currency's name."""

    __slots__ = ()


class Move(str):
    """A question's word for which way something moved ("grow", "涨"), said by a text saying it
    moved that way in any words ("半导体出口同比激增178.8%" for "How fast did chip exports grow?").
    Its value is the direction, "1" or "-1"."""

    __slots__ = ()


class Aspect(str):
    """Marks a term that says which side of the subject the question wants (`ASPECT_WORDS`:
    "outlook", 前景): it counts only in a sentence that says a term of the subject too."""

    __slots__ = ()


ASPECT = Aspect("")


class Counted(str):
    """Marks a term for what the question counts (`question.counted`: "jobs" of "How many jobs
    did the US economy add?"): a sentence whose passage and headline never say it is on the
    question only when it says most of the rest (`coverage.on_the_question`)."""

    __slots__ = ()


COUNTED = Counted("#counted")  # not ASPECT's "", which it would equal


class Part(str):
    """What a term made of two words is about, its first (黄金 of 黄金价格, "gold"): Chinese
    puts what a word is of before it, so a text saying that alone ("现货黄金涨破5150美元") says
    the term in part, and one saying the last alone ("消费者价格") does not."""

    __slots__ = ()


class Name(str):
    """One of the names of a symbol the question names ("S&P SmallCap 600", "标普小盘600"),
    said by a text that writes it whole, in either language."""

    __slots__ = ()


@cache
def written_pattern(name: str) -> re.Pattern[str]:
    """A name written whole: a Latin edge not inside a longer word ("AMD" in "AMDX" is not),
    a Chinese one anywhere ("期金" in "COMEX期金")."""
    lowered = name.lower()
    head = r"(?<![a-z0-9])" if lowered[:1].isascii() and lowered[:1].isalnum() else ""
    tail = r"(?![a-z0-9])" if lowered[-1:].isascii() and lowered[-1:].isalnum() else ""
    return re.compile(head + re.escape(lowered) + tail)


# An exchange a company is listed on ("(TSX/Nasdaq: TRI)", "NYSE: KO", "a Nasdaq-listed
# firm", "its Nasdaq debut", "在纳斯达克上市", "登陆纳斯达克"): the market it trades on, not that
# market's index.
_LISTING = re.compile(
    r"\b(?:[A-Z][A-Za-z]*\s*/\s*)*(?:NYSE|Nasdaq|NASDAQ|TSX|TSXV|AMEX)\s*[:：]\s*[A-Z][A-Z.]{0,6}\b"
    r"|\b(?:NYSE|Nasdaq|NASDAQ)[- ]listed\b|\blisted on (?:the )?(?:NYSE|Nasdaq|NASDAQ)\b"
    r"|\b(?:NYSE|Nasdaq|NASDAQ) (?:debut|IPO|listing)s?\b"
    r"|\bdebut(?:s|ed)? on (?:the )?(?:NYSE|Nasdaq|NASDAQ)\b"
    r"|(?:在|于)?(?:美国)?(?:纳斯达克|纽交所|纽约证券交易所)(?:交易所)?(?:挂牌)?上市"
    r"|(?:登陆|登录|赴)(?:美国)?(?:纳斯达克|纽交所)(?:交易所)?"
)
_INDEX_WORD = "指数"  # an index's Chinese name ends on it: the symbol is an index


def names_written(text: str, aliases: Sequence[str]) -> list[str]:
    """The names of one symbol that `text` writes, whole: not as the exchange a company is
    listed on ("(TSX/Nasdaq: TRI)"); for an index, not as the brand heading another index's
    name (纳斯达克 of "纳斯达克中国金龙指数涨0.9%", "Nasdaq" of "the Nasdaq 100 index"); for a
    commodity (a future, "SI=F"), not as a word inside a proper name ("Silver Lake", "Allied
    Gold")."""
    plain = _LISTING.sub(lambda m: " " * len(m[0]), text) if _LISTING.search(text) else text
    lowered = plain.lower()
    index = any(n.endswith(_INDEX_WORD) for n in aliases)
    own = [n.lower() for n in aliases if n] if index else []
    commodity = any(n.lower().endswith(_FUTURE) for n in aliases)
    return [
        n
        for n in aliases
        if n
        and any(
            (not index or _heads_its_own(plain, m.end(), own))
            and not (commodity and n.isalpha() and in_a_name(plain, m.start(), m.end()))
            and not _nickname(plain, m.start(), m.end())
            for m in written_pattern(n).finditer(lowered)
        )
    ]


_FUTURE = "=f"  # a future's ticker ends so ("GC=F"): its symbol is a commodity's
# A Chinese nickname ends in the name its company is likened to: quoted after other words
# ("“量子英伟达”", "「下一个特斯拉」") or after 版 ("中国版英伟达").
_LIKENED_BEFORE = re.compile(r"[“\"「『][\u4e00-\u9fff]{1,6}$|版$")
_QUOTE_CLOSED = '”"」』'


def _nickname(text: str, start: int, end: int) -> bool:
    """Does text[start:end], a company's Chinese name, end a nickname of another company?"""
    before = _LIKENED_BEFORE.search(text[max(0, start - 7) : start])
    if before is None or not has_cjk(text[start:end]):
        return False
    return before[0] == "版" or (end < len(text) and text[end] in _QUOTE_CLOSED)


# A capitalised word right before ("Allied Gold"), not a function word ("The Gold price").
_CAPITALISED_BEFORE = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+)\s+$")


@lru_cache(maxsize=4096)  # read for each name of a sentence each time it is measured
def in_a_name(text: str, start: int, end: int) -> bool:
    """Is the word at text[start:end] ("Silver", "Gold") part of a proper name: capitalised in
    running text next to another capitalised word ("Silver Lake", "Allied Gold"), not a
    market's word after it ("Gold ETF", `in_a_title`)? In Chinese, the end of a company's
    name no dictionary knows (老铺黄金, 紫金黄金: `ends_a_name`), not of a market's (现货黄金)."""
    if has_cjk(text[start:end]):
        return ends_a_name(text, start, end)
    if not text[start:end][:1].isupper():
        return False
    before = _CAPITALISED_BEFORE.search(text, 0, start)
    named_before = before is not None and before[1].lower() not in FUNCTION_WORDS
    running = has_cjk(text) or not title_case(text)
    return in_a_title(text, start, end) or (named_before and running)


def _heads_its_own(text: str, end: int, own: Sequence[str]) -> bool:
    """Is the index's brand ending at `end` its own index's name, not another index's?"""
    name = index_name(text, end, own)
    return name is None or not name.another


@lru_cache(maxsize=4096)  # read for each sentence of a passage: once per passage
def writes_a_name(passage: str, headline: str, names: tuple[str, ...]) -> bool:
    """Does the passage, or its headline, write one of the names (True when there are none)?
    A passage found for the question's other words ("最高涨到多少美元") may be on another
    market altogether; one naming no company the question names is not about it."""
    return not names or bool(names_written(passage, names) or names_written(headline, names))


_CAPITALS = re.compile(r"(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])")  # an acronym: "LED", "AI"
# A dollar named by its country ("US$1", "HK$2.5", "NT$300"): a price, which says no country.
_CURRENCY = re.compile(r"\b(?:US|HK|NT|NZ|A|C|S)\$")
# What came before or caused something ("surged leading up to the report", "led to losses"),
# not a market that led ("Which sectors are leading?").
_LEAD_TO = re.compile(r"\b(?:lead|leads|leading|led)\s+(?:up\s+)?to\b", re.I)
# "fed" in lower case is the verb ("fed up with state taxes", "data fed into models"): the central
# bank is written "Fed" (or FED), and only it says the Fed.
_FED_VERB = re.compile(r"\bfed\b")
# A part of the economy ("the private sector", "public and private sectors", 公共部门), not a
# sector of the market: a drone story's "across both public and private sectors" does not say
# which sector performed worst.
_ECONOMY_SECTOR = re.compile(
    r"\b(?:public|private|government|state|non-?profit|informal)"
    r"(?:\s+(?:and|or|&)\s+(?:public|private|government|state|non-?profit))?\s+sectors?\b"
    r"|公共部门|私营部门|私人部门|公营部门|国有部门",
    re.I,
)


@dataclass(frozen=True)
class Said:
    """What a text says, for coverage: its English words (folded) and its Chinese, in which a
    question's Chinese word is looked for whole: "涨" is said by "上涨", "小盘" by "小盘股"."""

    words: frozenset[str]
    chinese: str
    lowered: str = ""  # the text itself, lower case
    text: str = ""  # …and as written, for the names of symbols
    aside: Said | None = None  # what it sets aside: it is about everything but that
    capitals: frozenset[str] = frozenset()  # its words written in capitals ("LED"), lowered
    units: frozenset[str] = frozenset()  # the currencies of the amounts it writes (美元)

    @classmethod
    def of(cls, text: str, text_terms: Iterable[str] | None = None) -> Said:
        """What `text` says, but what it sets aside (`_SET_ASIDE`, kept as `aside`);
        `text_terms` (its `terms`) when the caller has them already."""
        if _CURRENCY.search(text):  # "US$1" is a price, not the United States
            text, text_terms = _CURRENCY.sub("$", text), None
        if _LEAD_TO.search(text):  # "leading up to the report" led no market
            text, text_terms = _LEAD_TO.sub(" ", text), None
        if _LISTING.search(text):  # "在纳斯达克上市" says where it trades, not the index
            text, text_terms = _LISTING.sub(" ", text), None
        if "fed" in text and _FED_VERB.search(text):
            text, text_terms = _FED_VERB.sub(" ", text), None
        # "the private sector" is no sector of the market (most texts say neither word: skipped)
        if ("ector" in text or "部门" in text) and _ECONOMY_SECTOR.search(text):
            text, text_terms = _ECONOMY_SECTOR.sub(" ", text), None
        # "约4050美元/盎司" says no dollar but an amount in dollars (`Unit`); its English words
        # are the same without it
        text, units = written_units(text)
        kept = _SET_ASIDE.sub(_set_aside, text)
        aside = None
        if kept != text:
            aside = cls._plain(" ".join(m[0] for m in _SET_ASIDE.finditer(text)))
            text, text_terms = kept, None
        return replace(cls._plain(text, text_terms), aside=aside, units=units)

    @classmethod
    def _plain(cls, text: str, text_terms: Iterable[str] | None = None) -> Said:
        found = terms(text) if text_terms is None else text_terms
        english = frozenset(t for t in found if not has_cjk(t))
        # a hyphenated name says its parts too: "Evotrex-PG5" answers "Evotrex's PG5"
        english |= {part for t in english if "-" in t for part in t.split("-") if part}
        capitals = frozenset(w.lower() for w in _CAPITALS.findall(text))
        chinese = "|".join(chinese_runs(text))
        return cls(english, chinese, text.lower(), text=text, capitals=capitals)

    @cached_property
    def moved(self) -> frozenset[int]:
        return moves(self.lowered)

    @cached_property
    def countries(self) -> frozenset[str]:
        """The countries it names, as written: 韩国, or an English word written with a capital
        that is one or that the dictionary translates as one ("Korea", "US", "Korean")."""
        chinese = {w for w in terms(self.text) if is_country(w)}
        return frozenset(chinese | {w for w in _CAPITALISED.findall(self.text) if _a_country(w)})

    def sets_aside(self, group: frozenset[str]) -> bool:
        """Does it say a term only to set it aside ("剔除半导体后" for semiconductors)?"""
        return self.aside is not None and self.aside.says(group) and not self.says(group)

    def says(self, group: frozenset[str]) -> bool:
        """Does it say one of the term's words (in either language), or one of the names of
        the symbol it is (`Name`)?"""
        names = [t for t in group if isinstance(t, Name)]
        if names and names_written(self.text, names):
            return True
        marks = (Move, Aspect, Counted, Part, Name)
        return any(self._says(t) for t in group if not isinstance(t, marks))

    def says_part(self, group: frozenset[str]) -> bool:
        """Does it say what the term is about (`Part`), if not the whole of it?"""
        return any(self._says(t) for t in group if isinstance(t, Part))

    def moves_as(self, group: frozenset[str]) -> bool:
        """Does it say, in other words, that something moved the way the term does?"""
        return any(int(t) in self.moved for t in group if isinstance(t, Move))

    def _says(self, term: str) -> bool:
        if isinstance(term, Phrase):  # its words as any word is said ("passing through")
            return all(self._says(word) for word in term.split() if word not in EN_STOPWORDS)
        if isinstance(term, Unit):
            return term in self.units
        if has_cjk(term):
            return term in self.chinese
        if isinstance(term, Verb):
            return term in self.words and term not in self.capitals
        return term in self.words or (
            len(term) >= _SHORTEST_STEM and not self.words.isdisjoint(inflections(term))
        )


_SHORTEST_STEM = 4  # "us" is not "use", nor "fed" "feds"
_VOWELS = "aeiou"


@lru_cache(maxsize=8192)
def inflections(word: str) -> frozenset[str]:
    """An English word as a verb's endings write it: "order" as "ordered", "grow" as "growing",
    "rise" as "rising", "stop" as "stopped" (a plural is folded already, `ingest.tokens`). Not
    its derivations: "production" says something else than "product"."""
    stem = word.removesuffix("e")
    found = {stem + "ed", stem + "ing"}
    if len(word) == _SHORTEST_STEM:  # "stop": consonant, vowel, consonant doubles ("stopped")
        first, vowel, last = word[-3], word[-2], word[-1]
        if first not in _VOWELS and vowel in _VOWELS and last not in _VOWELS + "wxy":
            found |= {word + last + "ed", word + last + "ing"}
    return frozenset(found)


_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+\b")


@lru_cache(maxsize=4096)
def _a_country(word: str) -> bool:
    """Is the English word a country's name, or its people's ("Iran", "Korean"; not "May",
    "Apple" nor "Texas")?"""
    return is_country(word) or any(map(is_country, place_names(word)))

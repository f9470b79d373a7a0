"""How much of a question a text says: the measure the offline composer ranks sentences by.

A question is read as terms, each with what it is in the other language (CC-CEDICT, as search
translates it): English words folded as search folds them, Chinese words as jieba cuts them
(joined back into the dictionary's word where jieba cut one apart). A text says a Chinese term
when the term is anywhere in its Chinese ("上涨" says the question's "涨", "小盘股" its "小盘"),
an English one when it has the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from itertools import takewhile

from assistant.answer.direction import direction_of, moves
from ingest.crosslingual import (
    ASKING_WORDS,
    ASPECT_WORDS,
    FRAMING,
    FUNCTION_WORDS,
    NOW_WORDS,
    Translation,
    synonyms,
    translate,
    without_framing,
)
from ingest.glosses import glossed_in
from ingest.language import CJK_RUN, has_cjk
from ingest.tokens import EN_STOPWORDS, terms, tokenize

# how a question asks, and when: not what
_NOT_TERMS = FRAMING | FUNCTION_WORDS | NOW_WORDS | ASKING_WORDS
# A question's term said only in the sentence's headline counts this much, and so does a word
# for a move said in other words ("激增" for "grow").
CONTEXT = 0.5

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


Wanted = list[frozenset[str]]  # the question's terms, each with its translations' terms
Names = Sequence[tuple[str, ...]]  # each symbol in play: all its names
Glossary = Sequence[tuple[str, str]]  # an acronym (lower case) and its Chinese name


class Phrase(str):
    """An English phrase the dictionary knows as one word of the other language ("South
    Korea": 韩国, "oil price": 油价): one term, not two, said by a text that has all its words
    ("oil prices", "the price of oil")."""

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


class Name(str):
    """One of the names of a symbol the question names ("S&P SmallCap 600", "标普小盘600"),
    said by a text that writes it whole, in either language."""

    __slots__ = ()


@cache
def _written(name: str) -> re.Pattern[str]:
    """A name written whole: a Latin edge not inside a longer word ("AMD" in "AMDX" is not),
    a Chinese one anywhere ("期金" in "COMEX期金")."""
    lowered = name.lower()
    head = r"(?<![a-z0-9])" if lowered[:1].isascii() and lowered[:1].isalnum() else ""
    tail = r"(?![a-z0-9])" if lowered[-1:].isascii() and lowered[-1:].isalnum() else ""
    return re.compile(head + re.escape(lowered) + tail)


@dataclass(frozen=True)
class Said:
    """What a text says, for coverage: its English words (folded) and its Chinese, in which a
    question's Chinese word is looked for whole: "涨" is said by "上涨", "小盘" by "小盘股"."""

    words: frozenset[str]
    chinese: str
    lowered: str = ""  # the text itself, for the names of symbols
    aside: Said | None = None  # what it sets aside: it is about everything but that

    @classmethod
    def of(cls, text: str, text_terms: Iterable[str] | None = None) -> Said:
        """What `text` says, but what it sets aside (`_SET_ASIDE`, kept as `aside`);
        `text_terms` (its `terms`) when the caller has them already."""
        kept = _SET_ASIDE.sub(_set_aside, text)
        aside = None
        if kept != text:
            aside = cls._plain(" ".join(m[0] for m in _SET_ASIDE.finditer(text)))
            text, text_terms = kept, None
        return replace(cls._plain(text, text_terms), aside=aside)

    @classmethod
    def _plain(cls, text: str, text_terms: Iterable[str] | None = None) -> Said:
        found = terms(text) if text_terms is None else text_terms
        english = frozenset(t for t in found if not has_cjk(t))
        # a hyphenated name says its parts too: "Evotrex-PG5" answers "Evotrex's PG5"
        english |= {part for t in english if "-" in t for part in t.split("-") if part}
        return cls(english, "|".join(CJK_RUN.findall(text)), text.lower())

    @cached_property
    def moved(self) -> frozenset[int]:
        return moves(self.lowered)

    def sets_aside(self, group: frozenset[str]) -> bool:
        """Does it say a term only to set it aside ("剔除半导体后" for semiconductors)?"""
        return self.aside is not None and self.aside.says(group) and not self.says(group)

    def says(self, group: frozenset[str]) -> bool:
        """Does it say one of the term's words (in either language)?"""
        return any(self._says(t) for t in group if not isinstance(t, (Move, Aspect)))

    def moves_as(self, group: frozenset[str]) -> bool:
        """Does it say, in other words, that something moved the way the term does?"""
        return any(int(t) in self.moved for t in group if isinstance(t, Move))

    def _says(self, term: str) -> bool:
        if isinstance(term, Phrase):  # its words as any word is said ("passing through")
            return all(self._says(word) for word in term.split() if word not in EN_STOPWORDS)
        if isinstance(term, Name):
            return _written(term).search(self.lowered) is not None
        if has_cjk(term):
            return term in self.chinese
        return term in self.words or (
            len(term) >= _SHORTEST_STEM and not self.words.isdisjoint(inflections(term))
        )


def _words(text: str) -> set[str]:
    """A question's content words: English as `terms` reads them, Chinese as jieba cuts them
    (a character pair straddling two words, "涨了", is no word a sentence would say)."""
    english = {t for t in terms(without_framing(text)) if not has_cjk(t) and t not in _NOT_TERMS}
    chinese = {w for w in tokenize(text) if has_cjk(w) and w not in _NOT_TERMS}
    return english | chinese


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


def _related(a: str, b: str) -> bool:
    """One word is part of the other ("伟达" of "英伟达"), or an English word is the other with
    a verb's ending (`inflections`: "export" of "exported"; not "fed" of "federal")."""
    if has_cjk(a):
        return a in b or b in a
    return a == b or b in inflections(a) or a in inflections(b)


def question_terms(
    question: str, names: Names = (), speakers: Names = (), glosses: Glossary = ()
) -> Wanted:
    """The question's terms, each with what it is in the other language (CC-CEDICT, as search
    translates it): a Chinese sentence saying 出口 covers an English question's "exports". A
    word for a move ("grow", "涨") is said in part by any words for that move (`Move`). A
    dictionary word jieba cut apart ("标" + "普") is one term, 标普. A Chinese term is said by
    its synonyms too: "卖得有多快" by a sentence saying 销售额.

    `names`: every name of each symbol in play. A symbol the question writes ("标普小盘600")
    is one term, said by any of its names ("S&P SmallCap 600"), not three words a dictionary
    translates on their own (标普 is "Standard and Poor", 小盘 nothing).

    `speakers`: the names of companies the question cites as the source of a view ("What
    target did Goldman Sachs set for Nvidia?"): no term at all, as a sentence on Nvidia's
    target answers it whoever set it, and one on Goldman's yen forecast does not.

    `glosses`: the Chinese names the library's articles give acronyms (`ingest.glosses`), which
    translate a term as the dictionary does: "capex" is said by 资本支出."""
    words = _words(question)
    translations = translate(question) + [
        Translation(term, (other,))
        for term, other in glossed_in(question, tokenize(question), glosses)
    ]
    groups, glossed = _glossed_names(question, words)
    for translation in translations:
        term = translation.term
        if any(term in name or name in term for name in glossed):
            continue  # a piece of a name the question glosses: the name is the term
        if has_cjk(term):
            parts = {w for w in words if has_cjk(w) and w in term}
        else:  # "south korea": its words are one term, written whole or said as 韩国
            parts = _words(term) & words if " " in term else set()
        if parts and (has_cjk(term) or len(parts) > 1):
            words -= parts
            groups.append({term if has_cjk(term) else Phrase(term)})
    groups += [{w} for w in sorted(words)]
    for translation in translations:
        own = _words(translation.term) | {translation.term.lower()}
        other = {
            t for word in translation.words for t in ({word} if has_cjk(word) else _words(word))
        } | set(synonyms(translation))
        for group in groups:
            if any(isinstance(t, Name) for t in group):
                continue  # a name is said by its names, not by what its characters mean
            if any(_related(t, o) for t in group for o in own if has_cjk(t) == has_cjk(o)):
                group |= other
    asked = _words(question)  # the question's own word for a move, not a translation's
    for group in groups:
        ways = {direction_of(t) for t in group if t in asked} - {None}
        if len(ways) == 1:
            group.add(Move(ways.pop()))
        if group & ASPECT_WORDS & asked:
            group.add(ASPECT)
    wanted = [frozenset(g) for g in groups]
    for aliases in speakers:
        wanted = _without_name(question, wanted, aliases)[0]
    return _named(question, wanted, names)


# A name the question writes in Chinese and glosses in Latin letters, "博维诺（Bovino）",
# "马西（Massie）": jieba cuts a name it does not know into characters (博/维/诺), each of
# which any sentence may say ("维立志博").
_GLOSSED = re.compile(r"([\u4e00-\u9fff·]+)\s*[（(]\s*([A-Za-z][A-Za-z .'’-]{1,40}?)\s*[)）]")


def _glossed_names(question: str, words: set[str]) -> tuple[list[set[str]], list[str]]:
    """One term for each name the question glosses (said by either spelling), the words it
    is made of taken out of `words`; and the Chinese names. The name is what jieba cut into
    single characters just before the gloss (博/维/诺), else the word there (马西)."""
    groups: list[set[str]] = []
    names: list[str] = []
    for before, latin in _GLOSSED.findall(question):
        pieces = tokenize(before)
        if not pieces:  # "·" alone
            continue
        singles = list(takewhile(lambda w: len(w) == 1, reversed(pieces)))
        chinese = "".join(reversed(singles)) if len(singles) > 1 else pieces[-1]
        spelled = _words(latin)
        words -= {w for w in words if (has_cjk(w) and w in chinese) or w in spelled}
        groups.append({Name(chinese), Name(latin.strip().lower())})
        names.append(chinese)
    return groups, names


def names_written(text: str, aliases: Sequence[str]) -> list[str]:
    """The names of one symbol that `text` writes, whole."""
    lowered = text.lower()
    return [n for n in aliases if n and _written(n).search(lowered)]


def _named(question: str, wanted: Wanted, names: Names) -> Wanted:
    """`wanted` with the words of each symbol the question writes as one term: its names."""
    for aliases in names:
        wanted, written = _without_name(question, wanted, aliases)
        if written:
            wanted.append(frozenset(Name(n.lower()) for n in aliases if n))
    return wanted


def _without_name(question: str, wanted: Wanted, aliases: Sequence[str]) -> tuple[Wanted, bool]:
    """`wanted` without the words of the longest of these names the question writes, and
    whether it writes one."""
    written = names_written(question, aliases)
    if not written:
        return wanted, False
    name = max(written, key=len).lower()
    inside = _words(name)
    return [g for g in wanted if not any(_part(t, name, inside) for t in g)], True


def _part(term: str, name: str, words: set[str]) -> bool:
    """Is the question's term part of the name it writes ("标普" of "标普小盘600")?"""
    return term in name if has_cjk(term) else term in words


def unnamed(wanted: Wanted) -> Wanted:
    """The question's terms other than the symbols it names."""
    return [g for g in wanted if not any(isinstance(t, Name) for t in g)]


def in_other_language(wanted: Wanted) -> Wanted:
    """The question's terms a sentence in the other language can say: those the dictionary
    translates, and Latin words and numbers, which both languages write alike ("ETF", "RSM").
    A Chinese question's untranslatable words can never be in an English sentence, so they do
    not count against one."""
    return [g for g in wanted if len(g - {ASPECT}) > 1 or all(t.isascii() for t in g)]


def coverage(text: str, question: str, names: Names = ()) -> float:
    """The share of the question's terms the text says (in either language)."""
    return share(Said.of(text), question_terms(question, names))


def share(have: Said, wanted: Wanted, context: Said | None = None) -> float:
    """The share of the question's terms the sentence has (in either language); a term only
    its article's headline says (`context`) counts half: a sentence need not repeat what its
    article is about ("能源板块以+1.41%领涨" in an article headed "小盘股分析"), and so does
    a move it says in other words (`Move`: "上调" says up, but may be a rating's). A term it sets
    aside counts against it: "剔除半导体后，其余类别出口增长26%" answers anything but a question
    about chip exports."""
    if not wanted:
        return 0.0
    credits = [(_credit(have, group, context), ASPECT in group) for group in wanted]
    if any(aspect for _, aspect in credits) and not _says_subject(have, wanted):
        credits = [(c, a) for c, a in credits if not a or c < 0]
    return max(sum(c for c, _ in credits), 0.0) / len(wanted)


def _says_subject(have: Said, wanted: Wanted) -> bool:
    """Does the sentence itself say what the question is about: a term other than its aspect
    (`Aspect`), in a word of two characters or more (股 is in 成分股 too), and more than half
    of the terms no single character stands for: "US" alone is not the US labor market ("China's
    top performing models… US$1" does not say how it performs). True when the question has no
    such term ("前景如何")."""
    terms = [g for g in wanted if ASPECT not in g]
    subject = [kept for g in terms if (kept := frozenset(t for t in g if not _one_character(t)))]
    if not subject:
        return True
    if not any(have.says(g) for g in subject):
        return False
    whole = [g for g in terms if not any(_one_character(t) for t in g)]
    return len(whole) < 2 or 2 * sum(have.says(g) for g in whole) > len(whole)


def _one_character(term: str) -> bool:
    """A Chinese term of one character, which longer words hold too (股 in 成分股)."""
    return has_cjk(term) and len(term) == 1


def _credit(have: Said, group: frozenset[str], context: Said | None) -> float:
    """What one of the question's terms counts for in a sentence (`share`)."""
    if have.says(group):
        return 1.0
    if have.sets_aside(group):
        return -1.0
    if (context is not None and context.says(group)) or have.moves_as(group):
        return CONTEXT
    return 0.0

"""A question read as terms: what a text must say to cover it (`gather.coverage` measures that).

Each term comes with what it is in the other language (CC-CEDICT, as search translates it):
English words folded as search folds them, Chinese words as jieba cuts them (joined back into
the dictionary's word where jieba cut one apart). Some terms are marked for what they are in
the question: its own word for a move (`Move`), a side of its subject (`ASPECT`), what it counts
(`COUNTED`), a currency it asks an amount in (`Unit`), a symbol it names (`Name`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import takewhile

from assistant.answer.direction import chinese_moves, direction_of
from assistant.gather.said import (
    ASPECT,
    COUNTED,
    Move,
    Name,
    Part,
    Phrase,
    Unit,
    Verb,
    inflections,
    names_written,
)
from assistant.gather.units import asked_units
from assistant.question.counted import counted_words
from assistant.question.proper_names import proper, written_names
from ingest.cedict import DICTIONARY, phrase_key
from ingest.crosslingual import Translation, spelled_by, synonyms, translate
from ingest.framing import ASPECT_WORDS, NOT_TERMS, SPAN_WORDS, without_framing
from ingest.glosses import glossed_in
from ingest.language import has_cjk
from ingest.tokens import terms, tokenize
from ingest.word_forms import past_forms
from ingest.zhwords import cut, is_place

ROOT = 4  # letters two English forms of one word begin alike with: "redeem", "redemption"

Wanted = list[frozenset[str]]  # the question's terms, each with its translations' terms
Names = Sequence[tuple[str, ...]]  # each symbol in play: all its names
Glossary = Sequence[tuple[str, str]]  # an acronym (lower case) and its Chinese name


def _words(text: str) -> set[str]:
    """A question's content words: English as `terms` reads them, Chinese as jieba cuts them
    (a character pair straddling two words, "涨了", is no word a sentence would say)."""
    english = {t for t in terms(without_framing(text)) if not has_cjk(t) and t not in NOT_TERMS}
    chinese = {w for w in tokenize(without_framing(text)) if has_cjk(w) and w not in NOT_TERMS}
    return english | chinese


def _related(a: str, b: str) -> bool:
    """One word is part of the other ("伟达" of "英伟达"), or an English word is the other with
    a verb's ending (`inflections`: "export" of "exported"; not "fed" of "federal")."""
    if has_cjk(a):
        return a in b or b in a
    return a == b or b in inflections(a) or a in inflections(b)


def _hyphens_split(words: set[str], translated: set[str]) -> set[str]:
    """`words` with a hyphenated pair of names the dictionary translates only apart ("US-Iran",
    "US-China") as its two words: a Chinese sentence says 美国 and 伊朗, not "US-Iran". A word
    translated whole ("small-cap", "year-end") or not in parts ("non-farm") stays one term."""
    split = {
        w
        for w in words
        if "-" in w
        and w.replace("-", " ") not in translated
        and all(part in translated for part in w.split("-"))
    }
    return (words - split) | {part for w in split for part in w.split("-")}


def question_terms(
    question: str, names: Names = (), speakers: Names = (), glosses: Glossary = ()
) -> Wanted:
    """The question's terms, each with what it is in the other language (CC-CEDICT, as search
    translates it): a Chinese sentence saying 出口 covers an English question's "exports". A
    word for a move ("grow", "涨") is said in part by any words for that move (`Move`). A
    dictionary word jieba cut apart ("标" + "普") is one term, 标普; a word of jieba's the
    dictionary lacks, 黄金价格, is said by its words together (`_composed`). A Chinese term is
    said by its synonyms too: "卖得有多快" by a sentence saying 销售额.

    `names`: every name of each symbol in play. A symbol the question writes ("标普小盘600")
    is one term, said by any of its names ("S&P SmallCap 600"), not three words a dictionary
    translates on their own (标普 is "Standard and Poor", 小盘 nothing).

    `speakers`: the names of companies the question cites as the source of a view ("What
    target did Goldman Sachs set for Nvidia?"): no term at all, as a sentence on Nvidia's
    target answers it whoever set it, and one on Goldman's yen forecast does not.

    `glosses`: the Chinese names the library's articles give acronyms (`ingest.glosses`), which
    translate a term as the dictionary does: "capex" is said by 资本支出."""
    translations = translate(question) + [
        Translation(term, (other,))
        for term, other in glossed_in(question, tokenize(question), glosses)
    ]
    words = _hyphens_split(_words(question), {t.term for t in translations})
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
    groups += _names_of_several(question, words, [*names, *speakers], translations)
    groups += _own_words(question, words)
    composed = _composed(groups, translations)
    _priced(groups, translations)
    for translation in translations:
        term = translation.term.lower()  # "small cap", which a question writes "small-cap"
        own = _words(term) | {term, term.replace(" ", "-")}
        other = _said_for(translation)
        for n, group in enumerate(groups):
            if n in composed or any(isinstance(t, Name) for t in group):
                continue  # a name is said by its names, a word `_composed` by its words
            if any(_related(t, o) for t in group for o in own if has_cjk(t) == has_cjk(o)):
                group |= other
    _mark_moves_and_aspects(question, groups)
    units = asked_units(question)  # "多少美元": an amount in dollars, not the dollar
    wanted = [frozenset(_in_units(g, units)) for g in groups]
    for aliases in speakers:
        wanted = _without_name(question, wanted, aliases)[0]
    return _named(question, wanted, names)


# The aspect words in every form a question writes them: "How did energy perform?", "Which
# sector performed worst?", "What drove the rally?".
_ASPECT_FORMS = ASPECT_WORDS | {f for w in ASPECT_WORDS if w.isascii() for f in inflections(w)}


def _mark_moves_and_aspects(question: str, groups: list[set[str]]) -> None:
    """Mark the terms that are the question's own word for a move (`Move`), not a
    translation's, those for a side of the subject or a span (`ASPECT`), and those for what it
    counts (`COUNTED`) but a place: the US of "How many US properties…" is where, not what."""
    asked = _words(question)
    counted = counted_words(question)
    cut_apart = chinese_moves(question)  # 走弱, which jieba cuts into 走 + 弱
    for group in groups:
        ways = {direction_of(t) for t in group if t in asked} - {None}
        # its own word jieba cut apart: a piece of it (走 of 走弱), or the word whole (大涨)
        ways |= {
            way for word, way in cut_apart for t in group if t == word or (t in asked and t in word)
        }
        if len(ways) == 1:
            group.add(Move(ways.pop()))
        if group & (_ASPECT_FORMS | SPAN_WORDS) & asked:
            group.add(ASPECT)
        if group & counted and not names_place(frozenset(group)):
            group.add(COUNTED)


def _names_of_several(
    question: str, words: set[str], names: Names, translations: list[Translation]
) -> list[set[str]]:
    """A name of several capitalised words the dictionary knows only apart, ending in a common
    word ("Jackson Hole", "Prime Day", "Silver Lake"): one term, said by a text writing all
    its words, not by one of them ("Jackson explained…"), and in Chinese by what the dictionary
    gives its naming words (杰克逊 for Jackson, 中信 for CITIC). Its words leave `words`. Not a
    person's name ("Energy Secretary Chris Wright": "Wright said" says it), nor one with a word
    the dictionary lacks ("TAE Technologies": TAE says it, `names_typed`), nor a symbol's or a
    speaker's (`names`: their names say them)."""
    known = {t.term for t in translations}
    found: list[set[str]] = []
    for name in written_names(question):
        parts = [t for word in name.split() for t in terms(word)]
        if len(set(parts)) < 2 or not set(parts) <= words & known or proper(name.split()[-1]):
            continue
        if any(names_written(name, aliases) for aliases in names):
            continue
        words -= set(parts)
        # the words that name (CITIC: 中信, Jackson: 杰克逊), not those that say what (Hole: 孔)
        naming = {t for w in name.split() if w.isupper() or proper(w) for t in terms(w)}
        chinese = (w for t in translations if t.term in naming for w in t.words if has_cjk(w))
        found.append({Phrase(" ".join(parts)), *chinese})
    return found


def _in_units(group: set[str], units: frozenset[str]) -> set[str]:
    """The term of a currency the question asks an amount in, as that amount's `Unit`."""
    asked = units & group
    return {Unit(u) for u in asked} if asked else group


def _own_words(question: str, words: set[str]) -> list[set[str]]:
    """The question's words no translation took, a term each; a verb's past form it writes in
    lower case ("led") as a `Verb`, which the acronym it spells (LED) does not say."""
    verbs = past_forms(question, sorted(w for w in words if not has_cjk(w)))
    return [{Verb(w) if w in verbs else w} for w in sorted(words)]


def _said_for(translation: Translation) -> set[str]:
    """The terms that say a question's word in the other language: its translations' words
    and their synonyms. Not a character another translation holds: a sentence says "China"
    with 中国, while 中 alone is in any 其中 or 过程中, and "public" with 公共, not the 公 of
    every 公司. A character no longer word holds stays (早 for "early")."""
    words = translation.words
    kept = [w for w in words if len(w) > 1 or not any(w in o for o in words if o != w)]
    found = {t for word in kept for t in ({word} if has_cjk(word) else _english(word))}
    return found | _first_word_said(translation, found) | set(synonyms(translation))


def _first_word_said(translation: Translation, said: set[str]) -> set[str]:
    """More words saying a Chinese compound in part, beyond its English's first word (`said`,
    as `_english` gives it: "redemption" of 赎回申请, "redemption requests"): the other forms
    of that word among its first Chinese word's English ("redeem", of 赎回), which begin as it
    does. That word's other senses (出口 "exit", of 出口管制 "export controls") do not."""
    words = cut(translation.term) if has_cjk(translation.term) else []
    if len(words) < 2:
        return set()
    heads = [t for t in said if isinstance(t, Part)]
    glosses = DICTIONARY.glosses([words[0]]).get(words[0], [])
    forms = {w for gloss in glosses if " " not in gloss for w in _words(gloss)} - said
    found: set[str] = {Part(w) for w in forms if any(w[:ROOT] == h[:ROOT] for h in heads)}
    return found


def _english(gloss: str) -> set[str]:
    """What says an English gloss: its word, or all the words of a compound, whose first says
    it in part ("home prices" by "home prices", "house prices", in part by "home"; not by the
    "prices" of oil)."""
    words = [t for t in tokenize(gloss) if t not in NOT_TERMS]  # in order: the first is what of
    if len(words) < 2:
        return set(words)
    return {Phrase(" ".join(words)), Part(words[0])}


def _composed(groups: list[set[str]], translations: list[Translation]) -> set[int]:
    """The terms that are a word the dictionary lacks, translated by the words it is made of
    (黄金价格: 黄金 "gold" + 价格 "price"), each given those words together, in either language
    (Phrase("黄金 价格"), Phrase("gold price")): a sentence saying only "prices" does not say
    the price of gold. Their indexes in `groups`."""
    found: set[int] = set()
    by_term = {t.term: t for t in translations if t.words}
    for n, group in enumerate(groups):
        if len(group) != 1 or not has_cjk(word := next(iter(group))):
            continue
        parts = [by_term[t] for t in spelled_by(word, by_term)]
        if parts:
            group |= {Phrase(" ".join(t.term for t in parts))}
            group |= {Phrase(" ".join(t.words[0] for t in parts).lower())}
            group |= {Part(parts[0].term), Part(parts[0].words[0].lower())}
            found.add(n)
    return found


_PRICE_OF = re.compile(r"(\w[\w ]*?) prices?")  # "oil price", "home prices"


def _priced(groups: list[set[str]], translations: list[Translation]) -> None:
    """A word for the price of something (油价, "oil price"; 金价, 房价) is said in part by a text
    naming what is priced, in a word of the dictionary's for it that holds the word's first
    character (原油 and 石油 for 油价, 黄金 for 金价): "布伦特原油本月大涨38%" is on the price of
    oil, as "现货黄金涨破5150美元" is on the price of gold (`Part`)."""
    by_term = {t.term: t for t in translations if has_cjk(t.term)}
    for group in groups:
        for term in [t for t in group if t in by_term]:
            things = [m[1] for w in by_term[term].words if (m := _PRICE_OF.fullmatch(w.lower()))]
            keys = [phrase_key(thing) for thing in things]
            found = DICTIONARY.headwords(keys)
            group |= {
                Part(word)
                for key in keys
                for word in found.get(key, [])
                if len(word) > 1 and word != term and term[0] in word
            }


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
    """Is the question's term part of the name it writes ("标普" of "标普小盘600"), or the
    name as the dictionary's phrase ("goldman sach" of "Goldman Sachs")?"""
    if has_cjk(term):
        return term in name
    return term in words or (" " in term and set(term.split()) <= words)


def unnamed(wanted: Wanted) -> Wanted:
    """The question's terms other than the symbols it names."""
    return [g for g in wanted if not any(isinstance(t, Name) for t in g)]


def in_other_language(wanted: Wanted) -> Wanted:
    """The question's terms a sentence in the other language can say: those the dictionary
    translates, and Latin words and numbers, which both languages write alike ("ETF", "RSM").
    A Chinese question's untranslatable words can never be in an English sentence, so they do
    not count against one."""
    return [g for g in wanted if len(g - {ASPECT, COUNTED}) > 1 or all(t.isascii() for t in g)]


def counts(group: frozenset[str]) -> bool:
    """Is the question's term what it counts ("jobs" of "How many jobs…": `COUNTED`)?"""
    return COUNTED in group


def names_place(group: frozenset[str]) -> bool:
    """Is the question's term a place (美国 of "US")? It says where, not what."""
    return any(is_place(t) for t in group)

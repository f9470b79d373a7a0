"""How much of a question a text says: the measure the offline composer ranks sentences by.

The question is read as terms (`gather.terms`). A text says a Chinese term when the term is
anywhere in its Chinese ("上涨" says the question's "涨", "小盘股" its "小盘"), an English one
when it has the word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.gather.said import ASPECT, Move, Said
from assistant.gather.terms import Names, Wanted, counts, names_place, question_terms
from ingest.countries import is_country
from ingest.crosslingual import place_names
from ingest.dates import MONTH_NAMES
from ingest.language import has_cjk
from ingest.tokens import tokenize

# A question's term said only in the sentence's headline counts this much, and so does a word
# for a move said in other words ("激增" for "grow").
CONTEXT = 0.5


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
    credits = [(_credit(have, group, context), group) for group in wanted]
    if any(ASPECT in g for g in wanted) and not _says_subject(have, wanted):
        # nor does it say the aspect or the place of a subject it leaves out: "US SOTA models"
        credits = [(c, g) for c, g in credits if c < 0 or not (ASPECT in g or names_place(g))]
    if any(_moves(g) for g in wanted) and not _says_what_moved(have, wanted):
        # a move of something else: "股市上涨" is no rise of oil, whatever its headline says
        credits = [(min(c, CONTEXT) if _moves(g) else c, g) for c, g in credits]
    return max(sum(c for c, _ in credits), 0.0) / len(wanted)


def on_the_question(
    said: Sequence[Said], wanted: Wanted, headline: Said, passage: Said | None = None
) -> bool:
    """Is the sentence (or one of its parts) on the question: does it say one of its terms, or
    is its article on it, its headline saying at least half of them and every place among
    them? "The USDKRW gapped up 0.7% to 1452" is, under "…Won Slides", for "How did the won
    react?"; "Global stocks are up 21.8% this year", in an article on China's chip and battery
    export curbs, is not for "How fast are Korea's chip exports growing?": it says nothing of
    the question, and its article is on another country. A move ("涨", "rise": `Move`) is of
    anything, so it is no term to say where there are others: "黄金单日涨幅超过4%" is not on
    "油价为什么上涨？", nor is "美股三大指数上涨" the headline of an article on it; nor is a
    place said alone: "…left for the US" is not on "How many jobs did the US economy add?".
    Nor is a sentence whose passage and headline never say what the question counts
    (`COUNTED`), unless it says most of what else the question asks, the thing counted perhaps
    in its own words: "the US economy grew by 5.7 times" is not on how many jobs it added,
    "165 members voted in favor of the motion" is on how many MEPs voted for it."""
    terms = [g for g in wanted if not _moves(g)] or list(wanted)
    own = [g for g in terms if not names_place(g)] or terms
    if not _says_counted(said, wanted, [headline, *([passage] if passage else [])]):
        return False
    if any(s.says(g) for s in said for g in own):
        return True
    headed = [headline.says(g) for g in terms]
    places = all(h for h, g in zip(headed, terms, strict=True) if names_place(g))
    return places and 2 * sum(headed) >= len(terms)


def elsewhere(said: Sequence[Said], headline: Said, wanted: Wanted) -> bool:
    """Is the sentence on another country's what-is-asked? The question names a country,
    neither the sentence nor its headline says it, and one of them writes another's right
    before a term of the question: "韩国7月出口增速放缓" heads no answer to "中国7月出口增长了
    多少？", though its sentences say all the rest. A state or a city is no other country
    ("Louisiana" for the US), nor is a country named for something else ("Iran war sends gas
    prices soaring" is on US gasoline)."""
    asked = [g for g in wanted if names_place(g)]
    around = [*said, headline]
    if not any(is_country(t) for g in asked for t in g):
        return False
    if any(s.says(g) for s in around for g in asked):
        return False
    what = [g for g in wanted if not (names_place(g) or _moves(g) or ASPECT in g)]
    return any(
        _owns(s.text, country, what)
        for s in around
        for country in s.countries
        if not any({country, country.lower(), *place_names(country)} & g for g in asked)
    )  # "the Democratic Socialists of America" is of the US asked


def _owns(text: str, country: str, what: Wanted) -> bool:
    """Does the text write the country right before one of the terms ("韩国7月出口", "South
    Korea's exports", "Korean exports"; not "美国、日本等25个国家", a list)?"""
    for match in re.finditer(re.escape(country), text):
        after = _OWNER_GAP.sub("", text[match.end() : match.end() + _OWNED_WITHIN])
        head = Said.of(" ".join(tokenize(after)[:2]))  # "retail sales", 出口 增速
        if after[:1].isalnum() and any(head.says(g) for g in what):
            return True
    return False


# What may stand between a country and what is its: a possessive, a month or a half ("韩国7月
# 出口", "Korea's July exports", "中国上半年GDP")
_OWNER_GAP = re.compile(
    rf"^(?:['’]s\b|的|\s|\d{{1,2}}月份?|[上下]半年|(?:{'|'.join(MONTH_NAMES)})\b)*", re.I
)
_OWNED_WITHIN = 24  # characters read after the country


def _says_subject(have: Said, wanted: Wanted) -> bool:
    """Does the sentence itself say what the question is about: a term other than its aspect
    (`Aspect`), in a word of two characters or more (股 is in 成分股 too), and more than half
    of the terms no single character stands for, not counting a place where there are others:
    "US" alone is not the US labor market ("China's top performing models… vs. US SOTA models"
    does not say how it performs), while "the labor market" is. True when the question has no
    such term ("前景如何")."""
    terms = [g for g in wanted if ASPECT not in g]
    subject = [kept for g in terms if (kept := frozenset(t for t in g if not _one_character(t)))]
    if not subject:
        return True
    if not any(have.says(g) for g in subject):
        return False
    whole = [g for g in terms if not any(_one_character(t) for t in g)]
    core = [g for g in whole if not names_place(g)] or whole
    return not core or 2 * sum(have.says(g) for g in core) > len(core)


def _says_counted(said: Sequence[Said], wanted: Wanted, around: Sequence[Said]) -> bool:
    """Does the sentence, or what is `around` it, say what the question counts, or does it say
    more than half of its other terms but places (`on_the_question`)? True when it counts none."""
    counted = [g for g in wanted if counts(g)]
    if not counted or any(s.says(g) for s in [*said, *around] for g in counted):
        return True
    others = [g for g in wanted if not counts(g) and not names_place(g) and not _moves(g)]
    return any(2 * sum(s.says(g) for g in others) > len(others) for s in said)


def _says_what_moved(have: Said, wanted: Wanted) -> bool:
    """Does the sentence itself say, if only in part ("原油" of 油价), one of the question's
    terms for what moved (not a move, a side of it nor a place)? True when it has none ("What
    rose the most?")."""
    what = [g for g in wanted if not (_moves(g) or ASPECT in g or names_place(g))]
    return not what or any(have.says(g) or have.says_part(g) for g in what)


def _moves(group: frozenset[str]) -> bool:
    """Is the question's term a word for a move ("涨", "grow": `Move`)? It says how, not what."""
    return any(isinstance(t, Move) for t in group)


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
    if have.says_part(group):  # "现货黄金" for 黄金价格
        return CONTEXT
    return 0.0

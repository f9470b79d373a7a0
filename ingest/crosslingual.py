"""A query's words in the other language, from CC-CEDICT: how a Chinese question finds English
articles and an English question Chinese ones.

BM25 and the local embedding only match the words a passage uses, so without this an English
question about 英伟达 would never reach an article that only says 英伟达. Here each side of a
query is looked up in the dictionary (`ingest.cedict`):

- Chinese: the jieba words of the query (the search tokenizer's own cut, so the words are the
  ones the index holds), joined into the longest dictionary word they spell where jieba cut
  one apart (英 + 伟达: 英伟达), give their first English glosses; a word CC-CEDICT lacks
  ("工业企业") is cut into the longest dictionary words it contains ("工业", "企业"), never
  single characters, which mean too many things alone, and when those spell it whole (黄金价格:
  黄金 + 价格) they are searched as written too, as an article may write them apart;
- English: the query's words are matched longest phrase first ("interest rate" before
  "interest" and "rate"), and each phrase gives the few headwords whose glosses say exactly
  that, the most common first; function words ("what", "his") are not looked up. A people's
  adjective gives its country's name first ("Pakistani": 巴基斯坦, "Chinese": 中国, before
  the dictionary's 语文), as news uses it ("Chinese regulators"); a verb's other forms are
  looked up as the verb ("raised", "falling": "raise", "fall"; "fell" as "fall" first).

The result is, per translated term, its alternatives as search tokens. The index scores a
passage by the best alternative of each term it uses (a passage says 出售 or 卖, rarely both:
three guesses must not count three times) and counts that below the words the user typed (a
dictionary's translation is a guess: "return" is 回来 before it is 回报).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.cedict import DICTIONARY, MAX_GLOSS_WORDS, Cedict, phrase_key
from ingest.dates import MONTH_NAMES
from ingest.framing import (
    ASKING_WORDS,
    FIGURE_WORDS,
    FRAMING,
    FUNCTION_WORDS,
    NOW_WORDS,
    without_framing,
)
from ingest.language import CJK_RUN, chinese_runs, has_cjk
from ingest.named_periods import (
    QUARTER_NUMERALS,
    QUARTER_ORDINALS,
    months_written,
    quarters_written,
)
from ingest.tokens import tokenize
from ingest.word_forms import demonym_places, past_forms, verb_bases
from ingest.zhwords import is_place

_NOT_LOOKED_UP = FUNCTION_WORDS | NOW_WORDS | ASKING_WORDS | FIGURE_WORDS
_LATIN_RUN = re.compile(r"[A-Za-z0-9&'’.\- ]+")  # words that may form one phrase
_SHORTEST_PART = 2  # characters: a lone character is not cut out of an unknown word
_MOST_JOINED = 4  # jieba words joined back into one dictionary word ("英" + "伟达": 英伟达)
_ARTICLES = frozenset({"a", "an"})


# One translated term of a query: the token sequences it may be in the other language, any one
# of which a passage may use ("sell" -> (卖,), (销售,), (出售,)).
Terms = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Translation:
    """One term of a query and what the dictionary gives for it in the other language."""

    term: str
    words: tuple[str, ...]


def _dictionary_words(word: str, known: set[str]) -> list[str]:
    """`word` cut into the longest dictionary words it contains, left to right."""
    found: list[str] = []
    start = 0
    while start < len(word):
        for end in range(len(word), start + _SHORTEST_PART - 1, -1):
            if word[start:end] in known:
                found.append(word[start:end])
                start = end
                break
        else:
            start += 1
    return found


def chinese_terms(query: str, dictionary: Cedict = DICTIONARY) -> list[Translation]:
    """The English glosses of the query's Chinese words, each once."""
    runs = [(run, tokenize(run)) for run in chinese_runs(query)]
    spans = {
        "".join(words[start:end])
        for _, words in runs
        for start in range(len(words))
        for end in range(start + 1, min(len(words), start + _MOST_JOINED) + 1)
    }
    glosses = dictionary.glosses(spans)
    found: dict[str, tuple[str, ...]] = {}
    unknown: list[str] = []
    for run, words in runs:
        start = 0
        while start < len(words):
            for end in range(min(len(words), start + _MOST_JOINED), start, -1):
                word = "".join(words[start:end])
                if word in FRAMING or word in NOW_WORDS:
                    start = end
                    break
                if word in glosses and word in run:  # not joined across a dropped stop word
                    found.setdefault(word, tuple(glosses[word]))
                    start = end
                    break
            else:
                unknown.append(words[start])
                start += 1
    parts = {
        w[i:j]
        for w in unknown
        for i in range(len(w))
        for j in range(i + _SHORTEST_PART, len(w) + (1 if i else 0))
    }
    glosses = dictionary.glosses(parts)
    known = set(glosses)
    for word in unknown:
        for part in _dictionary_words(word, known):
            found.setdefault(part, tuple(glosses[part]))
    return [Translation(word, words) for word, words in found.items()]


def _phrases(units: list[str], start: int) -> list[tuple[str, int]]:
    """The phrases that begin at `units[start]`, longest first, with where each ends. None of
    several units begins with an article: "$2 a share" is a price, not A股 ("A-share", one unit)."""
    phrases: list[tuple[str, int]] = []
    words = 0
    last = start + 1 if units[start] in _ARTICLES else len(units)
    for end in range(start, last):
        words += units[end].count(" ") + 1
        if words > MAX_GLOSS_WORDS:
            break
        phrases.append((" ".join(units[start : end + 1]), end + 1))
    return phrases[::-1]


# A hyphenated compound of names: "US-China", "Russia-Ukraine", "Sino-US"; not "small-cap",
# "A-share" or "Covid-19", whose parts are no names (a one-letter part is no name either).
_NAMES_COMPOUND = re.compile(r"[A-Z][A-Za-z.]+(?:-[A-Z][A-Za-z.]+)+")


def _unit_names(words: list[str]) -> list[str]:
    """The words of a run with each compound of names split into its names."""
    return [
        name
        for word in words
        for name in (word.split("-") if _NAMES_COMPOUND.fullmatch(word) else (word,))
    ]


def english_terms(query: str, dictionary: Cedict = DICTIONARY) -> list[Translation]:
    """The Chinese headwords of the query's English words and phrases (longest first), each
    once. A hyphenated compound is one unit: "small-cap" is looked up whole or not at all (小
    and 帽子 are not what it means); but a compound of names ("US-China", "Israel-Iran") pairs
    its names, each looked up (`_unit_names`), and whole as a phrase where the dictionary has it
    ("Asia-Pacific"). A phrase of function words only ("how much": 这么, 若干) frames the
    question as its words do, and is not looked up either."""
    latin = _LATIN_RUN.findall(without_framing(query))
    runs = [[u for u in map(phrase_key, _unit_names(run.split())) if u] for run in latin]
    candidates = {
        phrase
        for units in runs
        for start in range(len(units))
        for phrase, _ in _phrases(units, start)
        if not _NOT_LOOKED_UP.issuperset(phrase.split())
        and not phrase.isdigit()
        and len(phrase) > 1
    }
    headwords = dictionary.headwords(candidates)
    found: dict[str, tuple[str, ...]] = {}
    unknown: list[str] = []
    for units in runs:
        start = 0
        while start < len(units):
            for phrase, end in _phrases(units, start):
                if phrase in headwords and phrase in candidates:
                    found.setdefault(phrase, tuple(headwords[phrase]))
                    start = end
                    break
            else:
                unknown.append(units[start])
                start += 1
    found.update(verb_bases([w for w in unknown if w not in _NOT_LOOKED_UP], False, dictionary))
    _as_written(found, query, dictionary)
    single = [w for w in found if " " not in w]
    # "fell", "rose", "led" written in lower case in a market question are verbs: their verb's
    # headwords first (not those of "Fed", "Rose")
    for word, verb in past_forms(query, single, dictionary).items():
        named, others = _senses(word, found[word], dictionary)
        found[word] = tuple(dict.fromkeys((*named, *verb, *others)))
    # A people's adjective names its country in the news ("Chinese regulators" are 中国's): the
    # country first, before what the dictionary gives for the word (语文, "Chinese" at school).
    for word, places in demonym_places(unknown + single, dictionary).items():
        found[word] = tuple(dict.fromkeys((*places, *found.get(word, ()))))
    return [Translation(phrase, words) for phrase, words in found.items()]


def _senses(
    word: str, headwords: tuple[str, ...], dictionary: Cedict = DICTIONARY
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A lower-case past form's own headwords: those the dictionary glosses with it as a name
    ("fed": 美联储, "the Fed", which a market question means), and the others but the acronym
    it spells in capitals ("led" is no LED, 发光二极管)."""
    glosses = dictionary.glosses(list(headwords))
    said = {h: [g for g in glosses.get(h, ()) if phrase_key(g) == word] for h in headwords}
    named = tuple(h for h in headwords if any(g[:1].isupper() and not g.isupper() for g in said[h]))
    others = tuple(h for h in headwords if h not in named and not any(g.isupper() for g in said[h]))
    return named, others


# A word in capitals ("US", "U.S.", "AI", "IT"): an acronym, not the word it spells in lower case.
_CAPITALS = re.compile(r"\b[A-Z](?:\.?[A-Z])+\b\.?")


def _as_written(
    found: dict[str, tuple[str, ...]], query: str, dictionary: Cedict = DICTIONARY
) -> None:
    """Keep, for a word the query writes in capitals, only the headwords the dictionary glosses
    with it as written: "US" is 美国, not 我们 ("us"); "AI" is 人工智能, not 哀; "IT" (the
    sector) is not 它 ("it"), and none is left."""
    written = {phrase_key(w): w.replace(".", "") for w in _CAPITALS.findall(query)}
    asked = {key: found[key] for key in written if key in found}
    glosses = dictionary.glosses({h for words in asked.values() for h in words})
    for key, words in asked.items():
        kept = tuple(h for h in words if written[key] in glosses.get(h, ()))
        if kept:
            found[key] = kept
        else:
            del found[key]


def place_names(name: str, dictionary: Cedict = DICTIONARY) -> tuple[str, ...]:
    """The Chinese names of the place an English word names, itself ("China", "Hong Kong") or
    by its people's adjective ("Chinese"): those of its headwords jieba knows as places (so
    "China" is 中国, not 瓷器)."""
    key = phrase_key(name)
    found = (
        *dictionary.headwords([key]).get(key, ()),
        *demonym_places([key], dictionary).get(key, ()),
    )
    return tuple(dict.fromkeys(word for word in found if is_place(word)))


def calendar_terms(query: str) -> list[Translation]:
    """Months and quarters in the other language's own way of writing them, which a dictionary
    misses: Chinese news writes "7月" and "二季度" where English says "July" and "second
    quarter" or "Q2" (CC-CEDICT has only 七月 and no quarters). `ingest.dates` reads them."""
    found: dict[str, tuple[str, ...]] = {}
    for written, month in months_written(query):
        found.setdefault(
            written.lower(), (MONTH_NAMES[month - 1],) if has_cjk(written) else (f"{month}月",)
        )
    for written, n in quarters_written(query):
        english = (f"{QUARTER_ORDINALS[n - 1]} quarter", f"q{n}")
        chinese = (f"{QUARTER_NUMERALS[n - 1]}季度",)
        found.setdefault(written.lower(), english if has_cjk(written) else chinese)
    return [Translation(term, words) for term, words in found.items()]


def translate(query: str, dictionary: Cedict = DICTIONARY) -> list[Translation]:
    """Every term of the query the dictionary, or the calendar, can put into the other
    language (a month the dictionary knows too gets both spellings, as one term)."""
    found = {t.term: t.words for t in chinese_terms(query, dictionary)}
    found.update((t.term, t.words) for t in english_terms(query, dictionary))
    for term in calendar_terms(query):
        found[term.term] = tuple(dict.fromkeys((*term.words, *found.get(term.term, ()))))
    return [Translation(term, words) for term, words in found.items()]


def synonyms(translation: Translation, dictionary: Cedict = DICTIONARY) -> tuple[str, ...]:
    """Other Chinese words for a Chinese term: the headwords whose first gloss is its first gloss
    (卖, "sell": 销售, 出售; not 以来, "since": 由于, which is first "due to"), two characters or
    more (a lone character is inside too many words to say one).
    An English term has none: the words of an English sentence are matched as they stand."""
    if not has_cjk(translation.term) or not translation.words:
        return ()
    key = phrase_key(translation.words[0])
    found = [w for w in dictionary.headwords([key]).get(key, []) if len(w) > 1]
    glosses = dictionary.glosses(found)
    return tuple(
        w for w in found if w != translation.term and phrase_key(glosses.get(w, [""])[0]) == key
    )


def search_terms(
    query: str,
    tokens: list[str],
    dictionary: Cedict = DICTIONARY,
    translations: list[Translation] | None = None,
) -> list[Terms]:
    """The query's translations as search tokens: for each translated term, its alternatives
    (a headword or gloss as tokens), best first. A term the query also says in the other
    language is left out, and so are tokens among the query's own `tokens` (from
    `tokenize(query)`): they count already. So is a headword that loses a stop word to the
    cut (将牌 -> 牌: what is left means something else). `translations`: `translate(query)`,
    when the caller has it already."""
    own = set(tokens)
    found: list[Terms] = []
    if translations is None:
        translations = translate(query, dictionary)
    terms = [t.term for t in translations]
    parts = {p for token in own if token not in terms for p in spelled_by(token, terms)}
    for translation in translations:
        words = translation.words
        if translation.term in parts:  # 黄金 of 黄金价格, which articles write apart: 黄金的价格
            words = (translation.term, *words)
        cuts = ((word, tuple(tokenize(word))) for word in words)
        alternatives = [
            cut
            for word, cut in cuts
            if cut and (not CJK_RUN.fullmatch(word) or "".join(cut) == word)
        ]
        if any(own.issuperset(a) or a[0] in own for a in alternatives):
            continue  # the query says it in both languages ("特朗普 Trump", "Goldman 高盛")
        kept = (tuple(t for t in a if t not in own) for a in alternatives)
        term = tuple(dict.fromkeys(a for a in kept if a))
        if term:
            found.append(term)
    return found


def characters_of_words(
    tokens: list[str], words: Iterable[str]
) -> tuple[list[str], list[tuple[str, ...]]]:
    """A query's `tokens` but the characters jieba cut one of its dictionary `words` into (俄 +
    乌 of 俄乌战争: `translate` joins them back into 俄乌), and those words, each as its
    characters. Search counts such a word once, as the reader wrote one word."""
    words = {w for w in words if len(w) > 1 and CJK_RUN.fullmatch(w)}  # not 5月: a date
    kept: list[str] = []
    joined: list[tuple[str, ...]] = []
    start = 0
    while start < len(tokens):
        for end in range(min(len(tokens), start + _MOST_JOINED), start + 1, -1):
            part = tokens[start:end]
            if all(len(t) == 1 for t in part) and "".join(part) in words:
                joined.append(tuple(part))
                start = end
                break
        else:
            kept.append(tokens[start])
            start += 1
    return kept, joined


def spelled_by(token: str, terms: Iterable[str]) -> list[str]:
    """The translated terms that together spell `token`, a Chinese word of the query the
    dictionary lacks (黄金价格: 黄金, 价格), in order; none when they leave a character out
    (一季度: 季度 alone)."""
    inside = sorted((t for t in terms if has_cjk(t) and t != token and t in token), key=token.index)
    return inside if len(inside) > 1 and "".join(inside) == token else []

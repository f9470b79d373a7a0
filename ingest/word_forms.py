"""English words made from others, looked up as what they are made from: CC-CEDICT has the
verb ("to raise") and the country (巴基斯坦), seldom the verb's other forms ("raised", "fallen",
"falling") or the people's adjective ("Pakistani"), or only in another sense ("fell": 采伐,
"Chinese": 语文). `ingest.crosslingual` translates a query's words through these.
"""

from __future__ import annotations

import re

from ingest.cedict import DICTIONARY, Cedict, phrase_key

_LOWER_CASE_WORD = re.compile(r"\b[a-z]+\b")


def _base_verb(word: str, known: bool) -> str | None:
    """The verb a past form or participle is made from, by lemminflect's tables: "raised",
    "rallied", "rose" and "falling" are "raise", "rally", "rise" and "fall". A word the
    dictionary lacks may be any such form (one the tables lack too, "derisked", by their
    rules); one it has ("fell": 采伐, "rose": 玫瑰, "led": LED) only an irregular past form:
    "advanced" is 先进 and "trading" 交易, as the dictionary says. "shares" is the search's to
    fold."""
    if word.endswith("s") or (known and word.endswith("ing")):
        return None
    # imported here: its tables load on first use (0.2 s), which commands that translate no
    # English question (`marketbrief search` in Chinese, `ingest`) need not wait for
    from lemminflect import getAllLemmas, getLemma

    if word.endswith(("ed", "ing")) and not known:
        lemmas = getLemma(word, upos="VERB")
    else:
        lemmas = getAllLemmas(word, upos="VERB").get("VERB", ())
    base = lemmas[0] if lemmas else word
    regular = word.endswith("ed") and word.startswith(base[:-1])  # "advanced", "rallied"
    return None if base == word or (known and regular) else base


def verb_bases(
    words: list[str], known: bool = False, dictionary: Cedict = DICTIONARY
) -> dict[str, tuple[str, ...]]:
    """The headwords of the verb each form is made from ("raised": those of "raise", "fell":
    "fall", "bought": "buy"): CC-CEDICT glosses verbs in their base form ("to raise"), so
    "Which banks raised their targets?" would find no 上调, "Why have stocks fallen?" nothing,
    and "Why oil fell" only 采伐 ("to fell trees"). `known`: the dictionary has the words
    themselves. Only a base the dictionary has counts. One lookup for all the words."""
    bases = {word: base for word in words if (base := _base_verb(word, known))}
    headwords = dictionary.headwords(set(bases.values()))
    return {word: tuple(headwords[base]) for word, base in bases.items() if base in headwords}


def past_forms(
    text: str, words: list[str], dictionary: Cedict = DICTIONARY
) -> dict[str, tuple[str, ...]]:
    """Of `words`, the ones `text` writes in lower case that the dictionary knows in another
    sense and that are a verb's irregular past ("fell", "rose", "led": not "Fed", "Rose", nor
    LED), with their verb's headwords (`verb_bases`)."""
    lowered = set(_LOWER_CASE_WORD.findall(text))
    return verb_bases([w for w in words if w in lowered], True, dictionary)


# How English makes a people's adjective from its country's name ("Pakistan" -> "Pakistani",
# "Iran" -> "Iranian", "Syria" -> "Syrian", "Italy" -> "Italian"): the ending, and what it
# replaced. CC-CEDICT has the country; the adjective rarely, or in another sense (语文).
_DEMONYM_ENDINGS = (
    ("ian", ""), ("ian", "a"), ("ian", "e"), ("ian", "y"), ("ese", ""), ("ese", "a"),
    ("an", "o"), ("an", ""), ("i", ""), ("n", ""),
)  # fmt: skip
_SHORTEST_NAME = 4


def demonym_places(words: list[str], dictionary: Cedict = DICTIONARY) -> dict[str, tuple[str, ...]]:
    """The Chinese names of the place each people's adjective is made from ("pakistani":
    巴基斯坦), the longest name that fits ("nigerian" is Nigeria's, not Niger's).
    Only a headword the dictionary glosses with that place's name, capitalised, and of two
    characters or more (伊 is Iran's and Iraq's), counts: "chinese" is not made from "chin",
    nor "suburban" from "suburb". One lookup for all the words."""
    names = {
        word: {
            word.removesuffix(ending) + stem
            for ending, stem in _DEMONYM_ENDINGS
            if word.endswith(ending) and len(word) - len(ending) + len(stem) >= _SHORTEST_NAME
        }
        for word in words
    }
    headwords = dictionary.headwords({n for made in names.values() for n in made})
    if not headwords:
        return {}
    glosses = dictionary.glosses({h for found in headwords.values() for h in found})
    places: dict[str, tuple[str, ...]] = {}
    for word, made in names.items():
        for name in sorted(made & headwords.keys(), key=len, reverse=True):
            named = tuple(
                h
                for h in headwords[name]
                if len(h) > 1
                and any(g[:1].isupper() and phrase_key(g) == name for g in glosses.get(h, ()))
            )
            if named:
                places[word] = named
                break
    return places

"""English words made from others, looked up as what they are made from: CC-CEDICT has the
verb ("to raise") and the country (巴基斯坦), seldom the past form ("raised") or the people's
adjective ("Pakistani"), or only in another sense ("Chinese": 语文). `ingest.crosslingual`
translates a query's words through these when the dictionary lacks them.
"""

from __future__ import annotations

from ingest.cedict import DICTIONARY, Cedict, phrase_key

_SHORTEST_PAST = 4  # "used", "owed": a past form this short is too often something else


def verb_bases(words: list[str], dictionary: Cedict = DICTIONARY) -> dict[str, tuple[str, ...]]:
    """The headwords of the verb each past form the dictionary does not know is made from
    ("raised": those of "raise", "lowered": "lower", "dropped": "drop", "rallied": "rally"):
    CC-CEDICT glosses verbs in their base form ("to raise"), so "Which banks raised their
    targets?" would find no 上调 or 提高. Only a base the dictionary has counts ("bed" is made
    from no "b"). One lookup for all the words."""
    made = {
        # "raised", "lowered", "dropped" (its consonant doubled), "rallied"
        word: [word[:-1], word[:-2], word[:-3], word[:-3] + "y"]
        for word in words
        if word.endswith("ed") and len(word) > _SHORTEST_PAST
    }
    headwords = dictionary.headwords({b for bases in made.values() for b in bases if b})
    found: dict[str, tuple[str, ...]] = {}
    for word, bases in made.items():
        base = next((b for b in bases if b in headwords), None)
        if base is not None:
            found[word] = tuple(headwords[base])
    return found


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

"""The names a question writes: in capitals ("ECB") or capitalised inside the sentence ("Chris
Wright", "Jackson Hole"), and whether the dictionary knows a word as a name ("Wright": 赖特)."""

from __future__ import annotations

import re

from ingest.cedict import DICTIONARY, phrase_key
from ingest.dates import DAY_NAMES, MONTH_NAMES

# A word a question writes as a name: in capitals ("ECB", "DSA") or capitalised inside the
# sentence ("Massie", "Apollo"), not its first word; not a month's or a day's name.
_WRITTEN_AS_NAME = re.compile(
    r"(?<=[\s(“\"'‘（])(?:[A-Z][A-Za-z0-9&]*[A-Z0-9&][A-Za-z0-9&]*|[A-Z][a-z]+)"
    r"(?: (?:[A-Z][A-Za-z0-9&]*[A-Z0-9&][A-Za-z0-9&]*|[A-Z][a-z]+))*"
)
_ARTICLE = re.compile(r"^(?:The|A|An)(?: |$)")  # "“The ECB and…”" quoted: the name is ECB
# the words title case leaves in lower case: "What Is the Outlook for Gold?"
_SMALL_WORDS = frozenset("a an the of in on at for to and or by vs".split())  # noqa: SIM905
_CALENDAR = frozenset(m.lower() for name in (*MONTH_NAMES, *DAY_NAMES) for m in (name, name[:3]))


def written_names(question: str) -> list[str]:
    """The names a question writes, as written, a run of capitalised words as one ("ECB" and
    "Chris Wright" of "What did the ECB and Energy Secretary Chris Wright say?"); none in a
    question written in title case ("What Is the Outlook for Gold?"), where capitals are style."""
    latin = re.findall(r"[A-Za-z][A-Za-z0-9&'’]*", question)
    if len(latin) > 2 and not any(w[0].islower() and w not in _SMALL_WORDS for w in latin):
        return []  # title case: every word capitalised
    found = (_ARTICLE.sub("", m[0]) for m in _WRITTEN_AS_NAME.finditer(question))
    return [n for n in dict.fromkeys(found) if n and n.lower() not in _CALENDAR]


def proper(word: str) -> bool:
    """Is the word a name to the dictionary: a headword it glosses with the word capitalised
    ("Wright": 赖特), not a common noun ("technologies": 技术)?"""
    return any(word.capitalize() in g for g in translations(word).values())


def translations(word: str) -> dict[str, list[str]]:
    """The dictionary's headwords for an English word, each with its glosses."""
    key = phrase_key(word)
    return DICTIONARY.glosses(DICTIONARY.headwords([key]).get(key, []))

"""The names a question writes that search knows only by their spelling.

"What did the ECB decide in July?" shares "decide" with a divorce judge's ruling and a
governor's appointment; the dictionary has no word for ECB, so nothing but the spelling tells
the passages about the ECB from those. A name is what the question writes in capitals
("ECB", "CSIS") or capitalised inside the sentence ("Zorblaxx", "Chris Wright", the "Massie"
of "马西（Massie）"). One the symbols in play or the dictionary know ("Nvidia", "CEO", "Tehran")
is no such test: a sentence may say it in the other language, or not at all. The answer quotes
the articles that say one of the others (`about_names`), and with none says so
(`unknown_names`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.gather.said import Name, Said, writes_a_name
from assistant.gather.terms import Names, Wanted, question_terms
from assistant.question.period import without_time_words
from assistant.question.proper_names import proper, translations, written_names
from ingest.language import detect_language, has_cjk
from ingest.models import Hit
from ingest.tokens import terms
from ingest.zhwords import is_place


@dataclass(frozen=True)
class TypedName:
    """A name the question writes, as written, and its term: said by any of its words, their
    translations, or, for an acronym ("CSIS"), the words it abbreviates written out ("Center
    for Strategic and International Studies")."""

    written: str
    term: frozenset[str]

    def said_in(self, text: str, said: Said) -> bool:
        """Does `text` (`said`: what it says) say the name?"""
        spelled = _spelled_out(self.written)
        if said.says(self.term) or (spelled is not None and spelled.search(text) is not None):
            return True
        lowered = text.lower()  # "the Federal Reserve" says the Fed
        return any(name.lower() in lowered for name in _long_names(self.written))


def names_typed(question: str, wanted: Wanted, names: Names = ()) -> list[TypedName]:
    """The names the question writes (`written_names`) that neither the symbols in play
    (`names`) nor the dictionary know: "ECB", "Zorblaxx", "Chris Wright", "TAE Technologies",
    the "Massie" of "马西（Massie）". Search has only their spelling to go on: a passage that
    says none of them is about something else, whatever other words ("decide") it shares with
    the question. Each is said by a word of it that names (Chris, Wright or 赖特; TAE, not
    "technologies"). A name the dictionary knows whole ("CEO", "Tehran") is no such test: a
    sentence may say it in the other language, or not at all (a "US city" asked about)."""
    lowered = question.lower()
    symbols = {frozenset(Name(n.lower()) for n in aliases if n) for aliases in names}
    found: list[TypedName] = []
    for name in written_names(question):
        spelled = {w.lower(): w for w in name.split()}
        words = spelled.keys() | set(terms(name))  # as written, and as search folds them
        groups = {t: g for g in wanted if g not in symbols for t in g if t in words}
        unknown = {
            t
            for t, g in groups.items()
            if all(c in lowered for c in g if has_cjk(c)) or _institution(spelled.get(t, t))
        }
        naming = [g for t, g in groups.items() if t in unknown or proper(spelled.get(t, t))]
        if unknown and naming:
            found.append(TypedName(name, frozenset().union(*naming)))
    return found


# A name of several capitalised words: "European Central Bank", "People's Bank of China".
_NAME_OF_SEVERAL = re.compile(r"[A-Z][\w'’]*(?: (?:of|and|for|the|[A-Z][\w'’]*))+")


def _institution(name: str) -> bool:
    """Is the acronym or the word an institution's to the dictionary: a headword, not a place,
    it glosses with a name of several capitalised words ("ECB": 欧洲央行, the European Central
    Bank; "Fed": 美联储, the Federal Reserve)? A passage must say it, in either language or
    written out, to be about it; an indicator's ("PPI", producer price index, which statistics
    offices write out) or an office's ("CEO") need not."""
    return name[:1].isupper() and name.isalpha() and bool(_long_names(name))


@lru_cache(maxsize=256)
def _long_names(name: str) -> tuple[str, ...]:
    """The names of several capitalised words the dictionary glosses the word's headwords
    with, places' aside ("Fed": "Federal Reserve")."""
    return tuple(
        gloss
        for head, glosses in translations(name).items()
        if not is_place(head)
        for gloss in glosses
        if _NAME_OF_SEVERAL.fullmatch(gloss)
    )


def unknown_names(question: str) -> list[str]:
    """The names the question writes that search can only find as written (`names_typed`)."""
    rest = without_time_words(question)
    return [n.written for n in names_typed(rest, question_terms(rest))]


_CONNECTING = r"(?:(?:of|for|and|the|on|in|&)\s+)*"


@lru_cache(maxsize=256)
def _spelled_out(name: str) -> re.Pattern[str] | None:
    """An acronym's words written out, by their initials ("CSIS": "Center for Strategic and
    International Studies"); None for a name that is no acronym."""
    if not (3 <= len(name) <= 6 and name.isalpha() and name.isupper()):
        return None
    return re.compile(r"\b" + rf"\s+{_CONNECTING}".join(f"{letter}[a-z]+" for letter in name))


def about_names(
    hits: Sequence[Hit], typed: Sequence[TypedName], symbols: Sequence[str], language: str
) -> list[Hit]:
    """The hits of articles that say one of the names the question writes that search knows
    only as written (`names_typed`: "ECB", "Zorblaxx") in a passage found or a headline, or
    name one of the `symbols` in play: one found for the question's other words ("decide") is
    about something else. In the other language only a name it writes as the question does
    ("Marvell" in 迈威尔's news) is looked for: a dictionary's guess at a person's name
    (Jensen Huang as 黄建南) is no test."""
    if not typed:
        return list(hits)
    other = tuple(n for n in typed if all(t.isascii() for t in n.term))
    about: set[str] = set()
    for hit in hits:
        sayable = tuple(typed) if detect_language(hit.chunk.text) == language else other
        if (
            not sayable
            or _passage_says(hit.chunk.text, hit.title, sayable)
            or (bool(symbols) and writes_a_name(hit.chunk.text, hit.title, tuple(symbols)))
        ):
            about.add(hit.chunk.article_id)
    return [hit for hit in hits if hit.chunk.article_id in about]


@lru_cache(maxsize=4096)  # read for each hit of an answer: once per passage
def _passage_says(passage: str, headline: str, names: tuple[TypedName, ...]) -> bool:
    texts = ((passage, Said.of(passage)), (headline, Said.of(headline)))
    return any(name.said_in(text, said) for text, said in texts for name in names)

"""Whose words a question asks, in what a sentence says: "What did Powell say…", "高盛怎么看黄金？",
"What does Rabobank expect next?" of Rabobank's own note.

The names come from the question (`assistant.question.speakers.voices_asked`); here they are
the question's terms (with their translations, so 鲍威尔 answers "Powell"), and a sentence,
an article or an article's own first-person view is told to voice them or not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.gather.said import Said
from assistant.gather.terms import Wanted
from ingest.models import Hit
from ingest.tokens import terms

# An article's own view, in the first person plural: its author's, or the house's it writes for.
_OURS = re.compile(r"\b(?:[Ww]e|[Oo]ur)\b|我们")


def voice_terms(asked: list[str], wanted: Wanted) -> Wanted:
    """The question's terms (`wanted`) for the names whose words it asks (`asked`)."""
    words = {w for name in asked for w in terms(name)}
    return [
        g
        for g in wanted
        if any((t in words) if t.isascii() else any(t in name for name in asked) for t in g)
    ]


def voiced(said: list[Said], voices: Wanted) -> bool:
    """Does the sentence itself name one whose words the question asks?"""
    return any(p.says(g) for p in said for g in voices)


def ours(text: str) -> bool:
    """Is the sentence its article's own view ("Our baseline forecast is…", "我们认为")?"""
    return _OURS.search(text) is not None


def naming(hits: Sequence[Hit], voices: Wanted) -> set[str]:
    """The articles whose headline or one of `hits` (their retrieved passages) names a voice."""
    return _naming([(h.chunk.article_id, (h.title, h.chunk.text)) for h in hits], voices)


def bylined(hits: Sequence[Hit], voices: Wanted) -> set[str]:
    """The articles whose headline or opening passage names a voice ("By Philip Marey, senior
    US strategist at Rabobank"): their own views (`ours`) are that voice's."""
    opening = [(h.chunk.article_id, (h.title, h.chunk.text if h.chunk.ordinal == 0 else ""))
               for h in hits]  # fmt: skip
    return _naming(opening, voices)


def _naming(texts: list[tuple[str, tuple[str, str]]], voices: Wanted) -> set[str]:
    if not voices:
        return set()
    read: dict[str, bool] = {}  # a headline is read once, however many passages it heads

    def names_one(text: str) -> bool:
        if text not in read:
            read[text] = bool(text) and any(Said.of(text).says(g) for g in voices)
        return read[text]

    return {article_id for article_id, pair in texts if any(map(names_one, pair))}

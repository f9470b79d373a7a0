"""Another language's sentence in a brief: a marked quotation, never running prose.

    block("Stocks fell on tariff fears.", 3, reference, "zh")
        # "> 据CNBC（2026年7月20日）报道：Stocks fell on tariff fears[3]."
    inline("> 据CNBC（2026年7月20日）报道：Stocks fell on tariff fears[3].", "zh")
        # '据CNBC（2026年7月20日）报道：“Stocks fell on tariff fears.”[3]'  (a takeaway)

The lead-in is in the reader's language and says who reported it and when; the words are the
article's own. A block quotation stands as its own paragraph. The offline composer marks
another language's sentence in a step's answer the same way, and the brief keeps such a
quotation as it is; to shorten one into a takeaway, its lead-in and its words are told apart
at the lead-in's colon.
"""

from __future__ import annotations

import re

from assistant.answer.citations import MARKER_GROUP, strip_markers
from assistant.answer.model import Language, Reference
from assistant.gather.sources import reporter
from assistant.locale import message
from assistant.offline import quoting

_LEAD_END = re.compile(r"：|: ")


def block(words: str, n: int, reference: Reference, language: Language) -> str:
    """The sentence as a block quotation citing `[n]` (as the offline composer quotes)."""
    source = reporter(reference.source, reference.url, language)
    return quoting.quotation(words, n, source, reference.date, language)


def inline(quotation: str, language: Language) -> str:
    """A block quotation as one line: the lead-in, then the words in quotation marks."""
    body = " ".join(line.lstrip(">").strip() for line in quotation.splitlines()).strip()
    markers = "".join(group[1] for group in MARKER_GROUP.finditer(body))
    split = _LEAD_END.search(body)
    if split is None:
        return body
    lead, words = body[: split.end()], strip_markers(body[split.end() :]).strip()
    return message("research.quote_inline", language, lead=lead, words=words, cite=markers)

"""How an article's sentence is said in an answer: cited, and where needed marked.

- `cite`: the marker before the closing punctuation, as the seeds do ("…涨势[1]。");
- `quotation`: a sentence in the other language than the reader's, as a block quotation with a
  lead-in in the reader's language saying who reported it and when
  ("> 据CNBC（2026年7月28日）报道：Semiconductor stocks fell…[1]");
- `dated`: a sentence from an article written away from the answer's day (`needs_date`), with
  its source and date ("…8.2%的回报率（Ginlix AI，2026年1月24日）[1]。"): its "year to date"
  is not the answer's;
- `paragraph`: sentences run on, each quotation a block of its own after them; quotations in a
  row from one source and day are one block under one lead-in.

The offline composer and the research brief both say sentences this way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from assistant.answer.citations import strip_markers
from assistant.answer.model import Language
from assistant.locale import format_date, message
from ingest.language import detect_language
from tools.period_labels import before_period

DATED_AFTER_DAYS = 7  # an article older than this (against the figures' day) is quoted dated

_SENTENCE_END = "。．.！!？?；;"
_QUOTE_CLOSE = "”’」』\"'"


def _closed(text: str) -> bool:
    """Does the sentence end with a closing quote after its full stop ("…。”")?"""
    return len(text) >= 2 and text[-2] in _SENTENCE_END and text[-1] in _QUOTE_CLOSE


def before_end(text: str, addition: str) -> str:
    """The addition placed before the sentence's closing punctuation (after "…。”", which
    ends the sentence already)."""
    stripped = text.rstrip()
    if stripped and stripped[-1] in _SENTENCE_END:
        return stripped[:-1] + addition + stripped[-1]
    return stripped + addition


def cite(text: str, n: int) -> str:
    """The sentence citing `[n]`, ended with a full stop when it has none: its language's, not
    that of its last word ("香农芯创：上半年净利润同比预增2117.54%" ends with 。)."""
    stripped = text.rstrip()
    if _closed(stripped) or (stripped and stripped[-1] in _SENTENCE_END):
        return before_end(stripped, f"[{n}]")
    return stripped + f"[{n}]" + ("。" if detect_language(stripped) == "zh" else ".")


def lead_in(source: str, published: dt.date | None, language: Language) -> str:
    """Who reported it and when: 据CNBC（2026年7月28日）报道： / CNBC (July 28, 2026) reports:"""
    if published is None:
        lead = message("quote.lead", language, source=source)
    else:
        lead = message("quote.lead_dated", language, source=source,
                       date=format_date(published, language))  # fmt: skip
    # It opens the quotation: "An article …", "Wallstreetcn.com …"; a brand spelled in mixed
    # case keeps its spelling ("eToro").
    first = lead.split(" ", 1)[0]
    return lead if first != first.lower() else lead[:1].upper() + lead[1:]


class Quotation(str):
    """A block quotation ("> lead-in + sentences"), knowing its lead-in and what it quotes, so
    that `paragraph` can put the next sentence of the same article under the same lead-in."""

    lead: str
    quoted: str

    def __new__(cls, lead: str, quoted: str) -> Quotation:
        made = super().__new__(cls, f"> {lead}{quoted}")
        made.lead, made.quoted = lead, quoted
        return made

    def then(self, other: str) -> Quotation | None:
        """This quotation with `other` after it, when that has the same lead-in (the same
        source and day, each sentence citing its own article), joined as its language joins
        sentences; None otherwise."""
        if not isinstance(other, Quotation) or other.lead != self.lead:
            return None
        between = message("join.sentences", detect_language(other.quoted))
        return Quotation(self.lead, self.quoted + between + other.quoted)


def quotation(
    words: str, n: int, source: str, published: dt.date | None, language: Language
) -> Quotation:
    """Another language's sentence as a block quotation citing `[n]`."""
    return Quotation(lead_in(source, published, language), cite(strip_markers(words), n))


def dated(words: str, n: int, source: str, published: dt.date, language: Language) -> str:
    """An old article's sentence with its source and date, citing `[n]`."""
    when = message("quote.dated", language, source=source, date=format_date(published, language))
    return cite(before_end(words, when), n)


def paragraph(sentences: Iterable[str], language: Language) -> str:
    """Sentences run on; a quotation (a "> " block) stands as its own block after them, the
    sentences quoted in a row from one source and day under one lead-in: "Stock.eastmoney.com
    (August 7, 2026) reports:" said once over two of its sentences, not twice."""
    items = [s for s in sentences if s]
    joiner = message("join.sentences", language)
    prose = joiner.join(s for s in items if not s.startswith(">"))
    blocks: list[str] = []
    for quoted in (s for s in items if s.startswith(">")):
        last = blocks[-1] if blocks else None
        joined = last.then(quoted) if isinstance(last, Quotation) else None
        if joined is None:
            blocks.append(quoted)
        else:
            blocks[-1] = joined
    return "\n\n".join(p for p in (prose, *blocks) if p)


def needs_date(published: dt.date, day: dt.date | None, period: str | None) -> bool:
    """Was the article written away from the day of the answer's figures (`day`; without
    figures, the newest commentary's): well before, after the morning after, before the period
    they are for began (last week's "best week since April" is not this week's, though written
    days ago), or, for one day's figures, on another day than it and its morning?"""
    if day is None:
        return False
    before = (day - published).days
    if not -1 <= before <= (0 if period == "1D" else DATED_AFTER_DAYS):
        return True
    return period is not None and before_period(published, period, day)

"""Sentences that are another company's news, in an article on the one asked about.

A retrieved article may be about the company the question names and still hold other news: a
ratings roundup gives every bank's target, a digest one line to each company. A sentence naming
another listed company and none of those asked about is that company's news (`on_another`).

Chinese market digests (东方财富网's 重大事项公告, 36氪's 8点1氪) head each line with what it is
about, then a full-width colon: "中信证券：上半年净利润同比预增69.59%". A question that writes
one line's head asks about that, and the lines headed by others are their news, however many
of the question's other words they share (上半年, 净利润). These names need no list: the digest
marks them, and the question writes one (`of_the_items_asked`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from assistant.gather.said import names_written
from assistant.gather.sentences import split_text
from assistant.gather.terms import Names
from ingest.models import Hit
from tools.companies import find_companies

# A name, then the colon a digest's line opens with: "中信证券：", "*ST华微：", "美股市场：".
# Not a date ("7月10日：").
_HEAD = re.compile(r"\s*([*A-Za-z0-9\u4e00-\u9fff]{2,12})：")
_DATE = re.compile(r"\d+\s*[年月日号]")
LIST_COMPANIES = 4  # a sentence naming more companies than this is a list of them


class Quoted(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def hit(self) -> Hit: ...


Q = TypeVar("Q", bound=Quoted)


def about_companies(found: Sequence[Q], companies: Names, speakers: Names = ()) -> list[Q]:
    """Only what is about a company the question names: sentences from articles whose headline
    or a retrieved passage names it, other than as one of a list (`_named_apart`). "What lifted
    GameStop's first-quarter sales?" is not answered by ASML's first-quarter sales, however
    many of its words that sentence shares. Nor by a sentence naming another company only
    (`on_another`); one naming the source of the view asked (`speakers`: "Goldman raised its
    target to $250") is on the question."""
    names = tuple(n.lower() for aliases in companies for n in aliases if n)
    if not names:
        return list(found)
    hits = {c.hit.chunk.id: c.hit for c in found}.values()  # each passage read once
    about = {
        hit.chunk.article_id
        for hit in hits
        if names_written(hit.title, names) or _named_apart(hit.chunk.text, names)
    }
    named = names + tuple(n.lower() for aliases in speakers for n in aliases if n)
    return [c for c in found if c.hit.chunk.article_id in about and not on_another(c.text, named)]


def _named_apart(passage: str, names: tuple[str, ...]) -> bool:
    """Does a sentence of the passage name the company other than as one item of a list of
    companies ("Goldman highlighted Alphabet, Tesla, Uber, Aurora, Amazon…")? An article that
    names it only so is about the list's theme, not about it."""
    for sentence in split_text(passage):
        if names_written(sentence, names):
            listed = {symbol for _, _, symbol in find_companies(sentence) if symbol}
            if len(listed) <= LIST_COMPANIES:
                return True
    return False


def on_another(text: str, names: tuple[str, ...]) -> bool:
    """Does the sentence name another listed company and none the question names? It is that
    company's news, though its article names the one asked about: a digest's item on NIO's
    paper gain after its item on Apple's outage, another bank's target in a ratings roundup."""
    return any(symbol for _, _, symbol in find_companies(text)) and not names_written(text, names)


def item_head(text: str) -> str | None:
    """What a digest's line is headed by, or None for a sentence with no head."""
    match = _HEAD.match(text)
    if match is None or _DATE.search(match[1]):
        return None
    return match[1]


def of_the_items_asked(found: Sequence[Q], question: str) -> list[Q]:
    """`found` without the other lines' news, when the question writes the head of one line:
    for "中信证券上半年净利润预计多少？", "香农芯创：上半年净利润同比预增2117.54%" is another
    company's news, and so is a sentence opening with another line's head ("香农芯创公告，预计…")
    that does not name the one asked about. Every other sentence stays."""
    heads = {head for c in found if (head := item_head(c.text))}
    asked = tuple(head for head in heads if head in question)
    others = tuple(heads.difference(asked))
    if not asked:
        return list(found)
    return [
        c
        for c in found
        if any(name in c.text for name in asked) or not c.text.lstrip().startswith(others)
    ]

"""An article's own outline: the numbered headings it lists its points under.

"Which pain trades does HSBC's strategist list here?" is answered by the article's "Pain trade
#1: The AI trade continues unabated" … "#6: …", "这篇文章提了哪几条措施？" by its "一、优化住房
限购政策", "二、…": short lines without a full stop, which a sentence ranking never quotes, but
which together are what the article lists. An outline is a run numbered from one (1, 2, 3…),
the first such run of at least two items in the article's own order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ingest.models import Hit

MAX_ITEM_CHARS = 110  # longer is a paragraph that happens to start with a number
_CHINESE_NUMERALS = "一二三四五六七八九十"
_VALUE = {c: n for n, c in enumerate(_CHINESE_NUMERALS[:9], start=1)}
# "Pain trade #3: An explosive USD rally", "3. Not Diversifying", "3) …", "三、好行业与好标的",
# "第三，具备可规模化应用的能力。"
_ITEM = re.compile(
    r"^(?:[^\W\d_][\w '’&-]{0,30}?\s*#\s*(?P<hash>\d{1,2})\s*[:：.]"
    r"|(?P<digit>\d{1,2})[.)]\s"
    rf"|(?P<chinese>[{_CHINESE_NUMERALS}]{{1,2}})、"
    rf"|第(?P<ordinal>[{_CHINESE_NUMERALS}]{{1,2}})[，,、:：])\s*(?P<text>\S.*)$"
)


def _number(written: str) -> int:
    """1-99 from "3", "三" or "十二"."""
    if written.isdigit():
        return int(written)
    tens, ten, ones = written.partition("十")
    if not ten:
        return _VALUE[written]
    return (_VALUE[tens] if tens else 1) * 10 + (_VALUE[ones] if ones else 0)


class Item(NamedTuple):
    """One heading: its line as written, and its words after the number."""

    line: str
    text: str


def _items(hits: Sequence[Hit]) -> list[tuple[int, Item]]:
    """(number, heading) for every numbered line of the article's passages, in its order, once
    (passages of one article overlap)."""
    seen: set[str] = set()
    found: list[tuple[int, Item]] = []
    for hit in sorted(hits, key=lambda h: h.chunk.ordinal):
        for line in hit.chunk.text.split("\n"):
            line = " ".join(line.split())
            match = _ITEM.match(line)
            if match is None or len(line) > MAX_ITEM_CHARS or line in seen:
                continue
            seen.add(line)
            number = next(g for g in ("hash", "digit", "chinese", "ordinal") if match[g])
            text = match["text"].rstrip("。.；;，,")
            found.append((_number(match[number]), Item(line, text)))
    return found


def outline(hits: Sequence[Hit]) -> list[Item]:
    """The article's first numbered run of at least two headings (1, 2, 3…)."""
    run: list[Item] = []
    for number, item in _items(hits):
        if number == len(run) + 1:
            run.append(item)
        elif len(run) >= 2:
            break
        elif number == 1:
            run = [item]
        else:
            run = []
    return run if len(run) >= 2 else []

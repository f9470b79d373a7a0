"""Counts written as words: "3", "三", "十二", "两", "two". One reader for the numbered items of
an article's list ("三、好行业与好标的", `assistant.gather.outline`) and the spans a question
counts back ("近两个月", "the last three weeks", `assistant.question.period`).
"""

from __future__ import annotations

import re

CHINESE_DIGITS = "一二三四五六七八九"
_CHINESE_VALUE = {c: n for n, c in enumerate(CHINESE_DIGITS, start=1)} | {"两": 2}
_ENGLISH = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve")  # fmt: skip
_ENGLISH_VALUE = {word: n for n, word in enumerate(_ENGLISH, start=1)}

# A count as a question or a heading writes it: digits, Chinese numerals up to 99, or an
# English word up to twelve (for a regex; `count_of` reads what it matched).
COUNT = (
    rf"\d{{1,3}}|[{CHINESE_DIGITS}两]?十[{CHINESE_DIGITS}]?|[{CHINESE_DIGITS}两]"
    rf"|\b(?:{'|'.join(sorted(_ENGLISH, key=len, reverse=True))})\b"
)
_WHOLE = re.compile(COUNT, re.I)


def count_of(written: str) -> int | None:
    """The number a count writes ("3", "三", "十二", "两", "Two"); None for anything else."""
    written = written.strip()
    if not _WHOLE.fullmatch(written):
        return None
    if written.isdigit():
        return int(written)
    if (english := _ENGLISH_VALUE.get(written.lower())) is not None:
        return english
    tens, ten, ones = written.partition("十")
    if not ten:
        return _CHINESE_VALUE[written]
    return (_CHINESE_VALUE[tens] if tens else 1) * 10 + (_CHINESE_VALUE[ones] if ones else 0)

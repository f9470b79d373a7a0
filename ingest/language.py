"""Which language a text is in, and where its Chinese is: the one definition of "Chinese".

Chinese here is the CJK ideographs: the unified block, extension A and the compatibility
ideographs (what jieba, the passage scorer and language detection all read as Chinese). CJK
punctuation and full-width forms ("，", "（", "％") are not Chinese words, but a Latin font
cannot draw them either, so `has_cjk(text, punctuation=True)` counts them too.

A text is Chinese when its Chinese characters are at least as many as its Latin words: a
Chinese character carries about as much as a word, so a Chinese article quoting English names
stays Chinese and an English question naming 华尔街见闻 stays English.
"""

from __future__ import annotations

import re
from typing import Literal

IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # a range for inside [...] of a regex
CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"  # CJK symbols and punctuation, full-width forms
CJK_RUN = re.compile(f"[{IDEOGRAPHS}]+")
# A share class, written with its Latin letter: A股 (yuan shares in Shanghai and Shenzhen), B股,
# H股 (Hong Kong's). The letter is part of the Chinese word, not an English word ("A" is a stop
# word), so a run of Chinese as `chinese_runs` reads it begins with it. English writes the same
# word "A-shares" ("Chinese A-shares retreated"), which `share_classes` writes as Chinese does:
# search and coverage then read one word in either language.
SHARE_CLASS_LETTER = r"(?<![A-Za-z0-9])[A-Za-z](?=股)"  # a piece of a regex, as IDEOGRAPHS is
_CHINESE_RUN = re.compile(f"(?:{SHARE_CLASS_LETTER})?[{IDEOGRAPHS}]+")
_ENGLISH_SHARE_CLASS = re.compile(r"(?<![A-Za-z0-9-])([A-Za-z])-[Ss]hares?\b")
_IDEOGRAPH = re.compile(f"[{IDEOGRAPHS}]")
_IDEOGRAPH_OR_PUNCTUATION = re.compile(f"[{CJK_PUNCTUATION}{IDEOGRAPHS}]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
SAMPLE_CHARS = 4_000  # an article's opening says its language as well as its whole text

Language = Literal["zh", "en"]


def has_cjk(text: str, *, punctuation: bool = False) -> bool:
    """True when `text` has a Chinese character (or, with `punctuation`, also a CJK
    punctuation mark or full-width form)."""
    pattern = _IDEOGRAPH_OR_PUNCTUATION if punctuation else _IDEOGRAPH
    return pattern.search(text) is not None


def share_classes(text: str) -> str:
    """`text` with each share class English writes as Chinese writes it: "A-shares" is A股."""
    return _ENGLISH_SHARE_CLASS.sub(lambda m: m[1].upper() + "股", text)


def chinese_runs(text: str) -> list[str]:
    """The runs of Chinese in `text`, a share class's letter in capitals with its 股 ("A股",
    and English's "A-shares")."""
    return [run[0].upper() + run[1:] for run in _CHINESE_RUN.findall(share_classes(text))]


def cjk_count(text: str) -> int:
    """How many Chinese characters `text` has."""
    return len(_IDEOGRAPH.findall(text))


def detect_language(text: str) -> Language:
    """'zh' when Chinese characters are at least as many as Latin words, else 'en' (read from
    the first SAMPLE_CHARS characters)."""
    sample = text[:SAMPLE_CHARS]
    chinese = cjk_count(sample)
    return "zh" if chinese and chinese >= len(_LATIN_WORD.findall(sample)) else "en"

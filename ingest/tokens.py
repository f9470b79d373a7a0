"""Tokens for the lexical index and the local embedding: jieba words for Chinese, lowercase
words and numbers for English.

Both sides of a search (documents and queries) go through this one function, so whatever it
does (dropping stop words, folding plurals) matches on both. jieba runs without its HMM
new-word finder: a third faster, and an unknown name then falls into single characters on
both sides alike, which still matches. Its words come from `ingest.zhwords`, which cuts as
jieba does but loads only the part of the dictionary a text needs (a search starts in
milliseconds instead of a second or two).
"""

from __future__ import annotations

import re

from ingest.zhwords import cut

CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TOKEN = re.compile(
    r"(?P<cjk>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)"
    r"|(?P<word>s&p|[a-z][a-z0-9]*(?:'[a-z]+)?)"
    r"|(?P<num>\d+(?:[.,]\d+)*%?)"
)
EN_STOPWORDS = frozenset(
    """a an and are as at be been but by can could did do does for from had has have how i if
    in into is it its it's may might more most much no not of on or our over said says so such
    than that the their them then there these they this those to too up was we were what when
    where which while who why will with would you your""".split()  # noqa: SIM905
)
ZH_STOPWORDS = frozenset(
    """的 了 在 是 和 与 及 等 对 为 将 也 而 但 这 那 其 之 或 于 被 把 从 以 并 就 都 又 则
    一个 我们 他们 以及 因此 由于 如果 可以 已经 进行 通过 随着 其中 这些 这种 该""".split()  # noqa: SIM905
)
_CACHE_LIMIT = 300_000
_cut_cache: dict[str, list[str]] = {}


def _cut(run: str) -> list[str]:
    """jieba words of one CJK run, cached: news repeats the same short runs a lot."""
    words = _cut_cache.get(run)
    if words is None:
        if len(_cut_cache) > _CACHE_LIMIT:
            _cut_cache.clear()
        words = [w for w in cut(run) if w not in ZH_STOPWORDS]
        _cut_cache[run] = words
    return words


def _fold(word: str) -> str:
    """A light English stemmer: plurals to singular (risks -> risk, companies -> company)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokenize(text: str) -> list[str]:
    """The search tokens of `text`, in order."""
    tokens: list[str] = []
    for match in _TOKEN.finditer(text.lower()):
        kind = match.lastgroup
        value = match.group()
        if kind == "cjk":
            tokens.extend(_cut(value))
        elif kind == "word":
            if value not in EN_STOPWORDS:
                tokens.append(_fold(value))
        else:
            tokens.append(value)
    return tokens


def is_cjk(token: str) -> bool:
    return bool(CJK_RUN.match(token))

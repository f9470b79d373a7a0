"""Tokens for the lexical index and the local embedding: jieba words for Chinese, lowercase
words and numbers for English.

Both sides of a search (documents and queries) go through this one function, so whatever it
does (dropping stop words, folding plurals) matches on both. jieba runs without its HMM
new-word finder: a third faster, and an unknown name then falls into single characters on
both sides alike, which still matches. Its words come from `ingest.zhwords`, which cuts as
jieba does but loads only the part of the dictionary a text needs (a search starts in
milliseconds instead of a second or two).

`terms` is the other view of a text, with the same stop words: the set of its content words,
for scoring how much of a question a sentence covers.
"""

from __future__ import annotations

import re

from ingest.language import IDEOGRAPHS, SHARE_CLASS_LETTER, chinese_runs, share_classes
from ingest.zhwords import cut

# What `tokenize` makes of a text, by version: a library whose chunks were cut by another
# version re-cuts them when it opens (`ingest.lexical.upgrade_tokens`). 2: "U.S." is "us";
# 3: "losses" is "loss", "taxes" "tax"; 4: "A股" is one word, not the stop word "a" and 股;
# 5: and so is English's "A-shares"; 6: 怎么样, 为何 and the other question words are stop words.
VERSION = "6"

_TOKEN = re.compile(
    rf"(?P<share>{SHARE_CLASS_LETTER}股)"  # A股 is one word (`chinese_runs`)
    rf"|(?P<cjk>[{IDEOGRAPHS}]+)"
    r"|(?P<word>s&p|[a-z][a-z0-9]*(?:'[a-z]+)?)"
    r"|(?P<num>\d+(?:[.,]\d+)*%?)"
)
# Words that say nothing about a text's subject: function words, and the question words and
# time words a question is framed with (its period is read separately).
EN_STOPWORDS = frozenset(
    """a about an and are as at be been but by can could did do does doing done far for from had
    has have how i if in into is it its it's may might more most much no not of on or our over said
    says should so such than that the their them then there these they this those to today too up
    versus vs was we were what when where which while who whom why will with would year years
    you your""".split()  # noqa: SIM905
)
ZH_STOPWORDS = frozenset(
    """的 了 在 是 和 与 及 等 对 为 将 也 而 但 这 那 其 之 或 于 被 把 从 以 并 就 都 又 则
    一个 我们 他们 以及 因此 由于 如果 可以 已经 进行 通过 随着 其中 这些 这种 该
    是否 是不 不是 什么 如何 为什么 哪些 怎么 多少 今年
    怎么样 怎样 怎么办 为何 为啥 什么样 哪个 哪里""".split()  # noqa: SIM905
)
_WORD_AS_WRITTEN = re.compile(r"[A-Za-z][A-Za-z0-9&'-]+")  # "S&P", "small-cap", "Fed's"
# An abbreviation written with dots is the word written without them: "U.S." is "US".
_DOTTED = re.compile(r"(?<![A-Za-z.])((?:[A-Za-z]\.){2,})")
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


# Plurals that add "es" to a word ending in a hiss (losses, taxes, matches, crashes): "losses"
# is "loss", not "losse", or a question's "loss" would never find a text's "losses".
_ES_PLURALS = ("sses", "xes", "ches", "shes")


def _fold(word: str) -> str:
    """A light English stemmer: a possessive to its word (GameStop's -> gamestop, companies' ->
    company) and plurals to singular (risks -> risk, companies -> company, losses -> loss)."""
    word = word.removesuffix("'s").rstrip("'")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(_ES_PLURALS):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _written(text: str) -> str:
    """`text` with its abbreviations undotted ("U.S." is "US") and its share classes as Chinese
    writes them ("A-shares" is A股)."""
    return _DOTTED.sub(lambda m: m.group(1).replace(".", "") + " ", share_classes(text))


def tokenize(text: str) -> list[str]:
    """The search tokens of `text`, in order."""
    tokens: list[str] = []
    for match in _TOKEN.finditer(_written(text).lower().replace("’", "'")):  # GameStop’s
        kind = match.lastgroup
        value = match.group()
        if kind == "share":
            tokens.append(value.upper())  # as written: "A股"
        elif kind == "cjk":
            tokens.extend(_cut(value))
        elif kind == "word":
            if value not in EN_STOPWORDS:
                tokens.append(_fold(value))
        else:
            tokens.append(value)
    return tokens


def terms(text: str) -> set[str]:
    """The content words of a short text, for measuring how much two texts share (the offline
    composer scores sentences by the question's terms they cover): English words lower-cased,
    plurals folded as `tokenize` folds them ("prices" is "price"), and Chinese character
    bigrams (a lone character alone), without stop words. Bigrams rather than jieba words: a
    question and a sentence then share "小盘" whether jieba cuts "小盘股" or "小盘" from each."""
    text = _written(text)
    words = map(str.lower, _WORD_AS_WRITTEN.findall(text))
    found = {_fold(w) for w in words if w not in EN_STOPWORDS}
    for run in chinese_runs(text):
        found |= {run[i : i + 2] for i in range(len(run) - 1)} if len(run) > 1 else {run}
    return found - ZH_STOPWORDS

"""What the offline path searches the library for: the question, without the words that
only say when, plus the names of what it asks about in the other language, so that lexical
search finds both languages' articles.
"""

from __future__ import annotations

import datetime as dt
import re

from assistant.answer.model import Language
from assistant.gather.said import names_written
from assistant.locale import period_label
from assistant.question.parse import ParsedQuestion
from assistant.question.period import without_time_words
from assistant.question.vocabulary import Vocabulary
from ingest.language import has_cjk
from ingest.named_periods import named_period
from ingest.tokens import tokenize
from tools.period_labels import months_of

# What an index's name says of its kind ("标普500指数", "Hang Seng Index"), not which it is.
_INDEX_WORD = re.compile(r"\s*(?:指数|index)$", re.I)


def _searched_name(vocabulary: Vocabulary, symbol: str, language: Language) -> str:
    """The symbol's name in `language`: a company's shortest, as articles write it most (美光,
    not 美光科技, which would be searched as one term); an index's without its kind where the
    rest is a name of it too: "标普500" for 标普500指数. The query's own words already say
    which index, and 指数, which search translates to "index", would find every English "S&P
    500 Snapshot: Index Drops…" before a strategist's "Morgan Stanley hikes S&P 500 target"."""
    name = vocabulary.name(symbol, language)
    if vocabulary.is_stock(symbol):  # "美光" and "Micron", as articles write them
        written = [a for a in vocabulary.aliases(symbol) if len(a) > 1 and a != symbol]
        return min((a for a in written if has_cjk(a) == has_cjk(name)), key=len, default=name)
    short = _INDEX_WORD.sub("", name)
    return short if short != name and short in vocabulary.aliases(symbol) else name


def _names_quoted(text: str, vocabulary: Vocabulary) -> str:
    """The text with each proper name of several words it writes in English in double quotes:
    one term in search (`ingest.ranking.quoted`), as a name added in the other language is.
    "What did Goldman say about the S&P 500 target?" asks of Goldman, whom "S&P" and "500"
    would outvote two to one. Not a name in plain words ("oil prices", "chip stocks"), each of
    which says what it is about, nor a Chinese one, which jieba cuts as it cuts the articles."""
    for start, end, _ in reversed(vocabulary.mentions(text)):
        name = text[start:end]
        if name[:1].isupper() and not has_cjk(name) and len(tokenize(name)) > 1:
            text = f'{text[:start]}"{name}"{text[end:]}'
    return text


def search_query(question: ParsedQuestion, vocabulary: Vocabulary, previous: str | None) -> str:
    """The question, plus the names in the other language of the symbols it asks about and of
    those it cites as the source of a view (Goldman Sachs is 高盛 in a Chinese report of its
    forecast), and in its own where it writes only a ticker, plus (for a follow-up that
    names nothing, "为什么？", and was not restated) the previous question, so lexical search
    finds both languages' articles."""
    other: Language = "en" if question.language == "zh" else "zh"
    named = [*question.asked_symbols[:4], *question.speakers[:2]]
    names = [_searched_name(vocabulary, s, other) for s in named]
    # asked by its ticker ("AMAT", "NVDA的目标价"), a company is named in its own language too:
    # articles write "Applied Materials" and 英伟达
    names += [
        vocabulary.name(s, question.language)
        for s in named
        if names_written(question.text, [s])
        and not names_written(question.text, vocabulary.aliases(s))
    ]
    # "last week" is the period, not the topic; a question of time words alone keeps them
    text = without_time_words(question.text)
    if not text.strip(" ?？"):
        text = question.text
    text = _names_quoted(text, vocabulary)
    # a name of several words is one term (`ingest.ranking.quoted`): "Goldman Sachs" is not two
    # words that outvote the question's own
    added = [n for n in dict.fromkeys(names) if n not in question.text]
    parts = [text, *[f'"{n}"' if len(tokenize(n)) > 1 else n for n in added]]
    # a follow-up restated ("它的目标价" as "英伟达的目标价") names its subject already
    if question.carried_over and question.typed is None and previous:
        parts.insert(0, previous)
    # "Why?" two turns after "How did the Russell 2000 do in July?" (then "And the Nasdaq?")
    # asks of July still: the month an earlier turn named, where no turn searched names it
    query = " ".join(parts)
    month = question.period if question.period_carried else None
    if month and months_of(month) and not named_period(query, question.as_of or dt.date.today()):
        query += " " + period_label(month, question.language)
    return query

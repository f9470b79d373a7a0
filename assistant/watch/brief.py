"""What a watch brief adds to a research brief: the new articles, the feeds that failed, and
the one line that says there is nothing new.

- The new articles are those the subscribed feeds carried that mention something watched (a
  symbol by its ticker or any of its names, a topic by its words) and that no earlier brief
  named; with nothing but feeds watched, every article of the feeds counts. They are listed
  in their own section, each cited as an ordinary article reference of the brief.
- A feed that failed is a notice of the brief (and all of them failing says the feeds need the
  network), so a reader sees what the brief could not read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from assistant.answer.links import defang_answer
from assistant.answer.model import Answer, Flag, Language, Reference, Section
from assistant.locale import format_date
from assistant.locale.catalog import message
from assistant.question.vocabulary import Vocabulary
from assistant.research.brief import Brief
from assistant.watch.model import WatchItem
from assistant.watch.store import FeedOutcome, NewArticle
from ingest.models import Article

MAX_LISTED = 40  # articles listed in a brief; the rest are counted
_LATIN = re.compile(r"[0-9A-Za-z]")


def watched_terms(items: Sequence[WatchItem], vocabulary: Vocabulary) -> list[str]:
    """Every word a mention of the watchlist may be written as (tickers, names, topics)."""
    terms: list[str] = []
    for item in items:
        if item.kind == "symbol":
            terms += [item.value, item.value.removeprefix("^"), *vocabulary.aliases(item.value)]
        elif item.kind == "topic":
            terms.append(item.value)
    return [t for t in dict.fromkeys(terms) if len(t.strip()) >= 2]


def mentions(article: Article, terms: Sequence[str], symbols: Iterable[str]) -> bool:
    """Does the article name something watched: a ticker it is tagged with, or any term (Latin
    terms as whole words, in any case; a topic of several words when all of them appear)."""
    if set(article.tickers) & set(symbols):
        return True
    text = f"{article.title}\n{article.text}".casefold()
    return any(_found(term.casefold(), text) for term in terms)


def _found(term: str, text: str) -> bool:
    words = term.split()
    if len(words) > 1:
        return all(_found(word, text) for word in words)
    if not _LATIN.search(term):
        return term in text
    return re.search(rf"(?<![0-9a-z]){re.escape(term)}(?![0-9a-z])", text) is not None


def new_articles(
    articles: Iterable[Article],
    items: Sequence[WatchItem],
    vocabulary: Vocabulary,
    reported: set[str],
) -> list[NewArticle]:
    """The articles to report: watched, and not named by an earlier brief (newest first)."""
    terms = watched_terms(items, vocabulary)
    symbols = [i.value for i in items if i.kind == "symbol"]
    everything = not terms
    found = [
        NewArticle(article_id=a.id, title=a.title, source=a.source, date=a.published, url=a.url)
        for a in articles
        if a.id not in reported and (everything or mentions(a, terms, symbols))
    ]
    return sorted(found, key=lambda a: a.date or dt.date.min, reverse=True)


def with_articles(brief: Brief, articles: Sequence[NewArticle], *, first: bool) -> Brief:
    """The brief with its new-articles section (after the first section), each article cited
    (an article the brief already cites keeps its number)."""
    answer = brief.answer
    lang = answer.language
    references = list(answer.references)
    by_article = {r.article_id: r.n for r in references if r.article_id}
    lines = []
    for article in articles[:MAX_LISTED]:
        n = by_article.get(article.article_id)
        if n is None:
            n = max((r.n for r in references), default=0) + 1
            references.append(_reference(n, article))
            by_article[article.article_id] = n
        details = ", ".join(d for d in (article.source, article.date and str(article.date)) if d)
        lines.append(f"- {article.title}" + (f" — {details}" if details else "") + f" [{n}]")
    if len(articles) > MAX_LISTED:
        lines.append(message("watch.more_articles", lang, count=len(articles) - MAX_LISTED))
    heading = "watch.new_articles_first" if first else "watch.new_articles"
    text = "\n".join(lines) or message("watch.no_new_articles", lang)
    section = Section(key="other", heading=message(heading, lang), text=text)
    sections = (*answer.sections[:1], section, *answer.sections[1:])
    updated = answer.model_copy(update={"sections": sections, "references": tuple(references)})
    return brief.model_copy(update={"answer": defang_answer(updated)})


def _reference(n: int, article: NewArticle) -> Reference:
    return Reference(
        n=n,
        kind="article",
        title=article.title,
        source=article.source,
        date=article.date,
        url=article.url,
        article_id=article.article_id,
    )


def feed_notices(feeds: Sequence[FeedOutcome], language: Language) -> list[str]:
    """A line for each feed that failed; first, when none could be reached, that feeds need
    the network."""
    failed = [f for f in feeds if not f.ok]
    lines = [
        message("watch.feed_failed", language, url=f.url, reason=_reason(f, language))
        for f in failed
    ]
    if feeds and all(f.unreachable for f in feeds):
        lines.insert(0, message("watch.feeds_offline", language, count=len(feeds)))
    return lines


def _reason(feed: FeedOutcome, language: Language) -> str:
    """Why the feed failed: no connection, in the reader's words; else the error without the
    URL it starts with (the line names the feed already)."""
    if feed.unreachable:
        return message("watch.feed_unreachable", language)
    error = feed.error or "failed"
    return error.removeprefix(feed.url).strip(" :") or error


def with_notices(brief: Brief, lines: Sequence[str]) -> Brief:
    if not lines:
        return brief
    flags = (*(Flag(kind="notice", message=line) for line in lines), *brief.answer.flags)
    return brief.model_copy(update={"answer": brief.answer.model_copy(update={"flags": flags})})


def titled(brief: Brief, day: dt.date) -> Brief:
    lang = brief.answer.language
    title = message("watch.title", lang, date=format_date(day, lang))
    return brief.model_copy(update={"answer": brief.answer.model_copy(update={"title": title})})


def nothing_new_line(last: dt.date, language: Language) -> str:
    return message("watch.nothing_new", language, date=format_date(last, language))


def one_line_answer(line: str, *, as_of: dt.date, language: Language, question: str) -> Answer:
    """The whole answer of a brief with nothing new: that line."""
    return Answer(
        question=question,
        title=message("watch.title", language, date=format_date(as_of, language)),
        as_of=as_of,
        language=language,
        mode="offline",
        sections=(Section(key="takeaways", heading=message("heading.takeaways", language),
                          text=line),),
    )  # fmt: skip

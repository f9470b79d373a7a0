"""The offline answer's title: what the question asks about, in the reader's language.

A performance or a comparison, the sectors or the macro backdrop are titled by what the tools
answer ("Russell 2000 vs S&P 500: performance year to date"); a question about news or asking
why by the headline that states the finding (`lead_headline`), else by its own words,
shortened at a word or clause boundary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from assistant.answer.direction import asked_direction
from assistant.answer.model import Language
from assistant.answer.numbers import states_amount
from assistant.gather.coverage import coverage, share
from assistant.gather.passages import Candidate
from assistant.gather.quotable import (
    LOST_MARK,
    clauses,
    fragment,
    leans_back,
    stories,
    subordinate,
)
from assistant.gather.said import Said, names_written
from assistant.gather.sources import reporter
from assistant.gather.terms import Names, question_terms, unnamed
from assistant.gather.timeliness import asked_when
from assistant.locale import format_date, message, period_label
from assistant.offline.narrate_sectors import period_title
from assistant.question.comparison import ranks_last
from assistant.question.intents import (
    asks_figure,
    asks_level,
    asks_why,
    kind_asked,
    measures_asked,
)
from assistant.question.parse import ParsedQuestion
from assistant.question.vocabulary import Vocabulary
from ingest.language import detect_language, has_cjk
from ingest.models import Hit
from tools.result import ToolResult

# A title's length: Chinese says in 72 characters what English needs about 120 for; a finding
# often takes a clause longer than a headline, and is worth it over the question's words.
TITLE_CHARS = 72
LATIN_TITLE_CHARS = 120
HEADLINE_COVERAGE = 0.3  # a headline saying this share of the question's words may title it


def title_for(
    question: ParsedQuestion, vocabulary: Vocabulary, measured: Sequence[str] | None = None
) -> str:
    """The answer's title: what the question asks about, else its own words."""
    return topic_title(question, vocabulary, measured) or shortened(question.text)


def topic_title(
    question: ParsedQuestion, vocabulary: Vocabulary, measured: Sequence[str] | None = None
) -> str | None:
    """What the question asks about, where the tools answer it (a performance, sectors, the
    macro backdrop); None for a question about news or asking why. `measured`: the symbols
    whose returns were computed, when known: a comparison is titled by what was compared, not
    by what had no prices."""
    lang = question.language
    symbols = (
        question.symbols if measured is None else [s for s in question.symbols if s in measured]
    )
    names = [vocabulary.name(s, lang) for s in symbols]
    period = period_label(question.period, lang)
    follow_up_why = question.carried_over and asks_why(question.text)  # "为什么？"
    asked = [vocabulary.name(s, lang) for s in symbols if s in question.asked_symbols]
    if asks_level(question.text) and asked:  # "标普500现在多少点？": the latest close
        return message("title.level", lang, names=message("title.versus", lang).join(asked[:3]))
    if "explain" in question.intents and not (question.asks_comparison or follow_up_why):
        return None  # titled by the headline stating why; "为什么？" by the earlier turn's topic
    if kind_asked(question.text):
        return None  # "What could derail the rally?": the risk its lead headline states
    measures = measures_asked(question.text)
    if measures and names:  # the drawdown or best day of what it asks about, not the yardstick's
        joined = message("title.versus", lang).join((asked or names)[:3])
        return message(f"title.{measures[0]}", lang, names=joined, period=period)
    if "returns" in question.intents and names:
        # "道指今年涨了多少？" is about the Dow: the S&P 500 it is measured against is no topic
        shown = names if question.asks_comparison else (asked or names)
        if len(shown) >= 2:
            joined = message("title.versus", lang).join(shown[:3])
            return message("title.comparison", lang, names=joined, period=period)
        return message("title.performance", lang, names=shown[0], period=period)
    if question.sectors:
        sectors = [vocabulary.name(s, lang) for s in question.sectors[:3]]
        joined = message("title.sector_separator", lang).join(sectors)
        return message("title.sectors", lang, sectors=joined)
    if "sectors" in question.intents:
        return message("title.rotation", lang)
    if "macro" in question.intents:
        return message("title.macro", lang)
    return None


def ranking_title(
    question: ParsedQuestion, scores: ToolResult | None, over_period: ToolResult | None
) -> str | None:
    """The sector funds ranked over the period asked, as found: the first ("Energy (XLE) led
    the sector funds year to date"), or, asked which did worst or fell most, the last. None
    where the question names its sectors ("能源板块今年表现最好吗？": titled by them)."""
    if scores is None or over_period is None or question.sectors:
        return None
    last = asked_direction(question.text) == -1 or ranks_last(question.text)
    return period_title(scores, over_period, question.language, last)


def article_title(question: str, hit: Hit, language: Language) -> str | None:
    """The chosen article's headline, where it is in the reader's language; else, for a
    question asking its gist (no term of its own: "这篇文章说了什么？"), what it is: "ZeroHedge
    2026年8月8日文章要点". None for a question on something in it: its words say what."""
    if hit.title and detect_language(hit.title) == language:
        return shortened(hit.title)
    if question_terms(question) or hit.published is None:
        return None
    source, date = reporter(hit.source, hit.url, language), format_date(hit.published, language)
    return message("title.article", language, source=source, date=date)


def quoted_title(
    question: str,
    names: Names,
    named: Names,
    leads: Sequence[Candidate],
    language: Language,
    as_of: dt.date | None,
    otherwise: str | None = None,
) -> str:
    """The title of an answer from what it quotes: its lead's headline or finding, else
    `otherwise` (what the tools measured), else the question's own words. A headline or
    finding is measured, as the sentences were, on the question's words but the period it
    names (`asked_when`): "Japan core inflation softens to over four year low" states the
    finding for "Did Japan's April 2026 core inflation beat or miss forecasts?" without saying
    "April"; `as_of`: the date it is asked at."""
    _, asked = asked_when(question, as_of, None)
    return (
        lead_headline(asked, names, named, leads, language)
        or lead_finding(asked, names, leads, language)
        or otherwise
        or shortened(question)
    )


def lead_headline(
    question: str, names: Names, named: Names, leads: Sequence[Candidate], language: str
) -> str | None:
    """The headline of an article the answer's lead sentences come from (the first, or the
    next where it answers as much), where it states something on the question in the
    reader's language: a news headline says the finding ("创业板指大涨2.63%创历史新高")
    where the question only asks for it (of a digest's, the story that does). It must say
    a good share of the question's words, name what the question names (`named`: by a name or
    the ticker it wrote, "HPE"), and say something of what it asks beyond the name ("黄金今年
    涨了多少" is not titled by a headline on an acquisition by 紫金黄金). `names`: every name
    of the symbols in play."""
    asked = unnamed(question_terms(question, names))
    # a later lead sentence's headline only where that sentence answers as much as the first
    for candidate in (c for c in leads if c.coverage >= leads[0].coverage):
        for headline in stories(candidate.hit.title):  # a digest's: the story on the question
            if (
                detect_language(headline) == language
                and headline[-1:] not in "?？"
                and not fragment(headline)
                and coverage(headline, question, names) >= HEADLINE_COVERAGE
                and (not named or any(names_written(headline, a) for a in named))
                and (not asked or share(Said.of(headline), asked) > 0)
            ):
                return shortened(headline)
    return None


def lead_finding(
    question: str, names: Names, leads: Sequence[Candidate], language: str
) -> str | None:
    """Where no headline states the finding, the answer's first sentence does, in the
    reader's language: its shortest run of clauses that says as much of the question as the
    whole sentence ("华为畅享90起售价为1299元" of a sentence listing the series' prices), with
    the figure when an amount is asked; None when no run is short, whole and on the question."""
    if not leads or leads[0].language != language:
        return None
    text = leads[0].text
    wanted = question_terms(question, names)
    whole = share(Said.of(text), wanted)
    if whole < HEADLINE_COVERAGE:
        return None
    figure = asks_figure(question)
    parts = clauses(text)
    # from the sentence's start, or after who said it ("德银指出，", "According to Reuters,") or
    # when ("今年一季度，", "In equities,"): a clause after any other is the middle of a
    # statement ("以及纯电动商用车…", "称双良节能…", "which could…")
    starts = [0, *(n for n in range(1, len(parts)) if _LEAD_IN.search("".join(parts[:n])))]
    if len(parts) > 1 and _OPENING.match(parts[0]) and not _CONTINUES.match(parts[1].strip()):
        starts.append(1)
    pieces = (
        _capitalised("".join(parts[start:end]).strip())
        for start in sorted(set(starts))
        for end in range(start + 1, len(parts) + 1)
        # a run from "尽管…" or "If…" says its finding only with the main clause, at the end
        if end == len(parts) or not subordinate(parts[start].strip())
    )
    runs = (piece.rstrip("，,；;：:。.!！") for piece in pieces if not _states_nothing(piece))
    fitting = [
        run
        for run in runs
        if len(run) <= _most(run)
        and LOST_MARK not in run
        and not fragment(run)
        and not leans_back(run)
        and not leans_back(_statement(run))
        and (states_amount(run) or not figure)
        and share(Said.of(run), wanted) >= whole
    ]
    return min(fitting, key=len, default=None)


# Who said it, before what they said: "德银指出，", "数据显示，", "36氪获悉，", "According to
# Reuters,", "analysts said,".
_LEAD_IN = re.compile(
    r"(?:显示|表示|称|指出|认为|获悉|报道|透露|介绍|估计|预计|说)\s*[，,：:]\s*$"
    r"|^According to [^,]{1,60},\s*$|\b(?:said|says|noted|wrote|added)\s*,\s*$"
)


# A sentence's opening phrase of when, where or how, or its connective, before its subject:
# "In equities,", "Without naming China directly,", "However,", "今年一季度，", "消息公布后，",
# "从企业规模看，", "此外，".
_OPENING_WORD = (
    r"(?:(?:In|On|At|Of|After|Before|During|Since|By|For|Without|Despite|Amid|Among|Across|Over|"
    r"Under|Unlike|Then|Meanwhile|Separately|Elsewhere|Earlier|Later|Overall|However|Still|"
    r"Moreover|Notably|Importantly|Indeed)\b"
    r"|(?:Last|This|Next) (?:week|month|quarter|year|morning|afternoon|evening)\b)"
)
_OPENING_CHINESE = (
    r"(?:[^，；：]{1,12}(?:后|前|时|中|上|里|看|来|以来|期间|方面|年|季度|月)"
    r"|此外|另外|同时|与此同时|不过|然而|但是)[，,]\s*$"
)
_OPENING = re.compile(_OPENING_WORD + r"[^,;:]{0,50},\s*$|" + _OPENING_CHINESE)
# …and a run of clauses that is only such a phrase, however long ("Of the 59 tonnes of gold
# bought by central banks in April,"): it states nothing
_ONLY_OPENING = re.compile(_OPENING_WORD + r"[^,;:]*,\s*$|" + _OPENING_CHINESE)
# …and what follows it that is no subject: a connective, a relative or a participle
_CONTINUES = re.compile(
    r"(?:and|but|or|which|who|whose|that|while|as|when|if|because|although|so|plus|with|"
    r"including|according|based|adding|noting|saying|telling|where)\b"
    r"|(?:而|但|并|且|以及|和|或|即|则|也|还|称|表示|认为|指出)"
)


def _states_nothing(run: str) -> bool:
    """Does the run end with who said it ("According to Goldman's tracker,", "As the bank
    details below, according to its survey,") or an opening phrase ("…, of the 59 tonnes of
    gold bought in April,"), with nothing said after it?"""
    last = _capitalised(clauses(run)[-1].strip())
    return bool(_ONLY_OPENING.match(last) or _LEAD_IN.search(last))


def _statement(run: str) -> str:
    """The run without its opening phrase or connective: what "同时，这也可能使…" states
    leans on the sentence before it, as "这也可能使…" does."""
    parts = clauses(run)
    if len(parts) > 1 and _OPENING.match(_capitalised(parts[0].strip())):
        return "".join(parts[1:]).strip()
    return run


def _capitalised(run: str) -> str:
    """A title starts with a capital ("the group set a goal…" after "Without naming China,")."""
    return run[:1].upper() + run[1:] if run[:1].islower() and run[:1].isascii() else run


def shortened(text: str) -> str:
    """At most `_most` characters, cut at a word or clause boundary, never inside a word."""
    text = text.rstrip("?？!！。. ")
    most = _most(text)
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    boundary = max(cut.rfind(mark) for mark in (" ", "，", ",", "、", "：", ":", "；"))
    return (cut[:boundary] if boundary > most // 2 else cut).rstrip(" ,，、：:；") + "…"


def _most(text: str) -> int:
    return TITLE_CHARS if has_cjk(text) else LATIN_TITLE_CHARS

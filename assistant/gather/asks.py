"""What a question asks of a sentence beyond its words, and what a sentence is worth for it.

"2026年1月金价涨了多少？" asks for an amount over a period: a sentence stating a figure for
January 2026 answers it, one stating 2025's does not. "Which small caps…?" asks for names, a
company written with its ticker; "为什么大跌" for a fall, not a rally; "What did Trump say…, in
his own words?" for a quotation; "管金生是哪天去世的？" for a day. `Asks.of` reads that from
the question once, and `Asks.worth` scores each candidate sentence by it (`gather.passages` adds
it to the score).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from assistant.answer.direction import asked_direction, moves
from assistant.answer.numbers import states_amount
from assistant.claims.model import periods_agree
from assistant.claims.read import calendar_periods
from assistant.gather.persons import names_person, roles_asked
from assistant.question.intents import (
    WhenAsked,
    asks_cause,
    asks_figure,
    asks_names,
    asks_person,
    asks_when,
    asks_words,
)
from assistant.question.period import previous_period, years_written
from ingest.language import cjk_count
from ingest.named_periods import named_period
from tools.period_labels import (
    before_period,
    calendar_days,
    months_of,
    span_months,
    span_of,
    year_of,
)
from tools.period_words import period_mentions

FIGURE = 0.15  # a sentence stating a figure is worth more than one that does not…
FIGURE_ASKED = 0.4  # …and much more when the question asks for an amount
NAMES_ASKED = 0.6  # a sentence naming a listed company, when the question asks which ones
PERSON_ASKED = 0.4  # a sentence naming a person in full, when the question asks who
PERIOD_ASKED = 0.3  # a figure stated for the period the question asks an amount over
IN_HEADLINE = 0.5  # …counts this much when only its article's headline names the period
DIRECTION_OPPOSED = 0.3  # a sentence saying only "rose" for a question asking why it fell
WORDS_ASKED = 0.3  # a sentence quoting someone, when the question asks what they said
CAUSE_ASKED = 0.3  # a sentence giving a cause, when the question asks why
WHEN_ASKED = 0.4  # a sentence naming a time, when the question asks when (as for an amount)
# A company named with its ticker, as financial writing in either language does: "盛美半导体
# (ACMR)", "Nvidia (NVDA)", "(NASDAQ: ACMR)".
_TICKER_NAMED = re.compile(r"[(（](?:[A-Z]+\s*[:：]\s*)?[A-Z]{1,5}(?:\.[A-Z]{1,2})?[)）]")
# When a sentence's article was published, and the as-of date a question asks at.
Written = tuple[dt.date | None, dt.date | None]


@dataclass(frozen=True)
class Asks:
    """What a question asks for that a sentence answers beyond its words: an amount (over a
    period), which companies, a move one way ("为什么大跌": not a sentence on a rally), what
    someone said in their own words, why, when."""

    figure: float
    period: str | None
    names: float
    direction: int | None = None
    words: float = 0.0
    person: float = 0.0
    cause: float = 0.0
    when: WhenAsked | None = None
    roles: frozenset[str] = frozenset()  # asking who holds these (`roles_asked`)

    @classmethod
    def of(cls, question: str, period: str | None) -> Asks:
        amount = asks_figure(question)
        names = NAMES_ASKED if asks_names(question) else 0.0
        figure = FIGURE_ASKED if amount else FIGURE
        # A figure is judged by its period where an amount is asked over one, or a month,
        # quarter or half is named: "美国7月非农就业数据怎么样？" is not answered by June's.
        asked_period = period if amount or (period and calendar_days(period)) else None
        words = WORDS_ASKED if asks_words(question) else 0.0
        person = PERSON_ASKED if asks_person(question) else 0.0
        cause = CAUSE_ASKED if asks_cause(question) else 0.0
        direction = asked_direction(question)
        when = asks_when(question)
        roles = roles_asked(question) if person else frozenset()
        return cls(figure, asked_period, names, direction, words, person, cause, when, roles)

    def opposes(self, text: str) -> bool:
        """Does the sentence say only the other move than the one the question asks the cause
        of? "Chip stocks rallied this week" is no reason why they are falling. (A question
        asking whether something fell is answered by a sentence saying it rose.)"""
        return bool(self.cause and self.direction) and moves(text) == {-(self.direction or 0)}

    def worth(self, text: str, written: Written, headline: str = "") -> tuple[float, float]:
        """What the sentence's figures and the companies it names are worth to the question,
        and whether its figures are for the period asked (1), another one (-1), or neither
        (0: none named, or no period asked); `written`: when its article was published, and
        the as-of date the question asks at. A figure naming no period in an article whose
        `headline` names the one asked is half for it ("半导体出口同比激增178.8%" under "韩国7月
        出口增速放缓…"): a sentence need not repeat what its article is about. A sentence
        that only says things moved the other way than asked is worth less; one quoting
        someone is worth more when the question asks what was said."""
        worth = self.names if _TICKER_NAMED.search(text) else 0.0
        if self.person and names_person(text, self.roles):
            worth += self.person
        if self.words and quotes(text):
            worth += self.words
        if self.cause and gives_cause(text):
            worth += self.cause
        if self.when and says_when(text, self.when, written[1] or written[0]):
            worth += WHEN_ASKED
        if self.direction and moves(text) == {-self.direction}:
            worth -= DIRECTION_OPPOSED
        if not states_amount(text):
            return worth, 0.0
        if not self.period:
            return worth + self.figure, 0.0
        period = _for_period(text, self.period, written)
        if not period and headline and _for_period(headline, self.period, written) > 0:
            period = PERIOD_ASKED * IN_HEADLINE
        return worth + self.figure + period, period / PERIOD_ASKED


# A sentence giving a cause: "Oil rises amid Middle East tensions", "Micron falls after SK Hynix
# plunges", "rallied on strong earnings", "rise as traders weigh…", "driven by AI demand",
# "受中东局势推动", "AI需求爆发是涨价潮的重要原因". Not a bare "as" or "after": "as of", "after the
# close" are times; nor 推动 or 驱动 alone ("驱动这一切的基础模型" drives no price).
_CAUSE = re.compile(
    r"\b(?:because|due to|owing to|thanks to|amid|driven by|fu?ell?ed by|spurred by|boosted by|"
    r"lifted by|helped by|supported by|weighed (?:down )?by|dragged (?:down )?by|pressured by|"
    r"hit by|hurt by|led by|on the back of|in the wake of|attributed to|triggered by|"
    r"sparked by|after (?!the (?:close|bell|open)\b|hours\b)(?:[\w'’-]+ ){0,3}(?:says?|said|"
    r"reports?|reported|announce[sd]?|warns?|warned|cuts?|raise[sd]?|falls?|fell|rises?|rose|"
    r"plunge[sd]?|jump(?:s|ed)?|surge[sd]?|slump(?:s|ed)?|posts?|posted|beats?|miss(?:es|ed)?|"
    r"fire[sd]?|hits?|strikes?|struck)\b|"
    r"on (?:strong|weak|hopes|fears|concerns|worries|expectations|optimism|demand|news|reports|"
    r"signs|bets|data)\b|as (?:traders|investors|markets?|buyers|sellers|demand|supply|fears|"
    r"concerns|worries|hopes|tensions|the (?:dollar|fed|market|conflict|war))\b|"
    # "slide as AI jitters rattle investors": what, as it acts on the market
    r"as (?!(?:long|soon|well|much|far|many|if|though|of)\b)(?:[\w'’-]+ ){1,3}(?:rattle[sd]?|"
    r"spook(?:s|ed)?|roil(?:s|ed)?|jolt(?:s|ed)?|shakes?|shook|weigh(?:s|ed)?|drag(?:s|ged)?|"
    r"hits?|hurt(?:s|ing)?|lift(?:s|ed)?|boost(?:s|ed)?|fuel(?:s|l?ed)?|spark(?:s|ed)?)\b)"
    r"|因为|由于|得益于|受益于|归因于|归咎于|源于|缘于|所致|原因|主因|导致|引发|提振|拖累"
    # what moved a price ("局势升级推动油价走高", "在避险情绪的驱动下"), not what powers a thing
    # ("Cosmos则是驱动这一切的世界基础模型")
    r"|(?:驱动|推动|带动|推升|助推)[^，。；]{0,12}?(?:上涨|走高|上行|攀升|飙升|反弹|下跌|走低|下行|回落)"
    r"|(?:驱动|推动|带动)下|驱动力|驱动[：:]"
    r"|受[^，。；]{1,16}?(?:影响|推动|提振|拖累|打压|支撑|带动|刺激|冲击)",
    re.I,
)


def gives_cause(text: str) -> bool:
    """Does the sentence say why something happened?"""
    return _CAUSE.search(text) is not None


def says_when(text: str, unit: WhenAsked = "any", today: dt.date | None = None) -> bool:
    """Does the sentence name a time as precise as `unit`: a day ("于2025年10月7日与世长辞",
    "on Monday"), a month ("will retire at the end of March"), a year ("from 2014 to 2021"), or
    any of them?"""
    named = named_period(text, today or dt.date.today())
    calendar = [said for _, _, said in calendar_periods(text)]
    if unit == "day":
        return bool(named and named.start == named.end) or any(
            s.startswith("weekday:") for s in calendar
        )
    if unit == "month":
        return named is not None or any(s.startswith("month:") for s in calendar)
    return bool(named or calendar or years_written(text))


# Quoted words: "“Not even a little bit.”", “每当有人提出一个看起来激进的黄金预测时…”.
_QUOTED = re.compile(r'[“"「『]([^“”"「」『』]+)[”"」』]')
QUOTED_WORDS = 4  # fewer is a quoted name or term ("Operation Epic Fury"), not a quotation
QUOTED_CHARACTERS = 8  # …and in Chinese (“鹰派暂停”)


def quotes(text: str) -> bool:
    """Does the sentence quote someone's words (not merely a name or a term in quotation marks)?"""
    return any(
        len(m.split()) >= QUOTED_WORDS or cjk_count(m) >= QUOTED_CHARACTERS
        for m in _QUOTED.findall(text)
    )


def _for_period(text: str, period: str, written: Written = (None, None)) -> float:
    """What the periods a sentence names are worth to an amount asked over `period`: more
    when one is it ("年内", "year to date" for YTD; "7月", "本月" written in July or "last
    month" written in August, for 2026-07), less when it names only other months
    ("美国4月新增11.5万个就业岗位" is no answer for May's jobs; nor is "上半年" for July's) or
    only other years ("2025年"), or says "this year" in another year than the one asked
    about (`_another_span`)."""
    calendar = calendar_periods(text)
    named = [*period_mentions(text, in_sentence=True), *calendar]
    agreeing = [said for _, _, said in named if periods_agree(said, period, written[0])]
    meant = _calendar_meant(text, named, written[0])
    ranged = _months_ranged(text, written[0]) if _asked_months(period) else None
    if period in meant or (ranged and ranged == calendar_days(period)):
        agreeing.append(period)  # "1—6月份" is the first half
    if agreeing and not all(_another_span(said, period, written) for said in agreeing):
        return PERIOD_ASKED
    if agreeing or _other_years(named, meant, period, written) or ranged:
        return -PERIOD_ASKED  # "1—5月份" is not: a running total to another month
    asked = _asked_months(period)
    months = [m for _, _, said in calendar if (m := _months(said))]
    if asked and months and all(not set(asked) & set(m) for m in months):
        return -PERIOD_ASKED  # "第三季度交付量" is no answer for the second quarter's
    return -PERIOD_ASKED if _written_before(period, written) else 0.0


def _written_before(period: str, written: Written) -> bool:
    """Was the sentence's article written before the period asked began? Then a figure that
    names no period is of an earlier time: last October's "日经225指数早盘一度暴涨超4.5%" says
    nothing of how far the Nikkei is up this year."""
    published, as_of = written
    return published is not None and before_period(published, period, as_of or published)


def _months_ranged(text: str, published: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the months a sentence names from one to another ("1—6月份",
    "from March to June"), a running total's span; None when it names no such months."""
    named = named_period(text, published or dt.date.today())
    if named is None or named.start.day != 1 or named.start.month == named.end.month:
        return None
    return (named.start, named.end) if (named.end + dt.timedelta(days=1)).day == 1 else None


def _asked_months(period: str) -> range | None:
    """The months of the year a month (or months within a year), quarter or half asked about
    spans ("2026-07", "2026-03..2026-06", "2026-Q2", "2026-H1"), or None for any other
    period."""
    if (months := months_of(period)) and months[0][0] == months[1][0]:
        return range(months[0][1], months[1][1] + 1)
    if span := span_of(period):
        return span_months(*span[1:])
    return None


def _months(said: str) -> range | None:
    """The months of the year a calendar period a sentence names spans ("month:4", "quarter:2",
    "H1"), or None for another kind of period (a weekday, year over year)."""
    kind, _, n = said.partition(":")
    if kind == "month":
        return range(int(n), int(n) + 1)
    if kind == "quarter":
        return span_months("Q", int(n))
    return span_months("H", int(said[1])) if said in ("H1", "H2") else None


def _other_years(
    named: list[tuple[int, int, str]], meant: set[str], period: str, written: Written
) -> bool:
    """Does a sentence name only other years than the one asked about ("黄金在2025年飙升了64%"
    for how far gold rose in January 2026)? `meant`: the calendar periods its relative words
    name at its article's day (`_calendar_meant`)."""
    published, as_of = written
    asked = year_of(period, as_of)
    years = {year_of(said, published) for _, _, said in named}
    years.update(year_of(said) for said in meant)
    years.discard(None)
    return asked is not None and bool(years) and asked not in years


def _calendar_meant(
    text: str, named: list[tuple[int, int, str]], published: dt.date | None
) -> set[str]:
    """The calendar periods a sentence names relative to its article's day: "本月" or "this
    month" written in July is 2026-07, "last month" written in August is too, "去年" written in
    2026 is 2025 (a last week is no calendar span, and is left out)."""
    if published is None:
        return set()
    found = {f"{published:%Y-%m}" for _, _, said in named if said == "MTD"}
    previous = previous_period(text, published)
    if previous is not None and previous[1] is None:
        found.add(previous[0])
    return found


def _another_span(said: str, period: str, written: Written) -> bool:
    """Is a period relative to its article's day ("今年以来", "month to date") another span
    than the same words asked at the as-of date? "今年以来黄金飙升超过50%", written in October
    2025, is no answer to how far gold is up this year in August 2026."""
    published, as_of = written
    if published is None or as_of is None or said != period:
        return False
    if period == "YTD":
        return published.year != as_of.year
    return period == "MTD" and (published.year, published.month) != (as_of.year, as_of.month)

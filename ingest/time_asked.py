"""When a question asks about, from its words alone: what is still to come ("美联储9月会降息吗？",
"黄金前景如何？"), how something stands now ("美国就业市场表现如何？"), an event's day it names
("上市首日"), or a central bank's decision it names by its month without saying it is past
("市场怎么看9月加息？"). The days a text names are `ingest.named_periods`'; these say which of
two such months it means, and whether it asks of now.
"""

from __future__ import annotations

import re

# A question about what is still to come ("美联储9月会降息吗？", "Will the Fed cut in
# September?", "What do markets expect from the Fed in September?", "黄金前景如何？"): a month
# or day it names without a year is the next one, not last year's.
_LOOKS_AHEAD = re.compile(
    r"会不会|是否会|还会|将会|能否|有望|前景|展望"
    r"|会(?!议|后|谈|面|见|上[，。表称说指])[^，。？?]{0,10}[吗？?]"  # not 会议, 会上表示
    r"|\b(?:will|going to|expected to|likely to|upcoming|next|outlook|prospects)\b"
    r"|\bexpect(?:s|ing)?\b",  # "What is the market expecting from the Fed in September?"
    re.I,
)


def looks_ahead(text: str) -> bool:
    """Does the text ask what is still to come ("下次会议会降息吗", "Will the Fed cut")?"""
    return _LOOKS_AHEAD.search(text) is not None


# A central bank's decision named by its month, in a text that says nothing of it as past
# ("市场怎么看9月加息？", "Is a rate hike in September priced in?"): in August, the decision ahead,
# which markets price, not last year's. Such a month is the nearest, ahead or behind.
_DECISION = re.compile(r"加息|降息|议息|利率决[议定]|\b(?:hikes?|cuts?|FOMC|meeting)\b", re.I)
_SAID_AS_PAST = re.compile(r"了|过|\b(?:did|was|were|had|happened)\b", re.I)


def awaits_decision(text: str) -> bool:
    """Does the text name a central bank's decision without saying it is past?"""
    return _DECISION.search(text) is not None and _SAID_AS_PAST.search(text) is None


# "How is the labor market doing?", "美国就业市场表现如何？", "What is happening with private
# credit?", "Is inflation coming down?", "…right now?", "当前…": how something stands now,
# which this month's commentary tells, not last spring's.
_ASKS_NOW = re.compile(
    r"\bhow (?:is|are)\b.*\b(?:doing|performing|faring|holding up)\b"
    # "Is inflation coming down?", "Are small caps rallying?", "通胀正在回落吗？": what is under way
    r"|^\W*(?:is|are)\b.*\b[a-z]{3,}ing(?: (?:down|up|back|out|off))?\W*$|正在"
    r"|\bwhat(?:'s| is) (?:happening|going on)\b"
    r"|\b(?:right now|currently|at the moment|at present|these days)\b|当前|眼下|当下|现阶段"
    r"|表现(?:如何|怎么样|怎样)|情况(?:如何|怎么样|怎样)|现状|(?:现在|目前|最近)(?:怎么样|如何)",
    re.I,
)


def asks_now(text: str) -> bool:
    """Does the text ask how something stands now ("表现如何", "Is … coming down?")? Whether
    it names a period too ("今年表现如何" asks of the year) is the caller's to read
    (`assistant.gather.timeliness`)."""
    return _ASKS_NOW.search(text) is not None


# The day of an event, which the question names as its time ("SpaceX上市首日表现如何？",
# "How did Figma do on its debut?"): not now, whatever "表现如何" says.
_EVENT_DAY = re.compile(
    r"首日|首个交易日|上市当天|\bdebut|\bfirst (?:day|session|trading day)\b", re.I
)


def names_event_day(text: str) -> bool:
    """Does the text name an event's day as its time ("首日", "its debut")?"""
    return _EVENT_DAY.search(text) is not None

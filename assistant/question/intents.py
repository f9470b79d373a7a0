"""What a question asks for, read from its words in Chinese and English: a return, the
sectors, the macro picture, an explanation, today's quotes; whether it asks for an amount.
Cues are matched by `cues.has_cue`; whether it compares one thing with another is read in
comparison.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from assistant.question.comparison import asks_comparison
from assistant.question.cues import has_cue, said
from assistant.question.economy import asks_other_economy

Intent = Literal["returns", "sectors", "macro", "explain", "today"]

_CUES: dict[Intent, tuple[str, ...]] = {
    "returns": (
        "跑赢", "跑输", "涨幅", "跌幅", "回报", "收益率如何", "表现", "涨了", "跌了", "走势",
        "outperform", "underperform", "return", "perform", "beat", " vs", "versus", "gain",
        "rally", "rallied", "up ", "down ",
    ),
    "sectors": (
        "板块", "行业", "轮动", "sector", "rotation", "industry", "industries",
    ),
    "macro": (
        "收益率曲线", "利率", "美联储", "美债", "国债", "信用", "利差", "通胀", "降息", "加息",
        "宏观", "波动率", "vix", "yield", "rates", "fed ", "fed'", "federal reserve", "credit",
        "spread", "treasur", "curve", "inflation", "macro", "rate cut", "rate hike",
        "联储", "fomc", "鲍威尔", "powell", "非农", "payrolls", "失业率", "unemployment", "cpi",
        "pce", "gdp",
    ),
    "explain": (
        "为什么", "原因", "驱动", "逻辑", "怎么看", "如何看", "前景", "展望", "催化",
        "why", "driving", "driver", "explain", "behind", "outlook", "thesis", "catalyst",
        "what is", "what's",
    ),
    "today": ("今天", "今日", "当日", "昨日", "昨天", "today", "yesterday", "on the day"),
}  # fmt: skip

# What the macro dashboard reads (tools.macro: the 10-year yield, the curve's slopes, VIX and
# a credit proxy), among the macro cues. A question asking for a figure it does not hold ("美国
# 7月CPI同比涨了多少？", "How many jobs were added in May?") or for what someone said ("What
# did Powell say at the June FOMC?") is not answered by it, unless it names one of its readings.
_DASHBOARD = (
    "收益率曲线", "利率", "美债", "国债", "信用", "利差", "波动率", "vix", "yield", "rates",
    "credit", "spread", "treasur", "curve",
)  # fmt: skip

# Economic releases among the macro cues: the dashboard holds none of them, and a question on
# one ("美国7月非农数据怎么样？", "How was June's CPI?") is answered by its commentary, unless it
# also asks of rates or the Fed (`_RATES`: "Will the jobs report bring a Fed cut?").
_RELEASES = ("非农", "payrolls", "失业率", "unemployment", "cpi", "pce", "gdp", "通胀", "inflation")
_RATES = tuple(c for c in _CUES["macro"] if c not in _RELEASES)

# Which of the dashboard's readings a question names, so its answer tells that one first: the
# curve ("Is the yield curve inverted?": its slopes, not the 10-year yield its words also
# name), credit, volatility, the 10-year yield. A phrase counts for the first reading only.
_READINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("curve", ("收益率曲线", "曲线", "倒挂", "期限利差", "yield curve", "curve", "invert",
               "slope", "2s10s", "10s2s")),
    ("credit", ("信用利差", "信用", "高收益", "垃圾债", "credit spread", "high-yield spread",
                "high yield spread", "credit", "high yield", "high-yield", "junk", "hyg", "lqd")),
    ("volatility", ("vix", "恐慌", "波动率", "volatility")),
    ("yield", ("收益率", "美债", "国债", "yield", "treasur")),
    ("curve", ("利差", "spread")),  # a spread the question does not say is credit's
)  # fmt: skip


def dashboard_readings(text: str) -> tuple[str, ...]:
    """The dashboard's readings the question names ("curve", "credit", "volatility", "yield"),
    in that order."""
    rest = f" {text.lower()} "
    found: list[str] = []
    for reading, cues in _READINGS:
        named = [cue for cue in cues if said(rest, cue)]
        for cue in named:
            rest = rest.replace(cue, " ")
        if named and reading not in found:
            found.append(reading)
    order = [reading for reading, _ in _READINGS]
    return tuple(sorted(found, key=order.index))


# The macro backdrop named as such: what the dashboard shows is what is asked.
_BACKDROP = ("宏观", "macro")


def asks_dashboard(text: str) -> bool:
    """Does the question ask what the macro dashboard shows: one of its readings ("美债收益率",
    "VIX") or the backdrop itself ("宏观环境怎么样？")? One on the Fed, inflation or jobs is
    answered by their news, the dashboard its context."""
    return bool(dashboard_readings(text)) or has_cue(text, _BACKDROP)


# A question asking for an amount ("涨了多少", "how fast did … grow") is answered by a sentence
# stating one: among sentences on the question, those carrying a figure come first.
_FIGURE_ASKED = (
    "多少", "多大", "多快", "多高", "多低", "多长", "多久", "几个", "几成", "占比", "比例", "幅度",
    "增速", "涨幅", "跌幅", "how much", "how many", "how fast", "how far", "how big", "how high",
    "how low", "how long", "how large", "how deep", "what percentage", "what share",
    "what level", "what price", "by what", "at what",
    "数字", "关键数据", "哪些数据", "numbers", "figures", "statistics",  # "the key numbers"
)  # fmt: skip


# "How did/have … do/done/fare?" asks how something performed: a return, an amount.
_HOW_DID = re.compile(
    r"\bhow (?:did|do|does|have|has|had|is|are|was|were)\b.*\b(?:do|done|doing|fared?|faring)\b",
    re.I,
)


# "Where did bitcoin bottom?", "Where does the Fed expect rates to sit?", "金价涨到哪了？": where
# something stands, ends or turns is a level, not a place.
_WHERE_LEVEL = re.compile(
    r"\bwhere\b.*\b(?:sits?|stands?|trades?|traded|ends?|ended|settled?|settles|closed?|"
    r"closes|peaked|peaks?|bottomed|bottoms?|topped|tops? out|landed|lands?)\b"
    r"|(?:涨|跌|升|降|回落|反弹)到?了?哪|什么水平|什么位置|哪个水平|哪个位置",
    re.I,
)


def asks_performance(text: str) -> bool:
    """Is the question how something did ("How have biotech stocks done so far?")?"""
    return _HOW_DID.search(text) is not None


# "Which small caps / companies / stocks…?", "哪些公司…", "哪家银行": the answer is names.
_NAMES_ASKED = re.compile(
    r"\b(?:which|what)\s+(?!(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|"
    r"should|may|might)\b)(?:[\w-]+\s+){0,3}?(?:compan|stock|name|small[- ]?cap|large[- ]?cap|"
    r"mid[- ]?cap|firm|shares\b|ticker|bank|maker|player|brand|fund|etf)"  # not "what share of"
    r"|哪(?:些|家|只|几家|几只)",
    re.I,
)


def asks_names(text: str) -> bool:
    """Does the question ask which companies or stocks ("Which small caps does it single out?")?"""
    return _NAMES_ASKED.search(text) is not None


# "Who is…?", "新任CEO是谁", "是哪位科学家": the answer is a person.
_PERSON_ASKED = re.compile(r"\bwho(?:m|se)?\b|谁|哪(?:位|两位|几位|个人)|什么人", re.I)


def asks_person(text: str) -> bool:
    """Does the question ask who someone is ("Who replaces Tim Cook?", "新任CEO是谁？")?"""
    return _PERSON_ASKED.search(text) is not None


# "When will Bovino retire?", "管金生是哪天去世的？", "哪年到哪年": the answer is a time, as
# precise as asked (a day, a month, a year, or any). Not "when" opening a clause ("When ChiNext
# broke its 2015 high, how much did it rise?").
WhenAsked = Literal["day", "month", "year", "any"]
_WHEN_ASKED: tuple[tuple[WhenAsked, re.Pattern[str]], ...] = (
    ("day", re.compile(r"\b(?:what|which) (?:date|day)\b|哪(?:一)?[天日]|几号|几月几日", re.I)),
    ("month", re.compile(r"\b(?:what|which) month\b|哪(?:一)?个月|几月", re.I)),
    ("year", re.compile(r"\b(?:what|which) year\b|哪(?:一)?年", re.I)),
    (
        "any",
        re.compile(
            r"\bwhen (?:will|did|does|do|is|was|are|were|has|have|had|can|could|should|"
            r"would)\b|\bby when\b|\bwhat time\b|什么时候|何时|什么时间",
            re.I,
        ),
    ),
)


def asks_when(text: str) -> WhenAsked | None:
    """How precise a time the question asks for, if it asks when something happens or
    happened: a day, a month, a year, or any."""
    return next((unit for unit, pattern in _WHEN_ASKED if pattern.search(text)), None)


_LIST_ASKED = re.compile(
    r"\bwhich\b|\bwhat are\b|\blists?\b|\bpoints\b|哪些|哪几|几点|几条|要点|有什么", re.I
)


def asks_list(text: str) -> bool:
    """Does the question ask for the several things an article lists ("Which pain trades does
    it list?", "提了哪几条措施？")?"""
    return _LIST_ASKED.search(text) is not None


# "What are the risks to the rally?", "小盘股有哪些风险？": the risks themselves, not risk appetite
_RISKS_ASKED = re.compile(
    r"\brisks?\s+(?:to|for|of|facing|in|ahead)\b|\b(?:what|which|main|key|biggest|major|top)"
    r"\s+(?:are\s+the\s+)?(?:\w+\s+)?risks\b|\bdownside risks?\b|\bheadwinds\b"
    r"|\bwhat could (?:go wrong|derail|hurt)\b|(?:哪些|什么|主要|最大的?)(?:下行)?风险"
    r"|风险(?:有哪些|是什么|在哪|有多大)|隐忧|利空因素",
    re.I,
)
_OPPORTUNITIES_ASKED = re.compile(
    r"\bopportunit(?:y|ies)\b|\btailwinds\b|(?:哪些|什么)(?:投资)?(?:机会|机遇)|(?:机会|机遇)(?:有哪些|在哪)",
    re.I,
)


def kind_asked(text: str) -> Literal["risk", "opportunity"] | None:
    """Does the question ask for the risks ("What could derail…?") or the opportunities
    ("小盘股有什么投资机会？") of what it names? Those lead its answer."""
    if _RISKS_ASKED.search(text):
        return "risk"
    return "opportunity" if _OPPORTUNITIES_ASKED.search(text) else None


_INVERSION_ASKED = re.compile(r"倒挂|\binver(?:t|ted|sion)\b", re.I)


def asks_inversion(text: str) -> bool:
    """Does the question ask whether the yield curve is inverted ("倒挂了吗", "inverted")?"""
    return _INVERSION_ASKED.search(text) is not None


# What a question asks of a period beyond its return: how far the price fell from its high
# and how much it swung ("最大回撤是多少？", "How volatile has…?"), its best and worst day
# ("What was the S&P 500's best day this year?", "纳指今年单日最大跌幅是多少？").
Measure = Literal["drawdown", "days"]
_MEASURES_ASKED: tuple[tuple[Measure, re.Pattern[str]], ...] = (
    ("drawdown", re.compile(r"回撤|波动|\bvolatil|\bdrawdowns?\b|\bpeak[- ]to[- ]trough\b", re.I)),
    (
        "days",
        re.compile(
            r"\b(?:best|worst|biggest|largest|sharpest)\s+(?:single[- ]|one[- ])?"
            r"(?:day|session)s?\b|\b(?:biggest|largest|sharpest)\s+"
            r"(?:one[- ]day|single[- ]day|daily)\s+"
            r"(?:gain|rise|jump|drop|fall|decline|loss|move)|单日(?:最大)?(?:涨幅|跌幅)|最大单日"
            r"|单日最大|(?:最好|最差|涨得?最多|跌得?最多)的(?:一天|交易日)|哪(?:一)?天(?:涨|跌)得?最",
            re.I,
        ),
    ),
)


def measures_asked(text: str) -> tuple[Measure, ...]:
    """Which of the period's drawdown and volatility ("drawdown") and best and worst day ("days")
    the question asks for: those come first in its answer."""
    return tuple(measure for measure, pattern in _MEASURES_ASKED if pattern.search(text))


def asks_amount(text: str) -> bool:
    """Does the question ask for an amount in so many words ("占比是多少", "how much")?"""
    return has_cue(text, _FIGURE_ASKED)


# "标普500现在多少点？", "VIX现在多少？", "What is the VIX at now?", "Where is the S&P 500
# trading?", "What's the 10-year yield?", "苹果股价是多少？": the level it stands at, its last
# close, not how far it moved this year.
_LEVEL_ASKED = re.compile(
    r"多少点|(?:现在|目前|当前|最新)(?:是|报|在)?多少|报多少|收[于在盘]多少|点位|现价"
    r"|(?:收益率|股价|价格|指数|利差)(?:是|为)?多少[？?]?$"
    r"|\bwhat(?:'s| is| are)\b.{1,40}?\b(?:at|trading at)(?: (?:now|today|currently))?\W*$"
    # the thing's own price or yield, not the outlook for it nor what drives it
    r"|\bwhat(?:'s| is| are)\s+(?:(?!(?:for|to|of|on|in|about|behind|with)\b)"
    r"(?![\w'’-]*ing\b)[\w&.'’-]+\s+){0,5}(?:price|level|yield|quote|reading|spread)s?"
    r"(?: (?:now|today|currently|right now))?\W*$"
    r"|\bwhere(?:'s| is| are)\b.{1,40}?\b(?:trading|now|today|currently)\b"
    r"|\bcurrent (?:level|price|value|reading)s?\b",
    re.I,
)


def asks_level(text: str) -> bool:
    """Does the question ask what level something stands at now (its last close)?"""
    return _LEVEL_ASKED.search(text) is not None


def asks_figure(text: str) -> bool:
    """Does it, or for a return or a level (`asks_performance`, "where is…")?"""
    where = _WHERE_LEVEL.search(text) is not None
    return asks_amount(text) or asks_performance(text) or where or asks_level(text)


# "What did Powell say about…?", "…, by his own account?", "原话是什么", "他怎么说": the
# speaker's own words, not what a writer makes of them. What an article or a report says is
# what it reports, and is asked as any other question.
_WORDS_ASKED = re.compile(
    r"\bby (?:his|her|their|its) own account\b|\bin (?:his|her|their|its) own words\b"
    r"|\bwhat (?:did|does|do|has|have) (?!(?:the|this|that|an?) (?:article|report|piece|story|"
    r"note|analysis|brief|post|paper|study)\b)(?:[\w'’.-]+ ){1,5}(?:say|said)\b"
    r"|\bhow did (?:[\w'’.-]+ ){1,5}put it\b"
    # someone's view ("Kevin Warsh's view on rates", "What does Goldman think of…", "沃什对利率
    # 怎么看"): what they said, not the day's figures on the subject
    r"|\b[\w.-]+['’]s (?:view|views|take|stance) (?:on|of|about)\b"
    r"|\bwhat (?:does|did|do) (?:[\w'’.-]+ ){1,5}think\b"
    r"|对.{1,15}?(?:怎么看|如何看待?|的看法|持何看法)"
    r"|原话|亲口|(?<!文章)(?<!报告)(?:怎么说的?|说了什么|如何表态|怎么表态)",
    re.I,
)


# A question asking why something moved or what drives it ("Why did oil rise?", "What is
# behind the chip rally?", "油价为什么上涨", "上涨的原因是什么"): a sentence giving a cause answers
# it better than one saying only that it moved.
_CAUSE_ASKED = re.compile(
    r"\bwhy\b|\bwhat(?:'s|’s| is| are| was| were)? (?:driving|behind|causing|pushing|lifting|"
    r"weighing on|dragging)\b|\bwhat (?:drove|caused|pushed|lifted|sent|sparked)\b"
    r"|\b(?:reasons?|drivers?) (?:for|behind|of)\b|为什么|为何|原因|驱动因素|推动因素|怎么回事",
    re.I,
)


def asks_cause(text: str) -> bool:
    """Does the question ask why something happened, or what drives it?"""
    return _CAUSE_ASKED.search(text) is not None


def names_macro(text: str) -> bool:
    """Does the question name a macro subject (the Fed, yields, inflation), whatever it asks
    of it ("What did the Fed minutes say?" wants no dashboard, but is about the Fed)?"""
    return has_cue(text, _CUES["macro"])


def asks_words(text: str) -> bool:
    """Does the question ask what someone said, in their words ("What did Powell say about
    cuts?"), or what they think ("Kevin Warsh's view on rates", "沃什对利率怎么看")?"""
    return _WORDS_ASKED.search(text) is not None


# The question asks for a cause: "为什么？", "Why did it fall?", "原因是什么", "How come?".
_WHY = ("为什么", "为何", "原因", "怎么回事", "why", "how come", "what drove", "what caused")


def asks_why(text: str) -> bool:
    return has_cue(text, _WHY)


# The labor market's words: its sectors ("Which sectors added jobs?", "哪些行业就业减少？") are
# the economy's industries, which no sector fund's score measures.
_JOBS = ("jobs", "hiring", "employment", "payroll", "layoff", "就业", "岗位", "招聘", "裁员")
# Returns cues that news uses too ("beat estimates", "gained a buy rating", "beat forecasts"):
# with a news cue and no other returns cue, the question is about the news, not the return.
_LOOSE_RETURNS = ("beat", "gain", "up ", "down ")
_COMPANY_NEWS = (
    "财报", "业绩", "目标价", "评级", "分析师", "营收", "指引", "预期", "预测", "上调", "下调",
    "earnings", "estimate", "consensus", "expectation", "forecast", "guidance", "price target",
    "target price", "upgrade", "downgrade", "rating", "analyst", "revenue", "eps", "profit",
)  # fmt: skip

# A forecast of an index is strategists' news, not how it did: "Which banks raised their S&P 500
# targets?", "高盛对标普500的年底目标是多少？"; so is its valuation ("Is the market overvalued?",
# "美股估值高吗？"), its price against earnings.
_VIEWS = (
    "目标", "预测", "target", "forecast", "估值", "高估", "低估", "市盈率", "valuation",
    "overvalued", "undervalued", "p/e", "price-to-earnings", "price to earnings",
)  # fmt: skip


def asks_view(text: str) -> bool:
    """Does it ask strategists' view of a market (a target, a forecast, its valuation) rather
    than how it did?"""
    return has_cue(text, _VIEWS)


def detect_intents(
    text: str, symbols: Sequence[str], sectors: Sequence[str], stocks: Sequence[str] = ()
) -> set[Intent]:
    """What the question asks for. Naming only indices or funds asks how they did ("returns"),
    unless it asks for their forecast; naming a company (`stocks`, among `symbols`) does not by
    itself: "What price target did Deutsche Bank set for Applied Materials?" asks about the
    news."""
    intents: set[Intent] = {i for i, cues in _CUES.items() if has_cue(text, cues)}
    if asks_performance(text):
        intents.add("returns")
    if "returns" in intents and has_cue(text, _COMPANY_NEWS):
        strong = tuple(c for c in _CUES["returns"] if c not in _LOOSE_RETURNS)
        if not has_cue(text, strong):
            intents.discard("returns")
    if asks_other_economy(text):  # our macro figures and sector ETFs are America's:
        intents -= {"macro", "sectors"}  # "中国汽车行业" asks of no US sector
    # The dashboard holds no words, amount or person asked, nor a release ("What did Powell say
    # at the FOMC?", "美国7月CPI同比涨了多少？", "Who is the Fed chair?", "美国7月非农数据怎么样？")
    asked = asks_words(text) or asks_figure(text) or asks_person(text)
    release = has_cue(text, _RELEASES) and not has_cue(text, _RATES)
    if (asked and not has_cue(text, _DASHBOARD)) or release:
        intents.discard("macro")
    if not sectors and has_cue(text, _JOBS):
        intents.discard("sectors")  # "Which sectors lost jobs?": the economy's, not the funds'
    if sectors:
        intents.add("sectors")
    if len(sectors) >= 2 and asks_comparison(text):
        intents.add("returns")  # "Which did better, tech or energy?": one against the other
    if (
        symbols
        and not intents & {"sectors", "macro"}
        and not set(symbols) & set(stocks)
        and not asks_view(text)
    ):
        intents.add("returns")
    if not intents:
        intents.add("explain")
    return intents

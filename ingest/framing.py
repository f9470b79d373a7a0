"""The words that frame a question rather than say its subject: function words, the verbs it
asks with, when it is asked, what kind of figure or which side of the subject it wants.

Translation does not look them up (`ingest.crosslingual`) and sentence scoring does not count
them as the subject (`assistant.gather.coverage`): "What is the VIX telling us?" is about the
VIX, not about telling, nor about the United States.
"""

from __future__ import annotations

import re

from ingest.tokens import EN_STOPWORDS

# Function words CC-CEDICT glosses too ("his" -> 其, "she" -> 她) that the search tokenizer
# keeps: a question's framing, never its subject. So are the light verbs a question is framed
# with ("what record did it set", "where did it go", "Is inflation coming down?"), whose first
# senses are nouns or idioms (set -> 系列 "series", make -> 制造) more often than the question's
# meaning.
FUNCTION_WORDS = EN_STOPWORDS | frozenset(
    """he she him his her hers me my mine ours yours themselves yourself himself herself any all
    many each every some one two also just only very now new get got set put make made take took
    give gave go goes going went come comes coming came keep kept let per according during
    before after since until amid via""".split()  # noqa: SIM905
)
# Characters jieba leaves alone in a question that frame it rather than say its subject
# ("有多快", "哪天", "靠的是", "占比" cut as 占 + 比; "报告里", "涨到", "要多久", "降价后",
# "出现过", "能涨到", "收盘时", "做…的公司", "给…的目标价"), and 时候 of 什么时候; a question's
# final particle and its "will" ("房价会跌吗"): alone they are in almost any sentence (里 in
# 公里, 到 in 达到, 要 in 主要), and a dictionary's first sense of them is seldom the
# question's (比 "Belgium", 日 "Japan", 时候 "time", 吗 "what?", 会 "have the skill").
FRAMING = frozenset(
    """有 多 得 哪 谁 天 中 个 年 月 日 号 比 占 位 次 些 种 快 靠 来 去 走 说 看 让 时候
    里 到 要 后 过 能 时 做 给 吗 呢 吧 会 自 从""".split()  # noqa: SIM905
)
# Words that say when, relative to the asking ("最近", "目前", "recently", "now", the 以来 of
# "7月以来"): a question's time frame, which its period and the dates of the articles answer,
# not its subject. "英伟达最近为什么下跌" is not answered by any sentence that says 最近.
NOW_WORDS = frozenset(
    """最近 近期 近来 近日 目前 当前 现在 如今 眼下 时下 现阶段 最新 以来 至今
    recently recent lately currently current now nowadays presently latest newest""".split()  # noqa: SIM905
)
# Verbs an English question asks with ("What did the Fed minutes say?", "What does it mean?",
# "What happened to Micron?", "What is the VIX telling us?", "What did Nvidia report?"), in the
# forms a question writes them (search folds plurals, not tenses), no more its subject than 说
# is in "说了什么": a story of a man held for "five minutes, officials say" does not answer it,
# nor one "according to a report by The Information" what Nvidia reported.
ASKING_WORDS = frozenset(
    """say says saying tell tells telling mean means happen happens happened happening explain
    explains describe describes discuss discusses report reported reporting""".split()  # noqa: SIM905
)
# Words that ask for figures ("What are the key numbers?", "有哪些关键数据？"): what kind of
# sentence answers (`assistant.question.intents.asks_figure`), not its subject; 数字 in "智能位置
# 数字底座" does not answer it. Not "data": "data center" is a subject.
FIGURE_WORDS = frozenset("key number figure statistic stat 关键 数字 数据".split())  # noqa: SIM905
# Words that say which side of the subject a question wants ("What is the outlook for gold?",
# "黄金前景如何", "芯片股表现如何", "What is driving the small-cap rotation?", "信用利差有什么
# 变化？", "Which sector performed worst?"), not the subject: a sentence on a home-goods
# retailer's "outlook" does not answer a question on gold's, nor does one on an ETF "driving"
# a health-care opportunity say what drives small caps, nor a venture fund's "巨大的变化" how
# credit spreads moved, nor "worst-case scenarios" which sector did worst. They still count in
# a sentence that says the subject (assistant.gather.coverage), and are searched and
# translated as any word. English verbs in any form a question writes them ("performed",
# "drove": `assistant.gather.terms`).
ASPECT_WORDS = frozenset(
    """outlook prospect forecast view perform performance trend drive drove driven driver
    behind cause reason change best worst strongest weakest
    前景 展望 预期 表现 走势 趋势 前途 驱动 驱动因素 推动因素 原因 变化 变动 最好 最差 最强 最弱
    """.split()  # noqa: SIM905
)
# Words that ask how things stand ("美国通胀最新情况？", "What is the situation in oil?"): no side
# of the subject at all, so not an aspect either. In a sentence on the subject they are any
# word ("数据修正情况"), and a long one says them by chance.
STATE_WORDS = frozenset("situation status picture 情况 现状 状况 形势".split())  # noqa: SIM905
# The words of a trailing span ("最近一个月", "over the past three months", "近一周"): when, not
# what, like an aspect they count only in a sentence that says the subject. A box office's
# "连续近一个月单日票房超亿元" does not answer "罗素2000最近一个月表现如何？".
SPAN_WORDS = frozenset(
    """一个月 三个 个月 月 一年 半年 近半年 一周 近 过去 past last month months week weeks three
    six""".split()  # noqa: SIM905
)
# How a question asks, and when: none of it is a term a sentence must say to answer it
# (`assistant.gather.coverage`).
NOT_TERMS = FRAMING | FUNCTION_WORDS | NOW_WORDS | ASKING_WORDS | FIGURE_WORDS | STATE_WORDS

# "How fast did exports grow?" asks for a rate, as 有多快 does (快 is FRAMING): any growth
# figure answers it, not only a text that says "fast".
_HOW_FAST = re.compile(r"\b(how)\s+(?:fast|quickly|rapidly)\b", re.I)


# "us" the reader, not the US: in lower case, after a verb of telling or before the question it
# frames ("What is the VIX telling us?", "Tell us how the Dow did").
_PRONOUN_US = re.compile(
    r"\b(?:tell|tells|telling|told|show|shows|showing|give|gives|giving|let|help)\s+us\b"
    r"|\bus(?=\s*(?:[?!.,;:]|$|how\b|what\b|why\b|which\b|whether\b|if\b|about\b))"
)


# "right now", "just now": the adverb only stresses the "now" (a NOW_WORD), and alone it is a
# subject ("right-wing", "voting rights"): a Cuban travel vlog's "So right, right now we're…"
# does not answer "What is the VIX telling us right now?".
_STRESSED_NOW = re.compile(r"\b(?:right|just)\s+(?=now\b)", re.I)


# A day pointed at ("that day", "on the same day", "in a single day", 当天, 当日): when, which the
# question's dates say, not what: "did not rise to that level… two days after" does not answer
# "how much did ChiNext rise that day?". A day with a name is a subject ("investor day").
_THAT_DAY = re.compile(
    r"\b(?:that|same|single|each|every|per|a|one)\s+days?\b"
    r"|当天|当日|那天|那一天",
    re.I,
)


# The article a question points at ("this article", 这篇文章, 本文) and its gist asked for ("main
# argument", "key takeaways", 核心观点, 要点): what kind of answer, no subject a sentence must say.
# "这篇文章的核心观点是什么？" is answered by what the chosen article argues, in its own order, not
# by its sentences saying 核心 ("核心客户") or 观点.
_ARTICLE_AND_GIST = re.compile(
    r"\b(?:this|the|that) (?:article|report|piece|story|post|note)(?:['’]s)?\b"
    r"|\b(?:main|key|central|core) (?:arguments?|points?|ideas?|thesis|messages?|takeaways?|"
    r"conclusions?)\b|\b(?:takeaways?|gist)\b|\bsummar(?:y|ize|ise)\b"
    r"|这篇(?:文章|报告|评论)?|这份报告|本文|该文|文章?中|(?:核心|主要|中心)(?:观点|论点|内容|结论|思想)"
    r"|要点|主旨|大意",
    re.I,
)


def without_framing(query: str) -> str:
    """The query without the words that only frame it ("how fast" is "how"; "tell us",
    "telling us"; "right now" is "now"; "that day"; "this article's main argument",
    这篇文章的核心观点)."""
    query = _ARTICLE_AND_GIST.sub(" ", _THAT_DAY.sub(" ", _STRESSED_NOW.sub("", query)))
    return _PRONOUN_US.sub(_first_word, _HOW_FAST.sub(r"\1", query))


def _first_word(match: re.Match[str]) -> str:
    """What `_PRONOUN_US` leaves of a match: the verb before "us", if any."""
    words = match[0].split()
    return words[0] if len(words) > 1 else ""

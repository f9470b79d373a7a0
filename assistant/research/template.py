"""The offline plan template: which steps a brief has, and how each is worded, as data.

Each entry is one step: `aspect` (what it covers), `when` (which topics get it), the `tools` it
may call, and per language the sub-question and the library query, with placeholders filled from
the topic's entities (`assistant.question.parse.parse_question`):

- `{topic}`: the topic as written; `{title}`: the article's title (article plans only);
- `{subject}`: the indices or stocks the topic is about, named in the plan's language (default:
  the S&P 500); `{benchmark}`: what they are compared with; `{period}`: e.g. 年初至今;
- `{focus}`: what the topic is about (the subject, or the sectors it names, or US stocks);
- `{sectors}`: the sectors the topic names; `{names}`: the subject and sectors in both
  languages (so the lexical search finds Chinese and English commentary).

`when` is one of: `always`; `comparison` (the topic names a subject other than the benchmark:
then the performance question asks "did it beat the benchmark?"); `single` (no such subject:
"how did it do?"); `sectors` / `no_sectors` (the topic does / does not name sectors);
`subject` (the topic is about something narrower than the broad market, so valuation is
worth a step). The LLM planner (`prompts/research_planner.md`) covers the same aspects.
"""

from __future__ import annotations

from typing import Any

TOPIC_STEPS: tuple[dict[str, Any], ...] = (
    {
        "aspect": "performance",
        "when": "comparison",
        "tools": ("index_returns", "quotes", "search_commentary"),
        "zh": {
            "question": "{subject}{period}是否跑赢{benchmark}?",
            "query": "{names} {benchmark} {period} 表现 涨幅 跑赢",
        },
        "en": {
            "question": "Did the {subject} outperform the {benchmark} {period}?",
            "query": "{names} {benchmark} {period} performance outperform",
        },
    },
    {
        "aspect": "performance",
        "when": "single",
        "tools": ("index_returns", "quotes", "search_commentary"),
        "zh": {"question": "{subject}{period}表现如何?", "query": "{names} {period} 表现 涨幅"},
        "en": {
            "question": "How has the {subject} performed {period}?",
            "query": "{names} {period} performance",
        },
    },
    {
        "aspect": "sector_rotation",
        "when": "sectors",
        "tools": ("sector_scores", "search_commentary"),
        "zh": {
            "question": "{sectors}板块的评分与动量如何?在当前板块轮动中处于什么位置?",
            "query": "{names} 板块 轮动 动量 领涨",
        },
        "en": {
            "question": "How do the {sectors} sectors score, and where do they stand in the "
            "current sector rotation?",
            "query": "{names} sector rotation momentum leaders",
        },
    },
    {
        "aspect": "sector_rotation",
        "when": "no_sectors",
        "tools": ("sector_scores", "search_commentary"),
        "zh": {
            "question": "当前美股板块轮动格局如何?哪些板块领涨,哪些落后?",
            "query": "板块轮动 领涨 落后 {names}",
        },
        "en": {
            "question": "What does the current US sector rotation look like: which sectors "
            "lead and which lag?",
            "query": "sector rotation leaders laggards {names}",
        },
    },
    {
        "aspect": "macro_drivers",
        "when": "always",
        "tools": ("macro", "search_commentary"),
        "zh": {
            "question": "收益率曲线与利率环境(美联储政策)对{focus}意味着什么?",
            "query": "收益率曲线 美联储 降息 利率 {names}",
        },
        "en": {
            "question": "What do the yield curve and rates (Fed policy) mean for {focus}?",
            "query": "yield curve Fed rate cuts rates {names}",
        },
    },
    {
        "aspect": "financial_conditions",
        "when": "always",
        "tools": ("macro", "search_commentary"),
        "zh": {
            "question": "金融环境与信用利差(高收益债)释放了什么信号?",
            "query": "金融环境 信用利差 高收益债 融资成本 {names}",
        },
        "en": {
            "question": "What are financial conditions and credit spreads (high yield) signalling?",
            "query": "financial conditions credit spreads high yield borrowing costs {names}",
        },
    },
    {
        "aspect": "valuation",
        "when": "subject",
        "tools": ("search_commentary",),
        "zh": {
            "question": "{focus}的估值(市盈率、市净率)处于什么水平?",
            "query": "估值 市盈率 市净率 折价 {names}",
        },
        "en": {
            "question": "What are the valuations (P/E, P/B) for {focus}?",
            "query": "valuation P/E discount {names}",
        },
    },
    {
        "aspect": "catalysts",
        "when": "always",
        "tools": ("search_commentary",),
        "zh": {
            "question": "{topic}的主要催化因素有哪些?",
            "query": "{topic} 催化 降息 资金流入 轮动 {names}",
        },
        "en": {
            "question": "What are the main catalysts for “{topic}”?",
            "query": "{topic} catalysts rate cuts inflows rotation {names}",
        },
    },
    {
        "aspect": "risks",
        "when": "always",
        "tools": ("search_commentary",),
        "zh": {
            "question": "{topic}面临哪些主要风险?",
            "query": "{topic} 风险 回调 盘整 波动 {names}",
        },
        "en": {
            "question": "What are the main risks to “{topic}”?",
            "query": "{topic} risks pullback consolidation volatility {names}",
        },
    },
)

# "Deep analysis of this article": every search is scoped to the article.
ARTICLE_STEPS: tuple[dict[str, Any], ...] = (
    {
        "aspect": "thesis",
        "when": "always",
        "tools": ("search_commentary",),
        "zh": {"question": "《{title}》的核心观点和主要论据是什么?", "query": "{title}"},
        "en": {
            "question": "What are the main claims and arguments of “{title}”?",
            "query": "{title}",
        },
    },
    *(s for s in TOPIC_STEPS if s["aspect"] in {"performance", "sector_rotation"}),
    {
        "aspect": "macro_drivers",
        "when": "always",
        "tools": ("macro", "search_commentary"),
        "zh": {
            "question": "文章提到的利率、收益率曲线与信用环境,和当前宏观数据是否一致?",
            "query": "美联储 利率 收益率 信用 融资 {names}",
        },
        "en": {
            "question": "Do the rates, yield curve and credit conditions the article describes "
            "match the current macro data?",
            "query": "Fed rates yields credit financing {names}",
        },
    },
    {
        "aspect": "risks",
        "when": "always",
        "tools": ("search_commentary",),
        "zh": {"question": "文章指出了哪些风险?", "query": "风险 回调 下跌 担忧 {names}"},
        "en": {
            "question": "Which risks does the article point to?",
            "query": "risks pullback decline concerns {names}",
        },
    },
    {
        "aspect": "catalysts",
        "when": "always",
        "tools": ("search_commentary",),
        "zh": {"question": "文章认为有哪些机遇和催化因素?", "query": "机遇 催化 受益 支撑 {names}"},
        "en": {
            "question": "Which opportunities and catalysts does the article see?",
            "query": "opportunities catalysts benefit support {names}",
        },
    },
)

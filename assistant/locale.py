"""The fixed words of an answer in each language: headings, dates, the disclaimer, notices.

Kept in one place so both modes, the renderer and the parser of model output agree on them
(the parser recognises a heading in either language; the renderer writes the question's).
"""

from __future__ import annotations

import datetime as dt

from assistant.answer.model import Language, SectionKey

HEADINGS: dict[Language, dict[SectionKey, str]] = {
    "zh": {
        "analysis": "综合分析",
        "insights": "核心洞察",
        "risks_opportunities": "风险与机遇",
        "risks": "风险因素",
        "opportunities": "机遇窗口",
        "takeaways": "核心信息摘要",
        "other": "其他",
    },
    "en": {
        "analysis": "Comprehensive analysis",
        "insights": "Key insights",
        "risks_opportunities": "Risks and opportunities",
        "risks": "Risks",
        "opportunities": "Opportunities",
        "takeaways": "Key takeaways",
        "other": "Other",
    },
}

REFERENCES_HEADING: dict[Language, str] = {"zh": "参考文献", "en": "References"}

DISCLAIMER: dict[Language, str] = {
    "zh": "数据基于历史,不代表未来趋势;仅供投资者参考,不构成投资建议",
    "en": (
        "Data are historical and do not indicate future trends; for reference only, "
        "not investment advice."
    ),
}

TOP_LEVEL: tuple[SectionKey, ...] = ("analysis", "insights", "risks_opportunities", "takeaways")
SUBSECTIONS: dict[SectionKey, tuple[SectionKey, ...]] = {
    "risks_opportunities": ("risks", "opportunities"),
}

_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date(day: dt.date, language: Language) -> str:
    """2026年1月23日 / January 23, 2026."""
    if language == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{_EN_MONTHS[day.month - 1]} {day.day}, {day.year}"


def as_of_line(day: dt.date, language: Language) -> str:
    if language == "zh":
        return f"截至{format_date(day, language)} | 市场分析"
    return f"As of {format_date(day, language)} | Market analysis"


def heading_skeleton(language: Language) -> str:
    """The section headings as Markdown, for the model to fill in (in the prompt)."""
    names = HEADINGS[language]
    lines = []
    for key in TOP_LEVEL:
        lines.append(f"## {names[key]}")
        lines += [f"### {names[sub]}" for sub in SUBSECTIONS.get(key, ())]
    return "\n".join(lines)


NOTICES: dict[str, dict[Language, str]] = {
    "offline": {
        "zh": "本回答由离线模式生成,未使用大模型:数字来自市场数据工具,观点摘自所引文章原句。",
        "en": (
            "Written without an LLM (offline mode): figures come from the market-data tools, "
            "views are sentences quoted from the cited articles."
        ),
    },
    "fallback": {
        "zh": "大模型接口调用失败({reason}),已改用离线模式回答。",
        "en": "The LLM endpoint failed ({reason}); answered offline instead.",
    },
    "empty_library": {
        "zh": "文章库为空:请先添加评论文章——在浏览器的 Library 页面上传文件或填写网址,"
        "或在命令行运行 `marketbrief ingest 文件或文件夹`。",
        "en": "The library is empty: add commentary first, on the Library page in the browser "
        "(upload files or give URLs) or with `marketbrief ingest FILE_OR_FOLDER`.",
    },
    "library_unavailable": {
        "zh": "无法检索文章库({reason})。",
        "en": "The library could not be searched ({reason}).",
    },
    "no_passages": {
        "zh": "文章库中没有找到与该问题相关的段落。",
        "en": "No passage in the library matched this question.",
    },
    "no_prices": {
        "zh": "没有可用的价格数据({reason}):请先导入价格 CSV——在浏览器的 Library 页面用"
        "“Import prices”上传,或在命令行运行 `marketbrief prices import 文件夹`;"
        "联网时也可运行 `marketbrief prices sync 代码` 从 Yahoo Finance 获取。",
        "en": "No price data ({reason}): import price CSVs first, under Import prices on the "
        "Library page in the browser or with `marketbrief prices import FOLDER`; when online, "
        "`marketbrief prices sync SYMBOL` fetches them from Yahoo Finance.",
    },
    "tool_failed": {
        "zh": "市场数据工具 {tool} 出错:{reason}",
        "en": "The market-data tool {tool} failed: {reason}",
    },
    "removed_citations": {
        "zh": "删除了 {count} 个无法对应到任何来源的引用标记。",
        "en": "Removed {count} citation marker(s) that matched no source.",
    },
    "unverified": {
        "zh": "标有 ⚠ 的数字未能在其所引来源中核实。",
        "en": "Figures marked ⚠ could not be matched to the source they cite.",
    },
}


def notice(name: str, language: Language, **values: object) -> str:
    return NOTICES[name][language].format(**values)


_UNITS = {
    "D": ("个交易日", "trading day"),
    "W": ("周", "week"),
    "M": ("个月", "month"),
    "Y": ("年", "year"),
}
_NAMED_PERIODS: dict[str, tuple[str, str]] = {
    "YTD": ("年初至今", "year to date"),
    "QTD": ("季初至今", "quarter to date"),
    "MTD": ("月初至今", "month to date"),
    "WTD": ("本周以来", "week to date"),
    "1D": ("当日", "on the day"),
}


def period_label(period: str | None, language: Language) -> str:
    """ "YTD" -> 年初至今 / year to date; "3M" -> 近3个月 / over the past 3 months; "2024"."""
    if not period:
        return ""
    code = period.upper()
    index = 0 if language == "zh" else 1
    if code in _NAMED_PERIODS:
        return _NAMED_PERIODS[code][index]
    if code.isdigit():
        return f"{code}年全年" if language == "zh" else f"in {code}"
    if code[:-1].isdigit() and code[-1] in _UNITS:
        n, unit = int(code[:-1]), _UNITS[code[-1]]
        if language == "zh":
            return f"近{n}{unit[0]}"
        return f"over the past {n} {unit[1]}s" if n > 1 else f"over the past {unit[1]}"
    return period

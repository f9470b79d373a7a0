"""The few words the answer area adds around an Answer, in the answer's language."""

from __future__ import annotations

from assistant.answer.model import Language

LABELS: dict[str, dict[Language, str]] = {
    "sources": {"zh": "来源", "en": "Sources"},
    "market_data": {"zh": "市场数据", "en": "Market data"},
    "checks": {"zh": "核查提示", "en": "Checks"},
    "published": {"zh": "发布", "en": "Published"},
    "page": {"zh": "页", "en": "page"},
    "section": {"zh": "章节", "en": "Section"},
    "tools": {"zh": "工具", "en": "Tools"},
    "symbols": {"zh": "代码", "en": "Symbols"},
    "origin": {"zh": "价格来源", "en": "Prices from"},
    "as_of": {"zh": "截至", "en": "As of"},
    "method": {"zh": "计算方法", "en": "Method"},
    "notes": {"zh": "备注", "en": "Notes"},
    "open": {"zh": "打开原文", "en": "Open the original"},
    "no_passage": {"zh": "该来源没有可显示的段落。", "en": "No passage is stored for this source."},
    "pick": {"zh": "点击编号查看引用原文", "en": "Pick a number to read the cited passage"},
    "offline": {"zh": "离线模式", "en": "offline"},
    "llm": {"zh": "大模型", "en": "LLM"},
}


def label(name: str, language: Language) -> str:
    return LABELS[name][language]

"""Reading the model's Markdown back into the answer's sections.

Models vary: `##` or `###` or bold headings, headings in the other language, a stray
references list or disclaimer. Known headings (in either language, a few synonyms) are mapped
to the fixed sections and rewritten in the question's language; unknown headings stay as bold
lines inside the current section; a references list and a disclaimer written by the model are
dropped (code writes both). Output with none of the expected headings is not an answer.
"""

from __future__ import annotations

import re
from typing import get_args

from assistant.answer.model import Language, Section, SectionKey
from assistant.llm.failures import LLMRunError
from assistant.locale import LANGUAGES, SUBSECTIONS, TOP_LEVEL, heading, message

_SYNONYMS: dict[str, SectionKey] = {
    "分析": "analysis", "综合": "analysis", "analysis": "analysis", "overview": "analysis",
    "洞察": "insights", "insights": "insights", "insight": "insights",
    "风险": "risks", "风险因素": "risks", "risks": "risks", "risk factors": "risks",
    "机遇": "opportunities", "机会": "opportunities", "机遇窗口": "opportunities",
    "opportunities": "opportunities", "opportunity windows": "opportunities",
    "摘要": "takeaways", "总结": "takeaways", "结论": "takeaways", "summary": "takeaways",
    "takeaways": "takeaways", "conclusion": "takeaways", "key takeaways": "takeaways",
}  # fmt: skip
_HEADING = re.compile(r"^\s*(#{1,6})\s*(.+?)\s*#*\s*$|^\s*\*\*(.+?)\*\*\s*[:：]?\s*$")
# A reasoning model's thinking, when the server leaves it in the text (Qwen3, DeepSeek-R1 through
# some servers) instead of sending it apart as `reasoning_content`: never part of the answer.
_THINKING = re.compile(r"<think>.*?(?:</think>|$)", re.S | re.I)
_DISCLAIMER = re.compile(r"不构成投资建议|not investment advice|not financial advice", re.I)


def _normal(text: str) -> str:
    text = re.sub(r"^[\d一二三四五六七八九十]+[.、)]\s*", "", text.strip())
    return text.strip(" :：*").lower()


def _known_headings() -> dict[str, SectionKey]:
    known: dict[str, SectionKey] = dict(_SYNONYMS)
    for language in LANGUAGES:
        for key in get_args(SectionKey):
            known[heading(key, language).lower()] = key
    return known


_KNOWN = _known_headings()
_REFERENCES = {heading("references", language).lower() for language in LANGUAGES}
_REFERENCES |= {"sources", "来源"}


def section_key(text: str) -> SectionKey | None:
    """The section a heading names, in either language, or None."""
    normal = _normal(text)
    if normal in _KNOWN:
        return _KNOWN[normal]
    if "风险" in normal and ("机遇" in normal or "机会" in normal):
        return "risks_opportunities"
    if "risk" in normal and "opportunit" in normal:
        return "risks_opportunities"
    return None


def without_thinking(text: str) -> str:
    """The model's text without a reasoning model's `<think>…</think>` block."""
    return _THINKING.sub("", text)


def parse_markdown(text: str, language: Language) -> tuple[str | None, tuple[Section, ...]]:
    """The title (a leading `# ` line) and the sections; LLMRunError if there are none."""
    text = without_thinking(text)
    title: str | None = None
    bodies: dict[SectionKey, list[str]] = {}
    current: SectionKey = "analysis"
    found_any = False
    for line in text.replace("\r\n", "\n").split("\n"):
        match = _HEADING.match(line)
        if match:
            hashes, heading_text = match[1] or "", (match[2] or match[3] or "").strip()
            if hashes == "#" and title is None and not found_any:
                title = heading_text
                continue
            if _normal(heading_text) in _REFERENCES:
                break
            key = section_key(heading_text)
            if key is not None:
                current, found_any = key, True
                bodies.setdefault(current, [])
                continue
            line = f"**{heading_text}**"
        if _DISCLAIMER.search(line) and len(line) < 200:
            continue
        bodies.setdefault(current, []).append(line)
    if not found_any:
        raise LLMRunError("the model's answer had none of the required sections")
    return title, _sections(bodies, language)


def _sections(bodies: dict[SectionKey, list[str]], language: Language) -> tuple[Section, ...]:
    empty = message("answer.empty_section", language)

    def body(key: SectionKey) -> str:
        text = "\n".join(bodies.get(key, [])).strip()
        return re.sub(r"\n{3,}", "\n\n", text)

    sections = []
    for key in TOP_LEVEL:
        subs = tuple(
            Section(key=sub, heading=heading(sub, language), text=body(sub) or empty)
            for sub in SUBSECTIONS.get(key, ())
        )
        text = body(key)
        sections.append(
            Section(
                key=key,
                heading=heading(key, language),
                text=text or ("" if subs else empty),
                subsections=subs,
            )
        )
    return tuple(sections)

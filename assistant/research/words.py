"""The fixed words of a research brief in each language: its title, the steps section, notices.

Kept beside the answer's own words (`assistant.locale`) but separate, so the brief's additions
do not grow the answer's vocabulary.
"""

from __future__ import annotations

from assistant.answer.model import Language

WORDS: dict[str, dict[Language, str]] = {
    "title": {"zh": "{topic}：深度研究", "en": "{topic}: research brief"},
    "article_title": {"zh": "深度解读：{topic}", "en": "Deep analysis: {topic}"},
    "steps_heading": {"zh": "研究步骤", "en": "Research steps"},
    "step_ok": {"zh": "完成", "en": "done"},
    "step_partial": {"zh": "部分完成", "en": "partly done"},
    "step_failed": {"zh": "失败", "en": "failed"},
    "step_line": {
        "zh": "{n}. {question}（{status}；工具：{tools}）",
        "en": "{n}. {question} ({status}; tools: {tools})",
    },
    "step_failed_notice": {
        "zh": "第{n}步“{question}”未能完成（{reason}），简报其余部分照常生成。",
        "en": "Step {n} (“{question}”) failed ({reason}); the rest of the brief is complete.",
    },
    "step_tool_failed": {"zh": "工具 {tool} 出错：{reason}", "en": "tool {tool} failed: {reason}"},
    "no_findings": {
        "zh": "各步骤均未得到有依据的结论。",
        "en": "No step produced a grounded finding.",
    },
    "nothing_new": {
        "zh": "本步骤没有新的发现:它用到的数据和文章段落已在前面的步骤中给出。",
        "en": "Nothing new in this step: its data and passages were already given above.",
    },
    "planner_fallback": {
        "zh": "大模型未能生成可用的研究计划（{reason}），已改用模板计划。",
        "en": "The LLM could not draft a usable plan ({reason}); the template plan is used.",
    },
    "focus_default": {"zh": "美股", "en": "US stocks"},
    "sectors_suffix": {"zh": "板块", "en": " sectors"},
    "joiner": {"zh": "、", "en": " and "},
}  # fmt: skip


def word(name: str, language: Language, **values: object) -> str:
    return WORDS[name][language].format(**values)

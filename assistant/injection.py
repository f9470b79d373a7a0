"""Recognising retrieved text that tries to give orders.

Retrieved text is data. An ingested page may say "ignore previous instructions" or "你现在是…";
such a sentence is never quoted as analysis by the composer, and is cut from passages before a
model reads them (the system prompt says the same, but a filter does not depend on obedience).
"""

from __future__ import annotations

import re

_PATTERNS = [
    # English
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}"
    r"\b(?:instructions?|prompts?|rules|guidelines|directions|messages|context)\b",
    r"\byou are now\b",
    r"\bfrom now on,? you\b",
    r"\b(?:act|behave|respond) as (?:if you were |an? )",
    r"\bpretend (?:to be|you are)\b",
    r"\bnew instructions?\s*:",
    r"\bsystem prompt\b",
    r"\b(?:reveal|print|show|repeat|output) (?:your|the) (?:system |hidden |initial )?"
    r"(?:prompt|instructions)\b",
    r"\bdeveloper (?:message|mode)\b",
    r"\bjailbreak",
    r"\bdo anything now\b",
    r"<\|im_(?:start|end)\|>",
    r"^\s*(?:system|assistant)\s*:",
    r"#{2,}\s*(?:instruction|system)",
    # Chinese
    r"(?:忽略|无视|忘记|忘掉|不要理会|不要遵守|绕过)[^。！？\n]{0,12}(?:指令|指示|提示|说明|规则|设定|要求)",
    r"你现在(?:是|扮演|作为)",
    r"从现在(?:开始|起)[，,]?\s*你",
    r"(?:扮演|假装)(?:一个|一名|成)",
    r"系统提示|系统指令|提示词",
    r"(?:输出|显示|透露|告诉我)[^。！？\n]{0,8}(?:指令|提示)",
    r"越狱",
    r"新的指令\s*[:：]",
]
_INSTRUCTION_LIKE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.I | re.M)


def is_instruction_like(text: str) -> bool:
    """True when the text reads like an order to an assistant rather than market commentary."""
    return _INSTRUCTION_LIKE.search(text) is not None

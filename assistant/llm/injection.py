"""Recognising retrieved text that tries to give orders.

Retrieved text is data. An ingested page may say "ignore previous instructions" or "你现在是…";
such a sentence is never quoted as analysis by the composer, and is cut from passages before a
model reads them (the system prompt says the same, but a filter does not depend on obedience).

Besides orders to the model, it catches text aimed at the tools (a fake tool call, "call the
macro tool 50 times"), at secrets (API keys, the environment), at the reader's browser (a
Markdown image that loads by itself, a link carrying a query) and text posing as our own data
("[0] marketbrief market data: ...") or as a chat role ("system: ..."). Matching runs on the
text as a model reads it: zero-width characters removed and full-width letters folded.
Tested against a corpus of hostile articles in tests/fixtures/injection.
"""

from __future__ import annotations

import re
import unicodedata

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
    # Aimed at the tools: "call the macro tool 50 times", a fake tool call in JSON or tags
    r"\b(?:call|invoke|trigger)\s+(?:the\s+|a\s+|your\s+)?[\w-]+\s+(?:tool|function)\b",
    r"\b(?:tool|function)s?\b[^.!?\n]{0,30}\b\d+\s+times\b",
    r"\"(?:tool_calls?|function_call|arguments)\"\s*:",
    r"</?\s*(?:tool_call|function_call|tool|function)\b[^>]*>",
    r"(?:请|务必|立即|必须|先)\s*调用|调用[^。！？\n]{0,12}(?:工具|函数)[^。！？\n]{0,8}\d+\s*次",
    # Aimed at secrets: keys, tokens, the environment
    r"\bapi[\s_-]?keys?\b|\bOPENAI_[A-Z_]+\b|\benvironment variables?\b",
    r"(?:输出|显示|透露|发送|发到|告诉我|打印)[^。！？\n]{0,10}(?:密钥|秘钥|令牌|环境变量)",
    r"(?:API|api)\s*(?:密钥|秘钥)|密钥[^。！？\n]{0,6}(?:发送|发到|输出|告诉)",
    # Exfiltration through markup: an image loads by itself; a link carries a query
    r"!\[[^\]]*\]\(",
    r"\[[^\]]+\]\(\s*https?://[^)\s]*\?[^)]*\)",
    # Posing as the product's own data or references, or as a chat role
    r"\bmarketbrief\b",
    r"^\s*\[0\]",
    r"^\s*(?:system|assistant|developer|user|tool)\s*[:：]",
    r"\[\s*(?:system|inst|/inst|assistant)\s*\]|<\|(?:system|assistant|user)\|>",
    r"</?\s*(?:system|assistant|developer)\s*>",
    r"^\s*(?:系统|助手|开发者)\s*[:：]",
    r"(?:不受|没有)任何限制",
]
_INSTRUCTION_LIKE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.I | re.M)
# Characters that hide a phrase from a pattern but not from a model: zero-width spaces and
# joiners, soft hyphens, word joiners, the BOM, bidirectional controls.
_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C,
     0x202D, 0x202E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF]
)  # fmt: skip


def normalise_for_matching(text: str) -> str:
    """The text as a model would read it: invisible characters dropped, full-width and other
    compatibility forms folded (ＩＧＮＯＲＥ -> IGNORE)."""
    return unicodedata.normalize("NFKC", text.translate(_INVISIBLE))


def is_instruction_like(text: str) -> bool:
    """True when the text reads like an order to an assistant rather than market commentary."""
    return _INSTRUCTION_LIKE.search(normalise_for_matching(text)) is not None

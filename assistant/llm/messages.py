"""What LLM mode sends the model: the standing instructions, the conversation so far, and the
question with what the application already understood from it (hints that steer small models
to the right tools)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.conversation.memory import Conversation
from assistant.locale import heading_skeleton, period_label
from assistant.prompts import render_prompt, tool_descriptions
from assistant.question.parse import ParsedQuestion
from assistant.question.vocabulary import Vocabulary

if TYPE_CHECKING:
    from langchain_core.messages import BaseMessage

LANGUAGE_NAMES = {"zh": "Chinese (简体中文)", "en": "English"}


def system_prompt(parsed: ParsedQuestion) -> str:
    return render_prompt(
        "system",
        language_name=LANGUAGE_NAMES[parsed.language],
        as_of=parsed.as_of,  # None: the prompt says "the latest close available"
        headings=heading_skeleton(parsed.language),
        tools=tool_descriptions(),
    )


def messages(
    parsed: ParsedQuestion, vocabulary: Vocabulary, conversation: Conversation | None
) -> list[BaseMessage]:
    from langchain_core.messages import AIMessage, HumanMessage

    sent: list[BaseMessage] = []
    for question, answer in conversation.history() if conversation else []:
        sent += [HumanMessage(question), AIMessage(answer)]
    as_of = parsed.as_of.isoformat() if parsed.as_of else "latest"
    hints = _hints(parsed, vocabulary)
    sent.append(
        HumanMessage(render_prompt("question", question=parsed.text, as_of=as_of, hints=hints))
    )
    return sent


def _hints(parsed: ParsedQuestion, vocabulary: Vocabulary) -> str:
    """What the question parser understood, to steer small models to the right tools."""
    lines = []
    if parsed.symbols:
        named = ", ".join(f"{s} ({vocabulary.name(s, 'en')})" for s in parsed.symbols)
        lines.append(f"Symbols in play: {named}")
    if parsed.sectors:
        lines.append(f"Sectors mentioned: {', '.join(parsed.sectors)}")
    if parsed.period:
        lines.append(f"Period: {parsed.period} ({period_label(parsed.period, 'en')})")
    if parsed.benchmark:
        lines.append(f"Benchmark: {parsed.benchmark}")
    if parsed.tools is not None:
        lines.append(f"Tools for this step: {', '.join(sorted(parsed.tools))}")
    if parsed.search:
        lines.append(f"Suggested library search: {parsed.search}")
    return "\n".join(lines)

"""A conversation: the earlier turns a follow-up question may lean on.

Offline, a follow-up without symbols or a period carries them over from the previous turn
("那纳斯达克呢?" keeps the period; "why?" keeps the symbols). In LLM mode the earlier questions
and answers (their sections, without the references) go to the model as prior messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.answer.citations import walk
from assistant.answer.model import Answer
from assistant.question.parse import ParsedQuestion

HISTORY_TURNS = 3
HISTORY_CHARS = 2_000


@dataclass(frozen=True)
class Turn:
    question: str
    parsed: ParsedQuestion
    answer: Answer


@dataclass
class Conversation:
    turns: list[Turn] = field(default_factory=list)

    def add(self, parsed: ParsedQuestion, answer: Answer) -> None:
        self.turns.append(Turn(parsed.text, parsed, answer))

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    def history(self) -> list[tuple[str, str]]:
        """The last few turns as (question, answer text) pairs, the answers shortened."""
        pairs = []
        for turn in self.turns[-HISTORY_TURNS:]:
            body = "\n\n".join(
                f"{s.heading}\n{s.text}" for s in walk(turn.answer.sections) if s.text
            )
            if len(body) > HISTORY_CHARS:
                body = body[:HISTORY_CHARS] + " …"
            pairs.append((turn.question, f"# {turn.answer.title}\n\n{body}"))
        return pairs

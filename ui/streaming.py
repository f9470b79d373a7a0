"""An answer as it is being made: tool progress in a status box, the model's tokens as they
arrive, and notices (a fallback to offline mode wipes the tokens shown so far and says why).

Returns the finished Answer; the page then shows it in the full format.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import streamlit as st

from assistant.answer.links import defang
from assistant.answer.model import Answer
from assistant.events import Done, Event, Notice, Token, ToolEnd, ToolStart
from ui.markup import neutralise

TOOL_LABELS = {
    "search_commentary": "Searching the library",
    "index_returns": "Computing index returns",
    "sector_scores": "Scoring sectors",
    "quotes": "Fetching quotes",
    "macro": "Reading macro indicators",
}


@dataclass
class Streamed:
    answer: Answer | None = None
    discarded: str | None = None  # the last notice that wiped the draft: offline took over
    # (the answer's mode is "offline") or the model rewrote its figures (mode "llm")
    steps: list[str] = field(default_factory=list)


def tool_label(name: str) -> str:
    return TOOL_LABELS.get(name, name)


def show_stream(events: Iterable[Event]) -> Streamed:
    """Render the events in the current container; the Answer is in the result."""
    out = Streamed()
    status = st.status("Working on it…", expanded=False)
    notices = st.container()
    text = st.empty()
    streamed = ""
    for event in events:
        if isinstance(event, ToolStart):
            status.update(label=f"{tool_label(event.name)}…")
        elif isinstance(event, ToolEnd):
            line = f"{'✓' if event.ok else '✗'} {tool_label(event.name)}: {event.summary}"
            out.steps.append(line)
            status.markdown(neutralise(line))
        elif isinstance(event, Token):
            streamed += event.text
            # the model's raw draft: its URLs inert as the finished answer's (`links`)
            text.markdown(neutralise(defang(streamed)) + " ▌")
        elif isinstance(event, Notice):
            if event.discard_streamed:
                streamed = ""
                text.empty()
                out.discarded = event.message
            notices.warning(neutralise(event.message), icon=":material/warning:")
        elif isinstance(event, Done):
            out.answer = event.answer
    done = f"Done · {len(out.steps)} step{'s' if len(out.steps) != 1 else ''}"
    status.update(label=done, state="complete", expanded=False)
    text.empty()
    return out

"""The Answer: one immutable value for both modes (LLM and offline), the CLI, the UI and briefs.

Everything a reader needs to trace a figure travels with it: the numbered references (with the
cited passages themselves, so a sources panel can open them), the verification flags, the data
behind the charts and the tickers in play. Plain values only (no DataFrames), so an Answer can
be stored as JSON and reopened.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidatorFunctionWrapHandler, WrapValidator

from ingest.language import Language  # re-exported: an Answer's language is a text's language

Mode = Literal["llm", "offline"]
SectionKey = Literal[
    "analysis", "insights", "risks_opportunities", "risks", "opportunities", "takeaways", "other"
]
FlagKind = Literal[
    "contradicted_number",  # its cited source states another value for the same thing
    "unsupported_number",  # no cited source states it
    "uncited_number",  # a number in a sentence (and paragraph) with no citation
    "unknown_citation",  # a marker that resolved to no source (removed from the text)
    "discrepancy",  # an article's figure differs from the computed one (both are shown)
    "notice",  # how the answer was made: offline, fallback, empty library, no prices
]
# Flags about one figure of the text, marked where the figure stands.
NUMBER_FLAGS: frozenset[FlagKind] = frozenset(
    {"contradicted_number", "unsupported_number", "uncited_number"}
)


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Section(Frozen):
    """A titled part of the answer; 风险与机遇 holds its two parts as subsections."""

    key: SectionKey
    heading: str
    text: str = ""
    subsections: tuple[Section, ...] = ()


class Passage(Frozen):
    """A retrieved passage a reference stands for: what the sources panel opens."""

    chunk_id: str
    section: str = ""
    page: int | None = None
    text: str


def _kept(value: object, handler: ValidatorFunctionWrapHandler) -> object:
    """A text that carries its data (tools.notes.Note, a str) stays itself; others are str."""
    return value if isinstance(value, str) and type(value) is not str else handler(value)


# A caveat or an origin as the reader reads it, which may also carry what it was worded from
# (tools.notes.Note: its key and facts), so a brief merges its steps' [0] by what they say,
# not by their wording. It equals, and is stored as, its text.
Worded = Annotated[str, WrapValidator(_kept)]


class Reference(Frozen):
    """One numbered entry of the references list, rendered by code from the source registry."""

    n: int
    kind: Literal["market_data", "article"]
    title: str
    source: Worded = ""
    date: dt.date | None = None
    url: str | None = None
    # articles
    article_id: str | None = None
    passages: tuple[Passage, ...] = ()
    # market data ([0])
    tools: tuple[str, ...] = ()
    symbols: tuple[str, ...] = ()
    method: str = ""
    notes: tuple[Worded, ...] = ()

    @property
    def chunk_ids(self) -> tuple[str, ...]:
        return tuple(p.chunk_id for p in self.passages)


class ClaimParts(Frozen):
    """What a flagged figure was read as saying: of what, which metric, when, which way."""

    value: float  # signed when the text says which way
    unit: str = ""
    entity: str | None = None
    against: str | None = None
    metric: str | None = None
    period: str | None = None
    direction: Literal["up", "down"] | None = None


class Flag(Frozen):
    """Something the reader must know about the answer: a doubtful number, a removed
    citation, a figure two sources disagree on, or how the answer was produced."""

    kind: FlagKind
    message: str
    number: str | None = None
    sentence: str | None = None
    sources: tuple[int, ...] = ()
    section: SectionKey | None = None
    claim: ClaimParts | None = None
    source_value: str | None = None  # what the source states instead, e.g. "+7.54%"


class Chart(Frozen):
    """Data for one chart, as plain rows: the UI picks the mark from `kind`."""

    kind: Literal["index_returns", "normalized", "sector_scores"]
    title: str
    x: str
    y: str
    series: str | None = None
    rows: tuple[dict[str, Any], ...] = ()


class Ticker(Frozen):
    """One symbol in play, for the related-tickers strip."""

    symbol: str
    name: str
    close: float | None = None
    change: float | None = None
    change_pct: float | None = None
    date: dt.date | None = None


class Answer(Frozen):
    """A cited answer in the seeds' analysis format."""

    question: str
    title: str
    as_of: dt.date
    language: Language
    mode: Mode
    sections: tuple[Section, ...]
    references: tuple[Reference, ...] = ()
    flags: tuple[Flag, ...] = ()
    charts: tuple[Chart, ...] = ()
    tickers: tuple[Ticker, ...] = ()
    model_calls: int = 0
    usage: dict[str, int] = Field(default_factory=dict)  # prompt/completion/total tokens
    model: str | None = None  # the chat model that wrote it (whose price applies), when known

    def section(self, key: SectionKey) -> Section | None:
        """The section (or subsection) with this key, if the answer has it."""
        for section in self.sections:
            if section.key == key:
                return section
            for sub in section.subsections:
                if sub.key == key:
                    return sub
        return None

    def reference(self, n: int) -> Reference | None:
        return next((r for r in self.references if r.n == n), None)

"""Writing the offline answer from what was gathered: its title and each of its sections.

Figures come from the tool results, told as sentences citing [0] (`narrate`); views are the
most relevant sentences of the passages, each citing its article, placed by what they say:
risks, opportunities, insights. Where an article's figure disagrees with the computed one, both
are given. A section with nothing grounded to say says so.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.answer.discrepancy import Disagreements, Discrepancy, find_discrepancies
from assistant.answer.model import Language, Section, SectionKey
from assistant.gather.passages import Candidate, candidates
from assistant.gather.sources import SourceRegistry
from assistant.locale import heading, message, period_label
from assistant.offline.gathering import Gathered
from assistant.offline.narrate import (
    macro_sentences,
    quote_sentences,
    returns_sentences,
    risk_sentences,
    sector_leaders,
    sector_sentences,
    verdict,
)
from assistant.question.parse import ParsedQuestion, Vocabulary
from ingest.language import has_cjk

# The sections that say so when there is nothing grounded to put in them.
MAY_BE_EMPTY: tuple[SectionKey, ...] = ("analysis", "insights", "risks", "opportunities")
TITLE_CHARS = 60


def empty_text(key: SectionKey, language: Language) -> str:
    """What a section says when there is nothing grounded to put in it."""
    return message(f"empty.{key}", language)


def cite(text: str, n: int) -> str:
    """Put the marker before the closing punctuation, as the seeds do: "…涨势[1]。"."""
    marker = f"[{n}]"
    stripped = text.rstrip()
    if stripped and stripped[-1] in "。．.！!？?；;":
        return stripped[:-1] + marker + stripped[-1]
    return stripped + marker + ("。" if has_cjk(stripped[-8:]) else ".")


def _paragraph(sentences: Iterable[str], language: Language) -> str:
    return message("join.sentences", language).join(s for s in sentences if s)


class SectionWriter:
    """Writes the draft sections from what was gathered."""

    def __init__(
        self,
        question: ParsedQuestion,
        gathered: Gathered,
        registry: SourceRegistry,
        vocabulary: Vocabulary,
    ) -> None:
        self.q, self.g, self.registry, self.vocabulary = question, gathered, registry, vocabulary
        self.lang: Language = question.language
        names = [a for s in question.all_symbols for a in vocabulary.aliases(s)]
        self.pool = candidates(gathered.hits, question.text, names, self.lang, question.as_of)
        self.used: set[int] = set()
        self.discrepancies: list[Discrepancy] = (
            find_discrepancies(gathered.returns, self.pool, vocabulary) if gathered.returns else []
        )
        self.told = Disagreements(self.discrepancies, registry, vocabulary, self.lang)

    # -- article sentences -------------------------------------------------------------------

    def quote(self, candidate: Candidate) -> str:
        self.used.add(id(candidate))
        n = self.registry.add_hit(candidate.hit)
        return cite(candidate.text, n)

    def take(self, kinds: set[str], limit: int) -> list[str]:
        chosen = [c for c in self.pool if c.kind in kinds and id(c) not in self.used][:limit]
        return [self.quote(c) for c in chosen]

    # -- sections ----------------------------------------------------------------------------

    def analysis(self) -> str:
        g, lang = self.g, self.lang
        paragraphs = []
        if g.returns is not None:
            paragraphs.append(
                _paragraph(
                    returns_sentences(g.returns, self.q.benchmark, self.vocabulary.name, lang), lang
                )
            )
        if g.quotes is not None and g.returns is None and "today" in self.q.intents:
            paragraphs.append(
                _paragraph(quote_sentences(g.quotes, self.vocabulary.name, lang), lang)
            )
        paragraphs.append(_paragraph(self.told.sentences(), lang))
        if g.sectors is not None:
            paragraphs.append(_paragraph(sector_sentences(g.sectors, self.q.sectors, lang), lang))
        if g.macro is not None:
            paragraphs.append(_paragraph(macro_sentences(g.macro, lang), lang))
        paragraphs.append(_paragraph(self.take({"general", "insight"}, 3), lang))
        return "\n\n".join(p for p in paragraphs if p) or empty_text("analysis", lang)

    def insights(self) -> str:
        sentences = self.take({"insight"}, 2) + self.take({"general"}, 2)
        if self.g.sectors is not None:
            leaders = sector_leaders(self.g.sectors, self.lang)
            sentences.append(leaders or "")
        return _paragraph(sentences, self.lang) or empty_text("insights", self.lang)

    def risks(self) -> str:
        sentences = []
        if self.g.returns is not None:
            sentences += risk_sentences(
                self.g.returns, self.q.benchmark, self.vocabulary.name, self.lang
            )
        sentences += self.take({"risk"}, 3)
        return _paragraph(sentences, self.lang) or empty_text("risks", self.lang)

    def opportunities(self) -> str:
        sentences = self.take({"opportunity"}, 3)
        if not sentences and self.g.sectors is not None:
            sentences.append(sector_leaders(self.g.sectors, self.lang) or "")
        return _paragraph(sentences, self.lang) or empty_text("opportunities", self.lang)

    def takeaways(self) -> str:
        g, lang = self.g, self.lang
        points = []
        if g.returns is not None:
            line = None
            if self.q.asks_comparison:
                line = verdict(g.returns, self.q.benchmark, self.vocabulary.name, lang)
            if line is None:
                lines = returns_sentences(g.returns, self.q.benchmark, self.vocabulary.name, lang)
                line = lines[0] if lines else None
            points.append(line or "")
        if self.discrepancies:
            points.append(self.told.summary())
        if g.sectors is not None:
            points += sector_sentences(g.sectors, (), lang)[:1]
        if g.macro is not None:
            points += macro_sentences(g.macro, lang)[:1]
        best = next((c for c in self.pool if c.kind != "risk"), None)
        if best is not None:
            points.append(self.quote(best))
        return "\n".join(f"- {p}" for p in points if p)

    def sections(self) -> tuple[Section, ...]:
        """The answer format's sections, written in reading order (the order citations number)."""
        lang = self.lang
        analysis = self.analysis()
        insights = self.insights()
        risks, opportunities = self.risks(), self.opportunities()
        return (
            Section(key="analysis", heading=heading("analysis", lang), text=analysis),
            Section(key="insights", heading=heading("insights", lang), text=insights),
            Section(
                key="risks_opportunities",
                heading=heading("risks_opportunities", lang),
                subsections=(
                    Section(key="risks", heading=heading("risks", lang), text=risks),
                    Section(
                        key="opportunities",
                        heading=heading("opportunities", lang),
                        text=opportunities,
                    ),
                ),
            ),
            Section(key="takeaways", heading=heading("takeaways", lang), text=self.takeaways()),
        )


def title_for(question: ParsedQuestion, vocabulary: Vocabulary) -> str:
    """The answer's title: what the question asks about (its own words when it asks why)."""
    lang = question.language
    names = [vocabulary.name(s, lang) for s in question.symbols]
    period = period_label(question.period, lang)
    if "explain" in question.intents and not question.asks_comparison:
        return _shortened(question.text)
    if "returns" in question.intents and names:
        if len(names) >= 2:
            joined = message("title.versus", lang).join(names[:3])
            return message("title.comparison", lang, names=joined, period=period)
        return message("title.performance", lang, names=names[0], period=period)
    if question.sectors:
        sectors = [vocabulary.name(s, lang) for s in question.sectors[:3]]
        joined = message("title.sector_separator", lang).join(sectors)
        return message("title.sectors", lang, sectors=joined)
    if "sectors" in question.intents:
        return message("title.rotation", lang)
    if "macro" in question.intents:
        return message("title.macro", lang)
    return _shortened(question.text)


def _shortened(text: str) -> str:
    text = text.rstrip("?？!！。. ")
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 2] + "…"

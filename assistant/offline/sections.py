"""Writing the offline answer from what was gathered: its title and each of its sections.

Figures come from the tool results, told as sentences citing [0] (`narrate`); views are the
most relevant sentences of the passages, each citing its article, placed by what they say:
risks, opportunities, insights. Where an article's figure disagrees with the computed one, both
are given. A section with nothing grounded to say says so.
"""

from __future__ import annotations

from assistant.answer.discrepancy import Disagreements, Discrepancy, find_discrepancies, ytd_lookup
from assistant.answer.model import Language, Section, SectionKey
from assistant.answer.numbers import figures_in
from assistant.gather.passages import Candidate, about_subject, alike, candidates, near_duplicate
from assistant.gather.said import names_written
from assistant.gather.sources import SourceRegistry, reporter
from assistant.gather.timeliness import newest_published
from assistant.locale import format_date, heading, message
from assistant.offline.empty import TOLD_ABOVE, empty_text
from assistant.offline.fit import QUOTATION_SHARE, Fit
from assistant.offline.gathering import Gathered
from assistant.offline.listing import listed, outline_asked
from assistant.offline.narrate import (
    answered_by,
    fund_names,
    join_items,
    return_points,
    returns_sentences,
    stand_in_sentences,
    verdict,
    verdict_title,
)
from assistant.offline.narrate_level import level_sentences, reads_dashboard
from assistant.offline.narrate_macro import inversion_verdict, macro_point, macro_sentences
from assistant.offline.narrate_measures import measure_sentences, risk_sentences
from assistant.offline.narrate_sectors import sector_leaders, sector_point, sector_sentences
from assistant.offline.quoting import cite, dated, needs_date, paragraph, quotation
from assistant.offline.titles import article_title, quoted_title, ranking_title, topic_title
from assistant.question.intents import (
    asks_dashboard,
    asks_inversion,
    asks_person,
    asks_why,
    asks_words,
    dashboard_readings,
    kind_asked,
    measures_asked,
)
from assistant.question.parse import ParsedQuestion
from assistant.question.vocabulary import Vocabulary

FIGURE_REPEATS = 2  # the same figure quoted in at most this many sentences
LEAD_SENTENCES = 2  # the library's best answers to the question, first in the analysis
MAIN_SOURCES = 2
QUOTATIONS = 2  # other-language sentences per answer, each as a marked quotation
ONLY_QUOTATIONS = 4  # …when the reader's language has none on the question
SCOPED_QUOTATIONS = 8
KINDS = ("risk", "opportunity", "insight", "general")
_MEASURED = frozenset({"returns", "sectors", "macro"})  # the intents a tool answers


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
        self.name = fund_names(vocabulary.name, vocabulary.is_sector)  # for the tools' figures
        self.lang: Language = question.language
        self.benchmark = answered_by(gathered.returns, question.benchmark)
        # the benchmark as a yardstick only, when the question does not ask about it
        self.yardstick = self.benchmark if question.benchmark_implied else None
        self.names = vocabulary.subject_names(question.asked_symbols, question.intents)
        self.companies = vocabulary.companies(question.symbols)
        self.day = gathered.data_day or question.as_of
        self.pool = candidates(
            gathered.hits,
            question.text,
            self.names,
            self.lang,
            # the date asked, else the figures', else (`candidates`) the newest commentary's: a
            # library that ends in August answers "油价最近怎么走" from August
            question.as_of or self.day,
            scoped=question.article_id is not None,
            period=question.period,
            period_carried=question.period_carried,
            speakers=[tuple(vocabulary.aliases(s)) for s in question.speakers],
            companies=self.companies,
            glosses=vocabulary.glosses,
        )
        if question.carried_over:  # "What drove it?" asks of the earlier turn's subject
            self.pool = about_subject(self.pool, self.names)
        # the day a quoted article's age is told from: without figures, the newest commentary
        # on the question (last October's "日经225指数早盘一度暴涨超4.5%" is dated in May's answer)
        self.dated_from = self.day or newest_published([c.hit for c in self.pool])
        # what the reader's best sentence says: a quotation saying far less is off the question
        self.own_whole = max((c.whole for c in self.pool if c.language == self.lang), default=0.0)
        self.listed: list[frozenset[str]] = []  # the terms of each item of an article's list quoted
        self.figure_uses: dict[str, int] = {}
        # each article's amounts quoted so far (a figure with a unit, "3.6%"; not a day, "19日")
        self.amounts_said: dict[str, set[str]] = {}
        self.quotations = 0  # sentences quoted in the other language so far
        # asked about one article, or of nothing in the reader's language, the other's answer
        limit = QUOTATIONS if any(c.language == self.lang for c in self.pool) else ONLY_QUOTATIONS
        self.quotation_limit = SCOPED_QUOTATIONS if question.article_id else limit
        self.leaders_told = False
        self.led: SectionKey | None = None  # the section of the kind asked, when the lead quoted it
        self.quoted: list[Candidate] = []  # the sentences quoted so far, in the answer's order
        self.discrepancies: list[Discrepancy] = (
            find_discrepancies(gathered.returns, self.pool, vocabulary, ytd_lookup(gathered.market))
            if gathered.returns
            else []
        )
        self.told = Disagreements(self.discrepancies, registry, vocabulary, self.lang)
        self.readings = dashboard_readings(question.text)  # the macro readings it names first
        measured = question.intents & _MEASURED  # "What did the Fed decide?" asks no figure:
        self.context = measured == {"macro"} and not asks_dashboard(question.text)  # news first
        self.fit = Fit(question.text)
        self.level = level_sentences(question, gathered, self.name, self.day)  # "多少点？"

    def title(self) -> str:
        """What the answer found, where that fits a title: who beat whom, or the chosen
        article's headline; else what the question asks about."""
        g, lang = self.g, self.lang
        # "为什么？" after a measured turn asks why of what it found; its own words say nothing
        why = self.q.carried_over and asks_why(self.q.text) and not self.q.asks_comparison
        verdict_asked = (self.q.asks_comparison or why) and not measures_asked(self.q.text)
        if g.returns is not None and verdict_asked:  # a drawdown asked is no return's verdict
            found = verdict_title(g.returns, self.benchmark, self.name, lang, self.q.comparison)
            if found:
                return message("title.why", lang, finding=found) if why else found
        if found := ranking_title(self.q, g.sectors, g.sector_returns):  # "哪个板块涨得最多"
            return found
        chosen = self.pool[0].hit if self.q.article_id and self.pool else None
        if chosen and (found := article_title(self.q.text, chosen, lang)):
            return found
        # what the tools measured, where they did and a name is not asked ("Who is Fed chair?")
        measured = bool(g.results) and not asks_person(self.q.text)
        computed = g.returns.provenance.symbols if g.returns is not None else ()
        # each asked symbol whose returns were computed, itself or by the ETF standing in
        compared = [s for s in self.q.symbols if answered_by(g.returns, s) in computed]
        topic = topic_title(self.q, self.vocabulary, compared) if measured else None
        if topic and not self.context:  # of a Fed decision, what the news says first
            return topic
        named, leads = [*self.names, *self.companies], self.quoted[:LEAD_SENTENCES]
        day = self.q.as_of or self.day
        return quoted_title(self.q.text, self.names, named, leads, lang, day, otherwise=topic)

    def has_material(self) -> bool:
        """Is there anything grounded to write: a tool result or a quotable sentence?"""
        g, cited_quotes = self.g, self.g.quotes is not None and self.q.quotes_cited
        return bool(g.returns or g.sectors or g.macro or cited_quotes or self.pool)

    # -- article sentences -------------------------------------------------------------------

    def quote(self, candidate: Candidate) -> str:
        """The sentence, cited; another language's sentence as a marked quotation, and an old
        article's sentence with its date (its "year to date" is not the answer's)."""
        hit = candidate.hit
        n = self.registry.add_hit(hit)
        source = reporter(hit.source, hit.url, self.lang)
        if candidate.language and candidate.language != self.lang:
            return quotation(candidate.text, n, source, hit.published, self.lang)
        if hit.published and needs_date(hit.published, self.dated_from, self.q.period):
            return dated(candidate.text, n, source, hit.published, self.lang)
        return cite(candidate.text, n)

    def mark(self, candidate: Candidate) -> None:
        """Count the sentence as said."""
        self.quoted.append(candidate)
        said = self.amounts_said.setdefault(candidate.hit.chunk.article_id, set())
        for figure in figures_in(candidate.text):
            self.figure_uses[figure.raw] = self.figure_uses.get(figure.raw, 0) + 1
            if figure.unit:
                said.add(figure.raw)

    def fresh(self, candidate: Candidate) -> bool:
        """Not said yet in this answer, not a near-duplicate of what was, not its article's
        figures said again in other words ("posted a 3.6% weekly gain" after "finishing with a
        gain of 3.6%"), and not one more repeat of a figure already quoted twice."""
        if any(c is candidate or alike(candidate, c) for c in self.quoted):
            return False
        if any(near_duplicate(p, t) for p in candidate.sentences for t in self.listed):
            return False
        found = figures_in(candidate.text)
        amounts = {f.raw for f in found if f.unit}
        if amounts and amounts <= self.amounts_said.get(candidate.hit.chunk.article_id, set()):
            return False
        figures = {f.raw for f in found}
        return not figures or any(self.figure_uses.get(f, 0) < FIGURE_REPEATS for f in figures)

    def take(self, kinds: set[str], limit: int, *, quotations: bool = True) -> list[str]:
        """Up to `limit` fresh sentences of these kinds, best first. A sentence in the other
        language is taken only where it covers at least as much of the question as anything
        left in the reader's language does of the terms both can say (the fact may be only
        there), and at least half what the reader's best sentence says of the whole question,
        as a marked quotation, and at most `quotation_limit` of those in the whole answer
        (none with `quotations` off: a summary line is prose). Those few places go to
        the other language's sentences that cover the most of the question (`Fit`), not to
        the best-ranked ones; in a chosen article, to its best-ranked ones."""
        chosen: list[Candidate] = []
        fitting = [c for c in self.pool if c.kind in kinds and self.fresh(c)]
        if len(kinds) == 1:  # an author's own risks section before a passing mention of risk
            fitting.sort(key=lambda c: not c.filed)
        if not self.quoted:  # "Why did Nvidia fall?" is answered first by what says Nvidia
            fitting.sort(key=lambda c: not self._names_company(c))
        # What the reader's language still has on the question, of any kind: a section it has
        # nothing for says so rather than quote a weaker sentence in the other language.
        own = [c for c in self.pool if c.language == self.lang and self.fresh(c)]
        others = [c for c in fitting if c.language != self.lang]
        for candidate in fitting:
            if len(chosen) >= limit:
                break
            if not self.fresh(candidate):  # a near-duplicate of one just chosen
                continue
            if candidate.language != self.lang:
                room = quotations and self.quotations < self.quotation_limit
                # The reader chose the article: its sentences are the answer, in the order
                # they answer the question (`candidates` ranks them so).
                weaker = not self.q.article_id and (
                    self.fit(candidate, candidate.coverage) < self._bar(candidate, own, others)
                    or candidate.whole < QUOTATION_SHARE * self.own_whole
                )
                if not room or weaker:
                    continue
                self.quotations += 1
            chosen.append(candidate)
            self.mark(candidate)
        return [self.quote(c) for c in chosen]

    def _bar(self, candidate: Candidate, own: list[Candidate], others: list[Candidate]) -> float:
        """How fully a quotation must answer (`Fit`): as the best the reader's language has,
        of the terms both can say, and the best left in the other. Of a sentence on a company
        asked about, as the best on it: another company's figure ("Cliffwater's requests
        reached 17%") sets no bar for the one asked about ("阿波罗…赎回申请占比")."""
        on = self._names_company(candidate)
        bars = [self.fit(c, c.shared) for c in own if not on or self._names_company(c)]
        bars += [self.fit(c, c.coverage) for c in others if self.fresh(c)
                 and (not on or self._names_company(c))]  # fmt: skip
        return max(bars, default=-1.0)

    def _names_company(self, candidate: Candidate) -> bool:
        """Does the sentence name a company the question is about (any sentence does, when
        it is about none, or about the article the reader chose)?"""
        if self.q.article_id or not self.companies:
            return True
        return any(names_written(candidate.text, aliases) for aliases in self.companies)

    # -- sections ----------------------------------------------------------------------------

    def _empty(self, key: SectionKey) -> str:
        return empty_text(key, self.lang, self.q.article_id is not None, key == self.led)

    def analysis(self) -> str:
        g, lang = self.g, self.lang
        paragraphs = []
        if g.macro is not None and asks_inversion(self.q.text):  # yes or no, first
            paragraphs.append(inversion_verdict(g.macro, lang) or "")
        paragraphs.append(paragraph(self.level, lang))  # "标普500现在多少点？": that first
        if g.returns is not None and not (self.level and self.q.period == "1D"):
            name = self.name
            told = stand_in_sentences(g.returns, name, lang)
            # "纳指今年最大回撤是多少？": that first
            told += measure_sentences(self.q.text, g.returns, self.yardstick, name, lang, "lead")
            told += returns_sentences(g.returns, self.benchmark, name, lang)
            paragraphs.append(paragraph(told, lang))
        paragraphs.append(paragraph(self.told.sentences(), lang))
        if g.sectors is not None:
            told = sector_sentences(g.sectors, self.q.sectors, lang, g.sector_returns)
            paragraphs.append(paragraph(told, lang))
        if g.macro is not None:
            level = reads_dashboard(self.q, g)  # "What's the 10-year yield?": told first
            paragraphs.append(paragraph(macro_sentences(g.macro, lang, self.readings, level), lang))
        # The library's best answer, of the kind asked or any; first for a chosen article asked
        # of no symbol, the risks asked ("小盘股有哪些风险？"), a view ("What is Warsh's view?"),
        # who ("Who is the new Fed chair?") and what no tool measures (banks' S&P 500 targets)
        said = [self.outline(), paragraph(self._lead(), lang)]
        first = self.q.article_id and not self.vocabulary.find_symbols(self.q.text)
        first = first or kind_asked(self.q.text) is not None or asks_words(self.q.text)
        first = first or asks_person(self.q.text) or not self.q.intents & _MEASURED or self.context
        paragraphs = said + paragraphs if first else paragraphs + said
        return "\n\n".join(p for p in paragraphs if p) or self._empty("analysis")

    def _lead(self) -> list[str]:
        """The library's best answers to the question: of the kind it asks for first ("What
        could derail the rally?": risks), then of any kind."""
        asked = kind_asked(self.q.text)
        lead = self.take({asked}, LEAD_SENTENCES) if asked else []
        self.led = TOLD_ABOVE[asked] if lead and asked else None
        return lead + self.take(set(KINDS), LEAD_SENTENCES - len(lead))

    def outline(self) -> str:
        """The chosen article's own list, when the question asks what it lists (`listing`)."""
        found = outline_asked(self.q, self.g.hits, self.names)
        if found is None:
            return ""
        hit = self.g.hits[0]
        text, said = listed(found, hit, self.registry.add_hit(hit), self.lang)
        self.listed += said
        return text

    def insights(self) -> str:
        sentences = self.take({"insight", "general"}, 2)
        if self.g.sectors is not None and not sentences:
            sentences.append(sector_leaders(self.g.sectors, self.lang) or "")
            self.leaders_told = True
        return paragraph(sentences, self.lang) or self._empty("insights")

    def risks(self) -> str:
        sentences = []
        told_first = "drawdown" in measures_asked(self.q.text)  # in the analysis
        if self.g.returns is not None and not told_first:
            sentences += risk_sentences(self.g.returns, self.benchmark, self.name, self.lang)
        sentences += self.take({"risk"}, 2)
        return paragraph(sentences, self.lang) or self._empty("risks")

    def opportunities(self) -> str:
        sentences = self.take({"opportunity"}, 2)
        if not sentences and self.g.sectors is not None and not self.leaders_told:
            sentences.append(sector_leaders(self.g.sectors, self.lang) or "")
        return paragraph(sentences, self.lang) or self._empty("opportunities")

    def takeaways(self) -> str:
        g, lang, day, name = self.g, self.lang, self.day, self.name
        points = list(self.level)
        if g.returns is not None and not (self.level and self.q.period == "1D"):
            points += measure_sentences(
                self.q.text, g.returns, self.yardstick, name, lang, "point", day
            )
            line = None
            if self.q.asks_comparison and not measures_asked(self.q.text):  # not "哪个波动更大？"
                line = verdict(g.returns, self.benchmark, name, lang, day, self.q.comparison)
            if line is None:
                line = paragraph(return_points(g.returns, self.benchmark, name, lang, day), lang)
            points.append(line or "")
        if self.discrepancies:
            points.append(self.told.summary())
        if g.sectors is not None:
            points.append(sector_point(g.sectors, lang) or "")
        if g.macro is not None and not self.context:
            points.append(macro_point(g.macro, lang, self.readings, day) or "")
        if not points:  # no figures to sum up: the library's best remaining view
            points += self.take({"insight", "general", "opportunity"}, 1, quotations=False)
        points += self.main_sources()
        return "\n".join(f"- {p}" for p in dict.fromkeys(points) if p)  # a level asked, once

    def main_sources(self) -> list[str]:
        """The articles the answer stands on most, by source and date: a takeaway that
        repeats no sentence already quoted."""
        cited = self.registry.articles[:MAIN_SOURCES]
        if not cited:
            return []
        lang = self.lang
        named = [
            message(
                "takeaway.source",
                lang,
                source=reporter(a.source, a.url, lang),
                date=format_date(a.published, lang) if a.published else "",
                cite=f"[{a.n}]",
            )
            for a in cited
        ]
        return [message("takeaway.sources", lang, sources=join_items(named, lang))]

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


def missing_card(language: Language) -> Section:
    """The whole answer when nothing grounds one (the notices say what is missing and what to
    add)."""
    return Section(key="analysis", heading=heading("analysis", language),
                   text=message("empty.card", language))  # fmt: skip

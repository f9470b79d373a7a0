"""Folding the steps' answers into one brief in the answer format.

- 综合分析 / Comprehensive analysis: one part per step, headed by its question, answering it:
  the figures of the tools the step called, then what the library says that answers its
  sub-question (`focus`): from the step's own answer or, beyond what that quotes, from more of
  its search (`StepReport.reserve`). A sentence several steps found is said once, by the step
  it answers that has the least else to say (`allot`). A step the library has nothing for says
  so in one line, and what to do.
- 核心洞察, 风险因素, 机遇窗口: the steps' paragraphs of each kind not said above, in step order,
  kept to what speaks to the topic.
- 核心信息摘要: one or two points from every step that found something.
- 研究步骤 / Research steps: every step with its status and tools (failed ones say why).

The brief is in the plan's language: a sentence from an article in the other language stands as
a marked quotation (`quotes`), never as prose, and a quotation a step's answer made is kept as
it is. Markers are re-mapped to the merged sources and renumbered by first citation across the
whole brief; the steps' verification flags come along (re-mapped, and only for sentences the
brief still contains).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from assistant.answer.citations import strip_markers, walk
from assistant.answer.cost import summed
from assistant.answer.links import defang_answer, defang_sections
from assistant.answer.model import Answer, Section, SectionKey
from assistant.gather.sources import MARKET
from assistant.locale import heading, message, tool_name
from assistant.offline.empty import empty_text, placeholders
from assistant.offline.quoting import cite
from assistant.research import quotes
from assistant.research.allot import allot
from assistant.research.brief import Brief, StepReport
from assistant.research.carry import (
    carried_flags,
    one_model,
    unique_charts,
    unique_tickers,
)
from assistant.research.focus import Focus
from assistant.research.plan import Plan
from assistant.research.references import (
    MergedSources,
    first_citation_order,
    map_sections,
    remap,
)
from assistant.research.units import Unit, normal, reserve_units, same, units
from tools.period_labels import to_date_start
from tools.period_words import parse_period_text

PER_STEP = 3  # the library's sentences a step's part says
WITH_FIGURES = 2  # ... when its tools' figures answer it already
TAKEAWAYS_PER_STEP = 2
SAME_LANGUAGE = 0.5  # a sentence in the reader's language reads as prose: ranked a little higher
OWN_ANSWER = 0.2  # ... and one the step's answer chose over one of its reserve
_VIEWS: tuple[SectionKey, ...] = ("analysis", "insights", "risks", "opportunities")
_PLACEHOLDERS = placeholders()
_BULLET = re.compile(r"^\s*[-*•]\s*")


def _span_began(report: StepReport) -> dt.date | None:
    """The first day of the span to date a step asks about, in its plan or its words ("How has
    Bitcoin performed year to date?": January 1st of its answer's year)."""
    period = report.step.period or parse_period_text(report.step.question)
    day = report.answer.as_of if report.answer is not None else None
    return to_date_start(period, day) if period and day else None


def build_brief(
    plan: Plan,
    reports: Sequence[StepReport],
    *,
    brief_id: str | None = None,
    names: Sequence[str] = (),
) -> Brief:
    """The brief of the plan's steps. `names`: the names of the indices and sectors the topic
    is about (every alias), so a sentence naming them counts as about the topic."""
    folder = _Folder(plan, reports, names)
    brief = Brief(plan=plan, answer=folder.answer(), steps=tuple(reports))
    return brief.model_copy(update={"id": brief_id}) if brief_id else brief


class _Folder:
    def __init__(self, plan: Plan, reports: Sequence[StepReport], names: Sequence[str]) -> None:
        self.plan, self.reports, self.lang = plan, reports, plan.language
        self.sources = MergedSources()
        self.mappings: dict[int, dict[int, int]] = {}
        for report in reports:
            if report.answer is not None:
                self.mappings[report.n] = self.sources.add(report.answer.references)
        self.focus = {r.n: Focus.of(plan.topic, r.step, names) for r in reports}
        self.said: list[str] = []  # the keys of everything the brief says, as it is written
        self.parts: dict[int, list[Unit]] = {}
        self._written: dict[Unit, str] = {}

    def _answered(self) -> list[StepReport]:
        return [r for r in self.reports if r.answer is not None]

    def _llm(self, report: StepReport) -> bool:
        return report.answer is not None and report.answer.mode == "llm"

    # -- a step's units, in merged numbers ----------------------------------------------------

    def _units(self, report: StepReport, key: SectionKey) -> list[Unit]:
        assert report.answer is not None
        section = report.answer.section(key)
        if section is None or section.text.strip() in _PLACEHOLDERS:
            return []
        return units(remap(section.text, self.mappings[report.n]), key)

    def _fresh(self, unit: Unit) -> bool:
        return not any(same(unit.key, key) for key in self.said)

    # -- each step's part ---------------------------------------------------------------------

    def _kept(self, report: StepReport) -> list[Unit]:
        """What a step's part says whatever else: the figures of its tools (an LLM's whole
        analysis, written to answer the step), less what an earlier step said."""
        found = self._units(report, "analysis")
        if not self._llm(report):
            found = [u for u in found if u.data]
        kept = [u for u in found if self._fresh(u)]
        self.said += [u.key for u in kept]
        return kept

    def _pool(self, report: StepReport, kept: list[Unit]) -> list[Unit]:
        """The library's sentences that answer the step, best first: its own answer's, then
        its reserve's (an LLM's analysis that says anything answers the step already)."""
        if self._llm(report) and kept:
            return []
        own = [] if self._llm(report) else [u for key in _VIEWS for u in self._units(report, key)]
        found: list[Unit] = []
        for unit in [u for u in own if u.cited and not u.data] + reserve_units(report.reserve):
            if not any(same(unit.key, u.key) for u in found):
                found.append(unit)
        focus, began = self.focus[report.n], _span_began(report)
        answering = [u for u in found if focus.answers(u.words) and not self._before(u, began)]
        return sorted(answering, key=lambda u: -self._rank(u, focus))

    def _before(self, unit: Unit, began: dt.date | None) -> bool:
        """Was the unit written before `began`, the first day of the span to date its step
        asks ("How has Bitcoin performed year to date?": last October's crash)?"""
        if began is None:
            return False
        cited = [self.sources.article(n) for n in unit.sources if n != MARKET]
        reference = unit.finding.reference if unit.finding is not None else next(iter(cited), None)
        return reference is not None and reference.date is not None and reference.date < began

    def _rank(self, unit: Unit, focus: Focus) -> float:
        prose = not unit.quoted and unit.language() == self.lang
        own = unit.finding is None
        return focus.score(unit.words) + SAME_LANGUAGE * prose + OWN_ANSWER * own

    def _allot_parts(self) -> None:
        """Every step's part: its kept units, then the sentences allotted to it."""
        kept = {r.n: self._kept(r) for r in self._answered()}
        pools = {r.n: self._pool(r, kept[r.n]) for r in self._answered()}
        limits = {n: WITH_FIGURES if kept[n] else PER_STEP for n in pools}
        chosen = allot(pools, limits, self.said)
        for report in self._answered():
            self.parts[report.n] = kept[report.n] + chosen[report.n] or self._again(report)
            self.said += [u.key for u in chosen[report.n]]

    def _again(self, report: StepReport) -> list[Unit]:
        """A step whose figures an earlier step gave, and which has nothing else: the figure
        that answers it best, said again (its tools' figures are its answer: better twice than
        an empty step)."""
        focus = self.focus[report.n]
        figures = [u for u in self._units(report, "analysis") if u.data]
        return sorted(figures, key=lambda u: -focus.score(u.words))[:1]

    # -- writing units ------------------------------------------------------------------------

    def _say(self, unit: Unit) -> str:
        """The unit as the brief says it: cited, and another language's as a quotation."""
        if unit not in self._written:
            self._written[unit] = self._quoted_if_foreign(unit)
        return self._written[unit]

    def _quoted_if_foreign(self, unit: Unit) -> str:
        lang = self.lang
        if unit.finding is not None:
            n = self.sources.add((unit.finding.reference,))[1]
            if unit.language() != lang:
                return quotes.block(unit.finding.text, n, unit.finding.reference, lang)
            return cite(unit.finding.text, n)
        if unit.quoted or unit.data or unit.language() == lang:
            return unit.text
        articles = [n for n in unit.sources if n != MARKET]
        reference = self.sources.article(articles[0]) if articles else None
        if reference is None:
            return unit.text
        return quotes.block(unit.words, articles[0], reference, lang)

    def _write(self, kept: Sequence[Unit], chosen: Sequence[Unit] = ()) -> str:
        """Kept units in their own paragraphs, then the chosen sentences as one paragraph,
        then each quotation as its own block."""
        glue = message("join.sentences", self.lang)
        blocks: list[str] = []
        last: tuple[str, int] | None = None
        for unit in kept:
            text, where = self._say(unit), (unit.section, unit.paragraph)
            quotation = text.startswith(">") or (blocks and blocks[-1].startswith(">"))
            if blocks and where == last and not quotation:
                blocks[-1] += glue + text
            else:
                blocks.append(text)
            last = where
        said = [self._say(u) for u in chosen]
        prose = [t for t in said if not t.startswith(">")]
        blocks += [glue.join(prose)] if prose else []
        blocks += [t for t in said if t.startswith(">")]
        return "\n\n".join(blocks)

    # -- the sections -------------------------------------------------------------------------

    def analysis(self) -> Section:
        self._allot_parts()
        parts = []
        for report in self._answered():
            part = self.parts[report.n]
            kept = [u for u in part if u.data or self._llm(report)]
            chosen = [u for u in part if u not in kept]
            text = self._write(kept, chosen) or self._nothing(report)
            question = f"{report.n}. {report.step.question}"
            parts.append(Section(key="analysis", heading=question, text=text))
        text = "" if parts else empty_text("analysis", self.lang)
        return Section(
            key="analysis",
            heading=heading("analysis", self.lang),
            text=text,
            subsections=tuple(parts),
        )

    def _nothing(self, report: StepReport) -> str:
        """One line saying why a step has nothing to show, and what to do."""
        lang = self.lang
        if not report.step.searches():
            return message("research.no_data", lang)
        if not report.searched():
            return message("research.search_failed", lang)
        aspects = self.focus[report.n].aspects
        if not aspects:
            return message("research.nothing_found_any", lang)
        named = message("research.joiner", lang).join(
            message(f"research.aspect.{a}", lang) for a in aspects
        )
        return message("research.nothing_found", lang, aspect=named)

    def pooled(self, key: SectionKey) -> Section:
        """A kind of view from every step, less what the brief said, kept to the topic."""
        texts = []
        for report in self._answered():
            llm, focus = self._llm(report), self.focus[report.n]
            said = [
                u
                for u in self._units(report, key)
                if (u.cited or llm) and self._fresh(u) and (llm or u.data or _about(focus, u))
            ]
            self.said += [u.key for u in said]
            texts.append(self._write(said))
        text = "\n\n".join(t for t in texts if t) or empty_text(key, self.lang)
        return Section(key=key, heading=heading(key, self.lang), text=text)

    def takeaways(self) -> Section:
        """One or two points from every step that found something."""
        lines: list[str] = []
        for report in self._answered():
            taken = [normal(line) for line in lines]
            for text in self._points(report, taken)[:TAKEAWAYS_PER_STEP]:
                lines.append(f"- {text}")
        text = "\n".join(lines) or message("research.no_findings", self.lang)
        return Section(key="takeaways", heading=heading("takeaways", self.lang), text=text)

    def _points(self, report: StepReport, taken: list[str]) -> list[str]:
        """A step's points not taken yet: its answer's points on its own figures (an LLM's
        own points), else the best sentence of its part (another language's as a quotation)."""
        listed = [
            Unit(_BULLET.sub("", line).strip(), "takeaways", 0)
            for line in "\n".join(u.text for u in self._units(report, "takeaways")).splitlines()
        ]
        fresh = [u for u in listed if u.text and not any(same(u.key, k) for k in taken)]
        if self._llm(report):
            return [u.text for u in fresh]
        figures = [u.text for u in fresh if u.data]
        if figures:
            return figures
        found = [u for u in self.parts.get(report.n, []) if not u.data]
        found.sort(key=lambda u: u.quoted or u.language() != self.lang)  # prose first
        for unit in found:
            if not any(same(unit.key, k) for k in taken):
                text = self._say(unit)
                return [quotes.inline(text, self.lang) if text.startswith(">") else text]
        return []

    def steps(self) -> Section:
        lines = []
        for report in self.reports:
            status = message(f"research.step_{report.status}", self.lang)
            called = report.tools_called or report.step.tools
            tools = message("join.list", self.lang).join(tool_name(t, self.lang) for t in called)
            line = message(
                "research.step_line",
                self.lang,
                n=report.n,
                question=report.step.question,
                status=status,
                tools=tools,
            )
            problems = [report.error] if report.error else []
            problems += [
                message(
                    "research.step_tool_failed",
                    self.lang,
                    tool=tool_name(t.split(": ")[0], self.lang),
                    reason=t.partition(": ")[2],
                )
                for t in report.failed_tools
            ]
            lines.append(line + "".join(f"\n    - {p}" for p in problems if p))
        return Section(
            key="other", heading=message("research.steps_heading", self.lang), text="\n".join(lines)
        )

    def sections(self) -> tuple[Section, ...]:
        analysis = self.analysis()
        insights = self.pooled("insights")
        risks, opportunities = self.pooled("risks"), self.pooled("opportunities")
        takeaways = self.takeaways()
        return (
            analysis,
            insights,
            Section(
                key="risks_opportunities",
                heading=heading("risks_opportunities", self.lang),
                subsections=(risks, opportunities),
            ),
            takeaways,
            self.steps(),
        )

    # -- the answer ---------------------------------------------------------------------------

    def answer(self) -> Answer:
        merged_sections = self.sections()
        order = first_citation_order(s.text for s in walk(merged_sections))
        final = {merged: n for merged, n in order.items() if merged in self.sources}
        # URLs made plain text before the flags are matched (`links`: quoted articles' too)
        sections = defang_sections(map_sections(merged_sections, lambda text: remap(text, final)))
        brief_text = "\n".join(s.text for s in walk(sections))
        references = [
            self.sources.reference(merged, n, self.lang)
            for merged, n in sorted(final.items(), key=lambda item: item[1])
        ]
        answers = [r.answer for r in self._answered() if r.answer is not None]
        answer = Answer(
            question=self.plan.topic,
            title=self._title(),
            as_of=self._as_of(answers),
            language=self.lang,
            mode="llm" if any(a.mode == "llm" for a in answers) else "offline",
            sections=sections,
            references=tuple(references),
            flags=tuple(carried_flags(self.reports, self.mappings, final, brief_text, self.lang)),
            charts=tuple(unique_charts(c for a in answers for c in a.charts)),
            tickers=tuple(unique_tickers(t for a in answers for t in a.tickers)),
            model_calls=sum(a.model_calls for a in answers),
            usage=summed(a.usage for a in answers),
            model=one_model(answers),
        )
        return defang_answer(answer)

    def _title(self) -> str:
        name = "article_title" if self.plan.article_id else "title"
        return message(f"research.{name}", self.lang, topic=strip_markers(self.plan.topic))

    def _as_of(self, answers: Sequence[Answer]) -> dt.date:
        if self.plan.as_of:
            return self.plan.as_of
        dates = [a.as_of for a in answers]
        return max(dates) if dates else dt.date.today()


def _about(focus: Focus, unit: Unit) -> bool:
    """Does a view speak to the brief's topic: does it name the subject (what of it its step
    asks about, when the step names that)? Any view does when the topic names no subject. A
    view answering a step on the market around the topic (how the S&P 500 did) by its words
    ("performance") may be on anything."""
    return focus.subject is None or focus.names_subject(unit.words)

"""Folding the steps' answers into one brief in the answer format.

- 综合分析 / Comprehensive analysis: one part per step (its question as the heading), so a
  reader sees which sub-question each finding answers;
- 核心洞察, 风险因素, 机遇窗口: the steps' paragraphs, in step order;
- 核心信息摘要: each step's first takeaways;
- 研究步骤 / Research steps: every step with its status and tools (failed ones say why).

Steps often find the same thing (the same tool figures, the same article sentence), so a
sentence already said earlier in the brief is left out. Markers are re-mapped to the merged
sources and renumbered by first citation across the whole brief; the steps' verification flags
come along (re-mapped, and only for sentences the brief still contains).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from assistant.answer.citations import strip_markers, walk
from assistant.answer.model import Answer, Chart, Flag, Section, SectionKey, Ticker
from assistant.gather.sentences import paragraphs, sentences
from assistant.locale import LANGUAGES, heading, message
from assistant.offline.sections import MAY_BE_EMPTY, empty_text
from assistant.research.brief import Brief, StepReport
from assistant.research.plan import Plan
from assistant.research.references import (
    MergedSources,
    first_citation_order,
    map_sections,
    remap,
)

TAKEAWAYS_PER_STEP = 2
_PLACEHOLDERS = {empty_text(key, language) for key in MAY_BE_EMPTY for language in LANGUAGES}
_BULLET = re.compile(r"^\s*[-*•]\s*")


def build_brief(plan: Plan, reports: Sequence[StepReport], *, brief_id: str | None = None) -> Brief:
    brief = Brief(plan=plan, answer=_Folder(plan, reports).answer(), steps=tuple(reports))
    return brief.model_copy(update={"id": brief_id}) if brief_id else brief


class _Folder:
    def __init__(self, plan: Plan, reports: Sequence[StepReport]) -> None:
        self.plan, self.reports, self.lang = plan, reports, plan.language
        self.sources = MergedSources()
        self.mappings: dict[int, dict[int, int]] = {}
        for report in reports:
            if report.answer is not None:
                self.mappings[report.n] = self.sources.add(report.answer.references)
        self.seen: set[str] = set()

    # -- per step, in merged numbers ----------------------------------------------------------

    def _text(self, report: StepReport, key: SectionKey) -> str:
        assert report.answer is not None
        section = report.answer.section(key)
        if section is None or section.text.strip() in _PLACEHOLDERS:
            return ""
        return remap(section.text, self.mappings[report.n])

    def _fresh(self, text: str) -> str:
        """The text without the sentences the brief has already said."""
        kept_paragraphs = []
        glue = message("join.sentences", self.lang)
        for paragraph in paragraphs(text):
            kept = []
            for sentence in sentences(paragraph):
                key = _normal(sentence)
                if key and key not in self.seen:
                    self.seen.add(key)
                    kept.append(sentence)
            if kept:
                kept_paragraphs.append(glue.join(kept))
        return "\n\n".join(kept_paragraphs)

    def _answered(self) -> list[StepReport]:
        return [r for r in self.reports if r.answer is not None]

    # -- the sections -------------------------------------------------------------------------

    def analysis(self) -> Section:
        parts = []
        for report in self._answered():
            text = self._fresh(self._text(report, "analysis"))
            text = text or self._fresh(self._text(report, "insights"))
            question = f"{report.n}. {report.step.question}"
            text = text or message("research.nothing_new", self.lang)
            parts.append(Section(key="analysis", heading=question, text=text))
        text = "" if parts else empty_text("analysis", self.lang)
        return Section(
            key="analysis",
            heading=heading("analysis", self.lang),
            text=text,
            subsections=tuple(parts),
        )

    def pooled(self, key: SectionKey) -> Section:
        texts = [self._fresh(self._text(r, key)) for r in self._answered()]
        text = "\n\n".join(t for t in texts if t) or empty_text(key, self.lang)
        return Section(key=key, heading=heading(key, self.lang), text=text)

    def takeaways(self) -> Section:
        lines = []
        for report in self._answered():
            taken = 0
            for line in self._text(report, "takeaways").splitlines():
                item = _BULLET.sub("", line).strip()
                key = _normal(item)
                if not item or not key or key in self.seen or taken >= TAKEAWAYS_PER_STEP:
                    continue
                self.seen.add(key)
                lines.append(f"- {item}")
                taken += 1
        text = "\n".join(lines) or message("research.no_findings", self.lang)
        return Section(key="takeaways", heading=heading("takeaways", self.lang), text=text)

    def steps(self) -> Section:
        lines = []
        for report in self.reports:
            status = message(f"research.step_{report.status}", self.lang)
            tools = ", ".join(report.tools_called or report.step.tools)
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
                    tool=t.split(": ")[0],
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
        sections = map_sections(merged_sections, lambda text: remap(text, final))
        brief_text = "\n".join(s.text for s in walk(sections))
        references = [
            self.sources.reference(merged, n, self.lang)
            for merged, n in sorted(final.items(), key=lambda item: item[1])
        ]
        answers = [r.answer for r in self._answered() if r.answer is not None]
        return Answer(
            question=self.plan.topic,
            title=self._title(),
            as_of=self._as_of(answers),
            language=self.lang,
            mode="llm" if any(a.mode == "llm" for a in answers) else "offline",
            sections=sections,
            references=tuple(references),
            flags=tuple(self._flags(final, brief_text)),
            charts=tuple(_unique_charts(c for a in answers for c in a.charts)),
            tickers=tuple(_unique_tickers(t for a in answers for t in a.tickers)),
            model_calls=sum(a.model_calls for a in answers),
            usage=_summed(a.usage for a in answers),
        )

    def _title(self) -> str:
        name = "article_title" if self.plan.article_id else "title"
        return message(f"research.{name}", self.lang, topic=strip_markers(self.plan.topic))

    def _as_of(self, answers: Sequence[Answer]) -> dt.date:
        if self.plan.as_of:
            return self.plan.as_of
        dates = [a.as_of for a in answers]
        return max(dates) if dates else dt.date.today()

    def _flags(self, final: dict[int, int], brief_text: str) -> list[Flag]:
        """Notices once each (failed steps first), then the steps' checks, re-mapped."""
        flags: dict[str, Flag] = {}
        for report in self.reports:
            if report.status == "failed":
                notice = message(
                    "research.step_failed_notice",
                    self.lang,
                    n=report.n,
                    question=report.step.question,
                    reason=report.error or "?",
                )
                flags[notice] = Flag(kind="notice", message=notice)
        for report in self._answered():
            assert report.answer is not None
            step = self.mappings[report.n]
            for flag in report.answer.flags:
                moved = _moved(flag, step, final)
                if moved is None or (
                    moved.sentence
                    and moved.kind != "discrepancy"
                    and moved.sentence not in brief_text
                ):
                    continue
                flags.setdefault(f"{moved.kind}\x1f{moved.message}\x1f{moved.sentence}", moved)
        return sorted(flags.values(), key=lambda f: f.kind != "notice")


def _moved(flag: Flag, step: dict[int, int], final: dict[int, int]) -> Flag | None:
    """A step's flag in the brief's numbers (None when it cites only dropped sources)."""
    if flag.kind == "notice":
        return flag
    merged = [step[n] for n in flag.sources if n in step]
    sources = tuple(final[n] for n in merged if n in final)
    if flag.sources and not sources:
        return None
    sentence = remap(remap(flag.sentence, step), final) if flag.sentence else None
    text = flag.message
    if flag.kind != "unknown_citation":  # its marker is the one that matched nothing
        text = remap(remap(flag.message, step), final)
    return flag.model_copy(update={"sources": sources, "sentence": sentence, "message": text})


def _normal(sentence: str) -> str:
    """What makes two sentences the same claim: the words, without markers and spacing."""
    return re.sub(r"\s+", "", strip_markers(sentence)).strip("。.；;")


def _unique_charts(charts: Iterable[Chart]) -> list[Chart]:
    out: list[Chart] = []
    for chart in charts:
        if chart not in out:
            out.append(chart)
    return out


def _unique_tickers(tickers: Iterable[Ticker]) -> list[Ticker]:
    return list({t.symbol: t for t in reversed(list(tickers))}.values())[::-1]


def _summed(usages: Iterable[dict[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for usage in usages:
        for key, value in usage.items():
            total[key] = total.get(key, 0) + value
    return total

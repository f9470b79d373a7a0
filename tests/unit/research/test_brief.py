"""Folding steps into one brief: one references list, renumbered by first citation across the
whole brief, no invented reference, the steps' checks carried over, repeats said once.

(What each step's part says, and the takeaways and language of a brief: test_coverage.py.)"""

from __future__ import annotations

import datetime as dt

from assistant.answer.citations import walk
from assistant.answer.model import Answer, Chart, Flag, Passage, Reference, Section
from assistant.research.brief import StepReport
from assistant.research.fold import build_brief
from assistant.research.plan import Step

from .conftest import AS_OF, STEPS, make_plan


def market(tool: str, symbol: str) -> Reference:
    return Reference(
        n=0,
        kind="market_data",
        title=f"marketbrief 市场数据: {tool}",
        source=f"store: CSV import (d): {symbol}.csv",
        date=AS_OF,
        tools=(tool,),
        symbols=(symbol,),
        method=f"{tool}: m",
    )


def article(n: int, key: str, chunk: str) -> Reference:
    return Reference(
        n=n,
        kind="article",
        title=f"文章{key}",
        source="src",
        date=dt.date(2026, 1, 20),
        article_id=key,
        passages=(Passage(chunk_id=chunk, text=f"{key} {chunk}"),),
    )


def answer(analysis: str, risks: str, references: tuple[Reference, ...], **extra: object) -> Answer:
    sections = (
        Section(key="analysis", heading="综合分析", text=analysis),
        Section(key="insights", heading="核心洞察", text=""),
        Section(
            key="risks_opportunities",
            heading="风险与机遇",
            subsections=(
                Section(key="risks", heading="风险因素", text=risks),
                Section(
                    key="opportunities",
                    heading="机遇窗口",
                    text="检索到的评论中没有明确的机遇表述。",
                ),
            ),
        ),
        Section(key="takeaways", heading="核心信息摘要", text="- 要点[0]。"),
    )
    return Answer(
        question="q",
        title="t",
        as_of=AS_OF,
        language="zh",
        mode="offline",
        sections=sections,
        references=references,
        **extra,
    )  # type: ignore[arg-type]


def report(n: int, result: Answer | None, status: str = "ok") -> StepReport:
    return StepReport(
        n=n,
        step=STEPS[n - 1],
        status=status,
        answer=result,  # type: ignore[arg-type]
        error=None if result else "boom",
    )


STEP_A = answer(
    "A称罗素2000指数跑赢大盘[1]。指数上涨7.54%[0]。另有说法称涨幅为5.5%[2]。",
    "小盘股的风险来自Y[2]。",
    (market("index_returns", "^RUT"), article(1, "X", "x1"), article(2, "Y", "y1")),
    flags=(
        Flag(kind="notice", message="离线模式"),
        Flag(
            kind="unsupported_number",
            message="数字 5.5% 未能在所引来源 [2] 中核实",
            number="5.5%",
            sentence="另有说法称涨幅为5.5%[2]。",
            sources=(2,),
            section="analysis",
        ),
    ),
    charts=(
        Chart(
            kind="index_returns",
            title="涨跌幅",
            x="name",
            y="return_pct",
            rows=({"name": "罗素2000指数", "return_pct": 7.54},),
        ),
    ),
)
STEP_B = answer(
    "B认为板块轮动加速[1]。X称能源板块领涨[2]。指数上涨7.54%[0]。",
    "小盘股的风险来自Y[2]。",  # the same sentence as step A's: said once
    (market("macro", "^TNX"), article(1, "Z", "z1"), article(2, "X", "x2")),
    flags=(Flag(kind="notice", message="离线模式"),),
    charts=STEP_A.charts,
)


def test_one_references_list_renumbered_by_first_citation_across_steps() -> None:
    brief = build_brief(
        make_plan(*STEPS),
        [report(1, STEP_A), report(2, STEP_B), report(3, None, "failed"), report(4, STEP_A)],
    )
    parts = brief.answer.sections[0].subsections
    # the step's figures first, then what the library says that answers it
    assert parts[0].text == (
        "指数上涨7.54%[0]。\n\nA称罗素2000指数跑赢大盘[1]。另有说法称涨幅为5.5%[2]。"
    )
    # its figures were said by step 1; Z is new: 3, X keeps 1
    assert parts[1].text == "B认为板块轮动加速[3]。X称能源板块领涨[1]。"
    refs = brief.answer.references
    assert [(r.n, r.title) for r in refs] == [
        (0, "marketbrief 市场数据：指数收益、宏观指标（^RUT、^TNX），截至2026年1月23日"),
        (1, "文章X"),
        (2, "文章Y"),
        (3, "文章Z"),
    ]
    assert [p.chunk_id for p in refs[1].passages] == ["x1", "x2"]  # both steps' passages
    assert refs[0].symbols == ("^RUT", "^TNX") and refs[0].tools == ("index_returns", "macro")
    # found by three steps, said once: by the step whose sub-question it answers (the risks)
    said = "\n".join(s.text for s in walk(brief.answer.sections) if s.key != "takeaways")
    assert said.count("小盘股的风险来自Y") == 1
    assert parts[2].text == "小盘股的风险来自Y[2]。"
    cited = {int(n) for s in brief.answer.sections for n in _markers(s)}
    assert cited == {r.n for r in refs}  # every marker has a reference, every reference a marker


def test_the_steps_checks_come_along_in_the_briefs_numbers() -> None:
    reordered = answer(
        "Y称罗素2000指数跑赢[2]。",
        "",
        (market("macro", "^TNX"), article(1, "X", "x9"), article(2, "Y", "y9")),
    )
    monthly = Step(
        question="罗素2000指数近一个月表现如何?",
        tools=("index_returns", "search_commentary"),
        query="罗素2000 近一个月 表现",
    )
    steps = (STEPS[0], monthly, *STEPS[2:])
    reports = [
        StepReport(n=1, step=steps[0], status="ok", answer=reordered),
        StepReport(n=2, step=steps[1], status="ok", answer=STEP_A),
        StepReport(n=3, step=steps[2], status="ok", answer=STEP_B),
        StepReport(n=4, step=steps[3], status="failed", error="boom"),
    ]
    brief = build_brief(make_plan(*steps), reports)
    flags = brief.answer.flags
    assert [f.message for f in flags if f.kind == "notice"] == [
        "第4步“小盘股面临哪些主要风险?”未能完成（boom），简报其余部分照常生成。",
        "离线模式",
    ]
    [unsupported] = [f for f in flags if f.kind == "unsupported_number"]
    # step A's [2] (Y) is the brief's [1]: Y was first cited by step 1
    assert unsupported.sources == (1,) and unsupported.sentence == "另有说法称涨幅为5.5%[1]。"
    assert "另有说法称涨幅为5.5%⚠[1]。" in brief.markdown()
    assert len(brief.answer.charts) == 1  # the same chart from two steps is drawn once


def test_a_brief_of_failed_steps_still_has_the_format() -> None:
    brief = build_brief(make_plan(*STEPS), [report(n, None, "failed") for n in range(1, 5)])
    assert brief.answer.references == ()
    headings = [s.heading for s in brief.answer.sections]
    assert headings == ["综合分析", "核心洞察", "风险与机遇", "核心信息摘要", "研究步骤"]
    assert brief.answer.title == "2026年小盘股投资逻辑：深度研究"


def _markers(section: Section) -> list[str]:
    import re

    found = re.findall(r"\[(\d+)\]", section.text)
    return found + [m for sub in section.subsections for m in _markers(sub)]


def test_step_questions_head_the_analysis() -> None:
    steps = tuple(Step(question=f"问题{i}?", tools=("macro",)) for i in range(1, 5))
    reports = [StepReport(n=i, step=steps[i - 1], status="ok", answer=STEP_A) for i in (1, 2)]
    brief = build_brief(make_plan(*steps), reports)
    headings = [s.heading for s in brief.answer.sections[0].subsections]
    assert headings == ["1. 问题1?", "2. 问题2?"]
    # its tools found what step 1's did: said again rather than an empty part
    assert brief.answer.sections[0].subsections[1].text == "指数上涨7.54%[0]。"

"""A brief covers its plan: each step's part answers its own sub-question, the takeaways draw on
every step, the prose is in the brief's language (another language's sentences are marked
quotations), and a step the library has nothing for says so in one line."""

from __future__ import annotations

import datetime as dt

from assistant.answer.citations import strip_markers, walk
from assistant.answer.model import Answer, Language, Passage, Reference, Section
from assistant.engine import Assistant
from assistant.locale import message
from assistant.research.brief import Brief, Finding, StepReport
from assistant.research.focus import Focus
from assistant.research.fold import _about, build_brief
from assistant.research.plan import Plan, Step
from assistant.research.reserve import topic_names
from assistant.research.run import run_plan
from assistant.research.template import template_plan
from assistant.research.units import Unit, units
from assistant.settings import load_settings
from ingest.language import cjk_count
from ingest.models import Article
from ingest.models import Section as ArticleSection
from tests.unit.assistant.fakes import SEED, FakeIndex, FakeMarket

from .conftest import AS_OF, FED

TOPIC = "2026年小盘股投资逻辑"
PERFORMANCE = Step(
    question="罗素2000指数年初至今是否跑赢标普500指数?",
    tools=("index_returns", "search_commentary"),
    query="罗素2000 年初至今 跑赢",
)
VALUATION = Step(
    question="小盘股的估值(市盈率、市净率)处于什么水平?",
    tools=("search_commentary",),
    query="小盘股 估值 市盈率 折价",
)
CATALYSTS = Step(
    question=f"{TOPIC}的主要催化因素有哪些?", tools=("search_commentary",), query="小盘股 催化"
)
RISKS = Step(
    question=f"{TOPIC}面临哪些主要风险?", tools=("search_commentary",), query="小盘股 风险"
)

FIGURES = "罗素2000指数年初至今上涨7.54%，标普500指数上涨1.02%[0]。"
BEAT = "罗素2000指数年初至今跑赢标普500指数6.5个百分点[1]。"
CHEAP = "小盘股年初至今跑赢大盘，但估值仍较大盘股折价约20%[2]。"  # performance and valuation
CATALYST = "美联储降息将降低融资成本，为小盘股提供支撑[1]。"
RISK = "若通胀反弹，小盘股可能面临回调风险[2]。"
TRACKED = "小盘股板块主要通过罗素2000指数和相关基金追踪[1]。"  # answers none of the steps


def ref(n: int, key: str, source: str = "Ginlix AI", day: int = 20, month: int = 1) -> Reference:
    return Reference(
        n=n,
        kind="article",
        title=f"{source} {key}",
        source=source,
        date=dt.date(2026, month, day),
        article_id=key,
        passages=(Passage(chunk_id=f"{key}-1", text=key),),
    )


MARKET = Reference(n=0, kind="market_data", title="marketbrief 市场数据", tools=("index_returns",))
SOURCES = (MARKET, ref(1, "a"), ref(2, "b"))


def answer(
    analysis: str = "",
    *,
    insights: str = "",
    risks: str = "",
    opportunities: str = "",
    takeaways: str = "",
    references: tuple[Reference, ...] = SOURCES,
    language: Language = "zh",
    mode: str = "offline",
) -> Answer:
    def part(key: str, text: str) -> Section:
        return Section(key=key, heading=key, text=text)  # type: ignore[arg-type]

    return Answer(
        question="q",
        title="t",
        as_of=AS_OF,
        language=language,
        mode=mode,  # type: ignore[arg-type]
        sections=(
            part("analysis", analysis),
            part("insights", insights),
            Section(
                key="risks_opportunities",
                heading="risks_opportunities",
                subsections=(part("risks", risks), part("opportunities", opportunities)),
            ),
            part("takeaways", takeaways),
        ),
        references=references,
    )


def plan(*steps: Step, topic: str = TOPIC, language: Language = "zh") -> Plan:
    return Plan(topic=topic, language=language, as_of=AS_OF, steps=steps)


def reports(the_plan: Plan, *answers: Answer, **extra: object) -> list[StepReport]:
    return [
        StepReport(n=n, step=step, status="ok", answer=result, **extra)  # type: ignore[arg-type]
        for n, (step, result) in enumerate(zip(the_plan.steps, answers, strict=True), 1)
    ]


def parts(brief: Brief) -> list[str]:
    return [part.text for part in brief.answer.sections[0].subsections]


def words(sentence: str) -> str:
    return strip_markers(sentence).rstrip("。.")


# The steps' answers as the offline composer writes them: every step searched the same few
# articles, so each answer quotes what its question as a whole matched, not its sub-question.
SMALL_CAPS = plan(PERFORMANCE, VALUATION, CATALYSTS, RISKS)
STEP_ANSWERS = (
    answer(f"{FIGURES}\n\n{BEAT}{CHEAP}", takeaways=f"- 是：{FIGURES}"),
    answer(f"{TRACKED}{BEAT}", opportunities=CHEAP),
    answer(TRACKED, opportunities=CATALYST),
    answer(f"{TRACKED}{BEAT}", risks=RISK),
)


def test_each_step_says_what_answers_its_own_sub_question() -> None:
    brief = build_brief(SMALL_CAPS, reports(SMALL_CAPS, *STEP_ANSWERS))
    performance, valuation, catalysts, risks = parts(brief)
    assert performance.startswith(words(FIGURES)) and words(BEAT) in performance
    assert words(CHEAP) in valuation and words(TRACKED) not in valuation
    assert words(CATALYST) in catalysts
    assert words(RISK) in risks and words(BEAT) not in risks
    # the sentence two steps found is said by the one with nothing else to answer it
    assert words(CHEAP) not in performance
    assert "\n".join(parts(brief)).count(words(CHEAP)) == 1


def test_the_takeaways_draw_on_every_step() -> None:
    brief = build_brief(SMALL_CAPS, reports(SMALL_CAPS, *STEP_ANSWERS))
    takeaways = brief.answer.section("takeaways")
    assert takeaways is not None
    lines = takeaways.text.splitlines()
    assert lines[0].startswith(f"- 是：{words(FIGURES)}")  # the step's own figures
    for sentence in (CHEAP, CATALYST, RISK):  # one point from each of the other steps
        assert sum(words(sentence) in line for line in lines) == 1
    assert len(lines) == 4


def test_a_step_the_library_has_nothing_for_says_why_in_one_line() -> None:
    the_plan = plan(PERFORMANCE, VALUATION, CATALYSTS, RISKS)
    nothing = answer(f"{TRACKED}{BEAT}")
    failed = StepReport(
        n=4,
        step=RISKS,
        status="partial",
        answer=answer(""),
        failed_tools=("search_commentary: the library is down",),
    )
    done = reports(the_plan, STEP_ANSWERS[0], nothing, STEP_ANSWERS[2], STEP_ANSWERS[0])[:3]
    brief = build_brief(the_plan, [*done, failed])
    valuation, risks = parts(brief)[1], parts(brief)[3]
    assert valuation == message("research.nothing_found", "zh", aspect="估值")
    assert "文章库中没有关于估值" in valuation and "marketbrief ingest" in valuation
    assert risks == message("research.search_failed", "zh")
    assert not any("本步骤没有新的发现" in p for p in parts(brief))


def test_more_of_the_library_gives_a_step_its_own_material() -> None:
    """The step's answer quotes nothing on valuation, its wider search (the reserve) does."""
    cnbc = ref(1, "cnbc-1", "CNBC", day=22)
    cheap = "Small caps trade at a 20% discount to large caps on forward P/E."
    found = Finding(text=cheap, reference=cnbc)
    the_plan = plan(PERFORMANCE, VALUATION, CATALYSTS, RISKS)
    steps = reports(the_plan, *STEP_ANSWERS[:1], answer(f"{TRACKED}{BEAT}"), *STEP_ANSWERS[2:])
    steps[1] = steps[1].model_copy(update={"reserve": (found,)})
    brief = build_brief(the_plan, steps)
    valuation = parts(brief)[1]
    [n] = [r.n for r in brief.answer.references if r.article_id == "cnbc-1"]
    assert valuation == (
        f"> 据CNBC（2026年1月22日）报道：Small caps trade at a 20% discount to large caps on "
        f"forward P/E[{n}]."
    )
    cited = next(r for r in brief.answer.references if r.n == n)
    assert cited.passages == cnbc.passages  # the passage holding the sentence, to check it
    assert "reserve" not in brief.model_dump_json()  # read once, not stored with the brief


def test_another_languages_sentences_are_marked_quotations() -> None:
    topic = "Small-cap outlook for 2026"
    steps = (
        Step(question="Did the Russell 2000 outperform the S&P 500?", tools=("index_returns",)),
        Step(question="What are the valuations (P/E) of small caps?", tools=("search_commentary",)),
        Step(question=f"What are the main risks to “{topic}”?", tools=("search_commentary",)),
        Step(question=f"What are the main catalysts for “{topic}”?", tools=("search_commentary",)),
    )
    wsj = ref(1, "wsj", "华尔街见闻", day=20, month=7)
    chinese = "小盘股的估值较大盘股折价约20%[1]。"
    already = "> Ginlix AI (January 20, 2026) reports: 小盘股可能面临回调风险[1]。"
    figures = "The Russell 2000 rose 7.54%, beating the S&P 500 by 6.5 points[0]."
    the_plan = plan(*steps, topic=topic, language="en")
    brief = build_brief(
        the_plan,
        reports(
            the_plan,
            answer(figures, takeaways=f"- {figures}", language="en"),
            answer(chinese, references=(MARKET, wsj), language="en"),
            answer(already, references=(MARKET, ref(1, "a")), language="en"),
            answer("Small caps could benefit from rate cuts[1].", language="en"),
        ),
    )
    _, valuation, risks, _ = parts(brief)
    assert valuation == (
        "> A Chinese-language source (July 20, 2026) reports: 小盘股的估值较大盘股折价约20%[1]。"
    )
    assert risks == already.replace("[1]", "[2]")  # the composer's quotation, kept as it is
    takeaways = brief.answer.section("takeaways")
    assert takeaways is not None
    assert (
        '- A Chinese-language source (July 20, 2026) reports: "小盘股的估值较大盘股折价约20%。"[1]'
        in takeaways.text.splitlines()
    )
    prose = [
        line
        for section in walk(brief.answer.sections)
        for line in section.text.splitlines()
        if line.strip() and not line.startswith(">")
    ]
    # no Chinese outside quotations but a source's name ("华尔街见闻 … reports:")
    assert all(cjk_count(_unquoted(line)) <= len("华尔街见闻") for line in prose), prose


def test_a_quotation_in_a_paragraph_of_figures_stands_alone() -> None:
    """A quotation (made by the step's answer) amid prose it shares a paragraph with stays its
    own block: the prose after it is not run into the quotation."""
    quoted = "> 据CNBC（2026年1月22日）报道：Small caps rallied on rate-cut hopes[1]."
    figures = "罗素2000指数年初至今上涨7.54%[0]。"
    the_plan = plan(PERFORMANCE, VALUATION, CATALYSTS, RISKS)
    first = answer(f"{figures}\n{quoted}\n标普500指数上涨1.02%[0]。", mode="llm")
    brief = build_brief(the_plan, reports(the_plan, first, *STEP_ANSWERS[1:]))
    blocks = parts(brief)[0].split("\n\n")
    assert blocks == [figures, quoted, "标普500指数上涨1.02%[0]。"]


def _unquoted(line: str) -> str:
    """The line without what it quotes in quotation marks."""
    head, _, tail = line.partition('"')
    return head + tail.rpartition('"')[2]


def test_a_model_written_step_keeps_its_own_analysis_and_is_never_empty() -> None:
    llm = answer(f"{BEAT}{CHEAP}", mode="llm", takeaways=f"- {BEAT}")
    found = Finding(text="小盘股面临再融资风险，利率维持高位将拖累盈利。", reference=ref(1, "c"))
    the_plan = plan(PERFORMANCE, VALUATION, CATALYSTS, RISKS)
    steps = reports(the_plan, llm, llm, llm, llm)
    steps[3] = steps[3].model_copy(update={"reserve": (found,)})
    brief = build_brief(the_plan, steps)
    performance, valuation, _, risks = parts(brief)
    assert performance == f"{BEAT}{CHEAP}"  # as the model wrote it, every sentence
    assert valuation == message("research.nothing_found", "zh", aspect="估值")
    assert words(found.text) in risks


# ---------------------------------------------------------------------------------------------
# end to end, over a small library


CHEAP_SMALL_CAPS = Article(
    id="cnbc-val",
    title="Small caps look cheap against large caps",
    published=dt.date(2026, 1, 22),
    source="CNBC",
    lang="en",
    sections=(
        ArticleSection(
            heading="",
            text=(
                "Small caps trade at a steep discount: the Russell 2000 forward P/E is 14 times, "
                "against 20 for the S&P 500, near the widest gap in 20 years.\n\n"
                "Strategists say small-cap earnings could recover as borrowing costs fall."
            ),
        ),
    ),
)


def test_a_brief_run_offline_covers_every_step_of_its_plan() -> None:
    index = FakeIndex([SEED, FED, CHEAP_SMALL_CAPS])
    helper = Assistant(load_settings(), market=FakeMarket(), index=index, model=None)
    brief = run_plan(helper, SMALL_CAPS, offline=True)
    performance, valuation, catalysts, risks = parts(brief)
    assert "7.54%" in performance and "[0]" in performance
    # valuation: the English article, quoted in the Chinese brief with who said it and when
    assert "> 据CNBC（2026年1月22日）报道：Small caps trade at a steep discount" in valuation
    assert "P/E" in valuation
    assert "支撑" in catalysts or "受益" in catalysts
    assert "风险" in risks or "回调" in risks
    takeaways = brief.answer.section("takeaways")
    assert takeaways is not None and len(takeaways.text.splitlines()) >= 4


def test_a_step_naming_part_of_the_subject_wants_that_part() -> None:
    """A brief on AI's power demand and utilities: its valuation step asks about utilities, so
    a Chinese AI model's valuation multiples, which say "AI", do not answer it; the catalysts
    step, which quotes the whole topic, takes any of its words."""
    topic = "AI data center power demand and utilities in 2026"
    names = ("Utilities", "公用事业", "XLU")
    valuation = Step(
        question="What are the valuations (P/E, P/B) for the Utilities sectors?",
        tools=("search_commentary",),
    )
    focus = Focus.of(topic, valuation, names)
    assert not focus.answers("Valuation multiples will matter in assessing a Chinese AI model.")
    assert focus.answers("Utilities trade at a valuation of 18 times forward earnings.")
    assert focus.answers("公用事业板块估值处于历史低位。")  # the sector's other names count
    catalysts = Step(
        question=f"What are the main catalysts for “{topic}”?", tools=("search_commentary",)
    )
    assert Focus.of(topic, catalysts, names).answers("AI is the main catalyst for demand.")


def test_what_has_happened_over_a_period_is_answered_by_what_happened() -> None:
    """ "What has happened with “the Fed's path” year to date?" names the span as a return
    question does ("year to date"), but asks what happened: a decision announced answers it,
    in English as in Chinese (最新情况)."""
    topic = "The Fed's rate path in 2026"
    for question in (
        f"What has happened with “{topic}” year to date?",
        f"{topic}:年初至今的最新情况如何?",
    ):
        step = Step(question=question, tools=("search_commentary",))
        focus = Focus.of(topic, step)
        assert focus.answers("The Fed announced its decision to hold rates steady on Wednesday.")


def test_a_view_from_a_step_on_the_market_around_the_topic_must_name_the_topic() -> None:
    """The S&P 500 step of a brief on AI's power demand answers by "performance" a Goldman note
    on Chinese AI models' performance levels: not a view for the brief's insights. A view naming
    the subject is, from any step."""
    topic = "AI data center power demand and utilities in 2026"
    market = Focus.of(topic, Step(question="How has the S&P 500 performed year to date?",
                                  tools=("index_returns",)))  # fmt: skip
    goldman = Unit("Goldman compares models at a similar performance level[3].", "insights", 0)
    grid = Unit("Data center demand strains the power grid, utilities say[4].", "insights", 0)
    assert market.answers(goldman.words)  # its words answer the step…
    assert not _about(market, goldman)  # …but it is not about the brief
    assert _about(market, grid)


def test_a_step_naming_the_index_its_topic_implies_is_answered_in_the_topics_words() -> None:
    """A small-cap brief's template asks the valuation of "the Russell 2000"; commentary speaks
    of small caps' valuations (小盘股的市盈率), which answer it. A stock's multiple does not."""
    assistant = Assistant(load_settings(), market=FakeMarket(), index=FakeIndex([]), model=None)
    plan = template_plan(TOPIC, assistant.vocabulary, as_of=AS_OF)
    step = next(s for s in plan.steps if "罗素2000" in s.question and "估值" in s.question)
    focus = Focus.of(plan.topic, step, topic_names(plan, assistant.vocabulary))
    assert focus.answers("当前小盘股的市盈率较大盘股存在显著折价[3]。")
    assert focus.answers("Small caps trade at a steep discount on forward P/E.")
    assert not focus.answers("英伟达的市盈率为40倍。")


def test_a_plural_in_the_question_names_the_same_subject() -> None:
    """A plural names the same subject: "the Utilities sectors" takes the sector's other names."""
    topic = "AI data center power demand and utilities in 2026"
    names = ("utilities sector", "Utilities", "公用事业", "XLU")
    step = Step(question="What are the valuations (P/E, P/B) for the Utilities sectors?",
                tools=("search_commentary",))  # fmt: skip
    assert Focus.of(topic, step, names).answers("公用事业板块估值处于历史低位。")


def test_a_sentence_leaning_on_the_one_before_stays_with_it() -> None:
    """A step's answer quotes "It cited…" with what "it" is, one citation after both: the
    brief's units keep them one claim, so no takeaway reads "It cited…" alone."""
    text = (
        "At its June meeting, the central bank raised its inflation forecast to 5.1%. It cited"
        " downside risks to growth from energy prices[3]. Oil fell 2%[4].\n\n"
        "出口增长8%[5]。其中芯片出口增长20%[5]。"
    )
    found = [unit.words for unit in units(text, "risks")]
    assert found == [
        "At its June meeting, the central bank raised its inflation forecast to 5.1%. It cited"
        " downside risks to growth from energy prices.",
        "Oil fell 2%.",
        "出口增长8%。其中芯片出口增长20%。",
    ]


def test_a_step_asking_to_date_quotes_nothing_written_before_its_span() -> None:
    """ "How has Bitcoin performed year to date?": last October's performance is another
    year's, however well it answers the words; this year's is quoted."""
    step = Step(question="How has Bitcoin performed year to date?", tools=("search_commentary",))
    others = [
        Step(question=f"What are Bitcoin's main {aspect}?", tools=("search_commentary",))
        for aspect in ("catalysts", "risks", "opportunities")
    ]
    the_plan = plan(step, *others, topic="Bitcoin outlook", language="en")
    october = ref(2, "old").model_copy(update={"date": dt.date(2025, 10, 10)})
    old = "Bitcoin performed strongly in October, its best performance of the year[2]."
    new = "Bitcoin's performance this month has been weak, down 5% since January 1[1]."
    sources = (MARKET, ref(1, "new"), october)
    first = answer(f"{old} {new}", references=sources, language="en")
    empty = answer("", references=sources, language="en")
    part = parts(build_brief(the_plan, reports(the_plan, first, empty, empty, empty)))[0]
    assert "down 5% since January 1" in part and "October" not in part

"""What a reader sees of a checked figure: a contradicted one marked ⊗ where it stands and
listed with its source's value under the answer, an unsupported one marked ⚠, both marks
explained; `--json` carries each flag's claim parts and the source's value."""

from __future__ import annotations

import datetime as dt
import json

from assistant.answer.model import NUMBER_FLAGS, Answer, ClaimParts, Flag, Reference, Section
from assistant.answer.render import MARKS, answer_json, render_markdown
from assistant.locale import notice

CONTRADICTED_SENTENCE = "罗素2000指数年初至今下跌7.54%[0]。"
UNSUPPORTED_SENTENCE = "标普500上涨1.02%[1]。"
CONTRADICTED = Flag(
    kind="contradicted_number",
    message="-7.54%（罗素2000 · 年初至今 · 涨跌幅）与来源不符：[0] 为 +7.54%",
    number="7.54%",
    sentence=CONTRADICTED_SENTENCE,
    sources=(0,),
    section="analysis",
    claim=ClaimParts(
        value=-7.54, unit="%", entity="^RUT", metric="return", period="YTD", direction="down"
    ),
    source_value="+7.54%",
)
UNSUPPORTED = Flag(
    kind="unsupported_number",
    message="数字 1.02% 未能在所引来源 [1] 中核实",
    number="1.02%",
    sentence=UNSUPPORTED_SENTENCE,
    sources=(1,),
    section="analysis",
)


def checked_answer(*flags: Flag) -> Answer:
    return Answer(
        question="罗素2000指数年初至今表现如何?",
        title="罗素2000年初至今",
        as_of=dt.date(2026, 1, 23),
        language="zh",
        mode="llm",
        sections=(
            Section(
                key="analysis",
                heading="综合分析",
                text=CONTRADICTED_SENTENCE + UNSUPPORTED_SENTENCE + "纳指上涨1.12%[0]。",
            ),
        ),
        references=(
            Reference(n=0, kind="market_data", title="marketbrief 市场数据"),
            Reference(n=1, kind="article", title="文章", source="Ginlix AI"),
        ),
        flags=flags,
    )


def test_every_figure_flag_has_a_mark_and_a_contradicted_one_its_own() -> None:
    assert set(MARKS) == NUMBER_FLAGS
    assert MARKS["contradicted_number"] not in {MARKS["unsupported_number"], "≠"}


def test_a_contradicted_figure_is_marked_and_listed_with_the_source_value() -> None:
    text = render_markdown(checked_answer(CONTRADICTED, UNSUPPORTED))
    assert "罗素2000指数年初至今下跌7.54%⊗[0]。标普500上涨1.02%⚠[1]。纳指上涨1.12%[0]。" in text
    # the notes under the answer explain both marks, and list the contradicted figure
    notes = text[text.index("纳指上涨1.12%[0]。") : text.index("## 参考文献")]
    assert f"> {notice('unverified', 'zh')}" in notes and "⚠" in notice("unverified", "zh")
    assert f"> {notice('contradicted', 'zh')}" in notes and "⊗" in notice("contradicted", "zh")
    assert f"> - {CONTRADICTED.message}" in notes


def test_each_mark_is_explained_only_when_it_is_used() -> None:
    only_contradicted = render_markdown(checked_answer(CONTRADICTED))
    assert "7.54%⊗[0]" in only_contradicted and "⚠" not in only_contradicted
    assert notice("contradicted", "zh") in only_contradicted
    only_unsupported = render_markdown(checked_answer(UNSUPPORTED))
    assert "1.02%⚠[1]" in only_unsupported and "⊗" not in only_unsupported
    assert notice("unverified", "zh") in only_unsupported


def test_the_english_notes_explain_the_contradicted_mark() -> None:
    english = checked_answer(CONTRADICTED).model_copy(update={"language": "en"})
    assert "⊗" in notice("contradicted", "en")
    assert notice("contradicted", "en") in render_markdown(english)


def test_json_flags_carry_the_claim_parts_and_the_source_value() -> None:
    shown = json.loads(json.dumps(answer_json(checked_answer(CONTRADICTED, UNSUPPORTED))))
    contradicted = next(f for f in shown["flags"] if f["kind"] == "contradicted_number")
    assert contradicted["source_value"] == "+7.54%"
    assert contradicted["claim"] == {
        "value": -7.54,
        "unit": "%",
        "entity": "^RUT",
        "metric": "return",
        "period": "YTD",
        "direction": "down",
    }
    assert contradicted["number"] == "7.54%" and contradicted["sources"] == [0]
    assert "7.54%⊗[0]" in shown["markdown"]
    unsupported = next(f for f in shown["flags"] if f["kind"] == "unsupported_number")
    assert "claim" not in unsupported and "source_value" not in unsupported

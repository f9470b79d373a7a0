"""An article's own outline: its numbered headings, which together are what it lists."""

from __future__ import annotations

from assistant.gather.outline import numbered_outline as outline
from assistant.gather.outline import outlines
from ingest.models import Chunk, Hit


def hit(ordinal: int, text: str, section: str = "") -> Hit:
    return Hit(
        chunk=Chunk(id=f"c{ordinal}", article_id="a", text=text, ordinal=ordinal, section=section),
        score=1,
        title="t",
    )


def test_an_outline_is_the_first_run_numbered_from_one_in_the_articles_order() -> None:
    hits = [
        hit(1, "Pain trade #2: Europe outperforms\n\nEuropean equities may catch up.\n\n"
               "Pain trade #3: An explosive USD rally\n\nThe June FOMC helped the dollar."),
        hit(0, "HSBC lists six pain trades.\n\nPain trade #1: The AI trade continues unabated\n\n"
               "Pain trade #2: Europe outperforms"),  # passages overlap: #2 is said once
        hit(2, "1. A later list, numbered again\n2. Which is not the outline"),
    ]  # fmt: skip
    assert [i.text for i in outline(hits)] == [
        "The AI trade continues unabated",
        "Europe outperforms",
        "An explosive USD rally",
    ]
    assert outline(hits)[0].line == "Pain trade #1: The AI trade continues unabated"


def test_chinese_headings_count_and_a_lone_number_or_a_paragraph_does_not() -> None:
    chinese = [
        hit(0, "一、优化住房限购政策\n正文。\n二、完善房屋赠与政策\n三、加大住房公积金支持力度。")
    ]
    assert [i.text for i in outline(chinese)] == [
        "优化住房限购政策", "完善房屋赠与政策", "加大住房公积金支持力度"
    ]  # fmt: skip
    assert outline([hit(0, "3. Only a third point\n4. And a fourth")]) == []  # not from one
    assert outline([hit(0, "1. Only one point here")]) == []
    long_line = "2. " + "A paragraph that happens to start with a number and goes on. " * 3
    assert outline([hit(0, "1. First point\n" + long_line)]) == []


def test_paragraphs_that_open_with_a_label_are_an_outline_of_their_section() -> None:
    risks = "风险与机遇 / 风险因素"
    hits = [
        hit(1, "美联储政策不确定性:“强硬的鹰派暂停”可能扰乱金融环境。\n\n"
               "结构性集中差距:小盘股缺乏人工智能敞口。", risks),
        hit(0, "国内经济疲软:疲软消费者信心是重要风险。\n\n美联储政策不确定性:“强硬的鹰派暂停”"
               "可能扰乱金融环境。", risks),  # passages overlap: the label is counted once
        hit(2, "早期布局:轮动可能处于早期阶段。\n\n板块轮动收益:能源板块领涨。",
            "风险与机遇 / 机遇窗口"),
        hit(3, "Monetary policy pivot: the Fed turned.\n\nA plain paragraph.\n\n"
               "At 10:30 the index fell.\n\nValuation gap: small caps trade at a discount."),
    ]  # fmt: skip
    found = outlines(hits)
    assert [(o.section, [i.text for i in o.items]) for o in found] == [
        ("风险因素", ["国内经济疲软", "美联储政策不确定性", "结构性集中差距"]),
        ("机遇窗口", ["早期布局", "板块轮动收益"]),
    ]  # one label, a time or a paragraph between: no run
    assert all(o.labelled for o in found)
    assert found[0].items[1].lead == "“强硬的鹰派暂停”可能扰乱金融环境。"  # what the label says

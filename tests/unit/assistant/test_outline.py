"""An article's own outline: its numbered headings, which together are what it lists."""

from __future__ import annotations

from assistant.gather.outline import outline
from ingest.models import Chunk, Hit


def hit(ordinal: int, text: str) -> Hit:
    return Hit(
        chunk=Chunk(id=f"c{ordinal}", article_id="a", text=text, ordinal=ordinal),
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

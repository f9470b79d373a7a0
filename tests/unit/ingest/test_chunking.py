"""Chunking: sections and paragraphs respected, sizes bounded, numbers kept with their units."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.chunking import (
    EN_SIZE,
    NUMBER_WITH_UNIT,
    ZH_SIZE,
    ChunkSize,
    chunk_article,
    split_long,
    split_section,
)
from ingest.models import Article, Section

UNITS = [
    "8.2%",
    "6923.58点",
    "1.25 个百分点",
    "$1.1 billion",
    "2026年1月23日",
    "1.2万亿元",
    "17.65 million shares",
    "3.25%左右",
    "49162.07点",
    "+1.41%",
    "2.5 percentage points",
]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_number_with_unit_pattern_matches_whole_expressions() -> None:
    for expression in UNITS:
        match = NUMBER_WITH_UNIT.search(
            f"前文{expression}后文" if expression[0].isdigit() else f"x {expression} y"
        )
        assert match is not None and expression.rstrip("左右") in match.group(), expression


def test_paragraphs_are_gathered_up_to_the_target() -> None:
    paragraphs = ["这是一个段落。" * 10] * 12  # 70 characters each
    chunks = split_section("\n\n".join(paragraphs), ZH_SIZE)
    assert len(chunks) == 2
    assert all("\n\n" in c for c in chunks)  # whole paragraphs, joined


def test_english_uses_larger_chunks() -> None:
    text = "\n\n".join(["Small caps rallied as rates fell. " * 8] * 10)
    chunks = split_section(text, EN_SIZE)
    assert all(len(c) <= EN_SIZE.maximum for c in chunks)
    assert max(len(c) for c in chunks) > ZH_SIZE.maximum


def test_long_paragraph_splits_at_sentence_ends_first() -> None:
    sentence = "罗素2000指数年初至今上涨8.2%，跑赢标普500指数。"
    pieces = split_long(sentence * 40, 200)
    assert all(p.endswith("。") for p in pieces)
    assert "".join(pieces) == sentence * 40


def test_english_sentences_and_abbreviations() -> None:
    text = "The U.S. economy grew 2.2% in 2025. Rates fell to 3.25%. " * 30
    pieces = split_long(text, 120)
    assert all(not p.startswith("S. ") for p in pieces)  # "U.S." is not a sentence end
    assert "".join(pieces) == text


def test_chunk_ids_change_with_content_only() -> None:
    article = Article(id="a1", title="t", sections=(Section(heading="h", text="同样的文字。"),))
    same = chunk_article(article)
    assert same == chunk_article(article)
    changed = chunk_article(
        article.model_copy(update={"sections": (Section(heading="h", text="新的文字。"),)})
    )
    assert changed[0].id != same[0].id


def test_repeated_passage_is_kept_once() -> None:
    section = Section(heading="h", text="重复的段落。")
    article = Article(id="a1", title="t", sections=(section, section))
    assert len(chunk_article(article)) == 1


def test_page_numbers_travel_with_chunks() -> None:
    article = Article(
        id="p",
        title="t",
        sections=(Section(text="page one text", page=1), Section(text="page two", page=2)),
    )
    assert [(c.page, c.metadata.get("page")) for c in chunk_article(article)] == [(1, 1), (2, 2)]


filler = st.text(alphabet="的市场指数上涨下跌板块资金。，；! ?abc xyz.", min_size=0, max_size=30)


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.tuples(filler, st.sampled_from(UNITS)), min_size=1, max_size=25),
    tail=filler,
    maximum=st.integers(min_value=12, max_value=120),
)
def test_never_splits_a_number_from_its_unit(
    parts: list[tuple[str, str]], tail: str, maximum: int
) -> None:
    text = "".join(f"{f} {u} " for f, u in parts) + tail
    pieces = split_long(text, maximum)
    assert "".join(pieces) == text  # nothing lost or reordered
    expressions = {u.rstrip("左右") for _, u in parts}
    for expression in expressions:
        occurrences = text.count(expression)
        assert sum(p.count(expression) for p in pieces) == occurrences, expression
    assert all(len(p) <= maximum or NUMBER_WITH_UNIT.search(p) for p in pieces)


@settings(max_examples=60, deadline=None)
@given(
    paragraphs=st.lists(
        st.text(alphabet="数据显示指数上涨8.2%。 abc.", min_size=1, max_size=300),
        min_size=1,
        max_size=8,
    )
)
def test_sections_lose_nothing(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs)
    chunks = split_section(text, ChunkSize(target=100, maximum=160))
    assert squash("".join(chunks)) == squash(text)
    assert all(c.strip() for c in chunks)

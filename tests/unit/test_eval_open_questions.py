"""The open questions of `make eval` (benchmarks/eval/open.yaml): the file, and how an answer's
sentences are read for its subject."""

from __future__ import annotations

import datetime as dt

from benchmarks.eval.open_questions import (
    OpenQuestion,
    OpenScore,
    load_open,
    quotations,
    says_subject,
    table,
)
from ingest.language import has_cjk
from ingest.named_periods import named_period


def test_the_open_questions_are_dateless_in_both_languages_and_name_their_subject() -> None:
    questions = load_open()
    assert sum(has_cjk(q.question) for q in questions) >= 10
    assert sum(not has_cjk(q.question) for q in questions) >= 10
    assert all(q.subject for q in questions)
    assert all(named_period(q.question, dt.date(2026, 12, 1)) is None for q in questions)


def test_a_subject_is_said_at_the_start_of_a_word_or_anywhere_in_chinese() -> None:
    assert says_subject("Gold prices hit a record.", ["gold"])
    assert says_subject("Chipmakers fell.", ["chip"])
    assert not says_subject("Marigold sales rose.", ["gold"])
    assert says_subject("现货黄金价格创新高。", ["黄金"])
    assert says_subject("Private credit funds gated.", ["private credit"])


def test_only_quotations_of_an_article_are_read() -> None:
    text = (
        "IWM rose 20.6%[0]. Gold hit a record[1]. Retail sales fell[0][2].\n"
        "> 据华尔街见闻报道：金价创新高[3]。\n"
        "The retrieved commentary states no specific risks.\n"
        "- Main sources: ZeroHedge (June 22, 2026)[1] and BBC (January 26, 2026)[2]."
    )
    assert quotations([text]) == [
        "Gold hit a record",
        "Retail sales fell",
        "据华尔街见闻报道：金价创新高",
    ]


def test_a_quotation_of_two_sentences_is_read_as_one() -> None:
    """The second sentence leans on the first: the quotation says the subject once."""
    text = "Gold hit a record on Monday. It may reach $6,000, the bank said[1]. Oil fell[2]."
    quoted = quotations([text])
    assert quoted == ["Gold hit a record on Monday. It may reach $6,000, the bank said", "Oil fell"]
    assert [says_subject(q, ["gold"]) for q in quoted] == [True, False]


def test_the_table_gives_the_share_on_subject_and_the_median_age() -> None:
    gold = OpenQuestion("What is the outlook for gold?", ("gold",))
    scores = [OpenScore(gold, quoting=4, on_subject=3, ages=(10, 30, 50))]
    row = table(scores).splitlines()[1].split()
    assert row == ["en", "1", "4", "75%", "30"]

"""The answer-quality benchmark (`make eval`): its question file and its metric functions.

The shape checks read only benchmarks/eval/questions.yaml; the checks against the articles
themselves (each fact is in its article, the as-of date lets the article through, a cross-
lingual question really crosses) need ../shared and skip without it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.question.vocabulary import default_vocabulary
from benchmarks.eval import bm25, metrics, report
from benchmarks.eval.answers import Scored
from benchmarks.eval.metrics import Sentence, answer_sentences, fragment_reason
from benchmarks.eval.questions import (
    GROUPS,
    MINIMUM,
    MINIMUM_TOTAL,
    Question,
    QuestionFileError,
    has_fact,
    load_questions,
    missing_facts,
)
from benchmarks.eval.retrieval import first_articles, product_query
from ingest.language import detect_language

QUESTIONS = load_questions()


# -- the question file ------------------------------------------------------------------------


def test_counts_per_group_meet_the_issue() -> None:
    counts = Counter(q.group for q in QUESTIONS)
    assert len(QUESTIONS) >= MINIMUM_TOTAL
    for group in GROUPS:
        assert counts[group] >= MINIMUM[group], (group, counts[group])


def test_every_question_has_facts_and_an_article() -> None:
    for q in QUESTIONS:
        assert q.facts and all(
            spellings and all(s.strip() for s in spellings) for spellings in q.facts
        ), q.id
        assert q.articles and all(bool(a.url) != bool(a.seed) for a in q.articles), q.id


def test_groups_are_what_they_say() -> None:
    for q in QUESTIONS:
        if q.group in ("en", "zh"):
            assert detect_language(q.question) == q.group, q.id
        assert bool(q.before) == (q.group == "follow-up"), q.id
        assert q.as_of is None or isinstance(q.as_of, dt.date), q.id


def test_both_languages_and_both_years_are_covered() -> None:
    languages = Counter(detect_language(q.question) for q in QUESTIONS)
    assert languages["zh"] >= 20 and languages["en"] >= 20
    years = {q.as_of.year for q in QUESTIONS if q.as_of}
    assert {2025, 2026} <= years


def test_a_malformed_entry_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "q.yaml"
    bad.write_text("- {id: q1, group: en, question: Why, articles: [], facts: [[x]]}\n")
    with pytest.raises(QuestionFileError, match="q1: articles"):
        load_questions(bad)
    bad.write_text(
        "- {id: q1, group: follow-up, question: Why, articles: [{url: u}], facts: [x]}\n"
    )
    with pytest.raises(QuestionFileError, match="q1: a follow-up"):
        load_questions(bad)
    bad.write_text(
        "- {id: q1, group: en, question: Why, articles: [{url: u}], facts: [x], held_out: 1}\n"
    )
    with pytest.raises(QuestionFileError, match="q1: held_out must be true or false"):
        load_questions(bad)


def test_the_held_out_questions_are_reported_on_their_own() -> None:
    held_out = [q for q in QUESTIONS if q.held_out]
    assert len(held_out) >= 30 and {q.group for q in held_out} == {"en", "zh", "cross"}
    table = report.answers_table([Scored(q, seconds=0.1) for q in QUESTIONS])
    assert f"\n{'held-out':<10} {len(held_out):>3} " in table


def _news(shared: Path) -> dict[str, tuple[str, str, dt.date]]:
    """url -> (title and text, language, publication date) of every news item."""
    found = {}
    news = shared / "data" / "news"
    for line in (news / "financialreport_rss_articles.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        day = dt.date.fromisoformat(r["published_iso"][:10])
        found[r["url"]] = (f"{r['title']}\n{r['text']}", r["lang"], day)
    for line in (news / "deanfi_finnhub_news.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        day = dt.date.fromisoformat(r["datetime"][:10])
        found[r["url"]] = (f"{r['headline']}\n{r['summary']}", "en", day)
    return found


def test_facts_are_in_their_articles(shared_dir: Path) -> None:
    news = _news(shared_dir)
    problems = []
    for q in QUESTIONS:
        for ref in q.articles:
            if ref.url and ref.url not in news:
                problems.append(f"{q.id}: no news item {ref.url}")
            if ref.seed and not (shared_dir / "seeds" / ref.seed).is_file():
                problems.append(f"{q.id}: no seed {ref.seed}")
        for n, ref in enumerate(q.articles):
            if ref.url in news:
                text, language, published = news[ref.url]
                # the product drops articles published after as_of + 2 days
                if q.as_of and published > q.as_of + dt.timedelta(days=2):
                    problems.append(f"{q.id}: as_of {q.as_of} hides {ref.label} ({published})")
            elif ref.seed:
                text = (shared_dir / "seeds" / ref.seed).read_text(encoding="utf-8")
                language = detect_language(text)
            else:
                continue
            missing = missing_facts(text, q.facts)
            if missing:
                problems.append(f"{q.id}: {missing} not in {ref.label}")
            if n == 0 and q.group == "cross" and detect_language(q.question) == language:
                problems.append(f"{q.id}: asked in the article's own language ({language})")
    assert not problems, "\n".join(problems)


# -- fact matching ----------------------------------------------------------------------------


def test_facts_match_across_spellings_but_not_inside_other_numbers() -> None:
    assert has_fact("最高触及5,110.50美元", ("5110",))
    assert has_fact("上涨８．２％", ("8.2%",))
    assert has_fact("up 8.2 % this year", ("8.2%",))
    assert has_fact("a Cloud and AI segment", ("Cloud & AI", "cloud and ai"))
    assert not has_fact("up 1.25% today", ("25%",))
    assert not has_fact("since 2015", ("15",))
    assert not has_fact("rose 1.85%", ("1.8%",))
    assert has_fact("than in past decades. 71% of Americans oppose", ("71%",))  # after a stop
    assert missing_facts("rose 8.2%", (("8.2%",), ("1.2%", "1.2 %"))) == ["1.2%"]


def test_a_sources_publication_date_is_no_fact_the_answer_states() -> None:
    texts = ["- 现货黄金涨幅已超过53%[1]。\n- 主要依据：东方财富Choice数据（2025年10月8日）[1]。"]
    assert missing_facts("\n".join(metrics.without_sources_line(texts)), (("10月8日",),))
    assert not missing_facts("\n".join(metrics.without_sources_line(texts)), (("53%",),))


# -- sentences --------------------------------------------------------------------------------


def test_sentences_split_where_a_reader_would() -> None:
    text = (
        "The U.S. Treasury said on Sept. 1 that yields rose 0.25%[1]. Small caps led[2][3].\n"
        "He fears an A.I. bubble, and more[4].\n"
        "他说：“我们会降息。明年继续。”指数上涨1.2%[1]。板块轮动[0]！\n"
        '"这是艰难时期，"他表示，"资金外流。还会继续。"[2]\n'
        '空头在117,370美元建仓[2]。"这是艰难时期，"他表示。\n'
        "- 罗素2000指数跑赢[1]。\n"
        "> 引用的原文。"
    )
    found = answer_sentences([text])
    assert [s.text for s in found] == [
        "The U.S. Treasury said on Sept. 1 that yields rose 0.25%.",
        "Small caps led.",
        "He fears an A.I. bubble, and more.",
        "他说：“我们会降息。明年继续。”指数上涨1.2%。",
        "板块轮动！",
        '"这是艰难时期，"他表示，"资金外流。还会继续。"',
        "空头在117,370美元建仓。",
        '"这是艰难时期，"他表示。',
        "罗素2000指数跑赢。",
        "引用的原文。",
    ]
    assert [s.quoted for s in found] == [False] * 9 + [True]
    paused = "He tried the same thing... but he wanted the real story. It ended... Then he left."
    assert [s.text for s in answer_sentences([paused])] == [
        "He tried the same thing... but he wanted the real story.",
        "It ended...",
        "Then he left.",
    ]


# -- duplicates -------------------------------------------------------------------------------


def test_a_sentence_repeated_with_another_citation_is_a_duplicate() -> None:
    found = answer_sentences(
        [
            "罗素2000指数跑赢标普500指数6.52个百分点[0]。",
            "- 罗素2000指数跑赢标普500指数6.52个百分点[1]。",
        ]
    )
    assert metrics.duplicates(found) == ["罗素2000指数跑赢标普500指数6.52个百分点。"]


def test_different_sentences_are_not_duplicates() -> None:
    found = answer_sentences(["Small caps led[1]. Large caps lagged[2]. Small caps lagged[3]."])
    assert metrics.duplicates(found) == []


def test_near_duplicates_add_or_drop_words_but_parallel_sentences_do_not_count() -> None:
    near = answer_sentences(
        ["罗素2000指数年初至今已录得可观的8.2%回报率[1]。罗素2000指数年初至今录得8.2%回报率[1]。"]
    )
    assert len(metrics.near_duplicates(near)) == 1
    parallel = answer_sentences(
        [
            "The retrieved commentary states no specific risks.\n"
            "The retrieved commentary states no specific opportunities.\n"
            "As of the close the Russell 2000 was up 7.54% year to date[0]. "
            "As of the close the S&P 500 was up 1.02% year to date[0]."
        ]
    )
    assert metrics.near_duplicates(parallel) == []


# -- fragments --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "》指出，小盘股将跑赢。",  # starts after its real start
        "」之后市场大涨。",
        "，并且收益率下降。",
        "、原材料和工业板块领涨。",
        "据《华尔街日报",  # an opened title never closed
        "他表示“美联储将继续降息",  # an opened quote never closed
        "and then small caps rallied.",  # English, lower-case: mid-clause
        "The pain trades are:",  # stops before its end
        "收益率曲线、金融环境，",
        "An active approach can get more out of the category [...]",  # a feed's cut excerpt
        "生产资料价格同比上涨5.5%，影响工业...",
        "价格首次冲破4000美元/盎司关\ufffd\ufffd，创历史新高。",  # a character cut in half
        '".',
    ],
)
def test_fragments_are_caught(sentence: str) -> None:
    assert fragment_reason(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "罗素2000指数年初至今上涨7.54%（2,481.91→2,669.16）。",
        "他说：“我们会降息。”指数随后上涨。",
        "《2026年:小盘股之年?》一文提出了投资逻辑。",
        "iShares Russell 2000 ETF (IWM) rose 1.2% on the day.",
        "eBay shares slipped.",
        "The Fed's Jefferson said rates would stay near 3.25%.",
        "Trump’s tariff threat hit the won.",
    ],
)
def test_whole_sentences_are_not_fragments(sentence: str) -> None:
    assert fragment_reason(sentence) is None


def test_a_colon_before_a_list_is_not_a_fragment() -> None:
    found = answer_sentences(["补上下面缺少的内容后再问一次：\n- 价格数据\n- 文章"])
    assert metrics.fragments(found) == []
    assert metrics.fragments(answer_sentences(["These pain trades are:"])) != []


# -- language ---------------------------------------------------------------------------------


def test_prose_in_the_other_language_is_caught_but_block_quotes_are_allowed() -> None:
    found = answer_sentences(
        [
            "罗素2000指数年初至今上涨7.54%[0]。The Russell 2000 outperformed the S&P 500[1].\n"
            "> Small caps rallied as yields fell[2].\n"
            "标普500指数（S&P 500）收于6923.58点[1]。\n"
            "6,923.58[0]"
        ]
    )
    assert metrics.off_language(found, "zh") == ["The Russell 2000 outperformed the S&P 500."]
    assert metrics.off_language(found, "en") == [
        "罗素2000指数年初至今上涨7.54%。",
        "标普500指数（S&P 500）收于6923.58点。",
    ]


def test_an_english_sentence_naming_a_chinese_source_stays_english() -> None:
    found = [Sentence("Reports from 华尔街见闻 say gold hit a record high.")]
    assert metrics.off_language(found, "en") == []


# -- retrieval and report -----------------------------------------------------------------------


def test_first_articles_groups_passages_by_article_in_rank_order() -> None:
    assert first_articles(["a", "a", "b", "a", "c", "d", "e", "f"], n=5) == [
        "a",
        "b",
        "c",
        "d",
        "e",
    ]


def test_the_product_searches_what_its_offline_path_searches() -> None:
    """The company a question names is searched by its other-language name too, as the
    offline path does; the baseline keeps the question as written."""
    question = Question("q", "cross", "礼来市值突破1万亿美元主要靠哪些药物？", (), ())
    searched = product_query(question, default_vocabulary())
    assert searched.startswith(question.question) and "Eli Lilly" in searched


def test_baseline_tokens_are_plain() -> None:
    # lower-case words and numbers, English stop words dropped, jieba words for Chinese
    assert bm25.tokens("The Russell 2000 rose 8.2% in 罗素2000指数") == (
        ["russell", "2000", "rose", "8.2%", "罗素", "2000", "指数"]
    )


def test_baseline_ranks_the_article_that_shares_the_words() -> None:
    baseline = bm25.Baseline.build(
        [("gold", "金价突破5100美元 创历史新高"), ("oil", "Brent crude hits a four-year high")]
    )
    assert first_articles(baseline.ranked_articles("金价 历史新高")) == ["gold"]
    assert first_articles(baseline.ranked_articles("brent crude")) == ["oil"]


def test_failure_line_names_what_is_missing() -> None:
    scored = Scored(QUESTIONS[0], missing=["20.8%"], cited=False, cited_ids=["x"])
    line = report.failure_line(scored)
    assert (
        line is not None and QUESTIONS[0].id in line and "'20.8%'" in line and "not cited" in line
    )
    assert report.failure_line(Scored(QUESTIONS[0], cited=True)) is None


_PRICE = "华为畅享90起售价是多少？"
_GOLD = "How much did gold gain in January 2026 and what record did it set?"


@pytest.mark.parametrize(
    ("question", "title", "echo"),
    [
        (_PRICE, "华为畅享90起售价是多少", True),  # the question, its mark dropped
        (_GOLD, "How much did gold gain in January 2026 and what record did…", True),  # cut
        (_PRICE, "华为畅享90起售价为1299元", False),  # what the answer found
        (_GOLD, "Gold: performance in January 2026", False),  # what the tools measured
    ],
)
def test_a_title_that_is_the_questions_own_words_echoes_it(
    question: str, title: str, echo: bool
) -> None:
    assert metrics.echoes(title, question) is echo

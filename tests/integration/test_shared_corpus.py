"""The library's parsers, chunker and tokenizer on the real corpus in ../shared: each seed
article parses into its sections with the site's boilerplate out, chunks without losing a
character, and real news is cut into the words jieba cuts."""

from __future__ import annotations

import datetime as dt
import json
from itertools import islice
from pathlib import Path

import pytest

from benchmarks.harness.paths import SHARED
from ingest.chunking import ZH_SIZE, chunk_article
from ingest.language import CJK_RUN
from ingest.models import content_hash
from ingest.zhwords import Dictionary
from tests.unit.ingest.conftest import read_article
from tests.unit.ingest.test_chunking import squash
from tests.unit.ingest.test_seed_parser import assert_clean
from tests.unit.ingest.test_zhwords import jieba_words

pytestmark = pytest.mark.integration
NEWS = SHARED / "data" / "news" / "financialreport_rss_articles.jsonl"


def test_seed_000(seeds: list[Path]) -> None:
    article = read_article(seeds[0])
    assert article.title == "2026年小盘股投资逻辑:催化因素与市场前景分析"
    assert article.published == dt.date(2026, 2, 1)
    assert article.tickers == ("IWM", "SPY", "QQQ", "VOO")
    assert article.tags[:3] == ("small_caps", "equity_market", "investment_thesis")
    assert len(article.tags) == 8
    assert article.lang == "zh"
    assert article.source == "Ginlix AI"
    assert [s.heading for s in article.sections] == [
        "综合分析",
        "核心洞察",
        "风险与机遇 / 风险因素",
        "风险与机遇 / 机遇窗口",
        "核心信息摘要",
    ]
    assert article.references == ()  # this seed has no reference list
    assert article.sections[0].text.startswith("事件背景与市场环境")
    # "货币政策转向" and ":美联储…" are one paragraph again
    assert "货币政策转向:美联储的沟通基调" in article.sections[0].text
    assert_clean(article)


def test_seed_001(seeds: list[Path]) -> None:
    article = read_article(seeds[1])
    assert article.title == "2026年小盘股复苏:市场轮动与罗素2000指数跑赢大市分析"
    assert article.published == dt.date(2026, 1, 24)
    assert article.tickers == ("AMAT", "FTNT", "PG", "SPOT", "ACMR", "RMBS", "FOXA", "NYT")
    assert "federal_reserve" in article.tags
    assert [s.heading for s in article.sections] == [
        "综合分析",
        "核心洞察",
        "风险与机遇 / 机遇窗口",
        "风险与机遇 / 风险因素与警示信号",
        "核心信息摘要",
    ]
    assert [r.n for r in article.references] == [0, 1, 2, 3, 4, 5, 6]
    assert article.references[4].text == "CNBC - 2026年1月22日股市新闻"
    # The report's own dateline is content, kept at the start of the first section.
    assert article.sections[0].text.startswith("2026年1月23日 | 市场分析报告")
    assert "罗素2000指数年初至今已录得可观的8.2%回报率" in article.sections[0].text
    assert_clean(article)


def test_seed_chunks_follow_sections_and_stay_in_size(seeds: list[Path]) -> None:
    for path in seeds:
        article = read_article(path)
        chunks = chunk_article(article)
        assert {c.section for c in chunks} == {s.heading for s in article.sections}
        for chunk in chunks:
            assert len(chunk.text) <= ZH_SIZE.maximum
            assert chunk.id == content_hash(article.id, chunk.section, chunk.text)
            assert chunk.metadata["article_id"] == article.id
            assert chunk.metadata["published"] == int(article.published.strftime("%Y%m%d"))  # type: ignore[union-attr]
            assert chunk.metadata["tickers"] == ",".join(article.tickers)
        assert [c.ordinal for c in chunks] == list(range(len(chunks)))
        # Nothing lost: every section's text is in its chunks, in order.
        for section in article.sections:
            joined = "".join(c.text for c in chunks if c.section == section.heading)
            assert squash(joined) == squash(section.text)


def test_real_news_is_cut_as_jieba_cuts_it(tmp_path: Path) -> None:
    if not NEWS.is_file():
        pytest.skip(f"needs {NEWS}")
    runs: set[str] = set()
    with NEWS.open(encoding="utf-8") as lines:
        for line in islice(lines, 300):
            item = json.loads(line)
            runs.update(CJK_RUN.findall(f"{item.get('title') or ''}\n{item.get('text') or ''}"))
    cache = tmp_path / "jieba.sqlite3"
    Dictionary(cache).cut("中")  # build, then cut as a fresh process would
    dictionary = Dictionary(cache)
    ordered = sorted(runs)
    assert [dictionary.cut(r) for r in ordered] == [jieba_words(r) for r in ordered]

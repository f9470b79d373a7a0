"""The seed layout: metadata, sections and reference list in, site boilerplate out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ingest.parsers.origin import Origin
from ingest.parsers.seed import BOILERPLATE, is_seed_layout, parse_seed
from tests.unit.ingest.conftest import read_article

BOILERPLATE_SAMPLES = [
    "解锁更多功能",
    "登录后即可使用",
    "关于我们",
    "相关阅读推荐",
    "暂无推荐文章",
    "基于这条新闻提问",
    "深度投研",
    "自动接受计划",
    "数据基于历史",
    "混合",
    "美股市场",
    "\n--\n",
]


def all_text(article) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(s.text for s in article.sections) + "\n".join(
        s.heading for s in article.sections
    )


def assert_clean(article) -> None:  # type: ignore[no-untyped-def]
    text = all_text(article)
    for sample in BOILERPLATE_SAMPLES:
        assert sample not in text, f"boilerplate {sample!r} left in the article"
    assert text.count(article.title) == 0  # the duplicated title lines are gone


def test_made_up_article_in_the_seed_layout(fixtures: Path) -> None:
    article = read_article(fixtures / "seed_layout.txt")
    assert article.title == "2026年能源板块展望:油价与资本开支周期分析"
    assert article.published == dt.date(2026, 1, 15)  # ISO dateline
    assert article.tags == ("energy", "oil", "capex", "sector_rotation")
    assert article.tickers == ("XLE", "XOM")
    assert article.source == "Example Research"
    assert len(article.sections) == 5
    assert article.sections[2].heading == "风险与机遇 / 风险因素"
    assert [r.n for r in article.references] == [0, 1, 2]
    assert article.references[1].url == "https://example.com/oil-weekly"
    assert_clean(article)


def test_every_boilerplate_rule_is_data() -> None:
    """Each rule names why it exists, so the list documents the site's widgets."""
    assert all(rule.why for rule in BOILERPLATE)
    assert sum(rule.ends_article for rule in BOILERPLATE) == 1


def test_plain_text_is_not_mistaken_for_the_layout() -> None:
    assert not is_seed_layout("A title\n\nSome text about 综合 analysis.\n")
    article = parse_seed("标题\n\n综合分析\n正文。\n\n核心洞察\n洞察。", Origin(name="x.txt"))
    assert [s.heading for s in article.sections] == ["综合分析", "核心洞察"]

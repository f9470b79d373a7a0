"""The library's own glosses: acronyms and the Chinese names its articles give them."""

from __future__ import annotations

from ingest.cedict import Cedict
from ingest.glosses import Glosses, is_acronym


def test_an_acronym_is_named_as_at_least_half_the_articles_glossing_it_name_it() -> None:
    glosses = Glosses()
    glosses.add("6月与工业生产者出厂价格指数（PPI）同比上涨。", "a1")
    glosses.add("工业生产者出厂价格指数(PPI)环比下降。", "a2")
    glosses.add("据统计，国际能源署（IEA）表示……国际能源署（IEA）重申。", "a3")
    glosses.add("向国际能源署（IEA）提交报告。", "a4")  # 向 begins no name
    glosses.add("瑞银集团（UBS）称……", "a5")  # one article: too little to go on
    glosses.add("瑞银集团（UBS）称……", "a5")  # the same article again (passages overlap)
    glosses.add("股票（Stock）和黄金（GLD）", "a6")  # a word, not an acronym; a short name
    glosses.add("黄金（GLD）", "a7")
    assert glosses.names() == {"ppi": "工业生产者出厂价格指数", "iea": "国际能源署"}


def test_an_acronym_has_two_capitals() -> None:
    assert is_acronym("IEA") and is_acronym("SpaceX") and is_acronym("HBM4")
    assert not is_acronym("Oracle") and not is_acronym("stock") and not is_acronym("M2")


def test_a_name_the_dictionary_knows_is_left_to_the_dictionary() -> None:
    """jieba cuts 超威半导体 as 超 + 威 + 半导体: what is left, 半导体, is a word the dictionary
    knows ("semiconductor"), not the company's name."""
    glosses = Glosses()
    glosses.add("芯片股走强，超威半导体（AMD）上涨。", "a1")
    glosses.add("超威半导体（AMD）发布新品。", "a2")
    glosses.add("国际能源署（IEA）表示。", "a3")
    glosses.add("国际能源署（IEA）预计。", "a4")
    words = Cedict.of({"半导体": ["semiconductor"]}, {})
    assert glosses.names(words) == {"iea": "国际能源署"}

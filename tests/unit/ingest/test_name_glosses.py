"""The library's own names: the Chinese names its articles give companies in brackets."""

from __future__ import annotations

from ingest.cedict import Cedict
from ingest.name_glosses import NameGlosses, chinese_name, short_name

WORDS = Cedict.of(
    glosses={
        "巨头": ["giant"], "机构": ["institution"], "全球": ["global"], "管理": ["management"],
        "公司": ["company"], "阿波罗": ["Apollo"], "西方": ["West"], "石油": ["petroleum"],
        "行业": ["industry"], "龙头": ["faucet"],
    },
    headwords={
        "apollo": ["阿波罗"], "global": ["全球"], "management": ["管理"], "petroleum": ["石油"],
    },
)  # fmt: skip


def test_a_name_is_read_back_from_its_bracket_while_its_words_make_a_name() -> None:
    """A transliteration's pieces (贝 + 莱德), a word the dictionary has only as a name (阿波罗),
    the Latin name's words translated (全球管理) and the kind at its end (公司) are the name;
    what the text calls the company (巨头, 机构), where it is (美国) or a function word ends it."""
    assert chinese_name("私募巨头阿波罗全球管理公司", "Apollo Global Management", WORDS) == (
        "阿波罗全球管理公司"
    )
    assert chinese_name("全球最大资管机构贝莱德", "BlackRock", WORDS) == "贝莱德"
    assert chinese_name("据报道，美国康卡斯特公司", "Comcast", WORDS) == "康卡斯特公司"
    assert chinese_name("与赛诺菲", "Sanofi", WORDS) == "赛诺菲"
    # jieba's 行业龙头 is the dictionary's 行业 + 龙头: what the text calls it, not its name
    assert chinese_name("行业龙头黑石集团", "Blackstone", WORDS) == "黑石集团"


def test_words_that_only_translate_the_name_or_say_its_kind_are_no_name() -> None:
    assert chinese_name("一家全球管理公司", "Global Management", WORDS) == ""
    assert chinese_name("的公司", "Acme", WORDS) == ""


def test_the_name_most_articles_write_wins_each_article_counting_once() -> None:
    names = NameGlosses()
    for article in ("a1", "a1", "a1"):  # one article's overlapping passages
        names.add("行业龙头黑石（Blackstone）", article, WORDS)
    names.add("黑石集团（Blackstone）旗下基金", "a2", WORDS)
    names.add("投资公司黑石集团（Blackstone）", "a3", WORDS)
    names.add("油价（oil）与美元", "a4", WORDS)  # no name: a word in lower case
    assert names.names() == {"Blackstone": "黑石集团"}


def test_a_company_goes_by_its_name_without_its_kind_and_translated_words() -> None:
    assert short_name("阿波罗全球管理公司", "Apollo Global Management", WORDS) == "阿波罗"
    assert short_name("黑石集团", "Blackstone", WORDS) == "黑石"
    # what is left is a word for something else, or nothing is left
    assert short_name("西方石油公司", "Occidental Petroleum", WORDS) == ""
    assert short_name("贝莱德", "BlackRock", WORDS) == ""

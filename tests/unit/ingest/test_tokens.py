"""One tokenizer, two views: search tokens (jieba words) and a text's terms (for overlap
scores), with one stop-word list per language."""

from __future__ import annotations

from ingest.tokens import EN_STOPWORDS, ZH_STOPWORDS, terms, tokenize


def test_search_tokens_drop_stop_words_and_fold_plurals() -> None:
    assert tokenize("What are the risks for small caps?") == ["risk", "small", "cap"]
    assert "的" not in tokenize("小盘股的表现")
    # every form of "do" frames a question ("How have biotech stocks done?"), none is its subject
    assert tokenize("How have biotech stocks done, and what is Nvidia doing?") == [
        "biotech", "stock", "nvidia"
    ]  # fmt: skip


def test_a_possessive_is_its_word_with_either_apostrophe() -> None:
    """Either apostrophe: "GameStop's" and "GameStop’s" are GameStop, so a question written with
    one finds an article written with the other, or with none; and "companies'" is company."""
    assert tokenize("GameStop's sales") == tokenize("GameStop’s sales") == ["gamestop", "sale"]
    assert tokenize("it’s") == tokenize("it's") == []  # a stop word either way
    assert terms("South Korea's exports") == {"south", "korea", "export"}
    # a plural's possessive is the word too: "companies' previews" are companies' and previews
    assert terms("A-share companies' previews") == terms("A-share company previews")


def test_terms_are_whole_words_with_plurals_folded_and_character_bigrams() -> None:
    assert terms("Did small-caps beat the S&P 500 so far this year?") == {
        "small-cap", "beat", "s&p"
    }  # fmt: skip
    assert terms("gasoline prices") == terms("the gasoline price")  # as search folds them
    # a plural of a word ending in a hiss drops its "es": a question's "loss" finds "losses"
    assert tokenize("losses taxes matches crashes") == tokenize("loss tax match crash")
    assert terms("罗素2000是否跑赢") == {"罗素", "否跑", "跑赢"}  # "是否" is a stop word
    assert terms("IWM和SPY") == {"iwm", "spy"}  # a lone "和" is a stop word too


def test_the_views_share_their_stop_words() -> None:
    for word in ("year", "today", "the"):
        assert word in EN_STOPWORDS and tokenize(word) == [] and terms(word) == set()
    assert {"是否", "今年"} <= ZH_STOPWORDS


def test_an_abbreviation_with_dots_is_the_word_without_them() -> None:
    assert tokenize("U.S. stocks and J.P. Morgan") == tokenize("US stocks and JP Morgan")
    assert "us" in terms("the U.S. robotaxi market")
    assert tokenize("up 3.5% at 9 a.m.")[:1] == ["3.5%"]  # numbers keep their decimal point


def test_a_share_class_is_one_word_with_its_letter() -> None:
    """A股 is the market's word for the yuan shares of mainland companies; without its letter
    ("A" is an English stop word) it would be 股, any stock, and H股 too."""
    assert tokenize("A股市场与港股、H股") == ["A股", "市场", "港股", "H股"]
    assert tokenize("a股") == ["A股"]
    assert tokenize("AH股溢价") == ["ah", "股", "溢价"]  # two letters: no share class
    assert "A股" in terms("截至7月13日，A股共有360家公司") and "H股" in terms("H股")
    # English writes the same word "A-shares", which is A股 too; "$2 a share" is a price
    assert tokenize("Chinese A-Shares retreat; its H-share listing") == [
        "chinese", "A股", "retreat", "H股", "listing"
    ]  # fmt: skip
    assert tokenize("$2 a share, UCB shares") == ["2", "share", "ucb", "share"]
    assert terms("UBTech's A-share listing") == {"ubtech", "A股", "listing"}

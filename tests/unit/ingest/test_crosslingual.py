"""A query's words in the other language: how each side is looked up, what is left out, and
what the shipped CC-CEDICT gives for market words and names."""

from __future__ import annotations

from ingest.cedict import Cedict
from ingest.crosslingual import (
    Translation,
    calendar_terms,
    characters_of_words,
    chinese_terms,
    english_terms,
    place_names,
    search_terms,
    synonyms,
    translate,
)
from ingest.tokens import tokenize

SMALL = Cedict.of(
    glosses={
        "工业": ["industry"],
        "企业": ["company", "firm", "enterprise"],
        "利润": ["profits"],
        "特朗普": ["Donald Trump", "Trump"],
        "关税": ["customs duty", "tariff"],
    },
    headwords={
        "interest rate": ["利率"],
        "interest": ["利益", "兴趣", "利息"],
        "rate": ["率", "速度", "比率"],
        "small": ["小"],
        "cap": ["帽子"],
        "his": ["其"],
        "trump": ["特朗普", "将牌"],
        "tariff": ["关税"],
        "value added tax": ["增值税"],
        "set": ["系列", "套"],
        "recently": ["最近"],
        "fast": ["快速"],
        "per": ["每"],
    },
)


def test_jieba_words_are_joined_into_dictionary_words() -> None:
    joined = Cedict.of({"英伟达": ["NVIDIA"], "英": ["England"]}, {})
    assert tokenize("英伟达") == ["英", "伟达"]  # jieba does not know the name
    assert chinese_terms("英伟达", joined) == [Translation("英伟达", ("NVIDIA",))]
    banks = Cedict.of({"中国银行": ["Bank of China"], "中国": ["China"], "银行": ["bank"]}, {})
    assert [t.term for t in chinese_terms("中国的银行", banks)] == ["中国", "银行"]


def test_a_dictionary_word_jieba_cut_into_characters_is_set_apart_whole() -> None:
    russo = Cedict.of({"俄乌": ["Russo-Ukrainian"], "战争": ["war"]}, {})
    query = "俄乌战争"
    assert tokenize(query) == ["俄", "乌", "战争"]
    words = [t.term for t in chinese_terms(query, russo)]
    assert characters_of_words(tokenize(query), words) == (["战争"], [("俄", "乌")])
    nvidia = [t.term for t in chinese_terms("英伟达", Cedict.of({"英伟达": ["NVIDIA"]}, {}))]
    assert characters_of_words(tokenize("英伟达"), nvidia) == (["英", "伟达"], [])  # 英 + 伟达


def test_chinese_words_give_their_glosses_and_unknown_words_their_dictionary_parts() -> None:
    # 工业企业 is one jieba word CC-CEDICT lacks: its dictionary words stand in, never a
    # lone character.
    assert chinese_terms("工业企业利润", SMALL) == [
        Translation("工业", ("industry",)),
        Translation("企业", ("company", "firm", "enterprise")),
        Translation("利润", ("profits",)),
    ]


def test_english_phrases_are_matched_longest_first() -> None:
    assert english_terms("interest rates rose", SMALL) == [Translation("interest rate", ("利率",))]
    assert english_terms("value-added tax", SMALL) == [Translation("value added tax", ("增值税",))]


def test_a_hyphenated_compound_is_translated_whole_or_not_at_all() -> None:
    assert english_terms("small-cap stocks", SMALL) == []  # not 小 and 帽子
    assert [t.term for t in english_terms("small caps", SMALL)] == ["small", "cap"]


def test_a_compound_of_names_is_its_names_and_whole_where_the_dictionary_has_it() -> None:
    """ "US-Iran deal" is about 美国 and 伊朗; "Asia-Pacific" is 亚太, not 亚洲 and 太平洋."""
    places = Cedict.of(
        glosses={"美国": ["United States", "US"], "伊朗": ["Iran"], "亚太": ["Asia-Pacific"]},
        headwords={
            "us": ["我们", "美国"],
            "iran": ["伊朗"],
            "asia pacific": ["亚太"],
            "asia": ["亚洲"],
            "pacific": ["太平洋"],
        },
    )
    assert english_terms("the US-Iran deal", places) == [
        Translation("us", ("美国",)),
        Translation("iran", ("伊朗",)),
    ]
    assert english_terms("Asia-Pacific growth", places) == [Translation("asia pacific", ("亚太",))]
    assert english_terms("Covid-19 and A-share", places) == []


def test_a_word_in_capitals_is_the_acronym_not_the_word_it_spells() -> None:
    """ "US" is 美国, not 我们 ("us"); "AI" is 人工智能, not 哀 (grief); "IT" has no headword
    glossed "IT", so it is not 它 ("it"). Lower case, "us" is both (but see below)."""
    caps = Cedict.of(
        glosses={
            "我们": ["we", "us"],
            "美国": ["United States", "US"],
            "哀": ["sorrow", "ai"],
            "人工智能": ["artificial intelligence", "AI"],
            "它": ["it"],
        },
        headwords={"us": ["我们", "美国"], "ai": ["哀", "人工智能"], "it": ["它"]},
    )
    assert english_terms("the U.S. and AI", caps) == [
        Translation("us", ("美国",)),
        Translation("ai", ("人工智能",)),
    ]
    assert english_terms("IT spending", caps) == []
    assert english_terms("how did us stocks do", caps) == [Translation("us", ("我们", "美国"))]


def test_function_words_are_not_looked_up() -> None:
    assert english_terms("his tariff", SMALL) == [Translation("tariff", ("关税",))]


def test_a_phrase_of_function_words_frames_a_question_and_is_not_looked_up() -> None:
    """ "How much" and "how many" ask for an amount, as 多少 does: 这么 and 若干 are no words of
    the subject."""
    dictionary = Cedict.of(
        {}, {"how much": ["这么", "若干"], "how many": ["几个"], "tariff": ["关税"]}
    )
    for question in ("how much tariff", "how many tariffs"):
        assert [t.term for t in english_terms(question, dictionary)] == ["tariff"]


def test_light_verbs_and_words_for_now_frame_a_question_and_are_not_looked_up() -> None:
    """ "What tariff did Trump set recently?": 系列 ("series") and 最近 are not its subject."""
    found = english_terms("what tariff did trump set recently", SMALL)
    assert [t.term for t in found] == ["tariff", "trump"]


def test_how_fast_and_a_source_asked_by_frame_a_question() -> None:
    """ "How fast" asks for a rate as 有多快 does, and "per" names who said it: 快速 and per-words
    are no part of what is searched for."""
    found = english_terms("how fast did the tariff rise, per trump", SMALL)
    assert [t.term for t in found] == ["tariff", "trump"]
    assert [t.term for t in english_terms("a fast tariff", SMALL)] == ["fast", "tariff"]


def test_search_terms_leave_out_what_the_query_already_says() -> None:
    query = "特朗普 Trump 关税"
    terms = search_terms(query, tokenize(query), SMALL)
    # 特朗普 and Trump are the same term said twice; 关税 adds its glosses; "trump" adds
    # nothing new, and 将牌 would only add 牌 (将 is a stop word).
    assert terms == [(("custom", "duty"), ("tariff",))]
    # a name said by its first word ("Goldman" for 高盛, "Goldman Sachs") is said in both
    names = Cedict.of({"高盛": ["Goldman Sachs"]}, {})
    query = "What did Goldman say? 高盛"
    assert search_terms(query, tokenize(query), names) == []


def test_the_words_of_a_word_the_dictionary_lacks_are_searched_as_written_apart() -> None:
    """黄金价格, one jieba word CC-CEDICT lacks, is searched as 黄金 and 价格 too, as articles
    write "黄金的价格" or "现货黄金…价格"; 季度 of 一季度 (一 left out) is not a word of it."""
    gold = Cedict.of({"黄金": ["gold"], "价格": ["price"], "季度": ["quarter"]}, {})
    query = "黄金价格"
    assert tokenize(query) == ["黄金价格"]
    terms = search_terms(query, tokenize(query), gold)
    assert terms == [(("黄金",), ("gold",)), (("价格",), ("price",))]
    assert tokenize("一季度") == ["一季度"]
    assert (("季度",), ("quarter",)) not in search_terms("一季度", ["一季度"], gold)


def test_a_chinese_word_has_the_synonyms_whose_first_gloss_is_its_own() -> None:
    dictionary = Cedict.of(
        glosses={
            "卖": ["sell", "betray"],
            "销售": ["sell", "market"],
            "出售": ["sell", "offer for sale"],
            "出卖": ["betray", "sell"],  # first a traitor's word
            "因为": ["because"],
            "由于": ["due to", "because"],
        },
        headwords={"sell": ["卖", "销售", "出售", "售"], "because": ["因为", "由于"]},
    )
    said = {t.term: synonyms(t, dictionary) for t in translate("卖得快吗，因为", dictionary)}
    assert set(said["卖"]) == {"销售", "出售"}  # not 出卖, nor the lone 售
    assert said["因为"] == ()  # 由于 is first "due to"
    assert synonyms(Translation("sell", ("卖",)), dictionary) == ()  # English is read as written


def test_the_shipped_dictionary_translates_market_words_and_names() -> None:
    def words(query: str) -> dict[str, tuple[str, ...]]:
        return {t.term: t.words for t in translate(query)}

    chinese = words("美联储降息 英伟达 比亚迪")
    assert "Fed" in chinese["美联储"] and "lower interest rates" in chinese["降息"]
    assert chinese["英伟达"] == ("NVIDIA",) and chinese["比亚迪"] == ("BYD",)
    english = words("Nvidia and BYD: S&P 500 interest rates, soybean tariffs, Fed")
    assert english["nvidia"] == ("英伟达",) and english["byd"] == ("比亚迪",)
    assert "标普" in english["s&p"] and english["interest rate"][0] == "利率"
    assert english["soybean"][0] == "大豆" and english["tariff"][0] == "关税"
    assert english["fed"][0] == "美联储"
    # a sector leads by gaining most, not as a party leads (领导), troops are led (率领) or a
    # company is a "leading" one (领先的平台)
    assert words("Which sectors led this week?")["led"] == ("领涨", "领跑")
    # Chinese commentary says 金价 and 油价 where English says "gold" and "oil", and a
    # "record" in a market is one set, not a note kept (记录)
    market = words("What record did gold set, and where is oil going?")
    assert market["gold"] == ("黄金", "金价") and "油价" in market["oil"]
    assert market["record"][0] == "创纪录"
    # a fund's redemptions are 赎回, not atonement (赎罪)
    funds = words("private credit redemptions")
    assert funds["private credit"][0] == "私募信贷" and funds["redemption"] == ("赎回",)
    # a list in the news is a ranking or a list of names, Fortune's is 财富's, and China is
    # 中国 or the 对华 of 对华出口, never 中 alone (the 中 of every 其中)
    ranked = words("Which company topped the Fortune China list?")
    assert ranked["list"][0] == "榜单" and "清单" in ranked["list"]
    assert ranked["fortune"] == ("财富",) and ranked["china"] == ("中国", "对华")
    # a quarter in the news is a quarter of a year, not of an hour (刻) nor of the moon (下弦)
    quarters = words("Quarterly revenue rose last quarter and this quarter, not next quarter")
    assert quarters["quarterly"][0] == "季度" and quarters["last quarter"] == ("上季度",)
    assert quarters["this quarter"] == ("本季度",) and quarters["next quarter"] == ("下季度",)
    assert words("the first quarter")["first quarter"] == ("一季度", "第一季度")  # no 上弦
    assert words("a quarter")["quarter"] == ("季度",) and words("季度")["季度"][0] == "quarter"
    # and the market's sense of a word the dictionary gives another field's: Korea is not 丽,
    # Musk not the scent 麝香, growth not 发展 ("development"), credit not 荣誉 ("honour")
    market = words("Korea growth credit equity exposure portfolio crypto Musk court bill")
    assert market["korea"] == ("韩国",) and market["musk"] == ("马斯克",)
    assert market["growth"] == ("增长",) and market["credit"] == ("信贷", "信用")
    assert market["equity"] == ("股票", "股权") and market["exposure"] == ("敞口",)
    assert market["portfolio"] == ("投资组合",) and market["crypto"] == ("加密货币",)
    assert market["court"] == ("法院",) and market["bill"] == ("法案",)
    people = words("the UK, Shanghai and Shenzhen; the Fed chair and a CEO; outlook")
    assert people["uk"] == ("英国",) and people["shanghai"] == ("上海", "沪")  # not slang's 腐国
    assert people["shenzhen"] == ("深圳",) and people["chair"] == ("主席",)  # not 椅子
    assert people["ceo"] == ("首席执行官",) and people["outlook"] == ("展望",)  # not 视野
    named = words("American AI, Trump")  # not a Yankee (美国佬), sorrow (哀) or a trump card
    assert named["american"][0] == "美国" and named["ai"] == ("人工智能",)
    assert named["trump"] == ("特朗普",)
    abbreviated = words("美伊 创业板指 多少钱")  # 美伊 is the US and Iran, not Iraq (伊's first)
    assert abbreviated["伊"] == ("Iran",) and abbreviated["指"] == ("index",)
    assert abbreviated["钱"] == ("money",)  # not a coin
    # and the other way: SK Hynix is not a sumo wrestler (海力士), nor ChiNext 创业 "a start"
    chinese = words("海力士 创业板 涨停 现货 板块")
    assert chinese["海力士"][0] == "SK Hynix" and chinese["创业板"] == ("ChiNext",)
    assert chinese["涨停"] == ("limit up",) and chinese["现货"] == ("spot",)
    assert chinese["板块"][0] == "sector"
    # a share class is A股 or H股, one word with its letter; CITIC is 中信 (中信证券, 中信银行),
    # not the 中国国际信托投资公司 of 1979
    classes = words("CITIC's A-share and H-share listings; A股")
    assert classes["a share"] == ("A股",) and classes["h share"] == ("H股",)
    assert classes["A股"][0] == "A-shares" and classes["citic"] == ("中信",)
    assert "a share" not in words("Nvidia earned $2 a share")  # a price: "a" is no share class


def test_months_and_quarters_are_written_as_the_other_language_writes_them() -> None:
    """Chinese news says 7月 and 二季度; CC-CEDICT knows only 七月 and no quarter."""
    terms = {t.term: t.words for t in calendar_terms("7月出口与二季度赎回；12月10日")}
    assert terms == {"7月": ("July",), "二季度": ("second quarter", "q2"), "12月": ("December",)}
    english = {t.term: t.words for t in calendar_terms("Sales in the third quarter and Q1")}
    assert english == {"third quarter": ("三季度",), "q1": ("一季度",)}
    assert calendar_terms("May stocks fall in 2026?") == []  # the verb, not the month
    assert calendar_terms("Stocks fell in May 2026") == [Translation("may", ("5月",))]


def test_a_dates_unit_characters_are_not_words_of_their_own() -> None:
    """Alone, 月 is "moon" and 日 "Japan" (they frame a question): the date is translated
    whole, as a month."""
    units = Cedict.of({"月": ["moon"], "日": ["Japan", "sun"], "收盘": ["market close"]}, {})
    found = {t.term: t.words for t in translate("4月20日收盘", units)}
    assert found == {"收盘": ("market close",), "4月": ("April",)}


def test_a_character_that_frames_a_question_is_not_translated() -> None:
    """占比 cut as 占 + 比: a dictionary's first sense of each ("divine", "Belgium") is noise."""
    framing = Cedict.of({"占": ["divine"], "比": ["Belgium"], "赎回": ["redeem"]}, {})
    assert [t.term for t in chinese_terms("赎回申请占比", framing)] == ["赎回"]


def test_a_lone_letter_is_not_looked_up() -> None:
    """ "P/E" is no name: CC-CEDICT's "E" is 蔡锷, a general's initial."""
    letters = Cedict.of({}, {"e": ["蔡锷"], "valuation": ["估值"]})
    assert [t.term for t in english_terms("valuation P/E", letters)] == ["valuation"]


def test_a_month_the_dictionary_knows_is_one_term_with_both_spellings() -> None:
    small = Cedict.of(glosses={}, headwords={"january": ["一月"], "gold": ["黄金"]})
    found = {t.term: t.words for t in translate("gold in January 2026", small)}
    assert found == {"gold": ("黄金",), "january": ("1月", "一月")}


def test_a_peoples_adjective_the_dictionary_lacks_names_its_country() -> None:
    """CC-CEDICT has "Pakistan" and "Nigeria", not "Pakistani" or "Nigerian": the adjective is
    read as the country it is made from, the longest name that fits (Nigeria, not Niger), and
    only a place's name, capitalised in the dictionary, counts ("Human" is not made from
    "hum", nor "Chinese" from "chin"), however the question writes it."""
    places = Cedict.of(
        glosses={
            "巴基斯坦": ["Pakistan"],
            "尼日利亚": ["Nigeria"],
            "尼日尔": ["Niger"],
            "伊": ["Iran", "Iraq"],
            "伊朗": ["Iran"],
            "哼": ["hum"],
            "下巴": ["chin"],
        },
        headwords={
            "pakistan": ["巴基斯坦"],
            "nigeria": ["尼日利亚"],
            "niger": ["尼日尔"],
            "iran": ["伊朗", "伊"],
            "hum": ["哼"],
            "chin": ["下巴"],
        },
    )
    found = english_terms("Why did Nigerian and Pakistani bonds rally on Iranian oil", places)
    assert found == [
        Translation("nigerian", ("尼日利亚",)),
        Translation("pakistani", ("巴基斯坦",)),
        Translation("iranian", ("伊朗",)),
    ]
    assert english_terms("Human demand for Chinese goods", places) == []
    assert english_terms("the pakistani rupee", places) == [Translation("pakistani", ("巴基斯坦",))]


def test_an_adjective_the_dictionary_knows_names_its_country_first() -> None:
    """CC-CEDICT's "Chinese" is 语文 (the school subject) and its "Japanese" 株式会社, but
    "Chinese regulators" and "Japanese exports" are China's and Japan's: the country comes
    first, the dictionary's words after it. A word no place is made from keeps its own."""
    known = Cedict.of(
        glosses={"中国": ["China"], "语文": ["Chinese"], "日本": ["Japan"], "人": ["human"]},
        headwords={"china": ["中国"], "chinese": ["语文"], "japan": ["日本"], "human": ["人"]},
    )
    assert english_terms("What are Chinese regulators doing about human rights", known) == [
        Translation("chinese", ("中国", "语文")),
        Translation("human", ("人",)),
    ]


def test_a_place_is_named_by_itself_or_its_peoples_adjective() -> None:
    """ "China", "Chinese" and "Hong Kong" name 中国 and 香港, which jieba's dictionary knows as
    places; what else the dictionary gives for the word (瓷器, china the porcelain) is no place,
    nor is a word that names none."""
    assert place_names("China") == ("中国",)
    assert place_names("Chinese") == ("中国",)
    assert place_names("Hong Kong") == ("香港",)
    assert place_names("Big") == ()
    assert place_names("Nasdaq") == ()


def test_us_the_reader_is_not_the_us() -> None:
    """ "What is the VIX telling us?" asks nothing about America: the pronoun, in lower case
    after a verb of telling or before the question it frames, is not looked up; "US" is."""
    places = Cedict.of(glosses={"美国": ["US"]}, headwords={"us": ["美国", "我们"]})
    for question in (
        "What's the VIX telling us?",
        "Tell us how the Dow did.",
        "Is it good for us?",
    ):
        assert english_terms(question, places) == []
    for question in ("How did US stocks do?", "how did us stocks do?"):
        assert [t.term for t in english_terms(question, places)] == ["us"]


def test_the_verbs_a_question_asks_with_are_not_looked_up() -> None:
    """ "What happened to…", "What is it telling…": how a question asks, in any of its forms."""
    verbs = Cedict.of(glosses={}, headwords={"happened": ["怎么了"], "telling": ["叙述"]})
    assert english_terms("What happened to Micron? What is it telling investors?", verbs) == []


def test_a_past_form_is_looked_up_as_the_verb_it_is_made_from() -> None:
    """The dictionary glosses verbs in their base form: "raised" is "to raise" (提高),
    "dropped" is "drop" (下降), "rallied" is "rally" (反弹); a past form it knows itself keeps
    its own sense, and one made from no word it has is not looked up."""
    verbs = Cedict.of(
        glosses={},
        headwords={"raise": ["提高"], "drop": ["下降"], "rally": ["反弹"], "listed": ["挂牌"]},
    )
    found = english_terms("Banks raised targets; stocks dropped, then rallied. Listed.", verbs)
    assert {t.term: t.words for t in found} == {
        "raised": ("提高",), "dropped": ("下降",), "rallied": ("反弹",), "listed": ("挂牌",),
    }  # fmt: skip
    assert english_terms("He was embedded there.", verbs) == []


def test_irregular_forms_and_participles_are_looked_up_as_their_verb() -> None:
    """ "Why have chip stocks fallen?", "How much has gold risen?", "Why are oil prices
    falling?": forms the dictionary lacks, looked up as "fall" and "rise". A past form it has in
    another sense ("fell": to fell trees), written in lower case, is the verb first, and not
    the acronym it spells in capitals ("led" is no LED); "Fed", or "fed", is the Fed first; a
    regular past form it knows ("advanced") keeps its sense, and a form of an auxiliary ("did",
    "are") is not looked up."""
    verbs = Cedict.of(
        glosses={"发光二极管": ["light-emitting diode", "LED"], "美联储": ["Fed"]},
        headwords={
            "fall": ["下跌"], "rise": ["上涨"], "lead": ["领导"], "feed": ["喂"], "do": ["做"],
            "be": ["是"], "advance": ["进行"],
            "fell": ["采伐"], "led": ["发光二极管"], "fed": ["美联储"], "advanced": ["先进"],
        },
    )  # fmt: skip
    terms = {
        t.term: t.words for t in english_terms("Why have stocks fallen and are falling?", verbs)
    }
    assert terms == {"fallen": ("下跌",), "falling": ("下跌",)}
    assert english_terms("How much has gold risen?", verbs) == [Translation("risen", ("上涨",))]
    terms = {t.term: t.words for t in english_terms("Why gold fell; which stocks led", verbs)}
    assert terms == {"fell": ("下跌", "采伐"), "led": ("领导",)}
    assert english_terms("Fed", verbs) == [Translation("fed", ("美联储",))]
    # written in lower case in a market question, "fed" is still first the Fed
    assert english_terms("What did the fed say", verbs) == [Translation("fed", ("美联储", "喂"))]
    assert english_terms("Stocks advanced", verbs) == [Translation("advanced", ("先进",))]
    assert english_terms("Why did they do it?", verbs) == []


def test_a_price_move_is_translated_in_its_market_sense() -> None:
    """The general dictionary's "fall" is 倒 ("fall over"), its "rise" 起 ("get up") and its
    "raise" 提出 ("put forward"); the shipped glossary gives a market's: 下跌, 上涨 and 上调, in
    either direction of search."""
    terms = {t.term: t.words for t in translate("Why did oil fall as gold kept rising?")}
    assert terms["fall"][0] == "下跌" and terms["rising"][0] == "上涨"
    assert {t.term: t.words for t in translate("油价为什么回落")}["回落"][0] == "retreat"
    # a cut is 削减, not 伤口 (a wound); a miss 不及预期, not 小姐; a spread 利差, not 流行
    words = {t.term: t.words for t in translate("cut miss spike margin spread hedge demand")}
    firsts = {term: found[0] for term, found in words.items()}
    assert firsts == {"cut": "削减", "miss": "不及预期", "spike": "飙升", "margin": "利润率",
                      "spread": "利差", "hedge": "对冲", "demand": "需求"}  # fmt: skip
    # sentiment is 情绪, not 感情 (affection); a recovery 复苏, not 中兴; a stake 持股, not 赌注
    words = {t.term: t.words for t in translate("sentiment recovery stake hawkish driver")}
    firsts = {term: found[0] for term, found in words.items()}
    assert firsts == {"sentiment": "情绪", "recovery": "复苏", "stake": "持股", "hawkish": "鹰派",
                      "driver": "驱动因素"}  # fmt: skip
    # …and Chinese market words: 龙头 is a leading stock, not a faucet; 见顶 a peak ("Has
    # inflation peaked?"), which jieba cuts into 见 and 顶 ("see" and "top")
    words = {t.term: t.words for t in translate("龙头 见顶 利空 停牌 储能")}
    assert {term: found[0] for term, found in words.items()} == {
        "龙头": "industry leader", "见顶": "peak", "利空": "bearish news", "停牌": "trading halt",
        "储能": "energy storage",
    }  # fmt: skip
    assert {t.term: t.words for t in translate("Has inflation peaked?")}["peaked"] == ("见顶",)
    # A-share companies report their first half as 半年度 ("2026年半年度业绩预告"), and a
    # company's results are 业绩 before they are an outcome (结果)
    words = {t.term: t.words for t in translate("first-half results")}
    assert words == {"first half": ("上半年", "半年度"), "result": ("业绩", "结果")}
    # the yuan is 人民币, not 屈原 (a poet); layoffs 裁员; manufacturing 制造业, not 重工业
    words = {t.term: t.words[0] for t in translate("yuan yen silver layoffs manufacturing")}
    assert words == {"yuan": "人民币", "yen": "日元", "silver": "白银", "layoff": "裁员",
                     "manufacturing": "制造业"}  # fmt: skip
    # "fiscal" is a government's (财政) or a company's year (2026财年); CC-CEDICT has neither
    assert {t.term: t.words for t in translate("Micron's fiscal 2026")}["fiscal"] == (
        "财政",
        "财年",
    )
    # a company's 收入 is revenue, which 营收 says too (the dictionary's first is "take in")
    (income,) = [t for t in translate("数据中心收入") if t.term == "收入"]
    assert income.words[0] == "revenue" and "营收" in synonyms(income)
    # 有色 is nonferrous metals, not "colored"; 机构 institutions, not a "mechanism"
    words = {t.term: t.words[0] for t in translate("有色 机构 回撤 电车 收涨")}
    assert words == {"有色": "nonferrous metals", "机构": "institutions", "回撤": "drawdown",
                     "电车": "EV", "收涨": "close higher"}  # fmt: skip
    # a brokerage is a securities firm (券商), not a kickback (回扣)
    assert {t.term: t.words for t in translate("Which brokerages upgraded it?")}["brokerage"][
        0
    ] == "券商"
    # an analyst raises a target: 上调 ("小摩上调标普500目标价"), not 提出 ("put forward")
    assert translate("Which banks raised their targets?")[-1] == Translation(
        "raised", ("上调", "提高")
    )

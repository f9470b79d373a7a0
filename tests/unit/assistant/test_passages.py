"""Choosing sentences to quote: whole sentences, on the question, each once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from assistant.answer.direction import asked_direction, direction_of
from assistant.gather.asks import gives_cause, says_when
from assistant.gather.coverage import coverage, elsewhere, on_the_question, share
from assistant.gather.kinds import classify, section_kind
from assistant.gather.other_news import item_head
from assistant.gather.passages import candidates, near_duplicate
from assistant.gather.persons import names_person, roles_asked
from assistant.gather.quotable import clean, fragment, quotable, with_antecedent
from assistant.gather.said import ASPECT, Name, Said, names_written
from assistant.gather.sentences import split_text
from assistant.gather.terms import question_terms
from assistant.gather.timeliness import timely_span
from assistant.question.counted import counted_words
from assistant.question.intents import (
    asks_cause,
    asks_figure,
    asks_names,
    asks_person,
    asks_when,
    asks_words,
)
from assistant.question.speakers import names_voiced, voices_asked
from ingest.crosslingual import translate
from ingest.models import Chunk, Hit
from ingest.time_asked import asks_now
from ingest.tokens import terms


def hits(*texts: str) -> list[Hit]:
    return [
        Hit(
            chunk=Chunk(id=f"c{n}", article_id=f"a{n}", text=text),
            score=1.0,
            title=f"Headline number {n} of the article",
        )
        for n, text in enumerate(texts)
    ]


def dated(texts: Sequence[str], days: Sequence[dt.date]) -> list[Hit]:
    """`hits` of the texts, each published on its day."""
    return [h.model_copy(update={"published": d}) for h, d in zip(hits(*texts), days, strict=True)]


def test_a_sentence_is_never_cut_inside_a_title_or_a_quotation() -> None:
    text = "她在《小盘股能否延续?》一文中给出了理由。他说：“我们看好。”随后离场。"
    text += 'He said "Stop. Now." Then left. They said “China misreads the documents.” The dispute'
    text += " goes on."
    assert split_text(text) == [
        "她在《小盘股能否延续?》一文中给出了理由。",
        "他说：“我们看好。”",
        "随后离场。",
        'He said "Stop. Now."',  # not cut inside the quotation, but after it
        "Then left.",
        "They said “China misreads the documents.”",  # curly marks close a sentence as well
        "The dispute goes on.",
    ]


def test_a_heading_a_feed_glued_to_its_paragraph_is_not_part_of_the_sentence() -> None:
    """A feed's excerpt runs a subheading into the paragraph below it, with no mark between.
    A headline's Title Case, an attribution's colon and a capital a name gives stay whole."""
    text = (
        "This article looks at the yield since 1962. Fighting Inflation vs. Stimulating "
        "Recovery The 10-year Treasury yield has swung from a peak of 15.68% in October 1981."
    )
    assert split_text(text)[1:] == [
        "Fighting Inflation vs. Stimulating Recovery",
        "The 10-year Treasury yield has swung from a peak of 15.68% in October 1981.",
    ]
    takeaways = "Key Takeaways With the government shut down, data on jobs is scarce."
    assert split_text(takeaways) == ["Key Takeaways", takeaways.removeprefix("Key Takeaways ")]
    line = "Soaring earnings estimates are pushing P/E ratios lower As we move into the second half"
    assert (
        split_text(line + ", stocks may gain.")[1]
        == "As we move into the second half, stocks may gain."
    )
    for whole in (
        "Trump Reaches For A 1930 Tariff Law To Hit Canada With 50% Duties - But Not On These",
        "Iran's FM Spokesperson Baghaei: The other side keeps shifting its demands again.",
        "Investors piled into A shares this week as the rally in Shanghai broadened.",
        "Fans told us how much they expected to spend with CNBC Make It outside the station.",
        # its figures are no lower-case words: the headline goes on in Title Case
        "The S&P 500, Dow and Nasdaq: Real Returns Since the 2000 Peak (June 2026)",
    ):
        assert split_text(whole) == [whole]
    fighting = "Fighting Inflation vs. Stimulating Recovery The 10-year Treasury yield has swung"
    assert not any(c.text.startswith(fighting) for c in candidates(hits(text), "10-year", [], "en"))


def test_a_heading_in_title_case_is_not_quoted_as_prose() -> None:
    """A feed's title repeated in its text is a heading, not a statement; a sentence naming
    several companies still says what they did in lower case."""
    assert not quotable("The S&P 500, Dow and Nasdaq: Real Returns Since the 2000 Peak (June 2026)")
    assert quotable("Goldman Sachs, JPMorgan Chase and Morgan Stanley rose 2% on Tuesday.")


def test_a_space_a_page_left_before_a_mark_neither_joins_sentences_nor_is_quoted() -> None:
    """A link's text taken out of a page leaves "…in 1934 . Water levels…" and "in 1895 , and":
    two sentences, and each quoted without the stray space."""
    text = "It was the driest since the Dust Bowl in 1934 . Water levels in Memphis sit 24 feet"
    text += " below last year , the agency said."
    assert [clean(s) for s in split_text(text)] == [
        "It was the driest since the Dust Bowl in 1934.",
        "Water levels in Memphis sit 24 feet below last year, the agency said.",
    ]
    assert split_text("It rose 3 . and fell.") == ["It rose 3 . and fell."]  # no capital after


def test_a_title_before_a_name_does_not_end_a_sentence() -> None:
    text = "Sen. Adam Schiff called the MOU a capitulation. Gov. Newsom and Rep. Ro Khanna agreed."
    assert split_text(text) == [
        "Sen. Adam Schiff called the MOU a capitulation.",
        "Gov. Newsom and Rep. Ro Khanna agreed.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "》一文提出了支持2026年小盘股或实现超额表现的全面投资逻辑。",
        "and the index rose 3% over the week.",
        "规模以上工业企业利润同比增长17.9%…",
        "The company said it expects growth to continue..",
        "金价首次冲破4000美元/盎司关\ufffd，创历史新高。",
        '"You guys used him as a Trojan horse - and now you pay for it.',
        "In contrast, here are the cities with the largest drop in beer prices:",
        "各地区涨幅如下：",
        # a subordinate clause written alone has no main clause
        "Because those penalties do not deter attackers of the network.",
        "While operational performance remained robust through the quarter.",
    ],
)
def test_pieces_of_sentences_are_fragments(text: str) -> None:
    assert fragment(text)


def test_a_character_lost_in_decoding_is_marked_and_the_sentence_quoted() -> None:
    # A feed cut at a byte boundary: one character became a run of U+FFFD.
    text = clean("10月8日，现货黄金价格首次冲破4000美元/盎司关\ufffd\ufffd，创历史新高。")
    assert text == "10月8日，现货黄金价格首次冲破4000美元/盎司关□，创历史新高。"
    assert quotable(text)
    # Next to a figure the lost character may have been its unit: not quoted.
    assert fragment(clean("公司营收1.2\ufffd\ufffd\ufffd元，同比增长30%，创下历史新高。"))


def test_whole_sentences_are_not_fragments() -> None:
    assert not fragment("罗素2000指数年初至今上涨8.2%，跑赢标普500指数。")
    assert not fragment('He said "we are buyers" and left.')
    assert not fragment("When it comes online it will supply roughly 10% of Turkey’s power.")
    assert not fragment("Because rates rose, small caps fell 3% in a week.")


def test_near_duplicates_are_found_by_their_words() -> None:
    a = frozenset(terms("罗素2000指数年初至今已录得可观的8.2%回报率,大幅跑赢标普500指数"))
    b = frozenset(terms("罗素2000指数年初至今已录得8.2%回报率,大幅跑赢标普500指数。"))
    c = frozenset(terms("美联储维持利率不变，通胀仍高于目标。"))
    assert near_duplicate(a, b) and not near_duplicate(a, c)


def test_sentences_worded_alike_that_state_other_figures_are_other_news() -> None:
    """A digest words every company's item alike: the one asked about is not dropped as a
    near-duplicate of another company's, whose figures are others. The same figure said again
    is the same news."""
    found = candidates(
        hits(
            "德科立：上半年净利润同比预增216.8%至277.31%。",
            "中信证券：上半年净利润同比预增69.59%。",
            "中信证券上半年净利润同比预增69.59%，券商业绩普遍向好。",
        ),
        "上市公司上半年净利润预计增长多少？",
        [],
        "zh",
    )
    texts = [c.text for c in found]
    assert texts.count("中信证券：上半年净利润同比预增69.59%。") == 1
    assert "德科立：上半年净利润同比预增216.8%至277.31%。" in texts
    assert not any(t.startswith("中信证券上半年") for t in texts)  # the same news again


def test_a_sentence_sharing_one_common_word_is_not_on_topic() -> None:
    found = candidates(
        hits(
            "Fox agreed to buy Roku in a deal valued at $22 billion, the two companies said.",
            "Gas prices are falling across much of the country, Fox 13 Seattle reported on Monday.",
        ),
        "How much is Fox paying to buy Roku?",
        [],
        "en",
    )
    assert [c.hit.chunk.id for c in found] == ["c0"]


def test_a_question_about_a_company_is_answered_from_articles_that_name_it() -> None:
    """Another company's first-quarter sales share most of the question's words; its article
    never names GameStop, so it is not about the question. A sentence of GameStop's article
    that does not repeat the name still is ("The retailer said...")."""
    pool = hits(
        "GameStop said its first-quarter sales rose 14% from a year earlier, the company "
        "reported on Tuesday. The videogame retailer said that collectibles lifted its sales.",
        "ASML's first-quarter sales beat forecasts by a wide margin, lifted by AI chip demand.",
    )
    question = "What lifted GameStop's first-quarter sales?"
    names = [("GameStop", "GME")]
    found = candidates(pool, question, names, "en", companies=names)
    assert {c.hit.chunk.id for c in found} == {"c0"}
    assert any(c.text.startswith("The videogame retailer") for c in found)
    assert "c1" in {c.hit.chunk.id for c in candidates(pool, question, names, "en")}


def test_an_article_naming_the_company_only_in_a_list_of_companies_is_not_about_it() -> None:
    """A robotaxi article lists Tesla among the stocks a bank likes: its sentence on "delivery
    drivers" shares the question's word and names no other company, but the article is about
    self-driving, not about Tesla. Only its sentence naming Tesla is. One article naming Tesla
    in a sentence of its own speaks of it in its other sentences too."""
    listing = (
        "In equities, Goldman highlighted Alphabet, Tesla, Uber, Amazon, Lyft and Rivian. "
        "Fleets will displace workers ranging from taxi drivers to delivery drivers."
    )
    question = "What did analysts say about Tesla deliveries?"
    names = [("Tesla", "TSLA")]
    found = [c.text for c in candidates(hits(listing), question, names, "en", companies=names)]
    assert not any("delivery drivers" in t for t in found)
    own = "Tesla reported its quarterly numbers. Deliveries fell 13% as demand for its cars cooled."
    found = [c.text for c in candidates(hits(own), question, names, "en", companies=names)]
    assert any("Deliveries fell 13%" in t for t in found)


def test_a_digests_item_on_another_company_is_not_about_the_one_asked() -> None:
    """A news digest names GameStop in one item and Micron in the next: the Micron item shares
    the question's words, but it is Micron's news, not GameStop's."""
    pool = hits(
        "GameStop said its first-quarter sales rose 14% from a year earlier. Micron said its "
        "first-quarter sales beat forecasts, lifted by AI memory demand."
    )
    question = "What lifted GameStop's first-quarter sales?"
    names = [("GameStop", "GME")]
    found = candidates(pool, question, names, "en", companies=names)
    assert [c.text for c in found] == [
        "GameStop said its first-quarter sales rose 14% from a year earlier."
    ]
    # the source of the view asked is on the question, though it names no company asked about
    pool = hits("Nvidia beat forecasts again. Goldman Sachs raised its target to $250 a share.")
    question = "What target did Goldman Sachs set for Nvidia?"
    names, goldman = [("Nvidia", "NVDA")], [("Goldman Sachs", "GS")]
    found = candidates(pool, question, names, "en", companies=names, speakers=goldman)
    assert "Goldman Sachs raised its target to $250 a share." in [c.text for c in found]


def test_a_follow_up_with_no_words_of_its_own_is_on_the_subject_it_carries() -> None:
    """ "为什么？" after AMD asks about AMD: a digest's next item on Alibaba's model shares none
    of the question's words, as none of its sentences can, but does not name AMD either."""
    digest = "微软将部署AMD的Helios机架级AI平台。36氪获悉，阿里千问大模型推出Qwen-Image-3.0。"
    amd = [("AMD", "超威半导体")]
    quoted = [c.text for c in candidates(hits(digest), "为什么？", amd, "zh", companies=amd)]
    assert quoted == ["微软将部署AMD的Helios机架级AI平台。"]


def test_a_digests_headline_puts_none_of_its_sentences_on_the_question() -> None:
    """Under "全球市场：道指创收盘历史新高 纳指涨逾2% … 国际油价跌超5%", a line on London stocks is
    not on why oil fell: the headline's oil story is another sentence's."""
    wrap = "全球市场：道指创收盘历史新高 纳指涨逾2% 大型科技股普涨 国际油价跌超5%"
    texts = ("英国伦敦股市富时100指数报收于10857.7点，较前一交易日下跌10.35点。",
             "国际油价大跌，因美伊将举行谈判，WTI原油期货跌6.22%。")  # fmt: skip
    found = [h.model_copy(update={"title": wrap}) for h in hits(*texts)]
    oil = [("原油", "油价", "crude oil", "oil")]
    quoted = [c.text for c in candidates(found, "原油本周为什么下跌？", oil, "zh")]
    assert texts[1] in quoted and texts[0] not in quoted


def test_a_digests_lines_headed_by_other_companies_are_their_news() -> None:
    """东方财富网's digest gives each company a line, its name before a colon: asked about one,
    the others' lines (and a sentence opening with another's name) share the question's words,
    not its company."""
    pool = hits(
        "中信证券：上半年净利润同比预增69.59%\n\n香农芯创：上半年净利润同比预增2117.54%—2434.34%"
        "\n\n力量钻石：上半年净利润同比预增208.71%—258.88%",
        "香农芯创公告，预计2026年上半年归母净利润同比增长2117.54%。42家上市券商上半年合计实现归母"
        "净利润1425亿元，同比增长50%。",
    )
    question = "中信证券上半年净利润预计多少？"
    found = [c.text for c in candidates(pool, question, [], "zh")]
    assert "中信证券：上半年净利润同比预增69.59%" in found
    assert not [t for t in found if "香农芯创" in t or "力量钻石" in t]
    assert "42家上市券商上半年合计实现归母净利润1425亿元，同比增长50%。" in found
    # asked about no line's head, every line is an answer
    found = [c.text for c in candidates(pool, "哪些公司上半年净利润预增？", [], "zh")]
    assert any("香农芯创：" in t for t in found) and any("中信证券：" in t for t in found)


def test_a_lines_head_is_a_name_before_a_colon_not_a_date() -> None:
    assert item_head("*ST华微：收到立案告知书") == "*ST华微"
    assert item_head("美股市场：三大指数收涨") == "美股市场"
    assert item_head("7月10日：央行开展逆回购操作") is None
    assert item_head("他在会上表示，公司将继续扩产：明年投产") is None


def test_an_english_question_covers_a_chinese_sentence_through_the_dictionary() -> None:
    wanted = question_terms("How much did South Korea's exports grow?")
    assert any("出口" in group for group in wanted)
    found = candidates(
        hits("韩国7月出口同比增长12.3%，半导体出口创新高。"), "韩国出口增长", [], "en"
    )
    assert found and found[0].coverage > 0.5


def test_an_ellipsis_leading_on_to_more_text_is_the_writers_not_a_cut() -> None:
    """ZeroHedge ends a sentence with "..." before the chart it shows: the sentence is whole
    (quoted with a full stop). A feed excerpt that stops at "..." is cut short."""
    text = (
        "Bitcoin plunged to $105,000 - its lowest since June - following the tweet yesterday..."
        "\n\nEthereum was also hit hard as liquidations spread across the crypto market."
    )
    found = [c.text for c in candidates(hits(text), "Where did bitcoin bottom?", [], "en")]
    assert found[0].endswith("following the tweet yesterday.")
    cut = "Bitcoin plunged to $105,000 - its lowest since June - following the tweet yesterday..."
    assert not candidates(hits(cut), "Where did bitcoin bottom?", [], "en")


def test_a_company_cited_as_the_source_of_a_view_is_no_term_of_the_question() -> None:
    """ "What target did Goldman Sachs set for Nvidia?" is answered by a sentence on Nvidia's
    target, not by one on Goldman's ETFs."""
    question = "What price target did Goldman Sachs set for Nvidia?"
    nvidia, goldman = ("Nvidia", "NVDA", "英伟达"), ("Goldman Sachs", "Goldman", "GS", "高盛")
    wanted = question_terms(question, [nvidia], [goldman])
    assert not any(group & {"goldman", "sachs", "goldman sach", "高盛"} for group in wanted)
    found = candidates(
        hits(
            "Goldman Sachs ETFs hit $100 billion in assets under management this spring.",
            "Morgan Stanley raised its price target for Nvidia to $235 after the results.",
        ),
        question,
        [nvidia],
        "en",
        speakers=[goldman],
    )
    assert [c.text[:14] for c in found] == ["Morgan Stanley"]


@pytest.mark.parametrize("question", ["英伟达最近为什么下跌？", "Why has Nvidia fallen recently?"])
def test_when_a_question_is_asked_is_not_its_subject(question: str) -> None:
    """最近 / "recently" frame the question in time (its period and the articles' dates say
    that): a sentence saying 最近 about oil is no nearer to Nvidia's fall."""
    wanted = question_terms(question)
    assert not any(group & {"最近", "recently", "recent"} for group in wanted)
    assert coverage("WTI原油期货最近下跌2.79美元。", question) < coverage(
        "英伟达股价下跌。", question
    )


def test_right_now_is_when_not_what() -> None:
    """ "right now" stresses the now: "right" is no subject a sentence must say, and a travel
    vlog's "So right, right now we're coming up with a game plan" does not answer for the VIX;
    "right" written otherwise still is one ("the right wing")."""
    question = "What is the VIX telling us right now?"
    assert not any(group & {"right", "now"} for group in question_terms(question))
    assert coverage("So right, right now we're coming up with a game plan.", question) == 0
    assert any("right wing" in group for group in question_terms("Is the right wing winning?"))


def test_a_day_pointed_at_is_when_not_what() -> None:
    """ "how much did it rise that day?" asks about the day its dates name: a sentence saying
    "two days after" of Iran's missiles is not on ChiNext's record; a day with a name ("investor
    day") is still a term."""
    question = "When ChiNext broke its 2015 high in May 2026, how much did it rise that day?"
    assert not any(group & {"day", "days"} for group in question_terms(question))
    iran = "The strike comes two days after Iran fired missiles, which did not rise to that level."
    assert coverage(iran, question) < coverage("创业板指突破2015年高点。", question)
    named_day = question_terms("Why did Ferrari fall after its investor day?")
    assert any("day" in group for group in named_day)


def test_a_name_of_several_words_is_said_whole() -> None:
    """ "Jackson Hole" is one term: "Jackson explained" of a Portland story does not say it, in
    English the whole name does, and in Chinese the dictionary's name for its naming word
    (杰克逊, not 孔 for "Hole"). A person's name ("Chris Wright") is said by one of its words."""
    question = "What did Powell say at Jackson Hole?"
    assert coverage("Jackson explained the move.", question) == 0
    assert coverage("Powell spoke at the Jackson Hole symposium.", question) == 1
    assert coverage("鲍威尔在杰克逊霍尔会议上发表讲话。", question) == 1
    assert coverage("Powell said the hole in the budget is large.", question) == 0.5
    assert coverage("Wright said output would rise.", "What did Chris Wright say?") > 0


def test_shares_and_earnings_are_said_in_chinese_as_a_share_price_and_results() -> None:
    """ "Tesla shares" move as 股价 and its "earnings" are its 财报 or 业绩 (the dictionary's
    first "share" is 部分, "part", and its "earnings" 收益, "returns")."""
    question = "How did Tesla shares react to earnings?"
    assert coverage("特斯拉公布好于预期的第四季度财报，推动股价盘后上涨3%。", question) >= 0.75
    assert coverage("特斯拉第二季度业绩不及预期，股价下跌。", question) >= 0.75


@pytest.mark.parametrize(
    ("question", "sentence"),
    [
        ("What did the Fed minutes show?", "美联储会议纪要显示，多数官员支持暂停。"),
        ("What were Tesla's deliveries?", "特斯拉第二季度交付量同比下降13%。"),
        ("How were Apple iPhone shipments?", "苹果iPhone出货量同比增长8%。"),
        ("Is bank lending growing?", "银行贷款同比增长7%。"),
        ("How many jobs were added?", "美国7月新增就业岗位7.3万个。"),
        ("Is inflation easing?", "美国7月通胀率小幅回落。"),
        ("How much did Nvidia earn?", "英伟达第一财季净利润583亿美元，同比增长211%。"),
        ("Did Tesla earn a profit?", "特斯拉第二季度实现盈利。"),
        ("Why did Chinese stocks rise?", "A股三大指数全线上涨，沪指涨1.2%。"),
        ("Why did Chinese stocks rise?", "热门中概股多数上涨，阿里巴巴涨超3%。"),
    ],
)
def test_market_words_are_said_in_chinese_as_market_commentary_says_them(
    question: str, sentence: str
) -> None:
    """The dictionary's first senses are another field's ("minutes": 分钟, "deliveries": 分娩,
    "shipments": 装运, "lending": 借, "jobs": 工作, "ease": 缓和; "earn" is only 赚): a Chinese
    report on the question says it in market words."""
    assert coverage(sentence, question) == 1


def test_a_target_is_said_by_a_goal_not_by_a_response() -> None:
    """A target is 目标: the dictionary's "target" is also 针对, "in response to", which opens
    any statement answering a rumour."""
    question = "What is the S&P 500 target?"
    assert coverage("标普500指数年底目标上调至8000点。", question) == 1
    assert coverage("针对这一传闻，公司今日回应称并无此事。", question) == 0


def test_another_countrys_figure_is_no_answer_for_the_country_asked() -> None:
    """Asked China's July exports, Korea's are not an answer, though they say all the rest:
    "7月出口同比增长62.8%" under "韩国7月出口增速放缓" is left out, China's own stays. A
    country named for something else ("Iran war" on US gasoline), in a list, or as the name
    of the country asked ("Democratic Socialists of America") leaves a sentence in."""
    korea = "韩国7月出口增速放缓但强于预期"
    texts = ("据初步数据，7月出口同比增长62.8%至989亿美元。", "海关数据显示，中国7月出口增长7.2%。")
    titles = (korea, "7月外贸数据出炉")
    found = [h.model_copy(update={"title": t}) for h, t in zip(hits(*texts), titles, strict=True)]
    quoted = [c.text for c in candidates(found, "中国7月出口增长了多少？", [], "zh")]
    assert quoted == [texts[1]]
    english = question_terms("How fast did China's exports grow in July?")
    assert elsewhere([Said.of("South Korea's July exports rose 62.8%.")], Said.of(""), english)
    us = question_terms("How much did US retail sales rise in June?")
    assert elsewhere([Said.of("China's retail sales fell for the first time.")], Said.of(""), us)

    def kept(sentence: str, headline: str, question: str) -> bool:
        return not elsewhere([Said.of(sentence)], Said.of(headline), question_terms(question))

    assert kept("Gas prices jumped 25%.", "Iran war sends gas prices soaring",
                "How much have US gas prices jumped?")  # fmt: skip
    assert kept("海外业务覆盖美国、日本等25个国家和地区。", "傲鲨智能出海",
                "这家中国外骨骼公司的业务覆盖多少个国家？")  # fmt: skip
    assert kept("A leader of the Democratic Socialists of America said it.", "",
                "美国民主社会主义者组织里哪位领导人说过这句话？")  # fmt: skip


def test_a_move_of_something_else_is_no_move_of_what_is_asked() -> None:
    """ "股市上涨" in an article headed on oil is no rise of oil: a sentence saying the question's
    move of something it does not name counts the move as context, as its headline counts;
    "WTI原油期货上涨5.53美元" says both. A question naming nothing but the move ("What rose the
    most?") is said by any rise."""
    question = "油价为什么上涨？"
    wanted = question_terms(question)
    headline = Said.of("油价刺激通胀、就业削弱加息--黄金“双面得利”")
    stocks = Said.of("国债收益率大幅下行，美元走弱，股市上涨，交易员撤回加息押注。")
    oil = Said.of("WTI原油期货当月连续合约上涨5.53美元，涨幅为6.37%。")
    assert share(stocks, wanted, headline) == 0.5
    assert share(oil, wanted, headline) == 0.75  # 原油 says the price of oil in part
    assert coverage("Energy shares rose 3%.", "What rose the most?") == 1


def test_since_is_when_not_what() -> None:
    """ "纳指自7月初以来涨了多少？" asks for a span to date: 自, 从, 以来 and 至今 frame its period,
    which the period answers; a sentence saying 以来 of something else does not answer it."""
    for question in ("纳指自7月初以来涨了多少？", "黄金从6月至今表现如何？"):
        assert not any(group & {"自", "从", "以来", "至今"} for group in question_terms(question))
    assert coverage("自上市以来，公司营收增长三倍。", "纳指自7月初以来涨了多少？") < 0.5


def test_a_span_from_a_month_is_judged_to_date_not_as_that_month() -> None:
    """ "纳指2026年7月以来涨了多少？" asked in October names July, but asks of July to date:
    October's news on the Nasdaq is as timely as July's, not news from after July's was
    reported."""
    pool = [
        hit.model_copy(update={"published": day})
        for hit, day in zip(
            hits(
                "周四美股收盘，纳指上涨0.8%，科技股领涨，纳指再创历史新高。",
                "周五美股收盘，纳指上涨1.2%，芯片股领涨，纳指再创历史新高。",
            ),
            (dt.date(2026, 10, 15), dt.date(2026, 7, 3)),
            strict=True,
        )
    ]
    question, day = "纳指2026年7月以来涨了多少？", dt.date(2026, 10, 20)
    nasdaq = [("纳指", "纳斯达克综合指数", "Nasdaq Composite")]
    found = candidates(pool, question, nasdaq, "zh", day, period="2026-06-30..")
    assert found[0].text.startswith("周四美股收盘，纳指上涨0.8%")


def test_a_move_alone_is_not_on_the_question() -> None:
    """ "Why are chip stocks falling?" is not answered by anything said to fall: a sentence
    saying only a fall, or in an article whose headline says only a rise, is of something
    else; one saying chip stocks is on it."""
    wanted = question_terms("Why are chip stocks falling?")
    none = Said.of("")
    falling = Said.of("Falling FCF is far more defensible when it funds reinvestment.")
    assert not on_the_question([falling], wanted, none)
    chips = Said.of("Chip stocks slid after new export curbs were announced.")
    assert on_the_question([chips], wanted, none)
    oil = question_terms("油价为什么上涨？")
    gold = Said.of("本周三，黄金单日涨幅超过4%，创下今年2月以来最大单日涨幅。")
    assert not on_the_question([gold], oil, Said.of("美股三大指数上涨"))
    assert on_the_question([gold], oil, Said.of("油价大涨，金价同步走高"))
    # nor is a place: "…left for the US" is not on the US economy's jobs
    jobs = question_terms("How many jobs did the US economy add?")
    emigres = Said.of("Many scientists and entrepreneurs left for the US in the 1930s.")
    assert not on_the_question([emigres], jobs, none)
    hiring = Said.of("Hiring slowed as the economy cooled.")
    assert on_the_question([hiring], jobs, Said.of("US jobs growth slows in July"))


def test_a_sentence_leaving_out_what_is_counted_is_not_on_the_question() -> None:
    """ "How many jobs did the US economy add in July?" counts jobs: a sentence on the US
    economy in a passage that never says jobs is not on it; one under a jobs headline is. A
    sentence saying most of the rest of the question may say the thing counted in its own
    words: "165 members voted in favor of the motion" for "How many MEPs voted…"."""
    jobs = question_terms("How many jobs did the US economy add?")
    essay = Said.of("In the first half of the 20th century, the US economy grew by 5.7 times.")
    history = Said.of("US At 250: Why America Has Been So Successful")
    assert not on_the_question([essay], jobs, history, Said.of("The US economy has grown."))
    roles = Said.of("The number of roles fell by 23,000 in July.")
    assert on_the_question([roles], jobs, Said.of("Surprise fall in US jobs last month"))
    assert on_the_question([essay], jobs, history, Said.of("It added 2 million jobs."))
    meps = question_terms("How many MEPs voted for and against the no-confidence motion?")
    members = Said.of("In Strasbourg, 165 members voted in favor of the motion, 390 against it.")
    assert on_the_question([members], meps, Said.of("Von der Leyen survives again"))
    # a question that counts nothing is read as before
    assert not counted_words("How much did gold rise in July?")
    assert counted_words("How many British adults rely mainly on social media?") == {
        "british",
        "adult",
    }


def test_a_question_word_is_no_term_of_the_question() -> None:
    """ "信用利差最近怎么样？" asks of credit spreads, not of 怎么: an article on the yen headed
    "…中期选举后怎么办？" is not on it; nor does a sentence saying 为何 answer "美股为何下跌"."""
    wanted = question_terms("信用利差最近怎么样？")
    yen = Said.of("此次干预最根本的局限，在于它没有触及日元疲软的任何结构性原因。")
    assert not on_the_question([yen], wanted, Said.of("日元只是暂时稳住，中期选举后怎么办？"))
    spreads = Said.of("超大规模科技公司的信用利差已创新高。")
    assert on_the_question([spreads], wanted, Said.of(""))
    assert coverage("这也解释了为何投资者仍在观望。", "美股为何下跌") == 0


def test_a_verb_written_in_lower_case_is_not_the_acronym_it_spells() -> None:
    """ "Which sectors led?" is not answered by a sentence on "Mini LED" backlights; one saying
    what led is."""
    question = "Which sectors led the market?"
    assert coverage("产品应用于Mini LED背光、COB/Micro LED直显等领域。", question) == 0
    assert coverage("Energy stocks led the market higher on Friday.", question) > 0
    # "leading up to" and "led to" say what came before or what caused, not who led
    leading = "Which sectors are leading this month?"
    assert coverage("The shares surged leading up to the report.", leading) == 0
    assert coverage("Tariffs led to losses for retailers.", question) == 0
    assert coverage("Energy stocks are leading the market this month.", leading) > 0


def test_the_fed_is_written_with_a_capital_not_fed_up() -> None:
    """ "What is the consensus on the next Fed move?" is not answered by "fed up with state
    taxes, you can move to Pennsylvania"; a sentence on the Fed's next move is, in capitals too."""
    question = "What is the consensus on the next Fed move?"
    taxes = "If you're fed up with the highest state taxes, you can move to Pennsylvania."
    assert coverage(taxes, question) < coverage("The Fed's next move is a hike.", question)
    assert coverage("Voters are fed up with taxes.", "What is the Fed doing?") == 0
    assert coverage("THE FED'S NEXT MOVE IS A HIKE", question) == coverage(
        "The Fed's next move is a hike.", question
    )


def test_how_a_question_asks_is_not_its_subject() -> None:
    """ "What did the latest Fed minutes say?" is about the Fed's minutes: a story saying
    "five minutes, officials say" covers only one of its two terms; nor is a sentence citing
    "a report by The Information" (据…报道) on what Nvidia reported."""
    question = "What did the latest Fed minutes say?"
    assert not any(group & {"say", "latest"} for group in question_terms(question))
    assert coverage("He held on for five minutes, officials say.", question) == 0.5
    reported = "What did Nvidia report for the quarter?"
    assert not any(group & {"report", "报道"} for group in question_terms(reported))
    # asking for figures says what kind of sentence answers, not what it is about
    assert not question_terms("What are the key numbers?")
    asked = question_terms("中国出口有哪些关键数据？")
    assert not any(group & {"关键", "数据", "key", "data"} for group in asked) and len(asked) == 2
    assert not translate("What are the key numbers?")


@pytest.mark.parametrize(
    ("question", "on_subject", "off_subject", "off"),
    [
        (
            "What is the outlook for gold?",
            "Goldman's outlook for gold is bullish into next year.",
            "The CFO's outlook on home goods and housing markets was muted.",
            0.0,
        ),
        ("黄金前景如何？", "机构对黄金前景仍然乐观。", "投资者对AI前景维持高度乐观。", 0.0),
        # 股 (光伏 + 股) is said in 成分股 too, but is no subject a sentence says alone
        (
            "光伏股表现如何？",
            "光伏股表现强劲，光伏指数大涨。",
            "所有成分股中，Prosus表现第三。",
            1 / 3,
        ),
    ],
)
def test_the_side_of_a_subject_asked_counts_only_where_the_subject_is_said(
    question: str, on_subject: str, off_subject: str, off: float
) -> None:
    """ "What is the outlook for gold?" asks about gold: a sentence on another thing's outlook
    says nothing of it, and one on gold's outlook says all of it."""
    assert coverage(on_subject, question) == 1.0
    assert coverage(off_subject, question) == pytest.approx(off)


def test_an_english_phrase_the_dictionary_knows_whole_is_one_term() -> None:
    """ "South Korea" is 韩国: one term, not "south" and "korea" each said by 韩国, which would
    count a sentence naming the country twice against one naming the exports asked about."""
    question = "How much did South Korea's chip exports grow?"
    korea = [group for group in question_terms(question) if "韩国" in group]
    assert len(korea) == 1
    assert coverage("韩国出口增长12%。", question) == 0.75  # of Korea, chips, exports, growth
    # of Korea, exports and half of growth ("rose" says a rise in other words)
    assert coverage("South Korea's exports rose.", question) == 0.625
    assert coverage("The south wind blew.", question) == 0.0


def test_an_english_word_is_related_to_its_endings_not_to_any_word_it_opens() -> None:
    """ "Fed" and "federal" are two terms: a sentence saying 美联储 is not two of the question's."""
    wanted = question_terms("Will the Fed cut the federal deficit?")
    fed = next(group for group in wanted if "fed" in group)
    assert "美联储" in fed and "联邦" not in fed


@pytest.mark.parametrize(
    "question", ["How fast did exports grow, per the ministry?", "How quickly did exports grow?"]
)
def test_how_fast_and_the_source_asked_by_are_how_a_question_asks(question: str) -> None:
    """ "How fast" asks for a rate as 有多快 does; "per" and "during" frame the question: a
    sentence saying "fast" or "per" is no nearer to it."""
    wanted = question_terms(question)
    assert not any(group & {"fast", "quickly", "per"} for group in wanted)
    assert coverage("Exports grew 12% as fast deliveries rose 3% per day.", question) == coverage(
        "Exports grew 12%.", question
    )


def test_an_english_sentence_is_not_held_to_the_words_of_a_chinese_question_it_cannot_say() -> None:
    """An untranslatable word of the question (截至, 中旬) cannot be in an English sentence:
    its coverage counts only what English can say."""
    question = "截至7月中旬，罗素2000指数年内平均涨了多少？"
    english = "The Russell 2000 index was up an average of 20.8% in July."
    chinese = "道琼斯运输平均指数年内上涨超过30%。"
    found = {c.language: c for c in candidates(hits(english, chinese), question, [], "zh")}
    assert found["en"].coverage > found["zh"].coverage
    assert found["en"].coverage > coverage(english, question)  # against every term


def test_a_chinese_question_is_said_by_a_synonym_of_its_word() -> None:
    question = "三星的新内存卖得有多快？"
    assert coverage("三星新内存的销售额四个月突破10亿美元。", question) > coverage(
        "三星的新内存今年将量产。", question
    )


def test_a_hyphenated_compound_is_said_by_its_translation() -> None:
    """A question's "first-half" is one word, the dictionary's "first half": a Chinese sentence
    says it with 上半年. Its "A-share" is A股, the one word both languages write."""
    question = "What share of A-share companies reported first-half losses?"
    wanted = question_terms(question)
    assert any({"first-half", "上半年"} <= group for group in wanted)
    # its own term, said by A股 and by "Chinese stocks", another English name for A股
    assert any("A股" in group and "share" not in group for group in wanted)
    assert coverage("A股公司上半年亏损。", question) > coverage("A股公司亏损。", question)
    assert coverage("Chinese A-share companies reported first-half losses", question) == 1.0


def test_a_chinese_compound_is_said_in_part_by_another_form_of_its_first_words_english() -> None:
    """机构投资者 is "institutional investors": "institutions" say it in part, as 机构's English
    and a form of "institutional"; 出口管制 ("export controls") is not said by 出口's "exit"."""
    question = "机构投资者买入了多少股票？"
    assert coverage("Institutions bought more stocks.", question) > coverage(
        "Retail traders bought more stocks.", question
    )
    assert not any("exit" in group for group in question_terms("出口管制会收紧吗？"))


def test_a_chinese_question_is_read_in_words_and_a_word_is_said_inside_a_longer_one() -> None:
    """Coverage counts the question's words, not character pairs: "涨了" straddles two words
    and no sentence needs to say it, while "上涨" says the question's 涨. A dictionary word
    jieba cut apart (标 + 普) is one term, 标普, and the period the question names is judged by
    when a sentence was published, not by its "月"."""
    question = "2026年6月标普PPI同比涨了多少？"
    wanted = question_terms(question)
    assert not any("涨了" in group or "了多" in group or "比涨" in group for group in wanted)
    assert any("标普" in group for group in wanted)
    assert not any(group & {"标", "普"} for group in wanted)
    assert coverage("6月标普PPI同比上涨4.1%。", question) == 1.0
    found = candidates(
        hits(
            "该行维持2026年12月核心CPI同比2.6%的预测，认为通胀压力仍在。",
            "国家统计局今日公布，6月工业生产者出厂价格PPI同比上涨4.1%。",
        ),
        question,
        [],
        "zh",
        dt.date(2026, 7, 10),
    )
    assert found[0].text.startswith("国家统计局")


def test_a_sentence_need_not_repeat_what_its_articles_headline_says() -> None:
    """The article the question names ("the small-cap analysis") is in its headline; the
    sentence that answers (which sector led) says only that. It is not dropped as off topic
    beside one that repeats the framing, and the headline's words count half."""
    article = Hit(
        chunk=Chunk(
            id="c0",
            article_id="a0",
            text="小盘股分析框架围绕宏观支柱展开，研究团队认为时点难以预测。"
            "能源板块以1.41%的涨幅领涨，科技板块领跌。",
        ),
        score=1.0,
        title="2026年小盘股分析：催化因素与前景",
    )
    question = "小盘股分析中哪个板块领涨？"
    found = {c.text[:4]: c for c in candidates([article], question, [], "zh")}
    assert "能源板块" in found
    own = coverage(found["能源板块"].text, question)
    assert own < found["能源板块"].coverage < 1.0


def test_a_sentence_saying_nothing_of_the_question_is_on_it_only_through_its_article() -> None:
    """A sentence saying none of the question's words ("Shipments rose 57%") answers it under
    a headline on the question; under one on another country's chips and exports, a move in
    any words ("global stocks are up") does not."""

    def hit(n: int, title: str, text: str) -> Hit:
        return Hit(chunk=Chunk(id=f"c{n}", article_id=f"a{n}", text=text), score=1.0, title=title)

    question = "How fast are Korea's chip exports growing?"
    found = candidates(
        [
            hit(0, "Korea's chip exports jump as AI demand soars",
                "Shipments rose 57% from a year earlier, the trade ministry said on Saturday."),
            hit(1, "China tightens battery export curbs, cracks down on Nvidia chips",
                "On average, global stocks are up around 21.8% this year."),
        ],
        question,
        [],
        "en",
    )  # fmt: skip
    texts = [c.text for c in found]
    assert texts[0].startswith("Shipments rose") and not any("global" in t for t in texts)
    won = hit(2, "Trump threatens tariffs on South Korea; won slides",
              "The USDKRW gapped up 0.7% to 1452 on the news.")  # fmt: skip
    assert any("1452" in c.text for c in candidates([won], "How did the won react?", [], "en"))


def test_whose_words_are_asked_answers_before_another_voice_in_the_article() -> None:
    """ "What did Powell say about rate cuts?": under the headline "Governor Powell", what
    Powell said comes before Governor Miran's dissent, which says "rate cut" and names Powell
    only through the headline; so in Chinese ("鲍威尔对降息说了什么？")."""
    text = (
        "Governor Miran dissented again because he wanted a rate cut. "
        "On balance, Powell said the Committee was moving toward a neutral place on cuts."
    )
    press = Hit(
        chunk=Chunk(id="c0", article_id="a0", text=text), score=1.0, title="Governor Powell"
    )
    for scoped in (False, True):  # so too in the article the reader chose
        found = candidates([press], "What did Powell say about rate cuts?", [], "en", scoped=scoped)
        assert found[0].text.startswith("On balance, Powell said"), scoped
    text = "米兰再次投下反对票，他希望降息。鲍威尔表示，委员会的看法趋于中性。"
    chair = Hit(chunk=Chunk(id="c1", article_id="a1", text=text), score=1.0, title="鲍威尔的告别")
    assert candidates([chair], "鲍威尔对降息说了什么？", [], "zh")[0].text.startswith("鲍威尔表示")
    assert voices_asked("What does Goldman think of gold?") == ["Goldman"]
    assert voices_asked("美联储主席鲍威尔说了什么") == ["美联储主席鲍威尔"]
    assert voices_asked("How did the S&P 500 do?") == []


def test_asked_for_someones_words_only_articles_naming_them_are_quoted() -> None:
    """ "鲍威尔在上一次新闻发布会上说了什么？" names Powell before where he spoke: he is the
    voice asked, and a provincial official's press conference, which shares every other word
    of the question, is not quoted; nor in English, where Powell is 鲍威尔's translation."""
    assert voices_asked("鲍威尔在上一次新闻发布会上说了什么？") == ["鲍威尔"]
    assert voices_asked("高盛在最新报告里怎么看油价？") == ["高盛"]
    official = Hit(
        chunk=Chunk(
            id="c0", article_id="a0", text="水务厅负责人在新闻发布会上说，将加快建设水网。"
        ),
        score=1.0,
        title="海南出台水安全保障规划",
    )
    chair = Hit(
        chunk=Chunk(id="c1", article_id="a1", text="他在新闻发布会上说，当前政策仍属适当。"),
        score=0.5,
        title="鲍威尔的最后一次新闻发布会",
    )
    found = candidates([official, chair], "鲍威尔在上一次新闻发布会上说了什么？", [], "zh")
    assert [c.hit.chunk.article_id for c in found] == ["a1"]
    found = candidates([official, chair], "What did Powell say at the press conference?", [], "en")
    assert "a0" not in {c.hit.chunk.article_id for c in found}
    # a crowd is no name: any article may give "the market's" view without naming it
    assert names_voiced("市场怎么看新闻发布会？") == [] and names_voiced("大摩怎么看") == ["大摩"]
    found = candidates([official, chair], "市场怎么看新闻发布会上说了什么？", [], "zh")
    assert "a0" in {c.hit.chunk.article_id for c in found}


def test_an_articles_own_view_is_its_bylines() -> None:
    """ "What does Rabobank expect next?" asked of the note a Rabobank strategist wrote: the
    note's own view ("Our baseline forecast…") is Rabobank's and answers first, before a
    sentence sharing the question's word ("As widely expected…"). In a note by someone else,
    "we" is not Rabobank."""
    opening = "By Philip Marey, senior US strategist at Rabobank. The FOMC met this week."
    body = (
        "As widely expected, the FOMC kept the target range unchanged this month. "
        "Our baseline forecast is still two rate cuts this year."
    )

    def note(article_id: str, first: str) -> list[Hit]:
        return [
            Hit(chunk=Chunk(id=f"{article_id}{n}", article_id=article_id, text=text, ordinal=n),
                score=1.0, title="Governor Powell")
            for n, text in enumerate((first, body))
        ]  # fmt: skip

    def order(hits: list[Hit], scoped: bool) -> list[str]:
        found = candidates(hits, "What does Rabobank expect next?", [], "en", scoped=scoped)
        return [c.text[:3] for c in found if c.text[:3] in ("Our", "As ")]

    assert order(note("a", opening), True) == ["Our", "As "]
    assert order(note("b", "By a columnist. The FOMC met this week."), True) == ["As ", "Our"]


def test_a_chosen_article_counts_whatever_the_question_says() -> None:
    text = (
        "The Federal Reserve held its policy rate steady on Wednesday afternoon. "
        "Officials saw inflation as still too high for a cut before the summer."
    )
    found = candidates(hits(text), "这篇文章说了什么?", [], "zh", scoped=True)
    assert [c.text for c in found][:2] == [
        "Headline number 0 of the article",
        "The Federal Reserve held its policy rate steady on Wednesday afternoon.",
    ]


def test_a_view_asked_of_someone_is_answered_first_by_theirs() -> None:
    """ "高盛怎么看黄金？" asks Goldman's view of gold: a sentence giving it comes before one on
    gold that names no one, though that one's passage ranked first."""
    texts = (
        "金价本周上涨2%，黄金ETF持仓连续三周增加，市场避险情绪升温。",
        "高盛认为，黄金投机性多头已被清洗，当前是建立黄金多头头寸的合适时机。",
    )
    goldman = [("Goldman Sachs", "Goldman", "高盛")]
    found = candidates(hits(*texts), "高盛怎么看黄金？", [], "zh", speakers=goldman)
    assert found[0].text == texts[1]


def test_a_chosen_articles_gist_is_told_in_its_own_order() -> None:
    """ "这篇文章的核心观点是什么？" and "What is this article's main argument?" ask what it argues:
    its headline and lead come first, not a later sentence saying 核心 ("核心客户") or
    "argument"; the words asking for the gist are no subject of the question."""
    text = (
        "存储厂商正在把长协期限拉长到五年，周期的底部被抬高。"
        "海力士已覆盖前十大核心客户，双方的争论集中在价格条款上。"
    )
    for question in ("这篇文章的核心观点是什么？", "What is this article's main argument?"):
        found = candidates(hits(text), question, [], "zh", scoped=True)
        assert [c.text for c in found][:2] == [
            "Headline number 0 of the article",
            "存储厂商正在把长协期限拉长到五年，周期的底部被抬高。",
        ], question
        assert question_terms(question) == []
    assert question_terms("美国核心通胀是多少？")  # core inflation is a subject


def test_of_two_market_wraps_alike_the_one_from_the_day_asked_leads() -> None:
    """Daily wraps share a template: the day the question names decides, not search rank."""
    old, asked = hits(
        "A股三大指数今日集体回调，截止收盘，沪指跌0.73%，收报4068.57点，深证成指跌1.81%。",
        "A股主要指数今日涨跌不一，截止收盘，沪指涨0.37%，收报4043.64点，深证成指涨0.64%。",
    )
    old = old.model_copy(update={"published": dt.date(2026, 5, 29)})
    asked = asked.model_copy(update={"published": dt.date(2026, 7, 3)})
    found = candidates([old, asked], "7月3日A股收盘时沪指报多少点？", [], "zh", dt.date(2026, 7, 4))
    assert found[0].hit.chunk.id == "c1"


def test_a_question_asking_for_an_amount_puts_the_sentence_with_a_figure_first() -> None:
    texts = (
        "Chip exports kept growing strongly across the region this summer, traders said.",
        "Chip exports jumped 38.5% from a year earlier, to a record for any summer month.",
    )
    amount = candidates(hits(*texts), "How fast did chip exports grow this summer?", [], "en")
    assert amount[0].hit.chunk.id == "c1"
    assert asks_figure("涨了多少？") and asks_figure("How much did gold gain?")
    assert not asks_figure("Why did chip stocks fall?")
    assert asks_figure("What are the key numbers?") and asks_figure("这篇文章有哪些关键数据？")


def test_a_question_asking_why_something_fell_is_not_answered_first_by_a_rally() -> None:
    texts = (
        "SoftBank shares soared 16% as Nvidia earnings signalled strong AI demand.",
        "SoftBank shares sank 12% as an Asian tech rout tracked declines in the U.S.",
    )
    fell = candidates(hits(*texts), "Why did SoftBank shares sink?", [], "en")
    assert fell[0].hit.chunk.id == "c1"
    rose = candidates(hits(*reversed(texts)), "Why did SoftBank shares soar?", [], "en")
    assert rose[0].text.startswith("SoftBank shares soared")
    # a rate cut is a policy, not the way a price went
    assert asked_direction("美联储为什么降息？") is None
    assert asked_direction("英伟达最近为什么下跌？") == -1
    # a currency weakens and strengthens
    assert asked_direction("Why did the dollar weaken?") == -1
    assert asked_direction("美元为什么走弱？") == asked_direction("日元为何贬值") == -1
    assert asked_direction("Why has the yen strengthened?") == asked_direction("美元走强") == 1


def test_a_sentence_saying_only_when_is_not_about_the_question() -> None:
    """ "last week" is the question's period, not a word a sentence must say."""
    texts = (
        "Retail investors bought more SpaceX shares last week than in any week before.",
        "Oil prices jumped 6% as the war in the Middle East escalated.",
    )
    found = candidates(hits(*texts), "What happened to oil prices last week?", [], "en")
    assert [c.hit.chunk.id for c in found] == ["c1"]
    # nor one saying only a trailing span ("最近一个月"): it counts with the subject, as an
    # aspect does
    box_office = "进入暑期以来，已连续近一个月单日票房超亿元，两部影片位居前两位。"
    russell = "罗素2000指数近一个月上涨5.2%，小盘股跑赢大盘。"
    asked = "罗素2000最近一个月表现如何？"
    found = candidates(hits(box_office, russell), asked, [("罗素2000", "Russell 2000")], "zh")
    assert [c.text for c in found] == [russell]


def test_a_short_chinese_statement_of_a_figure_is_quoted_and_a_short_remark_is_not() -> None:
    found = candidates(
        hits("2025年至今，现货黄金的涨幅已超过53%。国庆假期期间，金价持续攀升。"),
        "现货黄金2025年以来涨了多少？",
        [],
        "zh",
    )
    texts = [c.text for c in found]
    assert "2025年至今，现货黄金的涨幅已超过53%。" in texts  # 13 characters and two figures
    assert "国庆假期期间，金价持续攀升。" not in texts  # 12 characters, no figure


def test_a_headline_stating_a_figure_is_quoted_and_a_bare_one_is_not() -> None:
    found_hits = hits(
        "创业板指今日走强，突破2015年高点，创出历史新高，市场情绪明显回暖。",
        "市场分析人士认为，创业板指的上涨得益于算力与电池板块的集体走强。",
    )
    found_hits[0] = found_hits[0].model_copy(
        update={"title": "创业板指大涨2.63%创历史新高 近150只股票涨停"}
    )
    found = candidates(found_hits, "创业板指创历史新高那天涨了多少？", [], "zh")
    texts = [c.text for c in found]
    assert "创业板指大涨2.63%创历史新高，近150只股票涨停" in texts  # its clauses kept apart
    assert not any(t.startswith("Headline number") for t in texts)  # no figure: not quoted


def test_a_sentence_opening_with_a_decimal_keeps_it() -> None:
    """ "1." before a digit is a figure, not a list number: "1.3%！…" is not "3%！…"."""
    assert clean("1.3%！日本2月CPI连续四个月下滑") == "1.3%！日本2月CPI连续四个月下滑"
    assert clean("2. Second point of the list.") == "Second point of the list."


def test_a_site_disclaimer_and_a_mainland_listing_are_not_quoted_for_a_us_question() -> None:
    """A site's "use at your own risk" footer is no risk of the market; a company named with
    its six-digit mainland code is another market's news (kept when the question asks it)."""
    disclaimer = "用户个人对服务的使用承担风险，本站对此不作任何类型的担保，英伟达内容仅供参考。"
    listing = "天壕能源(300332)7月8日公告，公司拟收购天壕新能100%股权，英伟达概念受关注。"
    board = "4天3板！002792澄清与英伟达合作传闻，称公司未与英伟达开展合作。"  # a code, boards
    found = candidates(
        hits(disclaimer, listing, board), "英伟达最近为什么跌？", [("英伟达",)], "zh"
    )
    assert found == []
    jobs = "美国4月新增600000个就业岗位，英伟达股价下跌。"  # a figure, no listing's code
    assert candidates(hits(jobs), "英伟达最近为什么跌？", [("英伟达",)], "zh")
    asked = candidates(hits(listing), "A股能源公司天壕能源有什么公告？", [], "zh")
    assert [c.text for c in asked] == [listing]
    close = "A股三大指数今日涨跌不一，截止收盘，沪指涨0.76%，收报4082.13点。"
    shanghai = [("Shanghai Composite", "上证指数", "沪指")]  # the symbol's names, as parsed
    for question, language in (("4月20日上证指数收盘涨了多少？", "zh"),
                               ("How did the Shanghai Composite close?", "en")):  # fmt: skip
        assert [c.text for c in candidates(hits(close), question, shanghai, language)] == [close]


def test_a_feed_excerpt_cut_mid_clause_is_quoted_up_to_its_last_whole_clause() -> None:
    """Feeds cut their excerpts ("…, driven [...]", "…，均低于临界点..."): the figures before
    the cut are whole and worth quoting; the cut clause is dropped, a label run in is too."""
    english = (
        "Key Takeaways The SPDR S&P Biotech ETF (XBI) gained 17.9% in the first half "
        "of 2026, driven [...]"
    )
    assert clean(english) == (
        "The SPDR S&P Biotech ETF (XBI) gained 17.9% in the first half of 2026."
    )
    chinese = "大、中、小型企业PMI分别为49.9%、48.7%和47.1%，比上月下降1.1个百分点，均低于临界点..."
    assert clean(chinese) == "大、中、小型企业PMI分别为49.9%、48.7%和47.1%，比上月下降1.1个百分点。"
    assert clean("Oil rose to 1,300 barrels a day […]") == "Oil rose to 1,300 barrels a day […]"
    summary = "Summary Our framework helps us to avoid overpaying for growth."
    assert clean(summary) == "Our framework helps us to avoid overpaying for growth."
    assert clean("Summary judgments were entered.") == "Summary judgments were entered."
    # the cut clause was the main one: what is left is no sentence, and is not quoted
    for cut in ("Whenever investment-grade bond spreads end up tightening, folks look [...]",
                "随着美联储降息预期持续升温以及美国经济数据全面走弱，小盘股有望..."):  # fmt: skip
        assert not quotable(clean(cut))
    found = candidates(hits(chinese), "小型企业的PMI是多少？", [], "zh")
    assert [c.text for c in found] == [clean(chinese)]


def test_blocks_a_web_page_leaves_apart_are_sentences_of_their_own() -> None:
    page = (
        "国家统计局服务业调查中心  一、制造业采购经理指数运行情况  "
        "10月份，制造业PMI为49.0%，比上月下降0.8个百分点。"
    )
    found = candidates(hits(page), "10月制造业PMI是多少？", [], "zh")
    assert [c.text for c in found] == ["10月份，制造业PMI为49.0%，比上月下降0.8个百分点。"]


def test_how_something_did_asks_for_its_figure() -> None:
    assert asks_figure("How have biotech stocks done so far in 2026?")
    assert asks_figure("How did energy stocks do in July?")
    assert asks_figure("How are Nvidia shares doing?")
    assert not asks_figure("How do rate cuts help small caps?")


def test_where_something_stands_or_turns_asks_for_its_level_not_a_place() -> None:
    assert asks_figure("Where did bitcoin bottom after the tariff threat?")
    assert asks_figure("Where does the Fed expect its rate to sit in 2026?")
    assert asks_figure("金价涨到哪了？")
    assert not asks_figure("Where have power bills climbed fastest?")
    assert not asks_figure("Where did most yachts leave from?")


def test_a_question_asking_which_companies_puts_the_sentences_naming_them_first() -> None:
    text = (
        "Small caps should benefit as economic growth picks up and rates fall this year. "
        "Among small caps, ACM Research (ACMR) grew its sales 44.5% a year since 2023."
    )
    found = candidates(
        hits(text), "Which small caps does it single out for growth?", [], "en", scoped=True
    )
    assert found[0].text.startswith("Among small caps, ACM Research (ACMR)")
    assert asks_names("哪些公司被上调了评级？") and asks_names("What stocks did it buy?")
    assert not asks_names("What is driving small caps?")
    assert not asks_names("What share of revenue comes from AI chips?")


def test_a_question_asking_who_puts_the_sentence_naming_the_person_first() -> None:
    """ "新任CEO是谁" is answered by the sentence naming who takes the post, not by the one on
    the outgoing CEO's career, though its passage ranked better; 谁 is how it asks, no term."""
    texts = (
        "库克于1998年加入苹果公司，并在随后的岁月里逐步成为公司的核心人物，也是CEO的热门人选。",
        "苹果公司声明说，高级副总裁约翰·特努斯(John Ternus)将接替库克，担任苹果公司CEO。",
    )
    found = candidates(hits(*texts), "苹果公司新任CEO是谁？", [], "zh")
    assert found[0].text == texts[1]
    assert all("谁" not in group for group in question_terms("苹果公司新任CEO是谁？"))
    assert asks_person("Who will replace Tim Cook?") and asks_person("是哪位科学家跳槽了？")
    assert not asks_person("What did the Fed say?") and not asks_person("哪些公司上调了评级？")


def test_a_person_named_after_their_role_answers_who() -> None:
    """A name written after the role held is a person's, in either language: a name jieba
    knows (鲍威尔), one it cuts into single characters (穆 + 尼尔, 佩/泽/希/齐/扬) or capitalised
    words after an English role. What follows a role that is not a name (通话, 表示) is not one,
    nor is a company's capitalised name ("General Motors"). Asked who holds a role, the name
    must follow that role."""
    named = (
        "巴陆军参谋长穆尼尔对伊朗的访问圆满结束。",
        "伊朗总统佩泽希齐扬在会见时表示。",
        "美联储主席鲍威尔表示将保持耐心。",
        "Apple CEO Tim Cook said demand was strong.",
        "Pakistan's army chief Asim Munir flew to Tehran.",
    )
    unnamed = (
        "特朗普表示，他刚刚与巴基斯坦陆军参谋长通话。",
        "经济学家认为通胀已经见顶。",
        "General Motors raised its guidance.",
        "The Pakistani foreign ministry spokesperson said talks continue.",
    )
    assert all(names_person(text) for text in named)
    assert not any(names_person(text) for text in unnamed)
    # asked who holds a role, in either language, a name after another role does not answer
    chief = roles_asked("Who is Pakistan's army chief?")
    assert names_person("巴陆军参谋长穆尼尔访问伊朗。", chief)
    assert not names_person("President Trump said talks went well.", chief)
    assert names_person(
        "Pakistan's army chief Asim Munir flew in.", roles_asked("哪位陆军参谋长？")
    )
    texts = (
        "巴基斯坦陆军参谋长近日推动了美伊协议。",
        "巴基斯坦陆军参谋长穆尼尔推动了美伊协议。",
    )
    found = candidates(hits(*texts), "巴基斯坦哪位陆军参谋长推动了美伊协议？", [], "zh")
    assert found[0].text == texts[1]


def test_a_pair_of_names_joined_by_a_hyphen_is_its_two_names() -> None:
    """ "the US-Iran deal" is about the United States and Iran, which a Chinese sentence says
    as 美国 and 伊朗; a compound the dictionary translates whole ("year-end": 年底) stays one."""
    question = "Who helped broker the US-Iran deal?"
    wanted = question_terms(question)
    assert any("伊朗" in group for group in wanted) and any("美国" in group for group in wanted)
    assert coverage("巴基斯坦斡旋伊朗和美国的谈判。", question) > coverage(
        "巴基斯坦斡旋谈判。", question
    )
    assert coverage("Pakistan helped broker the US-Iran talks.", question) == coverage(
        "Pakistan helped broker the US and Iran talks.", question
    )
    assert any(
        {"year-end", "年底"} <= group for group in question_terms("What is the year-end target?")
    )


def test_an_amount_asked_over_a_period_is_answered_by_a_figure_for_that_period() -> None:
    """ "今年涨了多少" asks year to date: "年内…52%" answers it, "本周…2.19%" does not, though its
    passage ranked better; a month asked is answered by the month's figure."""
    texts = (
        "纽约尾盘，现货黄金涨0.63%，报4715.23美元/盎司，本周累计上涨2.19%。",
        "现货黄金续创新高，年内大涨近1400美元/盎司，涨幅超52%。",
    )
    found = candidates(hits(*texts), "黄金今年涨了多少？", [], "zh", period="YTD")
    assert found[0].text == texts[1]
    months = (
        "Chip exports rose 12.5% in June from a year earlier, the trade ministry said.",
        "Chip exports rose 38.5% in July from a year earlier, the trade ministry said.",
    )
    asked = "How much did chip exports rise in July 2026?"
    found = candidates(hits(*months), asked, [], "en", period="2026-07")
    assert found[0].text == months[1]
    # a sentence about another month ranks below one that names no month at all
    jobs = (
        "美国4月新增11.5万个就业岗位，高于预期。",
        "美国非农就业新增17.2万人，新增岗位集中在医疗行业。",
    )
    found = candidates(hits(*jobs), "美国5月新增了多少就业岗位？", [], "zh", period="2026-05")
    assert found[0].text == jobs[1]
    # and one about another quarter below one that names none
    deliveries = (
        "特斯拉第三季度全球交付量达到497,099辆，创下季度交付纪录。",
        "特斯拉公布的交付量为480,126辆汽车，同比增长25%，远超分析师预期。",
    )
    found = candidates(hits(*deliveries), "特斯拉二季度交付量是多少？", [], "zh", period="2026-Q2")
    assert found[0].text == deliveries[1]


def test_this_month_said_in_the_month_asked_is_that_months_figure() -> None:
    """ "本月" written in May is May: it answers an amount asked for May 2026 before a week's
    figure from a better-ranked passage."""
    texts = ("出口本周增长3%，港口吞吐量回升。", "出口本月累计增长18%，创下年内最快增速。")
    days = (dt.date(2026, 5, 29), dt.date(2026, 5, 28))
    found = dated(texts, days)
    asked = candidates(
        found, "2026年5月出口增长了多少？", [], "zh", dt.date(2026, 6, 10), period="2026-05"
    )
    assert asked[0].text == texts[1]


def test_a_month_named_asks_for_its_figures_though_no_amount_is_asked() -> None:
    """ "美国7月非农就业数据怎么样？" asks no amount, but names July: July's payrolls, reported in
    August, answer it before June's, reported in July and ranked first by the search."""
    texts = ("美国6月非农就业人数仅增5.7万人，远逊预期。", "美国7月非农就业人数意外减少2.3万人。")
    days = (dt.date(2026, 7, 2), dt.date(2026, 8, 7))
    found = dated(texts, days)
    asked = candidates(
        found, "美国7月非农就业数据怎么样？", [], "zh", dt.date(2026, 8, 21), period="2026-07"
    )
    assert asked[0].text == texts[1]


def test_last_month_said_in_the_month_after_is_the_month_asked() -> None:
    """ "Last month" in an article of June 20 is May: it answers an amount asked for May 2026
    before a week's figure from a better-ranked passage."""
    texts = (
        "Gold imports rose 3% this week, customs data showed on Saturday.",
        "Gold imports were 163 tons last month, the highest since March 2024.",
    )
    days = (dt.date(2026, 6, 20), dt.date(2026, 6, 20))
    found = dated(texts, days)
    asked = "How much gold did China import in May 2026?"
    ranked = candidates(found, asked, [], "en", dt.date(2026, 6, 23), period="2026-05")
    assert ranked[0].text == texts[1]


def test_this_year_said_in_another_year_is_not_the_year_asked() -> None:
    """ "今年以来" in an article of late December is last year's run, no answer in January to
    how far gold is up this year, though its passage ranked first."""
    texts = ("今年以来，黄金价格已飙升超过60%。", "金价年内累计上涨约8%，表现好于股市。")
    found = [
        hit.model_copy(update={"published": day})
        for hit, day in zip(hits(*texts), (dt.date(2025, 12, 30), dt.date(2026, 1, 2)), strict=True)
    ]
    asked = candidates(found, "黄金今年涨了多少？", [], "zh", dt.date(2026, 1, 20), period="YTD")
    assert asked[0].text == texts[1]


def test_a_figure_for_another_year_is_no_answer_for_the_year_asked() -> None:
    """ "黄金在2025年飙升了64%" is last year's run: for how far gold rose in January 2026 it ranks
    below a figure that names no year, though its passage ranked first."""
    texts = (
        "据统计，黄金在2025年飙升了64%，涨幅惊人。",
        "据统计，金价周一盘中一度上涨2.2%，涨幅惊人。",
    )
    day = dt.date(2026, 1, 26)
    found = dated(texts, [day] * len(texts))
    asked = "2026年1月金价涨了多少？"
    ranked = candidates(found, asked, [], "zh", dt.date(2026, 1, 27), period="MTD")
    assert ranked[0].text == texts[1]
    # …and "last year", written in 2026, is 2025 as well
    texts = ("去年黄金价格累计上涨了64%，涨幅惊人。", "金价周一盘中一度上涨2.2%，涨幅惊人。")
    found = dated(texts, [day] * len(texts))
    ranked = candidates(found, asked, [], "zh", dt.date(2026, 1, 27), period="MTD")
    assert ranked[0].text == texts[1]


def test_a_figure_written_before_the_period_asked_is_no_answer_for_it() -> None:
    """Last October's "日经225指数早盘一度暴涨超4.5%" names no period, yet says nothing of how
    far the Nikkei is up this year: written before the year began, it ranks below a figure
    written this year, though its passage ranked first."""
    texts = ("日经225指数早盘一度暴涨超4.5%，报47873点。", "日经225指数涨幅飙升5%，突破62000点。")
    days = (dt.date(2025, 10, 6), dt.date(2026, 5, 7))
    found = dated(texts, days)
    asked = "日经指数今年涨了多少？"
    ranked = candidates(found, asked, [], "zh", dt.date(2026, 7, 20), period="YTD")
    assert [c.text for c in ranked] == [texts[1], texts[0]]
    assert ranked[1].period_fit < 0  # a figure of another time
    # …and so for a quarter: June 30's close is no figure for the third quarter
    ranked = candidates(
        found[:1], "日经指数三季度涨了多少？", [], "zh", dt.date(2026, 9, 30), period="2026-Q3"
    )
    assert ranked[0].period_fit < 0


def test_a_question_asking_what_someone_said_is_answered_by_their_words() -> None:
    """ "By his own account" asks for the speaker's words: the sentence quoting them comes
    before a writer's account of them from a better-ranked passage."""
    texts = (
        "Trump conceded that Americans' finances were not a factor in his Iran decisions.",
        "Asked about Americans' finances in his Iran decisions, Trump said: "
        '"Not even a little bit."',
    )
    asked = "How much do Americans' finances weigh in Trump's Iran decisions, by his own account?"
    found = candidates(hits(*texts), asked, [], "en")
    assert found[0].text == texts[1]
    assert asks_words("What did Powell say about rate cuts?") and asks_words("鲍威尔怎么说的？")
    assert not asks_words("What does this article say about chip exports?")
    assert not asks_words("这篇文章怎么说？")
    # a term in quotation marks is no one's words
    named = (
        "Trump said the strikes under the name 'Operation Sledgehammer' would resume.",
        'Trump said the campaign, "Operation Sledgehammer", would resume.',
    )
    found = candidates(hits(*named), "What did Trump say about Iran?", [], "en")
    assert found[0].text == named[0]


def test_asked_about_a_recent_span_commentary_from_before_it_ranks_last() -> None:
    """ "最近一周" is the last few days: a July sentence is about another time, though its
    passage ranked first and it is not yet two months old."""
    texts = ("纳斯达克指数上涨2%，科技股领涨。", "纳斯达克指数近五个交易日下跌1.5%，芯片股拖累。")
    days = (dt.date(2026, 7, 1), dt.date(2026, 8, 19))
    found = dated(texts, days)
    asked = "纳斯达克最近一周表现怎么样？"
    ranked = candidates(found, asked, [], "zh", dt.date(2026, 8, 21), period="5D")
    assert ranked[0].text == texts[1]


def test_asked_about_this_year_last_years_commentary_ranks_last() -> None:
    """December's commentary is of last year: asked in January how bitcoin did this year, a
    sentence from this month answers, though December's passage ranked first and is as recent
    as a month can be."""
    texts = (
        "比特币大涨逾30%，创历史新高，市场情绪高涨。",
        "比特币下跌12%，跌破8万美元，市场情绪转冷。",
    )
    days = (dt.date(2025, 12, 29), dt.date(2026, 1, 2))
    found = dated(texts, days)
    ranked = candidates(found, "比特币今年表现如何？", [], "zh", dt.date(2026, 1, 20), period="YTD")
    assert ranked[0].text == texts[1]


def test_asked_what_is_to_come_views_older_than_a_month_rank_last() -> None:
    """ "美联储下次会议会降息吗？" is answered by this month's pricing: a forecast from six weeks
    ago is superseded, though its passage ranked first and says as much of the question."""
    texts = ("美联储下次会议可能降息，市场普遍预期。", "美联储下次会议降息的概率升至60%。")
    days = (dt.date(2026, 7, 10), dt.date(2026, 8, 1))
    found = dated(texts, days)
    ranked = candidates(found, "美联储下次会议会降息吗？", [], "zh", dt.date(2026, 8, 21))
    assert ranked[0].text == texts[1]


def test_asked_how_something_stands_views_older_than_a_month_rank_last() -> None:
    """ "美国就业市场表现如何？" asks how the labor market stands now: this month's report answers
    it, one from seven weeks ago no longer does, though its passage ranked first."""
    texts = (
        "美国就业市场仍在稳步增长，6月新增14.7万人。",
        "美国就业市场意外转弱，7月减少2.3万人。",
    )
    days = (dt.date(2026, 6, 20), dt.date(2026, 8, 7))
    found = dated(texts, days)
    for question in ("美国就业市场表现如何？", "How is the US labor market doing?"):
        ranked = candidates(found, question, [], "zh", dt.date(2026, 8, 7))
        assert ranked[0].text == texts[1], question


def test_asked_how_an_event_went_its_day_is_the_time_not_now() -> None:
    """ "SpaceX上市首日表现如何？" asks of the listing's first day: its report, seven weeks back,
    answers it before the newest news on SpaceX, which a question on how it stands now would
    rank first."""
    texts = ("SpaceX股价大跌16%，跌破首日收盘价。", "SpaceX上市首日收涨19%，市值达2万亿美元。")
    days = (dt.date(2026, 8, 4), dt.date(2026, 6, 14))
    found = dated(texts, days)
    ranked = candidates(found, "SpaceX上市首日表现如何？", [], "zh", dt.date(2026, 8, 7))
    assert ranked[0].text == texts[1]
    assert timely_span("SpaceX上市首日表现如何？", None) is None
    assert timely_span("How did SpaceX do on its debut?", None) is None
    assert timely_span("SpaceX表现如何？", None) == "1M"  # how it stands now


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("美国就业市场表现如何？", True),
        ("How is the US labor market doing?", True),
        ("Is inflation coming down?", True),  # under way
        ("通胀正在回落吗？", True),
        ("比特币今年表现如何？", True),  # read so; `timely_span` then sees it names the year
        ("What are the biggest risks for the market right now?", True),  # said in so many words
        ("当前市场最大的风险是什么？", True),
        ("What is the Fed currently signalling?", True),
        ("Is the yield curve inverted?", False),
        ("Is investing in gold worth it?", False),
        ("How did the Nasdaq do in July?", False),
    ],
)
def test_a_question_asks_how_things_stand_now(question: str, now: bool) -> None:
    assert asks_now(question) is now
    # "coming" frames "coming down": no term of the question
    assert "coming" not in {t for g in question_terms(question) for t in g}


def test_a_period_an_earlier_turn_asked_dates_no_view_of_this_one() -> None:
    """ "它的目标价是多少？" after "英伟达最近表现如何？" keeps "recently" for its figures, but the
    target price asked was not asked of the past month: May's target weighs as it would with
    no period. Asked "最近" itself, May's is from before the month asked, and weighs less."""
    texts = ("华尔街对英伟达的平均目标价已逼近307美元。", "英伟达目标价210美元，上涨空间19%。")
    days = (dt.date(2026, 5, 21), dt.date(2026, 8, 8))
    found = dated(texts, days)
    as_of, question = dt.date(2026, 8, 21), "英伟达的目标价是多少？"

    def scores(**period: object) -> dict[str, float]:
        return {c.text: c.score for c in candidates(found, question, [], "zh", as_of, **period)}

    carried = scores(period="1M", period_carried=True)
    assert carried == scores()
    assert scores(period="1M")[texts[0]] < carried[texts[0]]


def test_without_a_date_the_newest_commentary_found_is_recent_not_todays() -> None:
    """No as-of date (the LLM writer's and the research steps' call): a library ingested once
    is months old against today, and its newest passage still counts as recent."""
    texts = (
        "Gold prices rose 2% on Monday as investors sought haven assets amid tariff worries.",
        "Gold prices rose 1.5% on Wednesday as the dollar slid to a three-month low.",
    )
    days = (dt.date(2026, 4, 20), dt.date(2026, 8, 13))
    found = dated(texts, days)
    ranked = candidates(found, "Why did gold prices rise?", [], "en")
    assert ranked[0].text == texts[1]


def test_a_risk_said_to_be_easing_is_an_opportunity_not_a_risk() -> None:
    assert classify("As macroeconomic headwinds moderate, biotech ETFs are surging.") == (
        "opportunity"
    )
    assert classify("Much of the worry about tariffs and rates has faded away.") == "opportunity"
    assert classify("The risk of recession rose sharply this quarter.") == "risk"
    assert classify("投资者担忧通胀反弹风险。") == "risk"


def test_a_market_falling_in_chinese_words_is_a_risk() -> None:
    """Caution, a sector leading the fall and a plunge are a risk however "原油走强" ends the
    headline: Chinese news says a fall in more words than 下跌."""
    headline = "非农与美伊协议落地前市场谨慎，存储芯片股领跌美股，西部数据跌13%，原油走强"
    assert classify(headline) == "risk"
    assert classify("科技股重挫，纳指跌超2%。") == "risk"
    assert classify("美元走弱，黄金走强，金价创新高。") != "risk"  # one each: not a risk


def test_a_fall_reported_with_its_size_is_a_record_not_a_risk() -> None:
    """A market wrap's closes and a stock's move with its size are what happened, not a risk
    ahead; the same fall said without a size, or beside a worry, still is one."""
    wrap = "截至收盘，道琼斯指数下跌85.42点，收于46584.46点，跌幅为0.18%；标普500指数上涨5.02点。"
    assert classify(wrap) != "risk"
    assert classify("美股三大指数收涨，高通跌超6%，医疗指数创1997年以来最大跌幅。") != "risk"
    assert classify("The index declined 0.5% on Friday, a 2% drop for the week.") != "risk"
    assert classify("Sales fell, a 13% drop that worried investors.") == "risk"
    assert classify("科技股重挫，市场担忧AI泡沫。") == "risk"


def test_a_risk_guarded_against_is_no_risk() -> None:
    """What a holding helps ride out is not a risk ahead: "to ride out market volatility" is
    filed under no risk; a risk that volatility rises, or weather poses, still is."""
    guarded = (
        "From helping to ride out market volatility to capitalizing on gold miner momentum, "
        "they can play a powerful role in optimizing portfolio performance."
    )
    assert classify(guarded) != "risk"
    assert classify("黄金可以对冲波动风险。") != "risk"
    assert classify("Volatility could rise sharply as tariffs bite.") == "risk"
    assert classify("Weather disruptions pose a risk to crops.") == "risk"


def test_good_news_said_to_be_lacking_is_no_opportunity() -> None:
    """ "求职者面临的机会寥寥无几" and "little upside left" say an opportunity is missing: a risk,
    not an opportunity; "存在布局机会" is one."""
    assert classify("美国就业市场低招聘，导致许多求职者面临的机会寥寥无几。") == "risk"
    assert classify("分析师认为，小盘股上涨空间有限。") == "risk"
    assert classify("There is little upside left after the rally.") == "risk"
    assert classify("Lack of valuation support – the index trades at a 12% premium.") == "risk"
    assert classify("小盘股存在布局机会。") == "opportunity"
    assert classify("Small caps offer an opportunity as rates fall.") == "opportunity"


def test_a_symbol_the_question_writes_is_one_term_any_of_its_names_says() -> None:
    """ "标普小盘600" is the S&P SmallCap 600, said by "S&P SmallCap 600" in English; not 标普
    ("Standard and Poor") and 小盘 apart, which no English sentence says."""
    names = [("标普小盘600", "S&P SmallCap 600", "s&p 600"), ("罗素2000", "Russell 2000")]
    question = "罗素2000和标普小盘600指数年内平均涨了多少？"
    said = "The Russell 2000 and S&P SmallCap 600 indexes were up an average of 20.8%."
    assert coverage(said, question, names) > coverage(said, question)
    market = coverage("The market rose 1%.", question, names)
    assert coverage("The S&P 500 rose 1%.", question, names) == market  # not the 500


def test_naming_a_symbol_the_question_writes_does_not_count_twice() -> None:
    """The name is one of the question's terms already: a sentence saying only the name does
    not outrank one that says more of what is asked."""
    text = (
        "Acme Holdings owns big stakes in five Japanese trading houses. "
        "The group's new CEO closed the homebuilder deal within six months."
    )
    question = "Who is the Acme Holdings CEO behind its homebuilder acquisition?"
    found = candidates(hits(text), question, [("Acme Holdings",)], "en")
    assert found[0].text.startswith("The group's new CEO closed the homebuilder deal")


def test_a_sentence_under_an_authors_risks_heading_is_a_risk_whatever_its_words() -> None:
    assert section_kind("风险与机遇 / 风险因素") == "risk"
    assert section_kind("Risks and opportunities / Opportunities") == "opportunity"
    assert section_kind("风险与机遇") is None  # says both
    assert section_kind("历史先例与格局分析") is None and section_kind("") is None
    article = Hit(
        chunk=Chunk(
            id="c0",
            article_id="a0",
            text="“强硬的鹰派暂停”或意外的利率变动可能扰乱有利的金融环境逻辑。",
            section="风险与机遇 / 风险因素",
        ),
        score=1.0,
        title="2026年小盘股投资逻辑:催化因素与市场前景分析",
    )
    found = candidates([article], "这篇文章说了什么?", [], "zh", scoped=True)
    sentence = next(c for c in found if "鹰派暂停" in c.text)
    assert classify(sentence.text) != "risk"  # no cue word of its own
    assert sentence.kind == "risk" and sentence.filed
    assert not next(c for c in found if c.text.startswith("2026年小盘股")).filed  # headline


@pytest.mark.parametrize(
    ("question", "aside", "about"),
    [
        (
            "韩国半导体出口增长了多少？",
            "剔除半导体后，其余类别出口同比增长约26%。",
            "半导体出口同比增长178.8%。",
        ),
        (
            "How fast did chip exports grow?",
            "Exports excluding chips grew 26%.",
            "Chip exports grew 178.8%.",
        ),
        ("汽车零售额增长了多少？", "除汽车以外的零售额增长3.1%。", "汽车零售额增长1.2%。"),
    ],
)
def test_what_a_sentence_sets_aside_is_not_what_it_says(
    question: str, aside: str, about: str
) -> None:
    assert coverage(aside, question) < coverage(about, question)


def test_a_sentence_setting_aside_what_is_asked_covers_less_than_one_saying_nothing_of_it() -> None:
    """ "剔除半导体后" says the sentence is about everything but chips: for a question on chips it
    covers less than the same sentence without those words."""
    question = "韩国半导体出口增长了多少？"
    aside = coverage("剔除半导体后，其余类别出口同比增长约26%。", question)
    assert aside < coverage("其余类别出口同比增长约26%。", question)


def test_a_move_asked_is_said_in_part_by_any_words_for_it() -> None:
    """ "激增" is a way to say "grow": it covers the question's word in part, more than a
    sentence saying no move, less than one saying the word itself. "Growth" as a noun asks for
    no move."""
    question = "How fast did chip exports grow?"
    surged = coverage("半导体出口同比激增178.8%。", question)
    assert coverage("半导体出口达到410亿美元。", question) < surged
    assert surged < coverage("半导体出口同比增长178.8%。", question)
    assert coverage("Chip exports fell 3%.", question) < coverage(
        "Chip exports surged 9%.", question
    )
    growth = "Which small caps does it single out for growth?"
    assert coverage("Analysts upgraded Fortinet.", growth) == 0
    assert direction_of("grow") == 1 and direction_of("跌") == -1
    assert direction_of("涨跌") is None and direction_of("降息") is None
    assert direction_of("growth") is None


def test_a_word_the_dictionary_lacks_is_said_by_its_words_together() -> None:
    """黄金价格, which CC-CEDICT has only as 黄金 + 价格, is the price of gold: a sentence on
    consumer prices (价格 alone) does not say it, one on gold (what the price is of) says it in
    part, one on the price of gold in either language whole."""
    question = "黄金价格为什么上涨？"
    consumer = coverage("美国7月消费者价格指数同比上涨3.4%。", question)
    gold = coverage("现货黄金周四上涨2%，创下历史新高。", question)
    assert consumer < gold < coverage("黄金价格周四上涨2%，创下历史新高。", question)
    spot = coverage("Spot gold climbed 2% on Thursday.", question)
    assert coverage("Consumer prices climbed 3.4% in July.", question) < spot
    assert spot < coverage("The price of gold climbed 2% on Thursday.", question)


def test_a_word_for_a_price_is_said_in_part_by_what_is_priced() -> None:
    """油价 is in the dictionary whole ("oil price"): a sentence on crude (原油) says it in part,
    as 现货黄金 says 金价; one on prices of something else, in either language, does not."""
    question = "油价为什么上涨？"
    stocks = coverage("美股期货上涨，标普500指数期货涨0.80%。", question)
    crude = coverage("布伦特原油本月上涨38%。", question)
    assert stocks < crude < coverage("国际油价本月上涨38%。", question)
    assert coverage("现货黄金周四上涨2%。", "金价为什么上涨？") > coverage(
        "美股周四上涨2%。", "金价为什么上涨？"
    )


def test_an_english_compound_translating_a_chinese_word_is_said_by_all_its_words() -> None:
    """房价 is "home prices": the prices of oil are not it, US home prices are; "home" alone
    says it in part. Nor is a question's final 吗, or its 会, a term any sentence says."""
    question = "房价会跌吗？"
    assert all({"吗", "会", "什么"}.isdisjoint(group) for group in question_terms(question))
    oil = coverage("Oil prices tumble below $80 per barrel.", question)
    assert oil < coverage("US home sales tumble as mortgage rates climb.", question)
    assert coverage("US home prices tumble for a third month.", question) == 1.0
    assert coverage("腾讯云表示，部署在什么环境都由用户自己控制。", question) == 0


def test_a_figure_under_a_headline_naming_the_period_asked_is_half_for_it() -> None:
    """An article headed "韩国7月出口…" is about July: its figures that name no period count
    in part as July's; an article headed with June's do not."""
    texts = (
        "半导体出口同比激增178.8%至410亿美元。",
        "存储芯片贡献最大，当月半导体出口额增长57.4%。",
    )
    titles = ("韩国7月出口增速放缓但强于预期", "韩国6月出口创近50年最快增速")
    found = [
        h.model_copy(update={"title": t, "published": dt.date(2026, 8, 1)})
        for h, t in zip(hits(*texts), titles, strict=True)
    ]
    asked = "2026年7月韩国半导体出口增长了多少？"
    ranked = candidates(found, asked, [], "zh", dt.date(2026, 8, 3), period="2026-07")
    fit = {c.text: c.period_fit for c in ranked}
    assert fit[texts[0]] == 0.5 and fit[texts[1]] == 0


def test_a_figure_for_the_period_asked_is_on_topic_however_it_is_worded() -> None:
    """ "净增加17.2万人" answers "新增了多少就业岗位" for May though it shares few of its words,
    while a sentence sharing one word with a question stays off topic."""
    texts = (
        "美国4月新增11.5万个就业岗位，高于市场此前的预期。",
        "报告显示，5月非农就业人数净增加17.2万人，分析师此前预期8.5万人。",
        "美国的港口里，每4个集装箱就有一个来自亚洲。",
    )
    found = [
        c.text
        for c in candidates(hits(*texts), "美国5月新增了多少就业岗位？", [], "zh", period="2026-05")
    ]
    assert texts[1] in found
    assert texts[2] not in found


def test_a_sentence_leaning_on_the_one_before_is_quoted_with_it() -> None:
    """ "He singled out…" alone does not say who: it is quoted with the sentence naming him,
    chosen for what it says itself; that sentence, ranked higher alone (it names Schiff in
    full), takes the pair in its place and is not quoted a second time."""
    text = (
        "Peter Schiff spent much of the interview with Tucker Carlson attacking official "
        "inflation data. He singled out the Big Beautiful Bill as the "
        "worst policy of Trump's term, saying it preserved all the deficit spending."
    )
    question = "Which Trump policy did Peter Schiff call the worst?"
    found = [c.text for c in candidates(hits(text), question, [], "en")]
    lead, leaning = split_text(text)
    assert f"{lead} {leaning}" in found
    assert sum(lead in quoted for quoted in found) == 1


def test_a_sentence_leaning_on_the_one_before_is_about_what_that_one_names() -> None:
    """ "该产品…售价每套9800元" says the price asked for, but none of the names: those are in the
    sentence before, which it leans on. It covers what the better of the two does, so it is not
    dropped as off the question's topic, and the pair answers first."""
    lead = "星辰电池周二在上海车展发布了新款固态电池包GX7。"
    leaning = "该产品能量密度达到每公斤400瓦时，售价每套9800元。"
    question = "星辰电池在上海车展发布的GX7固态电池包售价多少？"
    found = [c.text for c in candidates(hits(lead + leaning), question, [], "zh")]
    assert found[0] == lead + leaning
    assert lead not in found  # quoted once, in the pair


def test_a_lead_gives_way_to_its_pair_when_the_two_together_say_more() -> None:
    """The lead names who and what ("the embassy… criticizing China's reliance on WWII-era
    agreements"); the sentence leaning on it names the documents asked for but little else.
    Alone each covers less of the question than the two do together, so the pair is quoted in
    the lead's place: the answer is in its second sentence."""
    lead = (
        "The US embassy in Taiwan emailed Reuters a statement in September criticizing "
        "China's reliance on WWII-era agreements in its claim to the island."
    )
    leaning = "They named the Cairo Declaration and the Potsdam Proclamation as the documents."
    question = "Which WWII-era documents did the US embassy in Taiwan accuse China of citing?"
    found = [c.text for c in candidates(hits(f"{lead} {leaning}"), question, [], "en")]
    assert f"{lead} {leaning}" in found
    assert lead not in found


def test_a_pair_in_its_leads_place_keeps_the_figure_the_lead_states_for_the_period() -> None:
    """The lead states May's figure; the sentence leaning on it states none. Quoted in the
    lead's place, the pair still states a figure for the period asked."""
    lead = "报告显示，5月非农就业人数净增加17.2万人，分析师此前预期8.5万人。"
    leaning = "这也说明美国劳动力市场依然稳健。"
    ranked = candidates(
        hits(lead + leaning), "美国5月新增了多少就业岗位？", [], "zh", period="2026-05"
    )
    fit = {c.text: c.period_fit for c in ranked}
    assert fit[lead + leaning] == 1


def test_the_count_a_sentence_opens_on_points_back_to_the_one_before() -> None:
    """ "The 17 ton purchase…" is the purchase the sentence before announced: it is quoted with
    that one, which says who bought and when. "The 10-year yield" and "The 2026 budget" name a
    thing, not a count already given."""
    lead = "Central banks returned to adding gold in April, the World Gold Council said."
    leaning = "The 17 ton purchase reversed steep sales in March."
    found = [c.text for c in candidates(hits(f"{lead} {leaning}"), "How much gold?", [], "en")]
    assert f"{lead} {leaning}" in found
    for alone in ("The 10-year yield rose to 4.5% in May.", "The 2026 budget adds $5 billion."):
        assert with_antecedent(alone, lead) == alone


def test_the_company_a_sentence_opens_on_is_the_one_the_sentence_before_named() -> None:
    """A wrap's "公司二季度营收19.4亿美元…" is Palantir's, which the short sentence before it
    names: quoted with it, it is no answer on Apple, whose question the wrap's article names;
    alone it read as Apple's. So "The company…" in English; 公司法 is a law, no company."""
    lead = "财报方面，Palantir美股盘后涨超10%。"
    leaning = "公司二季度营收19.4亿美元，分析师预期18.1亿美元；公司预计全年营收81.5亿美元。"
    assert with_antecedent(leaning, lead) == lead + leaning
    text = "大型科技股普涨，谷歌涨近5%，总市值超过苹果升至全球第二。苹果跌超1%。" + lead + leaning
    found = [c.text for c in candidates(hits(text), "苹果第二季度营收多少？", [("苹果",)], "zh",
                                        companies=[("苹果", "AAPL")])]  # fmt: skip
    assert not any("19.4亿" in t for t in found)
    english = "Palantir rose 10% after hours."
    assert with_antecedent("The company reported revenue of $1.94 billion.", english).startswith(
        english
    )
    law = "公司法修订草案明确了董事的忠实义务和勤勉义务，强化了控股股东责任。"
    assert with_antecedent(law, lead) == law


def test_a_chinese_sentence_leaning_back_is_joined_without_a_space() -> None:
    text = (
        "苹果天猫旗舰店显示，1月25日至2月11日期间苹果参与年货节活动，多款产品降价。"
        "其中，256GB版本的iPhone Air直降2000元，到手价低至5499元，降幅超过30%。"
    )
    found = [c.text for c in candidates(hits(text), "iPhone Air到手价最低多少钱？", [], "zh")]
    assert found[0] == text


@pytest.mark.parametrize(
    ("text", "question"),
    [
        # a connective: what follows it stands alone
        (
            "Oil rose on Monday as traders weighed supply risks in the Gulf region. However, "
            "gold fell 2% to $4,100 an ounce as the dollar strengthened against the yen.",
            "How far did gold fall?",
        ),
        # "this year" is a time, not a pointer back
        (
            "Oil rose on Monday as traders weighed supply risks in the Gulf region. This year "
            "gold has risen 18% to $4,100 an ounce as central banks kept buying bullion.",
            "How much has gold risen?",
        ),
        # the sentence before leans back in turn: the pair would still dangle
        (
            "He said the central bank would keep buying bullion for the rest of the year. "
            "This buying lifted gold 18% to $4,100 an ounce as the dollar weakened further.",
            "How much has gold risen?",
        ),
    ],
)
def test_a_sentence_that_stands_alone_is_quoted_alone(text: str, question: str) -> None:
    found = [c.text for c in candidates(hits(text), question, [], "en")]
    assert found[0] == split_text(text)[1]


def test_a_question_asking_why_is_answered_first_by_a_sentence_giving_a_cause() -> None:
    """Both say the dollar weakened; the one saying why comes first, though it ranked lower."""
    texts = (
        "美元指数近期持续走弱，美元贸易加权汇率较年初明显下跌，市场情绪偏谨慎。",
        "分析认为，美元近期的持续走弱源于美国政策反复无常，削弱了投资者对美国资产的信心。",
    )
    assert candidates(hits(*texts), "美元为什么走弱？", [], "zh")[0].text == texts[1]
    assert candidates(hits(*texts), "美元走弱了吗？", [], "zh")[0].text == texts[0]


def test_a_question_asking_why_something_fell_is_not_answered_by_its_rise() -> None:
    """ "Why are chip stocks falling?": "Chip stocks rallied this week" gives a cause, of the
    other move, and is no answer; asked whether they fell, it is one (they did not)."""
    texts = (
        "Chip stocks rallied this week on a wave of strong tech earnings.",
        "Chip stocks slid after new export curbs were announced.",
    )
    assert [c.text for c in candidates(hits(*texts), "Why are chip stocks falling?", [], "en")] == [
        texts[1]
    ]
    assert len(candidates(hits(*texts), "Did chip stocks fall this week?", [], "en")) == 2
    # nor is a sentence naming the symbol asked about: "现货白银下跌" for why silver soared
    silver = [("白银", "现货白银", "silver")]
    texts = ("周三现货白银下跌0.55美元，跌幅0.89%。", "分析称，现货白银大涨3.4%，因美元走弱。")
    found = candidates(hits(*texts), "白银为什么大涨？", silver, "zh")
    assert [c.text for c in found] == [texts[1]]


def test_a_word_for_a_move_jieba_cuts_apart_is_still_only_a_move() -> None:
    """ "白银为什么大涨？": 大涨, which jieba cuts into 大 + 涨, says how silver moved, not what:
    "云计算服务商大涨" under a headline on the Nasdaq is not on the question."""
    wanted = question_terms("白银为什么大涨？")
    cloud = Said.of("云计算服务商大涨，CoreWeave大涨逾19%。")
    assert not on_the_question([cloud], wanted, Said.of("全球市场：道指创新高 纳指涨逾2%"))
    assert on_the_question([Said.of("现货白银大涨3.4%。")], wanted, Said.of(""))


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("Why did oil prices rise?", True),
        ("What is driving the small-cap rotation?", True),
        ("What's behind the rally in chip stocks?", True),
        ("油价为什么上涨？", True),
        ("芯片股上涨的原因是什么？", True),
        ("What is the outlook for gold?", False),
        ("How much did gold gain in January?", False),
        ("美元走弱了多少？", False),
    ],
)
def test_a_question_asks_why_in_either_language(question: str, why: bool) -> None:
    assert asks_cause(question) is why


@pytest.mark.parametrize(
    ("sentence", "cause"),
    [
        ("Oil rises on Monday amid heightened tensions in the Middle East.", True),
        ("Micron, Nvidia fall after SK Hynix plunges nearly 15% as chip sell-off deepens.", True),
        ("Oil prices rise as traders weigh mixed US inventory data.", True),
        ("Chip stocks rallied this week on strong tech earnings.", True),
        ("美债收益率：受油价上涨刺激，美债遭到抛售。", True),
        ("业内分析认为，AI需求爆发是涨价潮的重要原因。", True),
        ("As of the close on Friday, the Russell 2000 was up 7.5%.", False),
        ("Shares rose 3% after the close on Tuesday.", False),
        ("Cosmos则是驱动这一切的世界基础模型。", False),
        ("富国银行表示：“中东局势升级推动油价走高。”", True),
        ("在全球避险情绪的猛烈驱动下，投资者正涌入黄金。", True),
        ("政策不确定性共同构成了此轮金价暴涨的核心驱动力。", True),
        ("公司将推动新产品在海外上市。", False),
        ("Chip stocks slide in US and Asia as AI jitters rattle investors", True),
        ("Stocks fell as rate fears weighed on tech.", True),
        ("Stay invested as long as earnings hold up.", False),
    ],
)
def test_a_sentence_gives_a_cause(sentence: str, cause: bool) -> None:
    assert gives_cause(sentence) is cause


def test_a_question_asking_when_is_answered_first_by_a_sentence_naming_the_time() -> None:
    """Both are about his death; the one naming the day comes first, though it says fewer of
    the question's words."""
    dated = "公司公告称，管金生先生因突发疾病抢救无效，不幸于2025年10月7日去世。"
    undated = "管金生先生作为中国证券行业的先驱去世，他曾被誉为中国证券教父，创办了万国证券。"
    found = hits(dated, undated)
    assert candidates(found, "万国证券创始人管金生是哪天去世的？", [], "zh")[0].text == dated


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("When will Bovino retire?", "any"),
        ("博维诺打算什么时候退休？", "any"),
        ("管金生是哪天去世的？", "day"),
        ("On what date is al-Sharaa due to meet Trump?", "day"),
        ("盖茨持有许可是从哪年到哪年？", "year"),
        ("Which month did exports peak?", "month"),
        # "when" opening a clause asks how much, not when
        ("When ChiNext broke its 2015 high, how much did it rise that day?", None),
        ("How much did stocks fall when the Fed hiked?", None),
    ],
)
def test_a_question_asks_when_as_precisely_as_it_says(question: str, unit: str | None) -> None:
    assert asks_when(question) == unit


@pytest.mark.parametrize(
    ("sentence", "unit", "says"),
    [
        ("管金生不幸于2025年10月7日与世长辞。", "day", True),
        ("The company said on Monday it would cut jobs.", "day", True),
        ("Bovino said he will retire at the end of March.", "day", False),
        ("Bovino said he will retire at the end of March.", "month", True),
        ("Gates held a Q clearance from 2014 to 2021.", "year", True),
        ("高盛预计2025年和2026年央行购金量将分别为80吨和70吨。", "day", False),
        ("The retirement will be announced soon.", "any", False),
    ],
)
def test_a_sentence_names_a_time_as_precise_as_asked(sentence: str, unit: str, says: bool) -> None:
    assert says_when(sentence, unit, dt.date(2026, 6, 1)) is says  # type: ignore[arg-type]


def test_an_amount_asked_is_answered_by_one_given_in_words() -> None:
    """Funding news gives the amount as "超亿元": asked how much was raised, that sentence comes
    first, though its passage ranked lower."""
    about = "途见科技试图构建从感知硬件到模型训练的完整链路。"
    raised = "硬氪获悉，途见科技近日完成两轮融资，累计金额超亿元。"
    found = candidates(hits(about, raised), "做机器人电子皮肤的途见科技融了多少钱？", [], "zh")
    assert found[0].text == raised


def test_two_reports_of_one_notice_are_quoted_once_though_each_leans_on_it() -> None:
    """Each report opens with the notice and goes on with a sentence leaning on it ("这是…",
    "这一政策…"), so each is quoted as a pair; the two pairs share too few words to be alike as
    wholes, but their first sentences say the same: one pair is quoted."""
    notice = "5月18日，商务部等6部门正式发布了《关于加力优化离境退税措施扩大入境消费的通知》。"
    first = notice + "这是继2025年优化离境退税1.0版政策后推出的2.0升级版，退税办理更快。"
    second = (
        notice.replace("正式", "")
        + "这一政策被称为离境退税2.0版，提出提升退税商店覆盖率、实行小额抽检制、推行退税无纸化"
        "办理、优化入境消费环境等8条举措。"
    )
    found = candidates(hits(first, second), "离境退税2.0版有哪些举措？", [], "zh")
    assert sum("5月18日" in c.text for c in found) == 1


def test_a_name_the_question_glosses_is_one_term_said_by_either_spelling() -> None:
    """jieba cuts 博维诺 into 博/维/诺, which "维立志博" and "银诺医药" say; glossed as (Bovino), it
    is one name, said by 博维诺 or Bovino. 时候 of 什么时候 is how the question asks, no term."""
    question = "美国边境巡逻队指挥官博维诺（Bovino）打算什么时候退休？"
    assert coverage("劲方医药、银诺医药、维立志博等暗盘都有超额认购。", question) == 0
    said = coverage(
        "Border Patrol commander Gregory Bovino will retire at the end of March.", question
    )
    assert said == coverage("边境巡逻队指挥官博维诺将于3月底退休。", question) > 0.5
    assert coverage("The agency did not respond by publication time.", question) == 0
    assert coverage("Bob said so.", "·（Bob）是谁？") == 1  # glossing no word: an ordinary one


@pytest.mark.parametrize(
    "caption",
    [
        "途见科技研发的可拉伸多模态柔性电子皮肤样品（图源/企业）",
        "U.S. Border Patrol Commander Gregory Bovino seen here in Charlotte, N.C., on Nov. 17.",
        "Traders work on the floor of the New York Stock Exchange (Photo by Spencer Platt).",
        # what a chart the reader cannot see shows
        "The chart below overlays the daily performance of several Treasury bonds since 2007.",
        "The HSBC table above ranks the probability of each Fed funds target range.",
        "下图显示了过去十年间美国十年期国债收益率的走势与联邦基金利率的关系。",
        # a call to the reader to do something
        "File a complaint with the FBI's Internet Crime Complaint Center at ic3.gov.",
        "Follow us on X and LinkedIn for the latest updates on the markets.",
        "请关注我们的公众号，获取更多关于市场的最新分析和数据。",
        "If you enjoyed today’s post, check out U.S. Dollar Index Falls 10.1% in 2025 on Voronoi.",
        "We’ve prepared a free special report that explains the major trends unfolding right now.",
        "Explore why the S&P may be mispricing geopolitical risk, the case for India, and gold.",
        "Learn how to prepare, with insights on fixed income, emerging markets and muni bonds.",
        "Get instant access to the special report on the biggest trades of the year here.",
        # a record's fields run together
        "Event Date: 03/18/2026 Company Name: Micron Event Description: Q2 2026 Earnings Call",
    ],
)
def test_a_photo_caption_or_a_call_to_the_reader_is_not_quoted(caption: str) -> None:
    """The page's furniture and service, not what it reports."""
    assert not quotable(clean(caption))
    assert quotable(clean("Follow-on offerings slowed as the market fell 3% in a week."))
    assert quotable(clean("As the chart below shows, redemption requests rose to 17% of assets."))
    assert quotable(clean("Watch whether AI is visibly lifting ad revenue at the big platforms."))


def test_an_embedded_posts_link_is_not_quoted() -> None:
    """A post embedded in a page ends with its links, and is often cut short: quoted without
    them, and a post cut short keeps its whole clauses only."""
    post = "Other assets are airborne, not visible on tracking data. pic.twitter.com/h9wg"
    assert clean(post, followed=True) == "Other assets are airborne, not visible on tracking data."
    cut = "Planes flew to Europe, enroute to RAF Mildenhall in… pic[.]twitter[.]com/M"
    assert clean(cut, followed=True) == "Planes flew to Europe."
    tweet = "It would be comedy if it were not so tragic https://t.co/Z3MLszXT"
    assert clean(tweet) == "It would be comedy if it were not so tragic"
    both = "I hope Tesla fixes it before it becomes a problem. https://t.co/IelP pic.twitter.com/Or"
    assert clean(both) == "I hope Tesla fixes it before it becomes a problem."


def test_a_hyphenated_word_says_its_parts() -> None:
    """A word written with hyphens says each part: "commander-at-large" says "commander"."""
    assert coverage("Gregory Bovino, commander-at-large, will retire.", "Which commander?") == 1
    product = "What is the price of Evotrex's PG5 trailer?"
    assert coverage("松鼠动力的首款产品Evotrex-PG5正式发布。", product) == 0.5  # Evotrex, PG5


def test_a_sentence_leading_into_a_statement_is_quoted_with_it() -> None:
    """ "The ministry said, after a meeting between Rudenko and the ambassador:" names who spoke;
    the statement after it says what. Quoted together, as one; a label ("Key points:") is not
    joined to what follows, nor is a lead whose passage ends there."""
    lead = (
        "The Russian Foreign Ministry said in a statement issued after a meeting between Deputy"
        " Foreign Minister Andrey Rudenko and the South Korean ambassador:"
    )
    statement = '"The Russian side expressed serious concern over Seoul\'s drift toward NATO."'
    question = (
        "Which Russian minister met the South Korean ambassador about NATO and Seoul's drift?"
    )
    found = candidates(hits(f"{lead}\n\n{statement}"), question, [], "en")
    assert found[0].text == f"{lead} {statement}"
    # however long the two are together, and measured by the better of the two, not by both:
    # the other sentences on the question stay candidates
    long_statement = statement[:-2] + ", " + "as its ministry said again at length" * 8 + '."'
    other = "Russia and South Korea have argued over NATO for months, the minister said."
    found = candidates(hits(f"{lead}\n\n{long_statement}", other), question, [], "en")
    assert found[0].text == f"{lead} {long_statement}" and len(found[0].text) > 400
    assert any(c.text == other for c in found)
    label = "Key points:"
    found = candidates(hits(f"{label}\n\n{statement}", lead), question, [], "en")
    assert all(not c.text.startswith(label) for c in found)
    assert all(c.text != lead for c in found)  # cut short where its passage ends


def test_a_verb_is_said_in_any_tense() -> None:
    """ "ordered" says "order" and "stopped" "stop", as the question's 下令 is "to order"; a
    derivation does not ("production" is no "product"), nor a short word ("used" is no "us")."""
    question = "Which court ordered the detention, and did the strikes stop?"
    said = "A Polish court has ordered his 40-day detention; the strikes stopped."
    assert coverage(said, question) == 1
    assert coverage("Its own production is coming back to bite them.", "Which product?") == 0
    assert coverage("They used the data.", "What did the US say about the data?") == 0.5


def test_a_list_item_ending_with_a_semicolon_is_quoted_as_a_statement() -> None:
    """A paragraph that is one item of a list ends "；": quoted alone, it ends as a sentence."""
    item = "李飞飞创立的空间智能公司World Labs在2026年2月官宣了10亿美金的融资，估值高达50亿美金；"
    assert clean(item) == item[:-1] + "。"
    assert clean("Rates rose to 4.2%, the highest in a year;") == (
        "Rates rose to 4.2%, the highest in a year."
    )


def test_an_aspect_word_counts_only_where_most_of_the_subject_is_said() -> None:
    """ "performing" says how the US labor market does only in a sentence on that market, not
    in one that says "US" about something else."""
    question = "How is the US labor market performing?"
    models = "Goldman sees the top performing Chinese AI models priced at US$1 per million tokens."
    market = "The U.S. labor market showed remarkable endurance in April."
    assert coverage(models, question) < coverage(market, question)
    # so does what drives it: an ETF "driving" a health-care opportunity is no reason for the
    # small-cap rotation, in either language
    question = "What is driving the small-cap rotation?"
    for other in (
        "The ETF gives exposure to the value chain driving this high-growth opportunity.",
        "这并非系统性的医药板块减仓，而更像是一次风险偏好的主动调整。",
    ):
        assert coverage(other, question) == 0.0, other
    assert coverage("Rate cuts are driving the small-cap rotation.", question) == 1.0


def test_an_aspect_word_in_any_form_a_question_writes_it() -> None:
    """ "performed", "drove", "changed", "worst", 变化: which side of the subject is asked, in
    whatever form, counts only in a sentence on the subject: a venture fund's "巨大的变化" says
    nothing of credit spreads, nor "worst-case scenarios" of which sector did worst."""
    question = "信用利差最近有什么变化？"
    assert coverage("它带着当地政府的诉求，这些是一个巨大的变化。", question) == 0.0
    assert coverage("超大规模科技公司的信用利差已创新高。", question) > 0
    question = "Which sector performed worst this year?"
    doomsday = "Social media is filled with endless discussions about worst-case scenarios."
    assert coverage(doomsday, question) == 0.0
    assert coverage("Utilities were the worst-performing sector this year.", question) > 0
    for asked in ("What drove the rally in gold?", "How has the yield curve changed?"):
        assert ASPECT in question_terms(asked)[0] | question_terms(asked)[-1], asked


def test_a_market_performs_as_it_moves_not_on_a_stage() -> None:
    """ "perform" is 表现 in market commentary, not 演出 or 表演: a concert is no market that
    performed."""
    question = "How did small caps perform?"
    (performed,) = [t for t in translate(question) if t.term == "perform"]
    assert performed.words == ("表现",)
    concert = "单场大型演出对交通、住宿的带动比例可达1:6.85。"
    assert coverage(concert, "Which sector performed worst?") == 0


def test_a_part_of_the_economy_is_no_sector_of_the_market() -> None:
    """ "the private sector", "public and private sectors", 公共部门: a drone story's sectors
    do not say which sector of the market did worst."""
    question = "Which sector lagged the market?"
    drones = "Drone technology has spread across both public and private sectors."
    assert coverage(drones, question) == 0.0
    assert coverage("Blamed the private sector for higher prices.", question) == 0.0
    assert coverage("The energy sector lagged the market.", question) == 1.0


def test_how_things_stand_is_no_term_of_the_question() -> None:
    """ "最新情况", "the situation": the question asks how its subject stands, and a sentence
    saying 情况 of something else ("数据修正情况") says no more of inflation than one that
    states it."""
    question = "美国通胀最新情况如何？"
    revised = "分析师称美国通胀压力有所缓解，但要考虑到就业数据修正情况。"
    stated = "美国7月通胀率小幅回落至3.4%。"
    assert coverage(revised, question) == coverage(stated, question) == 1.0
    assert coverage("The situation in the fuel market is tense.", "What is the oil situation?") == 0


def test_a_series_restating_itself_is_quoted_from_its_newest_issue() -> None:
    """A monthly series repeats its text. Asked with no period, the newer issue is quoted, though
    the older ranked first; asked about the older one's month, the older is."""
    text = "The 10-year Treasury yield has ranged from a peak of 15.68% in 1981 to a low of 0.52%."
    older, newer = hits(text, text)
    older = older.model_copy(update={"published": dt.date(2025, 10, 1)})
    newer = newer.model_copy(update={"published": dt.date(2026, 7, 1)})
    question = "What is the long-term view on the 10-year Treasury yield?"
    found = candidates([older, newer], question, [], "en", dt.date(2026, 8, 1))
    assert [c.hit.published for c in found] == [dt.date(2026, 7, 1)]
    in_september = "What was the long-term view on the 10-year Treasury yield in September 2025?"
    found = candidates([older, newer], in_september, [], "en", dt.date(2026, 8, 1))
    assert [c.hit.published for c in found] == [dt.date(2025, 10, 1)]
    # and so where the new issue brings its figures up to date in the same words
    updated = newer.model_copy(
        update={
            "chunk": newer.chunk.model_copy(
                update={"text": text.replace("0.52%", "0.50%").replace("15.68%", "15.82%")}
            )
        }
    )
    found = candidates([older, updated], question, [], "en", dt.date(2026, 8, 1))
    assert [c.hit.published for c in found] == [dt.date(2026, 7, 1)]


def test_what_an_article_covers_is_quoted_only_to_the_reader_who_chose_it() -> None:
    text = (
        "This article looks at the 10-year Treasury yield's history since 1962 and its drivers. "
        "The 10-year Treasury yield rose to 4.6% in July as oil prices lifted inflation fears."
    )
    question = "What is driving the 10-year Treasury yield?"
    about, finding = split_text(text)
    assert [c.text for c in candidates(hits(text), question, [], "en")] == [finding]
    scoped = [c.text for c in candidates(hits(text), question, [], "en", scoped=True)]
    assert about in scoped
    assert not candidates(
        hits("本文将从三个方面分析美债收益率上行的原因与影响。"), "美债收益率为什么上行？", [], "zh"
    )


def test_a_sentence_from_an_article_never_naming_what_was_asked_comes_after() -> None:
    """Found for the question's other words ("最高涨到多少美元"), an oil line ranked first; the one
    naming gold answers. A sentence need not name it where its headline does."""
    oil, gold = hits(
        "布伦特原油周一盘中最高涨7.9%至97.50美元/桶，WTI原油涨逾7%至约90美元/桶。",
        "9月29日，COMEX期金再创历史新高，盘中最高涨至3849美元/盎司。",
    )
    oil = oil.model_copy(update={"title": "油价飙升近8%，美股期货回落"})
    names = [("黄金", "金价", "期金", "gold")]
    found = candidates([oil, gold], "黄金最高涨到多少美元？", names, "zh")
    assert found[0].hit is gold
    about_gold = oil.model_copy(update={"title": "油价飙升近8%，黄金小幅走软"})
    found = candidates([about_gold, gold], "黄金最高涨到多少美元？", names, "zh")
    assert found[0].hit is about_gold


def test_a_name_is_written_whole_in_latin_and_anywhere_in_chinese() -> None:
    assert names_written("9月29日，COMEX期金再创历史新高", ["期金", "gold"]) == ["期金"]
    assert names_written("AI芯片龙头英伟达AMD齐涨", ["英伟达", "AMD"]) == ["英伟达", "AMD"]
    assert not names_written("AMDX shares rose", ["AMD"])


def test_a_company_another_is_likened_to_is_not_named_by_the_likeness() -> None:
    """“量子英伟达”Rigetti is Rigetti: its earnings are no answer to how Nvidia's stock moved
    after its own. So 中国版特斯拉. The name quoted alone, or after a quoted epithet, is it."""
    nvidia = ["英伟达", "Nvidia"]
    assert not names_written("营收翻了三倍，但“量子英伟达”Rigetti股价却在盘后下跌", nvidia)
    assert not names_written("小鹏被称为中国版特斯拉", ["特斯拉"])
    assert names_written("“英伟达”股价下跌", nvidia) == ["英伟达"]
    assert names_written("“AI之王”英伟达发布财报", nvidia) == ["英伟达"]


def test_a_digests_sentence_naming_nothing_asked_is_another_story() -> None:
    """A digest ("8点1氪丨…") strings stories together: asked the S&P 500's P/E, its line on
    an unnamed company's P/E of 104 is another story, though it says 市盈率; its line naming
    the S&P 500 is quoted."""
    text = (
        "红磷科技提示，当前市盈率104.23倍，高于行业均值58.15倍，投资者需注意风险。"
        "美股方面，标普500指数周二收涨0.5%，再创收盘历史新高，科技股领涨。"
    )
    names = [("标普500", "S&P 500")]
    digest = Hit(chunk=Chunk(id="c0", article_id="a0", text=text), score=1.0,
                 title="8点1氪丨特朗普：期待中国之行；快手计划分拆可灵AI")  # fmt: skip
    found = [c.text for c in candidates([digest], "标普500市盈率多少？", names, "zh")]
    assert found[0].startswith("美股方面") and not any("104.23" in t for t in found)


def test_an_index_is_not_written_by_another_index_nor_by_an_exchange_listing() -> None:
    """The Nasdaq Composite is not named by "纳斯达克中国金龙指数" (another index its brand heads)
    nor by "(TSX/Nasdaq: TRI)" (the exchange a company is listed on); it is by 纳斯达克综合指数,
    纳指 and "the Nasdaq"."""
    nasdaq = ["Nasdaq Composite", "Nasdaq", "纳斯达克综合指数", "纳斯达克", "纳指"]
    assert not names_written("热门中概股多数上涨，纳斯达克中国金龙指数涨0.9%。", nasdaq)
    assert not names_written("Thomson Reuters Corporation (TSX/Nasdaq: TRI) announced", nasdaq)
    assert not names_written("The Nasdaq 100 index fell 1%.", nasdaq)
    assert names_written("纳斯达克综合指数下跌12.17点", nasdaq)
    assert names_written("纳指收涨1%，恒生指数下跌", nasdaq) == ["纳指"]
    assert names_written("The Nasdaq fell 1% on Monday.", nasdaq) == ["Nasdaq"]
    wanted = question_terms("纳指7月表现如何？", [tuple(nasdaq)])
    golden_dragon = Said.of("热门中概股多数上涨，纳斯达克中国金龙指数涨0.9%。")
    assert not on_the_question([golden_dragon], wanted, Said.of("全球市场"))
    # a company is named whatever index follows its name
    assert names_written("英伟达股价带动费城半导体指数上涨", ["英伟达", "Nvidia"]) == ["英伟达"]


def test_a_commodity_is_not_written_by_a_proper_name_holding_its_word() -> None:
    """Silver is not named by the buyout firm Silver Lake, nor gold by the miner Allied Gold;
    it is by "Gold rose", "The Gold price", a title-case headline and "SPDR Gold ETF". A
    company's name after a capitalised word ("Although Nvidia") is still its name."""
    silver = ["silver price", "Silver", "silver", "SI=F", "白银"]
    gold = ["gold price", "Gold", "gold", "GC=F", "黄金"]
    assert not names_written("Its investors are Oracle, MGX, and Silver Lake, owning 45%.", silver)
    assert not names_written("收购加拿大矿企Allied Gold，进一步巩固地位", gold)
    assert not names_written("Allied Gold shares jumped 9% after the deal.", gold)
    assert names_written("Gold rose 2% on Monday as the dollar slid.", gold)
    assert names_written("The Gold price rose sharply this week.", gold)
    assert names_written("Gold Prices Hit Record As Dollar Slides", gold)
    assert names_written("Investors piled into the SPDR Gold ETF this week.", gold)
    assert names_written("Although Nvidia reported record revenue, its shares fell.", ["Nvidia"])
    wanted = [frozenset(Name(n.lower()) for n in silver)]
    assert not Said.of("Oracle and Silver Lake together own 45% of the venture.").says(wanted[0])


def test_a_commodity_is_not_written_by_a_chinese_company_named_for_it() -> None:
    """老铺黄金 (a jeweller) and 紫金黄金 (a miner) are no mention of gold; 现货黄金, 纽约黄金期货
    and 投资者买入黄金 are."""
    gold = ["gold price", "Gold", "gold", "GC=F", "黄金"]
    assert not names_written("消费者更愿意购买老铺黄金这样的资产。", gold)
    assert not names_written("紫金黄金拟55亿加元收购一家矿企。", gold)
    for text in ("现货黄金下跌0.15%。", "纽约黄金期货上涨。", "投资者买入黄金避险。"):
        assert names_written(text, gold), text


def test_a_month_asked_about_ahead_is_answered_from_the_newest_commentary() -> None:
    """ "美联储9月会降息吗" in August asks about the coming September: last September's news is
    not its news."""
    last_year, recent = hits(
        "美联储9月宣布降息25个基点，这是今年首次降息，市场普遍预期年内还将继续降息。",
        "市场预计美联储9月降息25个基点的概率升至80%，官员对降息前景的表态趋于一致。",
    )
    last_year = last_year.model_copy(update={"published": dt.date(2025, 9, 18)})
    recent = recent.model_copy(update={"published": dt.date(2026, 8, 10)})
    asked = "美联储9月会降息吗？"
    found = candidates([last_year, recent], asked, [], "zh", dt.date(2026, 8, 13))
    assert found[0].hit is recent
    past = candidates([last_year, recent], "美联储9月降息了吗？", [], "zh", dt.date(2026, 8, 13))
    assert past[0].hit is last_year


def test_a_phrase_is_said_without_its_stop_words_and_with_its_verbs_in_any_tense() -> None:
    """ "Strait of Hormuz" and "pass through" are phrases the dictionary knows whole (霍尔木兹海峡,
    通过); a sentence's words never hold "of" or "through" (stop words), nor does it say "pass"
    where it says "passing": the sentence naming the strait said neither phrase."""
    question = "How much has Iran been charging each ship to pass through the Strait of Hormuz?"
    wanted = question_terms(question)
    assert any("strait of hormuz" in group for group in wanted)
    said = "Iran has been collecting $2 million per vessel passing through the Strait of Hormuz."
    assert coverage(said, question) == pytest.approx(3 / 5)  # Iran, the strait, passing through
    assert coverage("Iran closed the strait to tankers.", question) == pytest.approx(1 / 5)


@pytest.mark.parametrize(
    ("question", "framing"),
    [
        ("网络犯罪报告里，诈骗损失有多少？", "里"),  # in the report
        ("金价最高涨到多少美元？", "到"),  # rose to
        ("退税最快要多长时间？", "要"),  # will take
        ("降价后到手价最低多少钱？", "后"),  # after
        ("这种情况历史上出现过几次？", "过"),  # has happened
        ("白银短期能涨到多少？", "能"),  # can
        ("收盘时沪指报多少点？", "时"),  # when
        ("做电子皮肤的公司融了多少钱？", "做"),  # that makes
        ("德意志银行给应用材料的目标价是多少？", "给"),  # set for
    ],
)
def test_a_character_that_frames_a_chinese_question_is_no_term(question: str, framing: str) -> None:
    """A lone character jieba leaves that says how a question asks, not what about: any sentence
    says it somewhere (里 in 公里, 到 in 达到, 要 in 主要), so it measured nothing but noise."""
    assert not any(framing in group for group in question_terms(question))


def test_an_acronym_the_library_glosses_is_said_by_its_chinese_name() -> None:
    """Neither CC-CEDICT nor our glossary has "NIM": where the library's articles write 净息差
    （NIM）, a sentence saying 净息差 says the question's "NIM", as search already finds it."""
    question = "What is ICBC's NIM guidance?"
    said = "ICBC将全年的净息差预期下调至1.3%。"
    glosses = (("nim", "净息差"),)
    assert coverage(said, question) < share(
        Said.of(said), question_terms(question, glosses=glosses)
    )
    assert candidates(hits(said), question, [], "en", glosses=glosses)
    assert not candidates(hits(said), question, [], "en")  # unglossed, it says no NIM


def test_a_dollar_named_by_its_country_says_no_country() -> None:
    """ "US$1 per token" is a price: it does not put a Chinese model maker's pricing in an
    answer on the US labor market."""
    question = "How is the US labor market performing?"
    priced = "Chinese AI models are priced at around US$1 per blended 1M tokens, HK$8 in Hong Kong."
    assert coverage(priced, question) == 0
    assert coverage("US stocks rose as the labor market held up.", question) > 0.5


def test_a_currency_after_a_figure_is_a_unit_not_the_currency_asked_about() -> None:
    """ "约4050美元/盎司" prices gold in dollars: it says no more of why the dollar weakened
    than "$4,050" does, and "weaken" is a move (so is 走弱, which jieba cuts into 走 + 弱), which
    a sentence on a host's immune system or on tech stocks' late slide says of something else."""
    for question in ("Why did the dollar weaken?", "美元为什么走弱？"):
        wanted = question_terms(question)
        gold = "黄金周四下跌近2%，至约4050美元/盎司——加息预期上升削弱了这一无息资产的吸引力。"
        assert not on_the_question([Said.of(gold)], wanted, Said.of("")), question
        dollar = "消息一出，国债收益率急跌，美元走软，黄金随即冲至两个月高位。"
        assert on_the_question([Said.of(dollar)], wanted, Said.of("")), question
    parasite = "One parasite infection can weaken a host's immune system."
    assert not on_the_question(
        [Said.of(parasite)], question_terms("Why did the dollar weaken?"), Said.of("")
    )
    slide = "比特币突破65000美元关口，且并未随科技股尾盘走弱而回吐涨幅。"
    assert not on_the_question([Said.of(slide)], question_terms("美元为什么走弱？"), Said.of(""))


def test_a_currency_asked_an_amount_in_is_said_by_an_amount_in_it() -> None:
    """ "最高涨到多少美元？" asks for an amount in dollars: "5110美元" and "$5,110" say it, a
    sentence naming the dollar does not."""
    question = "金价涨到了多少美元？"
    named = coverage("金价随美元走弱。", question)
    assert coverage("金价触及5110美元的历史新高。", question) > named
    english = coverage("Gold hit a record as the dollar fell.", question)
    assert coverage("Gold hit a record $5,110 an ounce.", question) > english


def test_a_character_a_longer_translation_holds_says_nothing_alone() -> None:
    """CC-CEDICT gives "China" as 中 and 中国, "public" as 公 and 公共: a sentence says China
    with 中国 or 对华 (exports to China), not with the 中 of 过程中, nor "public" with the 公
    of 公司."""
    question = "How much do China's public companies export?"
    assert coverage("在发展过程中，这家公司的出口增长。", question) < coverage(
        "对华出口增长，公共部门也在增长。", question
    )
    assert coverage("中国出口增长。", question) == coverage("对华出口增长。", question) > 0


def test_a_place_alone_does_not_say_the_subject_it_qualifies() -> None:
    """ "US" is where the US labor market is, not what it is: a sentence saying only the US
    ("Similar to the US, the coding segment…") says nothing of how the labor market performs,
    while one on the labor market that leaves the country unsaid does."""
    question = "How is the US labor market performing?"
    elsewhere = "Similar to the US, the coding segment is dominated by top models."
    assert coverage(elsewhere, question) == 0
    labor = coverage("Kashkari says the labor market is performing in decent shape.", question)
    assert labor == coverage("The US labor market is performing in decent shape.", question) * 2 / 3
    assert labor > 0.5


def test_why_of_a_month_an_earlier_turn_asked_quotes_that_months_news() -> None:
    """ "Why?" after "How did the Nasdaq do in July?" names no month, but asks why it moved in
    July: July's commentary on it outranks January's, though January's passage ranked first."""
    texts = (
        "The Nasdaq rallied as megacap tech earnings beat forecasts.",
        "The Nasdaq slid as chip stocks sold off on export curbs.",
    )
    days = (dt.date(2026, 1, 20), dt.date(2026, 7, 10))
    found = dated(texts, days)
    nasdaq = [("Nasdaq", "纳指")]
    july = dt.date(2026, 7, 31)
    ranked = candidates(found, "Why?", nasdaq, "en", july, period="2026-07", period_carried=True)
    assert ranked[0].text == texts[1]
    typed = candidates(found, "Why did the Nasdaq move in July?", nasdaq, "en", july)
    assert typed[0].text == texts[1]  # as when the question names the month itself


def test_a_quarter_asked_is_a_time_not_a_word_another_companys_figure_must_say() -> None:
    """ "纳指二季度涨了多少？": a company's second-quarter revenue says the question's "二季度"
    but nothing of the Nasdaq. The quarter is the time asked, judged by the article's date as
    a month is, and another company's figure for it is that company's news: the sentences on
    the Nasdaq are the answer, the revenue none of it."""
    texts = (
        "财报方面，英特尔第二季度营收161.3亿美元，同比增长25%，预估144.3亿美元。",
        "Rivian盘后跌超6%，公司预计二季度营收初步估算为15.5亿-16.5亿美元。",
        "截至收盘，纳斯达克综合指数上涨288.49点，收于26121.16点，涨幅为1.12%。",
    )
    pool = dated(texts, [dt.date(2026, 7, 23)] * len(texts))
    nasdaq = [("纳指", "纳斯达克综合指数", "Nasdaq Composite")]
    asked = "纳指二季度涨了多少？"
    found = candidates(pool, asked, nasdaq, "zh", dt.date(2026, 8, 21), period="2026-Q2")
    assert [c.text for c in found] == [texts[2]]


def test_a_running_total_to_another_month_is_no_figure_for_the_half_asked() -> None:
    """China's statistics are running totals: "1—6月份" is the first half, "1—5月份" is not,
    though it ranks first and says every other word the same."""
    texts = (
        "2026年1—5月份全国规模以上工业企业利润增长18.8%",
        "2026年1—6月份全国规模以上工业企业利润增长18.7%",
    )
    days = (dt.date(2026, 6, 27), dt.date(2026, 7, 27))
    pool = dated(texts, days)
    asked = "2026年上半年全国规模以上工业企业利润增长了多少？"
    found = candidates(pool, asked, [], "zh", dt.date(2026, 7, 28), period="2026-H1")
    assert found[0].text == texts[1]


def test_the_exchange_a_company_lists_on_is_not_its_index() -> None:
    """ "纳指7月表现如何？": a company's debut on the Nasdaq, or its listing there, says nothing
    of the Nasdaq Composite; the index's close does."""
    texts = (
        "上周四刚在纳斯达克上市、首日暴涨68%的Cerebras Systems，周五回吐10%。",
        "SK Hynix rises 13% in Nasdaq debut as demand is enormous.",
        "Thomson Reuters (TSX/Nasdaq: TRI) reported results for the second quarter.",
        "截至收盘，纳斯达克综合指数上涨288.49点，涨幅为1.12%。",
    )
    nasdaq = [("纳指", "纳斯达克综合指数", "纳斯达克", "Nasdaq", "Nasdaq Composite")]
    found = candidates(hits(*texts), "纳指7月表现如何？", nasdaq, "zh", period="2026-07")
    assert [c.text for c in found] == [texts[3]]


def test_the_word_setting_an_as_of_date_is_no_word_a_sentence_must_say() -> None:
    """ "截至2026年7月15日，罗素2000今年涨了多少？": every market wrap writes "截至收盘", which
    says nothing of the Russell 2000."""
    texts = (
        "石油板块也逆市上涨，截至收盘，中国石油涨3%，通源石油涨超6%。",
        "截至目前，公司不存在相关资产注入的相关情况。",
        "今年以来，罗素2000指数上涨20.8%，小盘股强势回归。",
    )
    russell = [("罗素2000", "罗素2000指数", "Russell 2000")]
    asked = "截至2026年7月15日，罗素2000今年涨了多少？"
    found = candidates(hits(*texts), asked, russell, "zh", dt.date(2026, 7, 15), period="YTD")
    assert [c.text for c in found] == [texts[2]]


def test_a_sectors_stocks_are_its_name_not_a_word_any_stock_says() -> None:
    """ "How did energy stocks do last week?": "energy stocks" names the sector, as "bank
    stocks" does, so "Cerebras stock plunges 14%" says none of the question."""
    from assistant.question.vocabulary import default_vocabulary

    energy = tuple(name for name, symbol in default_vocabulary().names if symbol == "XLE")
    texts = (
        "Cerebras stock plunges 14% after second earnings report following IPO",
        "Energy stocks rose 3% this week as oil rallied.",
    )
    found = candidates(hits(*texts), "How did energy stocks do last week?", [energy], "en")
    assert [c.text for c in found] == [texts[1]]

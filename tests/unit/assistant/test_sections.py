"""Writing the offline answer's sections: which sentences are quoted, and how."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest

from assistant.gather.quotable import quotable_headline, stories
from assistant.gather.sources import SourceRegistry, reporter
from assistant.offline.gathering import Gathered
from assistant.offline.quoting import cite, lead_in, needs_date, paragraph, quotation
from assistant.offline.sections import SectionWriter
from assistant.question.intents import asks_amount
from assistant.question.parse import parse_question
from assistant.question.vocabulary import default_vocabulary
from ingest.models import Chunk, Hit
from tools.result import Provenance, ToolResult

ALL_KINDS = {"risk", "opportunity", "insight", "general"}


def hit(n: int, text: str, source: str = "华尔街见闻", url: str | None = None) -> Hit:
    return Hit(
        chunk=Chunk(id=f"c{n}", article_id=f"a{n}", text=text),
        score=1.0,
        title=f"第{n}篇文章的标题",
        published=dt.date(2026, 8, 1),
        source=source,
        url=url,
    )


def writer_for(question: str, hits: list[Hit]) -> SectionWriter:
    """The sections of the offline answer to `question` from these passages."""
    vocabulary = default_vocabulary()
    parsed = parse_question(question, vocabulary)
    return SectionWriter(parsed, Gathered(hits=hits), SourceRegistry(), vocabulary)


def chip_exports_writer(hits: list[Hit]) -> SectionWriter:
    """The sections of an English answer on South Korea's chip exports in July 2026."""
    vocabulary = default_vocabulary()
    question = parse_question(
        "How fast did South Korea's chip exports grow in July 2026?",
        vocabulary,
        as_of=dt.date(2026, 8, 3),
    )
    return SectionWriter(question, Gathered(hits=hits), SourceRegistry(), vocabulary)


def test_the_few_quotations_go_to_the_sentences_that_cover_the_question_most() -> None:
    """Better-ranked passages that only name the country do not take the places of the one
    that says what was asked, in the other language."""
    hits = [
        hit(0, "韩国总统府周五表示，韩国将在8月举行第三轮贸易磋商，参会人数约120人。"),
        hit(1, "韩国外交部周四表示，韩国与对方已就12项议题交换意见，谈判将于下周继续。"),
        hit(2, "韩国统计厅表示，韩国6月就业人数同比增加18万人，失业率为2.7%。"),
        hit(3, "韩国7月半导体出口同比增长178.8%至410亿美元，连续第二个月创新高。"),
    ]
    quoted = chip_exports_writer(hits).take(ALL_KINDS, 2)
    assert quoted[0].startswith(
        "> A Chinese-language source (August 1, 2026) reports: 韩国7月半导体出口"
    )


def test_sentences_quoted_in_a_row_from_one_article_share_its_lead_in() -> None:
    """Two sentences of one Chinese report in an English answer are one block quotation under
    one "… reports:", joined as Chinese is; another article's sentence has its own."""
    day = dt.date(2026, 8, 7)
    first = quotation("本周，纳指累计上涨5.19%。", 1, "Eastmoney", day, "en")
    second = quotation("标普创新高。", 1, "Eastmoney", day, "en")
    other = quotation("Stocks fell.", 2, "Reuters", day, "zh")
    assert paragraph(["Prose.", first, second, other], "en") == (
        "Prose.\n\n> Eastmoney (August 7, 2026) reports: "
        "本周，纳指累计上涨5.19%[1]。标普创新高[1]。"
        "\n\n> 据Reuters（2026年8月7日）报道：Stocks fell[2]."
    )
    english = [quotation(t, 3, "CNBC", day, "zh") for t in ("Chips fell.", "Oil rose.")]
    assert paragraph(english, "zh") == "> 据CNBC（2026年8月7日）报道：Chips fell[3]. Oil rose[3]."


def test_with_nothing_in_the_readers_language_more_of_the_others_is_quoted() -> None:
    """Chinese sentences on the question and no English one: the English answer quotes more
    than the two it would beside sentences of its own language."""
    texts = [
        "韩国7月半导体出口同比增长178.8%至410亿美元，连续第二个月创新高。",
        "韩国7月芯片出口激增，存储芯片价格上涨推动出口额创下纪录。",
        "韩国7月半导体出口增长主要得益于人工智能服务器需求旺盛。",
        "分析人士预计韩国半导体出口增长将在下半年延续。",
    ]
    writer = chip_exports_writer([hit(n, text) for n, text in enumerate(texts)])
    quoted = writer.take(ALL_KINDS, 6)
    assert len(quoted) > 2 and all(q.startswith("> ") for q in quoted)
    english = hit(9, "South Korea's chip exports grew in July 2026 as memory prices rose.")
    mixed = chip_exports_writer([english] + [hit(n, text) for n, text in enumerate(texts)])
    assert sum(q.startswith("> ") for q in mixed.take(ALL_KINDS, 6)) <= 2


def test_a_quotation_goes_to_the_figure_for_the_period_asked() -> None:
    """For July's chip exports, a sentence on the first half's, though it says more of the
    question's words, gives its place to the one stating July's (its article is headed with
    July) in other words ("激增" for "grow")."""
    hits = [
        hit(0, "韩国今年上半年对美半导体出口同比增长92%，创历史新高。"),
        hit(1, "半导体出口同比激增178.8%至410亿美元，连续第二个月突破400亿美元关口。"),
    ]
    hits[1] = hits[1].model_copy(update={"title": "韩国7月出口增速放缓但强于预期"})
    assert "178.8%" in chip_exports_writer(hits).take(ALL_KINDS, 1)[0]


def test_a_quotation_is_compared_with_the_readers_sentences_on_the_words_both_can_say() -> None:
    """A Chinese sentence saying the question's untranslatable words (截至, 中旬) but not its
    subject does not keep out the English one that says the subject: the two are compared on
    the terms English can say."""
    vocabulary = default_vocabulary()
    question = parse_question(
        "截至7月中旬，罗素2000指数年内平均涨了多少？", vocabulary, as_of=dt.date(2026, 7, 20)
    )
    hits = [
        hit(0, "截至7月中旬，道琼斯运输指数表现强劲，接近历史高位，市场情绪较好。"),
        hit(1, "The Russell 2000 was up an average of 20.8% in July, its best run in years.", "AP"),
    ]
    writer = SectionWriter(question, Gathered(hits=hits), SourceRegistry(), vocabulary)
    quoted = writer.take(ALL_KINDS, 2)
    assert any("20.8%" in q and q.startswith("> ") for q in quoted)


def test_a_quotation_on_the_company_asked_about_is_measured_against_what_names_it() -> None:
    """Asked about Nvidia, a Chinese sentence on the sector's data centres, saying more of the
    question's words, does not keep out the English one stating Nvidia's figure: only what
    names the company sets the bar for a sentence on it."""
    question = "英伟达数据中心收入二季度增长了多少？"
    hits = [
        hit(0, "二季度行业数据中心收入同比增长约四成，云厂商资本开支持续加码。"),
        hit(1, "Nvidia's data center sales jumped 56% from a year earlier.", "CNBC"),
    ]
    hits[0] = hits[0].model_copy(update={"title": "英伟达财报前瞻：数据中心需求旺盛"})
    quoted = writer_for(question, hits).take(ALL_KINDS, 2)
    assert any("56%" in q and q.startswith("> ") for q in quoted)


def test_asked_for_an_amount_a_quotation_stating_one_fits_better() -> None:
    """ "How much…" is answered by the sentence stating the amount, though another says a
    little more of the question without one; "how are … doing" asks no amount."""
    texts = [
        "韩国对中国的存储芯片出口增长势头强劲，需求旺盛，出口结构持续优化。",
        "韩国存储芯片出口增长至410亿美元。",
    ]
    hits = [hit(n, text) for n, text in enumerate(texts)]
    amount = writer_for("How much did South Korea's memory chip exports to China grow?", hits)
    assert "410" in amount.take(ALL_KINDS, 1)[0]
    assert asks_amount("赎回申请占比是多少？") and asks_amount("What share of A-shares rose?")
    assert not asks_amount("How are chip stocks doing?")


def test_an_article_without_a_source_is_named_by_its_site_never_by_its_headline() -> None:
    url = "http://www.baijiahao.baidu.com/s?id=1"
    assert reporter("", url, "zh") == "baijiahao.baidu.com"
    assert reporter("CNBC", url, "en") == "CNBC"
    assert lead_in(reporter("", None, "en"), dt.date(2025, 10, 7), "en") == (
        "An article (October 7, 2025) reports: "
    )
    assert lead_in(reporter("", None, "zh"), None, "zh") == "据一篇文章报道："


@pytest.mark.parametrize(
    ("source", "url", "english"),
    [
        ("华尔街见闻", "https://wallstreetcn.com/articles/1", "wallstreetcn.com"),
        ("BBC全球经济", "https://www.bbc.com/news/1", "BBC"),
        ("经济学人 Economist", "https://www.economist.com/a", "Economist"),
        ("华尔街见闻", None, "a Chinese-language source"),
    ],
)
def test_an_english_reader_gets_a_source_name_he_can_read(
    source: str, url: str | None, english: str
) -> None:
    """A Chinese feed name in English prose is its Latin part or its site ("BBC全球经济" is an
    English BBC feed, not "a Chinese-language source"); a Chinese reader reads it as it is."""
    assert reporter(source, url, "en") == english
    assert reporter(source, url, "zh") == source
    lead = lead_in(english, dt.date(2026, 8, 1), "en")  # it opens the quotation
    assert lead == f"{english[:1].upper()}{english[1:]} (August 1, 2026) reports: "


def _written_title(question: str, headline: str, text: str) -> str:
    vocabulary = default_vocabulary()
    parsed = parse_question(question, vocabulary, as_of=dt.date(2026, 5, 14))
    found = hit(0, text, source="东方财富网").model_copy(update={"title": headline})
    writer = SectionWriter(parsed, Gathered(hits=[found]), SourceRegistry(), vocabulary)
    writer.sections()
    return writer.title()


def test_a_news_answer_is_titled_by_the_headline_that_states_the_finding() -> None:
    text = "A股三大指数今日集体走强，创业板指重返4000点，突破2015年6月的高点，创出历史新高。"
    title = _written_title(
        "创业板指创历史新高那天涨了多少？", "创业板指大涨2.63%创历史新高 近150只股票涨停", text
    )
    assert title == "创业板指大涨2.63%创历史新高 近150只股票涨停"


def test_a_headline_is_measured_without_the_period_the_question_names() -> None:
    """The period a question names is answered by dates, not words, as the sentences were
    chosen: a headline stating the finding titles the answer without repeating "July 2026"."""
    headline = "Russia Expresses Alarm Over Deepening NATO-South Korea Ties"
    text = "Russia's deputy foreign minister told Seoul's envoy that the ties were a threat."
    question = "Which Russian official complained in July 2026 about Seoul's ties with NATO?"
    assert _written_title(question, headline, text) == headline


def test_a_digest_is_titled_by_its_story_on_the_question_and_not_quoted_whole() -> None:
    """A digest strings several stories into one headline: the answer is titled by the one on
    the question, and the headline is not quoted for the figure another story holds."""
    headline = "8点1氪丨腾讯股价暴涨15%；预计今年安排约1100亿育儿补贴；英伟达与微软合作"
    text = "财政部表示，预计今年安排约1100亿元育儿补贴资金，比去年增加约100亿元。"
    title = _written_title("今年财政部安排了多少育儿补贴？", headline, text)
    assert title == "预计今年安排约1100亿育儿补贴"
    assert stories(headline)[0] == "腾讯股价暴涨15%"
    assert not quotable_headline(headline, scoped=False)
    # a daily wrap strings its stories by spaces after its column's name
    wrap = "全球市场：道指创收盘历史新高 纳指涨逾2% 大型科技股普涨 国际油价跌超5%"
    assert stories(wrap) == ["道指创收盘历史新高", "纳指涨逾2%", "大型科技股普涨", "国际油价跌超5%"]
    assert stories("韩国7月出口增速放缓 芯片出口破400亿美元") == [
        "韩国7月出口增速放缓 芯片出口破400亿美元"  # a story and its detail
    ]
    # a semicolon digest's story keeps whose news it is
    assert stories("中信证券：净利润预增69.59%；德科立：净利润预增216.8%")[0] == (
        "中信证券：净利润预增69.59%"
    )


def test_a_headline_not_naming_the_company_asked_about_leaves_the_lead_sentence_as_title() -> None:
    """A headline on chip stocks does not title a question on Nvidia; the lead sentence's
    clause stating the finding does."""
    text = "Nvidia shares fell 5% after its earnings, as the new guidance disappointed investors."
    question = "Why did Nvidia stock fall after its earnings?"
    title = _written_title(question, "Chip stocks fall as earnings guidance disappoints", text)
    assert title == "Nvidia shares fell 5% after its earnings"


def test_a_headline_naming_only_the_subject_does_not_title_the_answer() -> None:
    """紫金黄金 says 黄金, but the headline says nothing of how far gold rose; the lead sentence
    says what moved (the clause before the figure is part of it)."""
    text = "消息公布后，紫金黄金股价一度上涨近9%，金价同日突破每盎司5000美元。"
    title = _written_title("黄金今年涨了多少？", "紫金黄金拟55亿加元收购Allied Gold", text)
    assert "收购" not in title and "上涨近9%" in title


@pytest.mark.parametrize(
    ("question", "text", "title"),
    [
        # after its opening phrase of how or when, a sentence's subject may start the title
        (
            "What limit did the G7 set on reliance on one country for rare earths?",
            "Without naming China directly, the group set a goal of limiting reliance on any one"
            " country to 20%, with a longer-term target of 50%.",
            "The group set a goal of limiting reliance on any one country to 20%",
        ),
        (
            "马士基股价跌了多少？",
            "消息公布后，丹麦航运巨头马士基的股价应声下跌2%，而同业股价普遍上涨。",
            "丹麦航运巨头马士基的股价应声下跌2%",
        ),
        # …and after its connective: a title does not open on "However,"
        (
            "Is it legal to distill spirits at home in the US?",
            "However, federal law prohibits distilling spirits at home, whatever the state says.",
            "Federal law prohibits distilling spirits at home",
        ),
        # who said it, or an opening phrase, with nothing said after it, states no finding
        (
            "What is the outlook for gold?",
            "According to the latest gold purchase tracker from Goldman, of the 59 tonnes of gold"
            " bought by central banks in April, China's central bank was estimated by the bank's"
            " analysts to have bought 24 tonnes, well below the recent pace of imports, which are"
            " about five times that.",
            "What is the outlook for gold",
        ),
        # …nor what leans on the sentence before, after its connective ("同时，这也…")
        (
            "美国就业市场表现如何？",
            "同时，这也可能使非农就业数据与劳动力市场调查结果更加一致。",
            "美国就业市场表现如何",
        ),
        # a clause that leans on a main one later is no finding alone ("尽管…", "If…")
        (
            "英伟达最近的财报怎么样？",
            "尽管英伟达在最新财报中交出了超预期的营收与利润，并批准了股票回购授权，"
            "但股价盘后仍下跌。",
            "尽管英伟达在最新财报中交出了超预期的营收与利润，并批准了股票回购授权，但股价盘后仍下跌",
        ),
        (
            "What did Nvidia report?",
            "Although Nvidia reported record revenue, its shares fell 5%.",
            "Although Nvidia reported record revenue, its shares fell 5%",
        ),
        # a finding too long for a title leaves the question
        (
            "Why did Nvidia stock fall after its earnings?",
            "In a note to clients on Monday the bank's strategists, who had long been cautious,"
            " said that Nvidia shares fell 5% after its earnings as guidance disappointed.",
            "Why did Nvidia stock fall after its earnings",
        ),
    ],
)
def test_the_lead_sentences_finding_titles_the_answer_where_it_fits(
    question: str, text: str, title: str
) -> None:
    assert _written_title(question, "Markets wrap", text) == title


def test_a_headline_naming_the_company_by_the_ticker_asked_titles_the_answer() -> None:
    text = "HPE shares soared 20% after its earnings beat forecasts, led by networking sales."
    question = "Why did HPE stock soar after its latest earnings?"
    headline = "HPE stock soars on its biggest earnings beat since 2018"
    assert _written_title(question, headline, text) == headline


def _titled(question: str, *articles: tuple[str, str]) -> str:
    """The title of an English answer quoting these (headline, sentence) articles."""
    vocabulary = default_vocabulary()
    parsed = parse_question(question, vocabulary, as_of=dt.date(2026, 1, 27))
    hits = [
        hit(n, text, source="BBC").model_copy(update={"title": headline})
        for n, (headline, text) in enumerate(articles)
    ]
    writer = SectionWriter(parsed, Gathered(hits=hits), SourceRegistry(), vocabulary)
    writer.sections()
    return writer.title()


def test_the_second_lead_sentences_headline_titles_the_answer_when_the_first_cannot() -> None:
    """The first quoted sentence comes from an article on something else; the second answers
    as much, under a headline stating the finding."""
    question = "How much did gold gain in January and what record did it set?"
    off = (
        "Tucker Carlson presses Peter Schiff on bitcoin as a reserve currency",
        "Gold set a record above $5,000 an ounce on Monday and gained 17% in January.",
    )
    on = (
        "Gold tops $5,000 for the first time, a record after its January gain",
        "Gold set a record above $5,000 on Monday, a gain of 18% in January alone.",
    )
    assert _titled(question, off, on) == on[0]
    weaker = (
        "Gold miners rally as the metal sets a record in January",
        "Gold miners rallied on Monday, their shares lifted by the metal's price.",
    )
    # no headline states it: the first sentence does, under the headline on bitcoin
    assert _titled(question, off, weaker) == off[1].rstrip(".")


def test_a_cited_sentence_ends_with_its_languages_full_stop_whatever_its_last_word() -> None:
    assert cite("香农芯创：上半年净利润同比预增2117.54%—2434.34%", 2) == (
        "香农芯创：上半年净利润同比预增2117.54%—2434.34%[2]。"
    )
    assert cite("欧洲央行行长表示将维持利率不变 ECB", 1).endswith("[1]。")
    assert cite("Revenue rose 12% at 百度", 3) == "Revenue rose 12% at 百度[3]."
    assert cite("利润增长12%。", 4) == "利润增长12%[4]。"


def test_a_named_source_keeps_its_own_spelling_in_the_lead_in() -> None:
    assert lead_in("eToro", None, "en") == "eToro reports: "


def test_a_section_the_readers_language_has_nothing_for_is_not_filled_with_a_weaker_quotation() -> (
    None
):
    """An English answer's "opportunities" stays empty rather than quote a Chinese sentence that
    says only "stocks" while an English sentence saying the whole question is still unused."""
    vocabulary = default_vocabulary()
    question = parse_question(
        "How have biotech stocks done this year?", vocabulary, as_of=dt.date(2026, 8, 3)
    )
    hits = [
        hit(0, "Biotech stocks gained 12% this year as deal activity picked up.", "AP"),
        hit(1, "受益于降息预期，股票市场今年有望进一步走强，资金持续流入。"),
    ]
    writer = SectionWriter(question, Gathered(hits=hits), SourceRegistry(), vocabulary)
    assert writer.take({"opportunity"}, 2) == []
    assert writer.take(ALL_KINDS, 2) == [
        "Biotech stocks gained 12% this year as deal activity picked up[1]."
    ]


def test_a_chosen_article_in_the_other_language_is_quoted_in_the_order_it_answers() -> None:
    """Asked about one Chinese article in English, its sentences are the answer: the one that
    names the companies asked about comes first, though another says more of the question's
    words."""
    vocabulary = default_vocabulary()
    question = parse_question(
        "Which small caps does this article single out for growth?",
        vocabulary,
        as_of=dt.date(2026, 8, 3),
    )
    question = replace(question, article_id="a0")
    hits = [
        hit(0, "小盘股的增长前景向好，GDP增长率预计为2.2%，对小盘股有利。"
               "市值34亿美元的盛美半导体(ACMR)过去三年的销售额增长率为44.5%。"),
    ]  # fmt: skip
    writer = SectionWriter(question, Gathered(hits=hits), SourceRegistry(), vocabulary)
    assert "(ACMR)" in writer.take(ALL_KINDS, 1)[0]


PAIN_TRADES = (
    "HSBC's strategist lists the pain trades that could catch the consensus off guard.\n\n"
    "Pain trade #1: The AI trade continues unabated\n\nEarnings keep beating forecasts.\n\n"
    "Pain trade #2: An explosive USD rally\n\nThe June FOMC gave the dollar a lift."
)


def _scoped(question: str, text: str, source: str) -> SectionWriter:
    vocabulary = default_vocabulary()
    parsed = parse_question(question, vocabulary, as_of=dt.date(2026, 8, 3))
    parsed = replace(parsed, article_id="a0")
    hits = [hit(0, text, source)]
    return SectionWriter(parsed, Gathered(hits=hits), SourceRegistry(), vocabulary)


def test_asked_what_a_chosen_article_lists_the_answer_gives_its_numbered_headings() -> None:
    analysis = _scoped("Which pain trades does HSBC list here?", PAIN_TRADES, "AP").analysis()
    assert (
        "The article lists: (1) The AI trade continues unabated; (2) An explosive USD rally[1]."
        in analysis
    )
    quoted = _scoped("这篇文章列出了哪些痛苦交易（pain trades）？", PAIN_TRADES, "AP").analysis()
    assert "> 据AP（2026年8月1日）报道：(1) The AI trade continues unabated; " in quoted
    # not asked for a list, or a list on something else: no outline
    assert "lists:" not in _scoped("Why is HSBC bullish?", PAIN_TRADES, "AP").analysis()
    assert "lists:" not in _scoped("Which banks cut rates?", PAIN_TRADES, "AP").analysis()


RISKS_SECTION = "风险与机遇 / 风险因素"
SEED_LIKE = [
    Chunk(id="c0", article_id="a0", ordinal=0, section="宏观经济催化因素分析",
          text="货币政策转向:美联储的沟通基调已转向灵活。\n\n估值差距:小盘股估值存在折价。"),
    Chunk(id="c1", article_id="a0", ordinal=1, section="核心洞察",
          text="考虑配置小盘股的投资者应考虑较高波动率与风险承受能力。"),
    Chunk(id="c2", article_id="a0", ordinal=2, section=RISKS_SECTION,
          text="国内经济疲软:疲软的消费者信心可能拖累小盘股。\n\n"
               "美联储政策不确定性:“强硬的鹰派暂停”或意外的利率变动可能扰乱有利的金融环境逻辑。"),
]  # fmt: skip


def test_asked_which_risks_a_chosen_article_sees_the_answer_gives_its_risks_labels() -> None:
    vocabulary = default_vocabulary()
    asked = "这篇文章认为小盘股面临哪些风险？"
    parsed = replace(parse_question(asked, vocabulary, as_of=dt.date(2026, 2, 1)), article_id="a0")
    hits = [Hit(chunk=c, score=1.0, title="小盘股投资逻辑", source="Ginlix") for c in SEED_LIKE]

    def writer() -> SectionWriter:
        return SectionWriter(parsed, Gathered(hits=hits), SourceRegistry(), vocabulary)

    listed = (  # each risk with what the article says of it; not the catalysts
        "文章列出：\n- 国内经济疲软：疲软的消费者信心可能拖累小盘股[1]。\n"
        "- 美联储政策不确定性：“强硬的鹰派暂停”或意外的利率变动可能扰乱有利的金融环境逻辑[1]。"
    )
    answer = writer()
    assert answer.analysis().startswith(listed)
    assert "鹰派暂停" not in answer.risks()  # said once in an answer
    # the author's own risks first, not a sentence elsewhere that mentions risk
    risks = writer().risks()
    assert "鹰派暂停" in risks and "较高波动率" not in risks


def test_without_an_as_of_date_commentary_is_dated_against_the_figures_day() -> None:
    """No date asked: "最近一周" ends on the figures' last close, not on today's date, so the
    week's sentence leads, not July's."""
    vocabulary = default_vocabulary()
    parsed = parse_question("纳斯达克最近一周表现怎么样？", vocabulary)
    july = hit(0, "纳斯达克指数上涨2%，科技股领涨。").model_copy(
        update={"published": dt.date(2026, 7, 1)}
    )
    week = hit(1, "纳斯达克指数近五个交易日下跌1.5%，芯片股拖累。").model_copy(
        update={"published": dt.date(2026, 8, 19)}
    )
    day = Provenance("macro", (), "local price store", dt.date(2026, 8, 21), "test")
    macro = ToolResult(frame=pd.DataFrame(), provenance=day, summary="")
    gathered = Gathered(macro=macro, hits=[july, week])
    writer = SectionWriter(parsed, gathered, SourceRegistry(), vocabulary)
    assert writer.pool[0].text == week.chunk.text


def test_without_figures_an_older_article_is_dated_against_the_newest_on_the_question() -> None:
    """No prices and no date asked: the answer is as of the newest commentary on the question,
    so last October's sentence carries its date; May's, the newest, does not."""
    old = hit(0, "日经225指数早盘一度暴涨超4.5%，报47873点。").model_copy(
        update={"published": dt.date(2025, 10, 6)}
    )
    new = hit(1, "日经225指数涨幅飙升5%，首次突破62000点。").model_copy(
        update={"published": dt.date(2026, 5, 7)}
    )
    writer = writer_for("日经225指数最近表现如何？", [old, new])
    quoted = {c.hit.chunk.id: writer.quote(c) for c in writer.pool}
    assert "2025年10月6日" in quoted["c0"]
    assert "2026年5月7日" not in quoted["c1"]


def test_an_article_from_before_the_week_asked_is_dated_though_written_days_ago() -> None:
    """Last week's figures are Monday to Friday: Friday's "best week since April" from the
    week before is dated, a Tuesday article of the week is not; a trailing month's 7 days
    back is not, and one day's figures date every other day."""
    friday = dt.date(2026, 8, 14)
    assert needs_date(dt.date(2026, 8, 7), friday, "WTD")
    assert not needs_date(dt.date(2026, 8, 11), friday, "WTD")
    assert not needs_date(dt.date(2026, 8, 7), friday, "1M")
    assert needs_date(dt.date(2026, 8, 13), friday, "1D")
    assert not needs_date(dt.date(2026, 8, 7), None, "WTD")  # no day to tell its age from


def test_an_articles_amount_said_again_in_other_words_is_quoted_once() -> None:
    """An article's "finishing with a gain of 3.6%" and its "a 3.6% weekly gain" say one
    thing: the second is not quoted; another article's 3.6% and a sentence with a new figure
    from the same article are."""
    texts = (
        "The S&P 500 capped off its best week since April, finishing with a gain of 3.6%.",
        "The S&P 500 posted a 3.6% weekly gain, its best weekly showing since April.",
    )
    same = [hit(0, texts[0]), hit(0, texts[1]).model_copy(update={"chunk": Chunk(
        id="c1", article_id="a0", text=texts[1])})]  # fmt: skip
    writer = writer_for("How did the S&P 500 do this week?", same)
    assert len(writer.take(ALL_KINDS, 4)) == 1
    other = [hit(0, texts[0]), hit(1, texts[1])]
    assert len(writer_for("How did the S&P 500 do this week?", other).take(ALL_KINDS, 4)) == 2


def test_a_quotation_saying_little_of_what_the_best_sentence_says_is_not_taken() -> None:
    """Once the sentence giving Paulsen's figure is used, an English one that only names the
    S&P 500 ("its biggest decline in eight weeks") is not quoted for having as much of the
    question as the weak Chinese sentences left: it says under half of what the best one did."""
    vocabulary = default_vocabulary()
    question = parse_question(
        "Jim Paulsen算的标普500过去30年滚动平均市盈率现在大概多少倍？",
        vocabulary,
        as_of=dt.date(2026, 8, 3),
    )
    hits = [
        hit(
            0, "根据Jim Paulsen的分析，标普500指数过去30年的滚动平均市盈率已从约14倍升至约19.5倍。"
        ),
        hit(1, "分析师指出，标普500指数的估值中枢已结构性上移。"),
        hit(
            2,
            "That was the biggest decline for the S&P 500 in eight weeks, after a strong past "
            "couple of months.",
            "AP",
        ),
    ]
    writer = SectionWriter(question, Gathered(hits=hits), SourceRegistry(), vocabulary)
    assert "19.5倍" in writer.take(ALL_KINDS, 1)[0]
    assert writer.take(ALL_KINDS, 2) == ["分析师指出，标普500指数的估值中枢已结构性上移[2]。"]


def test_a_question_on_the_sectors_naming_none_is_answered_by_sentences_naming_one() -> None:
    """ "Which sectors are leading?" was answered with "the private sector" of a pension rule and
    a campaign someone was "leading": every sector is what it asks about."""
    hits = [
        hit(0, "A court order divides a pension earned through a private sector employer plan."),
        hit(1, "Energy and utilities are leading the market this month, while tech lags."),
    ]
    writer = writer_for("Which sectors are leading right now?", hits)
    assert writer.pool[0].text.startswith("Energy and utilities")


def test_a_digests_items_worded_alike_are_each_quoted_for_their_own_figures() -> None:
    """Two companies' items, worded alike but each with its own figures, are two pieces of
    news: quoting one does not make the other a repeat."""
    hits = [
        hit(0, "中信证券：上半年净利润同比预增69.59%。"),
        hit(1, "德科立：上半年净利润同比预增216.8%至277.31%。"),
    ]
    writer = writer_for("中信证券和德科立上半年净利润预计增长多少？", hits)
    quoted = " ".join(writer.take(ALL_KINDS, 3))
    assert "69.59%" in quoted and "216.8%" in quoted

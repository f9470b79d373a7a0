"""Which sentences are fit to quote: whole (not a piece a chunk boundary or a feed cut off),
undamaged, long enough to say something, and not a site's furniture or an instruction; read
from the retrieved passages with the sentences around them (a sentence leaning on the one
before, or leading into the one after, is quoted with it)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from assistant.answer.citations import strip_markers
from assistant.answer.numbers import figures_in
from assistant.gather.sentences import split_text, title_case, unbalanced
from assistant.llm.injection import is_instruction_like
from ingest.language import IDEOGRAPHS, cjk_count, detect_language
from ingest.models import Hit

# Web page furniture and site disclaimers in any site's text (a site's own widgets are its
# parser's to drop, as ingest.parsers.seed does for the seed pages).
_BOILERPLATE = re.compile(
    r"登录|注册|点击|扫码|免责声明|版权|未经授权|"
    r"sign up|log in|subscribe|cookie|all rights reserved|click here|newsletter|advertis"
    r"|appeared first on|read more|key takeaways|\[(?:\.\.\.|…)\]"
    r"|不作任何(?:类型的)?(?:明示或暗示的)?(?:保证|担保)|风险自担|不构成(?:任何)?投资建议|投资有风险",
    re.I,
)

# A call to the reader to do something ("File a complaint with the FBI's IC3 at ic3.gov", "Follow
# us on X", "If you enjoyed today's post, check out…", "请关注…", "We've prepared a free special
# report that…", a teaser: "Explore why the S&P may be mispricing geopolitical risk…", "Read it
# here."): the page's service, not what it reports.
_CALL_TO_ACTION = re.compile(
    r"^(?:File|Visit|Contact|Email|Download|Follow|Join|Register|Donate|Go to|Learn more|Find out)"
    r" (?:a|an|the|us|our|your|this|them|him|her|here|more|on|at|to)\b"
    r"|^(?:Explore|Discover|Learn how|Learn why) "
    r"|^(?:See|Read|Get|Watch|Listen to|Check out)\b.{0,120}\bhere\W*$"
    r"|^If you (?:enjoyed|liked|found|want more)\b.{0,80}\b(?:check out|read|subscribe|see)\b"
    r"|^(?:请|欢迎)(?:关注|点击|扫描|下载)"
    r"|\bfree (?:special )?(?:report|guide|e-?book)\b"
)


# A photo's caption, which the page kept as text: "途见科技研发的电子皮肤（图源/企业）", "Gregory
# Bovino seen here in Charlotte, N.C., on Nov. 17, 2025.", "(Photo by Win McNamee/Getty Images)";
# or what a chart the reader cannot see shows: "The chart below overlays…", "下图显示…".
_CAPTION = re.compile(
    r"[（(]图(?:源|片来源)|\bseen here\b|\bpictured\b|\bphotos?(?: by|:)\s|getty images"
    r"|^The (?:\S+ ){0,2}(?:chart|table|graph|graphic|map|figure|infographic)s? (?:below|above)\b"
    r"|^(?:下|上)(?:图|表)",
    re.I,
)

# A record's fields run together as text ("Event Date: 03/18/2026 Company Name: Micron Event
# Description: Q2 2026 Earnings Call"): a listing, not a statement.
_FIELDS = re.compile(r"(?:\b[A-Z][a-z]+ [A-Z][a-z]+: \S.*?){2}")


def clean(sentence: str, followed: bool = False) -> str:
    """A quotable sentence: no citation markers of the article's own, tags, emphasis or bullets.
    `followed`: the article goes on after it, so an ellipsis it ends with is the writer's lead
    into what follows ("Bitcoin plunged to $105,000 - its lowest since June - following
    Trump's tweet yesterday..." before a chart), not a feed's excerpt cut short: a full stop."""
    text = strip_markers(sentence)
    text = re.sub(r"<[^>]{1,200}>", "", text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"^\s*(?:[-*•·#>]+|\d{1,2}[.)、](?!\d))\s*", "", text)  # not "1.3%！…"
    text = re.sub(r"\s+", " ", text).strip()
    text = _LABEL.sub("", text)
    text = _LOST.sub(LOST_MARK, text)
    # HTML-stripped Chinese often has spaces around words: "行业 、 燃气 、" -> "行业、燃气、"
    text = re.sub(r"(?<=[\u4e00-\u9fff、，。；：])\s+|\s+(?=[\u4e00-\u9fff、，。；：])", "", text)
    # and English before its punctuation, where a link's text was taken out: "in 1895 , and"
    text = _SPACE_BEFORE_MARK.sub("", text)
    if followed:
        text = _LEAD_ON.sub(lambda m: "。" if cjk_count(text[m.start() - 1]) else ".", text)
    # a list's item, each ending "；" ("…估值高达50亿美金；"), is a statement of its own when quoted
    text = _CLAUSE_END.sub(lambda m: "。" if m[0] == "；" else ".", text)
    # an embedded post's links ("pic.twitter.com/h9wg", "https://t.co/Z3ML"), after the lead-on
    # above: a post cut short ("…in… pic.twitter.com/h9wg") keeps its whole clauses only
    text = _POST_LINK.sub("", text)
    return _whole_clauses(text)


# A feed cut at a byte boundary loses one character into a run of U+FFFD ("冲破4000美元/盎司关��，
# 创历史新高"). The run is shown as the mark Chinese print uses for a character that cannot be
# read, so the rest of the sentence can still be quoted; a figure the lost character touches
# may have lost its unit or a digit's place ("1.2□元"), and is not quoted (`fragment`).
_LOST = re.compile("\ufffd+")
LOST_MARK = "□"
_LOST_BY_FIGURE = re.compile(rf"[\d.,]{LOST_MARK}|{LOST_MARK}[\d.,%]")

_DOT = r"(?:\.|\[\.\])"  # "." or, defanged, "[.]"
_POST_LINK = re.compile(  # one or more: "… a problem. https://t.co/IelP pic.twitter.com/Orm"
    rf"(?:\s*(?:https?(?::|\[:\])//)?(?:pic{_DOT}twitter{_DOT}com|t{_DOT}co)/\w+)+\s*$", re.I
)
_SPACE_BEFORE_MARK = re.compile(r"(?<=[A-Za-z0-9%)”’\"']) +(?=[.,;:!?](?:\s|$))")
_LEAD_ON = re.compile(r"(?<=[^\s.…])\s*(?:\.{3,}|…+)$")  # not "[...]", nor a lone "…"


# A feed's label run into the sentence after it ("Key Takeaways The SPDR S&P Biotech ETF…",
# "Summary Our ‘Intrinsic Value’ framework…").
_LABEL = re.compile(r"^(?i:key takeaways|summary)[:：]?\s+(?=[A-Z])|^(?:要点|摘要)[:：]")
# Not the comma of "1,300"; an ASCII comma in Chinese text ("上调至“买入”,目标价为395美元") is one
_CLAUSE_BREAK = re.compile(rf"[,;](?=\s|[{IDEOGRAPHS}])|[，；]")


def clauses(text: str) -> list[str]:
    """The sentence's clauses, each with the punctuation that ends it ("华为畅享90起售价为1299
    元；", "畅享90 Plus起售价为1499元；"); not cut at the comma of "1,300"."""
    ends = [m.end() for m in _CLAUSE_BREAK.finditer(text)]
    return [
        p
        for p in (text[a:b] for a, b in zip([0, *ends], [*ends, len(text)], strict=True))
        if p.strip()
    ]


def leans_back(text: str) -> bool:
    """Does the text lean on a sentence before it ("He singled out…", "其中…")?"""
    return _LEANS_BACK.match(text) is not None


def _whole_clauses(text: str) -> str:
    """A feed excerpt cut short mid-clause ("…gained 17.9% in the first half of 2026, driven
    [...]", "…分别为47.1%，比上月下降1.1个百分点，均低于临界点...") ends at its last whole
    clause, so the figures it states can be quoted; the cut clause is dropped."""
    breaks = list(_CLAUSE_BREAK.finditer(text)) if _CUT_END.search(text) else []
    if not breaks or (len(breaks) == 1 and subordinate(text)):
        return text  # "Whenever spreads tighten, folks look [...]": the cut clause was the main one
    head = text[: breaks[-1].start()].rstrip()
    return head + ("。" if detect_language(head) == "zh" else ".")


# A clause that needs another to be a sentence: "Whenever spreads tighten", "随着美联储降息".
_SUBORDINATE = re.compile(
    r"^(?:When(?:ever)?|If|Because|Although|Though|Even though|Even if|While|Whereas|Unless|"
    r"Once|Until|As)\b"
    r"|^(?:如果|若|假如|倘若|一旦|除非|虽然|尽管|即使|即便|因为|由于|随着|当)"
)


def subordinate(text: str) -> bool:
    """Does the text open with a clause that needs another to be a sentence ("Although…",
    "尽管…"), which may come clauses later?"""
    return _SUBORDINATE.match(text) is not None


# Such a clause written alone, as writers do for effect ("Because those penalties do not deter
# attackers."): with no comma there is no main clause. ("When it comes online it will supply
# 10%" and "If I'm long I could be short" have one, unmarked: only these are read so.)
_ALONE = re.compile(r"^(?:Because|Although|Though|Whereas|While|As if)\b[^,;:—–]*$")


_CLAUSE_END = re.compile(r"[；;]$")


# A piece that starts like this was cut from the middle of a sentence (a chunk boundary, or a
# title/quotation the source split): closing marks, clause punctuation, or a lower-case word.
_CUT_START = re.compile(r"^(?:[》」』”’）)\]、，,;；:：.。!！?？%]|[a-z])")


# A feed's excerpt cut short ("…as the market [...]", "…said that..") or text with a character
# lost in decoding (U+FFFD).
_CUT_END = re.compile(r"(?:…|\.\.|\[\s*\.*\s*\])[\s”\"’']*$")


_WORD_OR_NUMBER = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*")


def fragment(text: str) -> bool:
    """Is the sentence a piece of one (it starts mid-sentence, stops short or at the colon
    before what it introduces, or leaves a title or quotation open), or damaged (a character
    lost in decoding, or one lost next to a figure)?"""
    return (
        bool(_CUT_START.match(text) or _CUT_END.search(text) or _ALONE.match(text))
        or text.rstrip()[-1:] in (":", "：")  # it leads into what follows it (a table, a list)
        or "\ufffd" in text
        or _LOST_BY_FIGURE.search(text) is not None
        or unbalanced(text)
    )


def quotable(text: str) -> bool:
    """Is the (cleaned) sentence prose worth quoting?"""
    cjk = cjk_count(text)
    # A Chinese character carries about as much as a word, and so does a figure: "2025年至今，
    # 现货黄金的涨幅已超过53%" is a whole statement in 13 characters and two numbers.
    long_enough = cjk + len(_WORD_OR_NUMBER.findall(text)) >= 14 if cjk else len(text) >= 45
    ends = text[-1:] in "。！!.;；”\"'）)%"  # questions are not analysis
    return (
        long_enough
        and len(text) <= 400
        and (ends or len(text) >= 60)
        and text[-1:] not in "?？"
        and not fragment(text)
        and not _BOILERPLATE.search(text)
        and not _CAPTION.search(text)
        and not _FIELDS.search(text)
        and not _CALL_TO_ACTION.search(text)
        # a heading (a headline stating a figure is still quoted as one: `quotable_headline`)
        and not (not cjk and title_case(text))
        and not is_instruction_like(text)
    )


# A sentence that leans on the one before it: a pronoun or a "this" that points back ("He
# singled out…", "其中，256GB版本…", "这种分化走势…"), a count given before ("The 17 ton purchase…",
# "The $2 billion deal…"; not "The 10-year yield", a name, nor "The 2026 budget"), or a day
# named only as "that day" (同日), or "the company" (公司…) the one before named.
# A connective ("However", "此外", "与此同时") does not: what follows it stands alone; nor does
# "the bank" or "the fund", which the cited headline names.
_LEANS_BACK = re.compile(
    r"^(?:(?:He|She|It|They|His|Her|Its|Their|These|Those|Such)\b(?!’|')"
    r"|The [$€£]?(?!(?:19|20)\d\d\b)\d[\d,.]*(?:%| [a-z])"
    r"|(?:This|That)\b(?! (?:article|analysis|map|chart|graphic|report|week|month|year|morning)\b)"
    # the company the sentence before named: "Palantir美股盘后涨超10%。公司二季度营收19.4亿美元"
    r"|The company\b)"
    r"|^(?:他|她|它|其中|这(?!里)|该|此(?:次|举|番|项|类)|上述|当日|同日|当天|公司(?![法债]))"
)


_JOINED_LENGTH = 700  # two long sentences; a longer run is no longer one statement
_STATEMENT_END = "。！!."


def with_antecedent(text: str, before: str) -> str:
    """A sentence that leans on the one before it is quoted with that one, so the reader knows
    who "he" is and what "其中" counts among; alone it reads as if something were missing.
    `before`: the sentence before it in its passage (none for a passage's first)."""
    if not before or not leans_back(text):
        return text
    lead = clean(before, followed=True)
    # a lead that leans back in turn would need its own: the pair would still dangle
    if leans_back(lead) or len(lead) + len(text) > _JOINED_LENGTH:
        return text
    # a short statement leads as well as a long one ("财报方面，Palantir美股盘后涨超10%。"),
    # but a heading or a caption does not
    pair = joined(lead, text)
    return pair if quotable(lead) or (lead[-1:] in _STATEMENT_END and quotable(pair)) else text


def joined(lead: str, text: str) -> str:
    """Two sentences as one run of text: a space after an English one, none after Chinese."""
    last = strip_markers(lead).rstrip("”’」』）)\"'")[-1:]  # what ends it, inside its marks
    return lead + ("" if cjk_count(last) or last in "。！？；" else " ") + text


def with_what_it_introduces(text: str, after: str) -> str:
    """A sentence that ends with the colon before what it introduces ("The ministry said in a
    statement issued after the meeting between A and B:", then the statement) is quoted with
    that: alone it is cut short, and the statement alone would not say who made it.
    `after`: the sentence after it in its passage."""
    if text[-1:] not in (":", "：") or not after:
        return text
    if not quotable(text[:-1] + ("。" if text[-1] == "：" else ".")):
        return text  # a label ("美债：", "Key points:"), not a statement that a quotation ends
    said = clean(after)
    if not quotable(said) or len(text) + len(said) > _JOINED_LENGTH:
        return text
    return text + ("" if cjk_count(text[-2:]) else " ") + said


# A sentence on the article itself ("This article looks at the 10-year yield's history…",
# "本文将从三个方面分析…"): what it covers, not what it finds.
_ABOUT_ITSELF = re.compile(
    r"^(?:(?:This|The following) (?:article|analysis|post|piece|paper|note|commentary|report)"
    r" (?:looks|examines|explores|focuses|discusses|reviews|presents|provides an overview|will|"
    r"aims|seeks|covers)\b|In this (?:article|analysis|post|piece|paper|note)\b)"
    r"|^(?:本文|本篇文章|本篇)(?:将|旨在|主要|从|对|通过|介绍|分析|探讨|梳理|围绕)",
    re.I,
)


def about_itself(text: str) -> bool:
    """Does the sentence say what its article covers, rather than what it finds?"""
    return _ABOUT_ITSELF.match(text.lstrip(" -*•#>")) is not None


# A digest's headline strings its stories together: by semicolons ("8点1氪丨海南将成…；SK海力士
# 暴跌15%"), or by spaces after its column's name ("全球市场：道指创收盘历史新高 纳指涨逾2% 大型
# 科技股普涨 国际油价跌超5%"), three stories at least: two may be one story and its detail.
_DIGEST = re.compile("；")
_COLUMN = re.compile("^[^：:丨｜|]{2,12}[：:丨｜|]")
_SPACED_STORIES = 3


def is_digest(headline: str) -> bool:
    """Does the headline string several stories together? Then it is not quoted: its figure
    is one story's, told in the body; nor is it what its sentences are about."""
    return len(stories(headline)) > 1


def stories(headline: str) -> list[str]:
    """The stories a headline tells: a digest's each, without its column's name ("8点1氪丨A；
    B": A, B; "全球市场：A B C"); else the headline itself."""
    text = " ".join(headline.split())
    if _DIGEST.search(text):  # a story may begin with whose news it is: "德科立：…"
        body = re.split("[丨｜|]", text, maxsplit=1)[-1]
        return [story.strip() for story in body.split("；") if story.strip()]
    column = _COLUMN.match(text)
    spaced = text[column.end() :].strip().split(" ") if column else []
    if len(spaced) >= _SPACED_STORIES and all(cjk_count(p) for p in spaced):
        return spaced
    return [text]


def quotable_headline(text: str, scoped: bool) -> bool:
    """A headline is quoted when it is the chosen article's, or when it states a figure: news
    headlines often hold the fact ("创业板指大涨2.63%创历史新高") the body only circles; not a
    digest's (`is_digest`), whose figure belongs to one of its stories."""
    if scoped:
        return len(text) >= 20
    long_enough = cjk_count(text) >= 10 or len(text) >= 30
    return (
        long_enough
        and not is_digest(text)
        and bool(figures_in(text))
        and text[-1:] not in "?？"
        and not fragment(text)
        and not _BOILERPLATE.search(text)
        and not is_instruction_like(text)
    )


def passage_sentences(
    hits: Sequence[Hit], scoped: bool
) -> Iterator[tuple[int, Hit, int, str, str, str]]:
    """(rank, hit, position in the article, sentence, the sentences before and after it in its
    passage), position 0 being an article's headline (once per article); a scoped article's
    passages in their own order."""
    if scoped and hits:
        yield 0, hits[0], 0, _headline(hits[0].title), "", ""
        hits = sorted(hits, key=lambda h: h.chunk.ordinal)
    position = 1
    headlined: set[str] = set()
    for rank, hit in enumerate(hits):
        if not scoped and hit.title and hit.chunk.article_id not in headlined:
            headlined.add(hit.chunk.article_id)
            yield rank, hit, 0, _headline(hit.title), "", ""
        sentences = split_text(_BLOCK_GAP.sub("\n", hit.chunk.text))
        for n, sentence in enumerate(sentences, start=1):
            before = sentences[n - 2] if n > 1 else ""
            after = sentences[n] if n < len(sentences) else ""
            # what an article covers is no answer, unless the reader asks about that article
            if scoped or not about_itself(sentence):
                yield rank, hit, position, sentence, before, after
            position += 1


# Blocks of a flattened web page that Chinese text leaves apart with a wide gap ("…联合会  一、中国
# 制造业采购经理指数运行情况  10月份，…"): each a line of its own, as on the page.
_BLOCK_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。：；）])[ \t\u3000]{2,}(?=[\u4e00-\u9fff\d（])")
_HEADLINE_SPACE = re.compile(r"(?<=[\u4e00-\u9fff\d%])\s+(?=[\u4e00-\u9fff])")


def _headline(title: str) -> str:
    """A headline as a sentence: Chinese headlines part their clauses with a space
    ("创业板指大涨2.63%创历史新高 近150只股票涨停"), which quoting would run together."""
    return _HEADLINE_SPACE.sub("，", title.strip())

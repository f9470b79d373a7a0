"""Choosing the sentences worth quoting from retrieved passages.

The offline composer quotes sentences, not whole chunks. A sentence is a candidate when it is
real prose (not a heading, a menu item or a login banner) and does not read like an
instruction; candidates are scored by how much of the question they cover, whether they name
the symbols in play and carry a figure, and how well their passage ranked; each is sorted into
risk, opportunity, insight or general (`assistant.gather.kinds`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from assistant.answer.numbers import figures_in
from assistant.gather.asks import Asks
from assistant.gather.coverage import elsewhere, on_the_question, share
from assistant.gather.kinds import Kind, classify, section_kind
from assistant.gather.other_news import about_companies, of_the_items_asked, on_another
from assistant.gather.quotable import (
    clean,
    is_digest,
    passage_sentences,
    quotable,
    quotable_headline,
    with_antecedent,
    with_what_it_introduces,
)
from assistant.gather.said import Said, names_written, writes_a_name
from assistant.gather.terms import (
    Glossary,
    Names,
    Wanted,
    counts,
    in_other_language,
    question_terms,
)
from assistant.gather.timeliness import asked_when, newest_published, timeliness, timely_span
from assistant.gather.voices import bylined, naming, ours, voice_terms, voiced
from assistant.gather.written_names import about_names, names_typed
from assistant.question.speakers import names_voiced, voices_asked
from ingest.language import detect_language
from ingest.models import Hit
from ingest.tokens import terms

# Our figures are US markets; mainland/HK market chatter is noise unless the question asks.
_OTHER_MARKETS = re.compile(
    r"A股|沪指|上证|沪市|深市|沪深|深证|深成指|创业板|科创板|科创50|中证|北交所|港股|恒生|恒指"
    r"|涨停|跌停|连板|封板|\d+天\d+板|北向资金|两市|概念股|主力资金|行业板块|(?:能源|小|贵|有色)金属"
    r"|[（(]\d{6}(?:\.S[HZ])?[)）]"  # a mainland listing's code: 天壕能源(300332), "002792澄清"
    r"|(?<![^！!，。：:\s])(?:00[0-3]|30[01]|60[0-5]|68[89])\d{3}(?=[\u4e00-\u9fff])"
    r"|\bA-shares?\b|\bChiNext\b|\bHang Seng\b|\bCSI 300\b|\bSTAR Market\b"
    r"|\b(?:Shanghai|Shenzhen) (?:Composite|Component|Stock Exchange)\b"
)
MIN_COVERAGE = 0.08  # below this share of the question's terms, a sentence must name a symbol
NEAR_DUPLICATE = 0.75  # share of the shorter sentence's terms found in the other
RELATIVE_COVERAGE = 0.5  # a sentence needs at least this share of the best one's coverage
OFF_SUBJECT = 0.3  # less for a passage that, nor its headline, names what the question names
NAMED = 0.35  # more for a sentence naming a symbol in play the question does not write
SPEAKER = 0.5  # more for a sentence naming whose view the question asks ("高盛怎么看黄金？")


@dataclass(frozen=True)
class Candidate:
    text: str
    hit: Hit
    rank: int
    score: float
    kind: Kind
    filed: bool = False  # its kind is its section's heading's ("风险因素"), not its cue words
    language: str = ""  # "zh" or "en": another language than the reader's is quoted as such
    terms: frozenset[str] = frozenset()
    coverage: float = 0.0  # the share of the question's terms it has
    # …of those either language can say: a quotation from the other language is measured on
    # these alone, so the reader's own sentences are compared with it on the same terms.
    shared: float = 0.0
    # …of all the question's terms, those only the reader's language can say counting as
    # missing: what a quotation from the other language says of the whole question.
    whole: float = 0.0
    # It states a figure for the period an amount is asked over (1; its headline names the
    # period: 0.5), only for another (-1).
    period_fit: float = 0.0
    # The terms of each sentence quoted, when it is quoted with the one it leans on or the one it
    # introduces: as a whole, a pair shares too few words with a third to be its near-duplicate.
    parts: tuple[frozenset[str], ...] = ()
    # A sentence quoted after the one it leans on: the share of the question's terms the two
    # say together, which decides whether the pair says more than its lead quoted alone.
    joined: float = 0.0

    @property
    def sentences(self) -> tuple[frozenset[str], ...]:
        """The terms of each sentence it quotes."""
        return self.parts or (self.terms,)

    @cached_property
    def figures(self) -> frozenset[float]:
        """The values of the figures it states."""
        return frozenset(f.value for f in figures_in(self.text))


def alike(a: Candidate, b: Candidate) -> bool:
    """Does a sentence of one nearly duplicate a sentence of the other (`near_duplicate`)? Not
    where each names what the other does not and states other figures: "中信证券：上半年净利润
    同比预增69.59%" and "德科立：上半年净利润同比预增216.8%至277.31%" share their words, not
    their news. A series' new issue saying its old words with new figures is the old news
    brought up to date (`_restates`)."""
    other_figures = a.figures and b.figures and a.figures.isdisjoint(b.figures)
    if other_figures and not (a.terms <= b.terms or b.terms <= a.terms):
        return False
    return any(near_duplicate(x, y) for x in a.sentences for y in b.sentences)


def near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two sentences say the same thing (most of the shorter one's words are in the other)?
    Sources repeat each other, and chunks of one article overlap."""
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= NEAR_DUPLICATE


def candidates(
    hits: Sequence[Hit],
    question: str,
    names: Names,
    language: str,
    as_of: dt.date | None = None,
    *,
    scoped: bool = False,
    period: str | None = None,
    period_carried: bool = False,
    speakers: Names = (),
    companies: Names = (),
    glosses: Glossary = (),
) -> list[Candidate]:
    """Every quotable, relevant sentence of the hits, best first, without near-duplicates, of
    articles on the names the question writes (`about_names`) or its `companies`. An amount
    asked over `period` ("今年涨了多少": YTD) is answered first by a figure for it; a period an
    earlier turn asked (`period_carried`) dates no view. `scoped`: the reader chose the article,
    whose every sentence counts, its order breaking ties. `as_of`: else the newest hit's."""
    as_of, span = as_of or newest_published(hits), timely_span(question, period, period_carried)
    (named, rest), asks = asked_when(question, as_of, period, span), Asks.of(question, period)
    wanted = question_terms(rest, names, speakers, glosses)
    expressible, voices = in_other_language(wanted), voice_terms(voices_asked(question), wanted)
    (lowered, unwritten), typed = _lowered(question, names), names_typed(rest, wanted, names)
    hits = hits if scoped else about_names(hits, typed, lowered, language)
    other_markets, by_voice = bool(_OTHER_MARKETS.search(question)) or scoped, bylined(hits, voices)
    found: list[Candidate] = []
    for rank, hit, position, raw, before, after in passage_sentences(hits, scoped):
        quoted = _quoted(raw, before, after, position, scoped)
        if quoted is None or (not other_markets and _OTHER_MARKETS.search(quoted[0])):
            continue
        text, parts, lead = quoted
        if asks.opposes(text) and not scoped:
            continue  # "Chip stocks rallied" says nothing of why they fell, whatever it names
        words, lang = frozenset(terms(text)), detect_language(text)
        asked = wanted if lang == language else expressible
        headline = _said_of(_context(hit.title))
        said = [Said.of(p) for p in parts] if parts else [Said.of(text, words)]
        coverage, shared, whole = _shares(said, asked, expressible, wanted, headline)
        about, worth = _answering(asks, text, hit, as_of, said, asked, headline, coverage, lowered)
        if not about and not scoped and (wanted or lowered) and not names_written(text, lowered):
            continue  # not about the question, nor (asking "为什么？" of it) about its subject
        figure, period_fit = worth or asks.worth(text, (hit.published, as_of), hit.title)
        voice = voiced(said, voices) or (hit.chunk.article_id in by_voice and ours(text))
        named_worth = _named_worth(text, unwritten, speakers, voice)
        if scoped:  # what the question asks first (and whose words); the article's order next
            score = 2 * (coverage + SPEAKER * voice) + figure + 0.3 / (1 + position)
        else:
            subject = writes_a_name(hit.chunk.text, hit.title, tuple(lowered))
            score = _score(coverage, rank, named_worth, subject, lang == language) + figure
            score += timeliness(hit.published, as_of, named, span)
        kind = _kind(text, hit, position)
        each = tuple(frozenset(terms(p)) for p in parts)  # compared one by one, as a pair is
        fields = (text, hit, rank, score, *kind, lang, words, coverage, shared, whole, period_fit)
        found.append(_with_antecedent(Candidate(*fields, each), lead, asked, headline))
    found = of_the_items_asked(found, question)
    if not scoped:  # on what is asked about, and by whom
        found = _of_voices(about_companies(found, companies, speakers), question, wanted)
        found = _on_topic(found, lowered)
    return _distinct(found, newer=named is None or not named.begun(as_of))


def _answering(
    asks: Asks, text: str, hit: Hit, as_of: dt.date | None, said: list[Said], asked: Wanted,
    headline: Said, coverage: float, names: Sequence[str],
) -> tuple[bool, tuple[float, float] | None]:  # fmt: skip
    """Is the sentence about the question: does it say a good share of its terms
    (MIN_COVERAGE), and one of them itself or through its article's `headline`
    (`on_the_question`), or state a figure for the period asked ("imports were around 163
    tons last month" for "How much bullion did China bring in during May?") that is not
    another company's (`on_another`: Rivian's second-quarter revenue is no figure of the
    Nasdaq's second quarter), and not about another place (`elsewhere`)? With its worth
    (`Asks.worth`) when that had to be read to tell, so that it is read once."""
    if coverage < MIN_COVERAGE or elsewhere(said, headline, asked):
        return False, None
    worth = asks.worth(text, (hit.published, as_of), hit.title)
    if worth[1] > 0 and not (names and on_another(text, tuple(names))):
        return True, worth
    passage = _said_of(hit.chunk.text) if any(counts(g) for g in asked) else None
    return on_the_question(said, asked, headline, passage), worth


def _lowered(question: str, names: Names) -> tuple[list[str], list[str]]:
    """Every name of the symbols in play, lower case, and those of the symbols the question
    does not write: a name it writes counts in its coverage (`question_terms`), not twice."""
    lowered = [n.lower() for aliases in names for n in aliases if n]
    unwritten = [n.lower() for a in names if not names_written(question, a) for n in a if n]
    return lowered, unwritten


Parts = tuple[str, ...]  # two sentences quoted as one, each read on its own


def _quoted(
    raw: str, before: str, after: str, position: int, scoped: bool
) -> tuple[str, Parts, str] | None:
    """The sentence as quoted, with its parts when it is a lead joined to the statement it
    introduces (quotable as joined, however long), or when it leans on the sentence `before`
    it: then it is about what that one names ("这也是业内第一款…，售价12万美元起" after the
    sentence naming the product), and is quoted after it, the lead given third
    (`_with_antecedent`). None when it is not fit to quote. A headline (`position` 0) is
    quoted as headlines are, and so is a chosen article's standfirst, a feed's whole text
    written without a full stop ("The pre-war days of $60 crude are not coming back soon")."""
    headline = position == 0 or (scoped and position == 1 and not (before or after))
    alone = clean(raw, followed=bool(after))
    text = with_what_it_introduces(alone, after)
    if text != alone:
        return text, (alone, text[len(alone) :]), ""
    if not quotable(text) and not (headline and quotable_headline(text, scoped)):
        return None
    lead = with_antecedent(text, before).removesuffix(text)  # with what joins them
    return text, (lead, text) if lead else (), lead


def _shares(
    said: list[Said], asked: Wanted, expressible: Wanted, wanted: Wanted, headline: Said
) -> tuple[float, float, float]:
    """The share of the question's terms `asked` of its language, of those either language can
    say, and of all of them, that the best of its sentences (`said`: a lead joined to its
    statement is read as two) covers: the pair covers what the better of the two does, no more."""

    def best(terms: Wanted) -> float:
        return max(share(s, terms, headline) for s in said)

    coverage = best(asked)
    shared = coverage if asked is expressible else best(expressible)
    return coverage, shared, coverage if asked is wanted else best(wanted)


def _with_antecedent(candidate: Candidate, lead: str, asked: Wanted, headline: Said) -> Candidate:
    """Chosen for what it says and what the sentence it leans on names (`_quoted`), quoted
    after that sentence, its `lead`, and so alike to it quoted alone: `_distinct` keeps one of
    the two, the pair where the two sentences together say more of what is `asked` than the
    lead does. Its parts, the two sentences' terms, are set already."""
    if not lead:
        return candidate
    quoted = lead + candidate.text
    together = share(Said.of(quoted), asked, headline)
    return replace(candidate, text=quoted, terms=frozenset(terms(quoted)), joined=together)


@lru_cache(maxsize=4096)  # a title (a passage) is read for each of its sentences
def _said_of(text: str) -> Said:
    return Said.of(text)


def _context(title: str) -> str:
    """What a sentence's headline says of it: nothing when the headline is a digest's, whose
    stories are each some other sentence's ("英国伦敦股市…下跌" under "全球市场：道指创收盘历史新高
    纳指涨逾2% … 国际油价跌超5%" is not on oil)."""
    return "" if is_digest(title) else title


def _distinct(found: list[Candidate], newer: bool = False) -> list[Candidate]:
    """Best first, without near-duplicates: of two alike, the better stays, in its place, but
    as the other where that one

    - takes on the sentence leaning on it (`with_antecedent`) and says more of what is asked:
      "He singled out the Big Beautiful Bill as the worst…" after "Schiff attacked fiscal
      policy";
    - says the same in a newer article, when `newer` (the question names no period, or one
      still to come: "美联储9月会降息吗" in August): a series
      ("10-Year Treasury Yield Long-Term Perspective: June 2026") repeats its text, its figures
      brought up to date."""
    kept: list[Candidate] = []
    for candidate in sorted(found, key=lambda c: -c.score):
        twin = next((c for c in kept if alike(candidate, c)), None)
        if twin is None:
            kept.append(candidate)
        elif _leans_on(candidate, twin) or (newer and _restates(candidate, twin)):
            fit = max(candidate.period_fit, twin.period_fit)  # the figure either states
            kept[kept.index(twin)] = replace(candidate, score=twin.score, period_fit=fit)
    return kept


def _leans_on(pair: Candidate, alone: Candidate) -> bool:
    """Is `pair` the sentence quoted `alone` with one leaning on it, saying more of the question?"""
    return (
        pair.hit is alone.hit
        and pair.text.startswith(alone.text)
        and max(pair.coverage, pair.joined) > alone.coverage
    )


def _restates(later: Candidate, earlier: Candidate) -> bool:
    """Does `later` say what `earlier` says, word for word or nearly, in a newer article?"""
    new, old = later.hit.published, earlier.hit.published
    same = len(later.terms & earlier.terms) / max(len(later.terms), len(earlier.terms))
    return bool(new and old and new > old and same >= NEAR_DUPLICATE)


def _kind(text: str, hit: Hit, position: int) -> tuple[Kind, bool]:
    """The sentence's kind, and whether its section's heading says it (not its headline)."""
    filed = section_kind(hit.chunk.section) if position else None
    return filed or classify(text), filed is not None


def about_subject(found: list[Candidate], names: Names) -> list[Candidate]:
    """The sentences that, or whose headline, name one of `names`: what answers a follow-up
    asking of the earlier turn's subject ("What drove it?" after one on gold: "…drove oil
    higher", in an article that names gold elsewhere, does not)."""
    lowered = tuple(n.lower() for aliases in names for n in aliases if n)
    return [c for c in found if writes_a_name(c.text, _context(c.hit.title), lowered)]


def _on_topic(found: list[Candidate], names: list[str]) -> list[Candidate]:
    """Drop sentences that share far fewer of the question's words than the best one does and
    name none of its symbols: a passage retrieved for one common word ("Fox" in a question about
    Fox buying Roku) is not about the question. A sentence in the other language is measured on
    the terms it can say (`shared`), against the best of all on those. A figure stated for the
    period an amount is asked over stays, however it words the rest ("5月非农就业人数净增加17.2万人"
    for "美国5月新增了多少就业岗位"): the figure asked for is what it says. A digest's sentence
    (`is_digest`: "8点1氪丨…") naming none of them is another of its stories, whatever it says
    ("公司提示，当前市盈率104.23倍" for "标普500市盈率多少？")."""
    floor = RELATIVE_COVERAGE * max((c.coverage for c in found), default=0.0)
    shared_floor = RELATIVE_COVERAGE * max((c.shared for c in found), default=0.0)
    return [
        c
        for c in found
        if names_written(c.text, names)
        or (
            (c.coverage >= floor or c.shared >= shared_floor or c.period_fit > 0)
            and not (names and is_digest(c.hit.title))
        )
    ]


def _of_voices(found: list[Candidate], question: str, wanted: Wanted) -> list[Candidate]:
    """Asked for someone's words ("鲍威尔在上一次新闻发布会上说了什么？"), only what articles
    whose headline or a retrieved passage names them say: a provincial official's press
    conference shares every other word of the question. Not a crowd's ("分析师怎么看",
    `names_voiced`), for whom any article may speak without naming them."""
    voices = voice_terms(names_voiced(question), wanted)
    if not voices:
        return found
    about = naming(list({c.hit.chunk.id: c.hit for c in found}.values()), voices)
    return [c for c in found if c.hit.chunk.article_id in about]


def _named_worth(text: str, unwritten: list[str], speakers: Names, voice: bool) -> float:
    """What naming a symbol in play the question does not write (`NAMED`), and one whose view
    the question asks (`SPEAKER`: "高盛认为…" for "高盛怎么看黄金？"), is worth to a sentence:
    a symbol it cites (`speakers`), or one whose words it asks (`voice`)."""
    voice = voice or any(names_written(text, aliases) for aliases in speakers)
    return NAMED * bool(names_written(text, unwritten)) + SPEAKER * voice


def _score(coverage: float, rank: int, named: float, subject: bool, same_language: bool) -> float:
    """A sentence's worth beyond the question: what naming its symbols or whose view it asks
    is worth (`named`), its passage and headline naming none (`subject` false), the reader's
    language, and the search rank of its passage."""
    worth = coverage + named + 0.2 * same_language + 0.5 / (1 + rank)
    return worth - (0 if subject else OFF_SUBJECT)

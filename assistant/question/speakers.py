"""Who speaks in a question: a company named as the source of a view, not as what is asked about.

"What price target did Goldman Sachs set for Nvidia?" is about Nvidia; Goldman Sachs is who
said it, and its share price is no part of the answer (nor the yardstick Nvidia is measured
against). Neither is JPMorgan's in "how much crude can be drawn, per JPMorgan?". A name is a
source's when it follows "per", "according to" or "据" (`attributed`), or when what follows it
is what sources do: expect, forecast, set or raise a target, 预计, 上调, or its view of
something ("Morgan Stanley's price target for Nvidia", "高盛对油价的预测") (`voiced`). A name
that voices a view about nothing else ("What does Nvidia expect next quarter?") is still the
topic: the caller decides, knowing what else the question names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from ingest.language import has_cjk
from ingest.name_glosses import common_words
from ingest.zhwords import cut

# Right before a name: it is cited as the source.
_ATTRIBUTED = re.compile(r"(?:\bper|\baccording to|\bvia|据|根据|按照)\s*$", re.I)

# Right after a name: what a source does with a view (a question's inversion too: "What price
# target did Goldman Sachs set…", "Goldman's strategists expect…"). Moving a target, a rating
# or a forecast is a source's; moving one's own guidance or capex is news about oneself.
_VIEW = r"(?:price |profit |earnings )?(?:target|rating|forecast|estimate|outlook|call|view)"
# Its view of something: "Morgan Stanley's price target for Nvidia", "Goldman Sachs' fair value
# estimate for Brent", "Goldman's latest forecast for US driverless taxi revenue". Not "Nvidia's
# price target from Morgan Stanley": a stock's target is the one set for it. Nor a view for a
# time ("Nvidia's revenue forecast for next quarter"): its own guidance.
_VIEW_OF = re.compile(
    rf"^['’]s?\s+(?:[\w-]+\s+){{0,2}}?{_VIEW}s?\s+(?:for|on|of)\b(?!\s+(?:the\s+)?(?:next|this|"
    r"coming|current|fiscal|full|first|second|third|fourth|year|quarter|month|q[1-4]|h[12]|"
    r"\d{4})\b)",
    re.I,
)
_VOICED = re.compile(
    r"^(?:['’]s)?\s*(?:(?:equity |chief |global )?(?:analysts?|strategists?|economists?|"
    r"research|team|desk)\s+)?"
    r"(?:(?:expect|forecast|predict|project|estimate|reckon|recommend|calculate|upgrade|"
    r"downgrade|reiterate|initiate)(?:s|es|ed|d|ing)?\b|think(?:s)? (?:of|about)\b"
    rf"|(?:set|raise|lift|hike|cut|lower|trim|put)(?:s|ed|d|ting)?\s+(?:\w+\s+){{0,3}}?{_VIEW})",
    re.I,
)
# Right before a name, the view it was asked for: "What price target did Goldman Sachs set…".
_VIEW_ASKED = re.compile(rf"{_VIEW}s?\s+(?:did|does|do|has|have|had|will|would)\s+$", re.I)
_VIEW_ZH = r"(?:目标价|评级|预测|预期|展望|看法)"
_HOW_VIEWED_ZH = r"(?:怎么看|如何看|怎样看|有何看法|有什么看法)"  # "大摩如何看待油价"
_VOICED_ZH = re.compile(
    r"^(?:的)?(?:首席)?(?:分析师|策略师|经济学家|研究团队|团队|研报|报告)?"
    r"(?:预计|预测|预期|估计|测算|建议|看好|看空|看多|首次覆盖"
    rf"|(?:上调|下调|维持|重申|给予|给出|给)[^，。？?]{{0,8}}?{_VIEW_ZH})"
    # or asked for it: "大摩如何看待油价"
    rf"|^{_HOW_VIEWED_ZH}"
)
_VIEW_OF_ZH = re.compile(
    # its view of something: "摩根士丹利对英伟达的目标价", "高盛的油价预测" (but "美光的目标价"
    # is the target set for Micron: only a forecast or an outlook is a company's own)
    rf"^对[^，。？?的]{{1,12}}的[^，。？?的]{{0,6}}?{_VIEW_ZH}"
    # or asked for it: "高盛对美股怎么看"
    rf"|^对[^，。？?的]{{1,12}}{_HOW_VIEWED_ZH}"
    r"|^的[^，。？?的]{1,6}?(?:预测|展望|看法)"
)


# Whose words a question asks for, by what it asks them with: "What did Powell say about
# rate cuts?", "What does Goldman think of gold?", "Powell's remarks on inflation", "鲍威尔对降息
# 说了什么", "沃什怎么看通胀". A name of up to three capitalised words, or a run of Chinese
# characters (the role before a name too: "美联储主席鲍威尔").
_ASKED_EN = re.compile(
    r"\b(?i:what|how)\s+(?:did|does|do|has|have|had|will|would|is|was)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,2})\s+"
    r"(?:say|said|saying|think|thinking|see|seeing|mean|argue|arguing|warn|warning|tell|told|"
    r"signal|signaling|predict|comment|write|wrote|suggest|expect|expecting)\b"
    r"|(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})['’]s?\s+"
    r"(?:views?|comments?|remarks?|take|stance|speech|testimony|message|warning)\b"
)
_SAID_ZH = r"(?:说了什么|说了啥|讲了什么|表示了什么|怎么说|表态|发表了什么)"
_ASKED_ZH = re.compile(
    # of something, or where: "鲍威尔对降息说了什么", "鲍威尔在发布会上说了什么"
    rf"(?P<name>[\u4e00-\u9fff·]{{2,10}}?)(?:对|就|关于|在)[^，。？?]{{1,15}}?"
    rf"(?:{_SAID_ZH}|{_HOW_VIEWED_ZH})"
    rf"|(?P<speaker>[\u4e00-\u9fff·]{{2,10}}?)(?:{_SAID_ZH}|{_HOW_VIEWED_ZH})"
)


def voices_asked(text: str) -> list[str]:
    """The names whose words the question asks for, as written ("Powell", "美联储主席鲍威尔"):
    a sentence that names the speaker itself answers it before one that only shares their
    article ("Governor Miran dissented…" under the headline "Governor Powell")."""
    found = [m["name"] or m["owner"] for m in _ASKED_EN.finditer(text)]
    found += [m["name"] or m["speaker"] for m in _ASKED_ZH.finditer(text)]
    return [name for name in found if name]


def names_voiced(text: str) -> list[str]:
    """The voices asked that are someone's name (`voices_asked`): "Powell", "鲍威尔", "华尔街",
    not a crowd the dictionary has as common words ("市场怎么看", "分析师怎么看"), whom any
    article may speak for without naming."""
    found = []
    for name in voices_asked(text):
        words = [w for w in cut(name) if len(w) > 1] if has_cjk(name) else []
        if not words or set(words) - common_words(words):  # a transliteration: 大 + 摩
            found.append(name)
    return found


@dataclass(frozen=True)
class Speakers:
    """The symbols every mention of which is a source's: `attributed` ones ("per JPMorgan",
    and a view of something named: "Goldman's forecast for robotaxi revenue") and `voiced` ones
    ("Goldman Sachs expects")."""

    attributed: frozenset[str] = frozenset()
    voiced: frozenset[str] = frozenset()


def speakers(
    text: str, symbols: Iterable[str], aliases: Callable[[str], Collection[str]]
) -> Speakers:
    """Which of the question's `symbols` it names only as the source of a view."""
    attributed, voiced = set(), set()
    for symbol in symbols:
        spans = _mentions(text, aliases(symbol))
        if not spans:
            continue
        befores = [_attributed(text[:start], text[end:]) for start, end in spans]
        afters = [_voices(text[:start], text[end:]) for start, end in spans]
        if all(befores):
            attributed.add(symbol)
        elif all(b or a for b, a in zip(befores, afters, strict=True)):
            voiced.add(symbol)
    return Speakers(frozenset(attributed), frozenset(voiced))


def _attributed(before: str, after: str) -> bool:
    """Is the name cited as a source ("per JPMorgan"), or as the one whose view of something
    the question asks ("Goldman's forecast for…", "高盛对油价的预测")? Either way what it is about
    is something else, whether or not the question names it."""
    return bool(
        _ATTRIBUTED.search(before) or _VIEW_OF.match(after) or _VIEW_OF_ZH.match(after.lstrip())
    )


def voices_a_view(after: str) -> bool:
    """Does what follows an English name say that it holds a view ("…expects")? "What is the
    market expecting from the Fed?" asks the market's view, not how the market did. (Chinese
    reads "美股预计…" as "US stocks are expected to…": no view of theirs.)"""
    return bool(_VOICED.match(after))


def _voices(before: str, after: str) -> bool:
    return bool(
        _VOICED.match(after) or _VOICED_ZH.match(after.lstrip()) or _VIEW_ASKED.search(before)
    )


def _mentions(text: str, names: Collection[str]) -> list[tuple[int, int]]:
    """Where the names are written (longest first; Latin ones as whole words, any case)."""
    taken: list[tuple[int, int]] = []
    for name in sorted((n for n in names if n), key=len, reverse=True):
        edge = r"(?<![A-Za-z0-9])" if name[0].isascii() else ""
        tail = r"(?![A-Za-z0-9])" if name[-1].isascii() else ""
        for m in re.finditer(edge + re.escape(name) + tail, text, re.I):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                taken.append(m.span())
    return sorted(taken)


def subjects(symbols: tuple[str, ...], heard: Speakers, elsewhere: bool) -> tuple[str, ...]:
    """The symbols the question is about: without those cited as a source, nor those voicing
    a view when the question is about something else too (`elsewhere`: another symbol, a
    sector, a topic, the macro picture)."""
    kept = tuple(s for s in symbols if s not in heard.attributed)
    others = [s for s in kept if s not in heard.voiced]
    return tuple(others) if others or elsewhere else kept

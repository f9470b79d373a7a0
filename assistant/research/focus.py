"""How well a sentence answers one step of a plan: what its sub-question asks, about what.

    focus = Focus.of(plan.topic, step, names=("Russell 2000", "罗素2000"))
    focus.answers("当前小盘股的市盈率较大盘股存在显著折价[3]。")   # a valuation step: True
    focus.score(sentence)                                             # ranks what answers

What a step asks is its aspects (`research_plan_template.yaml`: performance, valuation, risks,
...): those whose words its question uses most, with the topic's own words left out, so "面临
哪些主要风险" of a topic about rate cuts asks about risks, not rates. What the brief is about is
the topic's subject: its words (less the framing ones: 投资逻辑, outlook), the other language's
words for the market subjects it names, and `names`, the names of the indices and sectors the
topic implies.

A sentence answers the step when it uses one of the aspects' words (or two of their weak ones:
"discount" alone may be a crude grade's price) and, when the question names the subject, names
what of it the question names: a valuation step of a small-cap brief wants the valuation of
small caps, not of any stock, and the utilities step of a brief on AI's power demand and
utilities wants utilities, not anything saying "AI". A step of no known aspect (a model's plan
words its steps freely) is answered by sentences that share enough of its question's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.research.plan import Step
from assistant.research.template import plan_template
from ingest.language import chinese_runs, has_cjk
from ingest.tokens import EN_STOPWORDS, ZH_STOPWORDS, terms, tokenize

MAX_CUES = 3  # a sentence's aspect words count up to this many
MIN_SHARED = 0.15  # a step of no known aspect: the share of its question's words a sentence needs
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9&'.-]*[A-Za-z0-9&]|[A-Za-z]")


def _pattern(words: Iterable[str], *, stems: bool = False) -> re.Pattern[str] | None:
    """One regex finding any of the words: Chinese anywhere, English as whole words (plurals
    too), or with `stems` at the start of a word ("volatil" finds volatility and volatile)."""
    parts = []
    for word in dict.fromkeys(w.lower() for w in words if w.strip()):
        escaped = re.escape(word)
        if has_cjk(word):
            parts.append(escaped)
        elif stems:
            parts.append(rf"(?<![a-z0-9]){escaped}")
        else:
            parts.append(rf"(?<![a-z0-9]){escaped}(?:s|es)?(?![a-z0-9])")
    return re.compile("|".join(sorted(parts, key=len, reverse=True))) if parts else None


def _found(pattern: re.Pattern[str] | None, text: str) -> set[str]:
    return set(pattern.findall(text.lower())) if pattern is not None else set()


def topic_words(topic: str) -> list[str]:
    """The words naming what a topic is about, with the other language's words for the same
    subjects."""
    template = plan_template()
    framing = {w.lower() for w in template.framing}
    english = [w.lower().removesuffix("'s").strip("'.-") for w in _LATIN.findall(topic)]
    chinese = [w for run in chinese_runs(topic) for w in tokenize(run)]
    words = [w for w in english + chinese if _naming(w, framing)]
    for group in template.subjects:
        if _found(_pattern(group), topic):
            words += group
    return list(dict.fromkeys(words))


def _with_synonyms(named: set[str], names: Sequence[str]) -> list[str]:
    """The subject's words a question names, with the other words for the same things: the
    names of the indices and sectors the topic implies when it names one of them ("the Russell
    2000" of a small-cap brief is its small caps), and the template's subject groups of all."""
    words = list(named)
    if named & {n.lower() for n in names}:
        words += names
    lowered = {w.lower() for w in words}
    for group in plan_template().subjects:
        if lowered & {w.lower() for w in group}:
            words += group
    return words


def _named(words: Iterable[str], text: str) -> set[str]:
    """Which of the words the text names, as the words themselves ("utilities sectors" names
    "utilities sector"), lower-cased."""
    return {w.lower() for w in words if _found(_pattern([w]), text)}


def _naming(term: str, framing: set[str]) -> bool:
    """Does a word (or a glossary term of several) name something, not frame the topic?"""
    if len(term) < 2 or term.isdigit():
        return False
    parts = [w for run in chinese_runs(term) for w in tokenize(run)] + [
        w.lower() for w in _LATIN.findall(term)
    ]
    stop = framing | EN_STOPWORDS | ZH_STOPWORDS
    return any(p not in stop and not p.isdigit() and len(p) > 1 for p in parts)


def step_aspects(question: str, topic: str) -> tuple[str, ...]:
    """The aspects a question asks about: those whose words it uses most (at least half as
    many as the most), its topic's words left out."""
    asked = question.lower().replace(topic.lower(), " ")
    counts = {
        name: len(_found(_pattern((*cues.words, *cues.weak), stems=True), asked))
        for name, cues in plan_template().aspects.items()
    }
    most = max(counts.values(), default=0)
    return tuple(name for name, n in counts.items() if n and n * 2 >= most)


@dataclass(frozen=True)
class Focus:
    """One step's sub-question, as what a sentence must say to answer it."""

    aspects: tuple[str, ...]
    asks: tuple[str, ...]  # the aspects' words, in both languages
    cues: re.Pattern[str] | None  # ... as a pattern
    weak: re.Pattern[str] | None  # the aspects' words that count only two together
    words: tuple[str, ...]  # the topic's subject, in both languages
    subject: re.Pattern[str] | None  # ... as a pattern
    needs_subject: bool  # the question names the subject, so an answer must too
    asked_subject: re.Pattern[str] | None  # what of the subject the question names, as a pattern
    asked: frozenset[str]  # the question's and query's terms

    @classmethod
    def of(cls, topic: str, step: Step, names: Sequence[str] = ()) -> Focus:
        aspects = step_aspects(step.question, topic)
        cues = [w for a in aspects for w in plan_template().aspects[a].words]
        weak = [w for a in aspects for w in plan_template().aspects[a].weak]
        words = tuple(dict.fromkeys([*topic_words(topic), *names]))
        subject = _pattern(words)
        named = _named(words, step.question)
        return cls(
            aspects=aspects,
            asks=tuple(cues),
            cues=_pattern(cues, stems=True),
            weak=_pattern(weak, stems=True),
            words=words,
            subject=subject,
            needs_subject=bool(named),
            asked_subject=_pattern(_with_synonyms(named, names)),
            asked=frozenset(terms(f"{step.question} {step.query}")),
        )

    def names_subject(self, text: str) -> bool:
        """Does the sentence name the subject: the part the question names, when it names one
        (the utilities of a brief on AI's power demand and utilities), else any of it?"""
        return bool(_found(self.asked_subject if self.needs_subject else self.subject, text))

    def _shared(self, text: str) -> float:
        return len(terms(text) & self.asked) / len(self.asked) if self.asked else 0.0

    def answers(self, text: str) -> bool:
        """Does the sentence speak to the sub-question (and to the part of the subject it
        names, when it names one: the valuation of utilities, not of Chinese AI models, in a
        brief on AI's power demand and utilities)?"""
        if self.needs_subject and not self.names_subject(text):
            return False
        if self.aspects:
            return bool(_found(self.cues, text)) or len(_found(self.weak, text)) >= 2
        return self._shared(text) >= MIN_SHARED

    def score(self, text: str) -> float:
        """How well it answers: the aspects' words it uses, naming the subject, the question's
        words it shares."""
        cues = len(_found(self.cues, text)) + len(_found(self.weak, text)) / 2
        return min(cues, MAX_CUES) + (1.0 if self.names_subject(text) else 0.0) + self._shared(text)

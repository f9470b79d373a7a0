"""The question file: loading it, checking its shape, and matching its facts in a text.

The file is data (questions.yaml beside this module); this module only reads it. A question
names its articles by something that does not change when the library is rebuilt (a news item's
url, a seed's file name); `benchmarks.eval.library` turns them into catalog ids at run time.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

QUESTIONS_FILE = Path(__file__).with_name("questions.yaml")
GROUPS = ("en", "zh", "cross", "scoped", "follow-up")
# The minimum per group, and overall.
MINIMUM = {"en": 20, "zh": 20, "cross": 15, "scoped": 10, "follow-up": 5}
MINIMUM_TOTAL = 60


class QuestionFileError(ValueError):
    """The question file is malformed; the message names the entry."""


@dataclass(frozen=True)
class ArticleRef:
    """An article by a stable handle: a news item's url, or a seed's file name."""

    url: str | None = None
    seed: str | None = None

    @property
    def label(self) -> str:
        return self.url or f"seed {self.seed}"


@dataclass(frozen=True)
class Question:
    id: str
    group: str
    question: str
    articles: tuple[ArticleRef, ...]
    facts: tuple[tuple[str, ...], ...]  # each fact: its accepted spellings
    as_of: dt.date | None = None
    before: tuple[str, ...] = ()  # earlier turns of a follow-up
    held_out: bool = False  # written from a randomly drawn article before the product saw it

    @property
    def scoped(self) -> bool:
        return self.group == "scoped"


def load_questions(path: Path = QUESTIONS_FILE) -> list[Question]:
    """Every question in the file, checked (QuestionFileError names the first bad entry)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:  # e.g. an unquoted "?" or ":" inside [...]
        raise QuestionFileError(f"{path.name}: not valid YAML ({error})") from None
    if not isinstance(raw, list):
        raise QuestionFileError(f"{path.name}: expected a list of questions")
    questions = [_question(entry, n) for n, entry in enumerate(raw, start=1)]
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise QuestionFileError(f"{q.id}: duplicate id")
        seen.add(q.id)
    return questions


def _question(entry: Any, n: int) -> Question:
    where = entry.get("id", f"entry {n}") if isinstance(entry, dict) else f"entry {n}"

    def fail(why: str) -> QuestionFileError:
        return QuestionFileError(f"{where}: {why}")

    if not isinstance(entry, dict):
        raise fail("not a mapping")
    known = {"id", "group", "question", "articles", "facts", "as_of", "before", "held_out"}
    unknown = set(entry) - known
    if unknown:
        raise fail(f"unknown keys {sorted(unknown)}")
    group = entry.get("group")
    if group not in GROUPS:
        raise fail(f"group must be one of {GROUPS}, not {group!r}")
    question = entry.get("question")
    if not isinstance(question, str) or not question.strip():
        raise fail("no question")
    as_of = entry.get("as_of")
    if as_of is not None and not isinstance(as_of, dt.date):
        raise fail(f"as_of must be a date (YYYY-MM-DD), not {as_of!r}")
    before = entry.get("before") or []
    if not isinstance(before, list) or not all(isinstance(b, str) and b for b in before):
        raise fail("before must be a list of questions")
    if (group == "follow-up") != bool(before):
        raise fail("a follow-up (and only a follow-up) has earlier turns in `before`")
    held_out = entry.get("held_out", False)
    if not isinstance(held_out, bool):
        raise fail(f"held_out must be true or false, not {held_out!r}")
    return Question(
        id=str(entry.get("id") or fail("no id")),
        group=group,
        question=question.strip(),
        articles=_articles(entry.get("articles"), fail),
        facts=_facts(entry.get("facts"), fail),
        as_of=as_of,
        before=tuple(before),
        held_out=held_out,
    )


def _articles(value: Any, fail: Any) -> tuple[ArticleRef, ...]:
    if not isinstance(value, list) or not value:
        raise fail("articles must be a non-empty list")
    refs = []
    for item in value:
        if not isinstance(item, dict) or len(item) != 1 or not ({"url", "seed"} & set(item)):
            raise fail(f"an article is {{url: ...}} or {{seed: ...}}, not {item!r}")
        refs.append(ArticleRef(url=item.get("url"), seed=item.get("seed")))
    return tuple(refs)


def _facts(value: Any, fail: Any) -> tuple[tuple[str, ...], ...]:
    if not isinstance(value, list) or not value:
        raise fail("facts must be a non-empty list")
    facts = []
    for fact in value:
        spellings = fact if isinstance(fact, list) else [fact]
        if not spellings or not all(isinstance(s, str | int | float) for s in spellings):
            raise fail(f"a fact is a list of accepted spellings, not {fact!r}")
        if not all(str(s).strip() for s in spellings):
            raise fail(f"empty spelling in {fact!r}")
        facts.append(tuple(str(s) for s in spellings))
    return tuple(facts)


# -- matching ---------------------------------------------------------------------------------

_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """What fact matching compares: full-width folded to ASCII (NFKC: ％ -> %), lower case,
    no thousands separators (5,110.50 -> 5110.50) and no spaces ("8.2 %" -> "8.2%")."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _SPACE.sub("", _THOUSANDS.sub("", text))


def _pattern(spelling: str) -> re.Pattern[str]:
    """A spelling as a pattern that does not match inside a longer number: "25%" is not
    found in "1.25%", nor "15" in "2015" or "150" (but "5110" is in "5110.50", and "71%" in
    "decades. 71% of Americans", which loses its space)."""
    needle = normalise(spelling)
    head = r"(?<!\d)(?<!\d\.)" if needle[:1].isdigit() else ""
    tail = r"(?!\d)" if needle[-1:].isdigit() else ""
    return re.compile(head + re.escape(needle) + tail)


def has_fact(text: str, spellings: tuple[str, ...]) -> bool:
    """True when any accepted spelling occurs in `text` (see `normalise`)."""
    haystack = normalise(text)
    return any(_pattern(s).search(haystack) for s in spellings)


def missing_facts(text: str, facts: tuple[tuple[str, ...], ...]) -> list[str]:
    """The facts `text` lacks, each named by its first spelling."""
    return [spellings[0] for spellings in facts if not has_fact(text, spellings)]

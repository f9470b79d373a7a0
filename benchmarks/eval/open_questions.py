"""Open questions (open.yaml): asked with no date, as a person asks today, and scored for
staying on their subject and for how current their sources are.

- on subject: of the answer's quotations of articles (the text up to a citation marker of [1]
  or later, from the marker before it; the takeaways' line naming the main sources is left
  out), the share that say the question's subject in one of its spellings (a Latin spelling as
  the start of a word, "chip" in "chips"; a Chinese one anywhere). A quotation is the unit: one
  of two sentences, the second leaning on the first ("Gold hit a record. It may reach $6,000"),
  is read as the reader reads it. A quotation from an article on the subject that does not
  repeat it counts against, so 100% is not the ceiling of a good answer; one on another subject
  always counts against.
- age: the median, over the cited articles, of the days between an article and the newest
  article in the library (the library's now: a library ingested once never reaches today).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from benchmarks.eval import metrics
from ingest.language import has_cjk

if TYPE_CHECKING:
    import datetime as dt

    from assistant.answer.model import Answer
    from assistant.engine import Assistant

OPEN_FILE = Path(__file__).with_name("open.yaml")


@dataclass(frozen=True)
class OpenQuestion:
    question: str
    subject: tuple[str, ...]  # spellings of what it is about, either language, lower case


@dataclass(frozen=True)
class OpenScore:
    question: OpenQuestion
    quoting: int  # quotations of an article
    on_subject: int  # of those, the ones saying the subject
    ages: tuple[int, ...]  # days before the library's newest article, per cited article


def load_open(path: Path = OPEN_FILE) -> list[OpenQuestion]:
    entries = yaml.safe_load(path.read_text("utf-8"))
    return [OpenQuestion(e["question"], tuple(s.lower() for s in e["subject"])) for e in entries]


def says_subject(sentence: str, subject: Sequence[str]) -> bool:
    text = unicodedata.normalize("NFKC", sentence).lower()
    return any(
        s in text if has_cjk(s) else re.search(rf"(?<![a-z]){re.escape(s)}", text) is not None
        for s in subject
    )


def quotations(section_texts: Iterable[str]) -> list[str]:
    """The quotations of articles: the text each citation marker citing [1] or later closes,
    from the marker before it on its line, without the markers."""
    found: list[str] = []
    for text in metrics.without_sources_line(section_texts):
        for line in text.splitlines():
            line = line.strip().lstrip(">").strip()
            quoted, cited, start = "", set[int](), 0
            for marker in metrics.CITATION.finditer(line):
                between = line[start : marker.start()].strip(" .。")
                if between:  # else "[0][2]": the second marker closes the same text
                    if cited - {0}:
                        found.append(quoted)
                    quoted, cited = between, set()
                cited |= {int(n) for n in re.findall(r"\d+", marker.group())}
                start = marker.end()
            if cited - {0}:
                found.append(quoted)
    return found


def score(question: OpenQuestion, answer: Answer, newest: dt.date) -> OpenScore:
    quoting = quotations(metrics.iter_texts(answer.sections))
    ages = tuple(
        (newest - r.date).days for r in answer.references if r.kind == "article" and r.date
    )
    on = sum(says_subject(s, question.subject) for s in quoting)
    return OpenScore(question, len(quoting), on, ages)


def run(assistant: Assistant, newest: dt.date) -> list[OpenScore]:
    return [score(q, assistant.ask(q.question, offline=True), newest) for q in load_open()]


def table(scores: Sequence[OpenScore]) -> str:
    lines = [f"{'lang':<5} {'n':>3} {'quoting':>8} {'on subject':>11} {'age p50 d':>10}"]
    groups = [
        ("en", [s for s in scores if not has_cjk(s.question.question)]),
        ("zh", [s for s in scores if has_cjk(s.question.question)]),
        ("all", list(scores)),
    ]
    for name, rows in groups:
        quoting = sum(r.quoting for r in rows)
        on = sum(r.on_subject for r in rows)
        ages = [a for r in rows for a in r.ages]
        share = f"{100 * on / quoting:.0f}%" if quoting else "-"
        age = f"{statistics.median(ages):.0f}" if ages else "-"
        lines.append(f"{name:<5} {len(rows):>3} {quoting:>8} {share:>11} {age:>10}")
    return "\n".join(lines)


def off_subject(scores: Sequence[OpenScore]) -> list[str]:
    """One line per question with sentences off its subject."""
    return [
        f"{s.question.question}: {s.quoting - s.on_subject} of {s.quoting} off subject"
        for s in scores
        if s.on_subject < s.quoting
    ]

"""Research briefs: does each step answer its own sub-question, do the takeaways draw on every
step, and is the prose in the brief's language?

    python -m benchmarks.eval.briefs                 # builds a library from ../shared (~2 min)
    python -m benchmarks.eval.briefs --library DIR   # builds it in DIR once, then reuses it

`python -m benchmarks.eval` runs it too, after the questions, over the same library
(`run(settings)`; the library is benchmarks/eval/library.py's).

The topics and what each step's sub-question asks are in `briefs.yaml` beside this file. Each
topic is researched in Chinese and in English: the template's plan, accepted as drafted, run
offline as of the file's date. Per brief it prints:

- addressed: steps whose part of the brief has a cited sentence (or quotation) with one of the
  step's words (and, where the file says so, one naming the topic's subject) / the plan's steps;
- takeaways: how many of the steps that found something the takeaways draw on (each takeaway
  counts for one step: the one whose findings it repeats; a line listing sources is no finding);
- other-language prose: lines of the brief (before its references) carrying a sentence in the
  other language that is not a marked quotation (a "> " block or text in quotation marks);
- empty: steps whose part cites nothing ("Nothing new in this step", or the one line saying
  why the library has nothing for it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant.answer.citations import MARKER_GROUP, strip_markers, walk
from assistant.answer.model import Language, Section
from assistant.engine import Assistant
from assistant.gather.sentences import paragraphs, sentences
from assistant.locale import has_message
from assistant.locale.catalog import template
from assistant.research.brief import Brief
from assistant.research.planner import stored_symbols
from assistant.research.run import run_plan
from assistant.research.template import template_plan
from assistant.settings import Settings
from benchmarks.eval import library
from ingest.language import cjk_count, detect_language

HERE = Path(__file__).resolve().parent
LANGUAGES: tuple[Language, ...] = ("zh", "en")
# A sentence long enough to tell its language (shorter bits are names and figures).
MIN_CJK, MIN_LATIN_WORDS = 8, 6
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|「[^」]*」|『[^』]*』")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_QUOTATION = re.compile(r"[：:]\s*[“\"](.+)[”\"]\s*$")  # a lead-in, then the words quoted
_WIDTHS = (9, 9, 10, 5, 5)


@dataclass(frozen=True)
class StepSpec:
    asks: tuple[str, ...]
    any: tuple[str, ...]
    about: tuple[str, ...] = ()

    def matches(self, question: str) -> int:
        """How many of its `asks` words the question uses."""
        lowered = question.lower()
        return sum(1 for word in self.asks if word.lower() in lowered)


@dataclass(frozen=True)
class Topic:
    id: str
    topics: dict[Language, str]
    steps: tuple[StepSpec, ...]


@dataclass
class Score:
    steps: int = 0
    addressed: int = 0
    found: int = 0  # steps that found something (their part cites a source)
    covered: int = 0  # ... of which the takeaways draw on
    other_language: int = 0
    empty: int = 0
    seconds: float = 0.0

    def add(self, other: Score) -> None:
        for name in ("steps", "addressed", "found", "covered", "other_language", "empty"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds


def load_spec(path: Path = HERE / "briefs.yaml") -> tuple[dt.date, list[Topic]]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    topics = [
        Topic(
            id=entry["id"],
            topics={lang: entry[lang] for lang in LANGUAGES},
            steps=tuple(
                StepSpec(
                    asks=tuple(step["asks"]),
                    any=tuple(step["any"]),
                    about=tuple(step.get("about") or ()),
                )
                for step in entry["steps"]
            ),
        )
        for entry in data["topics"]
    ]
    return data["as_of"], topics


# ---------------------------------------------------------------------------------------------
# scoring one brief


def _contains(text: str, words: Sequence[str]) -> bool:
    lowered = f" {text.lower()} "
    return any(word.lower() in lowered for word in words)


def _units(text: str) -> Iterator[str]:
    """The sentences of a text; a quotation (a "> " block) is one unit."""
    for paragraph in paragraphs(text):
        if paragraph.startswith(">"):
            yield paragraph
        else:
            yield from sentences(paragraph)


def _cited(unit: str) -> bool:
    return MARKER_GROUP.search(unit) is not None


def addressed(section: Section | None, spec: StepSpec | None) -> bool:
    if section is None or spec is None:
        return False
    return any(
        _cited(unit)
        and _contains(unit, spec.any)
        and (not spec.about or _contains(unit, spec.about))
        for unit in _units(section.text)
    )


def step_parts(brief: Brief) -> dict[int, Section]:
    """Each step's part of the comprehensive analysis, by step number."""
    parts: dict[int, Section] = {}
    for part in brief.answer.sections[0].subsections:
        number = part.heading.split(".", 1)[0]
        if number.isdigit():
            parts[int(number)] = part
    return parts


def _normal(text: str) -> str:
    text = strip_markers(text)
    return re.sub(r"[\s>*\-•“”\"'「」『』。，,.;；:：]", "", text)


def _core(takeaway: str) -> str:
    """What a takeaway says: the words it quotes after a lead-in ("据…报道：“…”[3]"), else all
    of it."""
    quoted = _QUOTATION.search(strip_markers(takeaway))
    return _normal(quoted[1] if quoted else takeaway)


def takeaway_steps(brief: Brief, parts: dict[int, Section]) -> list[set[int]]:
    """For each takeaway, the steps whose findings it repeats (their answer or their part)."""
    section = brief.answer.section("takeaways")
    lines = [line for line in (section.text if section else "").splitlines() if line.strip()]
    listing = _sources_line(brief.answer.language)
    lines = [line for line in lines if not (listing and line.lstrip("- ").startswith(listing))]
    material: dict[int, str] = {}
    for report in brief.steps:
        texts = [s.text for s in walk(report.answer.sections)] if report.answer else []
        if report.n in parts:
            texts.append(parts[report.n].text)
        material[report.n] = _normal("\n".join(texts))
    out = []
    for line in lines:
        core = _core(line)
        out.append({n for n, text in material.items() if core and core in text})
    return out


def _sources_line(language: Language) -> str:
    """How an answer's takeaway listing its main sources starts ("Main sources: "), if answers
    have one: it names articles, it is not a finding."""
    if not has_message("takeaway.sources", language):
        return ""
    return template("takeaway.sources", language).split("{", 1)[0]


def _matching(options: list[set[int]]) -> int:
    """The most steps the takeaways can stand for, each takeaway for one step (Kuhn's
    augmenting paths; a handful of lines)."""
    owner: dict[int, int] = {}

    def assign(line: int, seen: set[int]) -> bool:
        for step in options[line]:
            if step in seen:
                continue
            seen.add(step)
            if step not in owner or assign(owner[step], seen):
                owner[step] = line
                return True
        return False

    return sum(assign(line, set()) for line in range(len(options)))


def other_language_lines(brief: Brief) -> list[str]:
    """Lines before the references carrying another language's sentence as plain prose."""
    lang = brief.answer.language
    body = brief.markdown().split("\n## ")
    lines = [line for part in body if not _is_references(part, lang) for line in part.split("\n")]
    found = []
    for line in lines:
        if line.lstrip().startswith((">", "#")):
            continue
        prose = _QUOTED.sub(" ", line)
        for sentence in sentences(prose):
            if _long_enough(sentence) and detect_language(strip_markers(sentence)) != lang:
                found.append(line)
                break
    return found


def _is_references(part: str, language: Language) -> bool:
    return part.startswith("参考文献" if language == "zh" else "References")


def _long_enough(sentence: str) -> bool:
    return cjk_count(sentence) >= MIN_CJK or len(_LATIN_WORD.findall(sentence)) >= MIN_LATIN_WORDS


def _entry(topic: Topic, question: str) -> StepSpec | None:
    """The entry whose `asks` words the question uses most (the first of equals)."""
    best = max(topic.steps, key=lambda s: s.matches(question))
    return best if best.matches(question) else None


def score(brief: Brief, topic: Topic) -> tuple[Score, list[str]]:
    """The brief's score, and one line per step saying how it fared."""
    parts = step_parts(brief)
    result = Score(steps=len(brief.plan.steps))
    notes = []
    found: set[int] = set()
    for n, step in enumerate(brief.plan.steps, 1):
        spec = _entry(topic, step.question)
        part = parts.get(n)
        cites = part is not None and _cited(part.text)
        ok = addressed(part, spec)
        result.addressed += ok
        result.empty += not cites
        if cites:
            found.add(n)
        mark = "ok" if ok else ("EMPTY" if not cites else "off")
        if spec is None:
            mark += " (no entry in briefs.yaml)"
        notes.append(f"    {n}. [{mark}] {step.question}")
    options = [steps & found for steps in takeaway_steps(brief, parts)]
    result.found, result.covered = len(found), _matching(options)
    result.other_language = len(other_language_lines(brief))
    return result, notes


# ---------------------------------------------------------------------------------------------
# running


def run(settings: Settings, verbose: bool = False) -> Score:
    as_of, topics = load_spec()
    assistant = Assistant(settings, model=None)
    total = Score()
    print(_row("brief", None))
    for topic in topics:
        for lang in LANGUAGES:
            plan = template_plan(  # as the product drafts it (`planner.draft_plan`)
                topic.topics[lang], assistant.vocabulary, as_of=as_of, language=lang,
                stored=stored_symbols(assistant),
            )  # fmt: skip
            started = time.perf_counter()
            brief = run_plan(assistant, plan, offline=True)
            result, notes = score(brief, topic)
            result.seconds = time.perf_counter() - started
            total.add(result)
            print(_row(f"{topic.id}/{lang}", result))
            if verbose:
                print("\n".join(notes))
    print(_row("total", total))
    return total


def _row(name: str, s: Score | None) -> str:
    if s is None:  # the header
        columns = ("addressed", "takeaways", "other-lang", "empty", "s")
        return f"{name:<16} " + " ".join(f"{c:>{w}}" for c, w in zip(columns, _WIDTHS, strict=True))
    return (
        f"{name:<16} {f'{s.addressed}/{s.steps}':>9} {f'{s.covered}/{s.found}':>9} "
        f"{s.other_language:>10} {s.empty:>5} {s.seconds:>5.1f}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--library", type=Path, help="data directory: built once, then reused")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every step")
    args, _ = parser.parse_known_args(argv)
    why = library.missing_data()
    if why:
        print(f"skipped: {why}")
        return
    with tempfile.TemporaryDirectory(prefix="mb-briefs-") as temp:
        settings, seconds = library.build(args.library or Path(temp))
        print(f"set-up: library in {settings.home} ready in {seconds:.0f} s (not timed below)")
        run(settings, args.verbose)


if __name__ == "__main__":
    main()

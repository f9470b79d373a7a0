"""One repair turn: the model rewrites its answer once when its figures fail the check.

After the agent's run, every figure of the model's answer is checked (`assistant.answer.verify`)
against the sources it cites, as the registry numbers them while the answer is written. When a
figure is contradicted by the source it cites, or is not stated by it, the model gets one more
call, tools off (the chat model itself, not the agent): the problems (sentence, figure, what is
wrong, the source's own value), the cited sources and its answer (`prompts/repair.md`). The
rewrite replaces the answer if it parses; whatever is still wrong is flagged by `assemble`, as
in any answer. Nothing is ever corrected silently.

Uncited figures alone do not trigger a repair: a figure without a marker (or citing only a
marker that matches no source, which `assemble` removes) is a citation gap, not a misreading of
a source; the reader sees it flagged either way, and a model asked only to add markers tends to
attach them to a source that does not state the figure. When a repair runs for another reason,
they are on its list too.

The turn stays within the run's limits: it is skipped, silently, when the model calls or the
token budget are spent or the run's deadline has passed; the call itself is abandoned at that
deadline (`tools.deadline.iterate_with_deadline`, as the agent's run is). An endpoint failing
during the repair keeps the first answer, flagged, instead of sending the question offline.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Generator, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from assistant.answer.citations import markers_in, walk
from assistant.answer.model import ClaimParts, Flag, Language, Section
from assistant.answer.verify import about, verify
from assistant.events import Event, Notice, Token
from assistant.gather.sources import MarketSource, Source, SourceRegistry
from assistant.llm.agent import RunLimits
from assistant.llm.call import Reply, RunClock, stream_call
from assistant.llm.failures import describe_llm_error, llm_failures
from assistant.llm.parse import parse_markdown
from assistant.llm.tools import SUMMARY_CHARS, clean_passage
from assistant.locale import heading_skeleton, notice
from assistant.prompts import render_prompt
from assistant.question.vocabulary import Vocabulary

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

REPAIRED_KINDS = frozenset({"contradicted_number", "unsupported_number"})  # trigger a repair
LISTED_KINDS = REPAIRED_KINDS | {"uncited_number"}  # shown to the model when it repairs


@dataclass
class Written:
    """The model's answer, parsed, with what the run has cost so far."""

    title: str | None
    sections: tuple[Section, ...]
    text: str  # the Markdown the sections were parsed from
    model_calls: int
    usage: dict[str, int] = field(default_factory=dict)
    deadline: float = math.inf  # on time.monotonic (the agent's clock)


@dataclass(frozen=True)
class RepairContext:
    """What the repair turn needs besides the answer."""

    model: BaseChatModel
    registry: SourceRegistry
    vocabulary: Vocabulary
    language: Language
    limits: RunLimits
    system_prompt: str
    clock: Callable[[], float] = time.monotonic
    cancel: Callable[[], None] | None = None  # closes the run's HTTP client (an abandoned call)


def repair(written: Written, context: RepairContext) -> Generator[Event, None, Written]:
    """Yield the repair turn's events (none when no repair is due or possible); return the
    answer to assemble: the rewrite, or the first answer."""
    sources = cited_sources(written.sections, context.registry)
    flags = verify(written.sections, sources, context.language, context.vocabulary)
    if not needs_repair(flags, sources) or not within_limits(written, context):
        return written
    listed = [f for f in flags if f.kind in LISTED_KINDS]
    language, wrong = context.language, sum(f.kind in REPAIRED_KINDS for f in flags)
    yield Notice(notice("repairing", language, count=wrong), discard_streamed=True)
    reply = Reply()
    try:
        yield from _call(context, repair_prompt(listed, sources, written, context), written, reply)
        title, sections = parse_markdown(reply.text, language)
    except llm_failures() as error:  # the first answer stands, its figures flagged
        yield Notice(notice("repair_kept", language, reason=describe_llm_error(error)))
        usage = reply.total(written.usage)
        return replace(written, model_calls=written.model_calls + 1, usage=usage)
    return Written(
        title or written.title,
        sections,
        reply.text,
        written.model_calls + 1,
        reply.total(written.usage),
        written.deadline,
    )


def cited_sources(sections: tuple[Section, ...], registry: SourceRegistry) -> dict[int, Source]:
    """Each marker of the text that stands for a source (provisional numbers)."""
    cited = dict.fromkeys(n for section in walk(sections) for n in markers_in(section.text))
    return {n: source for n in cited if (source := registry.get(n)) is not None}


def needs_repair(flags: list[Flag], sources: Mapping[int, Source]) -> bool:
    """A figure its existing cited source contradicts or does not state."""
    return any(f.kind in REPAIRED_KINDS and set(f.sources) & set(sources) for f in flags)


def within_limits(written: Written, context: RepairContext) -> bool:
    limits = context.limits
    return (
        written.model_calls < limits.max_model_calls
        and written.usage.get("total_tokens", 0) < limits.token_budget
        and context.clock() < written.deadline
    )


def _call(context: RepairContext, prompt: str, written: Written, reply: Reply) -> Iterator[Token]:
    """The rewrite's tokens as they arrive; the call is abandoned at the run's deadline."""
    from langchain_core.messages import HumanMessage, SystemMessage

    messages = [SystemMessage(context.system_prompt), HumanMessage(prompt)]
    run = RunClock(written.deadline, cancel=context.cancel)
    pieces = stream_call(
        context.model, messages, run, reply, "llm repair",
        timeout_s=context.limits.timeout_s, clock=context.clock,
    )  # fmt: skip
    for piece in pieces:
        yield Token(piece)


# -- the prompt --------------------------------------------------------------------------------


def repair_prompt(
    flags: list[Flag], sources: Mapping[int, Source], written: Written, context: RepairContext
) -> str:
    problems = [_problem(flag, sources, context.vocabulary) for flag in flags]
    markers = " ".join(f"[{n}]" for n in sorted(sources)) or "none"
    return render_prompt(
        "repair",
        problems=problems,
        sources=[_source_text(n, source) for n, source in sorted(sources.items())],
        answer=written.text.strip(),
        headings=heading_skeleton(context.language),
        markers=markers,
    )


def _problem(flag: Flag, sources: Mapping[int, Source], vocabulary: Vocabulary) -> dict[str, str]:
    missing = [n for n in flag.sources if n not in sources]
    return {
        "kind": flag.kind.removesuffix("_number"),  # contradicted, unsupported, uncited
        "sentence": (flag.sentence or "").strip(),
        "figure": flag.number or "",
        "about": _about(flag.claim, vocabulary),  # English: the prompt's language
        "cites": "".join(f"[{n}]" for n in flag.sources if n in sources),
        "missing": "".join(f"[{n}]" for n in missing),
        "source_value": flag.source_value or "",
        "note": flag.message,
    }


def _about(claim: ClaimParts | None, vocabulary: Vocabulary) -> str:
    """What the figure was read as: "-7.54%, Russell 2000, year to date, return" (the value
    signed when the sentence says which way)."""
    if claim is None:
        return ""
    value = f"{claim.value:+g}{claim.unit}" if claim.direction else ""
    return ", ".join(bit for bit in (value, about(claim, vocabulary, "en", ", ")) if bit)


def _source_text(n: int, source: Source) -> str:
    """A cited source as the model read it in the tools' replies."""
    if isinstance(source, MarketSource):
        lines = [
            f"{r.provenance.tool} (as of {r.provenance.as_of.isoformat()}):\n"
            f"{r.summary.strip()[:SUMMARY_CHARS]}"
            for r in source.results
        ]
        return f"[{n}] market data\n" + "\n".join(lines)
    date = source.published.isoformat() if source.published else "undated"
    passages = "\n".join(
        f"<passage>{clean_passage(p.text)}</passage>" for p in source.passages.values()
    )
    return f"[{n}] {source.title} ({source.source or 'unknown source'}, {date})\n{passages}"

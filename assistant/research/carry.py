"""What the steps' answers bring to a brief besides their text: their notices and checks (in the
brief's numbers), their charts and tickers (each once), what their model calls used."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.answer.model import Answer, Chart, Flag, Language, Ticker
from assistant.locale import message
from assistant.research.brief import StepReport
from assistant.research.references import remap


def carried_flags(
    reports: Sequence[StepReport],
    mappings: dict[int, dict[int, int]],
    final: dict[int, int],
    brief_text: str,
    language: Language,
) -> list[Flag]:
    """Notices once each (failed steps first), then the steps' checks, re-mapped: a check of a
    sentence the brief no longer says is left out."""
    flags: dict[str, Flag] = {}
    for report in reports:
        if report.status == "failed":
            notice = message(
                "research.step_failed_notice",
                language,
                n=report.n,
                question=report.step.question,
                reason=report.error or "?",
            )
            flags[notice] = Flag(kind="notice", message=notice)
    for report in reports:
        if report.answer is None:
            continue
        for flag in report.answer.flags:
            moved = _moved(flag, mappings[report.n], final)
            if moved is None or (
                moved.sentence and moved.kind != "discrepancy" and moved.sentence not in brief_text
            ):
                continue
            flags.setdefault(f"{moved.kind}\x1f{moved.message}\x1f{moved.sentence}", moved)
    return sorted(flags.values(), key=lambda f: f.kind != "notice")


def _moved(flag: Flag, step: dict[int, int], final: dict[int, int]) -> Flag | None:
    """A step's flag in the brief's numbers (None when it cites only dropped sources)."""
    if flag.kind == "notice":
        return flag
    merged = [step[n] for n in flag.sources if n in step]
    sources = tuple(final[n] for n in merged if n in final)
    if flag.sources and not sources:
        return None
    sentence = remap(remap(flag.sentence, step), final) if flag.sentence else None
    text = flag.message
    if flag.kind != "unknown_citation":  # its marker is the one that matched nothing
        text = remap(remap(flag.message, step), final)
    return flag.model_copy(update={"sources": sources, "sentence": sentence, "message": text})


def unique_charts(charts: Iterable[Chart]) -> list[Chart]:
    out: list[Chart] = []
    for chart in charts:
        if chart not in out:
            out.append(chart)
    return out


def unique_tickers(tickers: Iterable[Ticker]) -> list[Ticker]:
    return list({t.symbol: t for t in reversed(list(tickers))}.values())[::-1]


def one_model(answers: Iterable[Answer]) -> str | None:
    """The chat model that wrote the steps, when they say and it is one (its price is the
    brief's); None leaves the price to the settings' model."""
    models = {a.model for a in answers if a.model_calls and a.model}
    return models.pop() if len(models) == 1 else None

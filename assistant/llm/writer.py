"""The writer strategy: code gathers, one model call writes, code renders and checks.

For models that cannot drive tools reliably (small local ones print tool calls as text or loop
on them), and as the fast path for any model: the offline gatherer fetches the figures and
passages as it does for the offline composer, the model writes the sections once as a JSON
object under a schema (`prompts/writer.md`), and code renders it in the answer's format, where
the citations, the figure checks and the one repair turn are the agent path's own. The prose is
the model's; code only renders, cites and checks.

The schema goes to the endpoint as a response format so servers that can enforce it with a
grammar do (llama.cpp, vLLM, Ollama, OpenAI). It is sent in the request body, in one of two
shapes: OpenAI's `json_schema` (OpenAI, vLLM, Ollama, llama.cpp's own server), or
`json_object` with a `schema` (llama-cpp-python's server, which refuses the first with an error
naming `response_format`); which shape an endpoint takes is learned on the first refusal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

import pydantic_core
from pydantic import BaseModel, ConfigDict

from assistant.answer.model import Language
from assistant.gather.passages import candidates
from assistant.gather.sentences import split_text
from assistant.gather.sources import SourceRegistry
from assistant.gather.terms import Glossary, Names
from assistant.llm.call import Reply, RunClock, stream_call
from assistant.llm.failures import LLMRunError
from assistant.llm.parse import without_thinking
from assistant.locale import SUBSECTIONS, TOP_LEVEL, heading
from assistant.prompts import render_prompt
from assistant.question.parse import ParsedQuestion
from ingest.models import Hit

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

Shape = Literal["json_schema", "json_object"]
SHAPES: tuple[Shape, ...] = ("json_schema", "json_object")
# What the model reads: the tools' figures, and the sentences of the retrieved passages that
# best answer the question (chosen as the offline composer chooses them), grouped by source.
# A small local model's context is small and its prompt evaluation slow (Chinese costs it two
# or three tokens a character); whole passages would fill it with text off the question.
SENTENCES = 10
SOURCE_CHARS = 2_400  # all the sentences together
MARKET_CHARS = 900
ANALYSIS_MIN_CHARS = 20
_LIST_ITEMS = {"insights": 3, "risks": 3, "opportunities": 3, "takeaways": 3}


class Sections(BaseModel):
    """What the model writes: the answer's sections, as text and lists of sentences."""

    model_config = ConfigDict(extra="ignore")

    title: str = ""
    analysis: str
    insights: list[str] = []
    risks: list[str] = []
    opportunities: list[str] = []
    takeaways: list[str] = []


def schema(citable: Sequence[int] | None = None) -> dict[str, Any]:
    """The answer's JSON schema. Lists are bounded; strings have no upper bound: one becomes a
    grammar llama.cpp cannot build (one nested rule per character), and the output token
    limit bounds them anyway. A lower bound is a flat rule, so the analysis has one.

    With `citable` (the source numbers the prompt shows), every string is held to a pattern in
    which a bracket can only be one of those markers, so a server that enforces the schema
    with a grammar cannot let the model cite a source it was not given."""
    if citable is None:
        text: dict[str, Any] = {"type": "string"}
        analysis: dict[str, Any] = {"type": "string", "minLength": ANALYSIS_MIN_CHARS}
    else:
        piece = _text_piece(citable)
        text = {"type": "string", "pattern": f"^{piece}*$"}
        # A pattern replaces minLength in llama.cpp's grammar, so the pattern holds it.
        analysis = {"type": "string", "pattern": f"^{piece}{{{ANALYSIS_MIN_CHARS},}}$"}
    properties: dict[str, Any] = {"title": text, "analysis": analysis}
    for name, most in _LIST_ITEMS.items():
        properties[name] = {"type": "array", "items": text, "maxItems": most}
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _text_piece(citable: Sequence[int]) -> str:
    """One piece of a string's pattern: a character that is no bracket, quote, backslash or
    control character, or a citation marker of one of the `citable` numbers. Plain groups
    only: llama.cpp's converter refuses `(?:`. No escapes are needed in prose, and leaving
    them out keeps the JSON valid whatever the model writes."""
    plain = r'[^\[\]"\\\x00-\x1f]'
    if not citable:
        return plain
    numbers = "|".join(str(n) for n in sorted(set(citable)))
    return rf"({plain}|\[({numbers})\])"


def response_format(shape: Shape, citable: Sequence[int] | None = None) -> dict[str, Any]:
    if shape == "json_schema":
        return {
            "type": "json_schema",
            "json_schema": {"name": "answer", "schema": schema(citable), "strict": False},
        }
    return {"type": "json_object", "schema": schema(citable)}


def prompt(
    question: ParsedQuestion,
    language_name: str,
    hits: list[Hit],
    registry: SourceRegistry,
    names: Names,
    speakers: Names = (),
    companies: Names = (),
    glosses: Glossary = (),
) -> tuple[str, list[int]]:
    """The writer's prompt, and the source numbers it shows (registered, so citable);
    `speakers`: the names of those the question cites as the source of a view; `companies`:
    the names of the companies it is about (`Vocabulary.companies`); `glosses`: the
    library's (`Vocabulary.glosses`)."""
    sources = []
    if registry.tool_results:
        lines = [
            f"{r.provenance.tool} (as of {r.provenance.as_of.isoformat()}): "
            f"{_cut(r.summary.strip(), MARKET_CHARS)}"
            for r in registry.tool_results
        ]
        sources.append("[0] market data\n" + "\n".join(lines))
    chosen = candidates(
        hits, question.text, names, question.language, question.as_of,
        scoped=question.article_id is not None, period=question.period,
        period_carried=question.period_carried, speakers=speakers, companies=companies,
        glosses=glosses,
    )  # fmt: skip
    by_source: dict[int, list[str]] = {}
    headers: dict[int, str] = {}
    room = SOURCE_CHARS
    for candidate in chosen[:SENTENCES]:
        if len(candidate.text) > room:
            break
        room -= len(candidate.text)
        hit = candidate.hit
        n = registry.add_hit(hit)
        date = hit.published.isoformat() if hit.published else "undated"
        headers[n] = f"[{n}] {hit.title} ({hit.source or 'unknown source'}, {date})"
        by_source.setdefault(n, []).append(f"- {candidate.text}")
    sources += [headers[n] + "\n" + "\n".join(lines) for n, lines in sorted(by_source.items())]
    as_of = question.as_of.isoformat() if question.as_of else "latest"
    text = render_prompt(
        "writer", language_name=language_name, question=question.text, as_of=as_of,
        sources=sources,
    )  # fmt: skip
    shown = ([0] if registry.tool_results else []) + sorted(by_source)
    return text, shown


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most].rstrip() + " …"


def write(
    model: BaseChatModel,
    text: str,
    citable: Sequence[int],
    shape: Shape,
    run: RunClock,
    timeout_s: float,
    reply: Reply,
) -> Iterator[str]:
    """Stream the model's JSON for the prompt `text` (collected in `reply`), citing only the
    `citable` sources."""
    from langchain_core.messages import HumanMessage

    # In the body, not as LangChain's `response_format`: that switches the client to OpenAI's
    # beta parsing helpers, which other servers do not speak. A call's extra_body replaces the
    # model's, so the model's own fields (assistant.llm.endpoint.compatible_body) are kept.
    form = response_format(shape, citable)
    body = {**(getattr(model, "extra_body", None) or {}), "response_format": form}
    yield from stream_call(
        model, [HumanMessage(text)], run, reply, "llm writer", timeout_s=timeout_s, extra_body=body
    )


def refused_shape(error: BaseException) -> bool:
    """Did the endpoint refuse the response format? A 400 or 422, or any error naming it
    (llama-cpp-python's server answers a shape it does not know with a 500 saying so)."""
    import openai

    return isinstance(error, openai.BadRequestError | openai.UnprocessableEntityError) or (
        isinstance(error, openai.APIStatusError) and "response_format" in str(error)
    )


def sections_of(reply_text: str) -> Sections:
    """The model's JSON, read; LLMRunError when it is not the object asked for."""
    text = without_thinking(reply_text).strip()
    if text.startswith("```"):  # a model that fences its JSON despite the response format
        text = text.strip("`").removeprefix("json").strip()
    try:
        # allow_partial: a reply cut at the output limit keeps the fields it completed (a
        # string left unfinished is dropped, so no half sentence is shown) ...
        escaped = _escape_controls(text)
        read = pydantic_core.from_json(escaped, allow_partial=True)
        if isinstance(read, dict) and "analysis" not in read:
            # ... and an analysis cut short keeps its whole sentences.
            cut = pydantic_core.from_json(escaped, allow_partial="trailing-strings")
            if isinstance(cut, dict) and isinstance(cut.get("analysis"), str):
                read["analysis"] = _whole_sentences(cut["analysis"])
        written = Sections.model_validate(read)
    except ValueError as error:  # not JSON, or JSON that is not the answer (ValidationError)
        first = str(error).split("\n")[0][:120]
        raise LLMRunError(f"the model's JSON did not match the answer's schema ({first})") from None
    if not written.analysis.strip():
        raise LLMRunError("the model's JSON had no analysis")
    return written


_SENTENCE_ENDS = ("。", "！", "？", ".", "!", "?", "”", "」", "]")


def _whole_sentences(text: str) -> str:
    """`text` up to the end of its last complete sentence ("" when it has none)."""
    pieces = split_text(text)
    while pieces and not pieces[-1].rstrip().endswith(_SENTENCE_ENDS):
        pieces.pop()
    if not pieces:
        return ""
    last = pieces[-1]
    at = text.rfind(last)  # the sentences as written, spacing and all
    return text[: at + len(last)] if at >= 0 else " ".join(pieces)


def _escape_controls(text: str) -> str:
    """`text` with raw control characters inside its JSON strings escaped: a raw line break or
    tab in a string (which strict JSON forbids, and small models write) is no reason to refuse
    the answer."""
    out, in_string, escaped = [], False, False
    for char in text:
        if in_string and not escaped and char < " ":
            char = f"\\u{ord(char):04x}"
        elif char == '"' and not escaped:
            in_string = not in_string
        escaped = in_string and char == "\\" and not escaped
        out.append(char)
    return "".join(out)


_ANALYSIS = re.compile(r'"analysis"\s*:\s*"((?:[^"\\]|\\.)*)')


def analysis_so_far(partial: str) -> str:
    """The analysis as far as the model has written it, decoded, from its JSON in the making
    (a trailing half escape is left for the next chunk): what the reader sees stream."""
    found = _ANALYSIS.search(partial)
    if found is None:
        return ""
    raw = found[1]
    if raw.endswith("\\") and not raw.endswith("\\\\"):
        raw = raw[:-1]
    raw = re.sub(r"\\u[0-9a-fA-F]{0,3}$", "", raw)  # a \uXXXX escape still coming
    try:
        return str(json.loads(f'"{raw}"', strict=False))
    except json.JSONDecodeError:
        return ""


def markdown(written: Sections, language: Language) -> str:
    """The sections in the answer's Markdown format, to be read back like the agent's answer."""
    lists = {
        "insights": written.insights,
        "risks": written.risks,
        "opportunities": written.opportunities,
        "takeaways": written.takeaways,
    }
    lines = [f"# {written.title.strip()}"] if written.title.strip() else []
    for key in TOP_LEVEL:
        lines += [f"## {heading(key, language)}", ""]
        if key == "analysis":
            lines += [written.analysis.strip(), ""]
        for sub in SUBSECTIONS.get(key, ()):
            lines += [f"### {heading(sub, language)}", ""]
            lines += [*_items(lists.get(sub, [])), ""]
        if key in lists:
            lines += [*_items(lists[key]), ""]
    return "\n".join(lines).strip() + "\n"


def _items(sentences: list[str]) -> list[str]:
    return [f"- {s.strip()}" for s in sentences if s.strip()]

"""Text from outside (articles, fetched pages, answers quoting them) made safe for st.markdown.

Nothing from an ingested page may run or load in the reader's browser. Streamlit already shows
raw HTML as text when `unsafe_allow_html` is off (and this app never turns it on for content),
but Markdown itself can still load an image from any server (`![](http://…)`), make a link,
typeset `$…$` as math, or fake one of Streamlit's own directives (`:red[…]`, `:material/…:`).

- `plain`: every Markdown special character escaped; the text reads exactly as written.
- `error_text`: an error message, keys masked, then `plain`.
- `answer_markdown`: an answer's own structure (paragraphs, lists, bold) kept, but HTML, images,
  links, math and directives neutralised; flagged figures highlighted with a directive we add
  ourselves after escaping, so content can never forge one.

Escapes do not stop Streamlit's GitHub-flavoured auto-linking of a bare URL, `www.` name or
e-mail address (`https\\://a\\.b` is still a link): the URLs in an Answer are already inert
text (`assistant.answer.links`), and only a cited source's own URL is a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.redact import redact

_ALL_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:&=^\"'])")
# "<" opens HTML, "&" an entity, "$" math; ">" opens nothing but a block quote, which an answer's
# other-language quotations are (escaping it showed them as "> 据CNBC报道：…" in the page).
_HTML_AND_MATH = re.compile(r"([\\<$&])")
_IMAGE = re.compile(r"!\[")
_LINK_TARGET = re.compile(r"\]\(")
_DIRECTIVE = re.compile(r":(?=[A-Za-z][\w-]*(?:\[|/|:))")
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use marks around a figure to highlight


def plain(text: str) -> str:
    """Text shown exactly as written: all Markdown escaped, line breaks kept."""
    escaped = _ALL_SPECIAL.sub(r"\\\1", text)
    paragraphs = re.split(r"\n\s*\n", escaped.strip())
    return "\n\n".join(p.strip().replace("\n", "  \n") for p in paragraphs if p.strip())


def error_text(error: BaseException | str) -> str:
    """An error's message as the reader may see it: keys masked (an endpoint's error can echo
    one), Markdown escaped, and never empty."""
    message = str(error) or (type(error).__name__ if isinstance(error, BaseException) else "")
    return plain(redact(message or "unknown error"))


def neutralise(text: str) -> str:
    """An answer's Markdown with everything that could load, link, typeset or masquerade
    escaped; paragraphs, lists and emphasis survive."""
    text = _HTML_AND_MATH.sub(r"\\\1", text)
    text = _IMAGE.sub(r"!\\[", text)
    text = _LINK_TARGET.sub(r"]\\(", text)
    return _DIRECTIVE.sub(r"\\:", text)


@dataclass(frozen=True)
class Highlight:
    """A figure to mark inside the sentence that carries it."""

    sentence: str
    number: str
    color: str = "orange"  # a Streamlit background colour name
    mark: str = "⚠"


def _locate(text: str, sentence: str) -> int:
    """Where the sentence starts in the text, also when the text has citation markers or
    different end punctuation than the flag's copy of it."""
    at = text.find(sentence)
    if at >= 0:
        return at
    core = sentence.rstrip("。.!?！？;；")
    return text.find(core) if len(core) >= 8 else -1


def _mark(text: str, highlight: Highlight) -> str:
    start = _locate(text, highlight.sentence)
    if start < 0:
        return text
    end = start + len(highlight.sentence)
    sentence = text[start:end]
    at = sentence.find(highlight.number)
    while at >= 0 and sentence[max(0, at - 1) : at] == _OPEN:
        at = sentence.find(highlight.number, at + 1)
    if at < 0:
        return text
    tail = at + len(highlight.number)
    tag = f"{highlight.color}|{highlight.mark}"
    marked = f"{sentence[:at]}{_OPEN}{tag}{_CLOSE}{highlight.number}{_CLOSE}{sentence[tail:]}"
    return text[:start] + marked + text[end:]


_MARKED = re.compile(f"{_OPEN}([a-z]+)\\|([^{_CLOSE}]*){_CLOSE}([^{_CLOSE}]*){_CLOSE}")


def answer_markdown(text: str, highlights: Iterable[Highlight] = ()) -> str:
    """Section text as safe Markdown, with each flagged figure on a coloured background."""
    text = text.replace(_OPEN, "").replace(_CLOSE, "")  # content cannot forge a mark
    for highlight in highlights:
        text = _mark(text, highlight)
    safe = neutralise(text)
    marked = _MARKED.sub(
        lambda m: f":{m.group(1)}-background[{_escape_brackets(m.group(3))} {m.group(2)}]", safe
    )
    return _LINK_TARGET.sub(r"]\\(", marked)  # a mark's "]" before the text's "(" is no link


def _escape_brackets(figure: str) -> str:
    return figure.replace("[", r"\[").replace("]", r"\]")

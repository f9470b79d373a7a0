"""What a reader could click, or what would load by itself, in Markdown or HTML we produce: the
one oracle the link tests share (issue 14: a live link may only be a cited source's own URL).

Markdown goes through a CommonMark parser with raw HTML on (as many Markdown viewers have it),
so links, images, autolinks, reference definitions, backslash escapes and raw tags count as
they would there. On top of that, the URLs its text shows that GitHub-flavoured Markdown (what
Streamlit renders) auto-links, which PDF viewers link as well: `http(s)://…`, `www.…` and
e-mail addresses, whatever the escapes around them.
"""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt  # rich's Markdown parser

_COMMONMARK = MarkdownIt("commonmark")
_HREF = re.compile(r"<(?:a|area|link|form)\b[^>]*?\b(?:href|action)\s*=\s*[\"']?([^\"'\s>]*)", re.I)
_SRC = re.compile(
    r"<(?:img|iframe|frame|script|source|video|audio|embed|input)\b[^>]*?\bsrc\s*=\s*[\"']?([^\"'\s>]*)",
    re.I,
)
_TAG = re.compile(r"<[^>]*>")
_LITERAL = re.compile(
    r"https?://[^\s<>]+|(?<![\w.-])www\.[\w-]+\.[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I
)
_TRAILING = ".,;:!?'\")]}。，；：！？）"


def html_links(page: str) -> list[str]:
    """Every element's href or src, and every URL the page's text shows that a linkifier links."""
    text = html.unescape(_TAG.sub(" ", page))
    shown = [url.rstrip(_TRAILING) for url in _LITERAL.findall(text)]
    return [html.unescape(u) for u in _HREF.findall(page) + _SRC.findall(page)] + shown


def markdown_links(markdown: str) -> list[str]:
    """What `html_links` finds in the Markdown rendered."""
    return html_links(_COMMONMARK.render(markdown))


def text_links(text: str) -> list[str]:
    """The URLs a plain text shows that a linkifier (a PDF viewer's, a terminal's) links."""
    return [url.rstrip(_TRAILING) for url in _LITERAL.findall(text)]

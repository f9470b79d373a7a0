"""Plain-text helpers every parser needs: decoding bytes, whitespace, HTML fragments (a text's
language is `ingest.language`'s).

Real inputs are messy (GBK files, UTF-16 exports, RSS summaries with tags): bytes that are not
UTF-8 are decoded in the encoding charset-normalizer detects, and refused, saying so, when it
detects none.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ingest.errors import SourceError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (NULs outside UTF-16/32)."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bool(sample) and control / len(sample) > 0.1


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode text bytes: by their BOM; else as the declared charset or UTF-8 when they are
    valid in it; else in the encoding charset-normalizer finds most plausible (GBK/GB18030,
    Big5, cp1252, ...). Raises SourceError when none fits."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:  # a BOM, then bytes its encoding cannot read
                raise SourceError(f"starts as {encoding} but is not valid {encoding}") from error
    for encoding in [declared, "utf-8"] if declared else ["utf-8"]:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):  # not valid in it, or an unknown name
            continue
    from charset_normalizer import from_bytes  # imported when a file is not UTF-8 (rare)

    best = from_bytes(data).best()
    if best is None:
        raise SourceError("not text in a known encoding (no encoding detected fits it)")
    return str(best)


_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BLANKS = re.compile(r"\n\s*\n\s*")


def normalise(text: str) -> str:
    """Unify line ends and spaces, strip each line, keep paragraph breaks (one blank line)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


# What a feed writes where an item has no text ("text": "N/A"): not the article's words.
_PLACEHOLDERS = frozenset({"n/a", "na", "none", "null", "nil", "-", "--", "暂无", "无"})


def is_placeholder(text: str) -> bool:
    """Is `text` a feed's stand-in for no text ("N/A", "null", "暂无")?"""
    return text.strip().lower() in _PLACEHOLDERS


class _TextCollector(HTMLParser):
    _BLOCK = frozenset(
        {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section"}
    )
    _SKIP = frozenset({"script", "style", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_fragment_to_text(fragment: str) -> str:
    """Text of a small HTML fragment (an RSS summary), with block tags as paragraph breaks.

    Full pages go through trafilatura instead; fragments are too small for it to judge.
    """
    if "<" not in fragment:
        return normalise(html.unescape(fragment))
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return normalise("".join(collector.parts))

"""Plain-text helpers every parser needs: decoding bytes, language, whitespace, HTML fragments.

Real inputs are messy (GBK files, UTF-16 exports, RSS summaries with tags), so decoding tries
the encodings a zh/en library meets before giving up, and says why when it does.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ingest.errors import SourceError

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def cjk_ratio(text: str) -> float:
    """Share of CJK characters among the letters (CJK + Latin) of `text`."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    # A Chinese character carries about a word; weigh Latin letters as a fifth of one.
    total = cjk + latin / 5
    return cjk / total if total else 0.0


def detect_lang(text: str) -> str:
    """'zh' when the text is CJK-dominant, else 'en'."""
    return "zh" if cjk_ratio(text[:4000]) >= 0.5 else "en"


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
    """Decode text bytes: BOM, the declared charset, UTF-8, then GB18030 (a superset of GBK),
    then cp1252. Raises SourceError when nothing plausible fits."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    candidates = [declared] if declared else []
    candidates += ["utf-8", "gb18030", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding == "gb18030" and not _plausibly_chinese(text):
            continue
        return text
    raise SourceError("not text in a known encoding (tried UTF-8, UTF-16, GB18030, cp1252)")


def _plausibly_chinese(text: str) -> bool:
    """GB18030 decodes many byte strings; accept it only when the result reads as Chinese."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    cjk = sum(1 for c in non_ascii if _CJK.match(c) or "\u3000" <= c <= "\u303f" or c >= "\uff00")
    return cjk / len(non_ascii) >= 0.9


_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BLANKS = re.compile(r"\n\s*\n\s*")


def normalise(text: str) -> str:
    """Unify line ends and spaces, strip each line, keep paragraph breaks (one blank line)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


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

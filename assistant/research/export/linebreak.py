"""Where Chinese lines break in the PDF: between characters, never inside a figure.

fpdf2 wraps at spaces, or (in character mode) anywhere, which splits "7.54%" into "7" and
".54%". Here a line is filled token by token, where a token is one Chinese character or one run
of Latin letters and digits (7.54%, 2,481.91, XLE, [0]), with opening punctuation kept with
what follows, closing punctuation and citation markers with what precedes (no line starts
with "，" or "[1]", none ends with "（"). The breaks become newlines, so the PDF's text stays
the brief's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_OPEN = "（「『《〈“‘(\\["
_CLOSE = "，。；：！？、）」』》〉”’,.;:!?)\\]%"
_TOKEN = re.compile(
    rf"[{_OPEN}]*(?:[A-Za-z0-9][A-Za-z0-9.,%:/\-+^&'’_]*|\S)(?:[{_CLOSE}]|\[\d{{1,3}}\])*|\s+"
)


def wrap(text: str, width: float, measure: Callable[[str], float]) -> str:
    """`text` with a newline wherever the next token would pass `width` (as `measure`d)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for token in _TOKEN.findall(paragraph):
            size = measure(token)
            if line.strip() and used + size > width and not token.isspace():
                lines.append(line.rstrip())
                line, used = token, size
            else:
                line, used = line + token, used + size
        lines.append(line.rstrip())
    return "\n".join(lines)

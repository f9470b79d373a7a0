"""An article's own outlines: the headings it lists its points under.

"Which pain trades does HSBC's strategist list here?" is answered by the article's "Pain trade
#1: The AI trade continues unabated" … "#6: …", "这篇文章提了哪几条措施？" by its "一、优化住房
限购政策", "二、…": short lines without a full stop, which a sentence ranking never quotes, but
which together are what the article lists. "这篇文章认为面临哪些风险？" is answered by the
labels of its 风险因素 section's paragraphs: "国内经济疲软:…", "美联储政策不确定性:…".

An outline is either the first run numbered from one (1, 2, 3…) of at least two items in the
article's own order, or a run of at least two paragraphs in a row that each open with a short
label and a colon, within one section; each comes with its section's heading, which often
says what the items are (风险因素).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from assistant.gather.sentences import sentences
from ingest.models import Hit
from ingest.numerals import CHINESE_DIGITS, count_of

MAX_ITEM_CHARS = 110  # longer is a paragraph that happens to start with a number
MAX_LABEL_CHARS = 24  # "Domestic economic weakness", "估值均值回归不确定性"; longer is a clause
_CHINESE_NUMERALS = CHINESE_DIGITS + "十"
# "Pain trade #3: An explosive USD rally", "3. Not Diversifying", "3) …", "三、好行业与好标的",
# "第三，具备可规模化应用的能力。"
_ITEM = re.compile(
    r"^(?:[^\W\d_][\w '’&-]{0,30}?\s*#\s*(?P<hash>\d{1,2})\s*[:：.]"
    r"|(?P<digit>\d{1,2})[.)]\s"
    rf"|(?P<chinese>[{_CHINESE_NUMERALS}]{{1,2}})、"
    rf"|第(?P<ordinal>[{_CHINESE_NUMERALS}]{{1,2}})[，,、:：])\s*(?P<text>\S.*)$"
)

# "国内经济疲软:近期分析…", "Monetary policy pivot: The Fed's…": a label with no figure (not a
# time, "10:30") and no sentence punctuation, then the paragraph.
_LABELLED = re.compile(r"^(?P<label>[^\W\d_][^\d:：。，,.;；!?！？]*?)\s*[:：]\s*\S")


class Item(NamedTuple):
    """One heading: its line as written, and its words after the number; for a label, the
    first sentence of its paragraph too (what the label goes on to say)."""

    line: str
    text: str
    lead: str = ""


class Outline(NamedTuple):
    """A run of headings and the section they are in (the last part of its heading)."""

    section: str
    items: list[Item]
    labelled: bool = False  # labels of paragraphs, which go on to say more (not headings)


def _in_order(hits: Sequence[Hit]) -> list[Hit]:
    return sorted(hits, key=lambda h: h.chunk.ordinal)


def _items(hits: Sequence[Hit]) -> list[tuple[int, Item]]:
    """(number, heading) for every numbered line of the article's passages, in its order, once
    (passages of one article overlap)."""
    seen: set[str] = set()
    found: list[tuple[int, Item]] = []
    for hit in _in_order(hits):
        for line in hit.chunk.text.split("\n"):
            line = " ".join(line.split())
            match = _ITEM.match(line)
            if match is None or len(line) > MAX_ITEM_CHARS or line in seen:
                continue
            seen.add(line)
            written = next(match[g] for g in ("hash", "digit", "chinese", "ordinal") if match[g])
            if (number := count_of(written)) is None:  # "三五、": no count
                continue
            text = match["text"].rstrip("。.；;，,")
            found.append((number, Item(line, text)))
    return found


def _section(hit: Hit) -> str:
    return hit.chunk.section.rsplit(" / ", 1)[-1].strip()


def outlines(hits: Sequence[Hit]) -> list[Outline]:
    """The article's numbered outline, then each run of labelled paragraphs, in its order."""
    numbered = numbered_outline(hits)
    found = [Outline("", numbered)] if numbered else []
    return found + _labelled_runs(hits)


def _labelled_runs(hits: Sequence[Hit]) -> list[Outline]:
    """Runs of at least two paragraphs in a row that open with a label, each run within one
    section (passages of one article overlap: a label is counted once)."""
    runs: list[Outline] = []
    run = Outline("", [], labelled=True)
    seen: set[str] = set()
    for hit in _in_order(hits):
        if _section(hit) != run.section:
            runs.append(run)
            run = Outline(_section(hit), [], labelled=True)
        for line in (" ".join(ln.split()) for ln in hit.chunk.text.split("\n")):
            match = _LABELLED.match(line)
            if not line or (match and line in seen):
                continue
            seen.add(line)
            if match is None or len(match["label"]) > MAX_LABEL_CHARS:
                runs.append(run)
                run = Outline(run.section, [], labelled=True)
            else:
                said = sentences(line[match.end("label") :].lstrip(" :："))
                run.items.append(Item(match["label"], match["label"], said[0] if said else ""))
    runs.append(run)
    return [r for r in runs if len(r.items) >= 2]


def numbered_outline(hits: Sequence[Hit]) -> list[Item]:
    """The article's first numbered run of at least two headings (1, 2, 3…)."""
    run: list[Item] = []
    for number, item in _items(hits):
        if number == len(run) + 1:
            run.append(item)
        elif len(run) >= 2:
            break
        elif number == 1:
            run = [item]
        else:
            run = []
    return run if len(run) >= 2 else []

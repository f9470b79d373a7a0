"""Splitting Chinese and English text into paragraphs and sentences.

Both verification (a number is checked against the sources its sentence cites) and the offline
composer (it quotes sentences, not whole chunks) need the same notion of a sentence. Citation
markers belong to the sentence before them, even when a writer puts them after the full stop.
"""

from __future__ import annotations

import re

from assistant.answer.citations import MARKER_GROUP
from ingest.dates import MONTH_ABBREVIATIONS
from ingest.language import IDEOGRAPHS

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d{1,2}[.)、])\s)")
# After 。！？!? (plus closing quotes/brackets), after ". " before a capital, digit or CJK, or
# after "." right before CJK (an English sentence followed by a Chinese one: "…month[2].标普…"),
# or after a full stop a page left a space before ("…in 1934 . Water levels…": a link's text
# taken out of the sentence that held it), or after a quotation that ends the sentence.
_SENTENCE_END = re.compile(
    r"(?<=[。！？!?])[”’」』)）]*"
    rf"|(?<=[A-Za-z0-9%)\]”’\"'][.])(?=\s+[\"“(\[]?[A-Z0-9{IDEOGRAPHS}]|[{IDEOGRAPHS}])"
    r"|(?<=[A-Za-z0-9%)] [.])(?=\s+[\"“]?[A-Z])"
    # or after a quotation closed on its full stop: "…to subjugate Taiwan.” The latest…"
    rf"|(?<=[A-Za-z0-9%)][.!?][”’\"])(?=\s+[\"“(\[]?[A-Z0-9{IDEOGRAPHS}])"
)
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Inc|Corp|Co|Ltd|St|vs|etc|e\.g|i\.e|U\.S|U\.K|No|"
    # titles before a name ("Sen. Adam Schiff", "Gov. Gavin Newsom")
    r"Sen|Rep|Gov|Gen|Lt|Col|Capt|Maj|Sgt|Adm|Rev|Prof|Jr|Sr|"
    + "|".join(MONTH_ABBREVIATIONS)
    + r")|\b[A-Z])\.$"
)
PROSE_WORDS = 6  # what follows a glued heading is a sentence of at least this many words
# Paired marks a sentence never ends inside: a title 《…?》, a quotation “…!” or 「…」.
_PAIRS = (("《", "》"), ("“", "”"), ("「", "」"), ("『", "』"), ("（", "）"))
_LEADING_MARKERS = re.compile(r"^(?:\s*\[\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\])+")
# The words Title Case leaves in lower case ("Real Returns Since the 2000 Peak").
SMALL_WORDS = frozenset("of and the to in for on at by with from or vs vs. a an &".split())  # noqa: SIM905
TITLE_WORDS = 5  # a heading in Title Case has at least this many capitalised words
# A heading a feed flattened into the paragraph it heads, no mark between: in Title Case
# ("Fighting Inflation vs. Stimulating Recovery The 10-year Treasury yield has…"), or a line of
# a few words ("Soaring earnings estimates are pushing P/E ratios lower As we move into…"). In
# prose a capitalised "The" or "As" never follows a word unmarked; "A" and "It" may ("A
# shares", "CNBC Make It"), so those open prose only after a heading in Title Case.
_SMALL = "(?:" + "|".join(re.escape(w) for w in sorted(SMALL_WORDS, key=len, reverse=True)) + ")"
_CAPITALISED = r"(?:[A-Z0-9$][\w’'&/.-]*,?)"
_OPENS = r"The|This|These|That|Those|In|As|With|While|For|After|When|Since|On|At|We|Our|If"
_GLUED_HEADING = re.compile(
    rf"^({_CAPITALISED}(?:\s+(?:{_CAPITALISED}|{_SMALL}))*\s+{_CAPITALISED})"
    rf"\s+(?=(?:{_OPENS}|A|An|It|Investors)\s+[a-z0-9$])"
)
_GLUED_LINE = re.compile(rf"^((?:\S+\s+){{0,11}}?\S*[a-z0-9%)])\s+(?=(?:{_OPENS})\s+[a-z0-9$])")


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks (list items count as their own paragraphs)."""
    return [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]


def sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, with each citation marker kept on its sentence.

    A line break ends a sentence too (headings and list items sit on their own lines)."""
    pieces: list[str] = []
    for line in paragraph.split("\n"):
        start = 0
        for end in _SENTENCE_END.finditer(line):
            candidate = line[start : end.end()]
            if _ABBREVIATIONS.search(candidate.rstrip()) or unbalanced(candidate):
                continue
            pieces.append(candidate)
            start = end.end()
        pieces.append(line[start:])
    merged: list[str] = []
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        lead = _LEADING_MARKERS.match(piece)
        if lead and merged:  # "...rose 7.54%. [0] Next" -> the marker ends the previous one
            merged[-1] += lead[0].strip()
            piece = piece[lead.end() :].strip()
            if not piece:
                continue
        merged += _unglued(piece)
    return merged


def _unglued(sentence: str) -> list[str]:
    """The sentence, or the heading glued before it and the sentence: what follows the heading
    must read as prose (mostly lower-case words), or the whole is a headline's Title Case
    ("…To Hit Canada With 50% Duties")."""
    heading = _GLUED_HEADING.match(sentence) or _GLUED_LINE.match(sentence)
    if heading is None:
        return [sentence]
    rest = sentence[heading.end() :]
    # by its words, not its figures: "Since the 2000 Peak (June 2026)" is a headline's yet
    lettered = _lettered(rest)
    prose = sum(w[:1].islower() for w in lettered) >= len(lettered) / 2
    return [heading[1], rest] if prose and len(rest.split()) >= PROSE_WORDS else [sentence]


def title_case(text: str) -> bool:
    """Is the text a heading in Title Case ("The S&P 500, Dow and Nasdaq: Real Returns Since
    the 2000 Peak (June 2026)"): every word capitalised but the small ones? Prose says its
    verbs and most nouns in lower case."""
    lettered = _lettered(text)
    capitalised = [w for w in lettered if not w[:1].islower()]
    lower = [w for w in lettered if w[:1].islower() and w not in SMALL_WORDS]
    return len(capitalised) >= TITLE_WORDS and not lower


def _lettered(text: str) -> list[str]:
    """The text's words that begin with a letter (after an opening bracket or quote)."""
    return [w for w in (w.lstrip("([“\"'‘") for w in text.split()) if w[:1].isalpha()]


def unbalanced(text: str) -> bool:
    """Is a paired mark (《, “, 「, （, or a straight double quote) opened in the text and not
    closed, or closed without being opened? A sentence boundary there would cut a title or a
    quotation in two."""
    pairs = any(text.count(left) != text.count(right) for left, right in _PAIRS)
    return pairs or text.count('"') % 2 == 1


def split_text(text: str) -> list[str]:
    """All sentences of a text, paragraph by paragraph."""
    return [s for p in paragraphs(text) for s in sentences(p)]


def has_marker(sentence: str) -> bool:
    return MARKER_GROUP.search(sentence) is not None

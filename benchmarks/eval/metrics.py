"""Text metrics of one answer: duplicated sentences, fragments, language kept.

All of them read the answer's prose as a reader sees it, sentence by sentence:

- Lines. A section's text is read line by line. A line starting with ">" is a block quote (a
  marked quotation of a source, which may be in the source's language); "- ", "* ", "• " and
  "1. " list markers are dropped. Citation markers ([1], [0][2], [1, 3]) are removed first.
- Sentences. A line is cut after 。！？!? (and the closing quotes or brackets that follow them),
  and after an English period followed by a space, except after an abbreviation ("U.S.",
  "Sept.", "a.m.", an initial) or before a digit ("Sept. 1"). Nothing is cut inside an open
  quote or bracket (“…。…” stays one sentence), so a quotation is judged whole.

Duplicates: two sentences of one answer are the same when they are equal after dropping case,
width, spaces and punctuation (so a copy that differs only in its citation marker or a full-
versus half-width comma counts). Near-duplicates: distinct sentences of at least 12 such
characters where one is the other with words added or removed, and nothing replaced, and they
are 85% alike (difflib). "Nothing replaced" keeps parallel sentences apart: "no specific risks"
and "no specific opportunities", or the same template filled with two indexes' figures, say
different things.

Fragments: a sentence that is visibly a piece of a longer one (see `fragment_reason`).

Language: every prose sentence (block quotes excepted) in the question's language, by the
project's own detector (`ingest.language.detect_language`); sentences with no words (a lone
figure) are not judged.

Title: an answer's title echoes its question when it is the question's own words, whole or cut
short ("How much did gold gain in January 2026 and what record did…"), rather than the finding
or the topic the tools measured.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from assistant.locale import message
from ingest.language import IDEOGRAPHS, Language, detect_language

CITATION = re.compile(r"\s?\[\d+(?:\s*[,，、\-–]\s*\d+)*\]")
_LIST_MARKER = re.compile(r"^(?:[-*•·]\s+|\d{1,2}[.)、]\s+)")
# Abbreviations after which a period does not end an English sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr st jr sr no vs etc inc corp co ltd plc dept est approx fig gov
    jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m e.g i.e u.s u.k u.n e.u a.i""".split()  # noqa: SIM905
)
# Pairs a sentence must balance. Single curly quotes are left out: ’ is also an apostrophe.
OPENERS = {"“": "”", "《": "》", "「": "」", "『": "』", "（": "）", "(": ")", "【": "】"}
CLOSERS = {v: k for k, v in OPENERS.items()}
_TERMINAL = "。！？!?"
# Closers a sentence's end carries ("…延续。”"); not a straight quote: one after the end, with
# none open, opens the next sentence's remark ("…[2]。"面对这些动态…").
_TRAILING = "”’」』）)】》'"
# A sentence starting with one of these begins after its real start.
_BAD_START = "）)]】》」』”’,，、。.;；:：!！?？%％…"
# A sentence ending with one of these stops before its real end.
_BAD_END = ",，、:：;；-–—(（“《「『"
_TRUNCATED = re.compile(r"(?:\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\])$")
_LOWERCASE_START = re.compile(r"^[a-z]")
_BRAND = re.compile(r"^(?:[a-z]+[A-Z]|[a-z]\.?\d)")  # iShares, eBay, iPhone, xAI; q4
_WORDY = re.compile(rf"[{IDEOGRAPHS}]|[A-Za-z]{{2,}}")
_KEY_DROP = re.compile(rf"[^0-9a-z{IDEOGRAPHS}]+")
_WORD = re.compile(rf"[a-z]+|\d+(?:\.\d+)?|[{IDEOGRAPHS}]")
NEAR_RATIO = 0.85
NEAR_MIN_CHARS = 12


@dataclass(frozen=True)
class Sentence:
    text: str  # without citation markers and list markers
    quoted: bool = False  # inside a block quote (may be in another language)
    leads_list: bool = False  # the end of a line that the next line's list items complete


# -- reading ----------------------------------------------------------------------------------


def strip_citations(text: str) -> str:
    return CITATION.sub("", text)


def sentences(text: str) -> list[Sentence]:
    """The sentences of a section's text, line by line (see the module notes)."""
    found: list[Sentence] = []
    lines = [raw.strip() for raw in text.splitlines()]
    for n, line in enumerate(lines):
        quoted = line.startswith(">")
        if quoted:
            line = line.lstrip(">").strip()
        line = _LIST_MARKER.sub("", strip_citations(line)).strip()
        following = next((later for later in lines[n + 1 :] if later), "")
        pieces = split_sentences(line)
        for i, piece in enumerate(pieces):
            last = i == len(pieces) - 1
            found.append(Sentence(piece, quoted, last and bool(_LIST_MARKER.match(following))))
    return found


def split_sentences(line: str) -> list[str]:
    """One line cut into sentences: after 。！？!? and English ". ", never inside an open
    quote or bracket (a straight double quote too: a quoted remark of two sentences, "…时期，
    …之外。我认为…延续。", is one), never after an abbreviation or before a digit."""
    pieces: list[str] = []
    start = 0
    stack: list[str] = []
    i = 0
    while i < len(line):
        char = line[i]
        if char == '"' and stack and stack[-1] == '"':  # a straight quote closes the open one…
            stack.pop()
        elif char == '"' or char in OPENERS:  # …or opens one
            stack.append(char)
        elif char in CLOSERS and stack and stack[-1] == CLOSERS[char]:
            stack.pop()
        end = None if stack else _sentence_end(line, i)
        if end is not None:
            pieces.append(line[start:end])
            start = i = end
            continue
        i += 1
    pieces.append(line[start:])
    return [p.strip() for p in pieces if p.strip()]


def _sentence_end(line: str, i: int) -> int | None:
    """Where the sentence ends if the character at i ends it, else None."""
    char = line[i]
    if char in _TERMINAL:
        end = i + 1
        while end < len(line) and (line[end] in _TERMINAL or line[end] in _TRAILING):
            end += 1
        return end
    if char == "." and i + 1 < len(line) and line[i + 1] == " ":
        after = line[i + 1 :].lstrip()
        if not after or after[0].isdigit():
            return None
        if line[: i + 1].endswith("...") and after[0].islower():
            return None  # "tried the same thing... but he wanted": a pause, not an end
        word = re.search(r"([A-Za-z][A-Za-z.]*)$", line[:i])
        if word and (word.group(1).lower() in ABBREVIATIONS or len(word.group(1)) == 1):
            return None
        return i + 1
    return None


def answer_sentences(section_texts: Iterable[str]) -> list[Sentence]:
    return [s for text in section_texts for s in sentences(text)]


# -- duplicates -------------------------------------------------------------------------------


def sentence_key(sentence: str) -> str:
    """What makes two sentences the same: no case, width, spaces or punctuation."""
    return _KEY_DROP.sub("", unicodedata.normalize("NFKC", sentence).lower())


def duplicates(found: Sequence[Sentence]) -> list[str]:
    """Sentences that appear twice or more (each listed once)."""
    keys = [sentence_key(s.text) for s in found]
    counts = Counter(k for k in keys if k)
    first = dict(zip(reversed(keys), reversed([s.text for s in found]), strict=True))
    return [first[k] for k, n in counts.items() if n > 1]


def near_duplicates(found: Iterable[Sentence]) -> list[tuple[str, str]]:
    """Pairs of distinct sentences that say nearly the same (see the module notes)."""
    keyed: dict[str, str] = {}
    for s in found:
        key = sentence_key(s.text)
        if len(key) >= NEAR_MIN_CHARS:
            keyed.setdefault(key, s.text)
    words = {
        key: _WORD.findall(unicodedata.normalize("NFKC", text).lower())
        for key, text in keyed.items()
    }
    pairs = []
    for a, b in combinations(keyed, 2):
        # word by word (a Chinese character is a word): "risks" -> "opportunities" is a
        # replacement, where letter by letter it would look like a few insertions
        matcher = difflib.SequenceMatcher(None, words[a], words[b], autojunk=False)
        if (
            matcher.real_quick_ratio() >= NEAR_RATIO
            and matcher.quick_ratio() >= NEAR_RATIO
            and matcher.ratio() >= NEAR_RATIO
            and not any(op == "replace" for op, *_ in matcher.get_opcodes())
        ):
            pairs.append((keyed[a], keyed[b]))
    return pairs


# -- fragments --------------------------------------------------------------------------------


def fragment_reason(sentence: str, leads_list: bool = False) -> str | None:
    """Why `sentence` is a fragment of a longer sentence, or None. It is one when it

    - starts with a closing bracket or quote, or with punctuation that continues a clause
      (》」”）、，。;: …): it was cut after its real start;
    - ends with a comma, colon, semicolon, dash or an opening bracket or quote, or with an
      ellipsis or "[...]" (a feed's truncated excerpt): it stops before its real end (a colon
      is fine when the list on the next lines completes the sentence: `leads_list`);
    - leaves a quote or bracket open (《 or “ without 》 or ”) or closes one it never opened;
    - holds U+FFFD, the mark of a character cut in half;
    - in English, begins with a lower-case word (not a brand such as iShares or eBay): it
      starts mid-clause.
    """
    text = sentence.strip()
    if not text:
        return None
    if text[0] in _BAD_START or text.startswith("..."):
        return f"starts with {text[0]!r}"
    if "\ufffd" in text:
        return "broken character"
    if _TRUNCATED.search(text):
        return "truncated (ends with an ellipsis)"
    core = text.rstrip(_TERMINAL + _TRAILING + ". ")  # "are:." ends with ":" all the same
    for end in (text[-1], core[-1:]):
        if end and end in _BAD_END and not (leads_list and end in ":："):
            return f"ends with {end!r}"
    unbalanced = _unbalanced(text)
    if unbalanced:
        return unbalanced
    if _LOWERCASE_START.match(text) and not _BRAND.match(text):
        return "starts lower-case"
    return None


def _unbalanced(text: str) -> str | None:
    stack: list[str] = []
    for char in text:
        if char in OPENERS:
            stack.append(char)
        elif char in CLOSERS:
            if not stack or stack[-1] != CLOSERS[char]:
                return f"closes {char!r} it never opened"
            stack.pop()
    if stack:
        return f"leaves {stack[-1]!r} open"
    if text.count('"') % 2:
        return 'leaves " open'
    return None


def fragments(found: Iterable[Sentence]) -> list[tuple[str, str]]:
    """(sentence, reason) for every fragment."""
    reasons = ((s.text, fragment_reason(s.text, s.leads_list)) for s in found)
    return [(text, reason) for text, reason in reasons if reason]


# -- language ---------------------------------------------------------------------------------


def off_language(found: Iterable[Sentence], language: Language) -> list[str]:
    """Prose sentences (not block quotes) that are not in `language`."""
    return [
        s.text
        for s in found
        if not s.quoted and _WORDY.search(s.text) and detect_language(s.text) != language
    ]


def without_sources_line(texts: Iterable[str]) -> list[str]:
    """The texts without the takeaways' line naming the main sources and their dates: a
    publication date there ("东方财富Choice数据（2025年10月8日）") is no fact the answer states."""
    prefixes = tuple(f"- {_sources_prefix(language)}" for language in ("zh", "en"))
    return [
        "\n".join(line for line in text.splitlines() if not line.startswith(prefixes))
        for text in texts
    ]


def _sources_prefix(language: Language) -> str:
    return message("takeaway.sources", language, sources="\x00").split("\x00")[0]


def echoes(title: str, question: str) -> bool:
    """Is the title the question's own words, whole or cut short?"""
    words = title.strip().rstrip("…").rstrip("?？ ")
    return bool(words) and question.strip().startswith(words)


def iter_texts(sections: Iterable[object]) -> Iterator[str]:
    """The text of every section and subsection of an Answer, in order."""
    for section in sections:
        text = getattr(section, "text", "")
        if text:
            yield text
        yield from iter_texts(getattr(section, "subsections", ()))

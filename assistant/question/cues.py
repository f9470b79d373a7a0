"""Is a cue said in a question? One matcher for every list of cue words.

Cues are matched as substrings of the lower-cased question padded with spaces, an English cue
only at the start of a word ("perform" in "performance", not "gain" in "against"); a cue like
"up " matches a word's end and " vs" its start.
"""

from __future__ import annotations

from collections.abc import Sequence


def has_cue(text: str, cues: Sequence[str]) -> bool:
    lowered = f" {text.lower()} "
    return any(said(lowered, cue) for cue in cues)


def said(lowered: str, cue: str) -> bool:
    """Is the cue in the lower-cased text padded with spaces, an English one at the start of a
    word: "perform" is said by "performance", but "gain" is not by "against", nor "tech stocks"
    by "biotech stocks"."""
    start = lowered.find(cue)
    if not cue[:1].isascii() or not cue[:1].isalpha():
        return start != -1
    while start != -1:
        before = lowered[start - 1]
        if not (before.isascii() and before.isalpha()):
            return True
        start = lowered.find(cue, start + 1)
    return False

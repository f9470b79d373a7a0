"""What a question counts: the thing "how many" asks the number of.

"How many jobs did the US economy add in July?" counts jobs: a sentence on the US economy that
says nothing of jobs does not answer it, however many of the question's other words it has.
"How much did gold rise?" counts nothing, nor does "how much money…": "how much" asks an
amount, which `gather.asks` weighs. Nor is a Chinese question read for it: what follows 多少 is
as often an amount (多少市值, 多少油钱) as a thing counted.
"""

from __future__ import annotations

import re

from ingest.tokens import terms

# "how many <thing> did/were/…": the thing is the words between, at most a few of them…
_BEFORE_VERB = re.compile(
    r"\bhow many\s+((?:[a-z][\w'’&-]*\s+){0,4}?)"
    r"(?:did|does|do|are|is|were|was|will|have|has|had|can|could|would|should|might|may)\b",
    re.I,
)
# …or, followed by a verb of its own, up to its first plural: "how many British adults rely…"
_TO_PLURAL = re.compile(r"\bhow many\s+((?:[a-z][\w'’&-]*\s+){0,2}?[a-z][\w'’&-]*s)\b", re.I)


def counted_words(question: str) -> frozenset[str]:
    """The question's words for what it counts, as `ingest.tokens.terms` folds them ("jobs" is
    "job"); empty when it counts nothing."""
    matches = list(_BEFORE_VERB.finditer(question)) or list(_TO_PLURAL.finditer(question))
    return frozenset(t for match in matches for t in terms(match[1]))

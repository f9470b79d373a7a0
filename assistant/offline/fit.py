"""How fully a sentence answers the question: the measure by which an offline answer decides
whether a sentence in the other language is worth quoting. It must answer at least as fully
as the best the reader's own language still has, and as the other language's best."""

from __future__ import annotations

from assistant.answer.numbers import states_amount
from assistant.gather.passages import Candidate
from assistant.question.intents import asks_amount

PERIOD_FIT = 0.25  # a figure for the period asked is worth this share of the question's terms
FIGURE_FIT = 0.25  # …and any figure, when the question asks for an amount
# A quotation in the other language asks more of the reader than a sentence in their own: it
# must say at least this share of what the reader's best sentence says of the whole question.
QUOTATION_SHARE = 0.5


class Fit:
    """How fully each sentence answers one question."""

    def __init__(self, question: str) -> None:
        self.amount = asks_amount(question)

    def __call__(self, candidate: Candidate, coverage: float) -> float:
        """The share of the question's terms the sentence covers (`coverage`, of those it
        can say), more when its figure is for the period an amount is asked over, less when
        only for another ("韩国今年上半年对美半导体出口激增逾九成" for July's chip exports). Asked
        for an amount ("占比是多少", "how much"), a sentence stating one answers more fully
        than one saying more of the question's words and no figure."""
        worth = coverage + PERIOD_FIT * candidate.period_fit
        return worth + (FIGURE_FIT if self.amount and states_amount(candidate.text) else 0.0)

"""A planted-error corpus for the claim checker (`assistant.answer.verify`), issue 12.

True claims are sentences stating real cells of the market-data tools (run on the shared
prices: returns, spreads, volatility, drawdowns, closes, sector scores, quotes, the 10-year
yield, VIX) cited `[0]`, and real sentences of the seeds and the shared news cited `[1]` to the
passage that holds them. Each planted error is a true claim with one mutation, labelled with
its kind (`model.KINDS`), and kept only when it is really an error.

- `model`: cells, items, written-number arithmetic; `market`: scenarios and their oracle;
- `names`, `phrasing`, `tool_claims`, `tool_mutations`: sentences about tool cells;
- `articles`, `words`, `periods`, `article_mutations`: quotes and their mutations;
- `corpus`: `build_corpus(shared, size)`, deterministic for a seed.
"""

from benchmarks.harness.planted.corpus import FULL, SMALL, Size, build_corpus
from benchmarks.harness.planted.model import KINDS, TRUE, Cell, Item

__all__ = ["FULL", "KINDS", "SMALL", "TRUE", "Cell", "Item", "Size", "build_corpus"]

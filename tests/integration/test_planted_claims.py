"""The planted-error corpus of `benchmarks/bench_claims.py`, built small from ../shared: it has
every kind of error in both languages, and its labels are right (a true tool claim states a cell
of its tool's frame, a true quote states its passage's figures, a planted error really changed
the sentence). Recall is the benchmark's business, not a test's."""

from __future__ import annotations

import pandas as pd
import pytest

from assistant.answer.numbers import figures_in
from assistant.gather.sources import ArticleSource, MarketSource
from assistant.question.vocabulary import default_vocabulary
from benchmarks.harness.paths import SHARED
from benchmarks.harness.planted import KINDS, SMALL, TRUE, Cell, Item, build_corpus
from benchmarks.harness.planted.model import parse_number, states
from tools.market import MarketData

pytestmark = pytest.mark.integration
NUMBER_CHANGED = {"unit_slip_100x", "digit_transposition", "precision_rounding", "metric_swap"}


@pytest.fixture(scope="module")
def corpus(shared_market: MarketData) -> list[Item]:
    if not (SHARED / "seeds").is_dir() or not (SHARED / "data" / "news").is_dir():
        pytest.skip(f"needs ../shared/seeds and ../shared/data/news ({SHARED})")
    return build_corpus(SHARED, SMALL, market=shared_market)


def _true(corpus: list[Item], origin: str) -> list[Item]:
    return [i for i in corpus if i.kind == TRUE and i.origin == origin]


def _frame_value(frame: pd.DataFrame, symbol: str, column: str) -> float:
    key = "symbols" if "symbols" in frame.columns else "symbol"
    rows = frame[frame[key] == symbol]
    assert len(rows) == 1, f"{symbol} is not one row of the frame"
    return float(rows[column].iloc[0])


def _stated_by_frame(item: Item, cell: Cell) -> float:
    source = item.sources[0]
    assert isinstance(source, MarketSource) and cell.result is not None
    frame = source.results[cell.result].frame
    if cell.metric == "spread":
        mine, other = cell.column.split("-")
        assert cell.against is not None
        return _frame_value(frame, cell.symbol, mine) - _frame_value(frame, cell.against, other)
    return _frame_value(frame, cell.symbol, cell.column)


def test_every_kind_in_both_languages_from_tools_and_articles(corpus: list[Item]) -> None:
    planted = [i for i in corpus if i.kind != TRUE]
    assert {i.kind for i in planted} == set(KINDS)
    for group in (planted, [i for i in corpus if i.kind == TRUE]):
        assert {i.language for i in group} == {"zh", "en"}
        assert {i.origin for i in group} == {"tool", "article"}
    assert {i.language for i in _true(corpus, "tool")} == {"zh", "en"}
    assert {i.language for i in _true(corpus, "article")} == {"zh", "en"}


def test_a_true_tool_claim_states_a_cell_of_its_tool_frame(corpus: list[Item]) -> None:
    vocabulary = default_vocabulary()
    for item in _true(corpus, "tool"):
        assert item.cell is not None and item.target in item.sentence, item.sentence
        written, decimals = parse_number(item.target)
        value = _stated_by_frame(item, item.cell)
        assert states(written, decimals, value), (item.sentence, value)
        assert item.cell.symbol in {s for _, _, s in vocabulary.mentions(item.sentence)}
        assert item.sentence.endswith(("[0]。", "[0]."))


def test_a_true_quote_states_the_figures_of_the_passage_it_cites(corpus: list[Item]) -> None:
    for item in _true(corpus, "article"):
        source = item.sources[1]
        assert isinstance(source, ArticleSource)
        assert item.target and item.target in source.text
        for figure in figures_in(item.sentence):
            assert figure.raw.lstrip("+-−") in source.text, (figure.raw, item.sentence)


def test_a_planted_error_changes_its_true_sentence(corpus: list[Item]) -> None:
    true_sentences = {i.sentence for i in corpus if i.kind == TRUE}
    for item in corpus:
        if item.kind == TRUE:
            continue
        assert item.original in true_sentences and item.sentence != item.original, item.sentence
        assert item.target in item.sentence
        if item.kind == "sign_flip":
            assert item.target in item.original  # the number stays, its direction changes
        if item.origin == "tool" and item.kind in NUMBER_CHANGED:
            assert item.cell is not None
            written, decimals = parse_number(item.target)
            assert not states(written, decimals, item.cell.value), item.sentence


def test_a_changed_article_figure_is_not_in_the_passage(corpus: list[Item]) -> None:
    changed = {"unit_slip_100x", "digit_transposition", "other_article_figure"}
    for item in corpus:
        if item.origin == "article" and item.kind in changed:
            source = item.sources[1]
            assert isinstance(source, ArticleSource)
            unit = next(f.unit for f in figures_in(item.sentence) if item.target in f.raw)
            written, decimals = parse_number(item.target)
            for figure in figures_in(source.text):
                same = figure.unit == unit and states(written, decimals, figure.value)
                assert not same, (item.sentence, figure.raw)


def test_the_wide_flips_change_only_a_direction_of_true_news_sentences() -> None:
    """`direction_flips`: each flipped sentence is its true sentence with one direction word
    (or sign) changed, and its figure kept."""
    from benchmarks.harness.planted.flips import direction_flips

    if not (SHARED / "data" / "news").is_dir():
        pytest.skip(f"needs ../shared/data/news ({SHARED})")
    true, flipped = direction_flips(SHARED, 300)
    assert len(true) == 300 and len(flipped) >= 300
    originals = {item.sentence for item in true}
    assert {item.language for item in flipped} == {"zh", "en"}
    for item in flipped:
        assert item.original in originals and item.sentence != item.original
        assert item.target in item.sentence
        assert figures_in(item.sentence) and len(item.sentence) - len(item.original) in range(-4, 5)

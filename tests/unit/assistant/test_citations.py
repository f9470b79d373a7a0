"""Citations that cannot lie: renumbering, invented markers, references from the registry."""

from __future__ import annotations

import pandas as pd

from assistant.answer.citations import markers_in, renumber
from assistant.answer.model import Section
from assistant.gather.sources import MarketSource, SourceRegistry
from ingest.models import Chunk, Hit
from tools.result import Provenance, ToolResult

from .fakes import AS_OF


def hit(article_id: str, text: str = "passage", title: str = "") -> Hit:
    chunk = Chunk(id=f"{article_id}-{hash(text) % 1000}", article_id=article_id, text=text)
    return Hit(chunk=chunk, score=1.0, title=title or f"title {article_id}", source="src")


def result() -> ToolResult:
    frame = pd.DataFrame({"symbol": ["^RUT"], "return_pct": [7.5449]})
    return ToolResult(frame, Provenance("index_returns", ("^RUT",), "store", AS_OF, "m"), "s")


def registry_with_three() -> SourceRegistry:
    registry = SourceRegistry()
    registry.add_tool_result(result())
    assert [registry.add_hit(hit(a)) for a in ("a", "b", "c")] == [1, 2, 3]
    return registry


def test_articles_are_renumbered_by_first_citation_and_market_stays_zero() -> None:
    registry = registry_with_three()
    sections = (
        Section(key="analysis", heading="A", text="First [3]. Then [0][1]. Again [3]."),
        Section(key="takeaways", heading="T", text="Last [1, 3]."),
    )
    rewritten, citations = renumber(sections, registry)
    assert rewritten[0].text == "First [1]. Then [0][2]. Again [1]."
    assert rewritten[1].text == "Last [2][1]."
    assert isinstance(citations.sources[0], MarketSource)
    assert {n: getattr(s, "article_id", None) for n, s in citations.sources.items()} == {
        0: None,
        1: "c",
        2: "a",
    }
    assert citations.final_of == {3: 1, 0: 0, 1: 2}
    assert citations.unknown == []


def test_unknown_markers_are_removed_and_counted() -> None:
    registry = registry_with_three()
    sections = (Section(key="analysis", heading="A", text="Real [2]. Invented [7]。Mixed [9][2]."),)
    rewritten, citations = renumber(sections, registry)
    assert rewritten[0].text == "Real [1]. Invented。Mixed [1]."
    assert citations.unknown == [7, 9]
    assert markers_in(rewritten[0].text) == [1, 1]


def test_market_marker_without_market_data_is_invented() -> None:
    registry = SourceRegistry()
    registry.add_hit(hit("a"))
    rewritten, citations = renumber(
        (Section(key="analysis", heading="A", text="x [0][1]"),), registry
    )
    assert rewritten[0].text == "x [1]"
    assert citations.unknown == [0]


def test_one_reference_per_article_holding_every_passage() -> None:
    registry = SourceRegistry()
    assert registry.add_hit(hit("a", "one")) == registry.add_hit(hit("a", "two")) == 1
    source = registry.get(1)
    reference = registry.reference(source, 1, "en")  # type: ignore[arg-type]
    assert reference.kind == "article"
    assert [p.text for p in reference.passages] == ["one", "two"]


def test_market_reference_names_tools_symbols_source_and_date() -> None:
    registry = registry_with_three()
    reference = registry.reference(registry.market, 0, "zh")
    assert reference.kind == "market_data" and reference.tools == ("index_returns",)
    assert reference.symbols == ("^RUT",) and reference.date == AS_OF
    # the tools in the reader's words, not their ids, with the reader's punctuation
    assert reference.title == "marketbrief 市场数据：指数收益（^RUT），截至2026年1月23日"
    english = registry.reference(registry.market, 0, "en").title
    assert english == "marketbrief market data: index returns (^RUT), as of January 23, 2026"

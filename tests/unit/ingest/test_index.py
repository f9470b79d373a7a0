"""The index: idempotent writes, replacement, removal, filters, crash safety, consistency."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.catalog import TOKENIZER_KEY
from ingest.embeddings import LocalHashEmbedder
from ingest.errors import (
    EmbeddingMismatch,
    EmptyLibrary,
    IndexInconsistent,
    IngestError,
    UnknownArticle,
)
from ingest.filters import Filters
from ingest.index import Index
from ingest.lexical import READING, upgrade_tokens
from ingest.models import Article, Section
from ingest.ranking import fuse, quoted
from ingest.tokens import VERSION
from tests.unit.ingest.conftest import open_index, read_article

MakeIndex = Callable[..., Index]


def article(
    key: str,
    text: str,
    *,
    published: dt.date | None = dt.date(2026, 1, 10),
    source: str = "Example",
    tickers: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    title: str | None = None,
) -> Article:
    return Article(
        id=key,
        title=title or f"Article {key}",
        published=published,
        source=source,
        tickers=tickers,
        tags=tags,
        lang="en",
        sections=(Section(heading="Body", text=text),),
    )


CORPUS = [
    article(
        "oil",
        "Brent crude rose 4% as OPEC extended output cuts.",
        published=dt.date(2026, 1, 5),
        source="Reuters",
        tickers=("XLE",),
        tags=("energy",),
    ),
    article(
        "r2k",
        "The Russell 2000 gained 8.2% year to date, led by regional banks.",
        published=dt.date(2026, 1, 23),
        source="CNBC",
        tickers=("IWM",),
        tags=("small_caps",),
    ),
    article(
        "fed",
        "The Federal Reserve held rates at 3.75% and signalled patience on cuts.",
        published=dt.date(2025, 12, 18),
        source="CNBC",
        tags=("rates",),
    ),
    article(
        "undated",
        "Small caps and oil both moved on the Fed decision.",
        published=None,
        source="Blog",
    ),
]


@pytest.fixture
def library(make_index: MakeIndex) -> Index:
    index = make_index()
    assert index.upsert_many(CORPUS) == {a.id: "added" for a in CORPUS}
    return index


def test_second_ingest_writes_nothing(library: Index) -> None:
    generation = library.catalog.generation()
    assert set(library.upsert_many(CORPUS).values()) == {"unchanged"}
    assert library.catalog.generation() == generation  # no commit happened at all
    assert library.count() == 4 and library.chunk_count() == 4


def test_changed_article_replaces_its_chunks(library: Index) -> None:
    old_ids = set(library.catalog.chunk_ids("oil"))
    changed = article("oil", "Brent crude fell 6% as demand worries grew.", source="Reuters")
    assert library.upsert(changed) == "updated"
    new_ids = set(library.catalog.chunk_ids("oil"))
    assert new_ids and not new_ids & old_ids
    assert library.store.ids_of_articles(["oil"]) == new_ids  # old vectors are gone too
    hits = library.search("Brent crude", k=4)
    assert hits[0].chunk.article_id == "oil" and "fell 6%" in hits[0].chunk.text
    assert all("rose 4%" not in h.chunk.text for h in hits)


def test_metadata_change_alone_is_an_update(library: Index) -> None:
    moved = CORPUS[0].model_copy(update={"published": dt.date(2026, 1, 20)})
    assert library.upsert(moved) == "updated"
    hits = library.search("Brent crude", filters=Filters(since=dt.date(2026, 1, 15)))
    assert hits and hits[0].chunk.article_id == "oil"  # the vector leg's metadata moved too


def test_a_query_naming_a_month_finds_that_months_report(make_index: MakeIndex) -> None:
    """Monthly reports share every word but the month: the month the query names decides."""
    months = [dt.date(2026, m, 9) for m in range(1, 9)]
    reports = [
        article(
            f"ppi-{day.month}",
            f"Producer prices rose {day.month}.1% year on year, the statistics bureau said."
            " Industrial producer prices and purchase prices both moved.",
            published=day,
        )
        for day in months
    ]
    index = make_index()
    index.upsert_many(reports)
    question = "How much did producer prices rise in June 2026?"
    ranked = [h.chunk.article_id for h in index.search(question, k=8)]
    assert set(ranked[:2]) == {"ppi-6", "ppi-7"}  # June's figures are published on July 9
    # a window the filters exclude is no window: the filters still hold
    within = index.search(question, k=8, filters=Filters(until=dt.date(2026, 3, 31)))
    assert {h.chunk.article_id for h in within} == {"ppi-1", "ppi-2", "ppi-3"}


def test_a_quoted_name_counts_as_one_term(make_index: MakeIndex) -> None:
    """ "高盛怎么看油价？ "Goldman Sachs"": the English name the search adds for the English
    articles is one term, not two words that outvote the question's own: Goldman's view of oil
    in Chinese ranks above an English story naming Goldman Sachs twice on something else."""
    corpus = [
        article("zh-oil", "高盛认为，当前油价面临的风险方向并非单一。", source="华尔街见闻"),
        article(
            "en-gs",
            "Goldman Sachs is launching a platform; Goldman Sachs clients get private stakes.",
            source="CNBC",
        ),
        article("zh-other", "高盛发布了新的基金产品。", source="华尔街见闻"),
    ]
    index = make_index()
    index.upsert_many(corpus)
    hits = index.search('高盛怎么看油价？ "Goldman Sachs"', k=3)
    assert hits[0].chunk.article_id == "zh-oil"
    assert quoted('高盛怎么看油价？ "Goldman Sachs" "WTI"') == (
        ["高盛", "看", "油价", "wti"],
        [("goldman", "sach")],
    )


def test_a_month_still_to_come_does_not_narrow_the_search(make_index: MakeIndex) -> None:
    """ "Will producer prices rise in September?" asked in August: nothing is reported from that
    September yet, so last September's report is not preferred."""
    reports = [
        article(
            f"ppi-{day:%Y-%m}",
            f"Producer prices rose {day.month}.1% year on year, the statistics bureau said.",
            published=day,
        )
        for day in (dt.date(2025, 9, 9), dt.date(2026, 7, 9), dt.date(2026, 8, 9))
    ]
    index = make_index()
    index.upsert_many(reports)
    until = Filters(until=dt.date(2026, 8, 13))
    ahead = index.search("Will producer prices rise in September?", k=3, filters=until)
    past = index.search("Did producer prices rise in September?", k=3, filters=until)
    assert ahead[0].chunk.article_id != "ppi-2025-09"
    assert past[0].chunk.article_id == "ppi-2025-09"


def test_remove(library: Index) -> None:
    library.remove("fed")
    assert library.count() == 3
    assert library.store.ids_of_articles(["fed"]) == set()
    assert all(h.chunk.article_id != "fed" for h in library.search("Federal Reserve rates", k=10))
    with pytest.raises(UnknownArticle):
        library.remove("fed")


def test_list_show_and_prefixes(library: Index) -> None:
    rows = library.list_articles()
    assert [r.id for r in rows] == ["r2k", "oil", "fed", "undated"]  # newest first, undated last
    assert rows[0].tickers == ("IWM",) and rows[0].chunks == 1
    assert library.get_article("r2k").sections[0].heading == "Body"
    assert library.resolve("undat") == "undated"
    with pytest.raises(UnknownArticle):
        library.get_article("nope")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"oil", "r2k", "fed", "undated"}),
        ({"since": dt.date(2026, 1, 1)}, {"oil", "r2k"}),
        ({"until": dt.date(2025, 12, 31)}, {"fed"}),
        ({"since": dt.date(2026, 1, 1), "until": dt.date(2026, 1, 10)}, {"oil"}),
        ({"ticker": "iwm"}, {"r2k"}),
        ({"tag": "#Energy"}, {"oil"}),
        ({"source": "cnbc"}, {"r2k", "fed"}),
        ({"article_id": "fed"}, {"fed"}),
        ({"source": "CNBC", "since": dt.date(2026, 1, 1)}, {"r2k"}),
        ({"ticker": "NOPE"}, set()),
    ],
)
def test_filters_apply_to_both_legs(
    library: Index, filters: dict[str, object], expected: set[str]
) -> None:
    query = "small caps oil Fed rates crude Russell"
    normalised = Filters(**filters)  # type: ignore[arg-type]
    hits = library.search(query, k=10, filters=normalised)
    assert {h.chunk.article_id for h in hits} == expected
    # Each leg alone respects the filters as well.
    from ingest.crosslingual import search_terms
    from ingest.tokens import tokenize

    tokens = tokenize(query)
    vector = library.embedder.embed([query], [tokens])[0]
    rows = library.catalog.chunks(library.store.query(vector, 10, normalised.chroma_where()))
    assert {r.article_id for r in rows.values()} <= expected
    translations = search_terms(query, tokens)
    assert translations  # the translations are searched, and filtered, too
    found = library.lexical.search(tokens, 10, normalised, translations)
    assert {r.article_id for r in library.catalog.chunks(found).values()} <= expected


def test_bad_search_input(library: Index) -> None:
    with pytest.raises(IngestError, match="after"):
        library.search("x", filters=Filters(since=dt.date(2026, 2, 1), until=dt.date(2026, 1, 1)))
    with pytest.raises(IngestError, match="empty"):
        library.search("   ")
    with pytest.raises(IngestError, match="at least 1"):
        library.search("oil", k=0)


def test_a_query_sharing_nothing_with_the_library_finds_nothing(library: Index) -> None:
    assert library.search("xyzzy plugh", k=5) == []


def test_hits_carry_citation_fields(library: Index) -> None:
    (hit,) = library.search("Russell 2000 year to date", k=1)
    assert hit.title == "Article r2k" and hit.source == "CNBC"
    assert hit.published == dt.date(2026, 1, 23)
    assert hit.chunk.section == "Body" and hit.chunk.metadata["tickers"] == "IWM"
    assert hit.score > 0


def test_empty_library_says_so(make_index: MakeIndex) -> None:
    with pytest.raises(
        EmptyLibrary, match="the library is empty: ingest files with `marketbrief ingest PATH`"
    ):
        make_index().search("anything")


def test_crash_mid_upsert_leaves_a_consistent_index_and_a_rerun_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = open_index(tmp_path / "lib")
    index.upsert_many(CORPUS[:2])
    changed = article("oil", "Brent crude fell 6% on demand worries.", source="Reuters")

    def crash(*args: object) -> None:
        raise KeyboardInterrupt("killed")  # the process dies after Chroma, before the catalog

    monkeypatch.setattr(index.catalog, "commit", crash)
    with pytest.raises(KeyboardInterrupt):
        index.upsert_many([changed, *CORPUS[2:]])
    monkeypatch.undo()
    index.close()

    reopened = open_index(tmp_path / "lib")
    # Consistent: the old version of "oil" is still whole, the new articles are not visible.
    assert reopened.count() == 2
    assert "rose 4%" in reopened.get_article("oil").text
    hits = reopened.search("Brent crude OPEC", k=5)
    assert {h.chunk.article_id for h in hits} <= {"oil", "r2k"}
    # Running the same ingest again completes it, and the "oil" article is not called unchanged.
    results = reopened.upsert_many([changed, *CORPUS[2:]])
    assert results == {"oil": "updated", "fed": "added", "undated": "added"}
    assert reopened.count() == 4
    assert "fell 6%" in reopened.get_article("oil").text
    all_ids = {cid for a in reopened.list_articles() for cid in reopened.catalog.chunk_ids(a.id)}
    assert reopened.store.ids_of_articles([a.id for a in reopened.list_articles()]) == all_ids
    reopened.close()


def test_crash_before_stale_vectors_are_deleted_is_finished_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = open_index(tmp_path / "lib")
    index.upsert_many(CORPUS)
    old = set(index.catalog.chunk_ids("oil"))
    monkeypatch.setattr(
        index.store, "delete", lambda ids: (_ for _ in ()).throw(KeyboardInterrupt())
    )
    with pytest.raises(KeyboardInterrupt):
        index.upsert(article("oil", "Brent crude fell 6% on demand worries.", source="Reuters"))
    monkeypatch.undo()
    assert "fell 6%" in index.get_article("oil").text  # the new version is committed
    assert set(index.catalog.stale_vectors()) == old  # and the leftovers are listed
    assert index.search("Brent crude", k=1)[0].chunk.text.startswith("Brent crude fell")
    index.upsert_many(CORPUS[1:])  # any later write finishes the clean-up
    assert index.catalog.stale_vectors() == []
    assert not index.store.ids_of_articles(["oil"]) & old
    index.close()


def test_crash_after_marking_pending_then_same_content_is_redone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = open_index(tmp_path / "lib")
    index.upsert_many(CORPUS[:1])
    monkeypatch.setattr(
        index.store, "write", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt())
    )
    with pytest.raises(KeyboardInterrupt):
        index.upsert(CORPUS[0].model_copy(update={"title": "Renamed"}))
    monkeypatch.undo()
    assert index.upsert(CORPUS[0]) == "updated"  # pending, so not "unchanged"
    assert index.upsert(CORPUS[0]) == "unchanged"
    index.close()


def test_lexical_index_survives_a_restart(tmp_path: Path) -> None:
    index = open_index(tmp_path / "lib")
    index.upsert_many(CORPUS)
    index.refresh()
    saved = list((tmp_path / "lib" / "commentary.bm25").glob("gen-*"))
    assert len(saved) == 1
    index.close()
    reopened = open_index(tmp_path / "lib")
    lexicon = reopened.lexical.current()
    assert lexicon.generation == reopened.catalog.generation() and len(lexicon.ids) == 4
    assert reopened.search("OPEC", k=1)[0].chunk.article_id == "oil"
    # A write from another process (another Index on the same files) is seen at the next search.
    other = open_index(tmp_path / "lib")
    other.upsert(article("gold", "Gold hit a record $2,750 an ounce.", source="Reuters"))
    assert reopened.search("gold ounce record", k=1)[0].chunk.article_id == "gold"
    other.close()
    reopened.close()


def test_embedding_mismatch_is_a_clear_error_and_reindex_fixes_it(tmp_path: Path) -> None:
    index = open_index(tmp_path / "lib")
    index.upsert_many(CORPUS)
    index.close()
    other = open_index(tmp_path / "lib", LocalHashEmbedder(dim=64))
    with pytest.raises(
        EmbeddingMismatch, match=r"local-hash-v1 \(512 dims\).*marketbrief library reindex"
    ):
        other.search("oil")
    with pytest.raises(EmbeddingMismatch):
        other.upsert(article("new", "text"))
    assert other.reindex() == 4
    assert other.store.recorded_embedding() == ("local-hash-v1", 64)
    assert other.search("OPEC crude", k=1)[0].chunk.article_id == "oil"
    other.close()


def test_lost_vector_store_is_noticed(tmp_path: Path) -> None:
    index = open_index(tmp_path / "lib")
    index.upsert_many(CORPUS)
    index.store.drop()
    index.close()
    reopened = open_index(tmp_path / "lib")
    with pytest.raises(IndexInconsistent, match="reindex"):
        reopened.search("oil")
    reopened.reindex()
    assert reopened.search("OPEC", k=1)[0].chunk.article_id == "oil"
    reopened.close()


def test_interrupted_reindex_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = open_index(tmp_path / "lib")
    index.upsert_many(CORPUS)
    monkeypatch.setattr(
        index.store, "write", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt())
    )
    with pytest.raises(KeyboardInterrupt):
        index.reindex()
    monkeypatch.undo()
    with pytest.raises(IndexInconsistent, match="interrupted"):
        index.search("oil")
    index.reindex()
    assert index.search("OPEC", k=1)[0].chunk.article_id == "oil"
    index.close()


def test_duplicate_ids_in_one_run_keep_the_last(make_index: MakeIndex) -> None:
    index = make_index()
    first = article("dup", "First version about copper.")
    second = article("dup", "Second version about nickel.")
    assert index.upsert_many([first, second]) == {"dup": "added"}
    assert "nickel" in index.get_article("dup").text


def test_seed_layout_fixture_round_trips(make_index: MakeIndex, fixtures: Path) -> None:
    index = make_index()
    parsed = read_article(fixtures / "seed_layout.txt")
    index.upsert(parsed)
    assert index.get_article(parsed.id) == parsed  # sections and references kept for `show`


def test_rrf_fusion() -> None:
    fused = fuse([(["a", "b", "c"], 1.0), (["b", "c", "d"], 1.0)])
    assert [i for i, _ in fused] == ["b", "c", "a", "d"]
    weighted = fuse([(["a", "b"], 0.5), (["b", "a"], 1.0)])
    assert weighted[0][0] == "b"


def chinese(key: str, text: str) -> Article:
    return article(key, text).model_copy(update={"lang": "zh", "title": f"文章 {key}"})


def test_a_question_finds_the_passage_in_the_other_language(library: Index) -> None:
    library.upsert_many(
        [
            chinese("zh-fed", "美联储宣布降息25个基点，为今年首次降息。"),
            chinese("zh-soy", "大豆价格下跌，农民难以出售收成。"),
        ]
    )
    found = {h.chunk.article_id for h in library.search("Fed rate cut", k=3)}
    assert {"fed", "zh-fed"} <= found  # its own language's and the other's
    assert library.search("soybean farmers", k=1)[0].chunk.article_id == "zh-soy"
    assert library.search("原油价格上涨", k=1)[0].chunk.article_id == "oil"  # crude oil rose


def test_a_translated_term_counts_once_by_its_best_alternative(make_index: MakeIndex) -> None:
    index = make_index()
    index.upsert_many(
        [
            chinese("three-ways", "卖，销售，出售：他一再出售。"),  # "sell" three ways
            chinese("sell-stock", "他出售了股票。"),  # "sell" and "stock"
            chinese("other", "天气晴朗。"),
        ]
    )
    sell = (("卖",), ("销售",), ("出售",))
    stock = (("股票",), ("股份",))
    ranked = index.lexical.search([], 10, Filters(), [sell, stock], 0.8)
    assert [index.catalog.chunks([c])[c].article_id for c in ranked] == ["sell-stock", "three-ways"]


def test_a_translation_of_several_words_counts_as_one_word(make_index: MakeIndex) -> None:
    """霍尔木兹海峡 is "strait" + "hormuz" in English: a passage saying both is as near the
    question as one saying the typed word, not twice as near (which filled a Chinese question's
    first hits with English passages)."""
    index = make_index()
    index.upsert_many(
        [
            chinese("typed", "油轮经过霍尔木兹海峡。"),
            article("translated", "Tankers pass the Strait of Hormuz."),
            article("other", "The weather is fine today."),
        ]
    )
    strait = (("strait", "hormuz"),)
    ranked = index.lexical.search(["霍尔木兹海峡"], 10, Filters(), [strait], 0.8)
    assert [index.catalog.chunks([c])[c].article_id for c in ranked] == ["typed", "translated"]


def test_a_word_cut_into_characters_counts_once(make_index: MakeIndex) -> None:
    """jieba cuts 俄乌 ("Russo-Ukrainian") into 俄 + 乌: counted as two words, a passage that
    only says 俄乌 outranked the English one saying the question's drones and casualties."""
    index = make_index()
    index.upsert_many(
        [
            chinese("named", "俄乌局势仍然紧张。"),
            article("answer", "Drones now account for most casualties."),
            article("other", "The weather is fine today."),
        ]
    )
    found = index.search("俄乌战争中无人机造成的伤亡占多大比例？", k=2)
    assert found[0].chunk.article_id == "answer"


def test_an_acronym_finds_the_chinese_name_the_library_glosses_it_with(
    make_index: MakeIndex, tmp_path: Path
) -> None:
    """CC-CEDICT has no PPI: two articles writing "工业生产者出厂价格指数（PPI）" let a question
    saying PPI find the release that never writes it, and a saved index without glosses is
    built again."""
    index = make_index()
    index.upsert_many(
        [
            chinese("g1", "5月工业生产者出厂价格指数（PPI）同比下降。"),
            chinese("g2", "市场关注工业生产者出厂价格指数(PPI)走势。"),
            chinese("release", "6月份，全国工业生产者出厂价格同比上涨4.1%。"),
            chinese("other", "6月份，社会消费品零售总额同比增长2.1%。"),
        ]
    )
    found = [h.chunk.article_id for h in index.search("6月PPI同比涨了多少", k=4)]
    assert "release" in found and found.index("release") < found.index("other")
    state = next((tmp_path).rglob("state.json"))
    saved = json.loads(state.read_text("utf-8"))
    del saved["glosses"]  # as an index saved before glosses were read
    state.write_text(json.dumps(saved), "utf-8")
    reopened = make_index()
    assert reopened.glosses() == {"ppi": "工业生产者出厂价格指数"}


def test_the_tickers_articles_carry_are_listed_upper_case(make_index: MakeIndex) -> None:
    index = make_index()
    for n, tickers in enumerate([("amat", "MU"), (), ("MU",)]):
        index.upsert(Article(id=f"a{n}", title=f"t{n}", tickers=tickers,
                             sections=(Section(text=f"text number {n}"),)))  # fmt: skip
    assert index.tickers() == {"AMAT", "MU"}


def test_a_library_cut_by_an_older_tokenizer_is_cut_again_when_it_opens(
    make_index: Callable[..., Index], tmp_path: Path
) -> None:
    """Stored tokens are what BM25 matches: after `tokenize` changes ("U.S." is now "us"), a
    library re-cuts them once, and a question saying "US" finds the article saying "U.S."."""
    index = make_index()
    index.upsert(article("a1", "Power bills in the U.S. rose 10% over the past year."))
    catalog = index.catalog
    ids = catalog.chunk_ids("a1")
    catalog.rewrite_tokens({i: "power bill u s rose 10%" for i in ids}, "1")  # the old cut
    assert index.search("US power bills", k=5)[0].chunk.article_id == "a1"  # by "power" alone
    assert "us" not in next(iter(catalog.chunks(ids).values())).tokens.split()
    index.close()

    reopened = make_index()
    assert "us" in next(iter(reopened.catalog.chunks(ids).values())).tokens.split()
    assert reopened.catalog.meta(TOKENIZER_KEY) == VERSION
    assert not upgrade_tokens(reopened.catalog)  # current: one look, nothing rewritten


def test_the_chinese_names_articles_give_companies_are_learned(
    make_index: MakeIndex, tmp_path: Path
) -> None:
    """ "资管机构贝莱德（BlackRock）": the library names BlackRock 贝莱德; a saved index read by
    older rules (`READING`) is read again."""
    index = make_index()
    index.upsert_many([chinese("b1", "全球最大资管机构贝莱德（BlackRock）本周表示。")])
    assert index.names() == {"BlackRock": "贝莱德"}
    state = next((tmp_path).rglob("state.json"))
    saved = json.loads(state.read_text("utf-8"))
    saved.update(reading=READING - 1, names={})
    state.write_text(json.dumps(saved), "utf-8")
    assert make_index().names() == {"BlackRock": "贝莱德"}

"""Ingest and search speed of the commentary library, against a plain LangChain pipeline.

Ingests all of ../shared/data/news and the seeds into a temporary data directory, then prints:
articles/s and chunks/s; the same input through RecursiveCharacterTextSplitter +
langchain_chroma.Chroma with the same local embedding, for the ratio; the index size on disk;
search p50/p95 at k=5 over ~50 zh/en queries, without and with filters; and a bare Chroma
query (a precomputed vector, no fusion, no catalog) as the floor.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ingest.filters import NO_FILTERS, Filters

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NEWS = SHARED / "data" / "news"
SEEDS = SHARED / "seeds"

QUERIES = [
    "罗素2000年初至今回报",
    "小盘股投资逻辑面临哪些风险",
    "美联储降息对小盘股的影响",
    "标普500指数创新高",
    "纳斯达克科技股回调",
    "人工智能芯片需求",
    "黄金价格创历史新高",
    "原油价格下跌 欧佩克",
    "人民币汇率走势",
    "A股市场成交额",
    "国债收益率上升",
    "房地产市场政策",
    "新能源汽车销量",
    "比特币价格波动",
    "美国通胀数据 CPI",
    "就业报告 非农",
    "关税对出口的影响",
    "央行货币政策 降准",
    "半导体出口管制",
    "消费者信心指数",
    "港股恒生指数",
    "美元指数走弱",
    "企业盈利季报",
    "估值差距 均值回归",
    "板块轮动 能源 原材料",
    "What are the risks to the small-cap thesis?",
    "Russell 2000 year-to-date return",
    "Fed rate cut expectations",
    "S&P 500 record high",
    "Nvidia earnings and AI demand",
    "oil prices OPEC output",
    "gold hits record",
    "Treasury yields rise after jobs report",
    "inflation data CPI surprise",
    "tariffs on European imports",
    "bitcoin ETF flows",
    "bank earnings net interest margin",
    "housing market mortgage rates",
    "consumer confidence falls",
    "China stimulus measures",
    "semiconductor export controls",
    "small caps outperform large caps",
    "credit spreads widen",
    "IPO market rebound",
    "dollar weakens against yen",
    "energy sector leads the market",
    "Tesla deliveries",
    "recession risk yield curve",
    "private credit concerns",
    "Apple iPhone sales China",
]
FILTERS = [
    Filters(since=dt.date(2025, 10, 1), until=dt.date(2025, 12, 31)),
    Filters(source="CNBC"),
    Filters(since=dt.date(2026, 1, 1)),
    Filters(ticker="IWM"),
]


def _inputs() -> list[str]:
    return [
        str(NEWS / "financialreport_rss_articles.jsonl"),
        str(NEWS / "deanfi_finnhub_news.jsonl"),
        str(SEEDS),
    ]


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _timed(work: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms"


def _ours(root: Path) -> Any:
    from ingest.embeddings import LocalHashEmbedder
    from ingest.index import Index
    from ingest.pipeline import ingest_sources

    index = Index.open(root / "ours", embedder=LocalHashEmbedder())
    report, wall, cpu = _timed(lambda: ingest_sources(_inputs(), index))
    articles = report.added + report.updated + report.unchanged
    chunks = index.chunk_count()
    print(f"ours        {articles:6d} articles  {chunks:6d} chunks  {wall:6.1f} s wall", end="")
    print(f" ({cpu:.1f} s CPU in this process)")
    print(f"            {articles / wall:8.0f} articles/s  {chunks / wall:8.0f} chunks/s", end="")
    print(f"   skipped {len(report.skipped)}")
    _, again, _ = _timed(lambda: ingest_sources(_inputs(), index))
    print(
        f"            re-ingest of the same input: {again:.1f} s (all unchanged, nothing written)"
    )
    return index, wall


def _articles_plain() -> Iterator[tuple[str, dict[str, Any]]]:
    """The input read the plain way: json.loads per line, seed files as text."""
    for name in ("financialreport_rss_articles.jsonl", "deanfi_finnhub_news.jsonl"):
        with (NEWS / name).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                title = record.get("title") or record.get("headline") or ""
                text = record.get("text") or record.get("summary") or ""
                meta = {
                    "title": title,
                    "source": record.get("source") or "",
                    "url": record.get("url") or "",
                }
                yield f"{title}\n{text}", meta
    for path in sorted(SEEDS.glob("*.txt")):
        yield path.read_text(encoding="utf-8"), {"title": path.stem, "source": "seed", "url": ""}


def _langchain(root: Path) -> float:
    import chromadb
    from chromadb.config import Settings
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from ingest.embeddings import LocalHashEmbedder

    class SameEmbedding(Embeddings):
        def __init__(self) -> None:
            self.local = LocalHashEmbedder()

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return self.local.embed(texts).tolist()

        def embed_query(self, text: str) -> list[float]:
            return self.local.embed([text])[0].tolist()

    def run() -> int:
        splitter = RecursiveCharacterTextSplitter(chunk_size=800, chunk_overlap=80)
        client = chromadb.PersistentClient(
            path=str(root / "langchain"), settings=Settings(anonymized_telemetry=False)
        )
        store = Chroma(collection_name="plain", embedding_function=SameEmbedding(), client=client)
        texts: list[str] = []
        metadatas: list[dict[str, Any]] = []
        for text, meta in _articles_plain():
            for piece in splitter.split_text(text):
                texts.append(piece)
                metadatas.append(meta)
        for start in range(0, len(texts), 5000):
            store.add_texts(texts[start : start + 5000], metadatas[start : start + 5000])
        return len(texts)

    chunks, wall, _ = _timed(run)
    print(f"langchain                   {chunks:6d} chunks  {wall:6.1f} s wall")
    size = _du(root / "langchain") / 1e6
    print(f"            {chunks / wall:8.0f} chunks/s   size {size:.0f} MB")
    return wall


def _search(index: Any) -> None:
    from ingest.tokens import tokenize

    index.search("warm up", k=5)

    def measure(filters: Filters = NO_FILTERS) -> list[float]:
        samples = []
        for query in QUERIES:
            started = time.perf_counter()
            index.search(query, k=5, filters=filters)
            samples.append(time.perf_counter() - started)
        return samples

    print(f"search k=5  no filters    {_percentiles(measure())}   ({len(QUERIES)} zh/en queries)")
    filtered = [s for f in FILTERS for s in measure(f)]
    print(f"search k=5  with filters  {_percentiles(filtered)}   (date range, source, ticker)")
    collection = index.store._get()
    vectors = [index.embedder.embed([q], [tokenize(q)])[0] for q in QUERIES]
    floor = []
    for vector in vectors:
        started = time.perf_counter()
        collection.query(query_embeddings=[vector], n_results=5, include=["distances"])
        floor.append(time.perf_counter() - started)
    print(f"bare Chroma query (floor) {_percentiles(floor)}")


def main() -> None:
    if not NEWS.is_dir() or not SEEDS.is_dir():
        print(f"skipped: needs ../shared/data/news and ../shared/seeds ({SHARED} is absent)")
        return
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as temporary:
        root = Path(temporary)
        index, ours = _ours(root)
        size = _du(root / "ours")
        print(f"            index size on disk {size / 1e6:.0f} MB (Chroma + catalog + BM25)")
        _search(index)
        index.close()
        theirs = _langchain(root)
        print(f"ratio       ours is {theirs / ours:.2f}x the speed of the plain LangChain pipeline")


if __name__ == "__main__":
    main()

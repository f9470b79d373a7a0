"""Fuzzing the parsers with hypothesis: malformed PDF, HTML, JSON Lines, feeds, text and price
CSVs. An input may be parsed or refused with our own error (SourceError for the library,
PriceFileError for prices); anything else is a crash, and hypothesis shrinks it to the smallest
input that causes it.

Inputs are built three ways: random bytes; a valid document of the format with random edits
(bytes flipped, cut, spliced, repeated); and structured nonsense of the right shape (JSON
values of every type, CSV cells that are not dates or numbers, nested and unclosed tags).
`fuzz(...)` runs one target for a number of examples and counts them, so the tests (a few
dozen examples each) and the benchmark (hundreds) share it.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.harness.paths import FIXTURES
from ingest.errors import IngestError
from ingest.models import Article
from ingest.parsers import Origin, Skipped, detect_format, parse
from tools.csv_import import read_price_csv
from tools.errors import ToolError

ORIGIN = Origin(path="/fuzz/doc", name="doc")
MAX_BYTES = 4_000
INPUT_NOTE = "fuzzed input: "  # the note a crash carries, with the (shrunk) input that caused it
MAX_SHOWN = 300  # bytes of that input


def _pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Credit spreads")
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Spreads widened 12 bp as high yield sold off; the VIX rose to 19.")
    return bytes(pdf.output())


SEEDS: dict[str, bytes] = {
    "pdf": _pdf(),
    "html": (FIXTURES / "ingest" / "page.html").read_bytes(),
    "jsonl": (FIXTURES / "ingest" / "news.jsonl").read_bytes(),
    "feed": (FIXTURES / "ingest" / "feed.rss").read_bytes(),
    "text": (FIXTURES / "ingest" / "article.md").read_bytes(),
    "csv": (FIXTURES / "prices" / "yfinance_layout" / "SPY.csv").read_bytes(),
}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """A valid document with a few random edits."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        edit = draw(st.sampled_from(["flip", "cut", "splice", "repeat", "truncate"]))
        if edit == "flip":
            data[at] = draw(st.integers(0, 255))
        elif edit == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif edit == "splice":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif edit == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 32))] * draw(st.integers(2, 20))
        else:
            del data[at:]
    return bytes(data)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                               max_size=5),
    max_leaves=12,
)  # fmt: skip
_KEYS = st.sampled_from(["title", "headline", "text", "summary", "summary_raw", "published",
                         "date", "datetime", "timestamp", "url", "link", "source", "tags",
                         "tickers", "symbol"])  # fmt: skip


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    """Lines that are records with our keys and odd values, other JSON, or not JSON."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["record", "json", "garbage"]))
        if kind == "record":
            record = draw(st.dictionaries(_KEYS, _JSON, max_size=6))
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())).encode())
        elif kind == "json":
            lines.append(json.dumps(draw(_JSON)).encode())
        else:
            lines.append(draw(st.binary(max_size=80)).replace(b"\n", b" "))
    return b"\n".join(lines)


@st.composite
def html_pages(draw: st.DrawFn) -> bytes:
    """Nested, unclosed and odd tags around text, in odd encodings."""
    tags = st.sampled_from(["p", "div", "article", "h1", "h2", "script", "style", "table",
                            "td", "meta", "title", "a", "!--", "![CDATA[", "svg"])  # fmt: skip
    parts = ["<html><head>"] if draw(st.booleans()) else []
    for _ in range(draw(st.integers(1, 12))):
        tag = draw(tags)
        parts.append(f"<{tag}{draw(st.text(max_size=20))}>{draw(st.text(max_size=120))}")
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    text = "".join(parts)
    return text.encode(draw(st.sampled_from(["utf-8", "utf-16", "gb18030", "latin-1"])), "replace")


@st.composite
def price_csvs(draw: st.DrawFn) -> bytes:
    """A header that may or may not be ours, and rows of cells that may not be dates or
    numbers (empty, text, huge, negative, inf, nan, thousands separators)."""
    header = draw(st.sampled_from([
        "Date,Open,High,Low,Close,Volume", "Date,Open,High,Low,Close,Adj Close,Volume",
        "Price,Close,High,Low,Open,Volume", "date,close", "Close,Date", "", "a;b;c",
    ]))  # fmt: skip
    cell = st.one_of(
        st.sampled_from(["", "nan", "inf", "-1", "1e308", "1,234.5", "null", "2024-02-30",
                         "2024-01-02", "01/02/2024", "Ticker", "SPY", '"', "\\x00"]),
        st.text(max_size=12),
        st.floats(allow_nan=True).map(str),
    )  # fmt: skip
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=8), max_size=12))
    return (header + "\n" + "\n".join(",".join(r) for r in rows)).encode("utf-8", "replace")


def strategy(fmt: str) -> st.SearchStrategy[bytes]:
    shaped = {"jsonl": jsonl_lines(), "html": html_pages(), "csv": price_csvs()}
    choices = [st.binary(max_size=MAX_BYTES), mutated(SEEDS[fmt])]
    if fmt in shaped:
        choices.append(shaped[fmt])
    return st.one_of(*choices)


def parse_document(fmt: str, data: bytes) -> int:
    """Parse as the pipeline would (format sniffed first, as for a download); the number of
    articles. Our own SourceError is a refusal, not a crash."""
    sniffed = detect_format(f"doc.{ {'feed': 'rss', 'text': 'md'}.get(fmt, fmt) }", data[:8192])
    found = list(parse(sniffed or fmt, data, ORIGIN, max_line_bytes=MAX_BYTES))
    for item in found:
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Article):
            assert item.text.strip() or not item.sections
    return sum(isinstance(item, Article) for item in found)


def parse_price_csv(data: bytes) -> int:
    """Read a price CSV the way `prices import` does; the number of rows."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "SPY.csv"
        path.write_bytes(data)
        _, frame, _ = read_price_csv(path)
    assert not frame.empty and frame.index.is_monotonic_increasing
    return len(frame)


OURS: tuple[type[Exception], ...] = (IngestError, ToolError)


@dataclass
class FuzzResult:
    fmt: str
    tried: int = 0
    parsed: int = 0
    refused: int = 0
    crashes: list[str] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.parsed + self.refused


def fuzz(fmt: str, examples: int, *, derandomize: bool = True) -> FuzzResult:
    """Run `examples` inputs of one format through its parser and count the outcomes; an input
    that crashes is shrunk by hypothesis and re-raised, with the input as a note on the error
    (`INPUT_NOTE`)."""
    result = FuzzResult(fmt)
    target: Callable[[bytes], int] = (
        parse_price_csv if fmt == "csv" else (lambda data: parse_document(fmt, data))
    )

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=derandomize,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy(fmt))
    def run(data: bytes) -> None:
        result.tried += 1
        try:
            target(data)
        except OURS:
            result.refused += 1
            return
        except Exception as error:
            result.crashes.append(f"{type(error).__name__}: {str(error)[:120]}")
            # the run hypothesis raises last is the shrunk one: its input is the example
            error.add_note(f"{INPUT_NOTE}{data[:MAX_SHOWN]!r}")
            raise
        result.parsed += 1

    run()
    return result

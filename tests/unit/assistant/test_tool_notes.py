"""A market-data tool's caveats reach the reader in the answer's language: the `[0]` reference
of a Chinese answer once listed "stored prices are not current (last close …)" and "yfinance
could not reach Yahoo …" in English."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pytest

from assistant.answer.links import defang_answer
from assistant.answer.model import Answer, Language, Reference
from assistant.gather.sources import MarketSource
from assistant.locale import has_message
from assistant.research.references import merge_market
from tests.unit.tools.conftest import NOW, StubProvider, make_frame
from tools.errors import ProviderError
from tools.macro import MACRO_SYMBOLS
from tools.market import MarketData
from tools.store import PriceStore

LATIN_WORDS = re.compile(r"[A-Za-z]{3,}(?:\s+[A-Za-z]{2,}){2,}")  # "last close for", not "HYG/TLT"


def _market(tmp_path: Path) -> MarketData:
    """A store a year old: ^TNX, ^RUT ending early, IWM and SPY running on; Yahoo unreachable."""
    store = PriceStore(tmp_path / "prices")
    updated = NOW - dt.timedelta(days=3)
    store.save("^TNX", make_frame([4.0] * 40, start="2025-09-01"), "csv import: ^TNX.csv", updated)
    store.save("^RUT", make_frame(range(100, 120), start="2025-09-01"), "csv import", updated)
    for symbol in ("IWM", "SPY", "^GSPC"):
        store.save(symbol, make_frame(range(100, 160), start="2025-09-01"), "csv import", updated)
    down = ProviderError(
        "yfinance could not reach Yahoo for IWM (ConnectionError)",
        key="yf_unreachable", symbol="IWM", kind="ConnectionError",
    )  # fmt: skip
    asked = ("IWM", "SPY", "^GSPC", "^RUT", *MACRO_SYMBOLS)
    provider = StubProvider({}, fail=dict.fromkeys(asked, down))
    return MarketData(store, provider, clock=lambda: NOW)


def _notes(tmp_path: Path, language: str) -> tuple[str, ...]:
    market = _market(tmp_path)
    results = [market.index_returns(["^RUT", "^GSPC"], period="1M"), market.macro()]
    reference = MarketSource(results=results).reference(0, language)  # type: ignore[arg-type]
    return reference.notes


def test_a_chinese_answer_reads_the_tools_caveats_in_chinese(tmp_path: Path) -> None:
    notes = _notes(tmp_path, "zh")
    assert len(notes) >= 4  # fetch failed, stand-in, prices not current, macro gaps
    joined = "\n".join(notes)
    for said in ("无法连接雅虎财经获取IWM", "以IWM", "代替", "价格库中没有^VIX", "天"):
        assert said in joined
    assert not [note for note in notes if LATIN_WORDS.search(note)], notes


def test_an_english_answer_reads_them_in_english(tmp_path: Path) -> None:
    notes = _notes(tmp_path, "en")
    joined = "\n".join(notes)
    assert "yfinance could not reach Yahoo for IWM (ConnectionError); using stored prices" in joined
    assert "^VIX is not in the price store: no VIX" in joined
    assert not re.search(r"[\u4e00-\u9fff]", joined)


def test_where_the_prices_came_from_is_one_line_in_the_readers_language(tmp_path: Path) -> None:
    """Two results read from the same import are one origin in [0], each file once."""
    market = _market(tmp_path)
    results = [market.index_returns(["^RUT", "^GSPC"], period="1M"), market.macro()]
    zh = MarketSource(results=results).reference(0, "zh").source
    en = MarketSource(results=results).reference(0, "en").source
    assert zh.startswith("本地价格库：") and "导入的CSV" in zh and not LATIN_WORDS.search(zh)
    assert en.startswith("local price store: ") and "CSV import (" in en and "^TNX.csv" in en
    assert en.count("^TNX.csv") == 1 and en.count("CSV import") == 1, en


def test_stale_prices_are_one_note_naming_each_symbol_once(tmp_path: Path) -> None:
    """The sector scores' SPY is also the returns' SPY: [0] says once that it is not current,
    in one note with the other stale symbols, not once per tool."""
    market = _market(tmp_path)
    both, spy = (market.index_returns(s, period="1M") for s in (["IWM", "SPY"], ["SPY"]))
    results = [both, spy]
    for language in ("en", "zh"):
        notes = MarketSource(results=results).reference(0, language).notes  # type: ignore[arg-type]
        stale = [note for note in notes if "not current" in note or "不是最新" in note]
        assert len(stale) == 1 and stale[0].count("SPY") == 1 and "IWM" in stale[0], notes


def test_a_briefs_steps_share_one_origin_and_one_stale_note(tmp_path: Path) -> None:
    """A brief's [0] merges its steps' by what they say: in Chinese as in English, one price
    store is one origin, and a symbol two steps read is named once among the stale ones."""
    market = _market(tmp_path)
    first = MarketSource(results=[market.index_returns(["IWM", "SPY"], period="1M")])
    second = MarketSource(results=[market.index_returns(["SPY"], period="1M"), market.macro()])
    for language, stale_words, origin in (
        ("zh", "不是最新", "导入的CSV"),
        ("en", "not current", "CSV import"),
    ):
        steps = [delivered(step.reference(0, language)) for step in (first, second)]  # type: ignore[arg-type]
        merged = merge_market(steps, language)  # type: ignore[arg-type]
        stale = [note for note in merged.notes if stale_words in note]
        assert len(stale) == 1 and stale[0].count("SPY") == 1 and "^TNX" in stale[0], merged.notes
        assert merged.source.count(origin) == 1 and merged.source.count("SPY") == 1


def delivered(reference: Reference) -> Reference:
    """The reference as an answer delivers it (links defanged)."""
    answer = Answer(
        question="q", title="t", as_of=NOW.date(), language="en", mode="offline", sections=(),
        references=(reference,),
    )  # fmt: skip
    return defang_answer(answer).references[0]


def _note_keys() -> set[str]:
    """The key of every `Note(text, "key", …)` the tools write."""
    keys = set()
    for path in (Path(__file__).parents[3] / "tools").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Note":
                key = node.args[1]
                if path.name == "notes.py" and not isinstance(key, ast.Constant):
                    continue  # the class itself, rebuilding a note from its data
                assert isinstance(key, ast.Constant), f"{path.name}: a note's key is a literal"
                keys.add(key.value)
    return keys


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_note_the_tools_write_is_worded_in_both_catalogs(language: Language) -> None:
    keys = _note_keys()
    assert len(keys) >= 20
    assert [k for k in sorted(keys) if not has_message(f"tool_note.{k}", language)] == []

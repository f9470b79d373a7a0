"""Chinese words from the split dictionary are jieba's own (HMM off), whatever the cache does."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest

from benchmarks.harness.paths import FIXTURES
from ingest.language import CJK_RUN
from ingest.zhwords import Dictionary, is_place, is_time_or_amount

# Edge cases: CJK outside jieba's Chinese range (extension A, U+9FD6..U+9FFF, compatibility
# ideographs) is yielded a character at a time; single characters; unknown names; long runs.
EDGES = [
    "罗素指数年初至今是否跑赢标普",
    "小盘股复苏市场轮动与罗素指数跑赢大市分析",
    "中",
    "\u3400\u4e00中国\u9fd6\u9fff中文\uf900豈",
    "美联储降息对小盘股有什么影响",
    "高盛摩根士丹利纳斯达克道琼斯",
    "的的的的的的的的的的",
]


def jieba_words(run: str) -> list[str]:
    jieba.setLogLevel(logging.WARNING)
    return list(jieba.dt.cut(run, HMM=False))


def fixture_runs() -> list[str]:
    runs = set(EDGES)
    for path in sorted((FIXTURES / "ingest").rglob("*")):
        if path.is_file():
            runs.update(CJK_RUN.findall(path.read_text("utf-8", errors="ignore")))
    return sorted(runs)


def test_the_split_dictionary_cuts_as_jieba(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "jieba.sqlite3"
    first = Dictionary(cache)  # builds the cache, and keeps the whole dictionary meanwhile
    runs = fixture_runs()
    assert [first.cut(r) for r in runs] == [jieba_words(r) for r in runs]
    assert cache.is_file() and first.whole

    later = Dictionary(cache)  # another process: reads only what its texts need
    assert [later.cut(r) for r in runs] == [jieba_words(r) for r in runs]
    assert not later.whole
    assert 0 < len(later.freq) < len(jieba.dt.FREQ) / 2


def test_a_question_loads_only_its_own_characters(tmp_path: Path) -> None:
    cache = tmp_path / "jieba.sqlite3"
    Dictionary(cache).cut("中")  # build
    question, text = Dictionary(cache), "罗素指数年初至今是否跑赢标普"
    assert question.cut(text) == jieba_words(text)
    assert all(word[0] in text for word in question.freq)


@pytest.mark.parametrize("broken", ["unwritable", "corrupt"])
def test_a_cache_it_cannot_use_falls_back_to_jiebas_dictionary(tmp_path: Path, broken: str) -> None:
    if broken == "unwritable":
        (tmp_path / "file").write_text("not a folder")
        cache = tmp_path / "file" / "jieba.sqlite3"  # its folder cannot be made
    else:
        cache = tmp_path / "jieba.sqlite3"
        cache.write_bytes(b"not a database at all" * 100)
    dictionary = Dictionary(cache)
    runs = fixture_runs()
    assert [dictionary.cut(r) for r in runs] == [jieba_words(r) for r in runs]
    assert dictionary.whole


def test_a_place_is_what_jieba_tags_one() -> None:
    assert is_place("中国") and is_place("香港") and is_place("欧元区")
    assert not is_place("港股") and not is_place("全球") and not is_place("科技")


def test_times_and_quantities_are_read_from_jiebas_tags() -> None:
    """A time or a quantity (上个月, 一个月, 今年) is never a company's name before a sector's."""
    assert is_time_or_amount("一个月") and is_time_or_amount("上个月")
    assert not is_time_or_amount("长鑫") and not is_time_or_amount("中国")

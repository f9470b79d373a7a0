"""Chinese words exactly as jieba cuts them without its HMM, at a fraction of jieba's start-up.

jieba keeps its dictionary (half a million words and word prefixes, with frequencies) in one
marshal file that every process loads whole: one to two seconds on a small machine, before a
search can cut a four-word question. Importing jieba adds its HMM tables, which we never use.

Cutting a text only ever looks up words that start with one of its own characters. So this
module keeps jieba's dictionary split by first character in a SQLite file, built once from
jieba's own (in the user's cache folder, named after the dictionary file it was built from),
and loads only the characters a text holds: a question loads a few thousand entries in a few
milliseconds, an ingest whatever its texts need. The cut itself is jieba's: the DAG of
dictionary words over the text, the route with the best sum of log frequencies, characters
outside jieba's Chinese range one by one. A test compares it with jieba over real news.

If the cache cannot be written or read (a read-only home, a full disk), the whole dictionary
is taken from jieba instead, as before: slower to start, the same words.
"""

from __future__ import annotations

import logging
import marshal
import math
import os
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from ingest.language import CJK_RUN
from ingest.sqlite import cache_file, connect, write_whole

FORMAT = 1  # bump when the cache's layout changes
_QUERY_PARAMS = 500
# jieba's Chinese block (`re_han_default`) as far as a run of CJK characters can match it; the
# rest of such a run (extension A, compatibility ideographs, U+9FD6..U+9FFF) jieba yields one
# character at a time.
_HAN = re.compile("([\u4e00-\u9fd5]+)")

log = logging.getLogger(__name__)


def jieba_dictionary() -> Path:
    """jieba's dictionary file, found without importing jieba."""
    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("jieba is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def cache_path() -> Path:
    """Where the split dictionary lives: one file per jieba dictionary and FORMAT."""
    return cache_file("jieba", FORMAT, jieba_dictionary())


def _load_jieba() -> tuple[dict[str, int], int]:
    """jieba's whole dictionary, loaded by jieba (from its own cache when it has one)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it logs to stderr by default
    jieba.initialize()
    return jieba.dt.FREQ, int(jieba.dt.total)


def build(path: Path) -> tuple[dict[str, int], int]:
    """Write the split dictionary at `path` (whole, or not at all: a temporary file renamed
    into place) and return the whole dictionary."""
    freq, total = _load_jieba()
    shards: dict[str, dict[str, int]] = {}
    for word, count in freq.items():
        shards.setdefault(word[0], {})[word] = count

    def fill(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE meta (total INTEGER NOT NULL)")
        db.execute("CREATE TABLE shards (ch TEXT PRIMARY KEY, words BLOB NOT NULL)")
        db.execute("INSERT INTO meta VALUES (?)", (total,))
        db.executemany(
            "INSERT INTO shards VALUES (?, ?)",
            ((ch, marshal.dumps(words)) for ch, words in shards.items()),
        )

    write_whole(path, fill)
    return freq, total


class Dictionary:
    """jieba's prefix dictionary, filled in by first character as texts need it."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = os.getpid()  # a forked child opens its own connection (SQLite's rule)
        self._loaded: set[str] = set()
        self._complete = False
        self.freq: dict[str, int] = {}
        self.total = 0
        self.log_total = 0.0

    @property
    def whole(self) -> bool:
        """True once the whole dictionary is in memory (no cache, or it could not be used)."""
        return self._complete

    def _use_whole(self, freq: dict[str, int], total: int) -> None:
        self.freq, self.total, self.log_total = freq, total, math.log(total)
        self._complete = True

    def _open(self) -> sqlite3.Connection | None:
        """The split dictionary, built now if it is missing (None: whole mode from now on)."""
        if self._pid != os.getpid():
            self._db, self._pid = None, os.getpid()
        if self._db is not None or self._complete:
            return self._db
        try:
            path = self._path or cache_path()
            if not path.exists():
                try:
                    self._use_whole(*build(path))
                    return None
                except (OSError, sqlite3.Error) as error:
                    log.debug("cannot write the jieba cache at %s: %s", path, error)
                    self._use_whole(*_load_jieba())
                    return None
            db = connect(path, readonly=True)
            total = int(db.execute("SELECT total FROM meta").fetchone()[0])
        except (OSError, sqlite3.Error, TypeError) as error:
            log.debug("cannot read the jieba cache: %s", error)
            self._use_whole(*_load_jieba())
            return None
        self._db, self.total, self.log_total = db, total, math.log(total)
        return db

    def ensure(self, characters: Iterable[str]) -> None:
        """Load the words that start with any of these characters, once each."""
        if self._complete:
            return
        missing = set(characters) - self._loaded
        if not missing:
            return
        with self._lock:
            missing -= self._loaded
            db = self._open()
            if db is None or not missing:
                return
            wanted = sorted(missing)
            try:
                for start in range(0, len(wanted), _QUERY_PARAMS):
                    part = wanted[start : start + _QUERY_PARAMS]
                    marks = ",".join("?" * len(part))
                    sql = f"SELECT words FROM shards WHERE ch IN ({marks})"
                    for (blob,) in db.execute(sql, part):
                        self.freq.update(marshal.loads(blob))
            except (sqlite3.Error, ValueError, EOFError, TypeError) as error:
                log.debug("cannot read the jieba cache: %s", error)
                self._use_whole(*_load_jieba())
                return
            self._loaded |= missing  # after the words: a reader never sees a gap

    def cut(self, run: str) -> list[str]:
        """jieba's words (`jieba.cut(run, HMM=False)`) for a run of CJK characters."""
        self.ensure(run)
        words: list[str] = []
        for block in _HAN.split(run):
            if not block:
                continue
            if _HAN.match(block):
                words.extend(_cut_han(block, self.freq, self.log_total))
            else:
                words.extend(block)  # characters outside jieba's range: one by one, as jieba
        return words


def _cut_han(block: str, freq: dict[str, int], log_total: float) -> list[str]:
    """jieba's cut of a block of Chinese characters without HMM (`__cut_DAG_NO_HMM`): the
    same DAG, the same route (ties to the longer word), the same arithmetic."""
    n = len(block)
    dag: list[list[int]] = []
    for k in range(n):
        ends: list[int] = []
        i = k
        fragment = block[k]
        while i < n and fragment in freq:
            if freq[fragment]:
                ends.append(i)
            i += 1
            fragment = block[k : i + 1]
        dag.append(ends or [k])
    route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for start in range(n - 1, -1, -1):
        route[start] = max(
            (math.log(freq.get(block[start : end + 1]) or 1) - log_total + route[end + 1][0], end)
            for end in dag[start]
        )
    words: list[str] = []
    position = 0
    while position < n:
        end = route[position][1] + 1
        words.append(block[position:end])
        position = end
    return words


_dictionary = Dictionary()


def cut(run: str) -> list[str]:
    """jieba's words (`jieba.cut(run, HMM=False)`) for a run of CJK characters."""
    return _dictionary.cut(run)


@dataclass(frozen=True)
class WordEdges:
    """Where the jieba words of a text's Chinese begin and end, to tell a name said as a word
    from the same characters inside a longer one (科技 in 生物科技)."""

    inner: frozenset[int]  # positions strictly inside a run of Chinese
    edges: frozenset[int]  # positions where one of its words ends (and the next begins)
    text: str = ""

    @classmethod
    @lru_cache(maxsize=64)  # a question is read for names and for its topic: cut it once
    def of(cls, text: str) -> WordEdges:
        inner: set[int] = set()
        edges: set[int] = set()
        for run in CJK_RUN.finditer(text):
            inner.update(range(run.start() + 1, run.end()))
            position = run.start()
            for word in cut(run.group()):
                position += len(word)
                edges.add(position)
        return cls(frozenset(inner), frozenset(edges), text)

    def splits(self, start: int, end: int) -> bool:
        """Does text[start:end] begin or end inside a word? Not where a word of time starts
        at its end: jieba cuts "科技股本月表现如何" as 科技/股本/月 (股本, share capital), but it
        reads 科技股/本月 ("tech stocks this month") as well."""
        if start in self.inner and start not in self.edges:
            return True
        return end in self.inner and end not in self.edges and not self._time_at(end)

    def _time_at(self, at: int) -> bool:
        """Does a word of time (本月, 本周, 今年) start at this position?"""
        return any(
            _tags().get(self.text[at:stop]) == _TIME_TAG
            for stop in range(at + 2, min(at + _LONGEST_TIME, len(self.text)) + 1)
        )


_PLACE_TAG = "ns"  # jieba's part of speech for a place's name
_LONGEST_TIME = 4  # characters of a word of time: 本季度 (and 下半年度)
_TIME_TAG = "t"
_WHEN_TAGS = frozenset({_TIME_TAG, "m"})  # …for a time (上个月) and a number or quantity (一个月)
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})  # …for a person's name (鲍威尔, 尼尔)


_NAMES = frozenset({_PLACE_TAG, *_WHEN_TAGS})


@lru_cache(maxsize=2)
def _tags(wanted: frozenset[str] = _NAMES) -> dict[str, str]:
    """jieba's part of speech of the words its dictionary tags as places, times or quantities
    (中国 ns, 上个月 t, 一个月 m), or with `_PERSON_TAGS`, as people (鲍威尔 nr). The tags are in
    jieba's text file only, read when a question first needs them (~0.1 s): people's names,
    80,000 of them, only for a question asking who."""
    with jieba_dictionary().open(encoding="utf-8") as lines:  # "中国 129470 ns"
        rows = (line.split() for line in lines)
        return {row[0]: row[2] for row in rows if len(row) == 3 and row[2] in wanted}


def is_place(word: str) -> bool:
    """Is `word` a place's name in jieba's dictionary (中国, 日本, 华尔街; not 港股 or 全球)?"""
    return _tags().get(word) == _PLACE_TAG


def is_time_or_amount(word: str) -> bool:
    """Is `word` a time or a quantity in jieba's dictionary (上个月, 一个月, 今年): never a name?"""
    return _tags().get(word) in _WHEN_TAGS


def is_person(word: str) -> bool:
    """Is `word` a person's name in jieba's dictionary (鲍威尔, 尼尔)? jieba tags some other
    words so too (陆军): a caller reads it where a name is expected, after a role."""
    return word in _tags(_PERSON_TAGS)

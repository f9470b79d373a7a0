"""The Chinese names of listed companies from CC-CEDICT (tools/chinese_names.tsv, written by
`python -m assistant.question.chinese_names`): which entries name a company, that the file agrees
with the installed dictionary and company files, and that a Chinese question names them."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.question.chinese_names import OUTPUT, CompanyNames, named_companies
from tools.companies import company_name
from tools.company_list import Lexicon
from tools.symbols import find_symbols

NAMES = CompanyNames(
    {"Baidu": "BIDU", "NetEase": "NTES", "FedEx": "FDX", "Dover": "DOV", "Nomura": "NMR",
     "CTS": "CTS", "ATI": "ATI", "Fox": "FOXA", "Bancorp": "TBBK", "Apple": "AAPL"},
    {"iqiyi": "IQ"},
)  # fmt: skip
WORDS = Lexicon({"dover": 3_000, "fox": 20_000, "apple": 24_000})


def _line(simplified: str, senses: str) -> str:
    return f"{simplified} {simplified} [x] /{senses}/"


@pytest.mark.parametrize(
    ("line", "symbol"),
    [
        (_line("百度", "Baidu, Internet portal and search engine, www.baidu.com"), "BIDU"),
        (_line("网易", "NetEase"), "NTES"),  # no English word, so no other thing
        (_line("联邦快递", "FedEx"), "FDX"),
        (_line("爱奇艺", "iQiyi, online video platform based in Beijing"), "IQ"),  # any case
        (_line("多佛", "Dover"), None),  # a town first
        (_line("野村", "Nomura (Japanese surname)"), None),
        (_line("中华电视", "Chinese Television System (CTS), Taiwan"), None),  # an acronym only
        (_line("冶天", "ATI, brand name of AMD graphics cards"), None),  # another's brand
        (_line("福克斯", "Fox (media company)"), None),  # cited as a source: 据福克斯新闻报道
        (_line("合众银行", "Bancorp, a US bank"), None),  # many banks are a Bancorp
        (_line("苹果公司", "Apple Inc."), None),  # kept by hand (LARGEST)
        (_line("度", "Baidu"), None),  # one character means too much
    ],
)
def test_an_entry_names_a_company_when_its_sense_says_so(line: str, symbol: str | None) -> None:
    found = list(named_companies([line], NAMES, {"AAPL"}, WORDS))
    assert [s for s, _, _ in found] == ([symbol] if symbol else [])


def test_the_file_agrees_with_the_installed_dictionary() -> None:
    pytest.importorskip("spellchecker")
    from assistant.question.chinese_names import build

    assert Path(OUTPUT).read_text(encoding="utf-8") == build(), (
        "tools/chinese_names.tsv is stale: run `python -m assistant.question.chinese_names`"
    )


def test_a_chinese_question_names_the_companies_the_dictionary_gives() -> None:
    assert find_symbols("百度和网易一季度营收增长多少？") == ["BIDU", "NTES"]
    assert find_symbols("通用汽车和联邦快递的关税成本") == ["GM", "FDX"]
    assert company_name("BIDU", "zh") == "百度" and company_name("BIDU", "en") == "Baidu"
    assert find_symbols("据福克斯新闻报道") == []

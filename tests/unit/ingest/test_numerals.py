"""Counts written as words (`ingest.numerals`)."""

from __future__ import annotations

import re

import pytest

from ingest.numerals import COUNT, count_of


@pytest.mark.parametrize(
    ("written", "number"),
    [("3", 3), ("三", 3), ("十", 10), ("十二", 12), ("二十五", 25), ("两", 2), ("Two", 2),
     ("twelve", 12)],
)  # fmt: skip
def test_a_count_is_read_in_digits_chinese_or_english(written: str, number: int) -> None:
    assert count_of(written) == number
    assert re.fullmatch(COUNT, written, re.I)


@pytest.mark.parametrize("written", ["三五", "十十", "several", "", "3.5"])
def test_what_is_no_count_reads_as_none(written: str) -> None:
    assert count_of(written) is None

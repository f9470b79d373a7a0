from __future__ import annotations

import pytest

from ingest.countries import is_country


@pytest.mark.parametrize("name", ["韩国", "中国", "美国", "South Korea", "china", "Iran"])
def test_a_country_is_known_by_its_chinese_or_english_name(name: str) -> None:
    assert is_country(name)


@pytest.mark.parametrize("name", ["得州", "上海", "Louisiana", "Europe", "华尔街", "May"])
def test_a_state_a_city_or_a_region_is_no_country(name: str) -> None:
    assert not is_country(name)

"""Errors shown in the browser: keys masked, Markdown escaped, never an empty message."""

from __future__ import annotations

from tests.secrets import FAKE_KEY, assert_no_secret
from ui.markup import error_text


def test_an_error_echoing_a_key_is_shown_masked() -> None:
    shown = error_text(RuntimeError(f"Incorrect API key provided: {FAKE_KEY}"))
    assert_no_secret(shown, FAKE_KEY)
    assert "Incorrect API key provided" in shown


def test_an_error_is_shown_as_text_not_markup() -> None:
    assert error_text(ValueError("![x](http://evil.example/a.png)")).startswith("\\!\\[x\\]")


def test_an_empty_error_still_says_what_it_was() -> None:
    assert error_text(TimeoutError()) == "TimeoutError"

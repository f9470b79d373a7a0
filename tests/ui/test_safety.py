"""Nothing from an ingested page becomes markup in the reader's browser.

A hostile article (script tags, an image with onerror, Markdown images, links and math,
Streamlit directives) is ingested through the upload form, opened in the library and cited in
an answer; every Markdown element on the page must have HTML off and carry the hostile text
escaped. The same holds for an Answer whose own text is hostile (as a model could write it).
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import example, given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from assistant.answer.model import Answer, Flag, Passage, Reference, Section
from tests.ui.conftest import TIMEOUT_S, all_text, ask, start_app
from ui.markup import Highlight, answer_markdown, plain

MARKUP = (
    "<script>alert('xss')</script><img src=x onerror=alert(2)>"
    "![pixel](http://127.0.0.1:9/pixel.png) [click me](javascript:alert(3)) "
    ":red[fake warning] :material/home: $x^2$ <iframe src=http://127.0.0.1:9/></iframe>"
)
HOSTILE_TEXT = "罗素2000指数年初至今上涨8.2%,小盘股跑赢标普500指数。" + MARKUP


def hostile_article(text: str = HOSTILE_TEXT, date: str = "2026-01-22") -> bytes:
    """A Markdown article with markup in its title and text."""
    return f"""---
title: "XSS测试<img src=x onerror=alert(1)> 罗素2000"
date: {date}
source: Hostile Weekly
---

## 综合分析

{text}
""".encode()


# Markup that must never reach st.markdown unescaped.
UNSAFE = [
    re.compile(r"(?<!\\)<"),  # raw HTML
    re.compile(r"(?<!\\)!(?<!\\)\[(?!\s)"),  # an image
    re.compile(r"(?<!\\)\]\("),  # a link target
    re.compile(r"(?<!\\):red\["),  # a forged directive
]


def assert_safe(app: AppTest) -> None:
    for element in [*app.markdown, *app.caption]:
        assert not element.proto.allow_html, element.value
    for element in app.markdown:
        for pattern in UNSAFE:
            assert not pattern.search(element.value), (pattern.pattern, element.value)


def ingest_hostile(app: AppTest) -> AppTest:
    app.switch_page("views/library.py").run()
    app.file_uploader[0].set_value(("hostile.md", hostile_article(), "text/markdown"))
    next(b for b in app.button if b.label == "Ingest").click()
    app.run()
    assert "Ingested: 1 added" in all_text(app)
    return app


def test_a_hostile_article_reads_as_text_in_the_library() -> None:
    app = ingest_hostile(start_app())
    app.text_input(key="library_text").input("XSS").run()
    assert_safe(app)
    text = all_text(app)
    assert r"\<script\>alert\(\'xss\'\)\</script\>" in text  # shown, as text
    assert r"\<img src\=x onerror\=alert\(2\)\>" in text
    assert any(r"XSS测试\<img" in s.value for s in app.subheader)


def test_a_hostile_passage_is_escaped_in_the_answer_and_the_sources_panel() -> None:
    app = ingest_hostile(start_app())
    app.switch_page("views/chat.py").run()
    ask(app, "罗素2000指数年初至今是否跑赢标普500?", as_of=None)
    answer = app.session_state["chat_session"].answers[0]
    assert any(r.source == "Hostile Weekly" for r in answer.references)
    assert_safe(app)
    assert r"\< script\>" in all_text(app)  # a tag defanged (assistant.answer.links), escaped


def _render(answer_json: str) -> None:
    from assistant.answer.model import Answer
    from ui.answer_view import render_answer
    from ui.sources_panel import render_sources

    answer = Answer.model_validate_json(answer_json)
    render_answer(answer)
    render_sources(answer, "hostile")


def test_a_hostile_answer_is_neutralised() -> None:
    passage = Passage(chunk_id="c1", section="<b>综合分析</b>", text=HOSTILE_TEXT)
    answer = Answer(
        question="<script>q</script>",
        title="<img src=x onerror=alert(1)>标题",
        as_of=dt.date(2026, 1, 23),
        language="zh",
        mode="llm",
        sections=(Section(key="analysis", heading="<i>综合分析</i>", text=HOSTILE_TEXT + "[1]"),),
        references=(
            Reference(
                n=1,
                kind="article",
                title="<script>t</script>",
                source="<b>s</b>",
                url="javascript:alert(1)",
                passages=(passage,),
            ),
        ),
        flags=(
            Flag(kind="notice", message="<img src=x onerror=alert(5)> notice"),
            Flag(
                kind="unsupported_number",
                message="8.2% <b>not found</b>",
                number="8.2%",
                sentence="罗素2000指数年初至今上涨8.2%,小盘股跑赢标普500指数。",
                section="analysis",
            ),
        ),
    )
    app = AppTest.from_function(
        _render, args=(answer.model_dump_json(),), default_timeout=TIMEOUT_S
    )
    app.run()
    assert not app.exception
    assert_safe(app)
    text = all_text(app)
    assert ":orange-background[8.2% ⚠]" in text  # our own directive survives, after escaping
    assert r"\:red[fake warning]" in text  # the article's is inert
    assert not app.get("link_button")  # a javascript: URL gets no button


def escaped(text: str, at: int) -> bool:
    """True when the character at `at` follows an odd run of backslashes."""
    run = len(text[:at]) - len(text[:at].rstrip("\\"))
    return run % 2 == 1


@given(st.text())
def test_plain_escapes_every_markdown_character(text: str) -> None:
    shown = plain(text)
    for at, char in enumerate(shown):
        if char in "<>[]()!*_`$:#|~&":
            assert escaped(shown, at), (text, shown)


@given(st.text(), st.integers(0, 20), st.integers(1, 6))
@example("0001(", 0, 2)  # a highlight's "]" right before the text's "(" once made a link
def test_answer_markdown_leaves_no_html_image_or_link(text: str, start: int, size: int) -> None:
    highlight = Highlight(text[start : start + 30], text[start + 2 : start + 2 + size])
    safe = answer_markdown(text, [highlight] if highlight.number else [])
    for at, char in enumerate(safe):
        if char == "<" or (char == "[" and at and safe[at - 1] == "!"):
            assert escaped(safe, at), (text, safe)
        if char == "(" and at and safe[at - 1] == "]":
            assert escaped(safe, at), (text, safe)


def test_a_quotation_stays_a_block_quote_and_its_html_stays_text() -> None:
    text = "Prose[1]。\n\n> 据CNBC（2026年7月28日）报道：Micron <b>fell</b> 5% > peers[2]."
    safe = answer_markdown(text)
    assert "\n\n> 据CNBC" in safe  # the quotation's marker, unescaped
    assert r"\<b>" in safe and r"\</b>" in safe

"""Model output is data (issue 14): in an answer, the only live link is a cited source's own URL.

Every URL a model or a quoted article writes stays readable as text that no Markdown renderer,
linkifier or export turns into a link (`assistant.answer.links`): in the CLI's Markdown and
`--json`, through both modes, and in answers saved before the fix and read back.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.answer.links import defang, defang_answer
from assistant.answer.model import Answer, Flag, Passage, Reference, Section
from assistant.answer.render import answer_json, render_markdown
from assistant.conversation.history import HistoryStore
from assistant.engine import Assistant
from assistant.llm.scripted_server import Servers, text, tool_calls
from assistant.settings import load_settings
from tests.live_links import markdown_links

from .fakes import AS_OF, SEED, SEED_TEXT, ZH_ANSWER, FakeIndex, FakeMarket

QUESTION = "罗素2000指数年初至今是否跑赢标普500?"
CITED = "https://cited.example/small-caps-2026"
# One of each way a writer can make a link or load something, all to a listener.
HOSTILE = (
    "[click](https://evil.example/x?d=secret) https://evil.example/steal?q=1 "
    "<https://evil.example> www.evil.example/path [a][9] ![img](https://evil.example/i.png) "
    "<img src=https://evil.example/p.png> <a href=https://evil.example/a>x</a> "
    "<iframe src=//evil.example/f></iframe> [j](javascript:alert(1)) <javascript:alert(2)> "
    "bob@evil.example &#104;ttps://evil.example/entity evil.example/bare?d=1"
)
DEFINITION = "[9]: https://evil.example/ref"  # would make "[9]" (and a citation "[1]") a link
# Links in an article's sentence (no "?": the sentence splitter would end the sentence there).
ARTICLE_LINKS = (
    "，详见 https://evil.example/steal/secret、[报告](https://evil.example/r) "
    "和 www.evil.example/p ，"
)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("[click](https://evil.example/x?d=s)", "click (https[:]//evil[.]example/x?d=s)"),
        ("see https://evil.example/steal?q=1.", "see https[:]//evil[.]example/steal?q=1."),
        ("<https://evil.example>", "https[:]//evil[.]example"),
        ("www.evil.example/path", "www[.]evil[.]example/path"),
        ("[1]: https://evil.example", "[1] : https[:]//evil[.]example"),
        ("![img](https://evil.example/i.png)", "img (https[:]//evil[.]example/i.png)"),
        ('<img src="//evil.example/i.png">', '< img src="//evil[.]example/i.png">'),
        ("[x](javascript:alert(1))", "x (javascript[:]alert(1))"),
        ("bob@evil.example", "bob@evil[.]example"),
        ("数据https://evil.example/cjk", "数据https[:]//evil[.]example/cjk"),
        ("evil.example/x?d=1", "evil[.]example/x?d=1"),
        ("&#104;ttps://evil.example", "https[:]//evil[.]example"),
    ],
)
def test_a_written_url_reads_as_text(written: str, shown: str) -> None:
    assert defang(written) == shown
    assert markdown_links(defang(written)) == []


@pytest.mark.parametrize(
    "prose",
    [
        "罗素2000指数年初至今上涨8.2%[0][1]，跑赢标普500指数1.2%的涨幅[1]。",
        "News: the S&P 500 rose 1.5%/yr; P/E 12.5x/13x; U.S./China; Amazon.com gained 3.2% [2].",
        "> 小盘股轮动明显。 — Ginlix AI\n\n- **风险**：a < b, x<5",
        "Already safe: https[:]//evil[.]example and www[.]evil[.]example.",
    ],
)
def test_prose_without_links_is_left_as_written(prose: str) -> None:
    assert defang(prose) == prose


@given(st.lists(st.sampled_from([*HOSTILE.split(" "), DEFINITION, "\n\n", "> ", "- "])), st.text())
def test_defanged_text_links_nothing_and_defanging_twice_changes_nothing(
    pieces: list[str], noise: str
) -> None:
    written = " ".join(pieces) + noise
    shown = defang(written)
    assert defang(shown) == shown
    assert not [u for u in markdown_links(shown) if "evil" in u], shown


def article_with_links() -> Answer:
    """An answer as a writer could leave it, had nothing defanged it (also: saved before)."""
    passage = Passage(chunk_id="c1", text=f"原文 {HOSTILE}")
    return Answer(
        question=QUESTION,
        title="标题 https://evil.example/title",
        as_of=AS_OF,
        language="zh",
        mode="llm",
        sections=(
            Section(key="analysis", heading="综合分析", text=f"{HOSTILE}[1]。\n\n{DEFINITION}"),
        ),
        references=(
            Reference(
                n=1,
                kind="article",
                title="www.evil.example/title",
                source="evil.example/site",
                url=CITED,
                passages=(passage,),
            ),
        ),
        flags=(Flag(kind="notice", message="see https://evil.example/notice"),),
    )


def assert_links_only_the_cited_source(answer: Answer) -> None:
    markdown = render_markdown(answer)
    assert set(markdown_links(markdown)) == {CITED}, markdown
    assert f"<{CITED}>" in markdown  # the reference line, written by code
    shown = str(answer_json(answer))
    assert "evil.example" not in shown and "evil[.]example" in shown
    assert CITED in {r.url for r in answer.references}  # the URL itself is not defanged


def test_a_defanged_answer_links_only_its_cited_source() -> None:
    assert_links_only_the_cited_source(defang_answer(article_with_links()))


def test_an_answer_saved_before_the_fix_comes_back_defanged(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    conversation = store.add_turn(None, article_with_links())  # as an old version saved it
    saved = store.get(conversation)
    assert saved is not None
    assert_links_only_the_cited_source(saved.answers[0])


def hostile_seed() -> FakeIndex:
    """The seed article, with its URL, and links in a sentence the offline composer quotes."""
    sentence = "罗素2000指数年初至今8.2%的涨幅"
    assert SEED_TEXT.count(sentence) == 1
    text = SEED_TEXT.replace(sentence, sentence + ARTICLE_LINKS)
    first = SEED.sections[0].model_copy(update={"text": text})
    return FakeIndex([SEED.model_copy(update={"url": CITED, "sections": (first,)})])


def test_the_offline_composer_quotes_an_articles_links_as_text() -> None:
    helper = Assistant(load_settings(), market=FakeMarket(), index=hostile_seed(), model=None)
    answer = helper.ask(QUESTION, as_of=AS_OF)
    assert answer.mode == "offline"
    assert_links_only_the_cited_source(answer)
    markdown = render_markdown(answer)  # the sentence is quoted, its links readable
    assert "https[:]//evil[.]example/steal/secret" in markdown
    assert "报告 (https[:]//evil[.]example/r)" in markdown and "www[.]evil[.]example/p" in markdown


def test_a_models_links_are_text_and_its_citations_still_cite(serve: Servers) -> None:
    written = ZH_ANSWER.replace(
        "小盘股轮动明显[1]。", f"小盘股轮动明显[1]。{HOSTILE}[1]。\n\n{DEFINITION}"
    )
    server = serve.start(
        [
            tool_calls(("index_returns", {"symbols": ["^RUT", "^GSPC"], "period": "YTD"})),
            tool_calls(("search_commentary", {"query": "罗素2000 年初至今"})),
            text(written),
            text(written),  # the repair turn, if the figures in the links ask for one
        ]
    )
    settings = load_settings(openai_base_url=server.base_url, model="loopback-model")
    answer = Assistant(settings, market=FakeMarket(), index=hostile_seed()).ask(
        QUESTION, as_of=AS_OF
    )
    assert answer.mode == "llm"
    assert_links_only_the_cited_source(answer)
    markdown = render_markdown(answer)
    assert "click (https[:]//evil[.]example/x?d=secret)" in markdown
    assert "[1]" in markdown and answer.reference(1) is not None  # citations still work


def test_an_answer_made_today_is_unchanged_by_reading_it_back() -> None:
    answer = defang_answer(article_with_links())
    assert defang_answer(answer) == answer
    assert answer.as_of == dt.date(2026, 1, 23)

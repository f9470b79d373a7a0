"""The chat page in AppTest: ask, read the answer in the analysis format with its sources,
follow up, and find the conversation again after a restart."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from assistant.conversation.history import HistoryStore
from assistant.settings import load_settings
from tests.ui.conftest import QUESTION, all_text, ask, markdown, start_app
from ui.chat_session import KEY as SESSION
from ui.markup import plain

HEADINGS = (
    "#### 综合分析",
    "#### 核心洞察",
    "#### 风险与机遇",
    "##### 风险因素",
    "##### 机遇窗口",
    "#### 核心信息摘要",
    "#### 参考文献",
)


def test_an_answer_comes_in_the_analysis_format_with_citations(seeded_home: Path) -> None:
    app = ask(start_app(), QUESTION)
    texts = markdown(app)
    for heading in HEADINGS:
        assert heading in texts
    analysis = texts[texts.index("#### 综合分析") + 1]
    assert "罗素2000指数年初至今上涨7.54%" in analysis and "[0]" in analysis
    assert "[1]" in "\n".join(texts)
    references = texts[texts.index("#### 参考文献") + 1]
    assert references.startswith(r"\[0\] marketbrief") and r"\[1\]" in references
    assert "数据基于历史,不代表未来趋势;仅供投资者参考,不构成投资建议" in all_text(app)


def test_the_sources_panel_opens_the_cited_passage_and_the_market_data(
    seeded_home: Path,
) -> None:
    app = ask(start_app(), QUESTION)
    session = app.session_state[SESSION]
    answer = session.answers[0]
    pills = app.button_group(key=f"sources-{session.conversation_id}-0")
    assert pills.options == [f"[{r.n}]" for r in answer.references]
    article = answer.reference(1)
    assert article is not None and article.kind == "article" and article.passages
    texts = markdown(app)
    assert plain(article.passages[0].text) in texts  # [1] is open by default: whole passage
    assert f"**[1] {plain(article.title)}**" in texts

    pills.set_value(0).run()
    panel = all_text(app)
    assert "**[0] " in panel and "index\\_returns" in panel
    assert "本地价格库" in panel and "2026\\-01\\-23" in panel  # the question's language


def test_flags_charts_and_the_tickers_strip(seeded_home: Path) -> None:
    app = ask(start_app(), QUESTION)
    text = all_text(app)
    # The article's 8.2% differs from the closes' 7.54%: marked in place and listed.
    assert ":blue-background[8.2% ≠]" in text
    assert "**核查提示**" in text and plain("文章为8.2%，按收盘价计算为7.54%") in text
    charts = app.get("vega_lite_chart")
    assert len(charts) >= 2  # return bars and the rebased lines
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["罗素2000指数 · ^RUT"] == "2,669.16"
    assert any(label.endswith("^GSPC") for label in metrics)


def test_a_follow_up_leans_on_the_conversation(seeded_home: Path) -> None:
    app = ask(ask(start_app(), QUESTION), "那纳斯达克呢?")
    answers = app.session_state[SESSION].answers
    assert len(answers) == 2
    market = answers[1].reference(0)
    assert market is not None and "^IXIC" in market.symbols  # the period carried over: YTD
    assert "年初至今" in answers[1].title


def test_conversations_are_saved_and_reopen_after_a_restart(seeded_home: Path) -> None:
    first = ask(start_app(), QUESTION)
    conversation_id = first.session_state[SESSION].conversation_id
    assert conversation_id

    restarted = start_app()  # a new session in a fresh process (cached services cleared)
    entry = restarted.button(key=f"open-{conversation_id}")
    assert entry.label == plain(QUESTION)
    entry.click().run()
    assert "#### 综合分析" in markdown(restarted)
    assert plain(QUESTION) in markdown(restarted)
    ask(restarted, "那纳斯达克呢?")
    saved = HistoryStore(load_settings().db_path).get(conversation_id)
    assert saved is not None and len(saved.answers) == 2
    market = saved.answers[1].reference(0)
    assert market is not None and "^IXIC" in market.symbols  # rebuilt context: still YTD


def test_new_conversation_and_delete(seeded_home: Path) -> None:
    app = ask(start_app(), QUESTION)
    conversation_id = app.session_state[SESSION].conversation_id
    app.button(key="new_conversation").click().run()
    assert not app.session_state[SESSION].answers
    assert "#### 综合分析" not in markdown(app)
    app.button(key=f"delete-{conversation_id}").click().run()
    assert HistoryStore(load_settings().db_path).list() == []
    assert "Your conversations will be listed here." in all_text(app)


def test_an_example_question_is_asked_with_one_click(seeded_home: Path) -> None:
    app = start_app()
    app.button(key="example-0").click().run()
    assert not app.exception
    assert app.session_state[SESSION].answers[0].question == QUESTION


def test_first_run_says_what_to_do_and_still_answers(tmp_path: Path) -> None:
    app = start_app()  # the empty data directory the test suite gives every test
    text = all_text(app)
    assert "**Getting started.**" in text
    assert "**add commentary**" in text and "**import prices**" in text
    assert "yfinance" in text
    ask(app, QUESTION, as_of=None)
    assert "#### 综合分析" in markdown(app)
    notices = " ".join(i.value for i in app.info)
    assert "没有可用的价格数据" in notices and "文章库为空" in notices
    assert not app.error


@pytest.mark.parametrize("question", ["   ", "？"])
def test_a_question_that_cannot_be_asked_is_a_notice_not_a_traceback(
    seeded_home: Path, question: str
) -> None:
    app = start_app()
    app.chat_input(key="question").set_value(question).run()
    assert not app.exception
    assert app.warning or app.session_state[SESSION].answers


def test_a_sector_question_draws_the_sector_scores(seeded_home: Path) -> None:
    app = ask(start_app(), "最近板块轮动如何?")
    answer = app.session_state[SESSION].answers[0]
    assert "sector_scores" in [c.kind for c in answer.charts]
    assert app.get("vega_lite_chart")


def test_a_bug_while_answering_is_a_plain_notice_and_its_traceback_is_logged(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from assistant import engine

    def broken_compose(*args: object, **kwargs: object) -> None:
        raise KeyError("section")

    monkeypatch.setattr(engine, "compose", broken_compose)
    with caplog.at_level(logging.ERROR, logger="marketbrief.ui"):
        app = ask(start_app(), QUESTION, as_of=None)  # ask() checks no exception is shown
    assert [e.value for e in app.error] == [
        "Something went wrong while answering (KeyError). "
        "The details are in the server log; please try again."
    ]
    assert "Traceback" not in all_text(app)
    [record] = [r for r in caplog.records if r.name == "marketbrief.ui"]
    assert record.exc_info is not None and record.exc_info[0] is KeyError

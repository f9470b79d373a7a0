"""The sidebar settings in AppTest: answer mode and its banners, the endpoint (a loopback
OpenAI-compatible server), the API key kept in the session only, the as-of date, the filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.llm.scripted_server import LoopbackOpenAI, status, text
from benchmarks.harness.browser import free_port
from tests.ui.conftest import QUESTION, all_text, ask, markdown, start_app
from ui import preferences as prefs
from ui.chat_session import KEY as SESSION
from ui.notices import OFFLINE

LLM_ANSWER = (
    "# 罗素2000年初至今跑赢标普500\n\n## 综合分析\n罗素2000指数年初至今上涨7.54%[0]。\n\n"
    "## 核心洞察\n小盘股领涨[1]。\n\n## 风险与机遇\n### 风险因素\n涨势或盘整[1]。\n"
    "### 机遇窗口\n降息利好小盘股[1]。\n\n## 核心信息摘要\n- 是,跑赢[0]。\n"
)


@pytest.fixture
def loopback() -> Iterator[LoopbackOpenAI]:
    with LoopbackOpenAI([text(LLM_ANSWER)] * 4) as server:
        yield server


def use_llm(app: AppTest, base_url: str, key: str = "") -> AppTest:
    app.button_group(key=prefs.MODE).set_value("llm")
    app.text_input(key=prefs.BASE_URL).input(base_url)
    app.text_input(key=prefs.MODEL).input("loopback-model")
    if key:
        app.text_input(key=prefs.API_KEY).input(key)
    return app.run()


def test_offline_is_the_default_without_an_endpoint_and_says_so(seeded_home: Path) -> None:
    app = start_app()
    assert app.session_state[prefs.MODE] == "offline"
    assert any(OFFLINE in i.value for i in app.info)


def test_llm_mode_without_an_endpoint_warns_and_answers_offline(seeded_home: Path) -> None:
    app = start_app()
    app.button_group(key=prefs.MODE).set_value("llm").run()
    warning = " ".join(w.value for w in app.warning)
    assert "**No LLM is configured.**" in warning and OFFLINE in warning
    ask(app, QUESTION)
    assert app.session_state[SESSION].answers[0].mode == "offline"


def test_an_endpoint_in_the_sidebar_answers_in_llm_mode(
    seeded_home: Path, loopback: LoopbackOpenAI
) -> None:
    app = ask(use_llm(start_app(), loopback.base_url), QUESTION)
    answer = app.session_state[SESSION].answers[0]
    assert answer.mode == "llm"
    assert loopback.requests and loopback.requests[0]["model"] == "loopback-model"
    assert "#### 综合分析" in markdown(app) and "#### 参考文献" in markdown(app)
    # The model cited [0] without calling a tool: the figure is unverified, marked in place.
    assert "罗素2000指数年初至今上涨:orange-background[7.54% ⚠]" in all_text(app)
    assert not app.warning  # no banner: the LLM is configured and worked


def test_a_failing_endpoint_falls_back_offline_with_a_banner(
    seeded_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARKETBRIEF_LLM_MAX_RETRIES", "0")
    refused = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    app = ask(use_llm(start_app(), refused), QUESTION)
    answer = app.session_state[SESSION].answers[0]
    assert answer.mode == "offline"
    fallback = [f.message for f in answer.flags if f.kind == "notice" and "离线" in f.message]
    assert any("大模型接口调用失败" in m for m in fallback)
    banner = " ".join(w.value for w in app.warning)
    assert "**The LLM failed on the last question.**" in banner


def test_the_api_key_stays_in_the_session(seeded_home: Path, loopback: LoopbackOpenAI) -> None:
    secret = "sk-test-secret-never-stored-4242"
    app = ask(use_llm(start_app(), loopback.base_url, key=secret), QUESTION)
    assert app.session_state[SESSION].answers[0].mode == "llm"
    sent = loopback.requests[0]
    assert sent["model"] == "loopback-model"
    for path in seeded_home.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    assert secret not in all_text(app)


def test_a_key_echoed_by_a_failing_endpoint_is_masked(seeded_home: Path) -> None:
    secret = "my-own-gateway-token-31337"  # no credential shape: masked as registered
    echo = status(401, "Incorrect API key provided: {key}")
    with LoopbackOpenAI([echo] * 4) as server:
        app = ask(use_llm(start_app(), server.base_url, key=secret), QUESTION)
    answer = app.session_state[SESSION].answers[0]
    assert answer.mode == "offline" and "401" in " ".join(f.message for f in answer.flags)
    assert secret not in all_text(app) and secret not in answer.model_dump_json()
    for path in seeded_home.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_the_as_of_date_starts_empty_so_each_series_uses_its_latest_close(
    seeded_home: Path,
) -> None:
    app = start_app()
    assert app.date_input(key=prefs.AS_OF).value is None
    assert app.session_state[prefs.AS_OF_AUTO] is True
    app.date_input(key=prefs.AS_OF).set_value(dt.date(2026, 1, 23)).run()
    assert app.session_state[prefs.AS_OF] == dt.date(2026, 1, 23)
    assert app.session_state[prefs.AS_OF_AUTO] is False  # the reader's choice is kept


def test_the_library_filters_scope_what_answers_quote(seeded_home: Path) -> None:
    app = start_app()
    app.date_input(key=prefs.DATES).set_value((dt.date(2026, 1, 30), dt.date(2026, 2, 1))).run()
    ask(app, QUESTION, as_of=None)  # no as-of date: the filters alone pick the articles
    answer = app.session_state[SESSION].answers[0]
    cited = [r for r in answer.references if r.kind == "article"]
    assert cited and all(r.date == dt.date(2026, 2, 1) for r in cited)
    assert "Library filters (on)" in [e.label for e in app.expander]


def test_a_browser_run_gets_a_chat_model_of_its_own_that_it_can_cancel(tmp_path: Path) -> None:
    """No chat model shared between sessions: the Assistant builds one per rung, with an HTTP
    client it closes when the run ends or the tab is closed (a shared one could not be)."""
    from assistant.settings import load_settings
    from ui.context import Context

    context = Context(load_settings(home=tmp_path))
    chosen = prefs.Preferences(mode="llm", base_url="http://127.0.0.1:9/v1", model="m")
    assert not context.assistant(chosen)._model_given
    assert context.assistant(prefs.Preferences()).model is None  # offline: no model at all

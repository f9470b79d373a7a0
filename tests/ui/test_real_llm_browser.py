"""The browser in LLM mode against a real model: llama.cpp's server with SmolLM2-135M-Instruct
(`real_llm`; skipped without it, failing under CI=true), through Streamlit's AppTest. A
question typed in the chat is answered by the model (the writer's rung, for a model this
small), with the five parts, its cost line, and no stream left running afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.answer.citations import walk
from assistant.answer.model import Answer
from benchmarks.harness.llm_server import LlamaServer
from tests.integration.test_real_llm import AROUND_S, FIVE, LIMITS, RUN_LIMIT_S, ZH
from tests.ui.conftest import APP, AS_OF
from tests.ui.test_cost_line import cost_lines
from ui import preferences as prefs
from ui.chat_session import KEY as SESSION

pytestmark = pytest.mark.integration


def test_a_question_in_the_chat_is_answered_by_the_real_model(
    real_llm: LlamaServer, seeded_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in LIMITS.items():
        monkeypatch.setenv(name, value)
    app = AppTest.from_file(str(APP), default_timeout=RUN_LIMIT_S + AROUND_S)
    app.run()
    app.button_group(key=prefs.MODE).set_value("llm")
    app.text_input(key=prefs.BASE_URL).input(real_llm.base_url)
    app.text_input(key=prefs.MODEL).input(real_llm.model)
    app.run()
    app.date_input(key=prefs.AS_OF).set_value(AS_OF)
    app.chat_input(key="question").set_value(ZH).run()
    assert not app.exception, [e.value for e in app.exception]
    answer: Answer = app.session_state[SESSION].answers[0]
    notices = [f.message for f in answer.flags if f.kind == "notice"]
    assert answer.mode == "llm", notices
    texts = {s.key: s.text for s in walk(answer.sections)}
    assert all(texts.get(key, "").strip() for key in FIVE), texts
    assert answer.model_calls >= 1 and cost_lines(app)  # what it took, under the answer
    shown = "\n".join(m.value for m in app.markdown)
    assert answer.sections[0].heading in shown

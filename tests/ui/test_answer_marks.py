"""A checked figure on the page: a contradicted one highlighted red with ⊗ where it stands and
listed in the checks box with the value its source states; an unsupported one stays ⚠ on
orange; an article-vs-computed discrepancy stays ≠ on blue."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from assistant.answer.model import Flag
from tests.ui.conftest import TIMEOUT_S
from tests.unit.assistant.test_flag_marks import CONTRADICTED, UNSUPPORTED, checked_answer
from ui.markup import plain

DISCREPANCY = Flag(
    kind="discrepancy",
    message="罗素2000年初至今回报：文章为8.2%，按收盘价计算为7.54%",
    number="1.12%",
    sentence="纳指上涨1.12%[0]。",
    sources=(0, 1),
    section="analysis",
)


def _render(answer_json: str) -> None:
    from assistant.answer.model import Answer
    from ui.answer_view import render_answer

    render_answer(Answer.model_validate_json(answer_json))


def test_a_contradicted_figure_is_marked_in_the_text_and_listed_in_the_checks() -> None:
    answer = checked_answer(CONTRADICTED, UNSUPPORTED, DISCREPANCY)
    app = AppTest.from_function(
        _render, args=(answer.model_dump_json(),), default_timeout=TIMEOUT_S
    )
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    shown = [m.value for m in app.markdown]
    section = next(text for text in shown if "罗素2000指数年初至今下跌" in text)
    assert "下跌:red-background[7.54% ⊗][0]" in section
    assert "上涨:orange-background[1.02% ⚠][1]" in section
    assert "上涨:blue-background[1.12% ≠][0]" in section
    checks = next(text for text in shown if text.startswith("**核查提示**"))
    lines = checks.splitlines()
    contradicted = f"- ⊗ {plain(CONTRADICTED.message)} \\[0\\]"
    assert contradicted in lines and "\\+7\\.54%" in contradicted  # the source's value
    assert f"- ⚠ {plain(UNSUPPORTED.message)} \\[1\\]" in lines
    assert f"- ≠ {plain(DISCREPANCY.message)} \\[0\\] \\[1\\]" in lines

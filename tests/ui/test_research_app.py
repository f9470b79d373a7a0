"""The research page in AppTest: draft a plan, edit it, accept it, and the brief appears with
its downloads; auto-accept runs at once; the library's "deep analysis" hands an article over;
a refreshed page finds its run again; without a Chinese font the PDF download says why."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from assistant import services
from assistant.engine import Assistant
from assistant.research.progress import ResearchEvent, StepStarted
from assistant.research.runner import ResearchRunner, shared_runner
from assistant.settings import load_settings
from tests.ui.conftest import AS_OF, TIMEOUT_S, all_text, markdown, start_app
from ui import preferences as prefs

TOPIC = "2026年小盘股投资逻辑"
PAGE = "views/research.py"
HEADINGS = ("#### 综合分析", "#### 核心洞察", "##### 风险因素", "##### 机遇窗口",
            "#### 核心信息摘要", "#### 研究步骤", "#### 参考文献")  # fmt: skip


def research_page() -> AppTest:
    """The research page, as of the seeds' day (what the sidebar's date field would set)."""
    app = start_app()
    app.switch_page(PAGE)
    app.session_state[prefs.AS_OF] = AS_OF
    app.session_state[prefs.AS_OF_AUTO] = False
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def the_runner() -> ResearchRunner:
    settings = load_settings()
    return shared_runner(settings.db_path, lambda: Assistant(settings))


def finish(app: AppTest) -> str:
    """Wait (on the runner, no sleeps) for the page's run, then rerun the page."""
    run_id = (
        app.query_params["run"][0]
        if isinstance(app.query_params["run"], list)
        else app.query_params["run"]
    )
    assert the_runner().wait(run_id, timeout=TIMEOUT_S)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return run_id


def draft(app: AppTest, topic: str = TOPIC) -> list[int]:
    app.text_input(key="research_topic").set_value(topic)
    app.button(key="research_draft_button").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return list(app.session_state["research_draft"]["uids"])


def test_draft_edit_accept_then_the_brief_and_its_downloads(seeded_home: Path) -> None:
    app = research_page()
    uids = draft(app)
    assert 4 <= len(uids) <= 8
    assert (
        app.text_input(key=f"research_q_{uids[0]}").value
        == "罗素2000指数年初至今是否跑赢标普500指数?"
    )
    app.text_input(key=f"research_q_{uids[1]}").set_value("能源板块的评分与动量如何?")
    app.multiselect(key=f"research_t_{uids[1]}").set_value(["sector_scores"])
    app.button(key=f"research_remove_{uids[4]}").click().run()
    app.button(key=f"research_up_{uids[2]}").click().run()
    expected = [uids[0], uids[2], uids[1], *uids[3:4], *uids[5:]]
    assert app.session_state["research_draft"]["uids"] == expected
    questions = [app.text_input(key=f"research_q_{u}").value for u in expected]

    app.button(key="research_accept").click().run()
    run_id = finish(app)
    brief = the_runner().brief(run_id)
    assert brief is not None
    assert [r.step.question for r in brief.steps] == questions
    assert brief.steps[2].tools_called == ("sector_scores",)
    texts = markdown(app)
    for heading in HEADINGS:
        assert heading in texts, heading
    assert any(t.startswith(r"\[0\] marketbrief") for t in texts)
    downloads = [b.proto.label for b in app.get("download_button")]
    assert downloads == ["Download Markdown", "Download HTML", "Download PDF"]
    assert "2026年小盘股投资逻辑：深度研究" in all_text(app)


def test_auto_accept_runs_the_drafted_plan_at_once(seeded_home: Path) -> None:
    app = research_page()
    app.toggle(key="research_auto_accept").set_value(True)
    app.text_input(key="research_topic").set_value(TOPIC)
    app.button(key="research_draft_button").click().run()
    assert "research_draft" not in app.session_state  # no editing step
    run_id = finish(app)
    brief = the_runner().brief(run_id)
    assert brief is not None and brief.plan.topic == TOPIC and len(brief.steps) >= 4
    assert "#### 参考文献" in markdown(app)
    # the brief is saved: listed, and a fresh page (a refresh) reopens the run from the URL
    again = start_app()
    again.switch_page(PAGE)
    again.query_params["run"] = run_id
    again.run()
    assert "#### 综合分析" in markdown(again)
    assert "Saved briefs · 已保存的简报 (1)" in [e.label for e in again.expander]


def test_without_a_chinese_font_the_pdf_download_shows_what_to_install(
    seeded_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF's button is disabled with the reason on the page (not only in the server log);
    Markdown and HTML need no font and stay offered."""
    monkeypatch.setattr("assistant.research.export.fonts.find_cjk_font", lambda: None)
    app = research_page()
    app.toggle(key="research_auto_accept").set_value(True)
    app.text_input(key="research_topic").set_value(TOPIC)
    app.button(key="research_draft_button").click().run()
    finish(app)
    buttons = {b.proto.label: b.proto.disabled for b in app.get("download_button")}
    assert buttons == {"Download Markdown": False, "Download HTML": False, "Download PDF": True}
    [error] = [e.value for e in app.error]
    assert error.startswith("PDF: no Chinese \\(CJK\\) font") and "fonts\\-noto\\-cjk" in error


def test_deep_analysis_of_an_article_plans_around_it(seeded_home: Path) -> None:
    settings = load_settings()
    index = services.commentary_index(settings)
    try:
        article = next(a for a in index.list_articles() if "小盘股" in a.title)
    finally:
        index.close()
    app = start_app()
    app.session_state["research_article_id"] = article.id
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    assert "research_article_id" not in app.session_state
    assert app.text_input(key="research_topic").value == article.title
    plan = app.session_state["research_draft"]
    assert plan["article_id"] == article.id and plan["as_of"] == article.published.isoformat()
    first = app.session_state["research_draft"]["uids"][0]
    assert article.title in app.text_input(key=f"research_q_{first}").value


def test_a_reloaded_page_reattaches_to_a_running_run(
    seeded_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run is held inside step 2 (no sleeps: an Event); a brand-new page with the run's
    id in its URL, and one without any, both show its progress; released, the brief shows."""
    from assistant.research import runner as runner_module

    entered, release = threading.Event(), threading.Event()
    real = runner_module.iter_plan

    def held(*args: Any, **kwargs: Any) -> Iterator[ResearchEvent]:
        for event in real(*args, **kwargs):
            yield event  # the runner records it, then asks for the next one: held here
            if isinstance(event, StepStarted) and event.n == 2:
                entered.set()
                assert release.wait(TIMEOUT_S)

    monkeypatch.setattr(runner_module, "iter_plan", held)
    app = research_page()
    app.toggle(key="research_auto_accept").set_value(True)
    app.text_input(key="research_topic").set_value(TOPIC)
    app.button(key="research_draft_button").click().run()
    assert entered.wait(TIMEOUT_S)
    run_id = app.query_params["run"]
    run_id = run_id[0] if isinstance(run_id, list) else run_id

    for url_has_run in (True, False):  # a reload, and a tab opened afresh
        page = start_app()
        page.switch_page(PAGE)
        if url_has_run:
            page.query_params["run"] = run_id
        page.run()
        text = all_text(page)
        assert f"**Researching:** {TOPIC}" in text and "step 2 of" in text, text
        run = the_runner().get(run_id)
        assert run is not None and page.progress[0].value == int(100 / len(run.plan.steps))

    release.set()
    assert the_runner().wait(run_id, timeout=TIMEOUT_S)
    page.run()
    assert "#### 参考文献" in markdown(page)

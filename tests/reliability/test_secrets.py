"""API keys never appear in outputs, error lines, logs, Answers or the data directory.

A recognisable fake key is configured and echoed back by the fake endpoints (as OpenAI does in
its 401 message), then every output and every file a command produced is searched for it
(`tests.secrets.assert_no_secret`, which also catches half-masked pieces of it).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.answer.render import answer_json, render_markdown
from assistant.engine import Assistant
from assistant.events import Notice
from assistant.llm.scripted_server import LoopbackOpenAI, status, text, tool_calls
from assistant.redact import MASK, install_log_redaction, redact, register_secret
from assistant.settings import load_settings
from tests.cli_runner import CliResult, run_cli
from tests.machine import require_cjk_font
from tests.secrets import FAKE_KEY, assert_no_secret
from tests.unit.assistant.fakes import AS_OF, ZH_ANSWER, FakeIndex, FakeMarket
from tests.unit.ingest.servers import serve

pytestmark = pytest.mark.integration
QUESTION = "罗素2000指数年初至今是否跑赢标普500?"
ECHO = "Incorrect API key provided: {key}. You can find your API key at https://example.com."
Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fake key configured in the environment; returns the data directory."""
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    return Path(os.environ["MARKETBRIEF_HOME"])


@pytest.fixture
def rejecting() -> Iterator[LoopbackOpenAI]:
    """A chat endpoint that answers 401 and echoes the key it was sent."""
    with LoopbackOpenAI([status(401, ECHO)] * 5) as server:
        yield server


def outputs(*results: CliResult) -> list[str]:
    return [part for r in results for part in (r.stdout, r.stderr)]


def test_redact_masks_registered_keys_and_credential_shapes() -> None:
    register_secret("hunter2-but-longer")
    cases = {
        "token hunter2-but-longer in the middle": "token [redacted] in the middle",
        "Incorrect API key provided: sk-proj-Zq81abcdefghijklmnop.": f"provided: sk-{MASK}.",
        "Incorrect API key provided: sk-mbtest-7f3a****e4a7.": f"provided: sk-{MASK}.",
        "Authorization: Bearer abcdefghijklmnop": f"Authorization: Bearer {MASK}",
        "GET https://x.test/feed?api_key=abc123&page=2": f"?api_key={MASK}&page=2",
        "https://user:s3cr3tpass@host.test/v1": f"https://user:{MASK}@host.test/v1",
        '{"api_key": "abcdefghijkl"}': f'{{"api_key": "{MASK}"}}',
        "nothing to hide: 8.2% and ^GSPC": "nothing to hide: 8.2% and ^GSPC",
    }
    for raw, expected in cases.items():
        assert expected in redact(raw), raw


ORDINARY = [
    "https://www.cnbc.com/2026/03/05/micron-nvidia-fall-after-sk-hynix-plunges-nearly-15percent.html",
    "sk-hynix",
    "SK hynix (sk-hynix) and Samsung: sk-hynix-samsung-2026-hbm-capex-outlook",
    "task-management",
    "risk-on, risk-off and a desk-top-sized ask-price",
    "**sk-hynix** led the KOSPI",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_with_sk_survives_unchanged(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    "key",
    [
        FAKE_KEY,
        "sk-" + "T3BlbkFJ" * 6,  # legacy: sk- and 48 letters and digits
        "sk-proj-" + "aB3_dE5-gH7jK9mN1pQ3sT5vX7zA9cE1gI3kM5oQ7sU9wY1",
        "sk-ant-api03-" + "Zx9" * 30,
        "sk-0123456789abcdef0123456789abcdef",  # sk- and 32 hex digits
        "sk-" + "AbCdEfGhIjKlMnOpQrStUvWx",  # 24 letters, mixed case
        "sk-proj-" + "*" * 40 + "Ab1c",  # OpenAI's masked echo
        "sk-abc***xyz",
    ],
)
def test_key_shapes_are_masked_whole(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("assistant.redact._SECRETS", set())  # the shape alone, not a known key
    assert redact(f"key {key}, then text") == f"key sk-{MASK}, then text"


def test_a_news_url_in_the_library_listing_is_shown_whole(capsys: Capsys, tmp_path: Path) -> None:
    url = ORDINARY[0]
    note = tmp_path / "hynix.md"
    note.write_text(
        f"---\ntitle: Micron and Nvidia fall after SK hynix plunges\nurl: {url}\n---\n\n"
        "Memory chip makers fell sharply as SK hynix shares dropped nearly 15%.\n"
    )
    assert run_cli(capsys, "ingest", str(note)).exit_code == 0
    listed = run_cli(capsys, "library", "ls", "--json").json()
    assert [row["url"] for row in listed] == [url]
    shown = run_cli(capsys, "library", "show", listed[0]["id"]).stdout
    assert f"url: {url}" in shown


def test_log_records_are_redacted_whatever_the_logger(
    keyed: Path, caplog: pytest.LogCaptureFixture
) -> None:
    load_settings()  # registers the key
    install_log_redaction()
    with caplog.at_level(logging.INFO):
        logging.getLogger("httpx").warning("Authorization: Bearer %s", FAKE_KEY)
        try:
            raise RuntimeError(f"endpoint said: bad key {FAKE_KEY}")
        except RuntimeError:
            logging.getLogger("openai._base_client").exception("request failed")
    assert len(caplog.records) == 2
    assert_no_secret([caplog.text, *(r.getMessage() for r in caplog.records)])


def test_an_llm_endpoint_echoing_the_key_leaks_nothing(
    keyed: Path, rejecting: LoopbackOpenAI, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", rejecting.base_url)
    as_json = run_cli(capsys, "ask", QUESTION, "--as-of", "2026-01-23", "--json")
    as_text = run_cli(capsys, "ask", QUESTION, "--as-of", "2026-01-23")
    assert as_json.exit_code == as_text.exit_code == 0, as_json.stderr
    assert as_json.json()["mode"] == "offline"
    assert any("HTTP 401" in f["message"] for f in as_json.json()["flags"])
    assert len(rejecting.requests) == 2  # the key really was sent, and really echoed
    assert assert_no_secret([*outputs(as_json, as_text), keyed]) > 2


def test_answers_and_notices_carry_no_key(keyed: Path, rejecting: LoopbackOpenAI) -> None:
    settings = load_settings(openai_base_url=rejecting.base_url)
    helper = Assistant(settings, market=FakeMarket(), index=FakeIndex())
    events = list(helper.stream(QUESTION, as_of=AS_OF))
    answer = events[-1].answer  # type: ignore[union-attr]
    shown = [e.message for e in events if isinstance(e, Notice)]
    assert shown and answer.mode == "offline"
    assert_no_secret([*shown, answer.model_dump_json(), render_markdown(answer), repr(settings)])
    assert_no_secret(json.dumps(answer_json(answer), ensure_ascii=False))


def test_a_working_llm_run_leaves_no_key_behind(
    keyed: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    with LoopbackOpenAI([text(ZH_ANSWER)]) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        result = run_cli(capsys, "ask", QUESTION, "--as-of", "2026-01-23", "--json")
    assert result.exit_code == 0 and result.json()["mode"] == "llm"
    assert_no_secret([*outputs(result), keyed])


def test_an_embedding_endpoint_echoing_the_key_is_one_clean_line(
    keyed: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    body = json.dumps({"error": {"message": ECHO.format(key=FAKE_KEY)}}).encode()
    note = tmp_path / "note.md"
    note.write_text("# Note\n\nSmall caps rallied 3% as yields fell.\n")
    with serve(lambda method, path, data: (401, "application/json", body)) as base:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{base}/v1")
        monkeypatch.setenv("MARKETBRIEF_EMBEDDING", "openai")
        result = run_cli(capsys, "ingest", str(note))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "embedding endpoint" in result.stderr and "AuthenticationError" in result.stderr
    assert_no_secret([*outputs(result), keyed])


def test_a_url_with_a_key_in_it_is_masked_in_the_error_line(keyed: Path, capsys: Capsys) -> None:
    url = f"http://127.0.0.1:9/feed.xml?api_key={FAKE_KEY}&q=1"
    result = run_cli(capsys, "ingest", url, "--allow-private")
    assert result.exit_code == 2 and "refused or unreachable" in result.stderr
    assert f"api_key={MASK}" in result.stderr
    assert_no_secret([*outputs(result), keyed])


def test_an_internal_error_quoting_the_key_is_masked(
    keyed: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.cli import app

    def broken() -> dict[str, object]:
        raise RuntimeError(f"connection to https://api.test failed with key {FAKE_KEY}")

    monkeypatch.setattr(app, "load_settings", lambda: type("S", (), {"describe": broken})())
    result = run_cli(capsys, "config")
    assert result.exit_code == 1 and result.stderr.startswith("error: internal error")
    assert_no_secret(outputs(result))


def test_config_shows_only_whether_a_key_is_set(
    keyed: Path, capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", f"https://user:{FAKE_KEY}@llm.example/v1")
    as_json = run_cli(capsys, "config", "--json")
    as_table = run_cli(capsys, "config")
    assert as_json.json()["openai_api_key"] == "set"
    assert_no_secret(outputs(as_json, as_table))


def test_a_saved_conversation_keeps_no_key(
    keyed: Path, rejecting: LoopbackOpenAI, tmp_path: Path
) -> None:
    from assistant.conversation.history import HistoryStore

    settings = load_settings(openai_base_url=rejecting.base_url)
    answer = Assistant(settings, market=FakeMarket(), index=FakeIndex()).ask(QUESTION, as_of=AS_OF)
    assert any("HTTP 401" in f.message for f in answer.flags)
    store = HistoryStore(tmp_path / "history.sqlite3")
    saved = store.get(store.add_turn(None, answer))
    assert saved is not None
    assert_no_secret([tmp_path, repr(saved)])


def test_a_research_brief_and_its_exports_keep_no_key(
    keyed: Path, rejecting: LoopbackOpenAI, capsys: Capsys, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    monkeypatch.setenv("OPENAI_BASE_URL", rejecting.base_url)
    results = [
        run_cli(capsys, "research", "小盘股2026年前景", "--auto-accept", "--as-of", "2026-01-23",
                "--out", str(tmp_path / f"brief.{suffix}"))
        for suffix in ("md", "html")
    ]  # fmt: skip
    assert [r.exit_code for r in results] == [0, 0], results[0].stderr
    assert len(rejecting.requests) >= 1  # the key was sent, and echoed back
    assert_no_secret([*outputs(*results), tmp_path, keyed])


def test_a_research_brief_as_pdf_keeps_no_key(
    keyed: Path, rejecting: LoopbackOpenAI, capsys: Capsys, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    """The PDF's text is compressed in the file, so it is read back too."""
    import pypdf

    require_cjk_font()  # the brief is Chinese
    monkeypatch.setenv("OPENAI_BASE_URL", rejecting.base_url)
    out = tmp_path / "brief.pdf"
    result = run_cli(capsys, "research", "小盘股2026年前景", "--auto-accept", "--as-of",
                     "2026-01-23", "--out", str(out))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    written = "".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "2026" in written and len(rejecting.requests) >= 1
    assert_no_secret([*outputs(result), written, tmp_path, keyed])


def test_a_key_pasted_into_a_question_is_not_kept_in_the_answer(keyed: Path) -> None:
    helper = Assistant(load_settings(), market=FakeMarket(), index=FakeIndex())
    answer = helper.ask(
        f"罗素2000年初至今表现如何? my key is {FAKE_KEY}", as_of=AS_OF, offline=True
    )
    assert_no_secret([answer.model_dump_json(), render_markdown(answer)])


def test_a_tool_error_quoting_the_key_reaches_the_model_masked(keyed: Path) -> None:
    from ingest.errors import EmbeddingFailed

    class EchoingIndex(FakeIndex):
        def search(self, *args: object, **kwargs: object) -> list[object]:
            raise EmbeddingFailed(f"the embedding endpoint failed: {ECHO.format(key=FAKE_KEY)}")

    search = ("search_commentary", {"query": "罗素2000"})
    with LoopbackOpenAI([tool_calls(search), text(ZH_ANSWER)]) as server:
        settings = load_settings(openai_base_url=server.base_url)
        answer = Assistant(settings, market=FakeMarket(), index=EchoingIndex()).ask(
            QUESTION, as_of=AS_OF
        )
    tool_reply = server.requests[1]["messages"][-1]["content"]
    assert "error from search_commentary" in tool_reply and MASK in tool_reply
    assert_no_secret([json.dumps(server.requests), answer.model_dump_json()])

"""The Chroma server is down, or goes away mid-session: one clear line, and answers still come.

CLI: one line on stderr and exit 2. Assistant: a notice saying the library cannot be searched,
and an answer written from the market data anyway.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answer.model import Answer
from assistant.answer.render import render_markdown
from assistant.engine import Assistant
from assistant.settings import load_settings
from benchmarks.harness.chroma_server import ChromaServer, free_port
from benchmarks.harness.paths import FIXTURES
from ingest.embeddings import LocalHashEmbedder
from ingest.errors import StoreUnavailable
from ingest.index import Index
from ingest.pipeline import ingest_sources
from tests.cli_runner import run_cli
from tests.unit.assistant.fakes import AS_OF, FakeMarket

pytestmark = pytest.mark.integration
QUESTION = "罗素2000指数年初至今是否跑赢标普500?"
Capsys = pytest.CaptureFixture[str]


def notices(answer: Answer) -> str:
    return " ".join(f.message for f in answer.flags if f.kind == "notice")


def test_a_server_that_is_down_is_one_line_for_every_library_command(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()  # nothing listens here
    monkeypatch.setenv("MARKETBRIEF_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("MARKETBRIEF_CHROMA_PORT", str(port))
    monkeypatch.setenv("MARKETBRIEF_NETWORK_TIMEOUT_S", "2")
    expected = f"error: Chroma server at 127.0.0.1:{port} is not answering\n"
    for args in (["ingest", str(FIXTURES / "ingest" / "article.md")], ["search", "small caps"],
                 ["library", "ls"], ["library", "show", "abc123"]):  # fmt: skip
        result = run_cli(capsys, *args)
        assert (result.exit_code, result.stderr) == (2, expected), args


def test_the_assistant_answers_from_market_data_when_the_server_is_down(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(chroma_host="127.0.0.1", chroma_port=free_port(), network_timeout_s=2)
    answer = Assistant(settings, market=FakeMarket()).ask(QUESTION, as_of=AS_OF)
    assert "is not answering" in notices(answer)
    assert "7.54%" in answer.sections[0].text  # the figures are there all the same
    assert [r.kind for r in answer.references] == ["market_data"]


def test_a_server_that_goes_away_mid_session(chroma: ChromaServer, tmp_path: Path) -> None:
    index = Index.open(
        tmp_path / "library",
        embedder=LocalHashEmbedder(),
        chroma_host=chroma.host,
        chroma_port=chroma.port,
        timeout_s=2,
        workers=0,
    )
    try:
        assert ingest_sources([str(FIXTURES / "ingest")], index).added >= 10
        helper = Assistant(load_settings(), market=FakeMarket(), index=index)
        answered = render_markdown(helper.ask(QUESTION, as_of=AS_OF))
        assert "[1]" in answered  # the library answers
        chroma.stop()

        with pytest.raises(StoreUnavailable) as searched:
            index.search("regional banks", k=3)
        message = str(searched.value)
        assert message.startswith(f"Chroma server at {chroma.host}:{chroma.port} failed")
        assert "is it running?" in message and "\n" not in message
        fresh = tmp_path / "fresh.md"
        fresh.write_text("# Fresh\n\nSmall caps rallied 2% as yields fell this week.\n")
        with pytest.raises(StoreUnavailable):
            ingest_sources([str(fresh)], index)
        assert "Fresh" not in {a.title for a in index.list_articles()}

        answer = helper.ask(QUESTION, as_of=AS_OF)
        assert f"{chroma.host}:{chroma.port}" in notices(answer)
        assert "7.54%" in answer.sections[0].text
    finally:
        index.close()

"""The CLI starts light: `--help` imports no command module, `library ls` reads the catalog
alone, and no command loads a heavy library it does not use. Checked by import, never by time
(benchmarks/bench_cli.py has the timings)."""

from __future__ import annotations

import os
from pathlib import Path

import click
import pytest

from assistant import services
from assistant.cli import COMMAND_HELP, COMMAND_MODULES, cli
from assistant.datadir import default_home, plain_home
from assistant.settings import load_settings
from benchmarks.startup import environment, heavy_modules
from tests.cli_runner import run_cli

Capsys = pytest.CaptureFixture[str]


def test_the_help_table_is_each_commands_own_short_help() -> None:
    ctx = click.Context(cli)
    assert list(COMMAND_HELP) == list(COMMAND_MODULES)
    for name in COMMAND_MODULES:
        command = cli.get_command(ctx, name)
        assert command is not None and not command.hidden, name
        assert COMMAND_HELP[name] == command.get_short_help_str(limit=10_000), (
            f"update COMMAND_HELP[{name!r}] in assistant/cli/__init__.py"
        )


@pytest.mark.parametrize("width", [50, 80, 120])
def test_help_lists_the_commands_as_click_would_from_the_commands(width: int) -> None:
    ctx = click.Context(cli, terminal_width=width)
    ours, reference = ctx.make_formatter(), ctx.make_formatter()
    cli.format_commands(ctx, ours)
    click.Group.format_commands(cli, ctx, reference)  # imports every command module
    assert ours.getvalue() == reference.getvalue()


@pytest.fixture
def library(capsys: Capsys) -> Path:
    """The test's data directory with one article in it (ingested in this process)."""
    fixture = Path(__file__).parents[1] / "fixtures" / "ingest" / "article.md"
    assert run_cli(capsys, "ingest", str(fixture)).exit_code == 0
    return Path(os.environ["MARKETBRIEF_HOME"])


@pytest.mark.parametrize(
    "args", [["--help"], ["library", "ls"], ["library", "ls", "--json"], ["library", "--help"]]
)
def test_help_and_library_ls_load_no_heavy_library(
    library: Path, tmp_path: Path, args: list[str]
) -> None:
    code, heavy, modules = heavy_modules(args, environment(library), tmp_path)
    assert code == 0
    assert heavy == []  # pandas, numpy, chromadb, langchain, streamlit
    assert "pydantic_settings" not in modules  # nothing but the home is set: no settings read
    if args == ["--help"]:
        assert [m for m in modules if m.startswith("assistant.cli.")] == []


def test_library_show_reads_the_catalog_alone(
    capsys: Capsys, library: Path, tmp_path: Path
) -> None:
    """Showing one article once opened Chroma and BM25: 3 s on the shared news, for one row."""
    [row] = run_cli(capsys, "library", "ls", "--json").json()
    code, heavy, _ = heavy_modules(
        ["library", "show", row["id"][:8]], environment(library), tmp_path
    )
    assert (code, heavy) == (0, [])


def test_search_and_offline_ask_load_no_llm_or_ui_library(library: Path, tmp_path: Path) -> None:
    env = environment(library)
    code, heavy, _ = heavy_modules(["search", "small caps"], env, tmp_path)
    assert (code, heavy) == (0, ["chromadb", "numpy"])  # the vectors, not pandas or LangChain
    code, heavy, _ = heavy_modules(["ask", "--offline", "How are small caps doing?"], env, tmp_path)
    assert code == 0
    assert not {"langchain", "langchain_core", "streamlit"} & set(heavy)


def test_the_plain_home_is_the_settings_home(monkeypatch: pytest.MonkeyPatch) -> None:
    assert plain_home() == load_settings().home  # the tests set MARKETBRIEF_HOME only
    monkeypatch.setenv("MARKETBRIEF_DEBUG", "1")  # not a setting
    assert plain_home() == load_settings().home
    monkeypatch.delenv("MARKETBRIEF_HOME")
    assert plain_home() == default_home() == load_settings().home


@pytest.mark.parametrize(
    "name",
    ["MARKETBRIEF_MODEL", "marketbrief_chroma_host", "MARKETBRIEF_COLLECTION", "OPENAI_API_KEY",
     "openai_base_url", "MarketBrief_Embedding"],
)  # fmt: skip
def test_any_other_setting_means_reading_the_settings(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv(name, "x")
    assert plain_home() is None


def test_a_dotenv_file_or_an_empty_home_means_reading_the_settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MARKETBRIEF_HOME", "")
    assert plain_home() is None
    monkeypatch.setenv("MARKETBRIEF_HOME", str(tmp_path))
    Path(".env").write_text("MARKETBRIEF_COLLECTION=other\n")
    assert plain_home() is None


def test_without_settings_the_services_open_what_the_settings_would(library: Path) -> None:
    settings = load_settings()
    plain, full = services.library_catalog(), services.library_catalog(settings)
    assert plain.where == full.where == str(library / "library" / "commentary.sqlite3")
    rows = plain.summary_rows()
    assert rows == full.summary_rows() != []
    plain.close()
    full.close()
    plain_index, full_index = services.commentary_index(), services.commentary_index(settings)
    assert plain_index.catalog.where == full_index.catalog.where
    assert plain_index.store.where == full_index.store.where == str(settings.chroma_dir)
    assert plain_index.embedder.name == full_index.embedder.name
    assert plain_index.list_articles() == full_index.list_articles()
    assert rows == [summary.model_dump() for summary in full_index.list_articles()]
    plain_index.close()
    full_index.close()

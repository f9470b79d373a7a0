"""The library commands as a person runs them: JSON keys, messages and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_runner import run_cli

Capsys = pytest.CaptureFixture[str]


def test_ingest_json_summary_and_idempotency(capsys: Capsys, fixtures: Path) -> None:
    first = run_cli(
        capsys, "ingest", str(fixtures / "article.md"), str(fixtures / "news.jsonl"), "--json"
    )
    assert first.exit_code == 0, first.stderr
    payload = first.json()
    assert {"added", "updated", "unchanged", "skipped"} <= payload.keys()
    assert (payload["added"], payload["updated"], payload["unchanged"]) == (4, 0, 0)
    jsonl = str(fixtures / "news.jsonl")
    assert {s["path"] for s in payload["skipped"]} == {f"{jsonl}:4", f"{jsonl}:5", f"{jsonl}:6"}
    assert all(set(s) == {"path", "reason"} for s in payload["skipped"])
    again = run_cli(capsys, "ingest", str(fixtures / "article.md"), "--json").json()
    assert (again["added"], again["unchanged"]) == (0, 1)


def test_ingest_human_summary(capsys: Capsys, fixtures: Path) -> None:
    result = run_cli(capsys, "ingest", str(fixtures / "feed.rss"))
    assert result.exit_code == 0
    assert "ingested: 2 added, 0 updated, 0 unchanged, 1 skipped" in result.stdout
    assert "feed.rss entry 3: entry has neither title nor text" in result.stdout
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_ingest_named_bad_inputs_exit_2_with_one_line(
    capsys: Capsys, fixtures: Path, tmp_path: Path
) -> None:
    (tmp_path / "x.csv").write_text("a,b")
    result = run_cli(
        capsys,
        "ingest",
        str(fixtures / "article.md"),
        "/no/such.md",
        str(tmp_path / "x.csv"),
        "--json",
    )
    assert result.exit_code == 2
    assert result.json()["added"] == 1  # the good input still went in
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        "error: could not ingest /no/such.md: no such file or directory; "
    )
    assert "unsupported file type .csv" in result.stderr


def test_ingest_max_size_option(capsys: Capsys, tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("Big. " * 300_000)  # 1.5 MB
    result = run_cli(capsys, "ingest", str(tmp_path), "--max-size", "1", "--json")
    assert result.exit_code == 0
    assert "larger than the 1,048,576-byte limit" in result.json()["skipped"][0]["reason"]


def test_chroma_server_down_is_one_line(capsys: Capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARKETBRIEF_CHROMA_HOST", "127.0.0.1")
    monkeypatch.setenv("MARKETBRIEF_CHROMA_PORT", "9")
    result = run_cli(capsys, "search", "anything")
    assert result.exit_code == 2
    assert result.stderr == "error: Chroma server at 127.0.0.1:9 is not answering\n"


def test_ingest_refused_url_exits_2(capsys: Capsys) -> None:
    result = run_cli(capsys, "ingest", "http://127.0.0.1:9/feed.xml", "--allow-private")
    assert result.exit_code == 2
    assert "refused or unreachable" in result.stderr and "Traceback" not in result.stderr


def test_encrypted_filings_are_ingested_and_searchable(capsys: Capsys, tmp_path: Path) -> None:
    from tests.unit.ingest.test_parsers import ENCRYPTIONS, FILING, encrypt_pdf, make_pdf

    folder = tmp_path / "filings"
    folder.mkdir()
    for algorithm in ENCRYPTIONS:
        text = f"{FILING} Encrypted with {algorithm}."
        (folder / f"{algorithm}.pdf").write_bytes(encrypt_pdf(make_pdf([text]), algorithm))
    locked = encrypt_pdf(make_pdf([FILING]), "AES-256", user_password="reader-secret")
    (folder / "locked.pdf").write_bytes(locked)
    result = run_cli(capsys, "ingest", str(folder), "--json")
    assert result.exit_code == 0, result.stderr
    payload = result.json()
    assert payload["added"] == len(ENCRYPTIONS)
    (skipped,) = payload["skipped"]
    assert skipped["path"] == str(folder / "locked.pdf")
    assert "needs a password" in skipped["reason"]
    hits = run_cli(capsys, "search", "net revenue rose", "--k", "10", "--json").json()
    found = " ".join(hit["text"] for hit in hits)
    for algorithm in ENCRYPTIONS:
        assert f"Encrypted with {algorithm}" in found


def test_a_named_pdf_that_needs_a_password_exits_2_saying_so(
    capsys: Capsys, tmp_path: Path
) -> None:
    from tests.unit.ingest.test_parsers import FILING, encrypt_pdf, make_pdf

    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypt_pdf(make_pdf([FILING]), "RC4-128", user_password="reader-secret"))
    result = run_cli(capsys, "ingest", str(locked))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: could not ingest {locked}: the PDF needs a password")
    assert result.stderr.count("\n") == 1


def test_ingest_folder_with_skips_exits_0(capsys: Capsys, tmp_path: Path, fixtures: Path) -> None:
    (tmp_path / "good.md").write_text((fixtures / "article.md").read_text())
    (tmp_path / "empty.txt").write_text("")
    result = run_cli(capsys, "ingest", str(tmp_path), "--json")
    assert result.exit_code == 0
    assert result.json()["skipped"] == [
        {"path": str(tmp_path / "empty.txt"), "reason": "empty file"}
    ]


def test_ls_show_rm(capsys: Capsys, fixtures: Path) -> None:
    run_cli(capsys, "ingest", str(fixtures / "seed_layout.txt"), str(fixtures / "article.md"))
    rows = run_cli(capsys, "library", "ls", "--json").json()
    assert [r["title"] for r in rows] == [
        "Regional banks and the small-cap trade",
        "2026年能源板块展望:油价与资本开支周期分析",
    ]
    assert {"id", "title", "published", "source", "tickers", "chunks"} <= rows[0].keys()
    assert rows[1]["tickers"] == ["XLE", "XOM"] and rows[1]["published"] == "2026-01-15"

    energy = rows[1]["id"]
    shown = run_cli(capsys, "library", "show", energy[:8], "--json")  # a unique prefix works
    assert shown.exit_code == 0
    article = shown.json()
    assert article["id"] == energy and article["chunks"] >= 1
    assert [r["n"] for r in article["references"]] == [0, 1, 2]
    human = run_cli(capsys, "library", "show", energy).stdout
    assert "## 风险与机遇 / 风险因素" in human and "[1] Example News" in human

    table = run_cli(capsys, "library", "ls").stdout
    assert "XLE" in table

    removed = run_cli(capsys, "library", "rm", energy)
    assert removed.exit_code == 0 and energy in removed.stdout
    assert len(run_cli(capsys, "library", "ls", "--json").json()) == 1
    again = run_cli(capsys, "library", "rm", energy)
    assert again.exit_code == 2 and again.stderr.startswith("error: no article")


def test_ls_shows_the_newest_screenful_and_says_how_many_more(
    capsys: Capsys, fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library of thousands of articles once took seconds to print in full: the table shows
    the newest few by default and says how to see them all; JSON (for scripts) lists all."""
    from assistant.cli import library

    run_cli(capsys, "ingest", str(fixtures / "seed_layout.txt"), str(fixtures / "article.md"))
    monkeypatch.setattr(library, "TABLE_ROWS", 1)
    table = run_cli(capsys, "library", "ls").stdout
    assert "XLE" not in table  # the older article's ticker (titles wrap in a narrow table)
    assert table.rstrip().endswith("the newest 1 of 2 articles: --limit 0 lists all")
    everything = run_cli(capsys, "library", "ls", "--limit", "0").stdout
    assert "XLE" in everything and "the newest" not in everything
    assert len(run_cli(capsys, "library", "ls", "--json").json()) == 2
    [newest] = run_cli(capsys, "library", "ls", "-n", "1", "--json").json()
    assert newest["title"] == "Regional banks and the small-cap trade"


def test_search_json_rows_and_filters(capsys: Capsys, fixtures: Path) -> None:
    run_cli(capsys, "ingest", str(fixtures))  # the whole fixture folder, distractors included
    result = run_cli(capsys, "search", "原油价格 资本开支", "--k", "3", "--json")
    assert result.exit_code == 0, result.stderr
    rows = result.json()
    assert len(rows) == 3
    assert {
        "article_id",
        "title",
        "published",
        "source",
        "section",
        "page",
        "text",
        "score",
    } <= rows[0].keys()
    assert rows[0]["title"] == "2026年能源板块展望:油价与资本开支周期分析"
    filtered = run_cli(
        capsys, "search", "small caps", "--ticker", "KRE", "--since", "2026-01-01", "--json"
    ).json()
    assert {r["title"] for r in filtered} == {"Regional banks and the small-cap trade"}
    human = run_cli(capsys, "search", "原油价格", "-k", "1").stdout
    unquoted = run_cli(capsys, "search", "原油价格", "资本开支", "--k", "3", "--json").json()
    assert unquoted == rows  # the words given, without quotes, are the query
    assert human.startswith("1. 2026年能源板块展望") and "Example Research" in human


def test_search_messages(capsys: Capsys, fixtures: Path) -> None:
    empty = run_cli(capsys, "search", "anything")
    assert empty.exit_code == 2
    assert (
        empty.stderr == "error: the library is empty: ingest files with `marketbrief ingest PATH`\n"
    )
    run_cli(capsys, "ingest", str(fixtures / "article.md"))
    none = run_cli(capsys, "search", "banks", "--ticker", "ZZZZ")
    assert none.exit_code == 0 and "no passage matches" in none.stdout
    assert run_cli(capsys, "search", "banks", "--ticker", "ZZZZ", "--json").json() == []
    bad = run_cli(capsys, "search", "banks", "--since", "yesterday")
    assert bad.exit_code == 2 and bad.stderr.startswith("error:") and bad.stderr.count("\n") == 1
    backwards = run_cli(capsys, "search", "banks", "--since", "2026-02-01", "--until", "2026-01-01")
    assert backwards.exit_code == 2 and "after" in backwards.stderr


def test_ls_on_an_empty_library(capsys: Capsys) -> None:
    result = run_cli(capsys, "library", "ls")
    assert result.exit_code == 0 and "the library is empty" in result.stdout
    assert run_cli(capsys, "library", "ls", "--json").json() == []


def test_reindex_and_embedding_mismatch(
    capsys: Capsys, fixtures: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.unit.ingest.servers import fake_embeddings, serve

    run_cli(capsys, "ingest", str(fixtures / "article.md"))
    with serve(fake_embeddings(dim=8)) as base:
        monkeypatch.setenv("MARKETBRIEF_EMBEDDING", "openai")
        monkeypatch.setenv("OPENAI_BASE_URL", f"{base}/v1")
        mismatch = run_cli(capsys, "search", "banks")
        assert mismatch.exit_code == 2
        assert "built with embedding local-hash-v1" in mismatch.stderr
        assert "marketbrief library reindex" in mismatch.stderr
        done = run_cli(capsys, "library", "reindex", "--json")
        assert done.exit_code == 0 and done.json() == {
            "articles": 1,
            "embedding": "openai:text-embedding-3-small",
        }
        assert (
            run_cli(capsys, "search", "banks", "--json")
            .json()[0]["title"]
            .startswith("Regional banks")
        )


def test_openai_embedding_without_an_endpoint_is_a_clear_error(
    capsys: Capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARKETBRIEF_EMBEDDING", "openai")
    result = run_cli(capsys, "library", "ls")
    assert result.exit_code == 2 and "OPENAI_API_KEY or OPENAI_BASE_URL" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["ingest"],
        ["search"],
        ["library"],
        ["library", "ls"],
        ["library", "show"],
        ["library", "rm"],
        ["library", "reindex"],
    ],
)
def test_every_command_has_help(capsys: Capsys, command: list[str]) -> None:
    result = run_cli(capsys, *command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.stdout

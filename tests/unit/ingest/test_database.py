"""The storage layer: migrations (versioned, adopting data directories from before them), the
shared database's setting, and a database that cannot be reached, as one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assistant.conversation.history import HistoryStore
from assistant.errors import ConfigError
from assistant.settings import load_settings
from benchmarks.harness.loopback import HOST, free_port
from ingest.database.engine import Database, DatabaseUnavailable
from ingest.database.migrate import HEADS, alembic_head, product_database
from tests.ui.test_history import answer as answer_for

# The product's file as every release before migrations made it (two of its tables).
_BEFORE_MIGRATIONS = """
CREATE TABLE conversations (id TEXT PRIMARY KEY, title TEXT NOT NULL, article_id TEXT,
    created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE TABLE conversation_turns (
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, question TEXT NOT NULL, answer_json TEXT NOT NULL,
    created TEXT NOT NULL, PRIMARY KEY (conversation_id, position));
"""


@pytest.mark.parametrize("history", ["catalog", "app"])
def test_the_known_heads_are_alembics(history: str) -> None:
    assert HEADS[history] == alembic_head(history)  # type: ignore[index]


def test_a_data_directory_from_before_migrations_is_adopted_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "marketbrief.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(_BEFORE_MIGRATIONS)
        saved = answer_for("罗素2000年初至今跑赢标普500了吗?")
        db.execute(
            "INSERT INTO conversations VALUES ('c1', 't', NULL, '2026-01-01T00:00:00+00:00', "
            "'2026-01-01T00:00:00+00:00')"
        )
        db.execute(
            "INSERT INTO conversation_turns VALUES ('c1', 0, ?, ?, '2026-01-01T00:00:00+00:00')",
            (saved.question, saved.model_dump_json()),
        )
    store = HistoryStore(path)  # migrates on open
    found = store.get("c1")
    assert found is not None and found.answers[0].question == saved.question
    with sqlite3.connect(path) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(research_runs)")}
        version = db.execute("SELECT version_num FROM alembic_version_app").fetchone()[0]
    assert {"owner", "state", "worker", "heartbeat", "attempts"} <= columns
    assert version == HEADS["app"]
    assert store.for_owner("someone@example.com").get("c1") is None  # not theirs


def test_a_shared_database_needs_a_chroma_server_and_a_postgres_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MARKETBRIEF_DATABASE_URL", "postgresql://team:s3cret@db.internal/mb")
    with pytest.raises(ConfigError, match="needs MARKETBRIEF_CHROMA_HOST"):
        load_settings()
    monkeypatch.setenv("MARKETBRIEF_CHROMA_HOST", "chroma.internal")
    settings = load_settings()
    assert settings.shared and settings.sign_in == "oidc"
    assert settings.app_database.startswith("postgresql+psycopg://")
    assert settings.describe()["database_url"] == "set"
    monkeypatch.setenv("MARKETBRIEF_AUTH", "local")
    with pytest.raises(ConfigError, match="requires sign-in"):
        load_settings()
    monkeypatch.delenv("MARKETBRIEF_AUTH")
    monkeypatch.setenv("MARKETBRIEF_DATABASE_URL", "mysql://team@db/mb")
    with pytest.raises(ConfigError, match="must be a PostgreSQL URL"):
        load_settings()


def test_an_unreachable_database_is_one_line_without_its_password() -> None:
    url = f"postgresql+psycopg://team:s3cret@{HOST}:{free_port()}/mb"
    with pytest.raises(DatabaseUnavailable) as raised:
        product_database(Database(url, "the marketbrief database"))
    message = str(raised.value)
    assert message.startswith(f"cannot read the marketbrief database at {HOST}:")
    assert "\n" not in message and "s3cret" not in message


@pytest.mark.parametrize("history", ["catalog", "app"])
def test_a_new_database_made_at_the_head_equals_one_migrated_there(
    history: str, tmp_path: Path
) -> None:
    """A new database is created from `schema` and stamped; an old one is migrated by Alembic:
    both must end with the same tables, columns and indexes."""
    from sqlalchemy import inspect

    from ingest.database import migrate as migrate_module
    from ingest.database.engine import sqlite_url

    def shape(database: Database) -> dict[str, object]:
        with database.read() as db:
            seen = inspect(db)
            return {
                name: (
                    sorted(
                        (c["name"], str(c["type"]), c["nullable"]) for c in seen.get_columns(name)
                    ),
                    sorted(i["name"] or "" for i in seen.get_indexes(name)),
                    seen.get_pk_constraint(name)["constrained_columns"],
                )
                for name in sorted(seen.get_table_names())
            }

    created = Database(sqlite_url(tmp_path / "created.sqlite3"), "created")
    migrate_module.migrate(created, history)  # type: ignore[arg-type]
    replayed = Database(sqlite_url(tmp_path / "replayed.sqlite3"), "replayed")
    with replayed.write() as connection:
        migrate_module._upgrade(connection, history)  # type: ignore[arg-type]
    assert shape(created) == shape(replayed)

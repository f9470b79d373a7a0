"""Schema migrations, versioned with Alembic and applied when a store opens its database.

Two histories (see `schema`): "catalog" and "app", each with its own version table, because
embedded they are two SQLite files and shared they are one PostgreSQL database. A database
already at the head is recognised with one query, without loading Alembic (a command that
opens the library starts faster). Migrating takes the database's write lock ("migrations"),
so processes starting together on several machines migrate it once, one after the other.

The first revision of each history creates only the tables that are missing: a data directory
from before migrations has them, with the same columns, and is thereby adopted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from sqlalchemy import Connection, inspect, text

from ingest.database.engine import Database, sqlite_url
from ingest.database.schema import APP, CATALOG

History = Literal["catalog", "app"]
# The newest revision of each history (a test holds them to Alembic's own heads).
HEADS: dict[History, str] = {"catalog": "c0001", "app": "a0003"}
_FOLDER = Path(__file__).parent / "migrations"
_METADATA = {"catalog": CATALOG, "app": APP}
_MIGRATED: set[tuple[str, History]] = set()  # shared databases this process found at the head


def version_table(history: History) -> str:
    return f"alembic_version_{history}"


def migrate(database: Database, history: History) -> None:
    """Bring `database` to the head of `history` (nothing to do is one query, once a
    process)."""
    # A file is checked every time (one local query): one deleted and made anew at the same
    # path is a new, empty database. A server's database is checked once per process.
    if (database.url, history) in _MIGRATED:
        return
    if _current(database, history) != HEADS[history]:
        with database.write(lock="migrations") as connection:
            if _version(connection, history) != HEADS[history]:  # another process may have
                if _empty(connection, history):
                    _create(connection, history)
                else:
                    _upgrade(connection, history)
    if database.shared:
        _MIGRATED.add((database.url, history))


def product_database(where: Path | Database) -> Database:
    """The product's own database (conversations, research, prices, what LLM mode learned),
    at the head of its schema: a SQLite file, or a shared Database."""
    if isinstance(where, Path):
        where.parent.mkdir(parents=True, exist_ok=True)
        where = Database(sqlite_url(where), "the marketbrief database")
    migrate(where, "app")
    return where


def _current(database: Database, history: History) -> str | None:
    with database.read() as connection:
        return _version(connection, history)


def _version(connection: Connection, history: History) -> str | None:
    table = version_table(history)
    if not inspect(connection).has_table(table):
        return None
    row = connection.execute(text(f"SELECT version_num FROM {table}")).first()
    return row[0] if row else None


def _empty(connection: Connection, history: History) -> bool:
    """None of this history's tables exist yet: a new data directory or database."""
    present = set(inspect(connection).get_table_names())
    return not present & set(_METADATA[history].tables)


def _create(connection: Connection, history: History) -> None:
    """A new database straight at the head, as Alembic's cookbook builds one from scratch:
    the tables as `schema` describes them, then the head stamped. It spares a first start
    loading Alembic and replaying every revision (a test holds both ways to the same tables)."""
    _METADATA[history].create_all(connection)
    table = version_table(history)
    connection.execute(text(f"CREATE TABLE {table} (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"))
    connection.execute(text(f"INSERT INTO {table} VALUES (:head)"), {"head": HEADS[history]})


def _upgrade(connection: Connection, history: History) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_FOLDER / history))
    config.set_main_option("version_table", version_table(history))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def alembic_head(history: History) -> str | None:
    """Alembic's own idea of the head (for the test that keeps HEADS true)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(_FOLDER / history))
    return ScriptDirectory.from_config(config).get_current_head()


def run_in_alembic() -> None:
    """The body of each history's env.py: migrate on the connection `migrate` handed over."""
    from alembic import context

    config = context.config
    context.configure(
        connection=config.attributes["connection"],
        version_table=config.get_main_option("version_table"),
        render_as_batch=True,  # SQLite alters a table by copying it
    )
    with context.begin_transaction():
        context.run_migrations()

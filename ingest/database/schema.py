"""Every table of the product, as SQLAlchemy Core tables: the one description the statements
and the migrations (`ingest/database/migrations`) are written against.

Two groups, each with its own migration history, because embedded they are two files: the
library catalog (one file per collection, `ingest.catalog`) and the product's own database
(conversations, research, prices, model memory: `<home>/marketbrief.sqlite3`). Shared, both
live in the one PostgreSQL database.

Times are ISO-8601 UTC text (as the embedded files have always stored them): they sort as
they compare, on both engines.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    text,
)

# -- the library catalog ----------------------------------------------------------------------

CATALOG = MetaData()

meta = Table(
    "meta",
    CATALOG,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)
articles = Table(
    "articles",
    CATALOG,
    Column("id", Text, primary_key=True),
    Column("digest", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("published", Integer),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("lang", Text, nullable=False),
    Column("tags", Text, nullable=False),
    Column("tickers", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("chunks", Integer, nullable=False),
    Column("updated_at", Text, nullable=False),
)
chunks = Table(
    "chunks",
    CATALOG,
    Column("id", Text, primary_key=True),
    Column("article_id", Text, nullable=False),
    Column("ordinal", Integer, nullable=False),
    Column("section", Text, nullable=False),
    Column("page", Integer),
    Column("text", Text, nullable=False),
    Column("tokens", Text, nullable=False),
    Index("chunks_by_article", "article_id", "ordinal"),
)
stale_vectors = Table("stale_vectors", CATALOG, Column("id", Text, primary_key=True))

# -- the product's database -------------------------------------------------------------------

APP = MetaData()
NO_OWNER = ""  # rows of the embedded app and the CLI: nobody signs in there

conversations = Table(
    "conversations",
    APP,
    Column("id", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("article_id", Text),
    Column("created", Text, nullable=False),
    Column("updated", Text, nullable=False),
    Column("owner", Text, nullable=False, server_default=text("''")),
    Index("conversations_updated", "updated"),
    Index("conversations_by_owner", "owner", "updated"),
)
conversation_turns = Table(
    "conversation_turns",
    APP,
    Column(
        "conversation_id",
        Text,
        ForeignKey("conversations.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("position", Integer, primary_key=True),
    Column("question", Text, nullable=False),
    Column("answer_json", Text, nullable=False),
    Column("created", Text, nullable=False),
)
research_briefs = Table(
    "research_briefs",
    APP,
    Column("id", Text, primary_key=True),
    Column("topic", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("as_of", Text, nullable=False),
    Column("mode", Text, nullable=False),
    Column("article_id", Text),
    Column("created", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("owner", Text, nullable=False, server_default=text("''")),
)
research_runs = Table(
    "research_runs",
    APP,
    Column("id", Text, primary_key=True),
    Column("topic", Text, nullable=False),
    Column("offline", Integer, nullable=False),
    Column("plan", Text, nullable=False),
    Column("progress", Text, nullable=False),
    Column("created", Text, nullable=False),
    Column("updated", Text, nullable=False),
    Column("owner", Text, nullable=False, server_default=text("''")),
    # the queue: "queued" until a worker claims it, then "running" with the worker's name and
    # a heartbeat it renews; a heartbeat gone stale lets another worker claim the run again
    Column("state", String(16), nullable=False, server_default=text("'done'")),
    Column("worker", Text),
    Column("heartbeat", Text),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Index("research_runs_queue", "state", "created"),
)
llm_models = Table(
    "llm_models",
    APP,
    Column("model", Text, primary_key=True),
    Column("rung", Text, primary_key=True),
    Column("failed_at", Float),  # seconds since the epoch
    Column("shape", Text),
)
prices = Table(
    "prices",
    APP,
    Column("symbol", Text, primary_key=True),
    Column("meta", Text, nullable=False),  # the symbol's metadata (tools.store.SymbolMeta)
    Column("frame", LargeBinary, nullable=False),  # its price frame, as Parquet bytes
    Column("version", Integer, nullable=False),  # moves on every write: caches compare it
)
# Watchlists (assistant/watch): what each owner watches, the briefs written on it, the articles
# those briefs already named (so "new since the last brief" is exact), and the schedule's state.
watch_items = Table(
    "watch_items",
    APP,
    Column("owner", Text, primary_key=True, server_default=text("''")),
    Column("kind", String(16), primary_key=True),  # symbol | topic | feed
    Column("value", Text, primary_key=True),
    Column("added", Text, nullable=False),
)
watch_briefs = Table(
    "watch_briefs",
    APP,
    Column("id", Text, primary_key=True),  # the saved research brief's id
    Column("owner", Text, nullable=False, server_default=text("''")),
    Column("created", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("language", Text, nullable=False),
    Column("new_articles", Integer, nullable=False),
    Column("feeds_ok", Integer, nullable=False),
    Column("feeds_failed", Integer, nullable=False),
    Column("nothing_new", Integer, nullable=False),
    Column("read", Text),  # when its owner opened it; NULL: unread
    Column("detail", Text, nullable=False),  # JSON: the feeds' results, the new articles
    Index("watch_briefs_by_owner", "owner", "created"),
)
watch_reported = Table(
    "watch_reported",
    APP,
    Column("owner", Text, primary_key=True, server_default=text("''")),
    Column("article_id", Text, primary_key=True),
    Column("brief_id", Text, nullable=False),
    Column("reported", Text, nullable=False),
)
watch_state = Table(
    "watch_state",
    APP,
    Column("owner", Text, primary_key=True, server_default=text("''")),
    Column("last_run", Text),  # when the last finished run started
    # the run under way: who holds it, until when (a holder that died lets it lapse)
    Column("holder", Text),
    Column("lease_until", Text),
)

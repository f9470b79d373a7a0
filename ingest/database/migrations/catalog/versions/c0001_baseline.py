"""The library catalog as it was before migrations: created where missing.

Revision ID: c0001
"""

import sqlalchemy as sa
from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "meta" not in present:
        op.create_table(
            "meta",
            sa.Column("key", sa.Text, primary_key=True),
            sa.Column("value", sa.Text, nullable=False),
        )
    if "articles" not in present:
        op.create_table(
            "articles",
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("digest", sa.Text, nullable=False),
            sa.Column("state", sa.Text, nullable=False),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("published", sa.Integer),
            sa.Column("source", sa.Text, nullable=False),
            sa.Column("url", sa.Text),
            sa.Column("lang", sa.Text, nullable=False),
            sa.Column("tags", sa.Text, nullable=False),
            sa.Column("tickers", sa.Text, nullable=False),
            sa.Column("body", sa.Text, nullable=False),
            sa.Column("chunks", sa.Integer, nullable=False),
            sa.Column("updated_at", sa.Text, nullable=False),
        )
    if "chunks" not in present:
        op.create_table(
            "chunks",
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("article_id", sa.Text, nullable=False),
            sa.Column("ordinal", sa.Integer, nullable=False),
            sa.Column("section", sa.Text, nullable=False),
            sa.Column("page", sa.Integer),
            sa.Column("text", sa.Text, nullable=False),
            sa.Column("tokens", sa.Text, nullable=False),
        )
        op.create_index("chunks_by_article", "chunks", ["article_id", "ordinal"])
    if "stale_vectors" not in present:
        op.create_table("stale_vectors", sa.Column("id", sa.Text, primary_key=True))

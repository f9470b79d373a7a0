"""Watchlists: the items each owner watches, the briefs written on them, the articles those
briefs named, and the schedule's state (last run, the lease of the run under way).

Revision ID: a0003
Revises: a0002
"""

import sqlalchemy as sa
from alembic import op

revision = "a0003"
down_revision = "a0002"
branch_labels = None
depends_on = None


def _owner(primary: bool) -> sa.Column:
    return sa.Column(
        "owner", sa.Text, primary_key=primary, nullable=False, server_default=sa.text("''")
    )


def upgrade() -> None:
    op.create_table(
        "watch_items",
        _owner(True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("value", sa.Text, primary_key=True),
        sa.Column("added", sa.Text, nullable=False),
    )
    op.create_table(
        "watch_briefs",
        sa.Column("id", sa.Text, primary_key=True),
        _owner(False),
        sa.Column("created", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("language", sa.Text, nullable=False),
        sa.Column("new_articles", sa.Integer, nullable=False),
        sa.Column("feeds_ok", sa.Integer, nullable=False),
        sa.Column("feeds_failed", sa.Integer, nullable=False),
        sa.Column("nothing_new", sa.Integer, nullable=False),
        sa.Column("read", sa.Text),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("watch_briefs_by_owner", "watch_briefs", ["owner", "created"])
    op.create_table(
        "watch_reported",
        _owner(True),
        sa.Column("article_id", sa.Text, primary_key=True),
        sa.Column("brief_id", sa.Text, nullable=False),
        sa.Column("reported", sa.Text, nullable=False),
    )
    op.create_table(
        "watch_state",
        _owner(True),
        sa.Column("last_run", sa.Text),
        sa.Column("holder", sa.Text),
        sa.Column("lease_until", sa.Text),
    )

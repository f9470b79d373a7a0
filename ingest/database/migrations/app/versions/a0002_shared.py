"""A deployment many people share: rows belong to their owner, research runs are a queue
workers claim, and prices live in the database.

Revision ID: a0002
Revises: a0001
"""

import sqlalchemy as sa
from alembic import op

revision = "a0002"
down_revision = "a0001"
branch_labels = None
depends_on = None


def _owner() -> sa.Column:
    return sa.Column("owner", sa.Text, nullable=False, server_default=sa.text("''"))


def upgrade() -> None:
    op.add_column("conversations", _owner())
    op.create_index("conversations_by_owner", "conversations", ["owner", "updated"])
    op.add_column("research_briefs", _owner())
    op.add_column("research_runs", _owner())
    # runs stored before the queue existed are settled ("done"); their progress says how
    op.add_column(
        "research_runs",
        sa.Column("state", sa.String(16), nullable=False, server_default=sa.text("'done'")),
    )
    op.add_column("research_runs", sa.Column("worker", sa.Text))
    op.add_column("research_runs", sa.Column("heartbeat", sa.Text))
    op.add_column(
        "research_runs",
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
    )
    op.create_index("research_runs_queue", "research_runs", ["state", "created"])
    op.create_table(
        "prices",
        sa.Column("symbol", sa.Text, primary_key=True),
        sa.Column("meta", sa.Text, nullable=False),
        sa.Column("frame", sa.LargeBinary, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )

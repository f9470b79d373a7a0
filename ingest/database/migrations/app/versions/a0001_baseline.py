"""The product's database as it was before migrations: created where missing.

Revision ID: a0001
"""

import sqlalchemy as sa
from alembic import op

revision = "a0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "conversations" not in present:
        op.create_table(
            "conversations",
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("article_id", sa.Text),
            sa.Column("created", sa.Text, nullable=False),
            sa.Column("updated", sa.Text, nullable=False),
        )
        op.create_index("conversations_updated", "conversations", ["updated"])
    if "conversation_turns" not in present:
        op.create_table(
            "conversation_turns",
            sa.Column(
                "conversation_id",
                sa.Text,
                sa.ForeignKey("conversations.id", ondelete="CASCADE"),
                primary_key=True,
            ),
            sa.Column("position", sa.Integer, primary_key=True),
            sa.Column("question", sa.Text, nullable=False),
            sa.Column("answer_json", sa.Text, nullable=False),
            sa.Column("created", sa.Text, nullable=False),
        )
    if "research_briefs" not in present:
        op.create_table(
            "research_briefs",
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("topic", sa.Text, nullable=False),
            sa.Column("title", sa.Text, nullable=False),
            sa.Column("language", sa.Text, nullable=False),
            sa.Column("as_of", sa.Text, nullable=False),
            sa.Column("mode", sa.Text, nullable=False),
            sa.Column("article_id", sa.Text),
            sa.Column("created", sa.Text, nullable=False),
            sa.Column("body", sa.Text, nullable=False),
        )
    if "research_runs" not in present:
        op.create_table(
            "research_runs",
            sa.Column("id", sa.Text, primary_key=True),
            sa.Column("topic", sa.Text, nullable=False),
            sa.Column("offline", sa.Integer, nullable=False),
            sa.Column("plan", sa.Text, nullable=False),
            sa.Column("progress", sa.Text, nullable=False),
            sa.Column("created", sa.Text, nullable=False),
            sa.Column("updated", sa.Text, nullable=False),
        )
    if "llm_models" not in present:
        op.create_table(
            "llm_models",
            sa.Column("model", sa.Text, primary_key=True),
            sa.Column("rung", sa.Text, primary_key=True),
            sa.Column("failed_at", sa.Float),
            sa.Column("shape", sa.Text),
        )

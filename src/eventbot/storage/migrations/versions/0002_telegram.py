"""Telegram: names, blocked identities and the last update handled; organisers' copies; counts.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("identities") as batch:
        batch.add_column(sa.Column("name", sa.String(length=200), nullable=True))
        batch.add_column(
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.text("true"))
        )
        batch.add_column(sa.Column("last_update_id", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("handoffs") as batch:
        batch.add_column(sa.Column("notice_chat_id", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("notice_message_id", sa.BigInteger(), nullable=True))
    op.create_table(
        "question_counts",
        sa.Column("event_id", sa.String(length=128), primary_key=True),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.Column("handed_off", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("question_counts")
    with op.batch_alter_table("handoffs") as batch:
        batch.drop_column("notice_message_id")
        batch.drop_column("notice_chat_id")
    with op.batch_alter_table("identities") as batch:
        batch.drop_column("last_update_id")
        batch.drop_column("active")
        batch.drop_column("name")

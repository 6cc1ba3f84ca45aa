"""Reminders and broadcasts: who asked for (or stopped) an event's reminders, the organisers'
announcements, and an attendee's own time zone.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("attendees", sa.Column("timezone", sa.String(length=64), nullable=True))
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "identity_id",
            sa.Integer(),
            sa.ForeignKey("identities.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("event_id", sa.String(length=128), nullable=False),
        sa.Column("moment", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("stopped_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("identity_id", "event_id", "moment"),
    )
    op.create_index("ix_subscriptions_identity_id", "subscriptions", ["identity_id"])
    op.create_index("ix_subscriptions_event_id", "subscriptions", ["event_id"])
    op.create_table(
        "broadcasts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.String(length=128), nullable=False),
        sa.Column("segment", sa.String(length=32), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_broadcasts_event_id", "broadcasts", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_broadcasts_event_id", table_name="broadcasts")
    op.drop_table("broadcasts")
    op.drop_index("ix_subscriptions_event_id", table_name="subscriptions")
    op.drop_index("ix_subscriptions_identity_id", table_name="subscriptions")
    op.drop_table("subscriptions")
    op.drop_column("attendees", "timezone")

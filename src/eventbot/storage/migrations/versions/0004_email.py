"""Email: the mails read from the contact mailbox, and how far each mailbox has been read.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbound_mails",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("mailbox", sa.String(length=400), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=True),
        sa.Column("sender", sa.String(length=320), nullable=True),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column(
            "identity_id",
            sa.Integer(),
            sa.ForeignKey("identities.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("mailbox", "uidvalidity", "uid"),
    )
    op.create_index("ix_inbound_mails_identity_id", "inbound_mails", ["identity_id"])
    op.create_index(
        "one_mail_per_message_id",
        "inbound_mails",
        ["message_id"],
        unique=True,
        sqlite_where=sa.text("message_id IS NOT NULL"),
        postgresql_where=sa.text("message_id IS NOT NULL"),
    )
    op.create_table(
        "mailbox_states",
        sa.Column("mailbox", sa.String(length=400), primary_key=True),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("mailbox_states")
    op.drop_index("one_mail_per_message_id", table_name="inbound_mails")
    op.drop_index("ix_inbound_mails_identity_id", table_name="inbound_mails")
    op.drop_table("inbound_mails")

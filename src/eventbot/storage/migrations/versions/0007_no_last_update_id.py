"""Telegram's duplicate check moved to `telegram_updates` (0006): an identity no longer keeps the
last update id it handled.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("identities") as batch:
        batch.drop_column("last_update_id")


def downgrade() -> None:
    with op.batch_alter_table("identities") as batch:
        batch.add_column(sa.Column("last_update_id", sa.BigInteger(), nullable=True))

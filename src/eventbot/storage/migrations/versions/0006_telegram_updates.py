"""Every Telegram update handled, by a key that survives Telegram renumbering its updates (the
update id with the message's date, or the callback query's id): the same update delivered twice
is answered once, whatever its kind.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "telegram_updates",
        sa.Column("key", sa.String(length=120), primary_key=True),
        sa.Column("received_at", sa.DateTime(), nullable=False),
    )
    op.create_index("telegram_updates_received", "telegram_updates", ["received_at"])


def downgrade() -> None:
    op.drop_index("telegram_updates_received", table_name="telegram_updates")
    op.drop_table("telegram_updates")

"""Alembic's environment: migrations run on the connection eventbot hands over."""

from alembic import context

from eventbot.storage.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run migrations through eventbot (Database.migrate), which provides the connection"
    )
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

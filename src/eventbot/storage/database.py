"""The database: SQLite by default, PostgreSQL by URL; sessions, migrations and per-event locks."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from ..errors import ConfigError

BUSY_TIMEOUT_MS = 30_000


def async_url(url: str) -> str:
    """The URL with an asyncio driver: sqlite+aiosqlite, postgresql+asyncpg."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"not a database URL: {url!r}") from exc
    driver = {
        "sqlite": "sqlite+aiosqlite",
        "postgresql": "postgresql+asyncpg",
        "postgres": "postgresql+asyncpg",
    }
    name = parsed.drivername
    if name in driver:
        parsed = parsed.set(drivername=driver[name])
    elif name not in driver.values():
        raise ConfigError(f"unsupported database {name!r}: use sqlite:///FILE or postgresql://...")
    return parsed.render_as_string(hide_password=False)


class Database:
    """An async engine and its sessions. SQLite runs in WAL mode; a write waits instead of failing."""

    def __init__(self, url: str) -> None:
        self.url = async_url(url)
        self.sqlite = self.url.startswith("sqlite")
        if self.sqlite:
            path = make_url(self.url).database
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.engine: AsyncEngine = create_async_engine(self.url, pool_pre_ping=not self.sqlite)
        if self.sqlite:
            _configure_sqlite(self.engine)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction, committed at the end or rolled back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    async def lock_event(self, session: AsyncSession, event_id: str) -> None:
        """Serialise the transactions that change one event's places (SQLite serialises all writes)."""
        if not self.sqlite:
            key = zlib.crc32(event_id.encode()) & 0x7FFFFFFF
            await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    async def migrate(self) -> None:
        """Bring the schema up to date with the migrations."""
        from .migrate import upgrade

        async with self.engine.begin() as connection:
            await connection.run_sync(upgrade)

    async def close(self) -> None:
        await self.engine.dispose()


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # take the write lock at the start: two transactions never both read, then both write
        connection.exec_driver_sql("BEGIN IMMEDIATE")

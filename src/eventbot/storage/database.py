"""The database: SQLite by default, PostgreSQL by URL; sessions, migrations and per-event locks."""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from ..errors import ConfigError, StorageError

BUSY_TIMEOUT_MS = 30_000
READING = "eventbot_reading"  # an execution option: the transaction only reads (see reading())
#: The newest migration's revision (each file is named after its revision: "0005_reminders.py").
HEAD = max(
    p.name.split("_")[0] for p in (Path(__file__).parent / "migrations/versions").glob("0*.py")
)


def async_url(url: str) -> str:
    """The URL with an asyncio driver: sqlite+aiosqlite, postgresql+asyncpg."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(
            "the database URL ([database] url or EVENTBOT_DATABASE_URL) is not a URL such as "
            "sqlite:///data/eventbot.db or postgresql://user:password@host/database"
        ) from exc
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
        path = make_url(self.url).database if self.sqlite else None
        #: the SQLite file, if the database is one (not one in memory)
        self.sqlite_file = path if path and path != ":memory:" else None
        if self.sqlite_file:
            try:
                Path(self.sqlite_file).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StorageError(
                    f"cannot create the folder of the SQLite database {self.sqlite_file}: "
                    f"{exc.strerror}; choose another [database] url or fix the permissions"
                ) from exc
        self.engine: AsyncEngine = create_async_engine(self.url, pool_pre_ping=not self.sqlite)
        if self.sqlite:
            _configure_sqlite(self.engine)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction, committed at the end or rolled back on error."""
        async with self.sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncConnection]:
        """A connection in a transaction that only reads. On SQLite it does not take the write
        lock (WAL lets writers go on while it reads); the transactions above always do."""
        async with self.engine.connect() as connection:
            await connection.execution_options(**{READING: True})
            async with connection.begin():
                yield connection

    async def lock_event(self, session: AsyncSession, event_id: str) -> None:
        """Serialise the transactions that change one event's places (SQLite serialises all writes)."""
        if not self.sqlite:
            key = zlib.crc32(event_id.encode()) & 0x7FFFFFFF
            await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    @property
    def shown(self) -> str:
        """The database's address as people may see it: never its password."""
        return describe(self.url)

    async def migrate(self) -> None:
        """Bring the schema up to date with the migrations; a database that cannot be opened
        is a StorageError saying why, in one sentence."""
        self._open_sqlite_file()
        try:
            async with self.engine.begin() as connection:
                if await self._revision(connection) == HEAD:
                    return  # up to date: Alembic (a fifth of a second to import) is not needed
                from .migrate import upgrade

                await connection.run_sync(upgrade)
        except (OSError, SQLAlchemyError, asyncpg.PostgresError) as exc:
            raise StorageError(why_unreachable(self.url, exc)) from exc

    def _open_sqlite_file(self) -> None:
        """Open the SQLite file once, here and at once: one that cannot be opened (a folder, no
        permission) is refused before aiosqlite tries, whose worker thread then outlives the
        connection and may report its end to an event loop already closed (aiosqlite#241)."""
        if self.sqlite_file is None:
            return
        try:
            sqlite3.connect(self.sqlite_file).close()
        except sqlite3.Error as exc:
            raise StorageError(why_unreachable(self.url, exc)) from exc

    @staticmethod
    async def _revision(connection: AsyncConnection) -> str | None:
        """The schema's revision, None before the first migration."""
        try:
            # a savepoint, so that PostgreSQL's transaction survives the table's absence
            async with connection.begin_nested():
                result = await connection.execute(text("SELECT version_num FROM alembic_version"))
        except SQLAlchemyError:
            return None
        return result.scalar()

    async def close(self) -> None:
        await self.engine.dispose()


def describe(url: str) -> str:
    """A database URL with its password hidden and the driver left out."""
    parsed = make_url(url)
    return parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=True)


def why_unreachable(url: str, exc: BaseException) -> str:
    """Why the database at `url` cannot be used, and what to do about it; no password in it."""
    parsed = make_url(url)
    cause = _root(exc)
    where = describe(url)
    if parsed.get_backend_name() == "sqlite":
        detail = str(cause).split("\n")[0]
        return (
            f"cannot open the SQLite database {parsed.database} ({detail}); check that the file "
            "and its folder are writable, or set [database] url / EVENTBOT_DATABASE_URL"
        )
    if isinstance(cause, asyncpg.InvalidCatalogNameError):
        return (
            f"the PostgreSQL database {parsed.database!r} does not exist at {where}; "
            f"create it (createdb {parsed.database}) or fix [database] url"
        )
    if isinstance(
        cause, asyncpg.InvalidPasswordError | asyncpg.InvalidAuthorizationSpecificationError
    ):
        return (
            f"PostgreSQL refused the user {parsed.username!r} or its password at {where}; "
            "check the user and password in [database] url / EVENTBOT_DATABASE_URL"
        )
    if isinstance(cause, OSError):
        return (
            f"nothing answers at {parsed.host or 'localhost'}:{parsed.port or 5432} "
            f"for {where}; is PostgreSQL running, and is the host right?"
        )
    detail = str(cause).split("\n")[0]
    if parsed.password:
        detail = detail.replace(str(parsed.password), "***")
    return f"cannot use the database {where}: {detail}"


def _root(exc: BaseException) -> BaseException:
    """The driver's own exception under SQLAlchemy's wrappers."""
    while True:
        inner = getattr(exc, "orig", None) or exc.__cause__
        if inner is None or inner is exc:
            return exc
        exc = inner


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        # take the write lock at the start: two transactions never both read, then both write;
        # a transaction that only reads (Database.reading) need not
        reading = connection.get_execution_options().get(READING, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def rowcount(result: Any) -> int:
    """Rows an UPDATE or DELETE matched (the attribute is on CursorResult, not Result's type)."""
    return int(getattr(result, "rowcount", 0) or 0)

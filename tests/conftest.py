"""Shared fixtures: the sample events, and event files written to a temporary folder."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
EVENTS_DIR = PROJECT / "events"
SAMPLE_IDS = ["causality-medicine-2023", "demystifying-ai-healthcare", "tai4h-2024"]


@pytest.fixture(scope="session", autouse=True)
def lexicons_kept_apart(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The lexicons a test run builds are kept in its own folder, not in the user's cache."""
    os.environ["EVENTBOT_CACHE"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def logging_restored() -> Iterator[None]:
    """`eventbot run` in process sets up logging to the standard error of its test; the next test
    starts without that handler, whose stream pytest has closed by then."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def events_dir() -> Path:
    """The project's folder of sample events (read only)."""
    return EVENTS_DIR


@pytest.fixture
def write_event(tmp_path: Path) -> Callable[..., Path]:
    """Write `text` to `<tmp>/<folder>/<name>.toml` and return the path."""

    def write(text: str, name: str = "demo", folder: str = "events") -> Path:
        directory = tmp_path / folder
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """No eventbot setting leaks in from the environment of whoever runs the tests."""
    for variable in (
        "EVENTBOT_CONFIG",
        "EVENTBOT_EVENTS_DIR",
        "EVENTBOT_LANGUAGE",
        "EVENTBOT_DATABASE_URL",
    ):
        monkeypatch.delenv(variable, raising=False)


# --- databases --------------------------------------------------------------------------------

POSTGRES_URL = os.environ.get("EVENTBOT_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file, or the PostgreSQL named by $EVENTBOT_TEST_POSTGRES_URL
    (which `.ci/run` starts) with its schema emptied."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'eventbot.db'}"
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must test PostgreSQL: set EVENTBOT_TEST_POSTGRES_URL (see .ci/run)")
        pytest.skip("PostgreSQL tests need EVENTBOT_TEST_POSTGRES_URL (see .ci/run)")
    asyncio.run(_empty_postgres(POSTGRES_URL))
    return POSTGRES_URL


async def _empty_postgres(url: str) -> None:
    from sqlalchemy import text

    from eventbot.storage.database import Database

    database = Database(url)
    async with database.engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await database.close()

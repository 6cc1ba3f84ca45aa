"""The parts built from the settings: events, database, assistant, the terminal's sender."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from .clock import Clock, FixedClock, SystemClock
from .config import Settings
from .conversation import Assistant, Sender
from .engine import Engine
from .errors import EventbotError
from .knowledge import Event, load_events
from .storage.database import Database


def events_of(settings: Settings, *, only: str | None = None) -> list[Event]:
    """The events of the knowledge base (refusing an invalid one), or just the one named."""
    events = load_events(settings.knowledge.events_dir)
    if only:
        chosen = [event for event in events if event.id == only]
        if not chosen:
            known = ", ".join(event.id for event in events)
            raise EventbotError(
                f"no event {only!r} in {settings.knowledge.events_dir} (known: {known})"
            )
        return chosen
    return events


@asynccontextmanager
async def open_database(settings: Settings) -> AsyncIterator[Database]:
    """The database, migrated to the current schema."""
    database = Database(settings.database.url)
    try:
        await database.migrate()
        yield database
    finally:
        await database.close()


@asynccontextmanager
async def open_assistant(
    settings: Settings, *, event: str | None = None, now: dt.datetime | None = None
) -> AsyncIterator[Assistant]:
    clock: Clock = FixedClock(now) if now else SystemClock()
    engine = Engine(events_of(settings, only=event), language=settings.engine.language)
    async with open_database(settings) as database:
        yield Assistant(
            engine,
            database,
            clock,
            offer_hold=dt.timedelta(hours=settings.registration.offer_hours),
            keep_erased_counts=settings.privacy.keep_erased_counts,
        )


def terminal_user() -> Sender:
    try:
        return Sender("terminal", getpass.getuser())
    except (KeyError, OSError):
        return Sender("terminal", "terminal")

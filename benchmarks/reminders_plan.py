"""Reminders planned for many subscribers: how long a planning run takes, and its peak memory.

    python benchmarks/reminders_plan.py [--subscribers 100000] [--postgres URL]

A fresh database (SQLite, or the PostgreSQL named, whose schema is emptied) holds that many
attendees, each subscribed by Telegram to every deadline of TAI4H 2024; the clock stands a day
before its camera-ready deadline, so each subscriber has reminders due within the planner's
horizon. Three runs: the first writes them all, the second finds nothing new (what every run
after a restart does), the third follows a moved date (cancels them and writes them anew).
Peak memory is Python's (tracemalloc) during each run; "longest write" is the longest
transaction that held the database's write lock (on SQLite every other writer, an attendee's
reply too, waits that long at most).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import time
import tracemalloc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession

from eventbot.knowledge import Event, load_events
from eventbot.outbox import Outbox
from eventbot.reminders.planner import Delivery, Planner, Steps
from eventbot.storage.database import Database
from eventbot.storage.models import Attendee, Identity, Subscription

ROOT = Path(__file__).resolve().parents[1]
EVENT = "tai4h-2024"
NOW = dt.datetime(2024, 6, 9, 12, tzinfo=dt.UTC)  # the camera-ready is due 10 June, AoE
CHUNK = 5000


async def subscribers(database: Database, count: int) -> None:
    now = dt.datetime.now(dt.UTC)
    for start in range(0, count, CHUNK):
        numbers = range(start, min(count, start + CHUNK))
        async with database.transaction() as session:
            ids = (
                await session.execute(
                    insert(Attendee).returning(Attendee.id), [{"created_at": now} for _ in numbers]
                )
            ).scalars()
            identities = [
                {
                    "attendee_id": attendee,
                    "channel": "telegram",
                    "address": str(7_000_000 + n),
                    "state": {},
                    "active": True,
                    "updated_at": now,
                }
                for attendee, n in zip(ids, numbers, strict=True)
            ]
            made = (
                await session.execute(insert(Identity).returning(Identity.id), identities)
            ).scalars()
            await session.execute(
                insert(Subscription),
                [
                    {"identity_id": i, "event_id": EVENT, "moment": "*", "created_at": now}
                    for i in made
                ],
            )


class Writes:
    """The database's write transactions, timed."""

    def __init__(self, database: Database) -> None:
        self.longest = 0.0
        self.transaction = database.transaction
        database.transaction = self.timed  # type: ignore[method-assign]

    @asynccontextmanager
    async def timed(self) -> AsyncIterator[AsyncSession]:
        started = time.perf_counter()
        async with self.transaction() as session:
            yield session
        self.longest = max(self.longest, time.perf_counter() - started)


async def timed(planner: Planner, event: Event, label: str) -> None:
    writes = Writes(planner.database)
    tracemalloc.start()
    started = time.perf_counter()
    result = await planner.plan([event], NOW)
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    planner.database.transaction = writes.transaction  # type: ignore[method-assign]
    assert result is not None
    print(
        f"  {label:<34} {seconds:6.2f} s, peak {peak / 2**20:6.1f} MiB, longest write "
        f"{writes.longest:5.2f} s: {result.written} written, {result.cancelled} cancelled"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--postgres", help="a PostgreSQL URL whose schema may be emptied")
    args = parser.parse_args()
    event = {e.id: e for e in load_events(ROOT / "events")}[EVENT]
    with TemporaryDirectory() as folder:
        url = args.postgres or f"sqlite:///{Path(folder) / 'plan.db'}"
        database = Database(url)
        if args.postgres:
            async with database.engine.begin() as connection:
                await connection.execute(text("DROP SCHEMA public CASCADE"))
                await connection.execute(text("CREATE SCHEMA public"))
        await database.migrate()
        started = time.perf_counter()
        await subscribers(database, args.subscribers)
        print(
            f"{args.subscribers:,} subscribers on {database.shown} "
            f"(made in {time.perf_counter() - started:.1f} s):"
        )
        planner = Planner(
            database, Outbox(database), Delivery(("telegram",)), steps=Steps(days=(7, 1))
        )
        await timed(planner, event, "first run: every reminder written")
        await timed(planner, event, "second run: nothing new")
        moved = [
            d.model_copy(update={"date": dt.date(2024, 6, 11)}) if d.kind == "camera_ready" else d
            for d in event.deadlines
        ]
        await timed(
            planner, event.model_copy(update={"deadlines": moved}), "third run: the date moved"
        )
        await database.close()


if __name__ == "__main__":
    asyncio.run(main())

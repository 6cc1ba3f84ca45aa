"""Registration at scale: conversations per second, and a 100,000-row CSV export.

    python benchmarks/registration_scale.py [--attendees 2000] [--rows 100000]

1. Whole registration conversations (register me, name, email, affiliation, fee category,
   confirm) through the assistant, the engine and the database, for many attendees at once:
   their messages are interleaved, up to 50 in flight. On SQLite (a file) and on PostgreSQL
   when $EVENTBOT_TEST_POSTGRES_URL names one (the schema there is emptied first).
2. Exporting 100,000 registrations to CSV with `eventbot registrations export`, in a process of
   its own: wall time and its peak memory, against the peak of the same command on 1,000 rows.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, text

from eventbot.clock import FixedClock
from eventbot.conversation import Assistant, Sender
from eventbot.engine import Engine
from eventbot.knowledge import load_events
from eventbot.storage.database import Database
from eventbot.storage.models import Attendee, Registration

ROOT = Path(__file__).resolve().parents[1]
EVENT = "nordic-health-ai-2027"
NOW = dt.datetime(2027, 2, 1, 10, tzinfo=dt.UTC)


async def empty(url: str) -> None:
    if not url.startswith("postgresql"):
        return
    database = Database(url)
    async with database.engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await database.close()


async def conversations(url: str, attendees: int, in_flight: int = 50) -> float:
    await empty(url)
    database = Database(url)
    await database.migrate()
    events = [
        event for event in load_events(ROOT / "tests" / "data" / "events") if event.id == EVENT
    ]
    unlimited = events[0].registration.model_copy(
        update={"capacity": None}
    )  # every attendee gets a place
    assistant = Assistant(
        Engine([events[0].model_copy(update={"registration": unlimited})]),
        database,
        FixedClock(NOW),
    )
    limit = asyncio.Semaphore(in_flight)

    async def attendee(i: int) -> None:
        sender = Sender("bench", f"attendee-{i}")
        async with limit:
            for text_ in (
                "register me for NordML4H",
                f"Attendee {i}",
                f"a{i}@example.org",
                "Uni",
                "student",
                "yes",
            ):
                await assistant.handle(sender, text_)
                await asyncio.sleep(0)  # let the others in: the messages interleave

    start = time.perf_counter()
    await asyncio.gather(*(attendee(i) for i in range(attendees)))
    elapsed = time.perf_counter() - start
    async with database.transaction() as session:
        stored = await session.scalar(
            text("SELECT count(*) FROM registrations WHERE status = 'confirmed'")
        )
    await database.close()
    assert stored == attendees, f"{stored} registrations stored for {attendees} attendees"
    return attendees / elapsed


async def fill(url: str, rows: int) -> None:
    await empty(url)
    database = Database(url)
    await database.migrate()
    async with database.transaction() as session:
        attendee = Attendee(created_at=NOW)
        session.add(attendee)
        await session.flush()
        batch = []
        for i in range(rows):
            answers = {
                "name": f"Zoë Müller {i}",
                "email": f"z{i}@example.org",
                "affiliation": 'Uni, "Clinic"',
                "fee_category": "Student",
            }
            batch.append(
                {
                    "reference": f"B-{i:08d}",
                    "event_id": EVENT,
                    "attendee_id": attendee.id,
                    "email": answers["email"],
                    "status": "confirmed",
                    "answers": answers,
                    "paid": False,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
            if len(batch) == 5000:
                await session.execute(insert(Registration), batch)
                batch = []
        if batch:
            await session.execute(insert(Registration), batch)
    await database.close()


def export(url: str, out: Path) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of `eventbot registrations export` in a process of its own."""
    environment = {
        **os.environ,
        "EVENTBOT_DATABASE_URL": url,
        "EVENTBOT_EVENTS_DIR": str(ROOT / "tests" / "data" / "events"),
    }
    command = [
        sys.executable,
        "-c",
        "import resource, sys; from eventbot.cli import main; code = main(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)",
        "registrations",
        "export",
        EVENT,
        "--csv",
        str(out),
    ]
    start = time.perf_counter()
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, int(done.stderr.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--attendees", type=int, default=2000)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"SQLite": f"sqlite:///{tmp}/conversations.db"}
        if os.environ.get("EVENTBOT_TEST_POSTGRES_URL"):
            urls["PostgreSQL"] = os.environ["EVENTBOT_TEST_POSTGRES_URL"]
        for name, url in urls.items():
            rate = asyncio.run(conversations(url, args.attendees))
            print(
                f"{name}: {args.attendees} registration conversations (6 messages each, 50 in flight): "
                f"{rate:.0f} completed per second"
            )
        for name, url in urls.items():
            peaks = {}
            for rows in (1000, args.rows):
                if name == "SQLite":
                    url = f"sqlite:///{tmp}/export-{rows}.db"
                asyncio.run(fill(url, rows))
                out = Path(tmp) / f"export-{rows}.csv"
                seconds, peak = export(url, out)
                peaks[rows] = peak
                lines = sum(1 for _ in out.open(encoding="utf-8-sig")) - 1
                assert lines == rows, f"{lines} rows exported of {rows}"
                print(
                    f"{name}: export of {rows} registrations to CSV: {seconds:.2f} s, peak memory "
                    f"{peak / 1024:.0f} MiB, file {out.stat().st_size / 1e6:.1f} MB"
                )
            print(
                f"{name}: peak memory grows by {(peaks[args.rows] - peaks[1000]) / 1024:.1f} MiB from 1,000 "
                f"to {args.rows:,} rows (streamed, not held)"
            )
    print(
        f"(benchmark process peak: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)"
    )


if __name__ == "__main__":
    main()

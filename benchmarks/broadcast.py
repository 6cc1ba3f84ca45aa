"""A broadcast to many recipients, end to end: written to the outbox, sent by the dispatcher.

    python benchmarks/broadcast.py [--recipients 10000] [--channel telegram|email|both]
                                   [--email-rate 500]

Telegram: the fake Bot API server (tests/fake_telegram.py) with Telegram's limits on (more than
30 messages in a second, or a second message to one chat within a second, is answered 429);
eventbot sends through the same bot and lane as `eventbot run`. The figure is messages a second
against the 30/s ceiling (goal: 95 % of it, no 429). Email: aiosmtpd (tests/mailservers.py), at
`--email-rate` a second (the lane's `send_per_second`). Both on a fresh SQLite database, with
that many registered attendees; the clock runs from the first send to the last outcome recorded.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from telegram.ext import ExtBot

from eventbot.app import broadcaster_for, email_lane
from eventbot.broadcasts import Broadcaster, Draft, Segment
from eventbot.channels.telegram.flood import ChatRateLimiter
from eventbot.channels.telegram.transport import telegram_lane
from eventbot.clock import SystemClock
from eventbot.config import Settings, TelegramSettings
from eventbot.knowledge import load_events
from eventbot.outbox import Dispatcher, Lane, Outbox
from eventbot.storage.database import Database
from eventbot.storage.models import Attendee, Identity, Registration

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from fake_telegram import FakeTelegram  # noqa: E402
from mailservers import SmtpServer  # noqa: E402

TOKEN = "123456:BROADCAST"
EVENT = "tai4h-2024"
TEXT = "Dear {name}, the programme of {event} is online. Your reference: {reference}."


async def registered(database: Database, count: int, channel: str) -> None:
    """`count` attendees registered for the event, on Telegram (a chat each) or by mail."""
    now = dt.datetime.now(dt.UTC)
    async with database.transaction() as session:
        attendees = [Attendee(created_at=now) for _ in range(count)]
        session.add_all(attendees)
        await session.flush()
        for number, attendee in enumerate(attendees):
            email = f"p{number:05d}@example.org"
            if channel == "telegram":
                session.add(
                    Identity(
                        attendee_id=attendee.id,
                        channel="telegram",
                        address=str(5_000_000 + number),
                        state={},
                        updated_at=now,
                    )
                )
            session.add(
                Registration(
                    reference=f"TAI4H-{number:06d}",
                    event_id=EVENT,
                    attendee_id=attendee.id,
                    email=email,
                    status="confirmed",
                    answers={"name": f"Person {number}", "email": email},
                    created_at=now,
                    updated_at=now,
                )
            )


async def broadcast(
    database: Database, settings: Settings, lanes: dict[str, Lane], channel: str
) -> tuple[Broadcaster, int, float, float]:
    """Write and send it; (broadcaster, its id, seconds writing, seconds sending)."""
    outbox = Outbox(database)
    broadcaster = broadcaster_for(database, settings, outbox, [channel])
    event = {e.id: e for e in load_events(ROOT / "events")}[EVENT]
    draft = Draft(event, Segment.REGISTERED, (channel,), TEXT)
    started = time.perf_counter()
    number = await broadcaster.create(draft, dt.datetime.now(dt.UTC))
    await broadcaster.write(number, {EVENT: event}, dt.datetime.now(dt.UTC))
    written = time.perf_counter()
    dispatcher = Dispatcher(outbox, SystemClock(), lanes)
    while not (await broadcaster.report(number)).settled:
        await dispatcher.drain()
    return broadcaster, number, written - started, time.perf_counter() - written


async def on_telegram(recipients: int, folder: Path) -> None:
    async with FakeTelegram(token=TOKEN, flood_limits=(30, 1), validate_markup=False) as server:
        database = Database(f"sqlite:///{folder / 'telegram.db'}")
        await database.migrate()
        await registered(database, recipients, "telegram")
        telegram = TelegramSettings(token=TOKEN, base_url=server.base_url)
        settings = Settings(telegram=telegram)
        bot = ExtBot(
            TOKEN,
            base_url=server.base_url,
            rate_limiter=ChatRateLimiter(
                per_chat_per_second=telegram.per_chat_per_second,
                overall_per_second=telegram.overall_per_second,
            ),
        )
        await bot.initialize()
        lanes = {"telegram": telegram_lane(bot, telegram, database)}
        broadcaster, number, writing, sending = await broadcast(
            database, settings, lanes, "telegram"
        )
        report = await broadcaster.report(number)
        await bot.shutdown()
        await database.close()
        sends = server.calls_to("sendMessage")
        statuses = Counter(call.status for call in sends)
        chats = Counter(str(call.params.get("chat_id")) for call in sends if call.status == 200)
        rate = statuses[200] / sending
        print(f"Telegram, {recipients} recipients, Telegram's limits on (30/s, 1/s a chat):")
        print(f"  written to the outbox in {writing:.2f} s ({recipients / writing:,.0f} rows/s)")
        print(f"  sent in {sending:.1f} s: {rate:.2f} messages/s = {100 * rate / 30:.1f} % of 30/s")
        print(f"  answers: {dict(statuses)} (429: {statuses[429]})")
        print(
            f"  report: {dict(report.tally())}; chats messaged twice: {sum(n > 1 for n in chats.values())}"
        )


async def by_email(recipients: int, rate: float, folder: Path) -> None:
    with SmtpServer() as smtp:
        database = Database(f"sqlite:///{folder / 'email.db'}")
        await database.migrate()
        await registered(database, recipients, "email")
        email = smtp.settings("tai4h@example.org", send_per_second=rate)
        settings = Settings(email=email)
        lane = email_lane(email, database)
        broadcaster, number, writing, sending = await broadcast(
            database, settings, {"email": lane}, "email"
        )
        report = await broadcaster.report(number)
        await lane.transport.close()  # type: ignore[attr-defined]
        await database.close()
        received = len(smtp.received)
        print(f"Email, {recipients} recipients, send_per_second = {rate:g}:")
        print(f"  written to the outbox in {writing:.2f} s ({recipients / writing:,.0f} rows/s)")
        print(f"  sent in {sending:.1f} s: {received / sending:.1f} mails/s ({received} received)")
        print(f"  report: {dict(report.tally())}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--channel", choices=["telegram", "email", "both"], default="both")
    parser.add_argument("--email-rate", type=float, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.channel in ("telegram", "both"):
            await on_telegram(args.recipients, Path(folder))
        if args.channel in ("email", "both"):
            await by_email(args.recipients, args.email_rate, Path(folder))


if __name__ == "__main__":
    asyncio.run(main())

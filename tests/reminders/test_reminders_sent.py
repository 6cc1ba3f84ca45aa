"""Reminders sent for real: planned into the outbox, sent by the dispatcher to a fake Bot API
server and a real SMTP server, with the clock pinned and advanced. Once at their time, once
across a restart, never to a chat that blocked the bot."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import Counter
from collections.abc import AsyncIterator
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from people import person, workshop
from sqlalchemy import select
from telegram import Bot

from eventbot.app import reminder_delivery
from eventbot.channels.email import EmailTransport
from eventbot.channels.telegram import TelegramTransport
from eventbot.config import Settings, WebSettings
from eventbot.outbox import Dispatcher, Lane, Outbox, OutboxStatus
from eventbot.reminders.planner import Planner, Steps
from eventbot.storage.database import Database
from eventbot.storage.models import Identity
from fake_telegram import FakeTelegram
from mailservers import SmtpServer

NOW = dt.datetime(2030, 5, 1, 12, tzinfo=dt.UTC)  # the camera-ready is on 20 May (Berlin)
WEEK_BEFORE = dt.datetime(2030, 5, 13, 21, 59, 30, tzinfo=dt.UTC)  # 23:59:30 in Berlin
DAY_BEFORE = dt.datetime(2030, 5, 19, 22, tzinfo=dt.UTC)


class Clock:
    def __init__(self, moment: dt.datetime) -> None:
        self.moment = moment

    def now(self) -> dt.datetime:
        return self.moment


class Running:
    """A planner and a dispatcher over one database, as `eventbot run` has them."""

    def __init__(self, database: Database, lanes: dict[str, Lane], settings: Settings) -> None:
        self.clock = Clock(NOW)
        outbox = Outbox(database)
        self.planner = Planner(
            database,
            outbox,
            reminder_delivery(settings, list(lanes)),
            steps=Steps(days=(7, 1)),
            horizon=dt.timedelta(hours=24),
        )
        self.dispatcher = Dispatcher(outbox, self.clock, lanes)

    async def at(self, moment: dt.datetime) -> int:
        """The clock at `moment`: plan, then send what is due; how many were sent."""
        self.clock.moment = moment
        await self.planner.plan([workshop()], moment)
        return await self.dispatcher.drain()


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    db = Database(f"sqlite:///{tmp_path / 'eventbot.db'}")
    await db.migrate()
    yield db
    await db.close()


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


def telegram_lane(server: FakeTelegram, database: Database) -> Lane:
    async def blocked(address: str) -> None:
        async with database.transaction() as session:
            identity = await session.scalar(select(Identity).where(Identity.address == address))
            assert identity is not None
            identity.active = False

    bot = Bot(server.token, base_url=server.base_url)
    return Lane(TelegramTransport(bot, blocked=blocked), 30.0)


async def test_a_reminder_goes_out_once_at_its_time_and_once_across_a_restart(
    database: Database, telegram: FakeTelegram
) -> None:
    await person(database, telegram="4242", registered="ada@example.org")
    lanes = {"telegram": telegram_lane(telegram, database)}
    running = Running(database, lanes, Settings())
    assert await running.at(NOW) == 0
    assert await running.at(WEEK_BEFORE - dt.timedelta(minutes=1)) == 0
    assert await running.at(WEEK_BEFORE + dt.timedelta(minutes=1)) == 1
    [text] = telegram.sent_texts(4242)
    assert "Camera-ready deadline is Monday 20 May 2030, 23:59 CEST" in text
    assert "in 7 days" in text and "stop reminders" in text
    assert await running.at(WEEK_BEFORE + dt.timedelta(minutes=6)) == 0
    again = Running(database, lanes, Settings())  # a restart: a new process, the same database
    assert await again.at(WEEK_BEFORE + dt.timedelta(minutes=11)) == 0
    assert len(telegram.sent_texts(4242)) == 1


async def test_after_downtime_the_latest_reminder_goes_out_late_and_the_rest_are_missed(
    database: Database, telegram: FakeTelegram
) -> None:
    await person(database, telegram="4242", registered="ada@example.org")
    running = Running(database, {"telegram": telegram_lane(telegram, database)}, Settings())
    await running.at(WEEK_BEFORE - dt.timedelta(hours=2))  # planned, then the process stopped
    back = DAY_BEFORE + dt.timedelta(hours=3)  # both reminders' times passed while down
    assert await running.at(back) == 1
    [text] = telegram.sent_texts(4242)
    assert "tomorrow" in text or "in 21 hours" in text
    outbox = Outbox(database)
    counts = await outbox.counts()
    assert counts[OutboxStatus.SENT] == 1


async def test_a_chat_that_blocked_the_bot_is_marked_inactive_and_not_tried_again(
    database: Database, telegram: FakeTelegram
) -> None:
    await person(database, telegram="4242", registered="ada@example.org")
    telegram.block_chat(4242)
    running = Running(database, {"telegram": telegram_lane(telegram, database)}, Settings())
    assert await running.at(WEEK_BEFORE + dt.timedelta(minutes=1)) == 0
    [failure] = await Outbox(database).failures()
    assert failure.error == "the attendee blocked the bot"
    async with database.transaction() as session:
        assert await session.scalar(select(Identity.active)) is False
    assert await running.at(DAY_BEFORE + dt.timedelta(minutes=1)) == 0
    assert len(telegram.calls_to("sendMessage")) == 1  # not tried again


async def test_the_reminder_before_the_event_carries_its_calendar(
    database: Database, telegram: FakeTelegram
) -> None:
    await person(database, telegram="4242", registered="ada@example.org")
    running = Running(database, {"telegram": telegram_lane(telegram, database)}, Settings())
    day_before_event = dt.datetime(2030, 6, 9, 7, 30, tzinfo=dt.UTC)  # starts 10 June, 09:00
    assert await running.at(day_before_event) == 1
    [text] = telegram.sent_texts(4242)
    assert "RW 2030 starts in 24 hours — Monday 10 June 2030, from 09:00 CEST" in text
    assert "Where: Hall 2, Delft, Netherlands." in text
    [document] = telegram.calls_to("sendDocument")
    filename, data = document.files["document"]
    assert filename == "rw-2030.ics" and b"BEGIN:VCALENDAR" in data


async def test_an_email_reminder_has_list_unsubscribe_and_one_click(database: Database) -> None:
    await person(database, email="bo@example.org", registered="bo@example.org")
    with SmtpServer() as smtp:
        email = smtp.settings("rw@example.org")
        web = WebSettings(base_url="https://bot.example.org", secret="s" * 32)
        settings = Settings(email=email, web=web)
        transport = EmailTransport(email)
        running = Running(database, {"email": Lane(transport, 10.0)}, settings)
        try:
            assert await running.at(WEEK_BEFORE + dt.timedelta(minutes=1)) == 1
            [received] = smtp.wait_for(1)
        finally:
            await transport.close()
    mail: Message = message_from_bytes(received.data)
    assert mail["Subject"] == "Reminder: Camera-ready deadline, RW 2030 in 7 days"
    unsubscribe = mail["List-Unsubscribe"]
    assert "<https://bot.example.org/unsubscribe?" in unsubscribe
    assert "<mailto:rw@example.org?subject=stop%20reminders>" in unsubscribe
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body: Any = mail.get_payload()[0].get_payload(decode=True).decode()
    assert "To stop these reminders: https://bot.example.org/unsubscribe?" in body


async def test_two_processes_on_one_database_send_each_reminder_once(
    database_url: str, telegram: FakeTelegram
) -> None:
    """Two `eventbot run`s (each its own engine, planner and dispatcher) on one database, at
    the same moments: the planning is done by one at a time, each reminder sent once."""
    first, second = Database(database_url), Database(database_url)
    await first.migrate()
    try:
        for number in range(20):
            await person(first, telegram=str(6000 + number), registered=f"p{number}@example.org")
        runs = [
            Running(db, {"telegram": telegram_lane(telegram, db)}, Settings())
            for db in (first, second)
        ]
        for moment in (WEEK_BEFORE + dt.timedelta(minutes=1), DAY_BEFORE + dt.timedelta(minutes=1)):
            await asyncio.gather(*(run.at(moment) for run in runs))
        sent = Counter(call.chat_id for call in telegram.calls_to("sendMessage"))
        assert sent == {6000 + number: 2 for number in range(20)}
    finally:
        await first.close()
        await second.close()

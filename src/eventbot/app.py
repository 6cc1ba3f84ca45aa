"""The parts built from the settings: events, database, assistant, the terminal's sender."""

from __future__ import annotations

import asyncio
import datetime as dt
import getpass
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from .clock import Clock, FixedClock, SystemClock
from .config import EmailSettings, Settings
from .errors import ConfigError, EventbotError
from .knowledge import Event, load_events

log = logging.getLogger(__name__)

if TYPE_CHECKING:  # the database and the assistant are imported when first needed: a command
    # that only reads the events (`eventbot ask`) starts without them
    from .broadcasts import Broadcaster
    from .conversation import Assistant, Sender
    from .organisers import Inbox
    from .outbox import Lane, Outbox
    from .reminders.planner import Delivery
    from .reminders.timer import ReminderTimer
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
    from .storage.database import Database

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
    from .conversation import Assistant
    from .engine import Engine

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
    from .conversation import Sender

    try:
        return Sender("terminal", getpass.getuser())
    except (KeyError, OSError):
        return Sender("terminal", "terminal")


def inbox_for(assistant: Assistant, settings: Settings) -> Inbox:
    """The organisers' inbox, able to send answers on every channel that can take them from
    the outbox (the mailbox when email is configured)."""
    from .organisers import Inbox

    inbox = Inbox(assistant.database, assistant.clock)
    if settings.email is not None:
        from .channels.email.delivery import MailDelivery
        from .outbox import Outbox

        delivery = MailDelivery(
            settings.email,
            Outbox(assistant.database),
            assistant.engine.phrases,
            assistant.engine.events,
        )
        inbox.deliver["email"] = delivery.answer
    return inbox


def email_lane(settings: EmailSettings, database: Database) -> Lane:
    """The outbox's lane to the SMTP server; an address the server refuses (5xx) is marked
    undeliverable."""
    from .channels.email import EmailTransport
    from .conversation import Sender
    from .conversation.assistant import mark_inactive
    from .outbox import Lane

    async def undeliverable(address: str) -> None:
        await mark_inactive(database, Sender("email", address))

    # one at a time: the SMTP connection takes one mail at a time anyway, and a crash can then
    # leave at most the one mail in flight sent but not recorded (it goes again, same Message-ID)
    transport = EmailTransport(settings, undeliverable=undeliverable)
    return Lane(transport, settings.send_per_second, concurrency=1)


def reminder_timer(
    assistant: Assistant,
    settings: Settings,
    broadcaster: Broadcaster,
    *,
    planned: Callable[[], None] = lambda: None,
) -> ReminderTimer:
    """The planner of the events' reminders, on the broadcaster's channels and outbox, and the
    timer that runs it and finishes the broadcasts a stopped process left half-written."""
    from .reminders.planner import Planner, Steps
    from .reminders.timer import ReminderTimer

    reminders = settings.reminders
    planner = Planner(
        assistant.database,
        broadcaster.outbox,
        broadcaster.delivery,
        steps=Steps(reminders.days_before, reminders.hours_before, reminders.offer_hours_before),
        horizon=dt.timedelta(hours=reminders.horizon_hours),
        language=settings.engine.language,
    )

    async def finish_broadcasts(now: dt.datetime) -> bool:
        wrote = False
        for number in await broadcaster.unfinished():
            try:
                await broadcaster.write(number, assistant.engine.events, now)
                wrote = True
            except EventbotError as exc:  # its event is no longer loaded
                log.warning("broadcast #%d cannot be finished: %s", number, exc)
        return wrote

    return ReminderTimer(
        planner,
        lambda: list(assistant.engine.events.values()),
        assistant.clock,
        every=reminders.plan_every_seconds,
        planned=planned,
        also=[finish_broadcasts],
    )


def broadcaster_for(
    database: Database, settings: Settings, outbox: Outbox, channels: list[str]
) -> Broadcaster:
    """Broadcasts (and, with the same delivery, reminders) on those of `channels` that can
    carry them."""
    from .broadcasts import Broadcaster
    from .reminders.planner import CHANNELS

    delivery = reminder_delivery(settings, [c for c in CHANNELS if c in channels])
    return Broadcaster(database, outbox, delivery, language=settings.engine.language)


def reminder_delivery(settings: Settings, channels: list[str]) -> Delivery:
    """How reminders and broadcasts go out on `channels`: by mail with List-Unsubscribe (a
    mailto to the contact mailbox, and RFC 8058 one-click when the web endpoint is public)."""
    from .reminders.planner import Delivery

    email = settings.email
    if email is None:
        return Delivery(tuple(c for c in channels if c != "email"))
    from urllib.parse import quote

    from .channels.email.writing import message_id
    from .reminders import unsubscribe

    web = settings.web

    def extras(channel: str, address: str, event: Event) -> dict[str, Any]:
        if channel != "email":
            return {}
        uris = [f"mailto:{email.address}?subject={quote('stop reminders')}"]
        found: dict[str, Any] = {"list_unsubscribe": uris, "one_click": False}
        if web.base_url and web.secret is not None:
            what = unsubscribe.Unsubscribe(channel, address, event.id)
            url = unsubscribe.link(web.base_url, web.secret.get_secret_value(), what)
            found["unsubscribe_url"] = url
            if url.startswith("https://"):  # List-Unsubscribe takes https: and mailto: only
                found.update(list_unsubscribe=[url, *uris], one_click=True)
        return found

    return Delivery(
        tuple(channels), extras=extras, message_id=lambda key: message_id(key, domain=email.domain)
    )


async def serve(assistant: Assistant, settings: Settings, stop: asyncio.Event) -> None:
    """Every configured channel, the organisers' inbox shared by them, and the dispatcher that
    sends the outbox, until `stop` is set; the first channel to fail stops the others."""
    from .outbox import Dispatcher, Outbox, RetryPolicy

    policy = RetryPolicy(
        delays=tuple(settings.outbox.retry_seconds), max_attempts=settings.outbox.max_attempts
    )
    outbox = Outbox(assistant.database, policy=policy)
    inbox = inbox_for(assistant, settings)
    lanes: dict[str, Lane] = {}
    runners: list[Coroutine[Any, Any, None]] = []
    dispatcher: Dispatcher | None = None
    telegram: TelegramChannel | None = None

    def queued() -> None:
        if dispatcher is not None:
            dispatcher.wake()
        if telegram is not None:
            telegram.wake()

    if settings.email is not None:
        from .channels.email import EmailChannel

        email = EmailChannel(assistant, settings.email, outbox, inbox=inbox, queued=queued)
        lanes["email"] = email_lane(settings.email, assistant.database)
        runners.append(email.run(stop))
    if settings.telegram.token is not None:
        from .channels.telegram import TelegramChannel

        # it sends the outbox's Telegram rows itself (replies, copies, reminders, broadcasts),
        # through its own bot, whose rate limiter keeps Telegram's limits for all of them
        telegram = TelegramChannel(
            assistant,
            settings.telegram,
            events_dir=settings.knowledge.events_dir,
            inbox=inbox,
            outbox=outbox,
            lease=dt.timedelta(seconds=settings.outbox.lease_seconds),
        )
        runners.append(telegram.run(stop))
    if not runners:
        raise ConfigError(
            "nothing to serve: set EVENTBOT_TELEGRAM_TOKEN for Telegram, or add an [email] "
            "table for the contact mailbox (see config.example.toml)"
        )
    lease = dt.timedelta(seconds=settings.outbox.lease_seconds)
    dispatcher = Dispatcher(outbox, assistant.clock, lanes, lease=lease)
    runners.append(dispatcher.run(stop))
    web = settings.web
    if web.base_url and web.secret is not None:  # the one-click unsubscribe links
        from .reminders.web import UnsubscribeEndpoint

        endpoint = UnsubscribeEndpoint(
            assistant.database,
            web.secret.get_secret_value(),
            assistant.engine.events,
            assistant.clock,
            listen=web.listen,
            port=web.port,
        )
        runners.append(endpoint.run(stop))
    channels = [*lanes, *(["telegram"] if telegram is not None else [])]
    broadcaster = broadcaster_for(assistant.database, settings, outbox, channels)
    runners.append(reminder_timer(assistant, settings, broadcaster, planned=queued).run(stop))
    if telegram is not None:  # organisers' /broadcast, on the same lanes
        telegram.broadcasts.broadcaster = broadcaster
        telegram.broadcasts.queued = queued
    tasks = [asyncio.create_task(runner) for runner in runners]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in done:
            task.result()  # a channel that could not start: its sentence
    finally:
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

"""The reminder planner: the reminders `plan.py` says are due, for whom, written to the outbox.

Each run looks `horizon` ahead and writes the reminders due before then, each keyed by what, for
whom, on which channel and for which moment (the moment's date is in the key): a second run, in
this process or another, writes nothing new. The queued reminders of an event that the run no
longer wants (a date moved, a registration cancelled, reminders stopped) are cancelled; a
reminder whose moment has passed is never sent (its `not_after`). On PostgreSQL one process
plans at a time (a session-level advisory lock, released when its connection goes).

A run never holds the database for long, which matters on SQLite, where a write holds every
other writer (an attendee's reply): it reads who gets what without the write lock, writes the
rows a chunk a transaction, then reads who gets what again and cancels, a chunk a transaction,
the queued rows no longer wanted. A stop that came in before that second reading wins there;
one that came in after it cancels the rows already written itself.

Who gets what: registered attendees (confirmed) get every deadline's reminder and the one before
the event; anyone who asked gets the event's deadlines ("*") or one moment's; someone offered a
freed place hears before the offer lapses. A stop ("*" or one moment) wins over all of these.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import AsyncIterator, Callable, Collection, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

from ..engine.phrasing import phrasebook
from ..knowledge import Event
from ..knowledge.calendar import event_calendar
from ..outbox import Outbox, OutboxStatus, Outgoing
from ..storage.database import Database, rowcount
from ..storage.models import Attendee, Identity, OutboxMessage, Registration, Status, Subscription
from . import plan
from .plan import Moment, MomentKind, Planned
from .reach import identities_of, reach
from .texts import Reminder, compose

KIND = "reminder"
LOCK = 7_411_500_201  # the planner's PostgreSQL advisory lock: any number, the same everywhere
LOCKING = text("SELECT pg_try_advisory_lock(:key)")
UNLOCKING = text("SELECT pg_advisory_unlock(:key)")
WRITE_CHUNK = 2000  # rows a transaction: other writers wait at most for one chunk
CHANNELS = ("telegram", "email")  # where a reminder can go, the preferred first


@dataclass
class Recipient:
    """Someone who may get an event's reminders, on one channel."""

    channel: str
    address: str
    identity_id: int | None = None
    language: str | None = None
    zone: str | None = None
    registered: bool = False
    wants: set[str] = field(default_factory=set)  # moments asked for; "*": every deadline
    stopped: set[str] = field(default_factory=set)  # moments stopped; "*": everything
    offers: list[Moment] = field(default_factory=list)  # places held for them

    def gets(self, moment: Moment) -> bool:
        if "*" in self.stopped or moment.key in self.stopped:
            return False
        if moment.kind is MomentKind.EVENT:
            return self.registered
        if moment.kind is MomentKind.OFFER:
            return moment in self.offers
        if moment.kind is MomentKind.REGISTRATION and self.registered:
            return False
        return self.registered or bool(self.wants & {"*", moment.key})


@dataclass(frozen=True)
class Delivery:
    """How a reminder becomes an outbox row on each channel: the payload's extra parts (an
    email's unsubscribe headers), and its Message-ID."""

    channels: tuple[str, ...]
    extras: Callable[[str, str, Event], dict[str, Any]] = lambda channel, address, event: {}
    message_id: Callable[[str], str | None] = lambda key: None

    def addressed(
        self, channel: str, address: str, event: Event
    ) -> tuple[dict[str, Any], str | None]:
        """The payload's extra parts for one recipient, and the link that unsubscribes them
        (None: they stop by replying)."""
        extras = self.extras(channel, address, event)
        return extras, extras.pop("unsubscribe_url", None)


@dataclass(frozen=True)
class Steps:
    """The settings' offsets: before each moment, and before an offer lapses."""

    days: Sequence[int] = (7, 1)
    hours: Sequence[int] = ()
    offer_hours: float = 12


@dataclass
class Planning:
    written: int = 0
    cancelled: int = 0


class Planner:
    """Plans the events' reminders into the outbox."""

    def __init__(
        self,
        database: Database,
        outbox: Outbox,
        delivery: Delivery,
        *,
        steps: Steps = Steps(),
        horizon: dt.timedelta = dt.timedelta(hours=24),
        language: str = "en",
    ) -> None:
        self.database = database
        self.outbox = outbox
        self.delivery = delivery
        self.steps = steps
        self.horizon = horizon
        self.language = language

    async def plan(self, events: Sequence[Event], now: dt.datetime) -> Planning | None:
        """Write the reminders due within the horizon, cancel those no longer wanted; None when
        another process is planning at this moment."""
        result = Planning()
        async with self._turn() as mine:
            if not mine:
                return None
            for event in events:
                written, cancelled = await self.plan_event(event, now)
                result.written += written
                result.cancelled += cancelled
        return result

    @asynccontextmanager
    async def _turn(self) -> AsyncIterator[bool]:
        """Whether this process may plan now: on PostgreSQL, while it holds the advisory lock."""
        if self.database.sqlite:
            yield True
            return
        async with self.database.engine.connect() as connection:
            mine = bool(await connection.scalar(LOCKING, {"key": LOCK}))
            await connection.commit()
            try:
                yield mine
            finally:
                if mine:
                    await connection.execute(UNLOCKING, {"key": LOCK})
                    await connection.commit()

    async def plan_event(self, event: Event, now: dt.datetime) -> tuple[int, int]:
        """One event's reminders: (written, cancelled)."""
        async with self.database.reading() as connection:
            wanted = await self._wanted(connection, event, now)
            written_before = await self._written(connection, event, wanted)
            unwanted = await self._unwanted(connection, event, wanted)
        calendar = (
            _calendar(event)
            if any(p.moment.kind is MomentKind.EVENT for p, _ in wanted.values())
            else None
        )
        texts: dict[tuple[str, str, str | None], Reminder] = {}
        closings: dict[str, str] = {}

        def rows() -> Iterator[Outgoing]:
            for key, (p, recipient) in wanted.items():
                if key in written_before:
                    continue
                language = recipient.language or self.language
                cache = (p.key, language, recipient.zone)
                if cache not in texts:
                    texts[cache] = self._compose(event, p, language, recipient.zone, now, calendar)
                extras, url = self.delivery.addressed(recipient.channel, recipient.address, event)
                if url:
                    closing = phrasebook(language).say("reminder_stop_link", url=url)
                else:
                    if language not in closings:
                        closings[language] = phrasebook(language).say("reminder_stop_reply")
                    closing = closings[language]
                yield self._row(event, p, recipient, key, texts[cache], closing, extras, calendar)

        written = 0
        pending = rows()
        while chunk := list(islice(pending, WRITE_CHUNK)):
            async with self.database.transaction() as session:
                written += await self.outbox.enqueue_many(session, chunk, now=now)
        if written:  # who gets what again: a stop that came in meanwhile wins over a row written
            async with self.database.reading() as connection:
                wanted = await self._wanted(connection, event, now)
                unwanted = await self._unwanted(connection, event, wanted)
        return written, await self._cancel(unwanted)

    async def _wanted(
        self, connection: AsyncConnection, event: Event, now: dt.datetime
    ) -> dict[str, tuple[Planned, Recipient]]:
        """The reminders due within the horizon, by key: which, and for whom."""
        until = now + self.horizon
        offsets = plan.offsets(event, days=self.steps.days, hours=self.steps.hours)
        planned = [p for p in plan.schedule(event, offsets, now) if p.due_at <= until]
        recipients = await self._recipients(connection, event, offers_only=not planned)
        offer_step = [dt.timedelta(hours=self.steps.offer_hours)]
        offers = [o for r in recipients for o in r.offers]
        planned += [p for p in plan.schedule_moments(offers, offer_step, now) if p.due_at <= until]
        return {
            f"{KIND}:{event.id}:{p.key}:{recipient.channel}:{recipient.address}": (p, recipient)
            for p in planned
            for recipient in recipients
            if recipient.gets(p.moment)
        }

    def _compose(
        self,
        event: Event,
        planned: Planned,
        language: str,
        zone: str | None,
        now: dt.datetime,
        calendar: str | None,
    ) -> Reminder:
        """The reminder's words in one language and zone; the event's says its file is attached."""
        phrases = phrasebook(language)
        reminder = compose(event, planned, phrases, now=now, zone=zone)
        if planned.moment.kind is MomentKind.EVENT and calendar is not None:
            text = f"{reminder.text}\n\n{phrases.say('reminder_calendar')}"
            reminder = Reminder(reminder.subject, text)
        return reminder

    def _row(
        self,
        event: Event,
        planned: Planned,
        recipient: Recipient,
        key: str,
        reminder: Reminder,
        closing: str,
        extras: dict[str, Any],
        calendar: str | None,
    ) -> Outgoing:
        payload: dict[str, Any] = {
            "text": f"{reminder.text}\n\n{closing}",
            "event": event.id,
            "moment": planned.moment.key,
            **extras,
        }
        if recipient.channel == "email":
            payload["subject"] = reminder.subject
        if planned.moment.kind is MomentKind.EVENT and calendar is not None:
            attachment = {"filename": f"{event.id}.ics", "content_type": "text/calendar"}
            payload["attachments"] = [{**attachment, "data": calendar}]
        return Outgoing(
            key=key,
            channel=recipient.channel,
            address=recipient.address,
            kind=KIND,
            payload=payload,
            due_at=planned.due_at,
            not_after=planned.moment.at,
            message_id=self.delivery.message_id(key) if recipient.channel == "email" else None,
            identity_id=recipient.identity_id,
        )

    async def _written(
        self,
        connection: AsyncConnection,
        event: Event,
        wanted: dict[str, tuple[Planned, Recipient]],
    ) -> set[str]:
        """The keys of these reminders already in the outbox (whatever became of them): a
        second planning neither composes nor writes them again."""
        found: set[str] = set()
        for key in {p.key for p, _ in wanted.values()}:
            keys = await connection.scalars(
                select(OutboxMessage.key).where(
                    OutboxMessage.key.startswith(f"{KIND}:{event.id}:{key}:", autoescape=True)
                )
            )
            found.update(keys)
        return found

    async def _unwanted(
        self, connection: AsyncConnection, event: Event, wanted: Collection[str]
    ) -> list[int]:
        """The event's queued reminders that are not `wanted`."""
        queued = await connection.execute(
            select(OutboxMessage.id, OutboxMessage.key).where(
                OutboxMessage.kind == KIND,
                OutboxMessage.status == OutboxStatus.QUEUED,
                OutboxMessage.key.startswith(f"{KIND}:{event.id}:", autoescape=True),
            )
        )
        return [row.id for row in queued if row.key not in wanted]

    async def _cancel(self, ids: Sequence[int]) -> int:
        """Cancel these rows, a chunk a transaction, unless they were sent meanwhile."""
        cancelled = 0
        for start in range(0, len(ids), WRITE_CHUNK):
            async with self.database.transaction() as session:
                result = await session.execute(
                    update(OutboxMessage)
                    .where(
                        OutboxMessage.id.in_(ids[start : start + WRITE_CHUNK]),
                        OutboxMessage.status == OutboxStatus.QUEUED,
                    )
                    .values(status=OutboxStatus.CANCELLED, last_error="no longer planned")
                    .execution_options(synchronize_session=False)
                )
                cancelled += rowcount(result)
        return cancelled

    # -- who --------------------------------------------------------------------------------

    async def _recipients(
        self, connection: AsyncConnection, event: Event, *, offers_only: bool = False
    ) -> list[Recipient]:
        """Everyone who may get the event's reminders, once per channel and address; with
        `offers_only` (no moment of the event is near), only those offered a place."""
        found: dict[tuple[str, str], Recipient] = {}

        def at(channel: str, address: str) -> Recipient:
            return found.setdefault((channel, address), Recipient(channel, address))

        live = (Status.OFFERED,) if offers_only else (Status.CONFIRMED, Status.OFFERED)
        await self._add_registered(connection, event, live, at)
        if not offers_only:
            await self._add_subscribers(connection, event, at)
        usable = set(self.delivery.channels)
        return [r for r in found.values() if r.channel in usable]

    async def _add_registered(
        self,
        connection: AsyncConnection,
        event: Event,
        live: Sequence[Status],
        at: Callable[[str, str], Recipient],
    ) -> None:
        """Confirmed attendees on their preferred channel (Telegram when they use it, else the
        email they registered with); those offered a place, with the offer."""
        registrations = (
            await connection.execute(
                select(
                    Registration.attendee_id,
                    Registration.email,
                    Registration.status,
                    Registration.reference,
                    Registration.answers,
                    Registration.offer_expires_at,
                    Attendee.timezone,
                )
                .join(Attendee, Attendee.id == Registration.attendee_id)
                .where(Registration.event_id == event.id, Registration.status.in_(live))
                .order_by(Registration.id)
            )
        ).all()
        if not registrations:
            return
        identities = await identities_of(connection, [r.attendee_id for r in registrations])
        for registration in registrations:
            mine = identities.get(registration.attendee_id, [])
            addressee = reach(mine, registration, self.delivery.channels)
            if addressee is None:
                continue
            recipient = at(addressee.channel, addressee.address)
            recipient.identity_id = addressee.identity_id or recipient.identity_id
            recipient.language = recipient.language or addressee.language
            recipient.zone = recipient.zone or registration.timezone
            if registration.status == Status.CONFIRMED:
                recipient.registered = True
            elif registration.offer_expires_at is not None:
                recipient.offers.append(
                    plan.offer(registration.reference, registration.offer_expires_at)
                )

    async def _add_subscribers(
        self, connection: AsyncConnection, event: Event, at: Callable[[str, str], Recipient]
    ) -> None:
        """Those who asked for reminders, or stopped them, on the identity they used."""
        rows = await connection.execute(
            select(
                Subscription.moment,
                Subscription.stopped_at,
                Identity.id,
                Identity.channel,
                Identity.address,
                Identity.state,
                Identity.active,
                Attendee.timezone,
            )
            .join(Identity, Identity.id == Subscription.identity_id)
            .join(Attendee, Attendee.id == Identity.attendee_id)
            .where(Subscription.event_id == event.id)
        )
        for row in rows:
            recipient = at(row.channel, row.address)
            recipient.identity_id = row.id
            recipient.language = _language(row.state) or recipient.language
            recipient.zone = row.timezone or recipient.zone
            if row.stopped_at is not None or not row.active:
                recipient.stopped.add(row.moment if row.active else "*")
            else:
                recipient.wants.add(row.moment)


def _calendar(event: Event) -> str | None:
    """The event's .ics, base64 as the outbox keeps attachments."""
    ics = event_calendar(event)
    return base64.b64encode(ics).decode("ascii") if ics is not None else None


def _language(state: dict[str, Any] | None) -> str | None:
    return (state or {}).get("language")

"""The registration desk: stores, changes and cancels registrations, and moves the waiting list.

Every method takes the session of the caller's transaction; one that changes an event's places
first locks the event, so that concurrent registrations never oversell it or double a row.
"""

from __future__ import annotations

import csv
import datetime as dt
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import AlreadyRegistered, EventFull, RegistrationError
from ..knowledge import Event
from ..storage.database import Database
from ..storage.models import (
    LIVE,
    Attendee,
    ErasedCount,
    Handoff,
    Identity,
    InboundMail,
    OutboxMessage,
    Registration,
    Status,
)
from .form import form_fields

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: references are read aloud and typed


HOLDS_PLACE = (Status.CONFIRMED, Status.OFFERED)


@dataclass(frozen=True)
class RegistrationDesk:
    database: Database
    events: dict[str, Event]
    offer_hold: dt.timedelta
    keep_erased_counts: bool = True  # what organisers keep of an erased attendee: a count per event

    async def register(
        self,
        session: AsyncSession,
        *,
        attendee_id: int,
        event: Event,
        answers: dict[str, str],
        now: dt.datetime,
        waitlist: bool,
    ) -> Registration:
        """A new registration, confirmed, or on the waiting list when the event is full."""
        await self.database.lock_event(session, event.id)
        await self.expire_offers(session, event.id, now)
        existing = await self.live(session, event.id, email=answers["email"])
        if existing is not None:
            raise AlreadyRegistered(existing)
        full = await self.is_full(session, event)
        if full and not waitlist:
            raise EventFull(f"{event.label} is full")
        status = Status.WAITLISTED if full or waitlist else Status.CONFIRMED
        for _ in range(5):
            row = Registration(
                reference=new_reference(event),
                event_id=event.id,
                attendee_id=attendee_id,
                email=answers["email"],
                status=status,
                answers=answers,
                paid=False,
                created_at=now,
                updated_at=now,
            )
            try:
                async with session.begin_nested():
                    session.add(row)
                    await session.flush()
                return row
            except IntegrityError:  # a reference drawn twice, or the same email at the same moment
                existing = await self.live(session, event.id, email=answers["email"])
                if existing is not None:
                    raise AlreadyRegistered(existing) from None
        raise RuntimeError("could not draw a free reference code")

    def capacity(self, event_id: str) -> int | None:
        event = self.events.get(event_id)
        return event.registration.capacity if event and event.registration else None

    async def is_full(self, session: AsyncSession, event: Event) -> bool:
        capacity = self.capacity(event.id)
        return (
            capacity is not None and await self._count(session, event.id, HOLDS_PLACE) >= capacity
        )

    async def update(
        self,
        session: AsyncSession,
        registration: Registration,
        answers: dict[str, str],
        now: dt.datetime,
    ) -> Registration:
        if answers.get("email") and answers["email"] != registration.email:
            other = await self.live(session, registration.event_id, email=answers["email"])
            if other is not None and other.id != registration.id:
                raise AlreadyRegistered(other)
            registration.email = answers["email"]
        registration.answers = {**registration.answers, **answers}
        registration.updated_at = now
        await session.flush()
        return registration

    async def cancel(
        self, session: AsyncSession, registration: Registration, now: dt.datetime
    ) -> Registration | None:
        """Cancel; a place it held is offered to the next person waiting, who is returned."""
        await self.database.lock_event(session, registration.event_id)
        held = registration.status in HOLDS_PLACE
        registration.status = Status.CANCELLED
        registration.updated_at = now
        await session.flush()
        return await self.offer_next(session, registration.event_id, now) if held else None

    async def mark_paid(
        self, session: AsyncSession, registration: Registration, now: dt.datetime
    ) -> None:
        """Record that the registration's fee is paid; a cancelled or expired one has nothing to pay."""
        if registration.status not in LIVE:
            raise RegistrationError(
                f"{registration.reference} is {registration.status}: there is nothing to pay"
            )
        registration.paid = True
        registration.updated_at = now

    async def offer_next(
        self, session: AsyncSession, event_id: str, now: dt.datetime
    ) -> Registration | None:
        """Offer a freed place to the first person waiting, held for `offer_hold`."""
        capacity = self.capacity(event_id)
        if capacity is None or await self._count(session, event_id, HOLDS_PLACE) >= capacity:
            return None
        waiting = (
            await session.scalars(
                select(Registration)
                .where(Registration.event_id == event_id, Registration.status == Status.WAITLISTED)
                .order_by(Registration.created_at, Registration.id)
                .limit(1)
            )
        ).first()
        if waiting is not None:
            waiting.status = Status.OFFERED
            waiting.offer_expires_at = now + self.offer_hold
            waiting.updated_at = now
            await session.flush()
        return waiting

    async def expire_offers(self, session: AsyncSession, event_id: str, now: dt.datetime) -> None:
        """Offers not taken in time lapse, and the place goes to the next person waiting."""
        lapsed = (
            await session.scalars(
                select(Registration).where(
                    Registration.event_id == event_id,
                    Registration.status == Status.OFFERED,
                    Registration.offer_expires_at < now,
                )
            )
        ).all()
        for registration in lapsed:
            registration.status = Status.EXPIRED
            registration.updated_at = now
            await session.flush()
            await self.offer_next(session, event_id, now)

    async def accept_offer(
        self, session: AsyncSession, registration: Registration, now: dt.datetime
    ) -> bool:
        await self.expire_offers(session, registration.event_id, now)
        if registration.status != Status.OFFERED:
            return False
        registration.status = Status.CONFIRMED
        registration.offer_expires_at = None
        registration.updated_at = now
        await session.flush()
        return True

    async def waitlist_position(self, session: AsyncSession, registration: Registration) -> int:
        ahead = await session.scalar(
            select(func.count())
            .select_from(Registration)
            .where(
                Registration.event_id == registration.event_id,
                Registration.status == Status.WAITLISTED,
                Registration.id < registration.id,
            )
        )
        return (ahead or 0) + 1

    async def live(
        self,
        session: AsyncSession,
        event_id: str,
        *,
        email: str | None = None,
        attendee_id: int | None = None,
    ) -> Registration | None:
        query = select(Registration).where(
            Registration.event_id == event_id, Registration.status.in_(LIVE)
        )
        if email is not None:
            query = query.where(Registration.email == email)
        if attendee_id is not None:
            query = query.where(Registration.attendee_id == attendee_id)
        return (await session.scalars(query.order_by(Registration.id).limit(1))).first()

    async def of_attendee(self, session: AsyncSession, attendee_id: int) -> list[Registration]:
        return list(
            (
                await session.scalars(
                    select(Registration)
                    .where(Registration.attendee_id == attendee_id)
                    .order_by(Registration.id)
                )
            ).all()
        )

    async def by_reference(self, session: AsyncSession, reference: str) -> Registration | None:
        return (
            await session.scalars(
                select(Registration).where(Registration.reference == reference.strip().upper())
            )
        ).first()

    async def forget(self, session: AsyncSession, attendee: Attendee, now: dt.datetime) -> None:
        """Erase the attendee: registrations (places freed, a count kept), identities, questions,
        the mails they wrote and every message to them still kept or waiting in the outbox."""
        for registration in await self.of_attendee(session, attendee.id):
            if registration.status in LIVE:
                await self.cancel(session, registration, now)
            if not self.keep_erased_counts:
                continue
            counted = await session.get(ErasedCount, registration.event_id)
            if counted is None:
                session.add(ErasedCount(event_id=registration.event_id, registrations=1))
            else:
                counted.registrations += 1
        identities = select(Identity.id).where(Identity.attendee_id == attendee.id)
        addresses = select(Identity.address).where(
            (Identity.attendee_id == attendee.id) & (Identity.channel == "email")
        )
        await session.execute(delete(Handoff).where(Handoff.identity_id.in_(identities)))
        await session.execute(
            delete(OutboxMessage).where(OutboxMessage.identity_id.in_(identities))
        )
        await session.execute(delete(InboundMail).where(InboundMail.sender.in_(addresses)))
        await session.delete(attendee)
        await session.flush()

    async def rows(self, session: AsyncSession, event_id: str) -> AsyncIterator[Registration]:
        """Every registration of an event, streamed from the database, oldest first."""
        result = await session.stream_scalars(
            select(Registration)
            .where(Registration.event_id == event_id)
            .order_by(Registration.id)
            .execution_options(yield_per=1000)
        )
        async for registration in result:
            yield registration

    async def export_csv(self, session: AsyncSession, event: Event, out: TextIO) -> int:
        """Write the event's registrations as CSV, one column per form field; returns the row count."""
        fields = [f.name for f in form_fields(event)]
        writer = csv.writer(out)
        writer.writerow(["reference", "status", "paid", "registered_at", *fields])
        count = 0
        async for r in self.rows(session, event.id):
            writer.writerow(
                [
                    r.reference,
                    r.status,
                    "yes" if r.paid else "no",
                    r.created_at.isoformat(),
                    *(_cell(r.answers.get(name, "")) for name in fields),
                ]
            )
            count += 1
        return count

    async def _count(
        self, session: AsyncSession, event_id: str, statuses: tuple[Status, ...]
    ) -> int:
        return (
            await session.scalar(
                select(func.count())
                .select_from(Registration)
                .where(Registration.event_id == event_id, Registration.status.in_(statuses))
            )
            or 0
        )


def _cell(value: str) -> str:
    """An attendee's answer made safe to open in a spreadsheet: "=1+1" is text, not a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def new_reference(event: Event) -> str:
    prefix = (event.acronyms[0] if event.acronyms else event.id.split("-")[0]).upper()[:8]
    return f"{prefix}-{''.join(secrets.choice(_ALPHABET) for _ in range(6))}"

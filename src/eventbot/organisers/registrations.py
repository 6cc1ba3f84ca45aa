"""The organisers' view of an event's registrations: list, export, mark paid, cancel."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy.ext.asyncio import AsyncSession

from ..clock import Clock
from ..errors import RegistrationError
from ..knowledge import Event
from ..registration.desk import LIVE, RegistrationDesk, Status
from ..registration.form import form_fields
from ..storage.database import Database
from ..storage.models import ErasedCount, Registration


@dataclass(frozen=True)
class Listing:
    """An event's registrations as organisers read them."""

    header: list[str]
    rows: list[list[str]]
    counts: dict[str, int]  # status -> count, in the order of Status, none at zero
    capacity: int | None
    erased: int  # registrations erased at the attendees' request


@dataclass(frozen=True)
class Entry:
    """One registration, after an organiser changed it."""

    reference: str
    name: str
    status: str


@dataclass(frozen=True)
class Cancelled:
    entry: Entry
    offered_to: Entry | None  # the next person waiting, offered the freed place
    offer_expires_at: dt.datetime | None


class RegistrationsOffice:
    """What organisers do with registrations, each in a transaction of its own."""

    def __init__(self, database: Database, desk: RegistrationDesk, clock: Clock) -> None:
        self.database = database
        self.desk = desk
        self.clock = clock

    async def listing(self, event: Event) -> Listing:
        fields = [f.name for f in form_fields(event)]
        counts: Counter[str] = Counter()
        rows = []
        async with self.database.transaction() as session:
            await self.desk.expire_offers(session, event.id, self.clock.now())
            async for r in self.desk.rows(session, event.id):
                counts[r.status] += 1
                paid = "yes" if r.paid else "no"
                rows.append([r.reference, r.status, paid, *(r.answers.get(f, "") for f in fields)])
            erased = await session.get(ErasedCount, event.id)
        return Listing(
            header=["reference", "status", "paid", *fields],
            rows=rows,
            counts={status: counts[status] for status in Status if counts[status]},
            capacity=event.registration.capacity if event.registration else None,
            erased=erased.registrations if erased else 0,
        )

    async def export_csv(self, event: Event, out: TextIO) -> int:
        """Write the event's registrations to `out` as CSV (streamed); returns the row count."""
        async with self.database.transaction() as session:
            return await self.desk.export_csv(session, event, out)

    async def mark_paid(self, reference: str) -> Entry:
        async with self.database.transaction() as session:
            registration = await self._find(session, reference)
            await self.desk.mark_paid(session, registration, self.clock.now())
            return _entry(registration)

    async def cancel(self, reference: str) -> Cancelled:
        """Cancel a registration; its place goes to the first person waiting."""
        async with self.database.transaction() as session:
            registration = await self._find(session, reference)
            if registration.status not in LIVE:
                raise RegistrationError(
                    f"{registration.reference} is already {registration.status}"
                )
            offered = await self.desk.cancel(session, registration, self.clock.now())
            return Cancelled(
                _entry(registration),
                _entry(offered) if offered else None,
                offered.offer_expires_at if offered else None,
            )

    async def _find(self, session: AsyncSession, reference: str) -> Registration:
        registration = await self.desk.by_reference(session, reference)
        if registration is None:
            raise RegistrationError(f"no registration with the reference {reference!r}")
        return registration


def _entry(registration: Registration) -> Entry:
    return Entry(registration.reference, registration.answers.get("name", ""), registration.status)


__all__ = ["Cancelled", "Entry", "Listing", "RegistrationsOffice", "Status"]

"""Who a broadcast goes to: a segment of an event's attendees, each once, on the first of the
chosen channels they can be reached on, without those who stopped the event's messages."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..reminders.reach import Addressee, identities_of, reach
from ..storage.models import Handoff, Identity, Registration, Status, Subscription


class Segment(StrEnum):
    REGISTERED = "registered"  # confirmed
    WAITING = "waiting"  # on the waiting list, or offered a freed place
    UNPAID = "unpaid"  # confirmed, fee not marked paid
    SUBSCRIBERS = "subscribers"  # asked for the event's reminders
    WRITERS = "writers"  # everyone who has written about the event


async def addressees(
    session: AsyncSession, event_id: str, segment: Segment, channels: Sequence[str]
) -> list[Addressee]:
    """The segment's recipients, in a stable order (oldest first)."""
    registrations = {
        row.attendee_id: row
        for row in await session.execute(
            select(
                Registration.attendee_id,
                Registration.email,
                Registration.reference,
                Registration.answers,
                Registration.status,
                Registration.paid,
            )
            .where(Registration.event_id == event_id)
            .order_by(Registration.id)
        )
    }
    wanted = await _attendees(session, event_id, segment, registrations)
    identities = await identities_of(session, wanted)
    stopped = await _stopped(session, event_id)
    found: list[Addressee] = []
    seen: set[tuple[str, str]] = set()
    for attendee_id in wanted:
        addressee = reach(identities.get(attendee_id, []), registrations.get(attendee_id), channels)
        if addressee is None:
            continue
        where = (addressee.channel, addressee.address)
        if where in stopped or where in seen:
            continue
        seen.add(where)
        found.append(addressee)
    return found


async def _attendees(
    session: AsyncSession, event_id: str, segment: Segment, registrations: dict[int, Any]
) -> list[int]:
    """The attendees of the segment, as ids, in order."""
    if segment is Segment.REGISTERED:
        return [a for a, r in registrations.items() if r.status == Status.CONFIRMED]
    if segment is Segment.UNPAID:
        return [a for a, r in registrations.items() if r.status == Status.CONFIRMED and not r.paid]
    if segment is Segment.WAITING:
        waiting = (Status.WAITLISTED, Status.OFFERED)
        return [a for a, r in registrations.items() if r.status in waiting]
    if segment is Segment.SUBSCRIBERS:
        rows = await session.scalars(
            select(Identity.attendee_id)
            .join(Subscription, Subscription.identity_id == Identity.id)
            .where(Subscription.event_id == event_id, Subscription.stopped_at.is_(None))
            .order_by(Subscription.id)
        )
        return list(dict.fromkeys(rows))
    # writers: a conversation about the event, a question handed off about it, a registration
    asked = await session.scalars(
        select(Identity.attendee_id)
        .join(Handoff, Handoff.identity_id == Identity.id)
        .where(Handoff.event_id == event_id)
    )
    talked = [
        row.attendee_id
        for row in await session.execute(
            select(Identity.attendee_id, Identity.state).order_by(Identity.id)
        )
        if (row.state or {}).get("event") == event_id
    ]
    return list(dict.fromkeys([*registrations, *asked, *talked]))


async def _stopped(session: AsyncSession, event_id: str) -> set[tuple[str, str]]:
    """Where the event's messages were stopped ("stop reminders", an unsubscribe link)."""
    rows = await session.execute(
        select(Identity.channel, Identity.address)
        .join(Subscription, Subscription.identity_id == Identity.id)
        .where(
            Subscription.event_id == event_id,
            Subscription.moment == "*",
            Subscription.stopped_at.is_not(None),
        )
    )
    return {(row.channel, row.address) for row in rows}

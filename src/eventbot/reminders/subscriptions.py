"""Who asked for reminders and who stopped them: rows of `subscriptions`, per identity.

Registered attendees get an event's reminders without a row; a row asks for all of an event's
deadlines ("*") or one moment's ("deadline:camera-ready"); a row with `stopped_at` stops them
("*": every reminder and broadcast of the event to that identity). Stopping also cancels what is
already queued, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..outbox import OutboxStatus
from ..storage.database import rowcount
from ..storage.models import Broadcast, Identity, OutboxMessage, Registration, Status, Subscription
from .planner import KIND

EVERYTHING = "*"
STOPPED = "stopped by the recipient"  # why their queued messages were cancelled


@dataclass(frozen=True)
class Wish:
    """What someone gets for an event: every deadline ("*") or one moment, or as registered."""

    event_id: str
    moment: str  # "*", a moment's key, or "registered"


async def subscribe(
    session: AsyncSession, identity_id: int, event_id: str, moment: str, now: dt.datetime
) -> None:
    """Ask for `moment`'s reminders ("*": every deadline's) of an event; a stop of them, or of
    everything, is lifted."""
    await session.execute(
        delete(Subscription).where(
            Subscription.identity_id == identity_id,
            Subscription.event_id == event_id,
            Subscription.moment.in_({moment, EVERYTHING}),
            Subscription.stopped_at.is_not(None),
        )
    )
    exists = await session.scalar(
        select(Subscription.id).where(
            Subscription.identity_id == identity_id,
            Subscription.event_id == event_id,
            Subscription.moment == moment,
        )
    )
    if exists is None:
        session.add(
            Subscription(identity_id=identity_id, event_id=event_id, moment=moment, created_at=now)
        )
        await session.flush()


async def wishes(session: AsyncSession, identity: Identity) -> list[Wish]:
    """What the identity gets: its subscriptions, and the events its attendee is registered for,
    less what it stopped."""
    rows = (
        await session.execute(
            select(Subscription.event_id, Subscription.moment, Subscription.stopped_at)
            .where(Subscription.identity_id == identity.id)
            .order_by(Subscription.id)
        )
    ).all()
    stopped = {row.event_id for row in rows if row.stopped_at and row.moment == EVERYTHING}
    found = [
        Wish(row.event_id, row.moment)
        for row in rows
        if row.stopped_at is None and row.event_id not in stopped
    ]
    registered = await session.scalars(
        select(Registration.event_id).where(
            Registration.attendee_id == identity.attendee_id,
            Registration.status == Status.CONFIRMED,
        )
    )
    for event_id in registered:
        if event_id not in stopped:
            found.insert(0, Wish(event_id, "registered"))
    return found


async def stop(
    session: AsyncSession, identity: Identity, event_ids: Sequence[str], now: dt.datetime
) -> int:
    """Stop every reminder and broadcast of these events to the identity (its address on its
    channel), and cancel those already queued; how many queued messages were cancelled."""
    for event_id in dict.fromkeys(event_ids):
        await session.execute(
            update(Subscription)
            .where(
                Subscription.identity_id == identity.id,
                Subscription.event_id == event_id,
                Subscription.stopped_at.is_(None),
            )
            .values(stopped_at=now)
            .execution_options(synchronize_session=False)
        )
        everything = await session.scalar(
            select(Subscription).where(
                Subscription.identity_id == identity.id,
                Subscription.event_id == event_id,
                Subscription.moment == EVERYTHING,
            )
        )
        if everything is None:
            session.add(
                Subscription(
                    identity_id=identity.id,
                    event_id=event_id,
                    moment=EVERYTHING,
                    created_at=now,
                    stopped_at=now,
                )
            )
    await session.flush()
    return await _cancel_queued(session, identity, event_ids)


async def _cancel_queued(
    session: AsyncSession, identity: Identity, event_ids: Sequence[str]
) -> int:
    mine = or_(
        OutboxMessage.identity_id == identity.id,
        and_(OutboxMessage.channel == identity.channel, OutboxMessage.address == identity.address),
    )
    of_events = or_(
        *(
            and_(
                OutboxMessage.kind == KIND,
                OutboxMessage.key.startswith(f"{KIND}:{e}:", autoescape=True),
            )
            for e in event_ids
        ),
        OutboxMessage.broadcast_id.in_(
            select(Broadcast.id).where(Broadcast.event_id.in_(event_ids))
        ),
    )
    result = await session.execute(
        update(OutboxMessage)
        .where(mine, of_events, OutboxMessage.status == OutboxStatus.QUEUED)
        .values(status=OutboxStatus.CANCELLED, last_error=STOPPED)
        .execution_options(synchronize_session=False)
    )
    return rowcount(result)

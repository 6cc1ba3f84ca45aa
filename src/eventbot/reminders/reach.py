"""How someone is reached about an event: on the first of the chosen channels they can be
reached on, an active identity of theirs there, or by mail the address they registered with.
Reminders and broadcasts both go out this way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from ..storage.models import Identity

CHUNK = 1000  # attendee ids a query


@dataclass(frozen=True)
class Addressee:
    """One recipient, with what a message's placeholders may say of them."""

    channel: str
    address: str
    identity_id: int | None
    name: str | None
    reference: str | None
    email: str | None
    language: str | None


async def identities_of(
    session: AsyncSession | AsyncConnection, attendee_ids: list[int]
) -> dict[int, list[Any]]:
    """Every identity of these attendees, by attendee, oldest first."""
    found: dict[int, list[Any]] = {}
    for start in range(0, len(attendee_ids), CHUNK):
        rows = await session.execute(
            select(
                Identity.id,
                Identity.attendee_id,
                Identity.channel,
                Identity.address,
                Identity.name,
                Identity.state,
                Identity.active,
            )
            .where(Identity.attendee_id.in_(attendee_ids[start : start + CHUNK]))
            .order_by(Identity.id)
        )
        for row in rows:
            found.setdefault(row.attendee_id, []).append(row)
    return found


def reach(identities: list[Any], registration: Any, channels: Sequence[str]) -> Addressee | None:
    """The attendee on the first of `channels` they can be reached on: an active identity of
    theirs there, or by mail the address they registered with (unless it bounced)."""
    name = (registration.answers or {}).get("name") if registration is not None else None
    reference = registration.reference if registration is not None else None
    email = registration.email.lower() if registration is not None else None
    for channel in channels:
        mine: list[Any] = [i for i in identities if i.channel == channel]
        if channel == "email" and email is not None:
            mine = [i for i in mine if i.address == email] or [None]
        for identity in mine:
            if identity is not None and not identity.active:
                continue  # blocked the bot, or the address bounced
            address = identity.address if identity is not None else email
            if address is None:
                continue
            state = identity.state if identity is not None else {}
            return Addressee(
                channel=channel,
                address=address,
                identity_id=identity.id if identity is not None else None,
                name=name or (identity.name if identity is not None else None),
                reference=reference,
                email=email or (address if channel == "email" else None),
                language=(state or {}).get("language"),
            )
    return None

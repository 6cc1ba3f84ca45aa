"""Attendees and an event for the reminder tests, written straight into the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eventbot.knowledge import Event
from eventbot.storage.database import Database
from eventbot.storage.models import Attendee, Identity, Registration

CREATED = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


def workshop(**changes: Any) -> Event:
    data: dict[str, Any] = {
        "id": "rw-2030",
        "name": "Reminder Workshop",
        "short_name": "RW 2030",
        "timezone": "Europe/Berlin",
        "dates": {"start": "2030-06-10", "start_time": "09:00"},
        "venue": {"name": "Hall 2", "city": "Delft", "country": "Netherlands"},
        "website": "https://rw.example.org",
        "submission": {"url": "https://rw.example.org/submit"},
        "registration": {"deadline": "2030-05-31"},
        "deadlines": [
            {"name": "Abstract", "kind": "abstract", "date": "2030-04-05", "timezone": "AoE"},
            {"name": "Camera-ready", "kind": "camera_ready", "date": "2030-05-20"},
        ],
    }
    data.update(changes)
    return Event.model_validate(data)


async def person(
    database: Database,
    *,
    telegram: str | None = None,
    email: str | None = None,
    registered: str | None = None,
    language: str | None = None,
    zone: str | None = None,
) -> Identity:
    """An attendee with a Telegram and/or an email identity, registered with `registered`."""
    async with database.transaction() as session:
        attendee = Attendee(created_at=CREATED, timezone=zone)
        session.add(attendee)
        await session.flush()
        identity = None
        for channel, address in (("telegram", telegram), ("email", email)):
            if address is not None:
                identity = Identity(
                    attendee_id=attendee.id,
                    channel=channel,
                    address=address,
                    state={"language": language} if language else {},
                    updated_at=CREATED,
                )
                session.add(identity)
        if registered:
            session.add(
                Registration(
                    reference=f"RW-{attendee.id:04d}",
                    event_id="rw-2030",
                    attendee_id=attendee.id,
                    email=registered,
                    status="confirmed",
                    created_at=CREATED,
                    updated_at=CREATED,
                )
            )
        await session.flush()
        assert identity is not None or registered
        return identity  # type: ignore[return-value]

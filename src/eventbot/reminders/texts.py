"""What a reminder says: what is due and when (in the moment's own zone, and in the attendee's
when known), how much time is left, and what to do. Plain text; each channel escapes it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..engine.phrasing import Phrasebook
from ..knowledge import DeadlineKind, Event
from ..knowledge import moments as m
from .plan import MomentKind, Planned


@dataclass(frozen=True)
class Reminder:
    subject: str
    text: str


def compose(
    event: Event,
    planned: Planned,
    phrases: Phrasebook,
    *,
    now: dt.datetime,
    zone: str | None = None,
) -> Reminder:
    """The reminder of `planned` for one attendee, in `phrases`' language; `zone` is theirs."""
    moment = planned.moment
    sent = max(now, planned.due_at)  # a late reminder (after downtime) counts from now
    left = phrases.relative(moment.at, sent)
    label = event.label
    lines: list[str]
    if moment.kind is MomentKind.EVENT:
        lines = [phrases.say("reminder_event", e=label, left=left, when=_when(event, phrases))]
        place = _place(event)
        if place:
            lines.append(phrases.say("reminder_place", place=place))
        subject = phrases.say("reminder_event_subject", e=label, left=left)
    elif moment.kind is MomentKind.OFFER:
        lines = [phrases.say("reminder_offer", e=label, at=phrases.moment(moment.at), left=left)]
        subject = phrases.say("reminder_offer_subject", e=label)
    else:
        lines = [
            phrases.say(
                "reminder_deadline",
                e=label,
                name=moment.name,
                registration=moment.kind is MomentKind.REGISTRATION,
                at=phrases.moment(moment.at),
                left=left,
            )
        ]
        local = _in_zone(moment.at, zone)
        if local is not None and local.utcoffset() != moment.at.utcoffset():
            lines.append(phrases.say("reminder_local", at=phrases.moment(local)))
        todo = _what_to_do(event, planned, phrases)
        if todo:
            lines.append(todo)
        subject = phrases.say(
            "reminder_deadline_subject",
            e=label,
            name=moment.name,
            registration=moment.kind is MomentKind.REGISTRATION,
            left=left,
        )
    return Reminder(subject, "\n\n".join(lines))


def _when(event: Event, phrases: Phrasebook) -> str:
    start, end = m.start_day(event), m.end_day(event)
    if start is None:
        return ""
    days = phrases.day(start) if end is None or end == start else phrases.day_range(start, end)
    starts = m.event_starts(event) if event.dates and event.dates.start_time else None
    if starts is None:
        return days
    return phrases.say(
        "reminder_starts_at", days=days, time=f"{starts:%H:%M}", zone=phrases.zone(starts)
    )


def _place(event: Event) -> str:
    venue = event.venue
    if venue is None:
        return ""
    parts = [venue.name, venue.address, venue.city, venue.country]
    return ", ".join(dict.fromkeys(p for p in parts if p))


def _what_to_do(event: Event, planned: Planned, phrases: Phrasebook) -> str:
    """The next step: the registration page or registering here, the submission page, or the
    website."""
    moment = planned.moment
    if moment.kind is MomentKind.REGISTRATION:
        url = event.registration.url if event.registration else None
        if event.registration is not None and url is None:
            return phrases.say("reminder_register_here")  # the assistant takes registrations
    else:
        kind = next((d.kind for d in event.deadlines if d.name == moment.name), None)
        submits = kind in (
            DeadlineKind.ABSTRACT,
            DeadlineKind.SUBMISSION,
            DeadlineKind.CAMERA_READY,
        )
        url = event.submission.url if submits and event.submission else None
    url = url or event.website
    return phrases.say("reminder_link", url=str(url)) if url else ""


def _in_zone(moment: dt.datetime, zone: str | None) -> dt.datetime | None:
    if not zone:
        return None
    try:
        return moment.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        return None

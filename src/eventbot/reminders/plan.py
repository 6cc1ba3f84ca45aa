"""When an event's reminders are due: its moments (each deadline, registration closing, the
event itself) and the offsets before them. Pure: the event, the offsets and `now` in.

A moment that has passed gets nothing. After downtime, of the reminders of one moment whose
time has passed, only the latest still goes out (late, but before the moment); the earlier
ones are missed, not sent in a burst.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from ..knowledge import Deadline, Event
from ..knowledge import moments as m


class MomentKind(StrEnum):
    DEADLINE = "deadline"
    REGISTRATION = "registration"
    EVENT = "event"
    OFFER = "offer"  # a freed place held for someone from the waiting list


@dataclass(frozen=True)
class Moment:
    """A moment of an event worth a reminder. `key` stays the same when its date changes."""

    key: str  # "event", "registration", "deadline:camera-ready", "offer:HAN-7Q2K"
    kind: MomentKind
    name: str  # as the organisers wrote it: "Camera-ready", or the event's name
    at: dt.datetime  # aware, in the moment's own zone (Anywhere on Earth stays AoE)


@dataclass(frozen=True)
class Planned:
    """One reminder: `offset` before `moment`, due at `due_at`, pointless after `moment.at`."""

    moment: Moment
    offset: dt.timedelta
    due_at: dt.datetime

    @cached_property
    def key(self) -> str:
        """What, for which moment: the same planning twice gives the same key; a moved date
        gives a new one (the old reminder is then cancelled)."""
        hours = int(self.offset.total_seconds() // 3600)
        return f"{self.moment.key}@{self.moment.at.astimezone(dt.UTC):%Y%m%dT%H%M}-{hours}h"


def offsets(event: Event, *, days: Sequence[int], hours: Sequence[int] = ()) -> list[dt.timedelta]:
    """The offsets before each moment: the event file's when it says, else the settings'."""
    own = event.reminders
    if own is not None and not own.enabled:
        return []
    if own is not None and (own.days_before is not None or own.hours_before is not None):
        days, hours = own.days_before or [], own.hours_before or []
    found = {dt.timedelta(days=d) for d in days} | {dt.timedelta(hours=h) for h in hours}
    return sorted(found - {dt.timedelta(0)}, reverse=True)


def moments(event: Event) -> list[Moment]:
    """Every moment of the event worth a reminder, in time order."""
    found: list[Moment] = []
    closes = m.registration_deadline(event)
    if closes is not None:
        found.append(Moment("registration", MomentKind.REGISTRATION, "registration", closes))
    for deadline in event.deadlines:
        at = m.deadline_at(event, deadline)
        if deadline.kind == "registration" and closes is not None and at == closes:
            continue  # the same moment as the registration's own deadline
        found.append(Moment(_deadline_key(deadline), MomentKind.DEADLINE, deadline.name, at))
    starts = m.event_starts(event)
    if starts is not None:
        found.append(Moment("event", MomentKind.EVENT, event.label, starts))
    return sorted(found, key=lambda moment: moment.at)


def moment_of(event: Event, fact: str) -> Moment | None:
    """The moment an answer's fact stands for: "deadlines[2]" or "registration.deadline"."""
    found = moments(event)
    if fact == "registration.deadline":
        return next((moment for moment in found if moment.kind is MomentKind.REGISTRATION), None)
    match = re.fullmatch(r"deadlines\[(\d+)\]", fact)
    if match is None or int(match[1]) >= len(event.deadlines):
        return None
    deadline = event.deadlines[int(match[1])]
    key, at = _deadline_key(deadline), m.deadline_at(event, deadline)
    # a registration deadline at the moment registration closes is that moment (see moments())
    same = (MomentKind.REGISTRATION, at) if deadline.kind == "registration" else None
    return next((x for x in found if x.key == key or (x.kind, x.at) == same), None)


def offer(reference: str, lapses_at: dt.datetime) -> Moment:
    """The moment a place offered under `reference` lapses."""
    return Moment(f"offer:{reference}", MomentKind.OFFER, reference, lapses_at)


def schedule(event: Event, steps: Sequence[dt.timedelta], now: dt.datetime) -> list[Planned]:
    """The reminders still to send for `event`, with `steps` before each moment."""
    return schedule_moments(moments(event), steps, now)


def schedule_moments(
    found: Sequence[Moment], steps: Sequence[dt.timedelta], now: dt.datetime
) -> list[Planned]:
    """The reminders still to send, `steps` before each of the moments."""
    planned: list[Planned] = []
    for moment in found:
        if moment.at <= now:
            continue
        upcoming = [Planned(moment, step, moment.at - step) for step in steps]
        late = [p for p in upcoming if p.due_at <= now]
        planned += [p for p in upcoming if p.due_at > now]
        if late:  # after downtime: only the latest of the passed ones, now
            planned.append(min(late, key=lambda p: p.offset))
    return sorted(planned, key=lambda p: (p.due_at, p.moment.key))


def _deadline_key(deadline: Deadline) -> str:
    return f"deadline:{_slug(deadline.name)}"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "deadline"

"""An event and its deadlines as an iCalendar file, for "add to calendar"."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from icalendar import Event as CalendarEntry

from . import moments as m
from .model import Event


def event_calendar(event: Event) -> bytes | None:
    """The .ics file of the event and its deadlines; None when no date of it has a year."""
    calendar = Calendar()
    calendar.add("prodid", "-//eventbot//event calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.label)
    place = (
        ", ".join(p for p in (event.venue.name, event.venue.city, event.venue.country) if p)
        if event.venue
        else ""
    )
    start, end = m.start_day(event), m.end_day(event)  # the end day is the start day if not given
    if event.dates is not None and start is not None and end is not None:
        entry = _entry(f"{event.id}@eventbot", event.name, event.summary, place)
        if event.dates.start_time:
            entry.add("dtstart", m.event_starts(event))
            entry.add("dtend", m.event_ends(event))
        else:  # whole days: the end is exclusive
            entry.add("dtstart", start)
            entry.add("dtend", end + dt.timedelta(days=1))
        calendar.add_component(entry)
    for index, deadline in enumerate(event.deadlines):
        at = m.deadline_at(event, deadline)
        entry = _entry(
            f"{event.id}-deadline-{index}@eventbot",
            f"{event.label}: {deadline.name} deadline",
            deadline.note,
            "",
        )
        entry.add("dtstart", m.full_minute(at).astimezone(dt.UTC))
        entry.add("dtend", m.full_minute(at).astimezone(dt.UTC))
        calendar.add_component(entry)
    closes = m.registration_deadline(event)
    if closes is not None:
        entry = _entry(
            f"{event.id}-registration@eventbot", f"{event.label}: registration closes", None, ""
        )
        entry.add("dtstart", m.full_minute(closes).astimezone(dt.UTC))
        entry.add("dtend", m.full_minute(closes).astimezone(dt.UTC))
        calendar.add_component(entry)
    if not calendar.subcomponents:
        return None
    return calendar.to_ical()


def _entry(uid: str, summary: str, description: str | None, location: str) -> CalendarEntry:
    entry = CalendarEntry()
    entry.add("uid", uid)
    entry.add(
        "dtstamp", dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    )  # stable: the file is the same each time
    entry.add("summary", summary)
    if description:
        entry.add("description", description)
    if location:
        entry.add("location", location)
    return entry

"""The moments of an event as timezone-aware datetimes, and what they mean at a given moment."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .model import END_OF_DAY, Deadline, Event, EventStatus, PartialDate, resolve_zone

#: Where no zone is known, a day is over only when it is over everywhere on Earth.
LATEST_ZONE = ZoneInfo("Etc/GMT+12")


def event_zone(event: Event) -> ZoneInfo | None:
    return resolve_zone(event.timezone) if event.timezone else None


def _at(day: dt.date | dt.datetime, default_time: dt.time, zone: ZoneInfo | None) -> dt.datetime:
    zone = zone or LATEST_ZONE
    if isinstance(day, dt.datetime):
        return day if day.tzinfo else day.replace(tzinfo=zone)
    return dt.datetime.combine(day, default_time, tzinfo=zone)


def deadline_zone(event: Event, deadline: Deadline) -> ZoneInfo | None:
    return resolve_zone(deadline.timezone) if deadline.timezone else event_zone(event)


def deadline_at(event: Event, deadline: Deadline) -> dt.datetime:
    return _at(deadline.date, deadline.time, deadline_zone(event, deadline))


def registration_zone(event: Event) -> ZoneInfo | None:
    reg = event.registration
    if reg and reg.timezone:
        return resolve_zone(reg.timezone)
    return event_zone(event)


def end_of(day: dt.date, zone: ZoneInfo | None) -> dt.datetime:
    """The end of `day` where it is kept (Anywhere on Earth when no zone is known)."""
    return _at(day, END_OF_DAY, zone)


def full_minute(at: dt.datetime) -> dt.datetime:
    """A moment in the last second of a minute as the minute after it: the end of a day
    (END_OF_DAY) is the full minute it is in another zone."""
    return at + dt.timedelta(seconds=1) if at.second == 59 else at


def registration_deadline(event: Event) -> dt.datetime | None:
    reg = event.registration
    if reg is None or reg.deadline is None:
        return None
    return _at(reg.deadline, END_OF_DAY, registration_zone(event))  # a date: its end


def registration_opens(event: Event) -> dt.datetime | None:
    reg = event.registration
    if reg is None or reg.opens is None:
        return None
    return _at(reg.opens, dt.time(0, 0), registration_zone(event))


def _day(day: PartialDate | None) -> dt.date | None:
    return day.date if day is not None else None


def start_day(event: Event) -> dt.date | None:
    return _day(event.dates.start) if event.dates else None


def end_day(event: Event) -> dt.date | None:
    if event.dates is None:
        return None
    return _day(event.dates.end) or _day(event.dates.start)


def event_starts(event: Event) -> dt.datetime | None:
    day = start_day(event)
    if event.dates is None or day is None:
        return None
    return _at(day, event.dates.start_time or dt.time(0, 0), event_zone(event))


def event_ends(event: Event) -> dt.datetime | None:
    day = end_day(event)
    if event.dates is None or day is None:
        return None
    return _at(day, event.dates.end_time or END_OF_DAY, event_zone(event))


def phase(event: Event, now: dt.datetime) -> str:
    """'upcoming', 'ongoing' or 'past'; 'unknown' when the dates do not tell."""
    if event.status is EventStatus.TOOK_PLACE:
        return "past"
    starts, ends = event_starts(event), event_ends(event)
    if starts is None or ends is None:
        return "unknown"
    if now < starts:
        return "upcoming"
    return "ongoing" if now <= ends else "past"


class Window(StrEnum):
    """Whether one can register at a given moment; the answers and the form both go by it."""

    OVER = "over"  # the event is over and registration with it
    NOT_YET = "not_yet"
    CLOSED = "closed"
    OPEN = "open"  # until the deadline, or with no deadline given


def registration_window(event: Event, now: dt.datetime) -> Window:
    opens, closes = registration_opens(event), registration_deadline(event)
    if phase(event, now) == "past" and (closes is None or closes < now):
        return Window.OVER
    if opens and now < opens:
        return Window.NOT_YET
    if closes and now > closes:
        return Window.CLOSED
    return Window.OPEN


def zone_key(zone: dt.tzinfo) -> str:
    """How a zone is kept (a conversation's state): its IANA key, else its fixed offset
    ("+05:45")."""
    if isinstance(zone, ZoneInfo):
        return zone.key
    offset = zone.utcoffset(None)
    if offset is None:  # no zone has this; a fixed offset always has one
        raise ValueError(f"a zone without an offset cannot be kept: {zone!r}")
    sign, minutes = ("-", -offset) if offset < dt.timedelta(0) else ("+", offset)
    hours, rest = divmod(int(minutes.total_seconds()) // 60, 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def zone_from_key(key: str) -> dt.tzinfo:
    """The zone `zone_key` wrote."""
    if key[:1] in "+-":
        hours, minutes = key[1:].split(":")
        offset = dt.timedelta(hours=int(hours), minutes=int(minutes))
        return dt.timezone(-offset if key[0] == "-" else offset)
    return ZoneInfo(key)


def zone_readable(key: str) -> bool:
    """Whether a kept zone can still be read (the tz database may have changed since)."""
    try:
        zone_from_key(key)
    except (ValueError, KeyError, ZoneInfoNotFoundError):
        return False
    return True


_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
#: a day as organisers write it in English: "13 July", "13 July 2027", "July 13"
_DAY = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)? ({'|'.join(_MONTHS)})|({'|'.join(_MONTHS)}) (\d{{1,2}})"
    rf"(?:st|nd|rd|th)?)\b(?:,? (\d{{4}}))?",
    re.IGNORECASE,
)
#: a clock time after it, and the zone it may name: "10:00", "17:00 UTC", "18:00 Paris time"
_CLOCK = re.compile(
    r"\b([01]?\d|2[0-3])[:.]([0-5]\d)\b(?P<span> ?[-–] ?\d)?(\s*UTC\b)?"
    r"(?:,? (?P<place>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?) time\b)?"
)


#: a day's end Anywhere on Earth, said right after it: " (AoE)", ", Anywhere on Earth"
_ANYWHERE = re.compile(r"[\s,(]*(?:AoE|Anywhere on Earth)\b", re.IGNORECASE)


#: the areas of the tz database's own zones (not its old aliases: "Canada/Eastern", "US/Pacific")
_AREAS = {
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
}


def city_of_zone(key: str) -> str:
    """The city a zone is named after, as the tz database writes it: "New York" of
    America/New_York."""
    return key.rsplit("/", 1)[-1].replace("_", " ")


@cache
def tz_cities() -> dict[str, str]:
    """The tz database's zones by their city, as written there: "Paris" is Europe/Paris,
    "New York" America/New_York."""
    return {
        city_of_zone(key): key
        for key in sorted(available_timezones())
        if key.split("/", 1)[0] in _AREAS and "/" in key
    }


@cache
def _zone_of_city(city: str) -> ZoneInfo | None:
    """The zone "<city> time" names, if a city of the tz database: "Paris", "Istanbul"."""
    key = next((k for name, k in tz_cities().items() if name.lower() == city.lower()), None)
    return ZoneInfo(key) if key else None


def clock_changes(zone: dt.tzinfo, first: dt.date, last: dt.date) -> list[dt.datetime]:
    """The moments, in UTC, from `first` to `last` at which `zone`'s clocks change (summer time
    starting or ending, or a zone changing its offset)."""
    moments = []
    day = dt.datetime.combine(first, dt.time(), tzinfo=dt.UTC)
    end = dt.datetime.combine(last, dt.time(), tzinfo=dt.UTC) + dt.timedelta(days=1)
    while day < end:
        after = day + dt.timedelta(days=1)
        if day.astimezone(zone).utcoffset() != after.astimezone(zone).utcoffset():
            low, high = day, after  # the change lies between: the minute it happens
            while high - low > dt.timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset():
                    low = middle
                else:
                    high = middle
            moments.append(high.replace(second=0, microsecond=0))
        day = after
    return moments


#: where a text says its days are kept: "All dates are Goose Bay time.", "Registration and
#: refund dates are Tallinn time", "All dates are UTC."
_DATES_KEPT = re.compile(
    r"\bdates are (?:(?P<zone>UTC|AoE)\b|(?P<place>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?) time\b)"
)


def zone_of_dates(text: str) -> ZoneInfo | None:
    """The zone `text` says its dates are kept in, if it says."""
    kept = _DATES_KEPT.search(text)
    if kept is None:
        return None
    return resolve_zone(kept["zone"]) if kept["zone"] else _zone_of_city(kept["place"])


def days_in(text: str, before: dt.date) -> list[tuple[dt.date, int]]:
    """The days `text` names by a day of a month ("17 May", "June 2nd, 2030"), and where each
    stands; a day without its year is the last such up to `before`."""
    found = []
    for day in _DAY.finditer(text):
        date = _date_of(day, before.year)
        if date is not None and not day[5] and date > before:
            date = _date_of(day, before.year - 1)
        if date is not None:
            found.append((date, day.start()))
    return found


def _date_of(day: re.Match[str], year: int | None) -> dt.date | None:
    """The date a match of _DAY names, in `year` unless it gives one; None if there is none."""
    number, month = (day[1], day[2]) if day[1] else (day[4], day[3])
    when = int(day[5]) if day[5] else year
    if when is None:
        return None
    try:
        return dt.date(when, _MONTHS.index(month.lower()) + 1, int(number))
    except ValueError:
        return None


def names_a_day(text: str) -> bool:
    """Whether the organisers' text names a day ("until 1 October")."""
    return _DAY.search(text) is not None


def moments_in(text: str, event: Event) -> list[dt.datetime]:
    """The moments a sentence of the organisers' own text names by a day and a clock time
    after it ("the orientation call on Tuesday 13 July at 10:00"), in the event's zone unless
    it says UTC or another city's time ("18:00 Paris time"), and a day's end where it says
    Anywhere on Earth ("by 25 January (AoE)"); a year left out is the event's. A span of times
    ("09:00-16:00", opening hours) is no moment."""
    zone = event_zone(event)
    year = event.dates.start.year if event.dates else None
    found: list[dt.datetime] = []
    days = list(_DAY.finditer(text))
    for day, after in zip(days, [*days[1:], None], strict=False):
        # the time of this day, not of the next one named ("by 7 May and by 1 June, 23:59")
        until = min(day.end() + 40, after.start() if after else len(text))
        clock = _CLOCK.search(text, day.end(), until)
        date = _date_of(day, year)
        if date is None or zone is None or (clock is not None and clock["span"]):
            continue
        if clock is None:  # "by 25 January 2030 (Anywhere on Earth)": until that day is over
            if not _ANYWHERE.match(text, day.end()):
                continue
            moment = dt.datetime.combine(date, END_OF_DAY, tzinfo=resolve_zone("AoE"))
        else:
            at: dt.tzinfo | None = dt.UTC if clock[4] else zone
            if clock["place"]:  # "18:00 Paris time"; "Canary Islands time": the event's
                at = _zone_of_city(clock["place"]) or at
            moment = dt.datetime.combine(date, dt.time(int(clock[1]), int(clock[2])), tzinfo=at)
        if moment not in found:
            found.append(moment)
    return found

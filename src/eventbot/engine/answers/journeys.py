"""How long a flight takes between two clocks of different places: "leaves Lisbon at 10:30 and
lands in Ponta Delgada at 11:45" is two hours and a quarter when Lisbon is an hour ahead. The
clocks are the asker's ("leaves 8:30 and lands at 11") or the organisers' (a clause of their
directions that leaves and lands), each read in the zone of the place it is kept in."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: a clock time: "10:30", "9.40", "14h30", "8:30 am", "6pm", and a bare hour after "at", "um",
#: "om" ("lands at 11")
_CLOCK = re.compile(
    r"(?<![\d:.,])(?:([01]?\d|2[0-3])[:.h]([0-5]\d)(?:\s*([ap])\.?m\b\.?)?"
    r"|(1[0-2]|0?\d)\s*([ap])\.?m\b\.?"
    r"|(?<=\b(?:at|um|om) )([01]?\d|2[0-3])(?!\d|[:.,]\d))",
    re.IGNORECASE,
)
#: a place's name as organisers write it: capitalised words ("Ponta Delgada", "El Alto")
_PLACE = r"(?P<place>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2})"
_LEAVES = re.compile(r"\b(?:leaves|leave|departs|depart)\b")
_LANDS = re.compile(r"\b(?:lands|land|arrives|arrive)\b")
#: the clock a clause keeps a time in, right after it: "at 09:30 Sydney time", "local time"
_KEPT = re.compile(rf"^\s*(?:(?P<local>local) time|{_PLACE} time)\b")
_FROM = re.compile(rf"\b(?:leaves|departs|from) {_PLACE}")
#: how far apart places are, as organisers write it: "65 km", "3 miles", "a ten-minute walk",
#: "45 minutes by bus", "an hour's drive", "takes about an hour", "within walking distance"
_HOW_FAR = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:km|kilomet(?:re|er)s?|miles?|metres|meters|m)\b"
    r"|\b(?:\d+|a|an|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|ninety)[- ]?"
    r"(?:minutes?|min|hours?)(?:['’]s?)?\s+"
    r"(?:(?:bus|taxi|car|train|tram|boat|ferry|shuttle|metro|cab)\s+)?"  # "a 25-minute bus ride"
    r"(?:walk|drive|ride|by|on foot|away|from)\b"
    r"|\btakes? (?:about |around |some )?(?:\d+|an?|one|two|three)[- ]?(?:minutes|min|hours?)\b"
    r"|\bwalking distance\b",
    re.IGNORECASE,
)
_TO = re.compile(rf"\b(?:(?:lands|arrives) (?:in|at) |\bto ){_PLACE}")


@dataclass(frozen=True)
class Leg:
    """A flight the organisers describe: its clocks, and the places they are kept in (None:
    where the event is; a name as they wrote it otherwise)."""

    leaves: dt.time
    lands: dt.time
    origin: str | None
    destination: str | None
    clause: str


def clocks(text: str) -> list[dt.time]:
    """The clock times `text` names, in its order."""
    found = []
    for clock in _CLOCK.finditer(text):
        hour = int(clock[1] or clock[4] or clock[6])
        minute = int(clock[2] or 0)
        half = (clock[3] or clock[5] or "").lower()
        if half == "p" and hour < 12:
            hour += 12
        elif half == "a" and hour == 12:
            hour = 0
        found.append(dt.time(hour, minute))
    return found


#: a length of time: "1h15", "2 h 30", "2 hours", "30 Minuten", "1 uur" (not a clock: "om 23
#: uur", "um 11 h")
_LENGTH = re.compile(
    r"(?<!\bom )(?<!\bum )(?<!\bat )\b(?:(\d+)\s*(?:h|hours?|hrs?|stunden?|uur)\b\s*(?:and\s+|und\s+|en\s+)?(?:(\d+)\s*(?:min\w*)?)?"
    r"|(\d+)h(\d\d)\b|(\d+)\s*min)",
    re.IGNORECASE,
)


def length_said(text: str) -> dt.timedelta | None:
    """The length of time a question says, if one: "only 1h15?", "nur 30 Minuten?"."""
    said = _LENGTH.search(text)
    if said is None:
        return None
    hours = int(said[1] or said[3] or 0)
    minutes = int(said[2] or said[4] or said[5] or 0)
    return dt.timedelta(hours=hours, minutes=minutes)


def word_after_length(text: str) -> str | None:
    """The word right after the length of time a text says, if one: "ahead" of "14 hours
    ahead of New York", "voraus" of "11 Stunden voraus"."""
    said = _LENGTH.search(text)
    after = re.match(r"\s*(\w+)", text[said.end() :]) if said else None
    return after[1].lower() if after else None


def written(length: dt.timedelta) -> str:
    """A length of time as every language's templates show it: "2 h 15", "4 h", "35 min"."""
    hours, minutes = divmod(int(length.total_seconds()) // 60, 60)
    if hours and minutes:
        return f"{hours} h {minutes:02d}"
    return f"{hours} h" if hours else f"{minutes} min"


def legs(text: str) -> list[Leg]:
    """The flights a text of the organisers describes, each by a clause that leaves at one
    time and lands at another ("the return flight leaves Punta Arenas at 13:40 and lands in
    Santiago at 16:05")."""
    found = []
    for clause in re.split(r"(?<=[.;])\s+", text):
        leaving, landing = _LEAVES.search(clause), _LANDS.search(clause)
        if not leaving or not landing or landing.start() < leaving.start():
            continue
        before = [
            c for c in _CLOCK.finditer(clause) if leaving.end() <= c.start() < landing.start()
        ]
        after = [c for c in _CLOCK.finditer(clause) if c.start() >= landing.end()]
        if len(before) != 1 or not after:
            continue
        origin = _kept(clause[before[0].end() :]) or _named(_FROM, clause[: landing.start()])
        destination = _kept(clause[after[0].end() :]) or _named(_TO, clause)
        leaves, lands = clocks(before[0][0])[0], clocks(after[0][0])[0]
        found.append(Leg(leaves, lands, origin, destination, clause))
    return found


def _kept(rest: str) -> str | None:
    """The place whose clock a time is in, said right after it ("Sydney time"); None if not
    said, or said "local time" (the place the clause names elsewhere)."""
    kept = _KEPT.match(rest)
    return kept["place"] if kept else None


def _named(pattern: re.Pattern[str], text: str) -> str | None:
    found = pattern.search(text)
    return found["place"] if found else None


def duration(
    day: dt.date, leaves: dt.time, origin: dt.tzinfo, lands: dt.time, destination: dt.tzinfo
) -> dt.timedelta:
    """How long something that starts at `leaves` on `day` by the clock of `origin` and ends at
    `lands` by that of `destination` takes: a flight, a session (the same zone twice). It ends
    the next day when the clocks say so, by that day's clock (a night the clocks go forward
    is an hour shorter)."""
    start = dt.datetime.combine(day, leaves, tzinfo=origin).astimezone(dt.UTC)
    taken = dt.datetime.combine(day, lands, tzinfo=destination).astimezone(dt.UTC) - start
    if taken > dt.timedelta():
        return taken
    next_day = day + dt.timedelta(days=1)
    return dt.datetime.combine(next_day, lands, tzinfo=destination).astimezone(dt.UTC) - start


def tells_how_far(sentence: str) -> bool:
    """Whether a sentence of the organisers says how far apart places are, in distance or in
    time on the way ("Listvyanka lies on the shore of Lake Baikal, 65 km from Irkutsk")."""
    return bool(_HOW_FAR.search(sentence))

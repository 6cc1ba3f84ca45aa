"""The calendar file of an event: a deadline given as a day ends with that day, at the full
minute, as the answers say it."""

from __future__ import annotations

from eventbot.knowledge import Event
from eventbot.knowledge.calendar import event_calendar

EVENT = Event.model_validate(
    {
        "id": "cal-2027",
        "name": "Calendar Workshop 2027",
        "summary": "A workshop.",
        "timezone": "Europe/Berlin",
        "dates": {"start": "2027-09-14"},
        "registration": {"deadline": "2027-08-15"},
        "deadlines": [
            {"name": "Abstracts", "kind": "abstract", "date": "2027-05-01"},
            {"name": "Slides", "kind": "other", "date": "2027-09-01", "time": "12:30"},
        ],
    }
)


def test_a_day_s_end_is_the_full_minute_in_utc() -> None:
    calendar = event_calendar(EVENT)
    assert calendar is not None
    text = calendar.decode()
    assert "DTSTART:20270501T220000Z" in text  # the end of 1 May in Berlin (CEST)
    assert "DTSTART:20270815T220000Z" in text  # registration closes with 15 August
    assert "DTSTART:20270901T103000Z" in text  # a time the organisers wrote stays it
    assert "5959Z" not in text

"""The clock a question is answered in: where the asker says they are in a sentence before it,
though that sentence asks something of its own; and of two places, the one named as a clock
("Central time", "deutsche Zeit"), not the one that says where."""

from __future__ import annotations

import datetime as dt

import pytest

from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Event

NOW = dt.datetime(2063, 3, 1, 12, tzinfo=dt.UTC)
CONGRESS = Event.model_validate(
    {
        "id": "carcino-2063",
        "name": "Carcinology Congress 2063",
        "short_name": "CARCINO",
        "timezone": "Africa/Lusaka",  # UTC+2 all year; Berlin UTC+1 until 25 March
        "dates": {"start": "2063-03-15", "end": "2063-03-18"},
        "venue": {"name": "Convention Centre", "city": "Lusaka", "country": "Zambia"},
        "programme": [
            {"title": "Opening keynote: Crabs", "day": "2063-03-15", "start": "09:00"},
            {"title": "Field weekend", "day": "2063-03-17", "start": "08:00"},
        ],
        "deadlines": [{"name": "Field weekend booking", "date": "2063-03-10", "time": "23:59"}],
    }
)


@pytest.mark.parametrize(
    ("message", "clock"),
    [
        (
            "I'll follow CARCINO from Germany with the virtual pass. "
            "What time is the opening keynote for me?",
            "08:00 CET (Europe/Berlin)",
        ),
        (
            "Ich verfolge CARCINO aus Deutschland online. Wann ist die Eröffnungs-Keynote bei mir?",
            "08:00 Uhr CET (Europe/Berlin)",
        ),
        (
            "I'm in Indiana on Central time. What time is the opening keynote for me?",
            "02:00 CDT (America/Chicago)",
        ),
    ],
)
def test_where_the_asker_is_is_the_clock_of_the_question_after(message: str, clock: str) -> None:
    text = "\n".join(
        r.text for r in Engine([CONGRESS]).handle(Incoming(message), State(), NOW).replies
    )
    assert clock in text, text


@pytest.mark.parametrize(
    ("question", "clock"),
    [
        ("Until when can I book the field weekend in Lusaka, UK time?", "(Europe/London)"),
        ("Bis wann muss ich das Field Weekend in Lusaka buchen, deutsche Zeit?", "(Europe/Berlin)"),
    ],
)
def test_of_two_places_the_one_named_as_a_clock_is_the_time_asked(
    question: str, clock: str
) -> None:
    outcome = Engine([CONGRESS]).handle(Incoming(question), State(), NOW)
    assert clock in outcome.replies[0].text, outcome.replies[0].text

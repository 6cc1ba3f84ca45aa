""" "Local time" asks in the time where the event is: a deadline kept in another zone (a
funder's) is converted to the event's; "Berlin local time" is Berlin's; and the words need no
fact of their own."""

from __future__ import annotations

import datetime as dt

import pytest

from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Event

NOW = dt.datetime(2057, 3, 1, 12, tzinfo=dt.UTC)
SCHOOL = Event.model_validate(
    {
        "id": "silk-school-2057",
        "name": "Silk Road Conservation School 2057",
        "timezone": "Asia/Samarkand",
        "dates": {"start": "2057-06-10", "end": "2057-06-20"},
        "venue": {"name": "Registan Hall", "city": "Samarkand", "country": "Uzbekistan"},
        "deadlines": [
            {
                "name": "Applications",
                "kind": "registration",
                "date": "2057-04-02",
                "time": "23:59",
                "timezone": "Africa/Tunis",
            }
        ],
    }
)


def reply(question: str) -> str:
    outcome = Engine([SCHOOL]).handle(Incoming(question), State(), NOW)
    assert not outcome.handoff, outcome.replies[0].text
    return outcome.replies[0].text


@pytest.mark.parametrize(
    "question",
    [
        "When is the application deadline, local time?",
        "Bis wann kann ich mich bewerben, Ortszeit?",
        "Wanneer sluit de aanmelding, plaatselijke tijd?",
    ],
)
def test_a_deadline_in_another_zone_is_given_in_the_event_s_time(question: str) -> None:
    text = reply(question)
    assert "Samarkand" in text and "03:59" in text, text  # 23:59 in Tunis


def test_a_place_s_local_time_is_that_place_s() -> None:
    text = reply("When is the application deadline in Berlin local time?")
    assert "Berlin" in text and "Samarkand" not in text, text

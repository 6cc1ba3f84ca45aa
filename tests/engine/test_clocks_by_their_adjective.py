"""A clock is named as people name it: by a town's or a country's adjective ("New Yorker
Zeit", "Londense tijd", "Britse tijd", "britische Zeit"), or after the word for time ("what time
UK?"), or by a short name ("NY time", "…, EST?")."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2071, 1, 10, 9, tzinfo=dt.UTC)


def congress() -> Event:
    return Event.model_validate(
        {
            "id": "coral-2071",
            "name": "Coral Congress 2071",
            "timezone": "America/Fortaleza",
            "dates": {"start": "2071-10-22", "end": "2071-10-28"},
            "deadlines": [
                {
                    "name": "Abstract submission",
                    "kind": "submission",
                    "date": "2071-03-10",
                    "time": "12:00",
                }
            ],
        }
    )


@pytest.mark.parametrize(
    ("question", "there"),
    [
        ("Wann ist die Abstract-Frist, New Yorker Zeit?", "11:00"),  # EDT from 8 March
        ("Tot wanneer kan ik een abstract indienen, Londense tijd?", "15:00"),
        ("Wanneer is de abstract deadline in Britse tijd?", "15:00"),
        ("Bis wann läuft die Abstract-Frist, britische Zeit?", "15:00"),
        ("Abstract deadline - what time UK?", "15:00"),
        ("When is the abstract deadline, NY time?", "11:00"),  # New York's short name
        ("When is the abstract deadline, EST?", "11:00"),  # a zone's short name at the end
        ("Abstract deadline, LA time?", "08:00"),
        ("Bis wann läuft die Abstract-Frist in indischer Zeit?", "20:30"),
    ],
)
def test_a_clock_named_by_its_adjective_is_that_place_s(question: str, there: str) -> None:
    outcome = asking.ask([congress()], question, NOW)
    assert not outcome.handoff
    assert "12:00" in outcome.text and there in outcome.text, outcome.text

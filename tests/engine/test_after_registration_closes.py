"""Once online registration has closed, the registration's own sentence on what may be done
after it ("after that you can register at the desk") is given with the verdict."""

from __future__ import annotations

import datetime as dt

import pytest

from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Event

CONGRESS = Event.model_validate(
    {
        "id": "shell-congress-2066",
        "name": "Shell Congress 2066",
        "timezone": "America/Santo_Domingo",
        "dates": {"start": "2066-11-05", "end": "2066-11-09"},
        "registration": {
            "required": True,
            "url": "https://shells.example.org/register",
            "note": "Online registration closes on 31 October 2066. After that you can register "
            "at the desk from 4 November. Transfers to a colleague are free.",
        },
        "deadlines": [
            {"name": "Online registration", "kind": "registration", "date": "2066-10-31"}
        ],
    }
)


def reply(question: str, now: dt.datetime) -> str:
    return Engine([CONGRESS]).handle(Incoming(question), State(), now).replies[0].text


@pytest.mark.parametrize(
    "question",
    [
        "Can I still register online?",
        "Kann ich mich noch online anmelden?",
        "Kan ik me nog online inschrijven?",
    ],
)
def test_what_comes_after_the_deadline_is_said_once_it_has_passed(question: str) -> None:
    after = reply(question, dt.datetime(2066, 11, 2, 12, tzinfo=dt.UTC))
    assert "register at the desk from 4 November" in after, after
    assert "Transfers" not in after
    before = reply(question, dt.datetime(2066, 10, 20, 12, tzinfo=dt.UTC))
    assert "desk" not in before, before

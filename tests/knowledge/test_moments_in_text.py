"""The moments the organisers' own sentences name, by a day and a clock time after it: in the
event's zone unless they say UTC or another city's time ("18:00 Paris time"), in the event's year unless they give one; a span of times
is no moment, and a time belongs to the day right before it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from eventbot.knowledge import Event
from eventbot.knowledge.moments import moments_in

EVENT = Event.model_validate(
    {
        "id": "harbour-2027",
        "name": "Harbour School 2027",
        "timezone": "America/St_Johns",
        "dates": {"start": "2027-07-26", "end": "2027-08-06"},
    }
)
ST_JOHNS = ZoneInfo("America/St_Johns")


@pytest.mark.parametrize(
    ("text", "moments"),
    [
        (
            "An online call takes place on Tuesday 13 July 2027 at 10:00 Newfoundland time.",
            [dt.datetime(2027, 7, 13, 10, tzinfo=ST_JOHNS)],
        ),
        (
            "Upload the notebook by 19 July at 12:00 UTC.",
            [dt.datetime(2027, 7, 19, 12, tzinfo=dt.UTC)],
        ),
        ("Slides are due on July 5th, 17:00.", [dt.datetime(2027, 7, 5, 17, tzinfo=ST_JOHNS)]),
        (
            "Send a 300-word abstract by 5 March 2027 (Anywhere on Earth).",
            [dt.datetime(2027, 3, 5, 23, 59, 59, tzinfo=ZoneInfo("Etc/GMT+12"))],
        ),
        (
            "Register your team by 8 July 2027, 18:00 Paris time.",
            [dt.datetime(2027, 7, 8, 18, tzinfo=ZoneInfo("Europe/Paris"))],
        ),
        (
            "Pay the deposit by 7 May 2027 and the rest by 1 June 2027, 23:59.",
            [dt.datetime(2027, 6, 1, 23, 59, tzinfo=ST_JOHNS)],
        ),
        ("A walk on Thursday 29 July, 08:00-13:00, with lunch.", []),
        ("The office is open 09:00-16:00 on weekdays.", []),
        ("Questions until 31 June at 10:00.", []),  # no such day
    ],
)
def test_moments_in(text: str, moments: list[dt.datetime]) -> None:
    assert moments_in(text, EVENT) == moments


def test_a_region_named_like_an_old_alias_is_the_events_time() -> None:
    """ "Eastern time" is no Canada/Eastern: the tz database's old aliases name no city."""
    sydney = Event.model_validate({**EVENT.model_dump(mode="json"), "timezone": "Australia/Sydney"})
    assert moments_in("The call is on 13 July at 10:00 Eastern time.", sydney) == [
        dt.datetime(2027, 7, 13, 10, tzinfo=ZoneInfo("Australia/Sydney"))
    ]

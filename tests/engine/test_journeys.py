"""How long a flight takes between the clocks of two places: from the times the asker gives, or
from the flight the organisers describe between the places the question names."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from eventbot.engine import Engine, Incoming, State
from eventbot.engine.answers.journeys import clocks, duration, legs, length_said
from eventbot.knowledge import Event

DIRECTIONS = (
    "Fly to Ponta Delgada on São Miguel. The flight on Sunday 12 July leaves Lisbon at 10:30 "
    "Lisbon time and lands in Ponta Delgada at 11:45 local time. On 25 July the return flight "
    "to Lisbon leaves at 12:40 and lands at 16:05 Lisbon time. Our minibus meets every flight."
)
NOW = dt.datetime(2037, 6, 1, 12, tzinfo=dt.UTC)


def school() -> Event:
    return Event.model_validate(
        {
            "id": "furnas-school-2037",
            "name": "Furnas Summer School 2037",
            "timezone": "Atlantic/Azores",
            "dates": {"start": "2037-07-12", "end": "2037-07-25"},
            "venue": {"name": "Casa do Mar", "city": "Ponta Delgada", "directions": DIRECTIONS},
        }
    )


def test_clocks_are_read_as_written() -> None:
    assert clocks("leaves 8:30 and lands at 11, back at 6pm or 9.40") == [
        dt.time(8, 30),
        dt.time(11),
        dt.time(18),
        dt.time(9, 40),
    ]
    assert clocks("on 25 July, gate 12") == []  # a day, a number: no clock


def test_a_flight_the_organisers_describe_is_read_with_the_places_of_its_clocks() -> None:
    outward, back = legs(DIRECTIONS)
    assert (outward.leaves, outward.lands) == (dt.time(10, 30), dt.time(11, 45))
    assert (outward.origin, outward.destination) == ("Lisbon", "Ponta Delgada")
    assert (back.leaves, back.lands, back.destination) == (
        dt.time(12, 40),
        dt.time(16, 5),
        "Lisbon",
    )


def test_a_flight_lasts_from_one_clock_to_the_other_and_may_land_the_next_day() -> None:
    day = dt.date(2041, 3, 2)
    prague, almaty = ZoneInfo("Europe/Prague"), ZoneInfo("Asia/Almaty")
    taken = duration(day, dt.time(21, 40), prague, dt.time(7, 25), almaty)
    assert taken == dt.timedelta(hours=5, minutes=45)


def test_a_length_said_is_read() -> None:
    assert length_said("Is it really only 1h15?") == dt.timedelta(hours=1, minutes=15)
    assert length_said("Dauert der wirklich nur 30 Minuten?") == dt.timedelta(minutes=30)
    assert length_said("What time does it land?") is None


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("How long is the flight from Lisbon to Ponta Delgada really?", "takes 2 h 15"),
        (  # the asker's own clocks, and the length they thought
            "Der Flug Lissabon–Ponta Delgada geht um 10:30 und landet um 11:45. Dauert der "
            "wirklich nur 1 h 15?",
            "Nein. Der Flug dauert 2 h 15",
        ),
        ("Hoe lang duurt de terugvlucht van Ponta Delgada naar Lissabon op 25 juli?", "2 h 25"),
        (
            "Is the flight to the Azores from Lisbon really only 1h15?",
            "No. The flight takes 2 h 15",
        ),
    ],
)
def test_how_long_a_flight_takes_is_reckoned_in_each_place_s_clock(message: str, said: str) -> None:
    outcome = Engine([school()]).handle(Incoming(message), State(), NOW)
    assert not outcome.handoff and said in outcome.replies[0].text, outcome.replies[0].text


@pytest.mark.parametrize(
    "message",
    [
        "My flight lands at 23:00. Is there still a minibus?",  # asks no length
        "So how long is the flight?",  # names no place: which one is not known
    ],
)
def test_a_question_of_no_flight_s_length_is_not_reckoned(message: str) -> None:
    outcome = Engine([school()]).handle(Incoming(message), State(), NOW)
    assert "flight takes" not in outcome.replies[0].text, outcome.replies[0].text


def test_the_events_city_is_on_the_events_clock_not_a_namesakes() -> None:
    """San Juan of a congress in Puerto Rico (UTC−4), not San Juan of Argentina's zones
    (UTC−3): in the flight the organisers describe and in the time difference asked."""
    congress = Event.model_validate(
        {
            "id": "bridges-2056",
            "name": "Bridge Congress 2056",
            "timezone": "America/Puerto_Rico",
            "dates": {"start": "2056-03-23", "end": "2056-03-29"},
            "venue": {
                "name": "Isla Grande Convention Centre",
                "city": "San Juan",
                "directions": "The daily flight from Paramaribo leaves at 09:10 Paramaribo time "
                "and lands in San Juan at 11:40 local time.",
            },
        }
    )
    now = dt.datetime(2056, 3, 1, 12, tzinfo=dt.UTC)
    engine = Engine([congress])
    flight = engine.handle(
        Incoming("How long is the flight from Paramaribo to San Juan?"), State(), now
    )
    assert "3 h 30" in flight.replies[0].text, flight.replies[0].text
    apart = engine.handle(
        Incoming("What is the time difference between Berlin and San Juan during the congress?"),
        State(),
        now,
    )
    text = apart.replies[0].text
    assert "5 hours" in text and "UTC−4" in text and "UTC−3" not in text, text


def test_the_flight_from_a_place_is_the_one_that_leaves_it_wherever_it_lands() -> None:
    """A question that names one end finds the flight by it; the other end is the organisers',
    by its own clock ("lands in Puerto Vallarta at 10:15 local time", a town of another zone
    than the event's with the same offset), and a charter is a flight."""
    congress = Event.model_validate(
        {
            "id": "phycology-2072",
            "name": "Congress of Phycology 2072",
            "timezone": "America/Bahia_Banderas",
            "dates": {"start": "2072-11-03", "end": "2072-11-09"},
            "venue": {
                "name": "Riviera Convention Centre",
                "city": "Nuevo Vallarta",
                "directions": "The Caribbean charter on Wednesday 2 November leaves Bridgetown "
                "at 07:40 Barbados time and lands in Puerto Vallarta at 10:15 local time.",
            },
        }
    )
    now = dt.datetime(2072, 6, 1, 12, tzinfo=dt.UTC)
    for question in (
        "How long is the flight from Barbados?",
        "How long is the charter from Barbados?",
        "Wie lange dauert der Charter aus Barbados?",
        "Hoe lang duurt de charter vanuit Barbados?",
    ):
        outcome = Engine([congress]).handle(Incoming(question), State(), now)
        assert "4 h 35" in outcome.replies[0].text, (question, outcome.replies[0].text)


@pytest.mark.parametrize(
    ("follow_up", "said"),
    [
        ("But it leaves at 10:30 and lands at 11:45. That's 1 h 15, isn't it?", "No. The flight"),
        ("Aber er startet um 10:30 und landet um 11:45. Das sind doch 1 Stunde 15?", "Nein."),
        ("Maar hij vertrekt om 10:30 en landt om 11:45, dat is toch 1 uur 15?", "Nee."),
    ],
)
def test_a_follow_up_that_doubts_the_length_is_of_the_flight_just_asked(
    follow_up: str, said: str
) -> None:
    """The clocks the asker repeats are the flight's: it takes as long as it did, and the
    answer says why, by how far the two places' clocks are apart."""
    engine = Engine([school()])
    first = engine.handle(Incoming("How long is the flight from Lisbon?"), State(), NOW)
    assert "2 h 15" in first.replies[0].text, first.replies[0].text
    outcome = engine.handle(Incoming(follow_up), first.state, NOW)
    text = outcome.replies[0].text
    assert text.startswith(said) and "2 h 15" in text, text
    # the Azores' clock an hour behind Lisbon's, in July
    assert text.splitlines()[-1].endswith("Lisbon (UTC+1)") and "Ponta Delgada (UTC)" in text, text


def test_a_town_the_organisers_name_in_more_words_than_its_zone_is_that_zone_s() -> None:
    """ "Dawson City" is the town of America/Dawson, in the organisers' flight as in the
    question, though no zone is named after all its words."""
    seminars = Event.model_validate(
        {
            "id": "aurora-2071",
            "name": "Aurora Seminars 2071",
            "timezone": "Antarctica/Troll",
            "dates": {"start": "2071-03-06", "end": "2071-03-08"},
            "venue": {
                "mode": "online",
                "directions": "The charter on Friday 6 March 2071 leaves Inuvik at 10:00 Inuvik "
                "time and lands in Dawson City at 11:15 Dawson City time.",
            },
        }
    )
    now = dt.datetime(2071, 1, 5, 9, tzinfo=dt.UTC)
    outcome = Engine([seminars]).handle(
        Incoming("How long is the flight from Inuvik to Dawson City?"), State(), now
    )
    assert "1 h 15" in outcome.replies[0].text, outcome.replies[0].text

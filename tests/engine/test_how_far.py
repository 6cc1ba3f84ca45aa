"""How far apart places are is the organisers' sentence that says so ("65 km from the city",
"a ten-minute walk from the station") and speaks of the places asked, in any of the three
languages; a place no such sentence speaks of goes to the organisers."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.engine.answers import journeys
from eventbot.knowledge import Event

NOW = dt.datetime(2039, 5, 2, 9, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "vatna-2039",
        "name": "Vatna Glaciology Summer School 2039",
        "short_name": "Vatna School",
        "timezone": "Atlantic/Reykjavik",
        "dates": {"start": "2039-07-04", "end": "2039-07-15"},
        "venue": {
            "name": "Skaftafell Field Centre",
            "city": "Skaftafell",
            "country": "Iceland",
            "directions": "The field centre lies 330 km from Reykjavík airport; the school bus "
            "takes about five hours. The glacier tongue is a twenty-minute walk from the "
            "centre.",
            "note": "Iceland keeps UTC all year, 2 hours behind Central Europe in summer.",
        },
        "qa": [
            {
                "question": "Where do we sleep?",
                "answer": "In the Svinafell guesthouse, 8 km from the field centre; a minibus "
                "runs every morning.",
                "keywords": ["accommodation", "guesthouse", "sleep"],
            }
        ],
        "contact": {"email": "school@example.is"},
    }
)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How far is the glacier tongue from the field centre?", "twenty-minute walk"),
        ("Wie weit ist das Gästehaus vom Field Centre entfernt?", "8 km"),
        ("Hoe ver is het vliegveld van Reykjavík van de zomerschool?", "330 km"),
    ],
)
def test_how_far_places_are_is_the_sentence_that_says_so(question: str, said: str) -> None:
    answer = asking.ask([EVENT], question, NOW)
    assert said in answer.text and not answer.handoff, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How long is the drive from Reykjavík airport to the field centre?", "330 km"),
        ("Wie lange dauert die Fahrt vom Flughafen Reykjavík zum Field Centre?", "330 km"),
        ("Hoe lang duurt de busrit van het vliegveld van Reykjavík?", "330 km"),
    ],
)
def test_how_long_the_way_between_places_takes_is_how_far_they_are(
    question: str, said: str
) -> None:
    """ "How long is the drive?" asks the way's length, which the same sentence tells."""
    answer = asking.ask([EVENT], question, NOW)
    assert said in answer.text and not answer.handoff, answer.text


def test_how_long_a_walk_of_the_programme_lasts_is_no_way_between_places() -> None:
    walk = asking.changed(
        EVENT,
        programme=[
            {
                "title": "Glacier walk",
                "day": "2039-07-05",
                "start": "09:00",
                "end": "12:30",
            }
        ],
    )
    answer = asking.ask([walk], "How long is the glacier walk?", NOW)
    assert "twenty-minute walk" not in answer.text and "330 km" not in answer.text, answer.text


def test_a_place_no_sentence_speaks_of_goes_to_the_organisers() -> None:
    answer = asking.ask([EVENT], "How far is the school from Akureyri?", NOW)
    assert answer.handoff and "330 km" not in answer.text, answer.text


def test_how_far_ahead_a_clock_is_is_no_distance() -> None:
    answer = asking.ask([EVENT], "How far behind Berlin is Iceland in July?", NOW)
    assert "330 km" not in answer.text and "8 km" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("sentence", "tells"),
    [
        ("Listvyanka lies on the shore of Lake Baikal, 65 km from Irkutsk.", True),
        ("The station is a 10-minute drive from the airport.", True),
        ("The coach takes about three hours.", True),
        ("It is an hour's drive from the coast.", True),
        ("The campus is a 25-minute bus ride from the congress centre.", True),
        ("Irkutsk is 7 hours ahead of Central Europe.", False),
        ("Talks are 20 minutes long.", False),
    ],
)
def test_a_sentence_tells_how_far_in_distance_or_time_on_the_way(
    sentence: str, tells: bool
) -> None:
    assert journeys.tells_how_far(sentence) is tells

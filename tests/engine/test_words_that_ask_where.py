"""The words that ask where ("address", "room", "hall") ask for a place and name no session:
"what is the address of the venue?" is not the "Presidential address", which its own words
still name."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2051, 3, 1, 12, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "limnology-2051",
        "name": "Congress of Limnology 2051",
        "timezone": "Europe/Helsinki",
        "dates": {"start": "2051-06-12", "end": "2051-06-14"},
        "venue": {
            "name": "Paasitorni Congress Centre",
            "address": "Paasivuorenkatu 5 A, Helsinki",
            "city": "Helsinki",
            "country": "Finland",
        },
        "programme": [
            {
                "title": "Presidential address: Lakes under ice",
                "day": "2051-06-13",
                "start": "12:45",
                "description": "In the Great Hall.",
            },
            {"title": "Lecture room tour", "day": "2051-06-13", "start": "16:00"},
        ],
    }
)


@pytest.mark.parametrize(
    "question",
    [
        "What is the address of the venue?",
        "What's the street address of the congress centre?",
        "Wie lautet die Adresse des Tagungsorts?",
        "Wat is het adres van de locatie?",
    ],
)
def test_the_address_of_the_venue_is_no_session(question: str) -> None:
    reply = asking.ask([EVENT], question, NOW)
    assert "Paasivuorenkatu 5 A" in reply.text and "Lakes under ice" not in reply.text, reply.text


def test_a_session_is_still_named_by_its_own_words() -> None:
    reply = asking.ask([EVENT], "Where is the presidential address?", NOW)
    assert "Great Hall" in reply.text and not reply.handoff, reply.text

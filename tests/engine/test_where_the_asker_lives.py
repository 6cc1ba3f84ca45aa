"""What the asker pays where they live: a fee whose category names their town, its country, or
the place its clock is named after ("I live in Nuuk": the "Participant based in Greenland"
fee), even when they live where the event is; and a cheaper option asked is a question of the
fees."""

from __future__ import annotations

import datetime as dt

import pytest

from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Event

NOW = dt.datetime(2031, 1, 10, 12, tzinfo=dt.UTC)


def school(local: str, city: str, timezone: str) -> Event:
    return Event.model_validate(
        {
            "id": "ice-school-2031",
            "name": "Ice Winter School 2031",
            "timezone": timezone,
            "dates": {"start": "2031-03-10", "end": "2031-03-20"},
            "venue": {"name": "Field Station", "city": city, "country": "Somewhere"},
            "fees": [
                {"category": "Student, shared room", "amount": 12000, "currency": "DKK"},
                {"category": "Professional package", "amount": 21000, "currency": "DKK"},
                {
                    "category": f"Participant based in {local} (no lodging)",
                    "amount": 3900,
                    "currency": "DKK",
                },
            ],
        }
    )


GREENLAND = school("Greenland", "Kulusuk", "America/Nuuk")


def reply(event: Event, question: str) -> str:
    outcome = Engine([event]).handle(Incoming(question), State(), NOW)
    assert not outcome.handoff, outcome.replies[0].text
    return outcome.replies[0].text


@pytest.mark.parametrize(
    "question",
    [
        "I live in Nuuk. Is there a cheaper option?",  # Nuuk keeps Greenland's clock
        "What does the school cost for me? I live in Nuuk.",
        "Ich wohne in Nuuk. Was zahle ich?",
        "Ik woon in Nuuk. Is er een goedkopere optie?",
    ],
)
def test_the_fee_for_those_based_in_the_country_of_the_asker_s_town(question: str) -> None:
    text = reply(GREENLAND, question)
    assert "Greenland" in text and ("3,900" in text or "3.900" in text), text
    first = min(text.find(w) for w in ("Greenland", "Professional") if w in text)
    assert text.find("Greenland") == first  # theirs before any other


def test_the_fee_of_the_place_the_clock_is_named_after() -> None:
    madeira = school("Madeira", "Funchal", "Atlantic/Madeira")
    assert "Madeira" in reply(madeira, "I live in Funchal. What do I pay for the school?")


def test_the_fee_of_the_event_s_own_town_for_one_who_lives_there() -> None:
    maputo = school("Maputo", "Maputo", "Africa/Maputo")
    text = reply(maputo, "Ich wohne in Maputo. Was zahle ich für die Winterschule?")
    assert "Maputo" in text and "3.900" in text, text


def test_one_who_lives_elsewhere_gets_every_fee() -> None:
    text = reply(GREENLAND, "I live in Berlin. What do I pay for the school?")
    assert "Student, shared room" in text and "Professional package" in text, text


@pytest.mark.parametrize(
    "question",
    ["What's the cheapest option?", "Gibt es etwas Günstigeres?", "Wat is de goedkoopste optie?"],
)
def test_a_cheaper_option_is_asked_of_the_fees(question: str) -> None:
    text = reply(GREENLAND, question)
    assert "3,900" in text or "3.900" in text, text

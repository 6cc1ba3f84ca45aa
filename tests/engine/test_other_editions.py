"""A question about another edition ("where will HimDH 2029 be?") is not answered with this
edition's facts: a past edition the organisers list is answered from the list, any other year is
handed off, in the language asked."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "tidal-2027",
        "name": "TIDAL 2027",
        "summary": "A workshop on coastal data.",
        "timezone": "Europe/Lisbon",
        "dates": {"start": "2027-06-03", "end": "2027-06-04"},
        "venue": {"name": "Casa do Mar", "city": "Porto", "country": "Portugal"},
        "past_editions": [{"name": "TIDAL 2025, Vigo", "year": 2025}],
    }
)


def ask(question: str) -> tuple[str, bool]:
    said = asking.ask([EVENT], question, NOW)
    return said.text, said.handoff


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("where will TIDAL 2029 be?", "2029"),
        ("Wo findet die TIDAL 2028 statt?", "2028"),
        ("Waar is TIDAL 2030?", "2030"),
        ("Wird es 2028 wieder eine TIDAL geben, und wo?", "2028"),
        ("Where is the TIDAL workshop 2029?", "2029"),
    ],
)
def test_another_year_is_handed_off(question: str, said: str) -> None:
    text, handoff = ask(question)
    assert handoff
    assert said in text
    assert "Porto" not in text


def test_a_listed_past_edition_is_answered_from_the_list() -> None:
    text, handoff = ask("where was TIDAL 2025?")
    assert not handoff
    assert "Vigo" in text


@pytest.mark.parametrize("question", ["where is TIDAL 2027?", "where is TIDAL?"])
def test_this_edition_is_answered(question: str) -> None:
    text, handoff = ask(question)
    assert not handoff
    assert "Porto" in text


@pytest.mark.parametrize(
    "question",
    ["Where was TIDAL held in 2023?", "Wo fand TIDAL 2023 statt?", "Waar was TIDAL in 2023?"],
)
def test_a_past_editions_year_anywhere_asks_that_edition_only(question: str) -> None:
    editions = [
        {"name": "TIDAL 2025, Vigo", "year": 2025},
        {"name": "TIDAL 2023, Cádiz", "year": 2023},
    ]
    event = Event.model_validate({**EVENT.model_dump(mode="json"), "past_editions": editions})
    said = asking.ask([event], question, NOW)
    assert not said.handoff
    assert "Cádiz" in said.text and "Vigo" not in said.text and "Porto" not in said.text


@pytest.mark.parametrize(
    "question",
    ["Is it still in Vigo like in 2025?", "Is the 2027 edition in the same city as 2025?"],
)
def test_this_edition_asked_beside_a_past_year_is_not_that_edition(question: str) -> None:
    text, _ = ask(question)
    assert "TIDAL 2025, Vigo" not in text, text


SEASON = Event.model_validate(
    {
        "id": "tide-seminars-2027",
        "name": "Tide Seminars 2027–28",
        "kind": "seminar series",
        "summary": "Online seminars on coastal data.",
        "timezone": "Europe/Lisbon",
        "dates": {"start": "2027-09-15", "end": "2028-04-20"},
        "topics": ["tide gauges"],
    }
)


@pytest.mark.parametrize(
    "question",
    [
        "Will there be a Tide Seminars season in 2028–29?",
        "Wann beginnt die Tide-Seminarreihe 2028/29?",
        "Wat zijn de onderwerpen van de Tide Seminars in 2029-30?",
    ],
)
def test_another_season_is_handed_off(question: str) -> None:
    said = asking.ask([SEASON], question, NOW)
    assert said.handoff and "Tide Seminars 2027–28" in said.text, said.text
    assert "15" not in said.text and "tide gauges" not in said.text, said.text


def test_this_season_by_its_span_is_answered() -> None:
    said = asking.ask([SEASON], "What are the dates of the Tide Seminars 2027–28?", NOW)
    assert not said.handoff and "15 September 2027" in said.text, said.text


def test_an_edition_after_one_that_took_place_in_a_year_not_known_is_another() -> None:
    """The report of an afternoon whose year is not written: "again in 2028?" is handed off."""
    event = Event.model_validate(
        {
            "id": "harbour-day",
            "name": "Harbour Data Afternoon",
            "status": "took_place",
            "summary": "An afternoon on harbour data.",
            "timezone": "Europe/Lisbon",
            "dates": {"start": "--06-28"},
        }
    )
    said = asking.ask([event], "Gibt es 2028 wieder ein Harbour Data Afternoon?", NOW)
    assert said.handoff and "2028" in said.text, said.text


@pytest.mark.parametrize(
    "question",
    [
        "Where was the previous TIDAL?",
        "Wo fand die vorherige TIDAL statt?",
        "Waar was de vorige TIDAL?",
    ],
)
def test_the_previous_edition_named_with_the_event_is_a_past_edition(question: str) -> None:
    text, handoff = ask(question)
    assert "Vigo" in text and not handoff, text


@pytest.mark.parametrize(
    "question",
    [
        "How many participants attended the 2023 TIDAL?",
        "Wie viele Teilnehmende hatte die TIDAL 2023?",
        "How many participants did TIDAL have in Cádiz?",
    ],
)
def test_how_many_came_to_a_past_edition_is_that_editions_not_this_ones_places(
    question: str,
) -> None:
    """The places of this edition are no count of who came to another: the edition named by
    its year or its place answers, from what the organisers list of it."""
    editions = [
        {"name": "TIDAL 2025, Vigo", "year": 2025, "note": "Held in Vigo, with 140 participants."},
        {"name": "TIDAL 2023", "year": 2023, "note": "Held in Cádiz, with 95 participants."},
    ]
    facts = {"past_editions": editions, "registration": {"required": True, "capacity": 160}}
    event = Event.model_validate({**EVENT.model_dump(mode="json"), **facts})
    said = asking.ask([event], question, NOW)
    assert "95" in said.text and "160" not in said.text and "140" not in said.text, said.text
    assert "160" in asking.ask([event], "How many participants does TIDAL take?", NOW).text

"""A question one of the event's fields seems to answer, but whose words that answer leaves
unsaid: the organisers' entry the question asks, if it says them; a session named by words
of its own title, not by the event's name in another title; where a session is, not where
the deadline for its tickets is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import asking
from eventbot.engine import Engine
from eventbot.knowledge import Event, load_events

NOW = dt.datetime(2031, 2, 1, 12, tzinfo=dt.UTC)
EVENTS = Path(__file__).parents[2] / "events"
EVENT = Event.model_validate(
    {
        "id": "riga-geodesy-2031",
        "name": "Riga Geodesy Days 2031",
        "summary": "Three days of satellite geodesy.",
        "timezone": "Europe/Riga",
        "dates": {"start": "2031-05-20", "end": "2031-05-22"},
        "venue": {"name": "Ķīpsala Hall", "city": "Riga", "country": "Latvia"},
        "fees": [
            {"category": "Regular", "amount": 420, "currency": "EUR"},
            {
                "category": "Student",
                "amount": 180,
                "currency": "EUR",
                "note": "Students in the showcase pay this rate too.",
            },
        ],
        "registration": {
            "how": "Register on the conference website.",
            "deadline": "2031-05-01",
        },
        "deadlines": [
            {"name": "Conference dinner tickets", "kind": "other", "date": "2031-05-10"},
        ],
        "programme": [
            {
                "title": "Opening: Riga Geodesy Days and the Baltic network",
                "day": "2031-05-20",
                "start": "09:00",
                "end": "10:00",
                "description": "In the main hall.",
            },
            {
                "title": "Conference dinner",
                "day": "2031-05-21",
                "start": "19:30",
                "end": "23:00",
                "description": "At the Rīga Stock Exchange museum by Kronvalds Park, a tram "
                "ride from the hall.",
            },
            {
                "title": "Farewell coffee",
                "day": "2031-05-22",
                "start": "16:00",
                "end": "17:00",
                "description": "In the foyer.",
            },
        ],
        "qa": [
            {
                "question": "What is the student showcase?",
                "answer": "To apply, send a 300-word abstract of your thesis by 15 March 2031; "
                "eight students are chosen for the showcase.",
                "keywords": ["student showcase", "showcase"],
            },
            {
                "question": "What are the rooms at the student residence like?",
                "answer": "Twin rooms with a private bathroom; bed linen and towels are provided.",
                "keywords": ["residence", "rooms"],
            },
            {
                "question": "Where can I stay?",
                "answer": "We recommend the Hotel Bergs in the old town (120 EUR a night).",
                "keywords": ["hotel"],
            },
            {
                "question": "Is there a printed programme?",
                "answer": "Each delegate gets a printed programme and a tote bag.",
            },
        ],
    }
)


def reply(question: str) -> asking.Said:
    return asking.ask([EVENT], question, NOW)


@pytest.mark.parametrize(
    "question",
    [
        "Student showcase at the Riga Geodesy Days - how do I apply?",
        "Wie bewerbe ich mich für den Showcase?",
        "how to register for the showcase?",
    ],
)
def test_an_entry_says_what_the_registration_leaves_unsaid(question: str) -> None:
    said = reply(question)
    assert "300-word" in said.text
    assert not said.handoff


def test_a_question_the_fields_answer_is_still_theirs() -> None:
    said = reply("How do I register?")
    assert "conference website" in said.text
    assert "showcase" not in said.text


@pytest.mark.parametrize(
    "question",
    [
        "Where is the farewell coffee of the Riga Geodesy Days?",
        "Wo ist der Farewell coffee der Riga Geodesy Days?",
    ],
)
def test_the_event_s_own_name_names_no_session(question: str) -> None:
    said = reply(question)
    assert "foyer" in said.text
    assert "Baltic network" not in said.text


@pytest.mark.parametrize(
    "question",
    [
        "Where is the conference dinner?",
        "Wo ist das Konferenzdinner?",
        "Waar is het conferentiediner?",
    ],
)
def test_where_a_session_is_is_not_its_tickets_deadline(question: str) -> None:
    said = reply(question)
    assert "Stock Exchange" in said.text
    assert not said.handoff


def test_a_fee_asked_after_an_entry_is_the_fee() -> None:
    first = reply("What is the student showcase?")
    assert "300-word" in first.text
    then = asking.ask([EVENT], "What does the student registration cost?", NOW, first.state)
    assert "180" in then.text


@pytest.mark.parametrize(
    "question",
    [
        "Is there a gym at the student residence?",
        "Gibt es ein Fitnessstudio in der Residenz?",
        "Is er een sportschool in de residentie?",
    ],
)
def test_an_entry_that_does_not_speak_of_what_is_asked_is_no_answer(question: str) -> None:
    said = reply(question)
    assert "bathroom" not in said.text
    assert said.handoff


@pytest.mark.parametrize(
    "question", ["Is there parking at Ķīpsala Hall?", "Kann man an der Ķīpsala Hall parken?"]
)
def test_one_word_of_a_description_names_no_session_for_a_question_of_nothing_known(
    question: str,
) -> None:
    said = reply(question)
    assert "Stock Exchange" not in said.text
    assert said.handoff


def test_a_question_before_another_in_one_sentence_is_asked_too() -> None:
    said = reply("Which hotel do you recommend, and what does a night there cost?")
    assert "Hotel Bergs" in said.text


def test_a_full_stop_after_a_word_written_short_ends_no_sentence() -> None:
    understanding = Engine([EVENT]).understanding
    for text in (
        "How many days until I fly to St. John's?",
        "Is Dr. Ozola speaking?",
        "price per night at the hotel incl. service charge?",
        "Was kostet das Zimmer inkl. Frühstück?",
        "Zijn er kortingen, bijv. voor studenten?",
    ):
        [question] = understanding.read(text)
        assert question.text.endswith(text.lower()[-12:])


def test_an_entry_that_does_not_say_how_is_no_answer_to_how() -> None:
    event = Event.model_validate(
        {
            **EVENT.model_dump(mode="json", exclude_none=True),
            "qa": [
                {
                    "question": "What is the student showcase?",
                    "answer": "Eight students give 5-minute talks; a jury awards a prize.",
                    "keywords": ["student showcase", "showcase"],
                }
            ],
        }
    )
    said = asking.ask([event], "How do I apply for the student showcase?", NOW)
    assert said.handoff and "jury" not in said.text, said.text


@pytest.mark.parametrize(
    "question",
    [
        "What do I need to apply?",
        "Was brauche ich für die Bewerbung?",
        "Wat heb ik nodig om me aan te melden?",
    ],
)
def test_what_one_needs_to_apply_is_what_the_organisers_ask_for(question: str) -> None:
    """ "What do I need to apply?" asks what to send ("a CV and a motivation letter"), not
    whether one must register ("do I need to register?")."""
    school = Event.model_validate(
        {
            "id": "tatra-school-2031",
            "name": "Tatra Summer School in Snow Science 2031",
            "timezone": "Europe/Warsaw",
            "dates": {"start": "2031-07-07", "end": "2031-07-18"},
            "registration": {
                "required": True,
                "deadline": "2031-04-15",
                "url": "https://tatra.example.org/apply",
                "how": "Apply online with a CV and a one-page motivation letter.",
            },
        }
    )
    reply = asking.ask([school], question, NOW)
    assert "motivation letter" in reply.text and "is required" not in reply.text, reply.text
    assert not reply.handoff


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Is there a journal special issue connected to TAI4H?", "CMIG"),
        ("Mit welcher Konferenz ist der TAI4H-Workshop verbunden?", "IJCAI"),
        ("Met welke conferentie is TAI4H verbonden?", "IJCAI"),
    ],
)
def test_what_something_is_connected_to_is_what_belongs_to_it(question: str, said: str) -> None:
    """ "connected to", "verbunden", "verbonden" say that something belongs to the event, no
    thing of its own that the facts must speak of."""
    answer = asking.ask(load_events(EVENTS), question, NOW)
    assert said in answer.text and not answer.handoff, answer.text

"""What the fields do not answer may be said in the organisers' own text: a session whose
title or description speaks of every word asked, or one sentence of a note, the directions or
the description. One word in common is not enough, and neither is a sentence that speaks of
only some of the question."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "kvarken-2027",
        "name": "Kvarken Coastal Data School 2027",
        "summary": "A summer school on coastal monitoring data.",
        "timezone": "Europe/Helsinki",
        "dates": {"start": "2027-06-14", "end": "2027-06-18"},
        "venue": {
            "name": "Vaasa Marine Station",
            "city": "Vaasa",
            "country": "Finland",
            "directions": "From Vaasa airport take bus 10 to the harbour (20 minutes). "
            "Cyclists can borrow a bike at the harbour kiosk for free. "
            "Bikes must be returned to the harbour kiosk by 18:00. "
            "Taxis from the airport terminal wait outside arrivals.",
        },
        "registration": {
            "required": True,
            "deadline": "2027-04-30",
            "note": "Late arrivals check in at the registration desk on the ground floor.",
        },
        "contact": {"email": "school@kvarken.example.org"},
        "fees": [
            {
                "category": "Full board",
                "amount": 900,
                "currency": "EUR",
                "note": "Rooms are shared by two participants. Towels and bed linen are provided.",
            },
            {"category": "Tuition only", "amount": 500, "currency": "EUR"},
        ],
        "programme": [
            {
                "title": "Public evening lecture: Seals of the Kvarken archipelago",
                "day": "2027-06-15",
                "start": "19:00",
                "end": "20:00",
                "description": "Given by Aino Laaksonen in the town library; free entry.",
            },
            {
                "title": "Excursion: Replot bridge and the skerries by boat",
                "day": "2027-06-17",
                "start": "09:00",
                "end": "13:00",
            },
        ],
    }
)


def ask(question: str) -> asking.Said:
    return asking.ask([EVENT], question, NOW)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Who gives the public evening lecture?", "Aino Laaksonen"),
        ("Wer hält den öffentlichen Abendvortrag?", "Aino Laaksonen"),
        ("Wann ist die Exkursion mit dem Boot?", "09:00"),
        ("Hoe laat begint de excursie met de boot?", "09:00"),
        ("Sind Handtücher und Bettwäsche dabei?", "Towels and bed linen are provided"),
        ("Can cyclists borrow a bike at the harbour?", "borrow a bike"),
        ("Kunnen fietsers een fiets lenen bij de haven?", "borrow a bike"),
    ],
)
def test_the_organisers_text_answers(question: str, said: str) -> None:
    reply = ask(question)
    assert not reply.handoff
    assert said in reply.text


def test_a_sentence_is_given_in_the_whole_text_it_is_part_of_in_the_language_asked() -> None:
    reply = ask("Kann man am Hafen ein Fahrrad leihen?")
    assert "From Vaasa airport take bus 10" in reply.text  # the sentence before, too
    assert "Dazu steht bei Vaasa Marine Station: „" in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Can I bring my dog on the boat?",  # the boat is there, the dog is not
        "Are towels provided at the library?",  # the towels and the library are apart
        # the directions speak of taxis from the airport, with a number, but of no fare
        "How much is a taxi from the airport terminal?",
        # a session's line tells no price, nor how to register for it
        "How much does the boat excursion cost?",
        "Do I need to register for the public evening lecture?",
        # the registration's facts speak of the desk, but not of when it opens: the deadline
        # is no answer
        "When does the registration desk open?",
        "Is registration at the desk possible?",
    ],
)
def test_a_text_that_speaks_of_part_of_the_question_does_not_answer(question: str) -> None:
    assert ask(question).handoff


def test_two_sentences_of_one_text_are_no_tie() -> None:
    """Either sentence on bikes gives the same directions: they answer."""
    reply = ask("Is there a bike kiosk at the harbour?")
    assert not reply.handoff
    assert "by 18:00" in reply.text

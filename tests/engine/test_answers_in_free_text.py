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
            "Cyclists can borrow a bike at the station for free.",
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
        ("Can cyclists borrow a bike at the station?", "borrow a bike"),
        ("Kunnen fietsers een fiets lenen bij het station?", "borrow a bike"),
    ],
)
def test_the_organisers_text_answers(question: str, said: str) -> None:
    reply = ask(question)
    assert not reply.handoff
    assert said in reply.text


def test_a_sentence_is_given_in_the_whole_text_it_is_part_of_in_the_language_asked() -> None:
    reply = ask("Kann man an der Station ein Fahrrad leihen?")
    assert "From Vaasa airport take bus 10" in reply.text  # the sentence before, too
    assert "Dazu steht bei Vaasa Marine Station: „" in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Can I bring my dog on the boat?",  # the boat is there, the dog is not
        "Are towels provided at the library?",  # the towels and the library are apart
        "How much is a taxi from the airport?",  # the directions name no fare
        # the registration's facts speak of the desk, but not of when it opens: the deadline
        # is no answer
        "When does the registration desk open?",
        "Is registration at the desk possible?",
    ],
)
def test_a_text_that_speaks_of_part_of_the_question_does_not_answer(question: str) -> None:
    assert ask(question).handoff

"""Which language something is in ("Is the school taught in English?", "In welke taal zijn de
lezingen?", "Gibt es Untertitel?", "Can I write my abstract in Spanish?") is the organisers'
sentence that names it, or names captions or interpreting, and speaks of what is asked; a
language or an aid no sentence names, or two sentences as good, go to the organisers."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2041, 3, 2, 9, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "pamir-2041",
        "name": "Pamir Geodesy Summer School 2041",
        "short_name": "Pamir School",
        "timezone": "Asia/Dushanbe",
        "dates": {"start": "2041-07-07", "end": "2041-07-18"},
        "venue": {
            "name": "Khorog Field Station",
            "city": "Khorog",
            "country": "Tajikistan",
            "note": "The lectures are in English; the field days are in English and Russian.",
        },
        "description": "Twelve days of GNSS surveying in the Pamir mountains. Reports are "
        "written in English only. Sign up for the field groups at the desk.",
        "programme": [
            {
                "title": "Public lecture: Glaciers of the Pamir",
                "day": "2041-07-09",
                "start": "19:00",
                "end": "20:00",
                "description": "Firuza Nazarova, in Tajik with English interpretation.",
            },
            {
                "title": "Welcome dinner",
                "day": "2041-07-07",
                "start": "19:30",
                "end": "21:30",
                "description": "On the station terrace.",
            },
        ],
        "contact": {"email": "school@example.tj"},
    }
)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Are the lectures in English?", "The lectures are in English"),
        ("In welke taal zijn de velddagen?", "English and Russian"),
        ("In welcher Sprache finden die Geländetage statt?", "English and Russian"),
        ("Is the public lecture in English?", "Tajik with English interpretation"),
        ("Wird der öffentliche Vortrag gedolmetscht?", "English interpretation"),
    ],
)
def test_the_language_is_the_sentence_that_names_it(question: str, said: str) -> None:
    answer = asking.ask([EVENT], question, NOW)
    assert said in answer.text and not answer.handoff, answer.text


def test_a_clause_that_says_so_is_a_yes() -> None:
    answer = asking.ask([EVENT], "Zijn de velddagen in het Russisch?", NOW)
    assert answer.text.startswith("Ja") and "English and Russian" in answer.text, answer.text


def test_a_language_no_sentence_names_goes_to_the_organisers() -> None:
    answer = asking.ask([EVENT], "Gibt es Untertitel auf Spanisch?", NOW)
    assert answer.handoff and "English" not in answer.text, answer.text


def test_signing_up_is_no_sign_language() -> None:
    answer = asking.ask([EVENT], "Is there sign language interpretation at the school?", NOW)
    assert answer.handoff and "desk" not in answer.text, answer.text


def test_a_zone_named_by_a_people_asks_no_language() -> None:
    answer = asking.ask([EVENT], "When is the public lecture in German time?", NOW)
    assert "Glaciers of the Pamir" in answer.text and "interpretation" in answer.text
    assert "16:00" in answer.text, answer.text

"""The people of an event by the role the organisers gave them: "who chairs the programme
committee?" is one organiser, "who organises it?" all of them, each with their role."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2035, 3, 1, 10, tzinfo=dt.UTC)


def congress() -> Event:
    return Event.model_validate(
        {
            "id": "glass-2035",
            "name": "International Congress on Glass Conservation 2035",
            "short_name": "ICGC 2035",
            "summary": "A congress on the conservation of historic glass.",
            "timezone": "Europe/Copenhagen",
            "dates": {"start": "2035-09-10", "end": "2035-09-12"},
            "organisers": [
                {
                    "name": "Mette Kjær",
                    "affiliation": "Danish Glass Museum",
                    "role": "General chair",
                },
                {
                    "name": "Rui Okafor",
                    "affiliation": "University of Aarhus",
                    "role": "Programme committee chair",
                },
                {"name": "Lena Brandt", "role": "Local arrangements and volunteers"},
            ],
        }
    )


@pytest.mark.parametrize(
    "question",
    [
        "Who chairs the programme committee of ICGC?",
        "Wie is de voorzitter van het programmacomité van ICGC?",
    ],
)
def test_a_role_asked_names_the_one_organiser_who_has_it(question: str) -> None:
    reply = asking.ask([congress()], question, NOW)
    assert "Rui Okafor" in reply.text and not reply.handoff, reply.text
    assert "Mette Kjær" not in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Who organises ICGC?",
        "Wer organisiert den ICGC?",
        "Wie organiseert ICGC?",
    ],
)
def test_the_organisers_are_told_with_their_roles(question: str) -> None:
    reply = asking.ask([congress()], question, NOW)
    for said in ("Mette Kjær", "General chair", "Rui Okafor", "Lena Brandt"):
        assert said in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Who is the director of the glass school?",
        "Wer ist der Direktor der Glasschule?",
        "Wie is de directeur van de glasschool?",
    ],
)
def test_a_role_no_other_has_is_answered_in_any_language(question: str) -> None:
    school = asking.changed(
        congress(),
        name="Nordic Glass School 2035",
        aliases=["glass school", "Glasschule", "glasschool"],
        organisers=[
            {"name": "Mette Kjær", "affiliation": "Danish Glass Museum", "role": "School director"},
            {"name": "Lena Brandt", "role": "Lab coordinator"},
        ],
    )
    reply = asking.ask([school], question, NOW)
    assert "Mette Kjær" in reply.text and "Lena Brandt" not in reply.text, reply.text


def workshop(note: str) -> Event:
    return asking.changed(congress(), organisers=[], speakers=[], speakers_note=note)


@pytest.mark.parametrize(
    "question",
    ["Who are the speakers at ICGC?", "Wer spricht beim ICGC?", "Wie zijn de sprekers op ICGC?"],
)
def test_what_the_organisers_say_of_speakers_they_do_not_name_answers(question: str) -> None:
    reply = asking.ask([workshop("The speakers are announced in June 2035.")], question, NOW)
    assert "announced in June 2035" in reply.text and not reply.handoff, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Are there speakers from the Corning Museum at ICGC?",  # the note does not say
        "How many speakers are there at ICGC?",  # nor how many
    ],
)
def test_a_note_on_the_speakers_that_leaves_the_question_unsaid_is_handed_off(
    question: str,
) -> None:
    reply = asking.ask([workshop("The speakers are announced in June 2035.")], question, NOW)
    assert reply.handoff, reply.text


def with_speakers() -> Event:
    return asking.changed(
        congress(),
        speakers=[
            {"name": "Ana Ruiz", "affiliation": "Museo del Vidrio", "role": "Opening keynote"},
            {"name": "Tom Berg", "role": "Medal lecture", "talk": "Fifty years of cleaning"},
            {"name": "Ivo Hart", "talk": "Lead in Roman glass"},
        ],
    )


def test_the_speakers_are_told_with_their_roles() -> None:
    reply = asking.ask([with_speakers()], "Who are the speakers at ICGC?", NOW)
    assert "Ana Ruiz (Museo del Vidrio), Opening keynote" in reply.text, reply.text
    assert "Tom Berg, Medal lecture" in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Who gives the medal lecture at ICGC?",
        "Wer hält die Medal Lecture beim ICGC?",
        "Wie geeft de medal lecture op ICGC?",
    ],
)
def test_a_role_only_one_speaker_has_names_that_speaker(question: str) -> None:
    reply = asking.ask([with_speakers()], question, NOW)
    assert "Tom Berg" in reply.text and "Ana Ruiz" not in reply.text, reply.text

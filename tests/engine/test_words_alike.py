"""A question may name a thing in other words than the organisers' English ("meals" for their
"food", a "recommendation letter" for their "reference letters"): words that name the same
thing are compared with the facts as one, and tell nothing else about what is asked."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2033, 1, 10, 9, tzinfo=dt.UTC)


def school() -> Event:
    return Event.model_validate(
        {
            "id": "fynbos-school-2033",
            "name": "Fynbos Summer School 2033",
            "summary": "A summer school on plant systematics.",
            "timezone": "Africa/Windhoek",
            "dates": {"start": "2033-02-07", "end": "2033-02-18"},
            "deadlines": [
                {"name": "Applications", "date": "2032-10-01"},
                {"name": "Reference letters", "date": "2032-10-15"},
            ],
            "qa": [
                {
                    "question": "What about food?",
                    "answer": "All food is vegetarian; halal and kosher options on request.",
                    "keywords": ["food", "vegetarian", "halal"],
                }
            ],
        }
    )


@pytest.mark.parametrize(
    "question",
    [
        "Are the meals halal at the Fynbos school?",
        "Gibt es Halal-Essen bei der Fynbos-Schule?",
        "Is er halal eten op de Fynbos-school?",
    ],
)
def test_a_thing_named_in_other_words_is_the_organisers(question: str) -> None:
    answer = asking.ask([school()], question, NOW)
    assert "halal and kosher" in answer.text and not answer.handoff, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("When is the deadline for recommendation letters?", "15 October"),
        ("Bis wann müssen die Empfehlungsschreiben da sein?", "15. Oktober"),
    ],
)
def test_a_deadline_named_in_other_words_is_that_deadline(question: str, said: str) -> None:
    answer = asking.ask([school()], question, NOW)
    assert said in answer.text and "1 October" not in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Can my wife come along to the Fynbos school?",
        "Can my husband come with me to the Fynbos school?",
        "Darf meine Frau zur Fynbos-Schule mitkommen?",
        "Kann mein Mann zur Fynbos-Schule mitkommen?",
        "Mag mijn vrouw mee naar de Fynbos-school?",
    ],
)
def test_a_wife_or_husband_is_the_organisers_partner(question: str) -> None:
    """ "My wife", "meine Frau", "mijn man" are the asker's partner, of whom the organisers
    write; "come along", "mitkommen", "mee" ask nothing more than whether they may come."""
    event = asking.changed(
        school(),
        qa=[
            {
                "question": "Can my partner come?",
                "answer": "Partners can share your room for 40 NAD a night.",
                "keywords": ["partner", "family"],
            }
        ],
    )
    answer = asking.ask([event], question, NOW)
    assert "40 NAD a night" in answer.text and not answer.handoff, answer.text


def test_watching_is_what_a_stream_is_for() -> None:
    """ "Can I watch the public lecture from home?" of a lecture that is streamed."""
    event = asking.changed(
        school(),
        programme=[
            {
                "title": "Public lecture: Fire and fynbos",
                "day": "2033-02-10",
                "start": "19:00",
                "end": "20:00",
                "description": "Free and open to the public, and streamed on YouTube.",
            }
        ],
    )
    answer = asking.ask([event], "Can I watch the public lecture of the Fynbos school?", NOW)
    assert "streamed on YouTube" in answer.text and not answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Why was the evening lecture of the Fynbos school postponed?",
        "Warum wurde der Abendvortrag der Fynbos-Schule verschoben?",
        "Waarom is de avondlezing van de Fynbos-school verplaatst?",
    ],
)
def test_a_session_postponed_is_one_the_organisers_moved(question: str) -> None:
    """ "verschoben", "verplaatst", "postponed": what the organisers write as "moved"."""
    event = asking.changed(
        school(),
        programme=[
            {
                "title": "Evening lecture: Fire and fynbos",
                "day": "2033-02-10",
                "start": "19:00",
                "description": "Moved from 8 February, because the speaker's flight changed.",
            },
            {"title": "Field day", "day": "2033-02-11", "start": "08:00"},
        ],
    )
    answer = asking.ask([event], question, NOW)
    assert "flight changed" in answer.text and not answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Are drinks and snacks included in the fee?",
        "Sind Getränke und Snacks in der Gebühr dabei?",
        "Zijn er drankjes inbegrepen bij de prijs?",
    ],
)
def test_drinks_and_snacks_are_the_refreshments_a_fee_includes(question: str) -> None:
    event = asking.changed(
        school(),
        fees=[
            {
                "category": "Participant",
                "amount": 9500,
                "currency": "NAD",
                "includes": ["lectures", "refreshments in the breaks"],
            }
        ],
    )
    reply = asking.ask([event], question, NOW)
    assert "refreshments in the breaks" in reply.text and not reply.handoff, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Is the Fynbos school also meant for physicians?",
        "Is the Fynbos school meant for people like me? I'm a doctor.",
    ],
)
def test_whom_a_school_is_meant_for_is_its_audience_in_the_organisers_words(
    question: str,
) -> None:
    event = asking.changed(school(), audience="Botanists and medical practitioners")
    reply = asking.ask([event], question, NOW)
    assert "Botanists and medical practitioners" in reply.text and not reply.handoff, reply.text

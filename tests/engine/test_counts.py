"""A count of what attendees did ("how many people have registered?", "Wie viele Einreichungen
gab es?") is no fact of the event: handed off. A count the facts give is answered: the pages a
paper may have, the places there are, the days left to register."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)


def event(capacity: int | None) -> Event:
    return Event.model_validate(
        {
            "id": "counts-2027",
            "name": "Counting Workshop 2027",
            "summary": "A workshop.",
            "timezone": "Europe/Berlin",
            "dates": {"start": "2027-06-10"},
            "registration": {"required": True, "deadline": "2027-05-31", "capacity": capacity},
            "submission": {"page_limit": "8 pages plus references", "rules": ["One paper each."]},
        }
    )


def ask(question: str, capacity: int | None = None) -> tuple[str, bool]:
    said = asking.ask([event(capacity)], question, NOW)
    return said.text, said.handoff


@pytest.mark.parametrize(
    "question",
    [
        "how many people have registered so far?",
        "Wie viele Einreichungen gab es dieses Jahr?",
        "Hoeveel inschrijvingen zijn er al?",
    ],
)
def test_a_count_of_what_was_done_is_handed_off(question: str) -> None:
    _, handoff = ask(question)
    assert handoff


@pytest.mark.parametrize(
    ("question", "said", "capacity"),
    [
        ("Wie viele Seiten darf das Paper haben?", "8 pages", None),
        ("Wie viele Seiten?", "8 pages", None),  # "wie viele" counts: "wie viel" asks a price
        ("Hoeveel pagina's mag het paper hebben?", "8 pages", None),
        ("how many people can register?", "120", 120),
        ("how many days are left to register?", "in 91 days", None),
    ],
)
def test_a_count_the_facts_give_is_answered(question: str, said: str, capacity: int | None) -> None:
    text, handoff = ask(question, capacity)
    assert not handoff
    assert said in text


@pytest.mark.parametrize(
    "question",
    [
        "What's the acceptance rate for full papers?",
        "What is the acceptance rate?",
        "Wie hoch ist die Annahmequote?",
        "Wat is de acceptatiegraad van de workshop?",
    ],
)
def test_a_rate_of_what_was_done_is_handed_off(question: str) -> None:
    # a fee's "rate" and the acceptance deadline are no acceptance rate
    data = event(None).model_dump(mode="json")
    data["fees"] = [{"category": "Regular rate", "amount": 200, "currency": "EUR"}]
    data["deadlines"] = [
        {
            "name": "Full papers",
            "kind": "submission",
            "date": "2027-03-20",
            "note": "One author registers at the regular rate.",
        },
        {"name": "Acceptance notification", "kind": "notification", "date": "2027-04-20"},
    ]
    said = asking.ask([Event.model_validate(data)], question, NOW)
    assert said.handoff, said.text


def test_a_rate_the_organisers_give_is_answered() -> None:
    data = event(None).model_dump(mode="json")
    data["qa"] = [
        {
            "question": "How selective is the workshop?",
            "answer": "Last year's acceptance rate was 31 %.",
            "keywords": ["acceptance rate"],
        }
    ]
    said = asking.ask([Event.model_validate(data)], "What is the acceptance rate?", NOW)
    assert not said.handoff
    assert "31 %" in said.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How many words may the reflection essay have?", "800-word"),
        ("Wie viele Wörter darf der Essay haben?", "800-word"),
        ("Hoeveel woorden mag de motivatie zijn?", "at most 400 words"),
        ("how many words for the motivation statement?", "at most 400 words"),
    ],
)
def test_a_count_written_in_the_organisers_words_is_answered_with_them(
    question: str, said: str
) -> None:
    """A number of what is counted, next to it in any text of the event (an entry's answer, a
    field's description), in the one text that also speaks of what it is counted of."""
    data = event(None).model_dump(mode="json")
    data["qa"] = [
        {
            "question": "How do I get the certificate?",
            "answer": "Attend six sessions live and send an 800-word reflection essay by 7 May.",
        }
    ]
    data["registration"]["fields"] = [
        {"name": "motivation", "label": "Your motivation statement (at most 400 words)"}
    ]
    text = asking.ask([Event.model_validate(data)], question, NOW).text
    assert said in text, text


def test_a_count_of_something_the_question_does_not_name_is_no_number_written() -> None:
    """ "How many people attended?" is not answered by the "up to 5 people" of a team."""
    data = event(None).model_dump(mode="json")
    data["qa"] = [{"question": "Can we come as a team?", "answer": "Teams of up to 5 people."}]
    said = asking.ask([Event.model_validate(data)], "How many people attended last year?", NOW)
    assert "5 people" not in said.text, said.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How long can the abstract be?", "300 words"),
        ("Wie lang darf das Abstract sein?", "300 words"),
        ("En hoe lang mag het abstract zijn?", "300 words"),
    ],
)
def test_how_long_a_written_thing_may_be_is_its_size_in_the_organisers_words(
    question: str, said: str
) -> None:
    """ "How long" of an abstract asks its words or pages, not a length of time."""
    data = event(None).model_dump(mode="json")
    data["submission"] = {"rules": ["Abstracts of up to 300 words, in English."]}
    text = asking.ask([Event.model_validate(data)], question, NOW).text
    assert said in text, text


@pytest.mark.parametrize(
    "question",
    [
        "How long do I have to submit my abstract?",
        "Hoe lang heb ik om mijn abstract in te dienen?",
        "Wie lange dauert es, bis ich nach dem Einreichen des Abstracts Bescheid bekomme?",
    ],
)
def test_how_long_of_a_time_to_act_is_no_size(question: str) -> None:
    data = event(None).model_dump(mode="json")
    data["submission"] = {"rules": ["Abstracts of up to 300 words, in English."]}
    text = asking.ask([Event.model_validate(data)], question, NOW).text
    assert "300 words" not in text, text


@pytest.mark.parametrize(
    "question",
    [
        "How many nights are included in the school fee?",
        "How many nights does the school fee include?",
        "Hoeveel nachten zijn inbegrepen?",
    ],
)
def test_a_count_every_fee_that_gives_it_agrees_on_is_given(question: str) -> None:
    """Each room's fee says "13 nights": one number, though several texts give it; what a fee
    includes is what its field says, though its text does not say "include"."""
    school = Event.model_validate(
        {
            "id": "ridge-school-2027",
            "name": "Ridge Winter School 2027",
            "timezone": "Europe/Vienna",
            "dates": {"start": "2027-02-01", "end": "2027-02-14"},
            "fees": [
                {
                    "category": "Shared room",
                    "amount": 1450,
                    "currency": "EUR",
                    "includes": ["tuition", "13 nights in a twin room with full board"],
                },
                {
                    "category": "Single room",
                    "amount": 1790,
                    "currency": "EUR",
                    "includes": ["tuition", "13 nights in a single room with full board"],
                },
                {
                    "category": "Extra night",
                    "amount": 85,
                    "currency": "EUR",
                    "includes": ["a room with breakfast in Innsbruck"],
                },
            ],
        }
    )
    said = asking.ask([school], question, NOW)
    assert "13 nights" in said.text
    assert "85" not in said.text


def school_with_studios() -> Event:
    return Event.model_validate(
        {
            "id": "karoo-school-2027",
            "name": "Karoo School 2027",
            "summary": "A school.",
            "timezone": "Europe/Berlin",
            "dates": {"start": "2027-06-07", "end": "2027-06-11"},
            "speakers": [{"name": "Selma Nangolo", "affiliation": "NUST"}],
            "programme": [
                {
                    "title": "Studios in town",
                    "day": "2027-06-07",
                    "start": "14:00",
                    "end": "17:00",
                    "description": "Every afternoon, in small groups with residents and tutors.",
                },
                {"title": "Public lecture", "day": "2027-06-08", "start": "19:00"},
            ],
        }
    )


@pytest.mark.parametrize(
    "question",
    ["How many tutors work in the studios?", "Wie viele Tutoren betreuen die Studios?"],
)
def test_a_session_that_gives_no_number_of_what_is_counted_does_not_answer(
    question: str,
) -> None:
    assert asking.ask([school_with_studios()], question, NOW).handoff


def test_what_time_asked_with_wie_viel_is_no_count() -> None:
    reply = asking.ask([school_with_studios()], "Um wie viel Uhr ist der öffentliche Vortrag?", NOW)
    assert not reply.handoff and "19:00" in reply.text, reply.text

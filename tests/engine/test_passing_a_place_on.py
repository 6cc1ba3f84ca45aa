"""Whether one's place may go to someone else is a rule the organisers write in their own words
("you can pass your place on to a colleague until 1 June"), in a note or in the answer of an
entry on cancelling: a question that asks it, in any of the words attendees use, gets that
sentence, and a yes when it allows it. Not the capacity "place" cues, nor the cancelling
"instead of cancelling" names; and nothing when the organisers say nothing of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import asking
from eventbot.engine.answers.refunds import lets_pass_on, passes_on
from eventbot.knowledge import Event, load_events

NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)
EVENTS = Path(__file__).resolve().parents[1] / "data" / "events"
EVENT = next(e for e in load_events(EVENTS) if e.id == "kvarken-2027")
RULE = "you can pass your place on to a colleague free of charge until 1 June 2027"


def ask(question: str, event: Event = EVENT) -> asking.Said:
    return asking.ask([event], question, NOW)


@pytest.mark.parametrize(
    ("question", "yes"),
    [
        ("Can a colleague take my place?", "Yes."),
        ("I can't come after all. Can I give my place to a colleague instead?", "Yes."),
        ("Can I hand my Kvarken registration over to a friend?", "Yes."),
        ("can someone else come instead of me?", "Yes."),
        ("Kann ich meine Anmeldung auf eine Kollegin übertragen?", "Ja."),
        ("Kann jemand anderes an meiner Stelle kommen?", "Ja."),
        ("Kan een collega mijn plek overnemen?", "Ja."),
        ("Mag ik mijn inschrijving aan een collega geven in plaats van te annuleren?", "Ja."),
    ],
)
def test_a_question_on_passing_ones_place_on_gets_the_organisers_rule(
    question: str, yes: str
) -> None:
    reply = ask(question)
    assert not reply.handoff
    assert RULE in reply.text
    assert reply.text.startswith(yes)


def test_until_when_gets_the_rule_and_no_yes() -> None:
    reply = ask("Until when can I transfer my registration to a colleague?")
    assert RULE in reply.text
    assert not reply.text.startswith("Yes")


def test_a_rule_that_forbids_it_gets_no_yes() -> None:
    forbidding = asking.changed(
        EVENT,
        registration={
            "required": True,
            "note": "Registrations are personal and cannot be transferred to another person.",
        },
    )
    reply = ask("Can a colleague take my place?", forbidding)
    assert "cannot be transferred to another person" in reply.text
    assert not reply.text.startswith("Yes")


def test_the_rule_of_the_place_asked_of_wins_else_one_of_every_place() -> None:
    """The seats' own note speaks of the seat asked of; of a registration, the entry on
    cancelling speaks of every place, not the seats' note."""
    event = asking.changed(
        EVENT,
        registration={"required": True},
        fees=[
            {"category": "Full board", "amount": 900, "currency": "EUR"},
            {
                "category": "Boat excursion seat",
                "amount": 40,
                "currency": "EUR",
                "note": "Boat seats can be transferred to someone else but not refunded.",
            },
        ],
        qa=[
            {
                "question": "What if I cancel?",
                "answer": "If you cancel by 1 May 2027 we refund 50 %. After that we cannot "
                "refund, but you may transfer your registration to a colleague.",
                "keywords": ["cancel", "refund"],
            }
        ],
    )
    seat = ask("Can I give my boat excursion seat to a friend?", event)
    assert "Boat seats can be transferred to someone else" in seat.text
    registration = ask("Can a colleague take my place?", event)
    assert "you may transfer your registration to a colleague" in registration.text
    assert "Boat seats" not in registration.text


@pytest.mark.parametrize(
    "question",
    [
        "Can a colleague take my place?",
        "Kan een collega mijn plek overnemen?",
    ],
)
def test_nothing_said_of_it_is_handed_off(question: str) -> None:
    silent = asking.changed(EVENT, registration={"required": True, "deadline": "2027-04-30"})
    reply = ask(question, silent)
    assert reply.handoff
    assert "colleague" not in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Wird der Eröffnungsvortrag live übertragen?",  # broadcast, of no one's place
        "My colleague is in Tokyo. What time is the opening lecture for her?",
        "Can I pay my registration by bank transfer?",
    ],
)
def test_other_questions_do_not_get_the_rule(question: str) -> None:
    assert RULE not in ask(question).text


@pytest.mark.parametrize(
    ("sentence", "speaks", "lets"),
    [
        ("You can transfer your registration to a colleague until 20 February at no cost.", 1, 1),
        ("Licences cannot be refunded, but you can pass them on to someone else.", 1, 1),
        ("Seats can be transferred to someone else but not refunded.", 1, 1),
        ("Registrations cannot be transferred to another person.", 1, 0),
        ("Tickets are non-transferable; ask a colleague to register instead.", 1, 0),
        ("Bank transfers from outside Finland cost 25 EUR extra.", 0, 0),
        (
            "The challenge is run by our colleagues in Paris, so this deadline is in Paris time.",
            0,
            0,
        ),
    ],
)
def test_the_organisers_sentence_on_it_is_read(sentence: str, speaks: int, lets: int) -> None:
    assert passes_on(sentence) == bool(speaks)
    if speaks:
        assert lets_pass_on(sentence) == bool(lets)

""" "Can I register yet?" asks whether one can, now: yes while registration is open (and where),
no before it opens or after it closes; "must one register?" asks whether one must."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

BEFORE = dt.datetime(2071, 1, 15, 10, tzinfo=dt.UTC)
DURING = dt.datetime(2071, 5, 15, 10, tzinfo=dt.UTC)
AFTER = dt.datetime(2071, 10, 20, 10, tzinfo=dt.UTC)


def congress(required: bool = True) -> Event:
    return Event.model_validate(
        {
            "id": "tribo-2071",
            "name": "Tribology Congress 2071",
            "timezone": "America/Fortaleza",
            "dates": {"start": "2071-10-22", "end": "2071-10-28"},
            "registration": {
                "required": required,
                "opens": "2071-02-01",
                "deadline": "2071-10-18",
                "url": "https://tribo.example.org/register",
            },
        }
    )


@pytest.mark.parametrize(
    ("question", "no", "yes"),
    [
        ("Can I register for the congress yet?", "No.", "Yes."),
        ("Kann ich mich schon für den Kongress anmelden?", "Nein.", "Ja."),
        ("Kan ik me al registreren voor het congres?", "Nee.", "Ja."),
        ("Is registration open?", "No.", "Yes."),
    ],
)
def test_whether_one_can_register_now_is_answered_yes_or_no(
    question: str, no: str, yes: str
) -> None:
    before = asking.ask([congress()], question, BEFORE)
    assert before.text.startswith(no) and "2071" in before.text, before.text  # when it opens
    during = asking.ask([congress()], question, DURING)
    assert during.text.startswith(yes), during.text
    assert "https://tribo.example.org/register" in during.text  # and where
    after = asking.ask([congress()], question, AFTER)
    assert after.text.startswith(no), after.text


@pytest.mark.parametrize(
    "question",
    ["Muss man sich für den Kongress anmelden?", "Moet je je aanmelden voor het congres?"],
)
def test_whether_one_must_register_is_not_whether_one_can(question: str) -> None:
    # registration is open, but not required: "no", not "yes, it is open"
    reply = asking.ask([congress(required=False)], question, DURING)
    assert reply.text.startswith(("Nein", "Nee")), reply.text


def test_whether_one_may_being_who_they_are_gets_no_verdict_of_the_window() -> None:
    reply = asking.ask([congress()], "Can I register as a retired engineer?", DURING)
    assert not reply.text.startswith("Yes"), reply.text


@pytest.mark.parametrize(
    ("question", "there"),
    [
        ("When does registration open, New York time?", "31 January 2071, 22:00"),
        (
            "Ab wann kann man sich anmelden? Uhrzeit bei uns in Deutschland?",
            "1. Februar 2071, 04:00",
        ),
    ],
)
def test_when_registration_opens_is_told_in_the_asker_s_time_once(
    question: str, there: str
) -> None:
    reply = asking.ask([congress()], question, BEFORE)
    assert there in reply.text, reply.text
    assert (
        reply.text.count("2071-10-18")
        + reply.text.count("18 October")
        + reply.text.count("18. Oktober")
        <= 2
    ), reply.text  # the window once, not again before it in the asker's time


@pytest.mark.parametrize(
    ("follow_up", "said"),
    [
        ("When exactly does it open?", "1 February 2071"),
        ("Und wann schließt sie?", "18. Oktober 2071"),
        ("When is it?", "22"),  # the congress, from 22 October: no word of the window
    ],
)
def test_it_after_whether_one_can_register_is_registration_when_its_window_is_asked(
    follow_up: str, said: str
) -> None:
    first = asking.ask([congress()], "Can I register for the congress yet?", BEFORE)
    assert first.text.startswith("No."), first.text
    then = asking.ask([congress()], follow_up, BEFORE, first.state)
    assert said in then.text and not then.handoff, then.text


@pytest.mark.parametrize(
    ("question", "yes"),
    [
        ("Kan ik mijn aanmelding nog insturen?", "Ja"),
        ("Kann ich meine Anmeldung noch einreichen?", "Ja"),
        ("Can I still submit my registration?", "Yes"),
    ],
)
def test_whether_ones_registration_can_still_be_sent_is_whether_it_is_open(
    question: str, yes: str
) -> None:
    during = asking.ask([congress()], question, DURING)
    assert during.text.startswith(yes) and not during.handoff, during.text


def test_whether_ones_registration_can_still_be_changed_is_for_the_organisers() -> None:
    reply = asking.ask([congress()], "Kan ik mijn aanmelding nog wijzigen?", DURING)
    assert reply.handoff, reply.text

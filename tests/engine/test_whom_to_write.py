"""Whom to write to about something ("who do I contact about my invoice?") is the address the
organisers give for it, in the sentence that speaks of it; the general contact when none does,
and whether they do something by mail is no question of an address."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2044, 3, 1, 9, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "korat-2044",
        "name": "Korat Seminars in Paleobotany 2044",
        "short_name": "Korat Seminars",
        "timezone": "Asia/Bangkok",
        "dates": {"start": "2044-05-05", "end": "2044-09-01"},
        "venue": {"mode": "online"},
        "fees": [{"category": "Certificate track", "amount": 90, "currency": "EUR"}],
        "contact": {
            "email": "seminars@korat.example.org",
            "note": "Invoices, refunds and certificates are handled by the Nakhon Trust: "
            "billing@nakhon.example.org. Membership questions go to members@ipa.example.org.",
        },
    }
)


@pytest.mark.parametrize(
    ("question", "address"),
    [
        ("Who do I contact about my certificate invoice?", "billing@nakhon.example.org"),
        ("An wen schreibe ich wegen meiner Mitgliedschaft?", "members@ipa.example.org"),
        ("Naar wie mail ik voor een terugbetaling?", "billing@nakhon.example.org"),
    ],
)
def test_the_address_given_for_what_is_asked(question: str, address: str) -> None:
    reply = asking.ask([EVENT], question, NOW)
    assert address in reply.text and not reply.handoff, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Who do I ask about my invoice?",
        "An wen wende ich mich wegen einer Rechnung?",  # "Rechnung" asks how to pay, too
        "Bij wie kan ik terecht met vragen over mijn factuur?",
    ],
)
def test_asking_whom_to_turn_to_is_asking_the_address(question: str) -> None:
    reply = asking.ask([EVENT], question, NOW)
    assert "billing@nakhon.example.org" in reply.text and not reply.handoff, reply.text


def test_with_nothing_asked_of_the_contact_is_the_organisers() -> None:
    reply = asking.ask([EVENT], "How can I contact the organisers?", NOW)
    assert "seminars@korat.example.org" in reply.text, reply.text


def test_whether_something_is_mailed_asks_no_address() -> None:
    reply = asking.ask([EVENT], "Do you mail a printed certificate?", NOW)
    assert "billing@nakhon.example.org" not in reply.text, reply.text


def test_an_address_the_organisers_wrote_twice_is_still_the_one_given() -> None:
    twice = "Invoices and refunds are handled by the Nakhon Trust: billing@nakhon.example.org."
    event = Event.model_validate(
        {
            **EVENT.model_dump(mode="json"),
            "contact": {"email": "seminars@korat.example.org", "note": twice},
            "registration": {"note": twice, "url": "https://korat.example.org/register"},
        }
    )
    reply = asking.ask([event], "Who do I contact about my invoice?", NOW)
    assert "billing@nakhon.example.org" in reply.text and not reply.handoff, reply.text

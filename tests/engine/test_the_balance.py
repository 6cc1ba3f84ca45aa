"""What is left to pay after the deposit: the fee the asker names less the one deposit the
organisers' text gives in its currency, and the deadline named for the balance when asked by
when; never the list of fees."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2034, 11, 20, 9, tzinfo=dt.UTC)


def school(*, with_a_balance_deadline: bool = True) -> Event:
    deadlines = [{"name": "Deposit", "date": "2034-12-15"}]
    if with_a_balance_deadline:
        deadlines.append({"name": "Balance", "date": "2035-01-31"})
    return Event.model_validate(
        {
            "id": "lofoten-school-2035",
            "name": "Lofoten Winter School 2035",
            "timezone": "Europe/Oslo",
            "dates": {"start": "2035-03-05", "end": "2035-03-16"},
            "fees": [
                {"category": "Student, shared room", "amount": 1480, "currency": "EUR"},
                {"category": "Student, single room", "amount": 1860, "currency": "EUR"},
            ],
            "registration": {
                "required": True,
                "deadline": "2034-11-30",
                "how": "Apply online. Admitted participants pay a deposit of 300 EUR by "
                "15 December 2034 and the balance by 31 January 2035.",
            },
            "deadlines": deadlines,
        }
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How much is left to pay after the deposit for the single room?", "1,560 EUR"),
        ("Wie viel muss ich für das Einzelzimmer noch zahlen?", "1.560 EUR"),
        ("Wat is het restbedrag voor de gedeelde kamer?", "1.180 EUR"),
    ],
)
def test_what_is_left_is_the_fee_less_the_deposit(question: str, said: str) -> None:
    reply = asking.ask([school()], question, NOW)
    assert not reply.handoff and said in reply.text, reply.text
    assert "Student, shared room: 1" not in reply.text  # no list of fees


def test_by_when_is_the_deadline_named_for_the_balance() -> None:
    reply = asking.ask([school()], "How much is left to pay for the single room, and by when?", NOW)
    assert "1,560 EUR" in reply.text and "31 January 2035" in reply.text, reply.text


def test_when_the_balance_is_due_with_no_deadline_named_for_it_is_handed_off() -> None:
    reply = asking.ask(
        [school(with_a_balance_deadline=False)], "When do I have to pay the rest?", NOW
    )
    assert reply.handoff, reply.text

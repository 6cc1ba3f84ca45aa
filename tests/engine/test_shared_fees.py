"""A fee for a group ("recordings for up to 12 people of one institution") that the asker shares
among their people comes to a share each: the answer divides it by the number the message
tells, in the asker's language; more people than the fee is for go to the organisers."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.engine.answers import per_unit
from eventbot.knowledge import Event

NOW = dt.datetime(2041, 9, 1, 9, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "skerries-2041",
        "name": "Skerries Seminars on Tidal Archives 2041",
        "short_name": "Skerries Seminars",
        "summary": "Online seminars on the archives of tide tables.",
        "timezone": "Europe/Dublin",
        "dates": {"start": "2041-10-02", "end": "2042-03-05"},
        "venue": {"mode": "online"},
        "fees": [
            {"category": "Single seat", "amount": 40, "currency": "EUR"},
            {
                "category": "Department licence",
                "amount": 420,
                "currency": "EUR",
                "includes": [
                    "the live seminars and recordings for up to 14 people of one department"
                ],
            },
            {"category": "Harbour walk", "amount": 25, "currency": "EUR"},
        ],
        "contact": {"email": "tides@example.ie"},
    }
)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "If 12 of us share the department licence, how much is that per person?",
            "420 EUR ÷ 12 = 35 EUR per person",
        ),
        (
            "Our archive has seven staff. What does the Skerries department licence come to "
            "per head?",
            "420 EUR ÷ 7 = 60 EUR per person",
        ),
        (
            "Wir sind 10 Leute im Institut. Was kostet die Department-Lizenz pro Kopf?",
            "420 EUR ÷ 10 = 42 EUR pro Person",
        ),
        (
            "We zijn met 8 mensen van ons instituut. Wat kost de licentie voor de afdeling per "
            "persoon?",
            "420 EUR ÷ 8 = 52,50 EUR per persoon",
        ),
    ],
)
def test_a_fee_for_a_group_is_shared_among_the_people_the_message_tells(
    question: str, said: str
) -> None:
    answer = asking.ask([EVENT], question, NOW)
    assert said in answer.text and not answer.handoff, answer.text


def test_how_much_each_after_the_fee_was_given_shares_that_fee() -> None:
    first = asking.ask([EVENT], "What does the department licence cost?", NOW)
    answer = asking.ask([EVENT], "And per person if 15 of us use it?", NOW, first.state)
    assert "fewer than 15" in answer.text and answer.handoff, answer.text
    answer = asking.ask([EVENT], "And per person if 6 of us use it?", NOW, first.state)
    assert "420 EUR ÷ 6 = 70 EUR per person" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "We are 3 friends. What does the harbour walk cost per person?",  # for one person
        "How much is the department licence per person?",  # no number of people told
        "What does the department licence cost per person if we pay 420 EUR by 3 October?",
    ],
)
def test_no_share_is_reckoned_of_a_fee_for_one_or_without_the_people(question: str) -> None:
    assert "÷" not in asking.ask([EVENT], question, NOW).text


def test_the_people_a_fee_is_for_are_read_from_its_text() -> None:
    assert per_unit.group_size(["Group licence (up to 15 people)"]) == 15
    assert per_unit.group_size(["recordings for up to 30 participants", "a reading pack"]) == 30
    assert per_unit.group_size(["Single seat"]) is None
    assert (
        per_unit.group_size(["up to 10 people live", "up to 20 people on the recordings"]) is None
    )

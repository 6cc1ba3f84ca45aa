"""Several nights, days or weeks of something priced for one ("135 EUR a night") come to what
the asker can pay: the answer reckons them, in the asker's language, from the organisers' own
sentence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import asking
from eventbot.engine.answers import per_unit
from eventbot.knowledge import Event

NOW = dt.datetime(2033, 1, 10, 9, tzinfo=dt.UTC)


def congress() -> Event:
    return Event.model_validate(
        {
            "id": "pampas-2033",
            "name": "Pampas Soil Congress 2033",
            "summary": "A congress on soils, in Córdoba.",
            "timezone": "America/Argentina/Cordoba",
            "dates": {"start": "2033-04-04", "end": "2033-04-08"},
            "fees": [{"category": "Regular", "amount": 400, "currency": "USD"}],
            "qa": [
                {
                    "question": "Where can I stay?",
                    "answer": "The Hotel Cañada offers rooms at 118 USD a night with the code "
                    "SOIL33. The Casa Verde hostel has beds at USD 31 per night.",
                    "keywords": ["hotel", "stay", "accommodation"],
                },
                {
                    "question": "Is there childcare?",
                    "answer": "A crèche for children from 2 to 8 runs every congress day. It costs "
                    "45 USD a day; book it when you register.",
                    "keywords": ["childcare", "crèche", "children"],
                },
            ],
        }
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How much would five nights at the Hotel Cañada cost?", "5 × 118 USD = 590 USD"),
        ("Was kosten 4 Nächte im Casa Verde Hostel?", "4 × 31 USD = 124 USD"),
        ("Wat kost de crèche voor drie dagen?", "3 × 45 USD = 135 USD"),
    ],
)
def test_several_of_what_is_priced_for_one_are_reckoned(question: str, said: str) -> None:
    answer = asking.ask([congress()], question, NOW)
    assert said in answer.text and not answer.handoff, answer.text


def test_the_reckoning_is_said_in_the_askers_language() -> None:
    answer = asking.ask([congress()], "Was kostet die Kinderbetreuung für drei Tage?", NOW)
    assert "Für 3 Tage: 3 × 45 USD = 135 USD." in answer.text, answer.text


def test_a_follow_up_of_how_many_reckons_the_entry_just_given() -> None:
    first = asking.ask([congress()], "Is there childcare at the soil congress?", NOW)
    then = asking.ask([congress()], "And for three days?", NOW, first.state)
    assert "3 × 45 USD = 135 USD" in then.text and not then.handoff, then.text


def test_of_two_prices_neither_named_none_is_reckoned() -> None:
    first = asking.ask([congress()], "Where can I stay for the soil congress?", NOW)
    then = asking.ask([congress()], "And for 3 nights?", NOW, first.state)
    assert "×" not in then.text, then.text


def test_a_count_of_what_no_price_is_for_reckons_nothing() -> None:
    answer = asking.ask([congress()], "Is there childcare for 3 nights?", NOW)
    assert "×" not in answer.text, answer.text


def test_a_price_for_one_is_read_either_way_round() -> None:
    sentences = ["Rooms at 1,150 NOK a night.", "Beds at EUR 42 per night; lunch 12 EUR a day."]
    found = per_unit.rates(sentences, "night")
    assert [(r.amount, r.currency) for r in found] == [
        (Decimal(1150), "NOK"),
        (Decimal(42), "EUR"),
    ]


def test_of_two_prices_in_one_sentence_the_one_whose_clause_is_named_is_reckoned() -> None:
    """ "Rooms at the Harbour Hotel for 210 USD a night and at the Bay Inn for 145 USD a night":
    the Bay Inn's own clause names it."""
    sentence = "We have rooms at the Harbour Hotel for 210 USD a night and at the Bay Inn for 145 USD a night."
    found = per_unit.rates([sentence], "night")
    chosen = per_unit.the_rate(found, {"bay", "inn", "night"})
    assert chosen is not None and chosen.amount == 145
    assert per_unit.the_rate(found, {"night"}) is None  # neither named

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
        # a word between the count and the unit that says which
        ("How much is the crèche for all four congress days?", "4 × 45 USD = 180 USD"),
    ],
)
def test_several_of_what_is_priced_for_one_are_reckoned(question: str, said: str) -> None:
    answer = asking.ask([congress()], question, NOW)
    assert said in answer.text and not answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "We have two kids. What would the crèche cost for three days?",
        "Wir haben zwei Kinder. Was kostet die Kinderbetreuung für drei Tage?",
    ],
)
def test_the_people_a_sentence_before_tells_of_are_reckoned(question: str) -> None:
    per_child = "A crèche for children from 2 to 8 runs every congress day. It costs 45 USD per "
    per_child += "child and day; book it when you register."
    qa = [
        *congress().model_dump(mode="json")["qa"][:1],
        {
            "question": "Is there childcare?",
            "answer": per_child,
            "keywords": ["childcare", "crèche", "children"],
        },
    ]
    answer = asking.ask([asking.changed(congress(), qa=qa)], question, NOW)
    assert "= 270 USD" in answer.text and not answer.handoff, answer.text


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


def added(sentences: list[str]) -> dict[Decimal, list[per_unit.Extra]]:
    return {rate.amount: list(rate.extras) for rate in per_unit.rates(sentences, "night")}


def test_a_charge_said_to_be_added_is_added_to_the_prices_before_it() -> None:
    """A share or an amount a night the organisers add, to the prices it follows, not to one
    that says it has nothing added or comes after it."""
    assert added(
        [
            "Rooms at the Jabal for 95 JOD a night and at the Rainbow for 60 JOD a night; both "
            "rates include breakfast and sales tax, but the hotels add a service charge of 10 %.",
            "The guesthouse has simple rooms at 28 JOD a night, all included.",
        ]
    ) == {
        Decimal(95): [per_unit.Extra(share=Decimal(10))],
        Decimal(60): [per_unit.Extra(share=Decimal(10))],
        Decimal(28): [],
    }
    assert added(
        [
            "Rooms at the Bay Inn for 145 USD a night. The rates include VAT but not the hotel "
            "guest levy of 8 USD a night, which the hotels add."
        ]
    ) == {Decimal(145): [per_unit.Extra(amount=Decimal(8))]}
    assert added(["Rooms at 118 EUR a night, plus a 10 % tourist tax."]) == {
        Decimal(118): [per_unit.Extra(share=Decimal(10))]
    }
    # a town's fee for each night, named as the town names it
    assert added(
        [
            "The Hotel Plaza has rooms at 480 BRL a night with breakfast, plus the city tourism "
            "fee of 15 BRL a night, which the hotel adds."
        ]
    ) == {Decimal(480): [per_unit.Extra(amount=Decimal(15))]}
    # a share a few words before the tax's name, and a tax by its short name
    assert added(["Rooms at 145 USD a night, plus Guam's 11 % hotel occupancy tax."]) == {
        Decimal(145): [per_unit.Extra(share=Decimal(11))]
    }
    assert added(
        [
            "Hotel Sol has rooms at 118 USD a night and Hostal Luna at 64 USD a night, both with "
            "breakfast, plus 13 % IVA, which the hotels add.",
            "The residence has rooms at 35 USD a night, all included.",
        ]
    ) == {
        Decimal(118): [per_unit.Extra(share=Decimal(13))],
        Decimal(64): [per_unit.Extra(share=Decimal(13))],
        Decimal(35): [],
    }


def test_a_tax_said_to_be_included_is_not_added() -> None:
    assert added(["Rooms at 118 EUR a night, including 16 % sales tax, plus breakfast."]) == {
        Decimal(118): []
    }


def hotel() -> Event:
    return asking.changed(
        congress(),
        qa=[
            {
                "question": "Where can I stay?",
                "answer": "The Hotel Cañada offers rooms at 118 USD a night with the code SOIL33, "
                "plus a 10 % service charge. The Casa Verde hostel has beds at 31 USD a night, "
                "without any charge added.",
                "keywords": ["hotel", "stay", "accommodation"],
            }
        ],
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What do 4 nights at the Hotel Cañada cost with the service charge?", "519.20 USD"),
        ("Vier Nächte im Hotel Cañada, was kostet das?", "519,20 USD"),
    ],
)
def test_what_is_added_a_night_is_in_the_reckoning(question: str, said: str) -> None:
    answer = asking.ask([hotel()], question, NOW)
    assert said in answer.text, answer.text


def test_a_price_with_nothing_added_is_reckoned_alone() -> None:
    answer = asking.ask([hotel()], "What do 4 nights at the Casa Verde hostel cost?", NOW)
    assert answer.text.endswith("For 4 nights: 4 × 31 USD = 124 USD."), answer.text


def lodge() -> Event:
    data = congress().model_dump(mode="json")
    data["qa"][0]["answer"] = (
        "The Reef Lodge has rooms at 230 USD a night, with breakfast; with the code REEF33 you "
        "get 10 % off until 1 March 2033. The Casa Verde hostel has beds at 31 USD a night."
    )
    return Event.model_validate(data)


def test_a_code_for_a_share_off_is_read_with_the_price_of_its_sentence() -> None:
    sentences = lodge().qa[0].answer.split(". ")  # as the catalog gives the text
    lodge_rate, hostel_rate = per_unit.rates(sentences, "night")
    assert lodge_rate.discount == ("REEF33", Decimal(10)) and hostel_rate.discount is None
    assert lodge_rate.discounted(3) == Decimal("621.00")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What do 3 nights at the Reef Lodge cost with the discount code?", "(10 % off): 621 USD"),
        ("Was kosten 3 Nächte in der Reef Lodge mit dem Rabattcode?", "(10 % Rabatt): 621 USD"),
        ("Wat kosten 3 nachten in de Reef Lodge met de kortingscode?", "(10 % korting): 621 USD"),
    ],
)
def test_nights_asked_with_the_code_are_reckoned_with_its_share_off(
    question: str, said: str
) -> None:
    answer = asking.ask([lodge()], question, NOW)
    assert "690 USD" in answer.text and said in answer.text and not answer.handoff, answer.text


def test_nights_asked_without_the_code_have_no_share_off() -> None:
    answer = asking.ask([lodge()], "What do 3 nights at the Reef Lodge cost?", NOW)
    assert answer.text.endswith("For 3 nights: 3 × 230 USD = 690 USD."), answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What do 4 nights at the Hotel Sol cost with the tourist tax?", "448 USD"),
        ("Was kosten vier Nächte im Hotel Sol inklusive Kurtaxe?", "448 USD"),
        ("Wat kosten 4 nachten in Hotel Sol, met toeristenbelasting?", "448 USD"),
        ("Wat kosten 4 nachten in Hotel Sol, zonder de heffing?", "440 USD"),
    ],
)
def test_a_town_s_levy_is_named_in_every_language(question: str, said: str) -> None:
    """ "Kurtaxe", "toeristenbelasting", "heffing": the tourist tax the organisers write of."""
    data = congress().model_dump(mode="json")
    data["qa"][0]["answer"] = (
        "The Hotel Sol has rooms at 110 USD a night, plus a tourist tax of 2 USD a night, "
        "which the hotel adds."
    )
    answer = asking.ask([Event.model_validate(data)], question, NOW)
    assert said in answer.text and not answer.handoff, answer.text


def per_child() -> Event:
    congress_ = congress()
    qa = [
        entry.model_copy(
            update={
                "answer": "A crèche for children from 2 to 8 runs from Monday to Thursday. "
                "It costs 45 USD per child and day; book it when you register."
            }
        )
        if entry.question == "Is there childcare?"
        else entry
        for entry in congress_.qa
    ]
    return congress_.model_copy(update={"qa": qa})


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("What does the crèche cost for my two kids on all four days?", "2 × 4 × 45 USD = 360 USD"),
        ("Was kostet die Kinderbetreuung für zwei Kinder von Montag bis Mittwoch?", "2 × 3 × 45"),
        ("Wat kost de crèche voor twee kinderen op maandag en dinsdag?", "2 × 2 × 45 USD = 180"),
        ("What does the crèche cost on Monday, Tuesday and Thursday?", "3 × 45 USD = 135 USD"),
    ],
)
def test_a_price_for_each_person_and_day_is_reckoned_for_the_people_and_days_asked(
    question: str, said: str
) -> None:
    answer = asking.ask([per_child()], question, NOW)
    assert said in answer.text and not answer.handoff, answer.text


def test_a_price_per_person_and_day_is_read_either_way_round() -> None:
    for sentence in ("It costs 45 USD per child and day.", "It costs 45 USD a day per child."):
        (rate,) = per_unit.rates([sentence], "day")
        assert rate.amount == Decimal(45) and rate.per_person
    (rate,) = per_unit.rates(["It costs 45 USD a day."], "day")
    assert not rate.per_person


def test_a_charge_added_in_its_own_clause_is_added_though_a_tax_before_it_is_included() -> None:
    sentence = "The Harbour Hotel costs 125 USD a night, VAT included, plus a 10 % service charge."
    (rate,) = per_unit.rates([sentence], "night")
    assert rate.extras == (per_unit.Extra(share=Decimal(10)),)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "We are three people from our lab. What would the congress cost us in total?",
            "3 × 400 USD = 1,200 USD",
        ),
        ("Wir sind vier Personen. Was kostet der Kongress?", "4 × 400 USD = 1.600 USD"),
    ],
)
def test_the_fee_for_as_many_people_as_the_asker_says_is_reckoned(question: str, said: str) -> None:
    answer = asking.ask([congress()], question, NOW)
    assert said in answer.text and not answer.handoff, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Wir kommen zu dritt. Was kostet der Kongress insgesamt?", "3 × 400 USD = 1.200 USD"),
        ("We komen met zijn vieren. Wat kost het congres samen?", "4 × 400 USD = 1.600 USD"),
        ("What would the congress cost the three of us?", "3 × 400 USD = 1,200 USD"),
    ],
)
def test_how_many_the_askers_are_without_a_unit_is_counted(question: str, said: str) -> None:
    answer = asking.ask([congress()], question, NOW)
    assert said in answer.text and not answer.handoff, answer.text

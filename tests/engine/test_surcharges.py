"""What paying one way adds: the organisers' sentence on it, and what the sum the asker pays
comes to paid so (an amount they name, the fee they name with its tax, the deposit, the balance,
or that of the question before), in the language asked; "no" when they say it adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import asking
from eventbot.engine.answers.surcharges import Surcharge, for_means, surcharges
from eventbot.knowledge import Event

NOW = dt.datetime(2048, 12, 10, 9, tzinfo=dt.UTC)


def charges(sentence: str) -> set[tuple[str, Decimal | None, Decimal | None, str | None]]:
    return {(s.means, *s.charge) for s in surcharges([("registration.how", sentence)])}


@pytest.mark.parametrize(
    ("sentence", "read"),
    [
        (
            "American Express payments carry a surcharge of 1.5 % of the amount, for example "
            "16.50 AUD on a registration of 1,100 AUD.",
            {("amex", Decimal("1.5"), None, None)},
        ),
        (
            "By Visa or Mastercard at no cost, by American Express with a surcharge of 3 %, or "
            "by bank transfer in US dollars.",
            {("visa", None, None, None), ("amex", Decimal(3), None, None)},
        ),
        (
            "By bank transfer in CHF (you pay the bank charges) or by credit card (3 % "
            "surcharge), by 11 June.",
            {("card", Decimal(3), None, None)},
        ),
        (
            "Transfers from banks outside Jordan cost 15 JOD extra, to cover the bank charges.",
            {("transfer", None, Decimal(15), "JOD")},
        ),
        (
            "Bank transfers in USD are possible until 15 May; the sender pays all bank charges "
            "and we add a handling fee of 35 USD.",
            {("transfer", None, Decimal(35), "USD")},
        ),
        (
            "You can pay by card, by PayPal or by bank transfer in US dollars; there is no "
            "surcharge.",
            {("card", None, None, None), ("paypal", None, None, None)}
            | {("transfer", None, None, None)},
        ),
        (
            "Card payments and transfers are free; PayPal payments cost 4 % extra.",
            {("card", None, None, None), ("transfer", None, None, None)}
            | {("paypal", Decimal(4), None, None)},
        ),
        (  # the ways a colon lists are each charged after it
            "Pay by card, PayPal or bank transfer: cards and transfers are free, PayPal adds "
            "3.5 %. Payment is due by 12:00 on 1 May.",
            {("card", None, None, None), ("transfer", None, None, None)}
            | {("paypal", Decimal("3.5"), None, None)},
        ),
    ],
)
def test_a_charge_belongs_to_the_way_of_paying_its_clause_names(sentence: str, read: set) -> None:
    assert charges(sentence) == read


@pytest.mark.parametrize(
    "sentence",
    [
        "Citizens of Visa Waiver Program countries need an ESTA, which costs 40 USD.",
        "A day pass costs 7.50 USD on the HOLO card.",
        "Send a copy of your student card; the certificate track is then free of charge.",
        "Sales tax of 16 % is added to every fee paid by card.",
    ],
)
def test_no_charge_for_paying_is_read_where_there_is_none(sentence: str) -> None:
    assert not charges(sentence)


def test_a_rule_of_cards_holds_for_american_express_and_of_each_card_for_cards() -> None:
    card = Surcharge("card", Decimal(3), None, None, "fees[0]", "")
    amex = Surcharge("amex", Decimal("1.5"), None, None, "fees[0]", "")
    assert for_means([card], "amex") == [card]
    assert for_means([amex], "card") == [amex]
    assert for_means([card, amex], "amex") == [amex]


def congress(payment: str) -> Event:
    return Event.model_validate(
        {
            "id": "wcgs-2049",
            "name": "World Congress of Glass Studies 2049",
            "short_name": "WCGS 2049",
            "timezone": "America/Nassau",
            "dates": {"start": "2049-03-10", "end": "2049-03-14"},
            "fees": [
                {
                    "category": "Member (early)",
                    "amount": 660,
                    "currency": "USD",
                    "until": "2049-01-15",
                },
                {"category": "Member (standard)", "amount": 760, "currency": "USD"},
                {
                    "category": "Non-member (early)",
                    "amount": 880,
                    "currency": "USD",
                    "until": "2049-01-15",
                },
                {"category": "Non-member (standard)", "amount": 990, "currency": "USD"},
            ],
            "registration": {
                "required": True,
                "deadline": "2049-02-20",
                "how": f"Register online. {payment} We do not accept PayPal or cheques. "
                "Admitted students pay a deposit of 200 USD.",
            },
        }
    )


AMEX = congress(
    "Visa and Mastercard are free; American Express costs 3 % extra. Transfers from banks "
    "outside The Bahamas cost 25 USD extra."
)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("If I pay the 880 USD fee with American Express, what's the total?", "906.40 USD"),
        ("How much is the non-member standard fee if I pay by Amex?", "1,019.70 USD"),
        ("Wie viel zahle ich für die Standardgebühr als Nichtmitglied mit Amex?", "1.019,70 USD"),
        ("Ik betaal het niet-ledentarief met Amex, wat wordt het totaal?", "906,40 USD"),
        ("How much is the deposit if I pay it by Amex?", "206 USD"),
        (
            "Ich überweise die 990 USD von meiner Bank in Kanada. Wie viel zahle ich insgesamt?",
            "1.015 USD",
        ),
        # a way of paying with a place in it: "my UK bank" is "my bank"
        ("Paying the non-member standard fee from my UK bank, how much in total?", "1,015 USD"),
        # the balance named in the sentence before the one that asks
        (
            "And if I pay the non-member standard balance with my Amex, what's the total?",
            "813.70 USD",
        ),
    ],
)
def test_what_a_sum_comes_to_paid_so(question: str, said: str) -> None:
    reply = asking.ask([AMEX], question, NOW)
    assert not reply.handoff and said in reply.text, reply.text


@pytest.mark.parametrize(
    ("question", "verdict", "said"),
    [
        ("Is there a surcharge if I pay WCGS with Amex?", "Yes.", "3 % extra"),
        ("Gibt es einen Aufschlag, wenn ich mit American Express zahle?", "Ja.", "3 % extra"),
        ("Kost het extra als ik met een creditcard betaal?", None, "3 % extra"),
    ],
)
def test_whether_paying_so_costs_more(question: str, verdict: str | None, said: str) -> None:
    reply = asking.ask([AMEX], question, NOW)
    assert said in reply.text, reply.text
    if verdict:
        assert reply.text.startswith(verdict), reply.text


def test_a_card_whose_kinds_are_charged_differently_gets_both_and_no_sum() -> None:
    reply = asking.ask([AMEX], "What's the total for the non-member standard fee by card?", NOW)
    assert "3 % extra" in reply.text and "=" not in reply.text, reply.text


def test_no_surcharge_is_a_no() -> None:
    free = congress("You can pay by card or by bank transfer; there is no surcharge.")
    reply = asking.ask([free], "Is there a surcharge for paying by credit card?", NOW)
    assert reply.text.startswith("No."), reply.text


def test_and_if_i_pay_that_by_amex_reckons_the_rate_paid_now() -> None:
    first = asking.ask([AMEX], "What does WCGS cost for a non-member?", NOW)
    reply = asking.ask([AMEX], "And if I pay with Amex?", NOW, first.state)
    assert "880 USD + 26.40 USD (3 %) = 906.40 USD" in reply.text, reply.text


def test_a_way_of_paying_the_organisers_say_nothing_of_leaves_the_answer() -> None:
    reply = asking.ask([AMEX], "Can I pay by PayPal?", NOW)
    assert "=" not in reply.text, reply.text


def test_a_card_that_is_no_way_of_paying_asks_no_surcharge() -> None:
    reply = asking.ask([AMEX], "How much is a SIM card in Nassau?", NOW)
    assert "3 % extra" not in reply.text, reply.text

"""The VAT a fee includes, said by the organisers in their own words, and how much of a fee it
is ("how much of the 3,980 AUD is GST?")."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2030, 9, 1, 10, tzinfo=dt.UTC)


def school(how: str, fees: list[dict]) -> Event:
    return Event.model_validate(
        {
            "id": "reef-school-2031",
            "name": "Reef Summer School 2031",
            "summary": "A summer school.",
            "timezone": "Australia/Brisbane",
            "dates": {"start": "2031-03-31", "end": "2031-04-11"},
            "registration": {"required": True, "how": how},
            "fees": fees,
        }
    )


ROOMS = [
    {"category": "Student, shared room", "amount": 2650, "currency": "AUD"},
    {"category": "Academic, single room", "amount": 3980, "currency": "AUD"},
]


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How much of the 3980 AUD fee is GST?", "361.82"),
        ("Hoeveel GST zit er in de 2650 AUD?", "240,91"),
        ("Wie viel GST ist in den 3980 AUD enthalten?", "361,82"),
    ],
)
def test_the_tax_a_fee_includes_by_the_organisers_words_is_reckoned(
    question: str, said: str
) -> None:
    event = school("Apply online. All our fees include 10 % GST.", ROOMS)
    reply = asking.ask([event], question, NOW)
    assert said in reply.text and "GST" in reply.text and not reply.handoff, reply.text


def test_a_sentence_on_the_fees_of_one_currency_speaks_of_those_only() -> None:
    fees = [
        {"category": "International delegate", "amount": 610, "currency": "USD"},
        {"category": "Local delegate", "amount": 68000, "currency": "LKR"},
    ]
    event = school("Both rupee rates include 18 % VAT.", fees)
    text = asking.ask([event], "Is VAT included in the fees?", NOW).text
    assert "68,000 LKR, VAT (18%" in text and "610 USD, VAT" not in text, text
    text = asking.ask([event], "How much of the local delegate fee is VAT?", NOW).text
    assert "10,372.88 LKR" in text, text


@pytest.mark.parametrize(
    "how", ["VAT (23 %) is added on the invoice.", "Prices do not include 19 % VAT."]
)
def test_a_tax_added_or_not_included_is_not_included(how: str) -> None:
    text = asking.ask([school(how, ROOMS)], "Is VAT included in the fees?", NOW).text
    assert "included" not in text.replace("not included", ""), text


def _reply(event: Event, question: str) -> str:
    return asking.ask([event], question, NOW).text


@pytest.mark.parametrize(
    "how",
    [
        "The fee includes lunch and materials, and 21 % VAT will be added to the invoice.",
        "All fees include VAT; members get a 20% discount.",  # a discount, not the tax's rate
        "Fees are net; invoices include 19 % VAT on top.",
        "Only the on-site rate includes 7 % IGIC.",
    ],
)
def test_a_rate_not_said_to_be_the_included_tax_s_is_none(how: str) -> None:
    text = _reply(school(how, ROOMS), "How much of the 3980 AUD fee is VAT?")
    assert "of it) included" not in text, text


def test_a_sentence_of_the_venue_or_of_one_category_does_not_set_the_others() -> None:
    event = school("The student rate includes 10 % GST.", ROOMS).model_copy(update={"venue": None})
    assert "of it) included" not in _reply(event, "Is GST included in the academic fee?")
    assert "240.91" in _reply(event, "How much GST is in the student fee?")


def test_dollars_of_fees_in_two_dollar_currencies_set_neither() -> None:
    fees = [
        {"category": "Local", "amount": 300, "currency": "AUD"},
        {"category": "Overseas", "amount": 700, "currency": "USD"},
    ]
    event = school("Fees in dollars include 10 % GST.", fees)
    assert "of it) included" not in _reply(event, "Is GST included in the overseas fee?")


def test_a_fee_picked_by_its_amount_is_in_the_currency_named() -> None:
    fees = [
        {"category": "Regular", "amount": 400, "currency": "EUR"},
        {"category": "Other", "amount": 450, "currency": "USD"},
    ]
    text = _reply(school("All fees include 21 % VAT.", fees), "How much VAT is in the 400 USD fee?")
    assert "The regular fee is" not in text, text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How much of the academic single room fee is VAT?", "VAT (8%, that is 318.40 AUD)"),
        ("How much IVA is in the academic single room fee?", "VAT (8%, that is 318.40 AUD)"),
        (
            "Wie viel Mehrwertsteuer kommt auf das Einzelzimmer für Akademiker?",
            "Mehrwertsteuer (8 %, also 318,40 AUD)",
        ),
        ("Hoeveel btw komt er bij de academic single room?", "btw (8%, dus 318,40 AUD)"),
    ],
)
def test_the_tax_added_to_a_fee_is_reckoned_when_asked(question: str, said: str) -> None:
    """Of a fee with its tax on top, how much the tax is, beside what it comes to in all; and
    "IVA" is a name of the tax, as "VAT" and "GST" are."""
    fees = [{**fee, "vat_included": False, "vat_rate_percent": 8} for fee in ROOMS]
    reply = asking.ask([school("Apply online.", fees)], question, NOW)
    assert said in reply.text and not reply.handoff, reply.text


def test_the_tax_added_to_a_fee_is_not_reckoned_when_not_asked() -> None:
    fees = [{**fee, "vat_included": False, "vat_rate_percent": 8} for fee in ROOMS]
    reply = asking.ask([school("Apply online.", fees)], "What does the single room cost?", NOW)
    assert "plus VAT (8%): 4,298.40 AUD in all" in reply.text, reply.text


def test_a_small_word_of_one_category_does_not_make_a_sentence_on_every_fee_its_own() -> None:
    """ "All prices are in Australian dollars and include 10 % GST." speaks of every fee, not
    of "Extra night in Cairns" alone because of its "in"."""
    fees = [*ROOMS, {"category": "Extra night in Cairns", "amount": 90, "currency": "AUD"}]
    event = school("All prices are in Australian dollars and include 10 % GST.", fees)
    text = asking.ask([event], "How much GST is in the student shared room price?", NOW).text
    assert "GST (10%, 240.91 AUD of it) included" in text, text


@pytest.mark.parametrize(
    "question",
    [
        "Is GST included in the fees? What percentage?",
        "Ist die GST schon in den Gebühren drin? Wie viel Prozent?",
        "Zit de GST al in de prijzen? Hoeveel procent?",
    ],
)
def test_a_share_asked_after_the_tax_is_the_rate_the_answer_gives(question: str) -> None:
    """ "Wie viel Prozent?" after "is the tax included?" is answered by its rate: no hand-off."""
    event = school("Apply online. All our fees include 10 % GST.", ROOMS)
    reply = asking.ask([event], question, NOW)
    assert "10%" in reply.text.replace(" %", "%") and not reply.handoff, reply.text


def test_a_share_asked_of_nothing_given_goes_to_the_organisers() -> None:
    event = school("Apply online.", ROOMS)
    reply = asking.ask([event], "Who can apply? What percentage are accepted?", NOW)
    assert reply.handoff, reply.text

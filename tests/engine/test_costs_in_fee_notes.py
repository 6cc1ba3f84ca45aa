"""The cost of something no fee is, that a fee's note speaks of: the note when it gives a sum
of money ("how much is an extra night?"), else the note and the organisers ("how much does
membership cost?" of a note on members' discounts); never the whole fee list."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "moor-2027",
        "name": "Moorland Ecology School 2027",
        "summary": "A field school.",
        "timezone": "Europe/London",
        "dates": {"start": "2027-07-05", "end": "2027-07-09"},
        "fees": [
            {
                "category": "Full week with lodging",
                "amount": 900,
                "currency": "GBP",
                "note": "Extra nights at the lodge cost 60 GBP each.",
            },
            {
                "category": "Day rate",
                "amount": 150,
                "currency": "GBP",
                "note": "Members of the Peat Society get 15 % off.",
            },
        ],
    }
)


def moor(**fields: object) -> Event:
    """The school with other fields: its fees, organisers, deadlines, programme."""
    return Event.model_validate({**EVENT.model_dump(mode="json"), **fields})


def ask(question: str) -> tuple[str, bool]:
    said = asking.ask([EVENT], question, NOW)
    return said.text, said.handoff


def test_a_note_that_gives_the_sum_answers() -> None:
    text, handoff = ask("how much is an extra night at the lodge?")
    assert not handoff
    assert "60 GBP" in text
    assert "150" not in text


def test_a_note_without_a_sum_is_said_and_the_organisers_asked() -> None:
    text, handoff = ask("how much does it cost to be a member of the Peat Society?")
    assert handoff
    assert "15 % off" in text
    assert "900" not in text


def test_a_society_named_by_a_fee_is_not_that_fee() -> None:
    """ "How much does Peat Society membership cost?": the "Peat Society member" rate is not
    the membership's price; the society's name alone picks no fee."""
    event = moor(
        organisers=[{"name": "Peat Society"}],
        fees=[
            {
                "category": "Peat Society member",
                "amount": 100,
                "currency": "GBP",
                "note": "Requires a valid Peat Society membership number.",
            },
            {"category": "Non-member", "amount": 160, "currency": "GBP"},
        ],
    )
    said = asking.ask([event], "how much does Peat Society membership cost?", NOW)
    assert said.handoff
    assert "100 GBP" not in said.text and "160" not in said.text


SOCIETY = moor(
    organisers=[{"name": "Peat Society"}],
    fees=[
        {"category": "Member", "amount": 300, "currency": "GBP"},
        {"category": "Non-member", "amount": 420, "currency": "GBP"},
        {
            "category": "Student",
            "amount": 150,
            "currency": "GBP",
            "note": "Student members of the Peat Society pay 95 GBP.",
        },
    ],
)


@pytest.mark.parametrize(
    "question",
    [
        "I'm a PhD student and a Peat Society member - what do I pay?",
        "Ich bin Studentin und Mitglied der Peat Society. Was zahle ich?",
        "Ik ben student en lid van de Peat Society, wat betaal ik?",
    ],
)
def test_a_fee_s_note_on_what_else_the_asker_is_is_said(question: str) -> None:
    said = asking.ask([SOCIETY], question, NOW)
    assert "95 GBP" in said.text, said.text


def test_a_note_on_what_the_asker_did_not_say_is_not() -> None:
    said = asking.ask([SOCIETY], "what is the student fee?", NOW)
    assert "150" in said.text and "95 GBP" not in said.text


@pytest.mark.parametrize(
    "question",
    [
        "I'm a student, not a member. What do I pay?",
        "Ich bin Studentin, aber kein Mitglied. Was zahle ich?",
        "Ik ben student maar geen lid. Wat betaal ik?",
    ],
)
def test_a_note_on_what_the_asker_says_they_are_not_is_not_said(question: str) -> None:
    said = asking.ask([SOCIETY], question, NOW)
    assert "95 GBP" not in said.text, said.text


@pytest.mark.parametrize(
    "question",
    [
        "What does the online pass cost? I'm following from Germany.",
        "Was kostet der Online-Pass?",
        "Hoeveel kost de online pass?",
    ],
)
def test_the_one_fee_asked_comes_with_its_note(question: str) -> None:
    """A note may change what this asker pays, so the fee asked by name is said with it."""
    event = moor(
        fees=[
            {"category": "In person", "amount": 400, "currency": "CAD"},
            {
                "category": "Online pass",
                "amount": 100,
                "currency": "CAD",
                "note": "Participants outside Canada pay 88 CAD, without HST.",
            },
        ],
        # "pass" is the stem of "passed", a word of deadlines: not one here
        deadlines=[{"name": "Online registration", "kind": "registration", "date": "2027-06-01"}],
    )
    said = asking.ask([event], question, NOW)
    assert not said.handoff
    assert "100 CAD" in said.text
    assert "outside Canada pay 88 CAD" in said.text
    assert "400" not in said.text


@pytest.mark.parametrize(
    "question",
    [
        "How much is the in-person ticket for the closing concert?",
        "What does the in-person ticket for the closing concert include?",
    ],
)
def test_a_price_is_of_the_session_not_of_the_deadline_for_its_seats(question: str) -> None:
    event = moor(
        fees=[
            {"category": "Full week", "amount": 900, "currency": "GBP"},
            {
                "category": "Closing concert ticket",
                "amount": 30,
                "currency": "GBP",
                "includes": ["a drink in the interval"],
            },
        ],
        deadlines=[{"name": "In-person seats for the closing concert", "date": "2027-06-20"}],
        programme=[{"title": "Closing concert: Moorland songs", "day": "2027-07-09"}],
    )
    said = asking.ask([event], question, NOW)
    assert "30 GBP" in said.text
    assert "20 June" not in said.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How much is a seat at the closing concert?", "30 GBP"),
        ("What does a seat for the closing concert cost?", "30 GBP"),
        ("By when must I get a seat for the closing concert?", "20 June"),
    ],
)
def test_a_price_is_of_the_rate_its_deadline_is_named_after(question: str, said: str) -> None:
    """The deadline "Closing concert seats" names no session's title; the rate "Closing concert
    seat" is named by all its words: how much asks the rate, until when the deadline."""
    event = moor(
        fees=[
            {"category": "Full week", "amount": 900, "currency": "GBP"},
            {"category": "Closing concert seat (9 July)", "amount": 30, "currency": "GBP"},
        ],
        deadlines=[{"name": "Closing concert seats", "date": "2027-06-20"}],
    )
    answer = asking.ask([event], question, NOW)
    assert said in answer.text and not answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How much is a seat for the closing concert?",
        "What does a seat at the closing concert cost?",
    ],
)
def test_a_price_is_of_the_rate_a_deadline_for_it_is_named_after_with_its_place(
    question: str,
) -> None:
    """ "Closing concert seats in the Great Hall" is the deadline for the rate "Closing concert
    seat (9 July)": its words before the brackets are the deadline's; "closing" names, and asks
    no deadline."""
    event = moor(
        fees=[
            {"category": "Full week", "amount": 900, "currency": "GBP", "until": "2027-05-01"},
            {"category": "Full week (late)", "amount": 990, "currency": "GBP"},
            {"category": "Closing concert seat (9 July)", "amount": 30, "currency": "GBP"},
        ],
        deadlines=[
            {"name": "Full refund", "date": "2027-06-01"},
            {"name": "Closing concert seats in the Great Hall", "date": "2027-06-20"},
        ],
    )
    answer = asking.ask([event], question, NOW)
    assert "30 GBP" in answer.text and "20 June" not in answer.text, answer.text


def test_a_note_that_names_the_item_but_not_its_cost_does_not_answer_if_included() -> None:
    """ "Are flights included?" is not answered by "… if your flight leaves on 10 July", but by
    the sentence that says so, wherever it is."""
    event = moor(
        fees=[
            {
                "category": "Full week with lodging",
                "amount": 900,
                "currency": "GBP",
                "includes": ["five nights at the lodge", "all meals"],
            },
            {
                "category": "Extra night",
                "amount": 60,
                "currency": "GBP",
                "note": "Only the night of 9 July, if your flight leaves on 10 July.",
            },
        ],
        venue={
            "name": "Moor Lodge",
            "city": "Haworth",
            "directions": "Fly to Leeds. Flights to and from Leeds are not included in any fee.",
        },
    )
    for question in ("Are flights included in the fee?", "Zijn de vluchten inbegrepen?"):
        said = asking.ask([event], question, NOW)
        assert "not included" in said.text and "10 July" not in said.text, said.text


def test_whether_tax_is_added_is_answered_by_the_organisers_sentence_on_it() -> None:
    how = "Pay by card. Registration fees are not subject to sales tax, so you pay the price."
    event = moor(registration={"required": True, "how": how})
    said = asking.ask([event], "Is sales tax added on top of the prices?", NOW)
    assert not said.handoff and "not subject to sales tax" in said.text, said.text
    # an invoice with a VAT number is another question
    said = asking.ask([event], "Can I get an invoice with our VAT number?", NOW)
    assert "not subject to sales tax" not in said.text, said.text


@pytest.mark.parametrize(
    "question",
    [
        "Is VAT added to the day rate?",
        "Is VAT included in the day rate?",
        "Ist bei den Gebühren Mehrwertsteuer drin?",
        "Zit er btw in het dagtarief?",
    ],
)
def test_the_tax_no_fee_field_gives_is_the_one_sentence_the_organisers_wrote_of_it(
    question: str,
) -> None:
    """A fee whose fields say nothing of VAT is answered with the organisers' sentence on the
    tax, not handed off; of several such sentences, the one that is no single fee's note."""
    how = "Pay by card. Gibraltar has no VAT, so the prices in pounds are final."
    event = moor(
        registration={"required": True, "how": how},
        fees=[
            {"category": "Day rate", "amount": 150, "currency": "GBP"},
            {
                "category": "Boat trip",
                "amount": 40,
                "currency": "USD",
                "note": "The price includes Guam's 5 % business privilege tax.",
            },
        ],
    )
    said = asking.ask([event], question, NOW)
    assert not said.handoff, said.text
    assert "150 GBP" in said.text and "Gibraltar has no VAT" in said.text, said.text


def test_a_fee_whose_note_speaks_of_its_tax_is_no_fee_of_unknown_tax() -> None:
    """ "Is VAT included?" of fees that include it, beside one whose note says none is charged
    on it: every fee's tax is said, so nothing is handed off (and the registration's two
    sentences on VAT say nothing of it)."""
    how = "Pay by card. Our VAT number is GB 123 456. Every invoice shows the VAT."
    event = moor(
        registration={"required": True, "how": how},
        fees=[
            {
                "category": "Full week",
                "amount": 900,
                "currency": "GBP",
                "vat_included": True,
                "vat_rate_percent": 20,
            },
            {
                "category": "Virtual pass",
                "amount": 50,
                "currency": "GBP",
                "note": "The virtual pass is sold from Boise, and no VAT is charged on it.",
            },
        ],
    )
    said = asking.ask([event], "Is VAT included in the fees?", NOW)
    assert not said.handoff and "no VAT is charged on it" in said.text, said.text


@pytest.mark.parametrize(
    "question",
    [
        "Can I book an extra night on 2 July?",
        "Could I register for an extra night at the lodge?",
        "Kann ich eine Extranacht am 2. Juli buchen?",
        "Kan ik een extra nacht boeken op 2 juli?",
    ],
)
def test_booking_a_rate_named_by_its_own_words_is_answered_by_that_rate(question: str) -> None:
    """ "Can I book an extra night?" asks of the rate "Extra night at the lodge", whose note says
    when one may be booked, not how to register for the school."""
    event = moor(
        fees=[
            {"category": "Full week", "amount": 900, "currency": "GBP"},
            {
                "category": "Extra night at the lodge",
                "amount": 60,
                "currency": "GBP",
                "note": "Only for the night before or after the school.",
            },
        ],
    )
    answer = asking.ask([event], question, NOW)
    assert "Only for the night before or after" in answer.text, answer.text
    assert not answer.handoff, answer.text


def test_the_places_of_a_rate_are_still_asked_of_the_registration() -> None:
    text, _ = ask("How many places are there at the school?")
    assert "60 GBP" not in text, text

"""What the fields do not answer may be said in the organisers' own text: a session whose
title or description speaks of every word asked, or one sentence of a note, the directions or
the description. One word in common is not enough, and neither is a sentence that speaks of
only some of the question."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import asking
from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Event, load_events

NOW = dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC)
EVENTS = Path(__file__).resolve().parents[1] / "data" / "events"
EVENT = next(e for e in load_events(EVENTS) if e.id == "kvarken-2027")


def ask(question: str) -> asking.Said:
    return asking.ask([EVENT], question, NOW)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Who gives the public evening lecture?", "Aino Laaksonen"),
        ("Wer hält den öffentlichen Abendvortrag?", "Aino Laaksonen"),
        ("Wann ist die Exkursion mit dem Boot?", "09:00"),
        ("Hoe laat begint de excursie met de boot?", "09:00"),
        ("Sind Handtücher und Bettwäsche dabei?", "Towels and bed linen are provided"),
        ("Can cyclists borrow a bike at the harbour?", "borrow a bike"),
        ("Kunnen fietsers een fiets lenen bij de haven?", "borrow a bike"),
    ],
)
def test_the_organisers_text_answers(question: str, said: str) -> None:
    reply = ask(question)
    assert not reply.handoff
    assert said in reply.text


def test_a_sentence_is_given_in_the_whole_text_it_is_part_of_in_the_language_asked() -> None:
    reply = ask("Kann man am Hafen ein Fahrrad leihen?")
    assert "From Vaasa airport take bus 10" in reply.text  # the sentence before, too
    assert "Dazu steht bei Vaasa Marine Station: „" in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Can I bring my dog on the boat?",  # the boat is there, the dog is not
        "Are towels provided at the library?",  # the towels and the library are apart
        # the directions speak of taxis from the airport, with a number, but of no fare
        "How much is a taxi from the airport terminal?",
        # a session's line tells no price, nor how to register for it
        "How much does the boat excursion cost?",
        "Do I need to register for the public evening lecture?",
        # the registration's facts speak of the desk, but not of when it opens: the deadline
        # is no answer
        "When does the registration desk open?",
        "Is registration at the desk possible?",
    ],
)
def test_a_text_that_speaks_of_part_of_the_question_does_not_answer(question: str) -> None:
    assert ask(question).handoff


def test_two_sentences_of_one_text_are_no_tie() -> None:
    """Either sentence on bikes gives the same directions: they answer."""
    reply = ask("Is there a bike kiosk at the harbour?")
    assert not reply.handoff
    assert "by 18:00" in reply.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How do I pay for the Kvarken school?", "Pay by card or bank transfer"),
        ("Can I pay by bank transfer?", "Pay by card or bank transfer"),
        ("Kann meine Uni eine Rechnung bekommen?", "ask for an invoice"),
        ("Kan ik betalen met een creditcard?", "Pay by card or bank transfer"),
        # the fees, and what the organisers say of the tax
        ("Is VAT charged on the fees?", "exempt from Finnish VAT"),
        ("Is er btw op de prijzen?", "900 EUR"),
    ],
)
def test_how_to_pay_and_the_tax_are_in_the_organisers_words(question: str, said: str) -> None:
    reply = ask(question)
    assert not reply.handoff
    assert said in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Can I pay the fee by cheque?",
        "Kann ich mit Scheck bezahlen?",
        "Kan ik met een cheque betalen?",
        "Can I pay with Apple Pay?",
    ],
)
def test_a_way_of_paying_the_organisers_refuse_is_in_their_words(question: str) -> None:
    changed = asking.changed(
        EVENT,
        registration={
            **EVENT.registration.model_dump(mode="json", exclude_none=True),  # type: ignore[union-attr]
            "how": "Pay by card or bank transfer. We do not accept cheques, cash or Apple Pay.",
        },
    )
    reply = asking.ask([changed], question, NOW)
    assert not reply.handoff, reply.text
    assert "We do not accept cheques" in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    ["Can I pay with PayPal?", "Kann ich über PayPal bezahlen?", "Kan ik met PayPal betalen?"],
)
def test_a_way_to_pay_the_organisers_do_not_name_is_theirs_to_answer(question: str) -> None:
    assert ask(question).handoff


@pytest.mark.parametrize(
    "question",
    [
        "How much is registration for the Kvarken school?",
        "Was kostet die Anmeldung?",
        "Wat kost de inschrijving?",
    ],
)
def test_what_registering_costs_is_the_fees(question: str) -> None:
    reply = ask(question)
    assert not reply.handoff
    assert "900" in reply.text and "500" in reply.text


def test_a_public_lecture_is_no_publication() -> None:
    """ "publication" stems as "public" would: the lecture was read as a question about the
    proceedings, which the school has none of."""
    reply = ask("When is the public lecture and who gives it?")
    assert not reply.handoff
    assert "19:00" in reply.text and "Aino Laaksonen" in reply.text


def test_a_registration_deadline_asked_with_the_fee_is_not_lost() -> None:
    reply = ask("What is the registration deadline and the fee?")
    assert "30 April 2027" in reply.text or reply.handoff


def test_only_the_fees_and_registration_texts_say_how_to_pay() -> None:
    """A sentence of the directions on paying the bus driver says nothing of paying the fee."""
    data = EVENT.model_dump(mode="json")
    data["venue"]["directions"] += " Pay the bus driver by card; a shuttle takes everyone back."
    data["registration"]["how"] = None
    event = Event.model_validate(data)
    for question in ("How do I pay?", "Can I get my money back?"):
        assert asking.ask([event], question, NOW).handoff


def test_is_vat_included_asks_of_the_tax_not_of_what_the_fee_includes() -> None:
    reply = ask("Is VAT included?")
    assert "exempt from Finnish VAT" in reply.text
    assert "includes" not in reply.text


@pytest.mark.parametrize(
    "question",
    ["Which event has a seal lecture?", "Welche Veranstaltung hat eine Exkursion mit dem Boot?"],
)
def test_which_event_has_something_is_the_one_whose_facts_say_it(question: str) -> None:
    events = load_events(EVENTS)
    outcome = Engine(events).handle(Incoming(question), State(), NOW)
    assert outcome.event == EVENT.id
    assert "Kvarken" in outcome.replies[0].text or "skerries by boat" in outcome.replies[0].text


def test_whether_something_no_fee_lists_is_included_is_in_the_organisers_words() -> None:
    reply = ask("Are ferry tickets included?")
    assert not reply.handoff
    assert "Ferry tickets to the outer islands are not included in any fee." in reply.text
    assert ask("Is the sauna included?").handoff  # nothing says so either way


def harbour_congress() -> Event:
    return Event.model_validate(
        {
            "id": "harbour-congress-2033",
            "name": "Harbour Congress 2033",
            "timezone": "Europe/Tallinn",
            "dates": {"start": "2033-05-10", "end": "2033-05-12"},
            "venue": {
                "name": "Kalamaja Hall",
                "address": "Kalaranna 1",
                "city": "Tallinn",
                "country": "Estonia",
                "directions": "Tram 1 stops at the door. Parking at the hall costs 12 EUR a day.",
                "note": "A quiet room is open on every congress day.",
            },
        }
    )


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Can I park at the hall?", "Parking at the hall costs 12 EUR a day"),
        ("Is there a quiet room?", "A quiet room is open"),
        ("Gibt es einen Ruheraum?", "A quiet room is open"),
        ("Is er een stilteruimte?", "A quiet room is open"),
    ],
)
def test_one_word_to_explain_is_answered_by_a_sentence_that_says_every_word_asked(
    question: str, said: str
) -> None:
    reply = asking.ask([harbour_congress()], question, NOW)
    assert not reply.handoff
    assert said in reply.text


@pytest.mark.parametrize(
    ("question", "yes"),
    [
        ("Is there a quiet room?", "Yes. "),
        ("Gibt es einen Ruheraum?", "Ja. "),
        ("Is er een stilteruimte?", "Ja. "),
    ],
)
def test_is_there_is_a_yes_first_when_the_sentence_says_there_is(question: str, yes: str) -> None:
    reply = asking.ask([harbour_congress()], question, NOW)
    assert reply.text.startswith(yes) and "A quiet room is open" in reply.text, reply.text


def test_is_there_is_no_yes_when_the_sentence_says_no_or_only() -> None:
    venue = harbour_congress().venue
    assert venue is not None
    note = "A quiet room is open on every congress day, but only for speakers."
    event = asking.changed(
        harbour_congress(), venue={**venue.model_dump(mode="json", exclude_none=True), "note": note}
    )
    reply = asking.ask([event], "Is there a quiet room?", NOW)
    assert "A quiet room is open" in reply.text and not reply.text.startswith("Yes"), reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Can I park my bike at the hall?",  # the bike is not in the sentence
        "Is there a quiet room at the hotel?",  # nor the hotel
    ],
)
def test_one_word_to_explain_needs_every_word_asked(question: str) -> None:
    assert asking.ask([harbour_congress()], question, NOW).handoff


@pytest.mark.parametrize(
    "question", ["Welk hotel raden jullie aan?", "Welches Hotel empfiehlt ihr?"]
)
def test_a_recommendation_asked_is_what_the_organisers_say_of_it(question: str) -> None:
    """ "raden … aan", "empfiehlt" frame the question: what is asked is the hotel."""
    answer = "The Harbour Hotel next to the hall offers rooms at 95 EUR a night with the code HC33."
    event = asking.changed(
        harbour_congress(),
        qa=[{"question": "Where can I stay?", "answer": answer, "keywords": ["hotel"]}],
    )
    reply = asking.ask([event], question, NOW)
    assert not reply.handoff and "Harbour Hotel" in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "When do the buses leave for the campus on the workshop day?",
        "Wann fahren am Workshoptag die Busse zum Campus?",
        "Hoe laat vertrekt de bus naar de campus op de workshopdag?",
    ],
)
def test_a_vehicles_going_is_what_the_sentence_naming_it_says(question: str) -> None:
    """ "Buses from the centre at 08:15" says when the buses leave, go, "fahren", "vertrekken",
    though it names no leaving; German "Busse" are its "buses"."""
    congress = Event.model_validate(
        {
            "id": "coins-2051",
            "name": "Coin Congress 2051",
            "timezone": "Asia/Amman",
            "dates": {"start": "2051-10-25", "end": "2051-10-31"},
            "programme": [
                {
                    "title": "Workshops",
                    "day": "2051-10-25",
                    "start": "09:00",
                    "end": "16:30",
                    "description": "On the university campus. Buses from the congress centre at "
                    "08:15 and 08:35, back at 17:00.",
                },
                {"title": "Opening keynote", "day": "2051-10-26", "start": "09:00"},
            ],
        }
    )
    outcome = asking.ask([congress], question, dt.datetime(2051, 10, 1, 9, tzinfo=dt.UTC))
    assert "08:15" in outcome.text and not outcome.handoff, outcome.text


def networked_congress(
    note: str = "There is Wi-Fi in every room, and eduroam in the main hall.",
) -> Event:
    venue = harbour_congress().venue
    assert venue is not None
    return asking.changed(
        harbour_congress(), venue={**venue.model_dump(mode="json", exclude_none=True), "note": note}
    )


@pytest.mark.parametrize(
    ("question", "yes"),
    [
        ("Is there eduroam at the congress?", "Yes. "),
        ("Is er wifi?", "Ja. "),  # "Wi-Fi" is asked without its hyphen
        ("Gibt es Eduroam?", "Ja. "),
    ],
)
def test_is_there_one_thing_is_the_one_text_that_speaks_of_it(question: str, yes: str) -> None:
    reply = asking.ask([networked_congress()], question, NOW)
    assert not reply.handoff
    assert reply.text.startswith(yes) and "eduroam in the main hall" in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "Is there eduroam at the congress venue?",
        "Gibt es Eduroam am Tagungsort?",
        "Is er eduroam op de congreslocatie?",
    ],
)
def test_is_there_one_thing_at_a_place_the_event_has_is_said_by_that_place_s_text(
    question: str,
) -> None:
    """The venue's own note is the venue's: "at the venue" needs no "venue" in its sentence."""
    reply = asking.ask([networked_congress()], question, NOW)
    assert not reply.handoff
    assert "eduroam in the main hall" in reply.text, reply.text


def test_is_there_one_thing_that_two_texts_speak_of_is_the_organisers_to_answer() -> None:
    # the directions speak of the tram as well: which is meant, the organisers know
    congress = networked_congress("A tram ticket is in the welcome bag.")
    assert asking.ask([congress], "Is there a tram?", NOW).handoff
    assert asking.ask([congress], "Is there a sauna?", NOW).handoff

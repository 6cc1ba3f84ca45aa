"""Each rule of understanding fires where its comment says and nowhere else: sentences a
review found one of them misreading, each with the reading it must keep."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.engine import State
from eventbot.engine.intents import Intent
from eventbot.knowledge import Event

NOW = dt.datetime(2027, 1, 10, 12, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "fjell-2027",
        "name": "Fjell Data Congress 2027",
        "summary": "A congress on mountain data.",
        "timezone": "Europe/Oslo",
        "dates": {"start": "2027-06-07", "end": "2027-06-09"},
        "venue": {"name": "Fjellhallen", "city": "Bergen", "country": "Norway"},
        "registration": {
            "required": True,
            "deadline": "2027-05-01",
            "url": "https://fjell.example.org",
        },
        "contact": {"email": "hello@fjell.example.org"},
        "fees": [
            {"category": "Regular", "amount": 300, "currency": "EUR"},
            {"category": "Student", "amount": 120, "currency": "EUR"},
        ],
        "speakers": [{"name": "Ingrid Solberg", "affiliation": "University of Bergen"}],
        "qa": [
            {
                "question": "Where can I stay?",
                "answer": "Rooms are held at the Nordnes Park Hotel (1,150 NOK a night).",
            }
        ],
    }
)


def ask(question: str, state: State | None = None) -> tuple[str, list[str], bool, State]:
    said = asking.ask([EVENT], question, NOW, state)
    return said.text, said.intents, said.handoff, said.state


def after(first: str, then: str) -> tuple[str, list[str], bool, State]:
    *_, state = ask(first)
    return ask(then, state)


@pytest.mark.parametrize(
    "question",
    ["I'm a student from US Boston, what is the fee?", "joining from us new york, when is it?"],
)
def test_two_places_side_by_side_do_not_break_the_reading(question: str) -> None:
    ask(question)  # once raised KeyError


def test_an_entry_kept_in_a_stored_state_that_is_gone_is_forgotten() -> None:
    _, _, handoff, _ = ask(
        "and what does that cost a night?", State(event="fjell-2027", entry=("fjell-2027", 9))
    )
    assert handoff


def test_asking_whether_there_is_no_fee_asks_about_that_fee() -> None:
    text, *_ = ask("is there no student fee?")
    assert "120" in text


@pytest.mark.parametrize(
    "question",
    ["can I pay the fee next year?", "Wird der Tagungsband nächstes Jahr veröffentlicht?"],
)
def test_next_year_without_the_event_is_no_other_edition(question: str) -> None:
    text, *_ = ask(question)
    assert "2028 edition" not in text and "Ausgabe 2028" not in text


@pytest.mark.parametrize("then", ["what are the dates?", "when is it?"])
def test_only_until_when_asks_the_last_day_of_what_was_asked(then: str) -> None:
    text, intents, _, _ = after("how do I register?", then)
    assert intents == [Intent.DATES]
    assert "7–9 June 2027" in text


@pytest.mark.parametrize(
    "question",
    [
        "so I need to register separately for the workshop?",
        "I'm a member, so I need to register by May?",
    ],
)
def test_a_question_about_registering_does_not_start_the_form(question: str) -> None:
    _, intents, _, _ = ask(question)
    assert Intent.REGISTER not in intents


@pytest.mark.parametrize(
    "message",
    [
        "I'd like to apply for the Fjell congress",
        "Ich möchte mich für den Fjell-Kongress bewerben",
        "Ik wil graag solliciteren voor het Fjell-congres",
        "Ik wil me graag aanmelden voor het Fjell-congres",
        # asking whether one can register here, through the assistant
        "Can I register for the Fjell congress here?",
        "Could I sign up through you?",
        "Kann ich mich hier für den Fjell-Kongress anmelden?",
        "Kan ik me via deze chat inschrijven voor het Fjell-congres?",
        # the event named in words of its own, with a comma, before the verb at the end
        "Hallo, ich möchte mich für den Kongress zu Fjell, Fjord und Gletscher anmelden",
        "Ik wil me voor het congres over fjorden, gletsjers en ijs in Bergen aanmelden",
        # "zum", "zur" and "beim" the event; "graag" first
        "Ich möchte mich zum Fjell-Kongress in Bergen anmelden",
        "Graag wil ik me inschrijven voor het Fjell-congres, het gletsjercongres in Bergen",
    ],
)
def test_wishing_to_apply_starts_the_form_in_every_language(message: str) -> None:
    _, intents, _, _ = ask(message)
    assert intents == [Intent.REGISTER]


@pytest.mark.parametrize(
    "question",
    ["Can I register here in Bergen on the day?", "Can I still register? It's the 30th here."],
)
def test_here_as_the_askers_place_does_not_start_the_form(question: str) -> None:
    _, intents, _, _ = ask(question)
    assert Intent.REGISTER not in intents


def test_what_the_assistant_can_do_for_a_named_event_is_still_that() -> None:
    _, intents, _, _ = ask("what can you do for the Fjell congress?")
    assert intents == [Intent.CAPABILITIES]


def test_there_is_points_back_at_nothing() -> None:
    text, _, handoff, _ = after("where can I stay?", "is there parking at the venue?")
    assert handoff, text


def test_the_organisers_contact_after_a_speaker_is_still_theirs() -> None:
    text, _, handoff, _ = after(
        "is Ingrid Solberg speaking?", "how do I contact the organisers, what's their email?"
    )
    assert not handoff
    assert "hello@fjell.example.org" in text


@pytest.mark.parametrize(
    "question",
    ["Will halal meals be available at Fjell?", "Are vegan lunches served?"],
)
def test_words_a_writer_of_capitals_leaves_small_are_no_name(question: str) -> None:
    text, intents, handoff, _ = ask(question)
    assert "among the speakers" not in text
    assert Intent.SPEAKERS not in intents


@pytest.mark.parametrize(
    "question", ["Is Maria Lindqvist speaking?", "is maria lindqvist speaking?"]
)
def test_a_name_the_event_does_not_know_is_still_asked_about(question: str) -> None:
    text, _, handoff, _ = ask(question)
    assert not handoff
    assert "Maria Lindqvist is not among the speakers" in text


@pytest.mark.parametrize(
    "question",
    [
        "How many places are there on the harbour walking tour?",
        "Is there a waiting list for the harbour walking tour?",
    ],
)
def test_the_events_capacity_is_not_that_of_a_part_of_it(question: str) -> None:
    event = Event.model_validate(
        {
            **EVENT.model_dump(mode="json", exclude_none=True),
            "registration": {
                "capacity": 200,
                "how": "Register online; the harbour walking tour is booked when you register.",
            },
        }
    )
    said = asking.ask([event], question, NOW)
    assert "200" not in said.text
    assert "There are 200 places" in asking.ask([event], "How many places are there?", NOW).text


@pytest.mark.parametrize(
    "question",
    ["How many participants are expected?", "Wie viele Teilnehmende erwartet ihr?"],
)
def test_how_many_are_expected_is_what_the_organisers_expect_not_the_capacity(
    question: str,
) -> None:
    event = Event.model_validate(
        {
            **EVENT.model_dump(mode="json", exclude_none=True),
            "description": "The hall holds 400 participants, and we expect about 250.",
            "registration": {"capacity": 400},
        }
    )
    said = asking.ask([event], question, NOW)
    assert "250" in said.text
    assert "There are 400 places" not in said.text


@pytest.mark.parametrize(
    "question", ["Who sponsors the Fjell congress?", "Gibt es Sponsoren?", "Wie sponsort Fjell?"]
)
def test_the_sponsors_are_not_the_organisers_unless_their_text_says_so(question: str) -> None:
    organised = {
        **EVENT.model_dump(mode="json", exclude_none=True),
        "organisers": [{"name": "Bergen Data Society", "description": "A learned society."}],
    }
    said = asking.ask([Event.model_validate(organised)], question, NOW)
    assert said.handoff, said.text
    organised["organisers"].append({"name": "Fjord Bank", "description": "Our main sponsor."})
    said = asking.ask([Event.model_validate(organised)], question, NOW)
    assert "Fjord Bank" in said.text and not said.handoff


@pytest.mark.parametrize(
    ("before", "message", "said"),
    [
        ("What does the Fjell congress cost?", "stop", "nothing under way to stop"),
        ("What does the Fjell congress cost?", "never mind", "nothing under way to stop"),
        ("Was kostet der Fjell-Kongress?", "abbrechen", "nichts, was ich abbrechen könnte"),
        ("Was kostet der Fjell-Kongress?", "Anmeldung abbrechen", "nichts, was ich abbrechen"),
        ("Wat kost het Fjell-congres?", "laat maar", "niets wat ik kan stoppen"),
    ],
)
def test_a_stop_word_with_nothing_under_way_is_no_question_for_the_organisers(
    before: str, message: str, said: str
) -> None:
    """The form takes "stop" while a registration is under way; with none, the attendee is
    told so, in their language, and how to stop reminders, instead of the word being handed
    to the organisers."""
    text, _, handoff, _ = after(before, message)
    assert said in text and not handoff, text


def test_cancelling_a_registration_is_still_that() -> None:
    _, intents, _, _ = ask("cancel registration")
    assert intents == [Intent.CANCEL_REGISTRATION]

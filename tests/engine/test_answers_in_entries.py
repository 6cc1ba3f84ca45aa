"""A question the event's fields do not answer, but one of the organisers' questions and answers
does in its answer's words: that answer is given; a word only the answer says must come with
another, and a question of an amount or a date needs an answer with a number."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Event

NOW = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "entries-2027",
        "name": "Fjord Methods Workshop 2027",
        "summary": "A two-day workshop on survey methods.",
        "timezone": "Europe/Oslo",
        "dates": {"start": "2027-05-10", "end": "2027-05-11"},
        "venue": {"name": "Bryggen Hall", "city": "Bergen", "country": "Norway"},
        "fees": [{"category": "Regular", "amount": 300, "currency": "NOK"}],
        "qa": [
            {
                "question": "Are the sessions streamed?",
                "answer": "Talks are streamed; the Monday tutorials are not recorded.",
            },
            {
                "question": "Where can I stay?",
                "answer": "Rooms are held at the Nordnes Park Hotel (1,150 NOK a night); "
                "quote the booking code FJORD27.",
            },
            {
                "question": "Is there a social programme?",
                "answer": "A boat trip on the fjord leaves on Tuesday evening; it costs 250 NOK.",
            },
            {
                "question": "How do I get there?",
                "answer": "Take the Flybussen from the airport to the fish market.",
            },
        ],
    }
)


def reply(question: str) -> tuple[str, bool]:
    said = asking.ask([EVENT], question, NOW)
    return said.text, said.handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("are the tutorials on Monday recorded?", "not recorded"),
        ("booking code for the hotel?", "FJORD27"),
        ("Welchen Buchungscode hat das Hotel?", "FJORD27"),
        ("what does a night at the Nordnes Park Hotel cost?", "1,150"),
    ],
)
def test_an_answer_that_speaks_of_it_answers(question: str, expected: str) -> None:
    text, handoff = reply(question)
    assert not handoff
    assert expected in text


@pytest.mark.parametrize(
    "question",
    [
        "is there parking at the venue?",  # "Park" of the hotel's name only
        "how much is the Flybussen ticket?",  # the entry names the bus, not its price
        "is there a shuttle to the fish market on Sunday?",  # nothing says so
    ],
)
def test_an_answer_that_only_shares_a_word_is_no_answer(question: str) -> None:
    text, handoff = reply(question)
    assert handoff, text


@pytest.mark.parametrize(
    "follow_up",
    [
        "and what does that cost a night?",
        "Was kostet das pro Nacht?",
        "Wat kost dat per nacht?",
        # no word points back, but the entry just given speaks of every word asked
        "how much per night?",
        "Wie viel pro Nacht?",
        "Hoeveel per nacht?",
    ],
)
def test_a_follow_up_on_the_entry_just_given_is_answered_from_it(follow_up: str) -> None:
    engine, state = Engine([EVENT]), State()
    first = engine.handle(Incoming("where can I stay?"), state, NOW)
    assert "Nordnes" in first.replies[0].text
    outcome = engine.handle(Incoming(follow_up), first.state, NOW)
    assert not outcome.handoff
    assert "1,150" in outcome.replies[0].text


def test_without_the_entry_just_given_the_same_question_is_handed_off() -> None:
    _, handoff = reply("what does that cost a night?")
    assert handoff


def test_a_second_question_about_it_asks_about_what_the_first_named() -> None:
    """ "when is the boat trip and what does it cost?": "it" is the boat trip, not the fee."""
    text, handoff = reply("when is the boat trip and what does it cost?")
    assert not handoff
    assert "250 NOK" in text
    assert "300" not in text


PHRASED = Event.model_validate(
    {
        **EVENT.model_dump(mode="json", exclude={"qa"}),
        "programme": [
            {"title": "Opening session", "day": "2027-05-10", "start": "09:00"},
            {"title": "Survey design clinic", "day": "2027-05-11", "start": "09:00"},
        ],
        "qa": [
            {
                "question": "Do I have to register for each session?",
                "answer": "No. One registration covers both days.",
                "keywords": ["each session", "one registration"],
            },
            {
                "question": "How long are the talks?",
                "answer": "Twenty minutes and five for questions.",
                "keywords": ["talk length"],
            },
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "expected", "not_expected"),
    [
        ("When is the first session?", "09:00", "One registration"),
        ("Do I register for each session?", "One registration", "09:00"),
        ("How long is a talk?", "Twenty minutes", "09:00"),
    ],
)
def test_a_keyword_with_a_small_word_is_a_phrase(
    question: str, expected: str, not_expected: str
) -> None:
    """ "each session" names the entry only with its "each"; "talk length" by either word."""
    said = asking.ask([PHRASED], question, NOW).text
    assert expected in said
    assert not_expected not in said


#: the event, with a day in its entry on where to stay
DATED = Event.model_validate(
    {
        **EVENT.model_dump(mode="json"),
        "qa": [
            {**q.model_dump(), "answer": q.answer + " The rooms are held until 1 April 2027."}
            if i == 1
            else q.model_dump()
            for i, q in enumerate(EVENT.qa)
        ],
    }
)


def after_the_hotel(event: Event, question: str) -> str:
    """The reply to `question` asked right after the entry on where to stay."""
    first = asking.ask([event], "where can I stay?", NOW)
    assert "Nordnes" in first.text
    return asking.ask([event], question, NOW, first.state).text


@pytest.mark.parametrize("follow_up", ["until when?", "Bis wann?", "Tot wanneer?"])
def test_until_when_after_an_entry_that_names_a_day_is_that_day(follow_up: str) -> None:
    assert "1 April 2027" in after_the_hotel(DATED, follow_up)


def test_until_when_after_an_entry_that_names_no_day_is_not_that_entry() -> None:
    assert "Nordnes" not in after_the_hotel(EVENT, "until when?")


def test_until_when_of_the_event_itself_is_not_the_entry_just_given() -> None:
    for question in ("Until when is the workshop?", "Bis wann kann ich mich anmelden?"):
        assert "Nordnes" not in after_the_hotel(DATED, question)


@pytest.mark.parametrize(
    "message",
    [
        "Is there a social programme? What does it cost?",
        "Gibt es ein Rahmenprogramm? Was kostet das?",
        "Is er een sociaal programma? Wat kost dat?",
    ],
)
def test_a_sentence_pointing_back_asks_about_the_entry_the_one_before_gave(message: str) -> None:
    """The second sentence's "it" is what the first one's entry was about, within one message."""
    text, handoff = reply(message)
    assert not handoff, text
    assert "250 NOK" in text and "300" not in text, text


def test_what_it_costs_after_an_entry_naming_an_amount_is_that_amount() -> None:
    first = asking.ask([EVENT], "Is there a social programme?", NOW)
    for follow_up in ("What does it cost?", "Was kostet das?", "Wat kost dat?"):
        text = asking.ask([EVENT], follow_up, NOW, first.state).text
        assert "250 NOK" in text and "300" not in text, text


@pytest.mark.parametrize(
    "question",
    [
        "Do I need prior knowledge for the Coastal Knowledge seminars?",
        "Heb ik voorkennis nodig voor de Coastal Knowledge seminars?",
    ],
)
def test_a_word_of_the_events_name_the_question_uses_for_itself_is_asked(question: str) -> None:
    event = Event.model_validate(
        {
            "id": "coastal-2027",
            "name": "Coastal Knowledge Seminars 2027",
            "summary": "Online seminars on coastal lore.",
            "timezone": "Europe/Oslo",
            "dates": {"start": "2027-05-10", "end": "2027-06-11"},
            "past_editions": [{"name": "Coastal Lore Talks 2026"}],
            "qa": [
                {
                    "question": "Do I need any background?",
                    "answer": "No: the seminars are for everyone; no training is expected.",
                    "keywords": ["background", "knowledge", "prerequisites"],
                }
            ],
        }
    )
    said = asking.ask([event], question, NOW)
    assert "no training is expected" in said.text
    assert "2026" not in said.text
    assert asking.ask([event], "when are the Coastal Knowledge seminars?", NOW).handoff is False

"""Who asks and of which event: a made-up word of an event's name names it alone, a price is
asked of a fee and not of an entry that names no amount, and the asker's clock is a real one
when the channel knows only its offset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import asking
from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Event, load_events

NOW = dt.datetime(2031, 9, 10, 10, tzinfo=dt.UTC)


def seminars() -> Event:
    return Event.model_validate(
        {
            "id": "kaghaz-seminars-2031",
            "name": "Kaghaz Seminars 2031–32",
            "kind": "online seminar series",
            "summary": "Online seminars on the history of paper.",
            "timezone": "Asia/Tehran",
            "dates": {"start": "2031-10-08", "end": "2032-05-20"},
            "fees": [
                {"category": "Certificate track", "amount": 48, "currency": "EUR"},
                {"category": "Library licence", "amount": 300, "currency": "EUR"},
            ],
            "programme": [
                {
                    "title": "Session 1: What the paper remembers",
                    "day": "2031-10-08",
                    "start": "17:30",
                    "end": "19:00",
                },
                {
                    "title": "Session 8: Forgeries",
                    "day": "2032-04-22",
                    "start": "10:30",
                    "end": "12:00",
                },
            ],
        }
    )


def congress() -> Event:
    return Event.model_validate(
        {
            "id": "imagen-2032",
            "name": "IMAGEN 2032: Congress of Moving Image Studies",
            "acronyms": ["IMAGEN"],
            "summary": "A congress on causality in film history.",
            "timezone": "America/Havana",
            "dates": {"start": "2032-03-10", "end": "2032-03-15"},
            "fees": [
                {"category": "Online pass", "amount": 140, "currency": "EUR"},
                {"category": "Student", "amount": 210, "currency": "EUR"},
            ],
            "qa": [
                {
                    "question": "What does the online pass give me?",
                    "answer": "The online pass streams the plenaries, with recordings until "
                    "30 June 2032.",
                    "keywords": ["online pass"],
                },
                {
                    "question": "Is there a crèche?",
                    "answer": "Yes: 20 EUR a day for children aged 2 to 10.",
                    "keywords": ["creche"],
                },
            ],
        }
    )


def test_a_word_of_its_name_no_language_has_names_an_event_alone() -> None:
    events = [congress(), seminars()]
    first = asking.ask(events, "How much is the IMAGEN student fee?", NOW)
    assert "210" in first.text, first.text
    then = asking.ask(events, "And the Kaghaz certificate track?", NOW, first.state)
    assert "48 EUR" in then.text and not then.handoff, then.text


def test_a_word_of_a_name_that_is_also_a_word_leaves_the_conversation_where_it_is() -> None:
    events = [congress(), seminars()]
    first = asking.ask(events, "How much is the Kaghaz certificate track?", NOW)
    # "Seminars" is a word: the conversation stays with the seminars
    then = asking.ask(events, "and the library licence for the seminars?", NOW, first.state)
    assert "300 EUR" in then.text, then.text


@pytest.mark.parametrize(
    "question",
    ["How much is the IMAGEN online pass?", "Was kostet der IMAGEN Online pass?"],
)
def test_a_price_is_asked_of_the_fee_not_of_an_entry_without_an_amount(question: str) -> None:
    reply = asking.ask([congress()], question, NOW)
    assert "140" in reply.text and "streams the plenaries" not in reply.text, reply.text


def test_an_entry_naming_an_amount_still_answers_a_price() -> None:
    reply = asking.ask([congress()], "How much does the IMAGEN crèche cost?", NOW)
    assert "20 EUR a day" in reply.text, reply.text


def test_a_question_of_what_an_entry_says_still_gets_the_entry() -> None:
    reply = asking.ask([congress()], "What does the IMAGEN online pass give me?", NOW)
    assert "streams the plenaries" in reply.text, reply.text


@pytest.mark.parametrize(
    ("question", "offset", "said"),
    [
        # in March a Dutch or German writer at +01:00 is on Central European time, which is
        # summer time by 22 April: 10:30 in Tehran (+03:30) is 09:00 there, not 08:00
        ("Hoe laat is Kaghaz sessie 8 bij ons?", 1, "09:00"),
        ("Wann ist Kaghaz Session 8 bei uns?", 1, "09:00"),
    ],
)
def test_a_bare_offset_is_the_clock_of_where_the_language_is_written(
    question: str, offset: int, said: str
) -> None:
    now = dt.datetime(2032, 3, 20, 10, tzinfo=dt.timezone(dt.timedelta(hours=offset)))
    reply = asking.ask([seminars()], question, now)
    assert said in reply.text, reply.text


def test_an_offset_in_english_stays_an_offset() -> None:
    # -05:00 in March is New York's winter time, but also Jamaica's or Bogotá's all year:
    # English is written in too many places to guess
    now = dt.datetime(2032, 3, 10, 10, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    reply = asking.ask([seminars()], "What time is Kaghaz session 8 in my time?", now)
    assert "02:00" in reply.text and "UTC-05:00" in reply.text, reply.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Sydney here. What time is Kaghaz session 8 for me?", "17:00 AEST"),
        ("New York here - when is Kaghaz session 8 for me?", "03:00 EDT"),
    ],
)
def test_a_place_and_here_say_where_the_asker_is(question: str, said: str) -> None:
    reply = asking.ask([seminars()], question, NOW)
    assert said in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "How long is each session of the Kaghaz Seminars?",
        "Wie lange dauert eine Sitzung der Kaghaz Seminars?",
    ],
)
def test_a_word_of_the_events_name_does_not_ask_the_events_length(question: str) -> None:
    """ "Seminars" names the series here; the length asked is a session's."""
    reply = asking.ask([seminars()], question, NOW)
    assert "90" in reply.text and "226" not in reply.text, reply.text


def test_the_offset_of_a_mails_date_header_is_read_as_a_clock_too() -> None:
    header = dt.timezone(dt.timedelta(hours=1))  # a German mail's Date header in March
    now = dt.datetime(2032, 3, 20, 9, tzinfo=dt.UTC)
    outcome = Engine([seminars()]).handle(
        Incoming("Wann ist Kaghaz Session 8 bei uns?", zone=header), State(), now
    )
    assert "09:00" in outcome.replies[0].text, outcome.replies[0].text


def test_a_follow_up_sharing_one_word_with_a_deadline_does_not_ask_it() -> None:
    event = seminars().model_dump(mode="json")
    event["deadlines"] = [
        {"name": "Certificate tracks", "date": "2031-11-15"},
        {"name": "Speaker slides upload", "date": "2031-10-01"},
    ]
    event["speakers"] = [{"name": "Shirin Golbahar-Nakamura"}]
    events = [Event.model_validate(event)]
    first = asking.ask(events, "When do the Kaghaz certificate tracks close?", NOW)
    then = asking.ask(events, "and the speakers?", NOW, first.state)
    assert "Golbahar-Nakamura" in then.text and "upload" not in then.text, then.text


def test_a_town_in_an_events_name_does_not_name_it_alone() -> None:
    """ "I study in Utrecht" is where the asker is, not the Utrecht Winter School."""
    school = Event.model_validate(
        {
            "id": "utrecht-winter-2032",
            "name": "Utrecht Winter School on Causal Inference 2032",
            "summary": "A winter school.",
            "timezone": "Europe/Amsterdam",
            "dates": {"start": "2032-01-12", "end": "2032-01-16"},
            "fees": [{"category": "Student", "amount": 200, "currency": "EUR"}],
        }
    )
    data = seminars().model_dump(mode="json")
    data["fees"].append({"category": "Student", "amount": 20, "currency": "EUR"})
    events = [Event.model_validate(data), school]
    first = asking.ask(events, "How much is the Kaghaz certificate track?", NOW)
    then = asking.ask(events, "I study in Utrecht. What is the student price?", NOW, first.state)
    assert "20 EUR" in then.text and "200" not in then.text, then.text


def test_an_entry_on_a_fees_price_for_some_is_still_given() -> None:
    data = congress().model_dump(mode="json")
    data["qa"].append(
        {
            "question": "Is there a reduction on the online pass for students?",
            "answer": "Students get the online pass at half price.",
            "keywords": ["online pass students"],
        }
    )
    reply = asking.ask(
        [Event.model_validate(data)], "How much is the online pass for students?", NOW
    )
    assert "half price" in reply.text, reply.text


def rekohu(how_to_register: str) -> Event:
    return Event.model_validate(
        {
            "id": "rekohu-school-2032",
            "name": "Rēkohu Summer School 2032",
            "summary": "A summer school.",
            "timezone": "Pacific/Chatham",
            "dates": {"start": "2032-01-12", "end": "2032-01-23"},
            "fees": [{"category": "Student", "amount": 2990, "currency": "NZD"}],
            "registration": {"required": True, "how": how_to_register},
        }
    )


@pytest.mark.parametrize(
    "question",
    [
        "How much is the deposit for the school?",
        "Hoe hoog is de aanbetaling?",
        "Wie hoch ist die Anzahlung?",
    ],
)
def test_what_a_thing_costs_is_the_amount_the_organisers_wrote_after_it(question: str) -> None:
    school = rekohu(
        "Admitted participants pay a deposit of 600 NZD by 20 November 2031 and the rest by "
        "15 December 2031."
    )
    reply = asking.ask([school], question, NOW)
    assert "600 NZD" in reply.text and not reply.handoff, reply.text


def test_an_amount_far_from_the_thing_is_not_its_price() -> None:
    school = rekohu("Bring your laptop; the student fee of 2,990 NZD covers meals.")
    reply = asking.ask([school], "How much is a laptop?", NOW)
    assert reply.handoff, reply.text


SAMPLES = Path(__file__).resolve().parents[2] / "events"


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Wer hat das Leidener Symposium über KI im Gesundheitswesen organisiert?", "SAILS"),
        ("Wann findet das Symposium zu KI, Kausalität und personalisierter Medizin statt?", "2023"),
        ("Was kostet das Symposium zu KI und personalisierter Medizin?", "119 EUR"),
    ],
)
def test_an_events_name_said_in_other_words_asks_nothing_more(question: str, said: str) -> None:
    """The words after "Symposium" that say the event's name in German ("KI im
    Gesundheitswesen" of "Demystifying AI in Healthcare") are no subject the facts must
    explain."""
    now = dt.datetime(2023, 6, 1, 10, tzinfo=dt.UTC)
    answer = asking.ask(load_events(SAMPLES), question, now)
    assert said in answer.text and not answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "I'm a PhD student in Kenya — how much is IMAGEN for me?",
        "Ich bin Doktorandin in Köln. Was kostet mich IMAGEN als Student?",
        "Ik ben student in Gent. Wat kost IMAGEN voor mij?",
    ],
)
def test_where_the_asker_says_they_are_qualifies_them_and_asks_nothing(question: str) -> None:
    """ "I'm a student in Kenya": the place tells of the asker, the fee is asked."""
    answer = asking.ask([congress()], question, NOW)
    assert "210" in answer.text and not answer.handoff, answer.text


def test_a_place_the_events_speak_of_may_be_what_the_fee_depends_on() -> None:
    """Students in Armenia pay nothing: "Ich studiere in Jerewan" (Yerevan, in Armenia) is no
    place of the asker to pass over, so the organisers are asked rather than a fee given."""
    event = congress().model_copy(
        update={"description": "Students at universities in Armenia attend free of charge."}
    )
    answer = asking.ask([event], "Ich studiere in Jerewan. Was kostet IMAGEN für Studenten?", NOW)
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Kaghaz session 8 in Berlin time?", "Forgeries"),
        ("What topic is session 8 of the Kaghaz Seminars on?", "Forgeries"),
    ],
)
def test_a_session_named_by_its_number_is_the_session(question: str, said: str) -> None:
    """ "Session 8" names the session whatever else the words cue: a place's time alone, or
    "topic", which else asks the seminars' scope."""
    event = asking.changed(
        seminars(),
        topics=["paper mills", "watermarks"],
        deadlines=[{"name": "Certificate essays", "date": "2032-05-08"}],
    )
    answer = asking.ask([event], question, NOW)
    assert said in answer.text, answer.text

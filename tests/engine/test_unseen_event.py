"""The engine on an event it was never tuned on (tests/data/events), loaded beside the samples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventbot.engine import Engine, Incoming, Outcome, State
from eventbot.knowledge import Event, load_events

ROOT = Path(__file__).resolve().parents[2]
NORD = "nordic-health-ai-2027"
BEFORE = dt.datetime(2027, 2, 1, 10, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_events(ROOT / "events") + load_events(ROOT / "tests" / "data" / "events"))


def ask(
    engine: Engine, text: str, *, state: State | None = None, now: dt.datetime = BEFORE
) -> Outcome:
    return engine.handle(Incoming(text), state or State(event=NORD), now)


def reply(outcome: Outcome) -> str:
    return "\n".join(r.text for r in outcome.replies)


def test_the_acronym_picks_the_event_among_several(engine: Engine) -> None:
    outcome = ask(engine, "how much is NordML4H?", state=State())
    assert outcome.event == NORD
    assert (
        "350 DKK" in reply(outcome) and "150 DKK" in reply(outcome) and "500 DKK" in reply(outcome)
    )


def test_a_fee_category_named_in_the_question_is_the_one_answered(engine: Engine) -> None:
    outcome = ask(engine, "is there a student rate?")
    assert "150 DKK" in reply(outcome) and "500 DKK" not in reply(outcome)
    assert outcome.facts[0] == "fees[1].amount"
    assert not outcome.handoff


def test_vat_excluded_is_said_with_its_rate(engine: Engine) -> None:
    outcome = ask(engine, "is VAT included in the regular fee?")
    assert "plus VAT (25%, that is 125 DKK): 625 DKK in all" in reply(outcome)
    assert not outcome.handoff


def test_hybrid_venue_answers_online_attendance(engine: Engine) -> None:
    outcome = ask(engine, "can I attend online?")
    assert "hybrid" in reply(outcome) and "https://nordml4h.example.org/live" in reply(outcome)


def test_question_and_answer_entry_answers_what_no_field_holds(engine: Engine) -> None:
    outcome = ask(engine, "is there parking?")
    assert "car park" in reply(outcome)
    assert outcome.facts == ["qa[0]"] and not outcome.handoff


def test_the_same_question_is_handed_off_for_an_event_without_that_entry(engine: Engine) -> None:
    outcome = ask(engine, "is there parking?", state=State(event="causality-medicine-2023"))
    assert outcome.handoff and "car park" not in reply(outcome)


def test_a_deadline_is_followed_up_by_its_own_name(engine: Engine) -> None:
    first = ask(engine, "when is the abstract deadline?")
    assert "1 February 2027, 23:59 CET" in reply(first)
    second = ask(engine, "and the full paper?", state=first.state)
    assert second.intents == ["deadlines"]
    assert "8 February 2027, 12:00 UTC" in reply(second) and second.facts == ["deadlines[1]"]


def test_a_missing_deadline_kind_is_handed_off(engine: Engine) -> None:
    outcome = ask(engine, "when is the camera-ready deadline?")
    assert outcome.handoff and "camera-ready" in reply(outcome)


def test_registration_before_it_opens_says_when_it_opens(engine: Engine) -> None:
    outcome = ask(engine, "can I register yet?", now=dt.datetime(2027, 1, 5, tzinfo=dt.UTC))
    assert "opens on Sunday 10 January 2027" in reply(outcome)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("When did registration open?", "opened on Sunday 10 January 2027"),
        ("Wanneer ging de aanmelding open?", "op zondag 10 januari 2027 geopend"),
        ("Wann hat die Anmeldung geöffnet?", "am Sonntag, 10. Januar 2027 geöffnet"),
    ],
)
def test_registration_once_open_says_when_it_opened_when_asked(
    engine: Engine, question: str, said: str
) -> None:
    assert said in reply(ask(engine, question))


@pytest.mark.parametrize(
    "question",
    [
        "In which month is NordML4H?",
        "In welke maand is NordML4H?",
        "In welchem Monat ist NordML4H?",
    ],
)
def test_the_month_asked_is_the_dates(engine: Engine, question: str) -> None:
    assert ask(engine, question).intents == ["dates"]


@pytest.mark.parametrize(
    "question",
    ["In which month is the abstract deadline?", "In welchem Monat ist die Abstract-Deadline?"],
)
def test_the_month_of_a_deadline_is_the_deadlines(engine: Engine, question: str) -> None:
    assert ask(engine, question).intents == ["deadlines"]


def test_capacity_and_submission_details_come_from_the_event(engine: Engine) -> None:
    assert "250 places" in reply(ask(engine, "how many places are there?"))
    assert "8 pages plus references" in reply(ask(engine, "what is the page limit?"))
    assert "double-blind" in reply(ask(engine, "is it double blind?"))
    assert "openreview.net" in reply(ask(engine, "where do I submit?"))


def test_a_talk_title_is_answered_for_a_named_speaker(engine: Engine) -> None:
    outcome = ask(engine, "what is Ingrid Halvorsen talking about?")
    assert "Federated survival models" in reply(outcome) and outcome.facts == ["speakers[0].talk"]


def test_an_exhaustive_topic_list_gives_a_clear_no(engine: Engine) -> None:
    outcome = ask(engine, "is computer vision in scope?")
    assert reply(outcome).startswith("No,") and not outcome.handoff


def test_times_are_given_in_the_event_zone(engine: Engine) -> None:
    assert "09:00 until 17:30 (Europe/Copenhagen)" in reply(ask(engine, "what time does it start?"))


@pytest.mark.parametrize(
    "question",
    [
        "Geht es bei der NordML4H-Konferenz auch um Survival analysis?",
        "Gaat het NordML4H congres ook over survival analysis?",
    ],
)
def test_whether_it_is_about_a_topic_may_name_the_event_first(
    engine: Engine, question: str
) -> None:
    outcome = ask(engine, question, state=State())
    assert "Survival analysis" in reply(outcome) and not outcome.handoff, reply(outcome)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("When does registration open?", "opened on Sunday 10 January 2027"),
        ("Wann öffnet die Anmeldung?", "am Sonntag, 10. Januar 2027 geöffnet"),
        ("Is registration still open?", "Registration deadline"),
    ],
)
def test_a_deadline_named_registration_is_when_it_closes_not_opens(
    question: str, said: str
) -> None:
    """A deadline named "Registration" is when registering closes: "when does registration
    open?" asks the other end."""
    events = load_events(ROOT / "tests" / "data" / "events")
    [event] = [e for e in events if e.id == "nordic-health-ai-2027"]
    named = Event.model_validate(
        {
            **event.model_dump(mode="json", exclude_none=True),
            "deadlines": [
                *event.model_dump(mode="json", exclude_none=True)["deadlines"],
                {"name": "Registration", "kind": "registration", "date": "2027-03-01"},
            ],
        }
    )
    outcome = Engine([named]).handle(
        Incoming(question), State(), dt.datetime(2027, 2, 1, 12, tzinfo=dt.UTC)
    )
    assert said in reply(outcome)

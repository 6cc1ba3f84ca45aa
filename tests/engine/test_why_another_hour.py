"""Why sessions at one hour where the event is are at other hours by the asker's clock: the two
clocks are not as far apart on both days, as one place changes its clocks and the other does
not; and a clock the asker tells ("at 7 pm") is a time, not a word of what they ask about."""

from __future__ import annotations

import datetime as dt

import pytest

from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Event

NOW = dt.datetime(2061, 10, 1, 12, tzinfo=dt.UTC)
SERIES = Event.model_validate(
    {
        "id": "salta-seminars-2061",
        "name": "Salta Epigraphy Seminars 2061",
        "timezone": "America/Argentina/Salta",  # UTC−3 all year
        "dates": {"start": "2061-09-22", "end": "2062-04-20"},
        "venue": {"name": "Online", "city": "Salta"},
        "programme": [
            {"title": "Seminar 1: Stelae", "day": "2061-09-22", "start": "10:00", "end": "11:00"},
            {"title": "Seminar 2: Codices", "day": "2061-10-13", "start": "10:00", "end": "11:00"},
            {"title": "Seminar 3: Graffiti", "day": "2061-11-03", "start": "10:00", "end": "11:00"},
            {"title": "Public lecture: Inscriptions", "day": "2061-10-19", "start": "19:00"},
            {"title": "Seminar 4: Seals", "day": "2062-04-13", "start": "10:00", "end": "11:00"},
        ],
    }
)


def after(first: str) -> tuple[Engine, State]:
    """The engine and the conversation's state after its first question."""
    engine = Engine([SERIES])
    return engine, engine.handle(Incoming(first), State(), NOW).state


@pytest.mark.parametrize(
    ("first", "why", "changed"),
    [
        (
            "What time is seminar 3 for me in Germany?",
            "Why is seminar 3 not at 3 pm like seminar 1?",
            "the clocks in Berlin changed between them, those in Salta did not",
        ),
        (
            "Wann ist Seminar 3 bei uns in Deutschland?",
            "Warum ist Seminar 3 nicht um 15 Uhr wie Seminar 1?",
            "Die Uhren in Berlin wurden dazwischen umgestellt, die in Salta nicht",
        ),
        (
            "Hoe laat is seminar 3 voor mij in Nederland?",
            "Waarom is seminar 3 niet om 15 uur zoals seminar 1?",
            "de klok in Amsterdam is daartussen verzet, die in Salta niet",
        ),
    ],
)
def test_why_a_session_is_at_another_hour_is_how_far_apart_the_clocks_are_each_day(
    first: str, why: str, changed: str
) -> None:
    engine, state = after(first)
    text = engine.handle(Incoming(why), state, NOW).replies[0].text
    assert changed in text, text
    assert "(UTC−3)" in text and "(UTC+2)" in text and "(UTC+1)" in text, text


def test_sessions_as_far_apart_by_both_clocks_are_not_explained_by_them() -> None:
    """Seminars 1 and 2 are both in Berlin's summer time: the clocks do not say why."""
    engine, state = after("What time is seminar 2 for me in Germany?")
    outcome = engine.handle(Incoming("Why is seminar 2 not at 2 pm like seminar 1?"), state, NOW)
    assert outcome.handoff
    assert "changed" not in outcome.replies[0].text


@pytest.mark.parametrize(
    "question",
    [
        "Public lecture on Wednesday at 7 pm in Salta - what is that in Chicago?",
        "The public lecture is at 7 pm. What time is that in Chicago?",
    ],
)
def test_a_clock_the_asker_tells_is_no_word_of_what_they_ask(question: str) -> None:
    outcome = Engine([SERIES]).handle(Incoming(question), State(), NOW)
    assert not outcome.handoff, outcome.replies[0].text
    assert "in Chicago: Wednesday 19 October 2061, 17:00 CDT" in outcome.replies[-1].text


def test_of_three_sessions_the_place_whose_clocks_changed_between_any_is_named() -> None:
    """Seminars 1 and 4 are both in Berlin's summer time, seminar 3 in its winter time."""
    engine, state = after("What time is seminar 3 for me in Germany?")
    why = "Why is seminar 3 at 2 pm when seminars 1 and 4 are at 3 pm?"
    text = engine.handle(Incoming(why), state, NOW).replies[0].text
    assert "the clocks in Berlin changed between them, those in Salta did not" in text, text

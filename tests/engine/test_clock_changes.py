"""Whether and when the clocks change where the event is, or in a place the question names, while
the event runs: from the tz database, on the day and at the hour the old clock shows."""

from __future__ import annotations

import datetime as dt

import pytest

from eventbot.engine import Engine, Incoming, Outcome, State
from eventbot.knowledge import Event
from eventbot.knowledge.moments import clock_changes

NOW = dt.datetime(2049, 1, 10, 12, tzinfo=dt.UTC)


def congress(
    start: str = "2049-03-10", end: str = "2049-03-16", zone: str = "America/Nassau"
) -> Event:
    return Event.model_validate(
        {
            "id": "lucaya-congress-2049",
            "name": "Lucaya Congress 2049",
            "timezone": zone,
            "dates": {"start": start, "end": end},
            "venue": {"name": "Convention Centre", "city": "Nassau"},
            "programme": [{"title": "Session 2: Sources", "day": start, "start": "09:00"}],
        }
    )


def asked(question: str, event: Event | None = None) -> Outcome:
    return Engine([event or congress()]).handle(Incoming(question), State(), NOW)


def test_the_moments_a_zone_changes_its_clocks_are_found_to_the_minute() -> None:
    from zoneinfo import ZoneInfo

    nassau = ZoneInfo("America/Nassau")
    found = clock_changes(nassau, dt.date(2049, 1, 1), dt.date(2049, 12, 31))
    assert found == [
        dt.datetime(2049, 3, 14, 7, tzinfo=dt.UTC),
        dt.datetime(2049, 11, 7, 6, tzinfo=dt.UTC),
    ]


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Does Nassau change clocks during the congress?", "Yes. The clocks in Nassau change"),
        ("Wird während des Kongresses die Uhr umgestellt?", "Ja. In Nassau werden die Uhren"),
        ("Wanneer gaat de klok vooruit tijdens het congres?", "gaat de klok vooruit naar 03:00"),
    ],
)
def test_a_change_during_the_event_is_told_with_its_day_and_hour(question: str, said: str) -> None:
    outcome = asked(question)
    text = outcome.replies[0].text
    assert said in text and not outcome.handoff, text
    assert "14" in text and "02:00 (UTC−5)" in text and "03:00 (UTC−4)" in text, text


def test_no_change_during_the_event_names_the_ones_before_and_after() -> None:
    text = asked("Do the clocks change during the congress?", congress("2049-07-05", "2049-07-09"))
    text = text.replies[0].text
    assert text.startswith("No. Nassau keeps UTC−4 throughout"), text
    assert "14 March 2049" in text and "7 November 2049" in text, text


def test_a_place_that_never_changes_its_clocks_is_said_to_keep_one_offset() -> None:
    text = asked("Does Tokyo change its clocks during the congress?").replies[0].text
    assert "Tokyo does not change its clocks: it keeps UTC+9 all year." in text, text


def test_a_change_at_night_is_on_the_day_the_old_clock_shows() -> None:
    """Nuuk goes forward at 23:00 on Saturday 24 March 2035 (to midnight, the 25th)."""
    school = congress("2035-03-18", "2035-03-30", "America/Nuuk")
    text = asked("When do the clocks change during the school?", school).replies[0].text
    assert "24 March 2035: at 23:00 (UTC−2)" in text, text


@pytest.mark.parametrize(
    "question",
    [
        "Do the session times change when the clocks go back?",
        "I know the clocks change in March somewhere. What time is session 2?",
    ],
)
def test_a_question_of_something_else_around_a_change_is_not_answered_with_it(
    question: str,
) -> None:
    text = asked(question).replies[0].text
    assert "the clocks go forward" not in text, text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("How many hours is Nassau ahead of Berlin during the congress?", "5 hours"),
        ("Wie viele Stunden ist Nassau während des Kongresses hinter Deutschland?", "5 Stunden"),
        ("Hoeveel uur loopt Nassau tijdens het congres achter op Nederland?", "5 uur"),
    ],
)
def test_how_many_hours_one_clock_is_ahead_of_another_is_the_time_difference(
    question: str, said: str
) -> None:
    """The words apart ("how many hours is Nassau ahead of …", "wie viele Stunden … hinter"):
    the time difference, each day of the event, not a hand-off."""
    outcome = asked(question)
    text = outcome.replies[0].text
    assert said in text and "6" in text and not outcome.handoff, text  # 6 before 14 March

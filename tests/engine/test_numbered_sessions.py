"""A session named by its word and number ("session 2", "Track B") is that one: not every
session whose title has the number somewhere ("Session 6, part 2"); "the first session" is the
first in time, not one whose description says "the first one after …" or "summer time"."""

from __future__ import annotations

import datetime as dt

import pytest

import asking
from eventbot.knowledge import Event

NOW = dt.datetime(2028, 1, 10, 9, tzinfo=dt.UTC)
EVENT = Event.model_validate(
    {
        "id": "tidewater-2028",
        "name": "Tidewater Webinars 2028",
        "summary": "Monthly webinars on coastal sensing.",
        "timezone": "America/Halifax",
        "dates": {"start": "2028-02-02", "end": "2028-05-03"},
        "venue": {"mode": "online"},
        "contact": {"email": "tide@example.org"},
        "programme": [
            {"title": "Session 1: Tide gauges", "day": "2028-02-02", "start": "12:00"},
            {
                "title": "Session 2: Salt marsh drones",
                "day": "2028-03-01",
                "start": "12:00",
                "description": "The first one after the clocks change to summer time.",
            },
            {"title": "Session 3, part 1: Student talks", "day": "2028-05-03", "start": "12:00"},
            {"title": "Session 3, part 2: Closing panel", "day": "2028-05-03", "start": "13:00"},
            {"title": "Track B: Sea ice", "day": "2028-04-05", "start": "12:00"},
            {"title": "Session I: Welcome", "day": "2028-06-07", "start": "12:00"},
            {"title": "Session II: Storm surge models", "day": "2028-06-07", "start": "13:00"},
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "named", "not_named"),
    [
        ("when is session 2?", "Salt marsh drones", "Closing panel"),
        ("Wann ist Session 2?", "Salt marsh drones", "Closing panel"),
        ("Wanneer is sessie 2?", "Salt marsh drones", "Closing panel"),
        ("when is track B?", "Sea ice", "Tide gauges"),
        ("when is session 3?", "Closing panel", "Salt marsh drones"),
        ("when are sessions 1 and 2?", "Salt marsh drones", "Closing panel"),
        ("is there a session I could join on storm surge models?", "Storm surge", "Welcome"),
    ],
)
def test_a_word_and_its_number_name_one_session(question: str, named: str, not_named: str) -> None:
    said = asking.ask([EVENT], question, NOW)
    assert named in said.text
    assert not_named not in said.text


@pytest.mark.parametrize(
    "question", ["what time is the first session?", "Um wie viel Uhr ist die erste Session?"]
)
def test_the_first_is_first_in_time_whatever_a_description_says(question: str) -> None:
    said = asking.ask([EVENT], question, NOW)
    assert "Tide gauges" in said.text
    assert "Salt marsh drones" not in said.text


@pytest.mark.parametrize(
    "question",
    [
        "When is session 1, and what time is that in Tokyo?",
        "Wann ist Session 1? Und wie spät ist das in Tokio?",
    ],
)
def test_a_time_asked_somewhere_after_a_session_is_that_sessions(question: str) -> None:
    said = asking.ask([EVENT], question, NOW)
    assert "Tide gauges" in said.text
    assert "Salt marsh drones" not in said.text
    assert "01:00" in said.text  # 12:00 in Halifax (UTC-4) is 01:00 the next day in Tokyo


CONGRESS = Event.model_validate(
    {
        "id": "reefcon-2028",
        "name": "ReefCon 2028",
        "summary": "A congress on reef surveying.",
        "timezone": "Australia/Brisbane",
        "dates": {"start": "2028-09-04", "end": "2028-09-06"},
        "venue": {"name": "Harbour Centre", "city": "Cairns", "country": "Australia"},
        "speakers": [
            {"name": "Ana Moreno", "talk": "Plenary 1: Reef census"},
            {"name": "Li Wei", "talk": "Plenary 2: Coral genomics"},
        ],
        "programme": [
            {"title": "Plenary 1: Reef census", "day": "2028-09-04", "start": "09:00"},
            {"title": "Plenary 2: Coral genomics", "day": "2028-09-05", "start": "09:00"},
            {
                "title": "Parallel sessions",
                "day": "2028-09-05",
                "start": "11:00",
                "description": "Track A in the Plenary Hall.",
            },
            {"title": "Posters, round 2", "day": "2028-09-06", "start": "09:00"},
        ],
    }
)


@pytest.mark.parametrize(
    "question",
    [
        "What time is plenary 2 in Tokyo?",
        "Wann ist die Plenary 2 bei uns in Tokio?",
        "Hoe laat is plenary 2 in Tokio?",
    ],
)
def test_a_numbered_title_whose_word_and_number_others_share_names_one(question: str) -> None:
    said = asking.ask([CONGRESS], question, NOW)
    assert "Coral genomics" in said.text
    assert "08:00" in said.text  # 09:00 in Brisbane (UTC+10) is 08:00 in Tokyo
    assert not said.handoff


@pytest.mark.parametrize(
    "question",
    ["When is keynote 2 in Tokyo time?", "Wann ist Keynote 2?", "Hoe laat is keynote 2?"],
)
def test_a_number_after_a_kind_whose_titles_have_none_is_its_order(question: str) -> None:
    keynotes = Event.model_validate(
        {
            **EVENT.model_dump(mode="json", exclude_none=True),
            "programme": [
                {"title": "Keynote: Tide gauges", "day": "2028-02-02", "start": "12:00"},
                {"title": "Panel: Funding", "day": "2028-02-02", "start": "14:00"},
                {"title": "Keynote: Salt marsh drones", "day": "2028-03-01", "start": "12:00"},
            ],
        }
    )
    said = asking.ask([keynotes], question, NOW)
    assert "Salt marsh drones" in said.text
    assert "Tide gauges" not in said.text


@pytest.mark.parametrize(
    "question",
    [
        "Salt marsh drones webinar - Tokyo time?",
        "the salt marsh drones session, Tokyo time?",
        "Salt-marsh-drones-Session in Tokio-Zeit?",
    ],
)
def test_a_session_named_with_a_zones_time_asks_when_it_is_there(question: str) -> None:
    said = asking.ask([EVENT], question, NOW)
    assert not said.handoff
    assert "Salt marsh drones" in said.text
    assert "01:00" in said.text  # 12:00 in Halifax (UTC-4 in March) is 01:00 the next day

"""A seminar series' seminars and a congress's workshops are sessions too: "when is the seminar
on 14 February?" and "how long are the workshops on 1 March?" ask that day's sessions of the
kind, not the dates of the whole event whose kind the word also names."""

from __future__ import annotations

import datetime as dt

import pytest

from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Event

NOW = dt.datetime(2070, 1, 2, 12, tzinfo=dt.UTC)
SERIES = Event.model_validate(
    {
        "id": "delta-seminars-2070",
        "name": "Delta Seminars 2070",
        "timezone": "Europe/Amsterdam",
        "dates": {"start": "2070-01-10", "end": "2070-03-01"},
        "programme": [
            {"title": "Seminar 1: Tides", "day": "2070-01-10", "start": "16:00", "end": "17:30"},
            {"title": "Seminar 2: Dunes", "day": "2070-02-14", "start": "16:00", "end": "17:30"},
            {
                "title": "Workshop A: Sediment cores",
                "day": "2070-03-01",
                "start": "09:00",
                "end": "12:00",
            },
        ],
    }
)


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("When is the seminar on 14 February?", "Seminar 2: Dunes"),
        ("Wann ist das Seminar am 14. Februar?", "Seminar 2: Dunes"),
        ("Hoe laat is het seminar op 14 februari?", "Seminar 2: Dunes"),
        ("How long is the workshop on 1 March?", "Workshop A"),
        ("Wie lange dauert der Workshop am 1. März?", "Workshop A"),
    ],
)
def test_a_day_s_session_of_the_kind_the_event_is_named_by(question: str, title: str) -> None:
    outcome = Engine([SERIES]).handle(Incoming(question), State(), NOW)
    text = outcome.replies[0].text
    assert not outcome.handoff, text
    assert title in text and "Seminar 1" not in text, text

"""The other event of a conversation that named two is kept, and stored with the state."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import load_events

EVENTS = Path(__file__).resolve().parents[2] / "events"
NOW = dt.datetime(2023, 6, 1, 8, tzinfo=dt.UTC)


def test_the_other_event_survives_a_stored_state() -> None:
    engine = Engine(load_events(EVENTS))
    first = engine.handle(
        Incoming("Hanover symposium or TAI4H? When is the Hanover symposium?"), State(), NOW
    )
    assert first.state.other == "tai4h-2024"
    kept = State.from_dict(json.loads(json.dumps(first.state.to_dict())))
    assert engine.handle(Incoming("and the other one?"), kept, NOW).event == "tai4h-2024"


def test_without_another_event_the_other_one_stays_with_the_conversations() -> None:
    engine = Engine(load_events(EVENTS))
    first = engine.handle(Incoming("When is the Hanover symposium?"), State(), NOW)
    assert first.state.other is None
    assert engine.handle(Incoming("and the other one?"), first.state, NOW).event == (
        "causality-medicine-2023"
    )

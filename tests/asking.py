"""One question to the engine about some events, as the engine's tests ask it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventbot.engine import Engine, Incoming, State
from eventbot.knowledge import Event


@dataclass(frozen=True)
class Said:
    text: str  # every reply, one after the other
    intents: list[str]
    handoff: bool
    state: State  # to ask the next question in the same conversation


def ask(events: list[Event], question: str, now: dt.datetime, state: State | None = None) -> Said:
    outcome = Engine(events).handle(Incoming(question), state or State(), now)
    return Said(
        text=" ".join(reply.text for reply in outcome.replies),
        intents=[str(intent) for intent in outcome.intents],
        handoff=outcome.handoff,
        state=outcome.state,
    )


def changed(event: Event, **facts: object) -> Event:
    """`event` with these facts in place of its own: a test's variation of a test's event."""
    return Event.model_validate({**event.model_dump(mode="json", exclude_none=True), **facts})

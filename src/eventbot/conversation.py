"""One attendee's conversation on a channel: the engine, their state, the clock, the hand-offs."""

from __future__ import annotations

from dataclasses import dataclass, field

from .clock import Clock
from .engine import Engine, Incoming, Outcome, State
from .handoff import HandoffLog


@dataclass
class Conversation:
    engine: Engine
    clock: Clock
    handoffs: HandoffLog | None
    channel: str
    sender: str
    state: State = field(default_factory=State)

    def send(self, text: str, *, choice: str | None = None) -> Outcome:
        """The engine's answer to the attendee's message; a question it cannot answer is logged."""
        now = self.clock.now()
        outcome = self.engine.handle(Incoming(text=text, choice=choice), self.state, now)
        self.state = outcome.state
        if outcome.handoff and self.handoffs is not None:
            self.handoffs.record(at=now, event=outcome.event, channel=self.channel, sender=self.sender,
                                 question=text, reply="\n".join(r.text for r in outcome.replies))
        return outcome

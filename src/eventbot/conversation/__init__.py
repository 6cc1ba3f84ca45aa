"""The conversation service: one message from one attendee on any channel, answered and stored."""

from .assistant import Assistant, Sender
from .turn import REMIND_CHOICE

__all__ = ["REMIND_CHOICE", "Assistant", "Sender"]

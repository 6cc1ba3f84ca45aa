"""The conversation service: one message from one attendee on any channel, answered and stored."""

from .assistant import Assistant, Sender

__all__ = ["Assistant", "Sender"]

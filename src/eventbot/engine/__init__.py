"""The conversation engine: channel-agnostic understanding and grounded answers."""

from .engine import EVENT_CHOICE, Choice, Engine, Incoming, Outcome, Reply, State

__all__ = ["EVENT_CHOICE", "Choice", "Engine", "Incoming", "Outcome", "Reply", "State"]

"""The outbox: everything eventbot sends is written here first, then sent once by a dispatcher."""

from .dispatcher import Dispatcher, Lane, Transport
from .store import (
    Claimed,
    Failure,
    Outbox,
    OutboxStatus,
    Outcome,
    Outgoing,
    Report,
    RetryPolicy,
    Stored,
)

__all__ = [
    "Claimed",
    "Dispatcher",
    "Failure",
    "Lane",
    "Outbox",
    "OutboxStatus",
    "Outcome",
    "Outgoing",
    "Report",
    "RetryPolicy",
    "Stored",
    "Transport",
]

"""The outbox: everything eventbot sends is written here first, then sent once by a dispatcher."""

from .dispatcher import Dispatcher, Lane, Transport
from .store import (
    Claimed,
    Failure,
    Outbox,
    OutboxStatus,
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
    "Outgoing",
    "Report",
    "RetryPolicy",
    "Stored",
    "Transport",
]

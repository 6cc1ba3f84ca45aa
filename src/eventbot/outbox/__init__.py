"""The outbox: everything eventbot sends is written here first, then sent once by a dispatcher."""

from .dispatcher import Dispatcher, Lane, Transport
from .store import Claimed, Outbox, OutboxStatus, Outgoing, Report, RetryPolicy

__all__ = [
    "Claimed",
    "Dispatcher",
    "Lane",
    "Outbox",
    "OutboxStatus",
    "Outgoing",
    "Report",
    "RetryPolicy",
    "Transport",
]

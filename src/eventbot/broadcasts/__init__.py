"""Organisers' broadcasts: a segment of an event's attendees, a message, the outbox."""

from ..reminders.reach import Addressee
from .segments import Segment
from .service import PLACEHOLDERS, Broadcaster, Draft, Report, channels_of, check_text

__all__ = [
    "PLACEHOLDERS",
    "Addressee",
    "Broadcaster",
    "Draft",
    "Report",
    "Segment",
    "channels_of",
    "check_text",
]

"""The event knowledge base: typed models of the organisers' TOML files, and their checker."""

from .load import Problem, check_files, load_event, load_events
from .model import (
    Deadline,
    DeadlineKind,
    Event,
    EventStatus,
    Fee,
    PartialDate,
    Speaker,
    resolve_zone,
)

__all__ = [
    "Deadline",
    "DeadlineKind",
    "Event",
    "EventStatus",
    "Fee",
    "PartialDate",
    "Problem",
    "Speaker",
    "check_files",
    "load_event",
    "load_events",
    "resolve_zone",
]

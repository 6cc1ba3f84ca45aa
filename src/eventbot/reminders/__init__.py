"""Deadline reminders: which moments of an event are worth one, and when each is due."""

from .plan import Moment, Planned, moments, schedule

__all__ = ["Moment", "Planned", "moments", "schedule"]

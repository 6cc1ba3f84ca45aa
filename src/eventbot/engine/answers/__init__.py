"""Answers composed from one event's facts: each says what it used, and whether it fell short."""

from collections.abc import Callable

from .base import Answer, Ask, phase
from .content import (
    about,
    contact,
    organisers,
    past_editions,
    proceedings,
    programme,
    reviewers,
    speakers,
    submission,
    topics,
    website,
)
from .logistics import dates, deadlines, fees, registration, venue

COMPOSERS: dict[str, Callable[[Ask], Answer]] = {
    "about": about,
    "dates": dates,
    "fees": fees,
    "venue": venue,
    "speakers": speakers,
    "registration": registration,
    "deadlines": deadlines,
    "submission": submission,
    "proceedings": proceedings,
    "topics": topics,
    "organisers": organisers,
    "contact": contact,
    "reviewers": reviewers,
    "past_editions": past_editions,
    "website": website,
    "programme": programme,
}

__all__ = ["COMPOSERS", "Answer", "Ask", "phase"]

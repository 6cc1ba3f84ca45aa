"""Answers composed from one event's facts: each says what it used, and whether it fell short."""

from collections.abc import Callable

from ..intents import Intent
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

#: The answer to each question, composed from one event's facts.
COMPOSERS: dict[Intent, Callable[[Ask], Answer]] = {
    Intent.ABOUT: about,
    Intent.DATES: dates,
    Intent.FEES: fees,
    Intent.VENUE: venue,
    Intent.SPEAKERS: speakers,
    Intent.REGISTRATION: registration,
    Intent.DEADLINES: deadlines,
    Intent.SUBMISSION: submission,
    Intent.PROCEEDINGS: proceedings,
    Intent.TOPICS: topics,
    Intent.ORGANISERS: organisers,
    Intent.CONTACT: contact,
    Intent.REVIEWERS: reviewers,
    Intent.PAST_EDITIONS: past_editions,
    Intent.WEBSITE: website,
    Intent.PROGRAMME: programme,
}

__all__ = ["COMPOSERS", "Answer", "Ask", "phase"]

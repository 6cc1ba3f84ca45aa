"""What an attendee can mean: every intent once, with what it is and what it answers from.

The one table of intents. Understanding scores them, answers are composed for the questions,
the assistant acts on the actions, and channels name them in commands: all of them use `Intent`,
and `tests/engine/test_intents.py` checks that every language's lexicon and templates cover it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    # actions: the attendee asks the assistant to do something
    FORGET = "forget"
    MY_DATA = "my_data"
    CANCEL_REGISTRATION = "cancel_registration"
    CHANGE_REGISTRATION = "change_registration"
    MY_REGISTRATION = "my_registration"
    REGISTER = "register"
    STOP_REMINDERS = "stop_reminders"
    MY_REMINDERS = "my_reminders"
    REMIND = "remind"
    # questions: answered from an event's facts
    DEADLINES = "deadlines"
    REGISTRATION = "registration"
    FEES = "fees"
    SUBMISSION = "submission"
    PROCEEDINGS = "proceedings"
    TOPICS = "topics"
    SPEAKERS = "speakers"
    VENUE = "venue"
    DATES = "dates"
    REVIEWERS = "reviewers"
    PAST_EDITIONS = "past_editions"
    CONTACT = "contact"
    ORGANISERS = "organisers"
    WEBSITE = "website"
    PROGRAMME = "programme"
    ABOUT = "about"
    # social: about no event in particular
    EVENTS = "events"
    CAPABILITIES = "capabilities"
    THANKS = "thanks"
    GOODBYE = "goodbye"
    GREETING = "greeting"
    # nothing known was asked: the question is handed off
    UNKNOWN = "unknown"


class Kind(StrEnum):
    ACTION = "action"
    QUESTION = "question"
    SOCIAL = "social"
    NONE = "none"


@dataclass(frozen=True)
class IntentSpec:
    kind: Kind
    fields: tuple[str, ...] = ()  # the parts of an event a question's answer is made of
    templates: tuple[str, ...] = ()  # what each language must be able to say for it


#: Every intent, in order of precedence: when two score the same, the earlier wins.
INTENTS: dict[Intent, IntentSpec] = {
    Intent.FORGET: IntentSpec(Kind.ACTION, templates=("forget_ask", "forgotten")),
    Intent.MY_DATA: IntentSpec(Kind.ACTION, templates=("my_data",)),
    Intent.CANCEL_REGISTRATION: IntentSpec(Kind.ACTION, templates=("cancel_ask",)),
    Intent.CHANGE_REGISTRATION: IntentSpec(Kind.ACTION, templates=("change_which", "change_done")),
    Intent.MY_REGISTRATION: IntentSpec(Kind.ACTION, templates=("not_registered",)),
    Intent.REGISTER: IntentSpec(Kind.ACTION, templates=("form_start", "form_unavailable")),
    Intent.STOP_REMINDERS: IntentSpec(Kind.ACTION, templates=("reminders_stopped",)),
    Intent.MY_REMINDERS: IntentSpec(Kind.ACTION, templates=("reminders_list", "reminders_none")),
    Intent.REMIND: IntentSpec(
        Kind.ACTION, templates=("remind_all", "remind_one", "remind_nothing")
    ),
    Intent.DEADLINES: IntentSpec(
        Kind.QUESTION, ("deadlines", "registration", "dates"), ("deadlines", "no_deadlines")
    ),
    Intent.REGISTRATION: IntentSpec(
        Kind.QUESTION, ("registration", "fees"), ("registration_open", "no_registration")
    ),
    Intent.FEES: IntentSpec(Kind.QUESTION, ("fees",), ("fee_one", "no_fees")),
    Intent.SUBMISSION: IntentSpec(
        Kind.QUESTION, ("submission", "deadlines", "topics"), ("submission_rules", "no_submission")
    ),
    Intent.PROCEEDINGS: IntentSpec(
        Kind.QUESTION, ("proceedings", "special_issues"), ("proceedings", "no_proceedings")
    ),
    Intent.TOPICS: IntentSpec(
        Kind.QUESTION, ("topics", "scope", "summary"), ("topics", "no_topics")
    ),
    Intent.SPEAKERS: IntentSpec(
        Kind.QUESTION, ("speakers", "speakers_note", "programme"), ("speakers", "no_speakers")
    ),
    Intent.VENUE: IntentSpec(Kind.QUESTION, ("venue",), ("venue", "no_venue")),
    Intent.DATES: IntentSpec(
        Kind.QUESTION, ("dates", "programme", "kind"), ("dates_one", "no_dates")
    ),
    Intent.REVIEWERS: IntentSpec(Kind.QUESTION, ("reviewers",), ("reviewers", "no_reviewers")),
    Intent.PAST_EDITIONS: IntentSpec(
        Kind.QUESTION, ("past_editions",), ("past_editions", "no_past_editions")
    ),
    Intent.CONTACT: IntentSpec(Kind.QUESTION, ("contact",), ("contact_email", "no_contact")),
    Intent.ORGANISERS: IntentSpec(Kind.QUESTION, ("organisers",), ("organisers", "no_organisers")),
    Intent.WEBSITE: IntentSpec(Kind.QUESTION, ("website",), ("website", "no_website")),
    Intent.PROGRAMME: IntentSpec(
        Kind.QUESTION, ("programme", "dates"), ("programme", "no_programme")
    ),
    Intent.ABOUT: IntentSpec(
        Kind.QUESTION,
        ("name", "short_name", "kind", "summary", "description", "audience", "topics", "scope"),
        ("about", "no_about"),
    ),
    Intent.EVENTS: IntentSpec(Kind.SOCIAL, templates=("events_list",)),
    Intent.CAPABILITIES: IntentSpec(Kind.SOCIAL, templates=("capabilities",)),
    Intent.THANKS: IntentSpec(Kind.SOCIAL, templates=("thanks",)),
    Intent.GOODBYE: IntentSpec(Kind.SOCIAL, templates=("goodbye",)),
    Intent.GREETING: IntentSpec(Kind.SOCIAL, templates=("greeting",)),
    Intent.UNKNOWN: IntentSpec(Kind.NONE, templates=("unknown", "handed_off", "not_understood")),
}


def _of(kind: Kind) -> frozenset[Intent]:
    return frozenset(intent for intent, spec in INTENTS.items() if spec.kind is kind)


ACTIONS = _of(Kind.ACTION)
QUESTIONS = _of(Kind.QUESTION)
SOCIAL = _of(Kind.SOCIAL)
#: Which parts of an event each question answers from: their words explain a question's words.
FIELDS: dict[Intent, tuple[str, ...]] = {i: INTENTS[i].fields for i in INTENTS if i in QUESTIONS}
#: Precedence, earliest first.
PRIORITY: tuple[Intent, ...] = tuple(INTENTS)

__all__ = ["ACTIONS", "FIELDS", "INTENTS", "PRIORITY", "QUESTIONS", "SOCIAL", "Intent", "Kind"]

"""The assistant's replies written as a person's email: a greeting, the answers, the choices as
a numbered list, a sign-off with the event's name; and a choice read back from a reply."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...engine import Choice, Outcome
from ...engine.phrasing import Phrasebook

_NUMBER = re.compile(r"^\s*\(?(\d{1,2})[.)]?\s*$")


def reply_text(
    outcome: Outcome, phrases: Phrasebook, *, name: str | None, event_label: str | None
) -> str:
    """The body of the mail that answers: every reply of the outcome, in order."""
    paragraphs = [phrases.say("email_greeting", name=_first_name(name))]
    choices = [choice for reply in outcome.replies for choice in reply.choices]
    paragraphs += [reply.text for reply in outcome.replies if reply.text.strip()]
    if choices:
        lines = [phrases.say("email_choices")]
        lines += [
            phrases.say("email_choice_line", number=number, label=choice.label)
            for number, choice in enumerate(choices, start=1)
        ]
        paragraphs.append("\n".join(lines))
    paragraphs.append(phrases.say("email_sign_off", e=event_label))
    return "\n\n".join(paragraphs)


def chosen(text: str, offered: Sequence[Choice]) -> str | None:
    """The value of the choice a reply picks from those `offered`: by its number alone on the
    first line, or by its label written out; None when it picks none."""
    if not offered:
        return None
    first = next((line for line in text.splitlines() if line.strip()), "")
    number = _NUMBER.match(first)
    if number and 1 <= int(number[1]) <= len(offered):
        return offered[int(number[1]) - 1].value
    wanted = first.strip().strip(".!").casefold()
    for choice in offered:
        if choice.label.casefold() == wanted:
            return choice.value
    return None


def _first_name(name: str | None) -> str | None:
    """How a reply greets someone: the name they sign with, without an address in it."""
    if not name or "@" in name:
        return None
    return name.strip().strip('"') or None

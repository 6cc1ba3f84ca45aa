"""The registration form of an event: the fields it asks, and how each answer is read."""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email
from rapidfuzz import fuzz, process, utils

from ..engine.lexicon import FormWords, merged
from ..knowledge import Event
from ..knowledge.model import FieldType, FormField

#: Asked of everyone unless the organisers' file redefines a field of the same name.
DEFAULT_FIELDS = (
    FormField(name="name", label="your full name", type=FieldType.TEXT),
    FormField(name="email", label="your email address", type=FieldType.EMAIL),
    FormField(
        name="affiliation",
        label="your affiliation (university, hospital or company)",
        type=FieldType.TEXT,
    ),
)
FEE_FIELD = "fee_category"
#: The fields eventbot itself names; their labels are said in the attendee's language
#: (`field_<name>` in the templates).
FEE_LABEL = "your fee category"
DEFAULT_LABELS = {**{f.name: f.label for f in DEFAULT_FIELDS}, FEE_FIELD: FEE_LABEL}


def form_fields(event: Event) -> list[FormField]:
    """Name, email, affiliation, the fee category when there are several, then the organisers' own."""
    custom = {f.name: f for f in (event.registration.fields if event.registration else [])}
    fields = [custom.pop(f.name, f) for f in DEFAULT_FIELDS]
    if len(event.fees) > 1 and FEE_FIELD not in custom:
        fields.append(
            FormField(
                name=FEE_FIELD,
                label=FEE_LABEL,
                type=FieldType.CHOICE,
                choices=[fee.category for fee in event.fees],
            )
        )
    fields.extend(custom.values())
    return fields


class Invalid(Exception):
    """An answer that does not fit its field: `reason` names the template (`invalid_<reason>`)
    that tells the attendee why, in their language, with `values`."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


#: Something written like an address, inside a sentence ("it's ada@example.org, thanks").
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def form_words() -> FormWords:
    """How attendees answer a form, in every language the assistant speaks."""
    return merged().form


def yes_or_no(text: str) -> bool | None:
    said = form_words()
    folded = re.sub(r"[^\w\s']", "", text.lower()).strip()
    first = folded.split(" ")[0]
    if folded in said.yes or first in said.yes_first:
        return True
    if folded in said.no or first in said.no_first:
        return False
    return None


def read_answer(field: FormField, text: str) -> str:
    """The value to store for `text` given as the answer to `field`; Invalid says why not."""
    value = text.strip()
    if (
        field.type is FieldType.YES_NO and yes_or_no(value) is not None
    ):  # "no thanks" is a no, not a skip
        return "yes" if yes_or_no(value) else "no"
    if field.type is FieldType.CHOICE and value.lower() in (c.lower() for c in field.choices):
        return _choice(field, value)  # a choice may be called "None"
    if not value or value.lower() in form_words().skip:
        if field.required:
            raise Invalid("required")
        return ""
    if len(value) > 300:
        raise Invalid("too_long", n=300)
    match field.type:
        case FieldType.EMAIL:
            return _address(value)
        case FieldType.CHOICE:
            return _choice(field, value)
        case FieldType.YES_NO:
            answer = yes_or_no(value)
            if answer is None:
                raise Invalid("yes_no")
            return "yes" if answer else "no"
        case FieldType.NUMBER:
            if not re.fullmatch(r"-?\d+", value):
                raise Invalid("number")
            return value
        case _:
            if field.name == "name" and (len(value) < 2 or not re.search(r"[^\W\d_]", value)):
                raise Invalid("name")
            return value


def _address(value: str) -> str:
    """The address given, alone or in a short sentence; compared without case, as
    Ada@Example.org and ada@example.org are one person."""
    found = _ADDRESS.findall(value)
    candidate = found[0] if len(found) == 1 and value != found[0] else value
    try:
        return validate_email(candidate, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        raise Invalid("email", detail=str(exc)) from exc


def _choice(field: FormField, value: str) -> str:
    """A choice by its number, its text, the start of its text, or a misspelling of it."""
    if re.fullmatch(r"[0-9]{1,3}", value) and 1 <= int(value) <= len(field.choices):
        return field.choices[int(value) - 1]
    folded = value.lower()
    for choice in field.choices:
        if choice.lower() == folded:
            return choice
    starting = [c for c in field.choices if len(folded) >= 3 and c.lower().startswith(folded)]
    if len(starting) == 1:
        return starting[0]
    found = process.extractOne(
        value, field.choices, scorer=fuzz.ratio, processor=utils.default_process, score_cutoff=75
    )
    if found:
        return found[0]
    raise Invalid("choice", choices=field.choices)

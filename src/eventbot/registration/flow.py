"""The registration conversation as a table of steps: a message and the form in, a turn out.

    start ─> ASKING (one field at a time) ─> CONFIRMING ─yes─> [submit]
                ^  "back", "my email is …"      │ "my affiliation is …" (stays, shows the summary)
                └──────────────────────────────┘
    full event ─> JOINING_WAITLIST ─yes─> ASKING …
    already registered ─> CHANGING_EXISTING ─yes─> ASKING (answers kept) … [submit replaces]
    "cancel my registration" ─> CANCELLING ─yes─> [cancel]
    "delete my data" ─> FORGETTING ─yes─> [forget]
    a freed place offered ─> ACCEPTING_OFFER ─yes─> [accept]   ─no─> [decline]

Pure: no database and no clock of its own. Anywhere, "stop" ends the form and a question
("what's the fee?") is answered by the engine before the form resumes where it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

from rapidfuzz import fuzz, process, utils

from ..engine.lexicon import detect
from ..engine.phrasing import Phrasebook
from ..knowledge import Event
from ..knowledge.model import Fee, FieldType, FormField
from .form import (
    DEFAULT_LABELS,
    FEE_FIELD,
    Invalid,
    form_fields,
    form_words,
    read_answer,
    yes_or_no,
)

FORM_CHOICE = "form:"


class Step(StrEnum):
    ASKING = "asking"
    CONFIRMING = "confirming"
    JOINING_WAITLIST = "joining_waitlist"
    CHANGING_EXISTING = "changing_existing"
    CANCELLING = "cancelling"
    FORGETTING = "forgetting"
    ACCEPTING_OFFER = "accepting_offer"


class Effect(StrEnum):
    """What the registration desk must do once the turn is taken."""

    SUBMIT = "submit"
    CANCEL = "cancel"
    FORGET = "forget"
    ACCEPT_OFFER = "accept_offer"
    DECLINE_OFFER = "decline_offer"


@dataclass
class Form:
    """Where an attendee is in a registration conversation; kept in the conversation's state."""

    step: Step
    event: str
    position: int = 0  # the field being asked
    answers: dict[str, str] = field(default_factory=dict)
    waitlist: bool = False
    reference: str | None = None  # the registration being changed, cancelled or offered
    prompt: str | None = None  # the yes-or-no question a step asked, to ask again
    together: bool = False  # every field asked in one message, answered in one (email)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Form:
        return cls(**{**data, "step": Step(data["step"])})


@dataclass
class FormReply:
    lines: list[str]
    form: Form | None  # None: the form is over
    effect: Effect | None = None
    question: bool = False  # answer the message as a question, then resume the form
    choices: list[tuple[str, str]] = field(default_factory=list)  # (label, value)


@dataclass(frozen=True)
class FormContext:
    """What a step may know: the event (none for erasing an attendee's data) and the wording."""

    event: Event | None
    phrases: Phrasebook

    @property
    def form_event(self) -> Event:
        """The event registered for: every step but erasing an attendee's data has one."""
        assert self.event is not None, "only a registration form has fields"
        return self.event

    @property
    def fields(self) -> list[FormField]:
        return form_fields(self.form_event)

    def text(self, key: str, **values: object) -> str:
        return self.phrases.say(key, e=self.event.label if self.event else None, **values)

    def label(self, field: FormField) -> str:
        """A field's label in the attendee's language: the default fields' from the templates,
        the organisers' own as they wrote them; a default field they relabelled in another
        language than the attendee's, with its label from the templates first ("Ihre
        E-Mail-Adresse, „the e-mail address for your invoice“"), and one of their own in it
        inside the attendee's words ("Ihre Angabe zu „the track you will mainly follow“")."""
        default = DEFAULT_LABELS.get(field.name)
        ours = self.phrases.say(f"field_{field.name}") if default else ""
        if default == field.label:
            return ours
        if detect(field.label, self.phrases.language) == self.phrases.language:
            return field.label
        if not default:
            return self.phrases.say("field_theirs", theirs=field.label)
        return self.phrases.say("field_relabelled", ours=ours, theirs=field.label)

    def invalid(self, invalid: Invalid) -> str:
        """Why an answer does not fit, in the attendee's language."""
        reason = self.phrases.say(f"invalid_{invalid.reason}", **invalid.values)
        return self.text("form_invalid", reason=reason)


_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def is_question(text: str) -> bool:
    """A message the form should not take as an answer: it asks something ("what is the fee?").

    Without a question mark the flow cannot tell "what is the fee" from an affiliation such as
    "WHO Regional Office"; the assistant asks the engine about those.
    """
    return text.rstrip().endswith("?") and yes_or_no(text) is None


def start(
    desk: FormContext,
    *,
    waitlist: bool = False,
    answers: dict[str, str] | None = None,
    reference: str | None = None,
    together: bool = False,
) -> FormReply:
    """Begin the form, or go on with the first field that has no answer yet. `together` asks
    every field at once, for a channel where each round trip is slow (email)."""
    form = Form(
        step=Step.ASKING,
        event=desk.form_event.id,
        answers=dict(answers or {}),
        waitlist=waitlist,
        reference=reference,
        together=together,
    )
    if together:
        key = "form_start_together_waitlist" if waitlist else "form_start_together"
        return _next(desk, form, [desk.text(key)])
    intro = desk.text("form_start_waitlist" if waitlist else "form_start", n=len(desk.fields))
    return _next(desk, form, [intro])


def advance(desk: FormContext, form: Form, text: str) -> FormReply:
    """The turn for the attendee's message `text` (or the value of a choice they picked)."""
    text = text.removeprefix(FORM_CHOICE)
    if form.step in (
        Step.ASKING,
        Step.CONFIRMING,
        Step.JOINING_WAITLIST,
    ) and form_words().stop.match(text):
        return FormReply([desk.text("form_stopped")], None)
    return STEPS[form.step](desk, form, text)


def _asking(desk: FormContext, form: Form, text: str) -> FormReply:
    if form.together:
        return _asking_together(desk, form, text)
    fields = desk.fields
    if form_words().back.match(text):
        form = replace(form, position=max(form.position - 1, 0))
        return FormReply(
            [desk.text("form_back")] + _ask(desk, form),
            form,
            choices=_field_choices(fields[form.position]),
        )
    corrected = correction(desk, form, text)
    if corrected is not None:
        return corrected
    current = fields[form.position]
    if is_question(text):
        return FormReply([], form, question=True)
    try:
        value = read_answer(current, text)
    except Invalid as invalid:
        return FormReply(
            [desk.invalid(invalid)] + _ask(desk, form),
            form,
            choices=_field_choices(current),
        )
    answers = {**form.answers, current.name: value}
    return _next(desk, replace(form, answers=answers, position=form.position + 1), [])


def _asking_together(desk: FormContext, form: Form, text: str) -> FormReply:
    """Answers to every field in one message: "Label: value" lines, an email address anywhere,
    and lines without a label for the text fields still open, in order."""
    open_fields = [f for f in desk.fields if f.name not in form.answers]
    given, loose = _labelled(desk.fields, text)
    for line in loose:
        address = _EMAIL.search(line)
        email = next((f for f in open_fields if f.type is FieldType.EMAIL), None)
        if address and email is not None and email.name not in given:
            given[email.name] = address[0]
            rest = (line[: address.start()] + line[address.end() :]).strip(" ,;:.-")
            if not rest or len(rest.split()) > 3:
                continue
            line = rest
        target = next(
            (f for f in open_fields if f.name not in given and f.type is not FieldType.EMAIL),
            None,
        )
        if target is None:
            break
        given[target.name] = line
    if not given and is_question(text):
        return FormReply([], form, question=True)
    answers, reasons = dict(form.answers), []
    for name, value in given.items():
        f = next(f for f in desk.fields if f.name == name)
        try:
            answers[name] = read_answer(f, value)
        except Invalid as invalid:
            reasons.append(desk.invalid(invalid))
    return _next(desk, replace(form, answers=answers), reasons)


def _labelled(fields: list[FormField], text: str) -> tuple[dict[str, str], list[str]]:
    """The "Label: value" lines of `text` by field name, and the lines without a known label."""
    given: dict[str, str] = {}
    loose: list[str] = []
    for raw in text.splitlines():
        line = raw.strip().lstrip("•*-> ").strip()
        if not line:
            continue
        label, colon, value = line.partition(":")
        target = field_named(fields, label) if colon and value.strip() else None
        if target is not None and target.name not in given:
            given[target.name] = value.strip()
        else:
            loose.append(line)
    return given, loose


def _confirming(desk: FormContext, form: Form, text: str) -> FormReply:
    corrected = correction(desk, form, text)
    if corrected is not None:
        return corrected
    if form_words().back.match(text):
        return _asking(desk, replace(form, step=Step.ASKING, position=len(desk.fields)), "back")
    answer = yes_or_no(text)
    if answer is True:
        return FormReply([], None, effect=Effect.SUBMIT)
    if answer is False:
        return FormReply([desk.text("form_what_to_change")], form, choices=_confirm_choices())
    if is_question(text):
        return FormReply([], form, question=True)
    return FormReply([desk.text("form_confirm_again")], form, choices=_confirm_choices())


def _yes_no_step(
    on_yes: Callable[[FormContext, Form], FormReply],
    on_no: Callable[[FormContext, Form], FormReply],
    again: str,
) -> Callable[[FormContext, Form, str], FormReply]:
    def step(desk: FormContext, form: Form, text: str) -> FormReply:
        answer = yes_or_no(text)
        if answer is True:
            return on_yes(desk, form)
        if answer is False:
            return on_no(desk, form)
        if is_question(text):
            return FormReply([], form, question=True)
        return FormReply([desk.text(again)], form, choices=yes_no_choices())

    return step


def _kept(key: str) -> Callable[[FormContext, Form], FormReply]:
    return lambda desk, form: FormReply([desk.text(key)], None)


STEPS: dict[Step, Callable[[FormContext, Form, str], FormReply]] = {
    Step.ASKING: _asking,
    Step.CONFIRMING: _confirming,
    Step.JOINING_WAITLIST: _yes_no_step(
        lambda d, f: start(d, waitlist=True, answers=f.answers),
        _kept("waitlist_declined"),
        "yes_or_no",
    ),
    Step.CHANGING_EXISTING: _yes_no_step(
        lambda d, f: _next(d, replace(f, step=Step.CONFIRMING), []),
        _kept("existing_kept"),
        "yes_or_no",
    ),
    Step.CANCELLING: _yes_no_step(
        lambda d, f: FormReply([], None, effect=Effect.CANCEL), _kept("cancel_kept"), "yes_or_no"
    ),
    Step.FORGETTING: _yes_no_step(
        lambda d, f: FormReply([], None, effect=Effect.FORGET), _kept("forget_kept"), "yes_or_no"
    ),
    Step.ACCEPTING_OFFER: _yes_no_step(
        lambda d, f: FormReply([], None, effect=Effect.ACCEPT_OFFER),
        lambda d, f: FormReply([], None, effect=Effect.DECLINE_OFFER),
        "yes_or_no",
    ),
}


def _next(desk: FormContext, form: Form, lines: list[str]) -> FormReply:
    """Ask the next field without an answer, or show the summary when all have one."""
    fields = desk.fields
    if form.step is Step.ASKING and form.together:
        missing = [f for f in fields if f.name not in form.answers and f.required]
        if missing:
            return FormReply(lines + _ask_together(desk, form), form)
    elif form.step is Step.ASKING:
        index = form.position
        while index < len(fields) and fields[index].name in form.answers:
            index += 1
        if index < len(fields):
            form = replace(form, position=index)
            return FormReply(lines + _ask(desk, form), form, choices=_field_choices(fields[index]))
    form = replace(form, step=Step.CONFIRMING, position=len(fields))
    return FormReply(
        lines + summary(desk, form.answers, waitlist=form.waitlist) + [desk.text("form_confirm")],
        form,
        choices=_confirm_choices(),
    )


def ask_yes_no(
    step: Step,
    event_id: str,
    prompt: str,
    *,
    reference: str | None = None,
    answers: dict[str, str] | None = None,
) -> FormReply:
    """Enter a step that waits for yes or no to `prompt`."""
    form = Form(
        step=step,
        event=event_id,
        reference=reference,
        answers=dict(answers or {}),
        prompt=prompt,
        position=0,
    )
    return FormReply([prompt], form, choices=yes_no_choices())


def reprompt(desk: FormContext, form: Form) -> FormReply:
    """Ask again what the step is waiting for, after a question in between."""
    if form.step is Step.ASKING and form.together:
        return _next(desk, form, [])
    if form.step is Step.ASKING:
        return FormReply(_ask(desk, form), form, choices=_field_choices(desk.fields[form.position]))
    if form.step is Step.CONFIRMING:
        return _next(desk, form, [])
    return FormReply([form.prompt or desk.text("yes_or_no")], form, choices=yes_no_choices())


def _ask_together(desk: FormContext, form: Form) -> list[str]:
    """Every field still open, one a line, to be answered in one message."""
    lines = [desk.text("form_ask_together")]
    for f in desk.fields:
        if f.name in form.answers and f.required:
            continue
        lines.append(
            desk.text(
                "form_together_line",
                label=desk.label(f),
                optional=not f.required,
                choices=f.choices if f.type is FieldType.CHOICE else [],
                given=form.answers.get(f.name),
            )
        )
        if f.help:
            lines.append(f"  {f.help}")
    return lines


def _ask(desk: FormContext, form: Form) -> list[str]:
    current = desk.fields[form.position]
    lines = [
        desk.text(
            "form_ask",
            label=desk.label(current),
            optional=not current.required,
            number=form.position + 1,
            total=len(desk.fields),
        )
    ]
    if current.type is FieldType.CHOICE:
        lines.extend(
            desk.text("form_choice_line", number=i, choice=c)
            for i, c in enumerate(current.choices, 1)
        )
    if current.help:
        lines.append(current.help)
    return lines


def summary(desk: FormContext, answers: dict[str, str], *, waitlist: bool) -> list[str]:
    """The answers as the attendee will confirm them, with the fee due."""
    lines = [desk.text("form_summary_waitlist" if waitlist else "form_summary")]
    for f in desk.fields:
        lines.append(
            desk.text("form_summary_line", label=desk.label(f), value=answers.get(f.name) or "—")
        )
    fee = fee_due(desk.form_event, answers)
    if fee is not None:
        lines.append(
            desk.text(
                "form_fee_due",
                amount=desk.phrases.money(fee.amount, fee.currency),
                vat=desk.phrases.vat(fee),
            )
        )
    return lines


def fee_due(event: Event, answers: dict[str, str]) -> Fee | None:
    """The fee the answers make due, if the event has fees."""
    if len(event.fees) == 1:
        return event.fees[0]
    return next((fee for fee in event.fees if fee.category == answers.get(FEE_FIELD)), None)


def correction(desk: FormContext, form: Form, text: str) -> FormReply | None:
    """ "my email is actually …", "change my affiliation to …": set that field, then go on.

    None when `text` corrects no field; a turn with the form unchanged when the value is invalid.
    """
    for pattern in form_words().corrections:
        match = pattern.match(text)
        if not match:
            continue
        target = field_named(desk.fields, match["field"])
        if target is None:
            continue
        try:
            value = read_answer(target, match["value"].strip(" .!"))
        except Invalid as invalid:
            return FormReply([desk.invalid(invalid)], form)
        # "my email is …" while the email is asked answers it, changing nothing
        fields = desk.fields
        asked = (
            form.step is Step.ASKING
            and form.position < len(fields)
            and fields[form.position].name == target.name
            and target.name not in form.answers
        )
        form = replace(form, answers={**form.answers, target.name: value})
        changed = desk.text("form_changed", label=desk.label(target), value=value or "—")
        return _next(desk, form, [] if asked else [changed])
    return None


def field_named(fields: list[FormField], words: str) -> FormField | None:
    """The field an attendee means by `words` ("e-mail", "institution", "dietary needs")."""
    words = words.lower().strip()
    names: dict[str, FormField] = {}
    for f in fields:
        for alias in [
            f.name.replace("_", " "),
            f.label.lower(),
            *form_words().fields.get(f.name, ()),
        ]:
            names[alias] = f
    found = process.extractOne(
        words, list(names), scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=86
    )
    return names[found[0]] if found else None


def yes_no_choices() -> list[tuple[str, str]]:
    return [("Yes", FORM_CHOICE + "yes"), ("No", FORM_CHOICE + "no")]


def _confirm_choices() -> list[tuple[str, str]]:
    return [("Confirm", FORM_CHOICE + "yes"), ("Cancel", FORM_CHOICE + "cancel")]


def _field_choices(f: FormField) -> list[tuple[str, str]]:
    if f.type is FieldType.CHOICE:
        return [(c, FORM_CHOICE + c) for c in f.choices]
    if f.type is FieldType.YES_NO:
        return yes_no_choices()
    return []

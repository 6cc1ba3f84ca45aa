"""The registration conversation as a pure state machine: a message and the form in, a turn out."""

from __future__ import annotations

import json

import pytest

from eventbot.engine.phrasing import Phrasebook
from eventbot.knowledge.model import Event
from eventbot.registration import flow
from eventbot.registration.flow import FORM_CHOICE, Effect, Form, FormContext, FormReply, Step

EVENT = Event.model_validate(
    {
        "id": "demo-2027",
        "name": "Demo Conference on Health Data",
        "short_name": "Demo 2027",
        "fees": [
            {"category": "Student", "amount": 100, "currency": "EUR", "vat_included": True},
            {
                "category": "Regular",
                "amount": "250.50",
                "currency": "EUR",
                "vat_included": False,
                "vat_rate_percent": 19,
            },
        ],
        "registration": {
            "capacity": 100,
            "fields": [
                {
                    "name": "role",
                    "label": "your role",
                    "type": "choice",
                    "choices": ["Researcher", "Clinician", "Student"],
                },
                {"name": "dietary", "label": "any dietary requirements", "required": False},
                {
                    "name": "consent",
                    "label": "whether we may list you as an attendee",
                    "type": "yes_no",
                    "help": "Only your name and affiliation are shown.",
                },
            ],
        },
    }
)
#: The fields in the order asked: name, email, affiliation, fee_category, role, dietary, consent.
N = 7
START = (
    "Let's register you for Demo 2027. I'll ask 7 short questions; say “back” to redo the previous one, "
    "or “stop” to give up."
)
ANSWERS = {
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "affiliation": "University College London",
    "fee_category": "Regular",
    "role": "Researcher",
    "dietary": "",
    "consent": "yes",
}
REPLIES = [
    "Ada Lovelace",
    "ada@example.org",
    "University College London",
    "Regular",
    "Researcher",
    "skip",
    "yes",
]
YES_NO_CHOICES = [("Yes", "form:yes"), ("No", "form:no")]
CONFIRM_CHOICES = [("Confirm", "form:yes"), ("Cancel", "form:cancel")]
ASK = {
    0: ["1/7 — Your full name:"],
    1: ["2/7 — Your email address:"],
    2: ["3/7 — Your affiliation (university, hospital or company):"],
    3: ["4/7 — Your fee category:", "1. Student", "2. Regular"],
    4: ["5/7 — Your role:", "1. Researcher", "2. Clinician", "3. Student"],
    5: ["6/7 — Any dietary requirements (optional: say “skip” to leave it out):"],
    6: [
        "7/7 — Whether we may list you as an attendee:",
        "Only your name and affiliation are shown.",
    ],
}


@pytest.fixture
def desk() -> FormContext:
    return FormContext(EVENT, Phrasebook())


def say(desk: FormContext, *messages: str, form: Form | None = None) -> FormReply:
    """Start the form (or go on with `form`) and send `messages` one by one; the last turn."""
    turn = flow.start(desk) if form is None else FormReply([], form)
    for message in messages:
        assert turn.form is not None, f"the form ended before {message!r}"
        turn = flow.advance(desk, turn.form, message)
    return turn


def summary_lines(answers: dict[str, str], fee: str) -> list[str]:
    return [
        "Please check your registration for Demo 2027:",
        f"• Your full name: {answers['name']}",
        f"• Your email address: {answers['email']}",
        f"• Your affiliation (university, hospital or company): {answers['affiliation']}",
        f"• Your fee category: {answers['fee_category']}",
        f"• Your role: {answers['role']}",
        f"• Any dietary requirements: {answers['dietary'] or '—'}",
        f"• Whether we may list you as an attendee: {answers['consent']}",
        fee,
        "Is everything correct? Reply “yes” to register, or tell me what to change (for example “my email is …”).",
    ]


REGULAR_FEE = "Fee due: 250.50 EUR, plus VAT (19%): 298.10 EUR in all."
STUDENT_FEE = "Fee due: 100 EUR, VAT included."


# --- asking the fields -------------------------------------------------------------------------------


def test_start_asks_field_1_of_n(desk: FormContext) -> None:
    turn = flow.start(desk)
    assert turn.lines == [START, *ASK[0]]
    assert turn.form == Form(step=Step.ASKING, event="demo-2027", position=0, answers={})
    assert (turn.effect, turn.question, turn.choices) == (None, False, [])


def test_each_valid_answer_moves_on_to_the_next_field(desk: FormContext) -> None:
    turn = flow.start(desk)
    for position, reply in enumerate(REPLIES[:-1]):
        turn = flow.advance(desk, turn.form, reply)
        assert turn.lines == ASK[position + 1]
        assert turn.form.step is Step.ASKING
        assert turn.form.position == position + 1
        assert list(turn.form.answers) == list(ANSWERS)[: position + 1]
        assert turn.effect is None
    assert turn.form.answers == {k: v for k, v in ANSWERS.items() if k != "consent"}


def test_invalid_email_is_asked_again_with_the_reason_and_the_form_does_not_move(
    desk: FormContext,
) -> None:
    before = say(desk, "Ada Lovelace")
    turn = flow.advance(desk, before.form, "ada at example.org")
    assert turn.lines == [
        "Sorry, that is not a valid email address (An email address must have an @-sign.).",
        *ASK[1],
    ]
    assert turn.form == before.form
    assert turn.effect is None


def test_invalid_choice_is_asked_again_listing_the_choices(desk: FormContext) -> None:
    before = say(desk, *REPLIES[:4])
    turn = flow.advance(desk, before.form, "Professor")
    assert turn.lines == ["Sorry, please choose one of: Researcher, Clinician, Student.", *ASK[4]]
    assert turn.form == before.form
    assert turn.choices == [
        ("Researcher", "form:Researcher"),
        ("Clinician", "form:Clinician"),
        ("Student", "form:Student"),
    ]


def test_required_field_refuses_skip_and_optional_one_stores_it_empty(desk: FormContext) -> None:
    at_role = say(desk, *REPLIES[:4])
    refused = flow.advance(desk, at_role.form, "skip")
    assert refused.lines == ["Sorry, this one is required.", *ASK[4]]
    assert refused.form == at_role.form
    skipped = say(desk, "skip", form=say(desk, *REPLIES[:5]).form)
    assert skipped.form.answers["dietary"] == ""
    assert skipped.form.position == 6


def test_back_returns_to_the_previous_field(desk: FormContext) -> None:
    at_affiliation = say(desk, "Ada Lovelace", "ada@example.org")
    turn = flow.advance(desk, at_affiliation.form, "back")
    assert turn.lines == ["OK, let's go back.", *ASK[1]]
    assert turn.form.position == 1
    assert turn.form.step is Step.ASKING
    again = flow.advance(desk, turn.form, "ada.lovelace@example.org")
    assert again.lines == ASK[2]
    assert again.form.answers == {"name": "Ada Lovelace", "email": "ada.lovelace@example.org"}


def test_back_on_the_first_field_asks_it_again(desk: FormContext) -> None:
    turn = say(desk, "go back")
    assert turn.lines == ["OK, let's go back.", *ASK[0]]
    assert turn.form.position == 0


def test_back_at_the_summary_asks_the_last_field_again(desk: FormContext) -> None:
    turn = say(desk, *REPLIES, "back")
    assert turn.lines == ["OK, let's go back.", *ASK[6]]
    assert (turn.form.step, turn.form.position) == (Step.ASKING, 6)
    assert turn.choices == YES_NO_CHOICES


@pytest.mark.parametrize(
    "stop",
    [
        "stop",
        "Stop.",
        "cancel",
        "Cancel registration",
        "/stop",
        "never mind",
        FORM_CHOICE + "cancel",
    ],
)
@pytest.mark.parametrize(
    "answered", [0, 3, len(REPLIES)], ids=["first-field", "fourth-field", "summary"]
)
def test_stop_or_cancel_ends_the_form_with_nothing_saved(
    desk: FormContext, stop: str, answered: int
) -> None:
    turn = say(desk, *REPLIES[:answered], stop)
    assert turn.lines == ["OK, I've stopped the registration; nothing was saved."]
    assert (turn.form, turn.effect, turn.question) == (None, None, False)


@pytest.mark.parametrize("question", ["what is the fee?", "Where is the venue?", "and the dates ?"])
def test_question_during_the_form_is_handed_over_and_the_form_is_unchanged(
    desk: FormContext, question: str
) -> None:
    before = say(desk, "Ada Lovelace", "ada@example.org")
    turn = flow.advance(desk, before.form, question)
    assert turn.question is True
    assert (turn.lines, turn.form, turn.effect) == ([], before.form, None)


def test_question_at_the_summary_is_handed_over_and_the_form_is_unchanged(
    desk: FormContext,
) -> None:
    before = say(desk, *REPLIES)
    turn = flow.advance(desk, before.form, "what is the fee?")
    assert (turn.question, turn.lines, turn.form, turn.effect) == (True, [], before.form, None)


def test_question_while_a_yes_no_field_is_asked_is_handed_over(desk: FormContext) -> None:
    before = say(desk, *REPLIES[:6])
    turn = flow.advance(desk, before.form, "what is the fee?")
    assert (turn.question, turn.form) == (True, before.form)


def test_an_answer_starting_with_a_question_word_but_no_question_mark_is_an_answer(
    desk: FormContext,
) -> None:
    turn = say(desk, "Ada Lovelace", "ada@example.org", "WHO Regional Office for Europe")
    assert turn.question is False
    assert turn.form.answers["affiliation"] == "WHO Regional Office for Europe"


def test_correction_at_the_summary_changes_the_field_and_shows_the_summary_again(
    desk: FormContext,
) -> None:
    turn = say(desk, *REPLIES, "my email is actually ada@lovelace.org")
    answers = {**ANSWERS, "email": "ada@lovelace.org"}
    assert turn.lines == [
        "Thanks, I've changed your email address to ada@lovelace.org.",
        *summary_lines(answers, REGULAR_FEE),
    ]
    assert turn.form.answers == answers
    assert turn.form.step is Step.CONFIRMING
    assert turn.choices == CONFIRM_CHOICES


def test_correction_of_the_fee_category_at_the_summary_changes_the_fee_due(
    desk: FormContext,
) -> None:
    turn = say(desk, *REPLIES, "change my fee category to Student")
    assert turn.lines == [
        "Thanks, I've changed your fee category to Student.",
        *summary_lines({**ANSWERS, "fee_category": "Student"}, STUDENT_FEE),
    ]


def test_invalid_correction_says_why_and_leaves_the_form_unchanged(desk: FormContext) -> None:
    before = say(desk, *REPLIES)
    turn = flow.advance(desk, before.form, "my email is actually nowhere")
    assert turn.lines == [
        "Sorry, that is not a valid email address (An email address must have an @-sign.)."
    ]
    assert turn.form == before.form
    assert turn.effect is None


def test_correction_to_a_later_field_fills_it_and_it_is_not_asked_later(desk: FormContext) -> None:
    at_affiliation = say(desk, "Ada Lovelace", "ada@example.org")
    turn = flow.advance(desk, at_affiliation.form, "my role is Clinician")
    assert turn.lines == ["Thanks, I've changed your role to Clinician.", *ASK[2]]
    assert turn.form.position == 2
    assert turn.form.answers["role"] == "Clinician"
    turn = say(desk, "University College London", form=turn.form)
    assert turn.lines == ASK[3]
    turn = say(desk, "Regular", form=turn.form)
    assert turn.lines == ASK[5]  # the role (5/7) is skipped
    turn = say(desk, "vegetarian", "yes", form=turn.form)
    assert turn.form.step is Step.CONFIRMING
    assert turn.form.answers == {**ANSWERS, "role": "Clinician", "dietary": "vegetarian"}


def test_the_field_asked_answered_in_a_sentence_is_taken_without_a_change_said(
    desk: FormContext,
) -> None:
    turn = say(desk, "Ada Lovelace", "my email is ada@example.org")
    assert turn.lines == ASK[2]
    assert turn.form.answers["email"] == "ada@example.org"


def with_fields(*fields: dict[str, str]) -> Event:
    """A one-fee conference whose form has the organisers' `fields`."""
    return Event.model_validate(
        {
            "id": "demo-2027",
            "name": "Demo Conference on Health Data",
            "fees": [{"category": "Regular", "amount": 250, "currency": "EUR"}],
            "registration": {"fields": list(fields)},
        }
    )


@pytest.mark.parametrize(
    ("language", "asked"),
    [
        ("de", "2/3 — Ihre E-Mail-Adresse, „the address for your invoice“:"),
        ("en", "2/3 — The address for your invoice:"),
    ],
)
def test_a_default_field_relabelled_in_another_language_is_asked_in_the_attendees_first(
    language: str, asked: str
) -> None:
    relabelled = with_fields(
        {"name": "email", "label": "the address for your invoice", "type": "email"}
    )
    turn = say(FormContext(relabelled, Phrasebook(language)), "Ada Lovelace")
    assert turn.lines == [asked]


@pytest.mark.parametrize(
    ("language", "asked"),
    [
        ("de", "4/4 — Ihre Angabe zu „the track you will mainly follow“:"),
        ("nl", "4/4 — Uw antwoord op „the track you will mainly follow”:"),
        ("en", "4/4 — The track you will mainly follow:"),
    ],
)
def test_a_field_of_the_organisers_own_in_another_language_is_asked_in_the_attendees_words(
    language: str, asked: str
) -> None:
    tracked = with_fields(
        {"name": "email", "label": "email", "type": "email"},
        {"name": "track", "label": "the track you will mainly follow"},
    )
    desk = FormContext(tracked, Phrasebook(language))
    turn = say(desk, "Ada Lovelace", "ada@example.org", "Karolinska Institutet")
    assert turn.lines == [asked]


# --- the summary -------------------------------------------------------------------------------------


def test_summary_lists_every_field_and_the_fee_due_plus_vat(desk: FormContext) -> None:
    turn = say(desk, *REPLIES)
    assert turn.lines == summary_lines(ANSWERS, REGULAR_FEE)
    assert turn.form == Form(step=Step.CONFIRMING, event="demo-2027", position=N, answers=ANSWERS)
    assert turn.choices == CONFIRM_CHOICES


def test_summary_says_vat_included_for_a_fee_category_that_includes_it(desk: FormContext) -> None:
    replies = [*REPLIES[:3], "1", "Student", "no nuts", "no"]
    turn = say(desk, *replies)
    answers = {
        **ANSWERS,
        "fee_category": "Student",
        "role": "Student",
        "dietary": "no nuts",
        "consent": "no",
    }
    assert turn.lines == summary_lines(answers, STUDENT_FEE)


def test_summary_of_an_event_with_one_fee_and_unknown_vat_gives_the_bare_amount() -> None:
    one_fee = Event.model_validate(
        {"id": "one-fee", "name": "One Fee Workshop", "fees": [{"amount": 40, "currency": "GBP"}]}
    )
    desk = FormContext(one_fee, Phrasebook())
    turn = say(desk, "Ada Lovelace", "ada@example.org", "UCL")
    assert turn.lines == [
        "Please check your registration for One Fee Workshop:",
        "• Your full name: Ada Lovelace",
        "• Your email address: ada@example.org",
        "• Your affiliation (university, hospital or company): UCL",
        "Fee due: 40 GBP.",
        "Is everything correct? Reply “yes” to register, or tell me what to change (for example “my email is …”).",
    ]


@pytest.mark.parametrize("yes", ["yes", "Yes!", "yes please", "correct", FORM_CHOICE + "yes"])
def test_yes_at_the_summary_submits(desk: FormContext, yes: str) -> None:
    turn = say(desk, *REPLIES, yes)
    assert (turn.effect, turn.form, turn.question) == (Effect.SUBMIT, None, False)


def test_no_at_the_summary_asks_what_to_change(desk: FormContext) -> None:
    before = say(desk, *REPLIES)
    turn = flow.advance(desk, before.form, "no")
    assert turn.lines == [
        "What would you like to change? For example “my affiliation is …”, “back”, or “stop”."
    ]
    assert turn.form == before.form
    assert turn.effect is None
    assert turn.choices == CONFIRM_CHOICES


def test_something_else_at_the_summary_asks_to_confirm_again(desk: FormContext) -> None:
    before = say(desk, *REPLIES)
    turn = flow.advance(desk, before.form, "hmm")
    assert turn.lines == [
        "Please reply “yes” to confirm, “no” to change something, or “stop” to give up."
    ]
    assert (turn.form, turn.effect, turn.choices) == (before.form, None, CONFIRM_CHOICES)


# --- choices -----------------------------------------------------------------------------------------


def test_choices_offered_for_choice_and_yes_no_fields_only(desk: FormContext) -> None:
    turn = flow.start(desk)
    offered = [turn.choices]
    for reply in REPLIES:
        turn = flow.advance(desk, turn.form, reply)
        offered.append(turn.choices)
    assert offered == [
        [],
        [],
        [],
        [("Student", "form:Student"), ("Regular", "form:Regular")],
        [
            ("Researcher", "form:Researcher"),
            ("Clinician", "form:Clinician"),
            ("Student", "form:Student"),
        ],
        [],
        YES_NO_CHOICES,
        CONFIRM_CHOICES,
    ]


def test_a_picked_choice_value_is_read_as_the_choice(desk: FormContext) -> None:
    turn = say(desk, *REPLIES[:3], "form:Student", "form:Clinician", "skip", "form:no")
    assert (
        turn.form.answers["fee_category"],
        turn.form.answers["role"],
        turn.form.answers["consent"],
    ) == ("Student", "Clinician", "no")


# --- yes-or-no steps ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("step", "on_yes", "on_no", "kept"),
    [
        (Step.CANCELLING, Effect.CANCEL, None, ["OK, your registration stays."]),
        (Step.FORGETTING, Effect.FORGET, None, ["OK, I've kept your data."]),
        (Step.ACCEPTING_OFFER, Effect.ACCEPT_OFFER, Effect.DECLINE_OFFER, []),
    ],
)
def test_yes_no_step_gives_its_effect_on_yes_and_none_on_no(
    desk: FormContext, step: Step, on_yes: Effect, on_no: Effect | None, kept: list[str]
) -> None:
    asked = flow.ask_yes_no(step, "demo-2027", "Are you sure?", reference="DEMO-ABC234")
    assert asked.lines == ["Are you sure?"]
    assert asked.form == Form(
        step=step, event="demo-2027", reference="DEMO-ABC234", prompt="Are you sure?"
    )
    assert asked.choices == YES_NO_CHOICES
    yes = flow.advance(desk, asked.form, "yes")
    assert (yes.effect, yes.form, yes.lines) == (on_yes, None, [])
    no = flow.advance(desk, asked.form, "form:no")
    assert (no.effect, no.form, no.lines) == (on_no, None, kept)


@pytest.mark.parametrize("step", [Step.CANCELLING, Step.FORGETTING, Step.ACCEPTING_OFFER])
def test_yes_no_step_asks_again_on_anything_else(desk: FormContext, step: Step) -> None:
    asked = flow.ask_yes_no(step, "demo-2027", "Are you sure?")
    turn = flow.advance(desk, asked.form, "hmm")
    assert (turn.lines, turn.form, turn.effect, turn.choices) == (
        ["Please answer yes or no."],
        asked.form,
        None,
        YES_NO_CHOICES,
    )


def test_joining_the_waitlist_on_yes_starts_the_waitlist_form(desk: FormContext) -> None:
    asked = flow.ask_yes_no(
        Step.JOINING_WAITLIST, "demo-2027", "Demo 2027 is full. Join the waiting list?"
    )
    turn = flow.advance(desk, asked.form, "yes")
    assert turn.lines == [
        START.replace("register you for", "put you on the waiting list for"),
        *ASK[0],
    ]
    assert (turn.form.step, turn.form.waitlist, turn.form.position) == (Step.ASKING, True, 0)
    declined = flow.advance(desk, asked.form, "no")
    assert (declined.lines, declined.form, declined.effect) == (
        ["OK, I haven't put you on the waiting list."],
        None,
        None,
    )


def test_changing_an_existing_registration_on_yes_shows_its_summary(desk: FormContext) -> None:
    asked = flow.ask_yes_no(
        Step.CHANGING_EXISTING, "demo-2027", "Change it?", reference="DEMO-ABC234", answers=ANSWERS
    )
    turn = flow.advance(desk, asked.form, "yes")
    assert turn.lines == summary_lines(ANSWERS, REGULAR_FEE)
    assert (turn.form.step, turn.form.reference, turn.form.answers) == (
        Step.CONFIRMING,
        "DEMO-ABC234",
        ANSWERS,
    )


# --- asking again ------------------------------------------------------------------------------------


def test_reprompt_asks_the_current_field_again(desk: FormContext) -> None:
    form = say(desk, *REPLIES[:4]).form
    turn = flow.reprompt(desk, form)
    assert turn.lines == ASK[4]
    assert turn.form == form
    assert turn.choices == [
        ("Researcher", "form:Researcher"),
        ("Clinician", "form:Clinician"),
        ("Student", "form:Student"),
    ]


def test_reprompt_at_the_summary_shows_it_again(desk: FormContext) -> None:
    form = say(desk, *REPLIES).form
    turn = flow.reprompt(desk, form)
    assert turn.lines == summary_lines(ANSWERS, REGULAR_FEE)
    assert (turn.form, turn.choices) == (form, CONFIRM_CHOICES)


def test_reprompt_in_a_yes_no_step_asks_its_question_again(desk: FormContext) -> None:
    form = flow.ask_yes_no(
        Step.CANCELLING, "demo-2027", "Cancel DEMO-ABC234?", reference="DEMO-ABC234"
    ).form
    turn = flow.reprompt(desk, form)
    assert (turn.lines, turn.form, turn.choices) == (["Cancel DEMO-ABC234?"], form, YES_NO_CHOICES)


# --- the form kept between messages ------------------------------------------------------------------


@pytest.mark.parametrize(
    "form",
    [
        Form(step=Step.ASKING, event="demo-2027"),
        Form(
            step=Step.CONFIRMING,
            event="demo-2027",
            position=7,
            answers=dict(ANSWERS),
            waitlist=True,
        ),
        Form(
            step=Step.ACCEPTING_OFFER,
            event="demo-2027",
            reference="DEMO-ABC234",
            prompt="Would you like it?",
        ),
    ],
    ids=["asking", "confirming", "offer"],
)
def test_form_to_dict_from_dict_round_trips_through_json(form: Form) -> None:
    data = json.loads(json.dumps(form.to_dict()))
    assert data["step"] == form.step.value
    back = Form.from_dict(data)
    assert back == form
    assert type(back.step) is Step

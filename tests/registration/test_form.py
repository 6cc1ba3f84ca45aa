"""The registration form: which fields an event asks, and how each answer is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventbot.engine.phrasing import phrasebook
from eventbot.knowledge.model import Event, FieldType, FormField
from eventbot.registration.form import FEE_FIELD, Invalid, form_fields, read_answer

FEES = [
    {"category": "Student", "amount": 100, "currency": "EUR"},
    {"category": "Regular", "amount": 250, "currency": "EUR"},
]


def event(**parts: object) -> Event:
    return Event.model_validate({"id": "demo-2027", "name": "Demo Conference", **parts})


def names(e: Event) -> list[str]:
    return [f.name for f in form_fields(e)]


def rejected(field: FormField, text: str) -> str:
    """The reason `text` is refused as the answer to `field`, as an English attendee reads it."""
    with pytest.raises(Invalid) as refused:
        read_answer(field, text)
    return phrasebook("en").say(f"invalid_{refused.value.reason}", **refused.value.values)


EMAIL = FormField(name="email", label="your email address", type=FieldType.EMAIL)
NAME = FormField(name="name", label="your full name")
TEXT = FormField(name="affiliation", label="your affiliation")
OPTIONAL_TEXT = FormField(name="dietary", label="any dietary requirements", required=False)
CHOICE = FormField(
    name="role",
    label="your role",
    type=FieldType.CHOICE,
    choices=["Researcher", "Clinician", "Student"],
)
YES_NO = FormField(name="consent", label="whether we may list you", type=FieldType.YES_NO)
OPTIONAL_YES_NO = FormField(
    name="dinner", label="whether you come to the dinner", type=FieldType.YES_NO, required=False
)
NUMBER = FormField(name="guests", label="how many guests you bring", type=FieldType.NUMBER)


# --- the fields ------------------------------------------------------------------------------------


def test_form_fields_by_default_are_name_email_affiliation() -> None:
    fields = form_fields(event())
    assert [(f.name, f.type, f.required) for f in fields] == [
        ("name", FieldType.TEXT, True),
        ("email", FieldType.EMAIL, True),
        ("affiliation", FieldType.TEXT, True),
    ]


def test_form_fields_with_one_fee_have_no_fee_category() -> None:
    assert names(event(fees=FEES[:1])) == ["name", "email", "affiliation"]


def test_form_fields_with_several_fees_ask_the_fee_category_as_a_choice() -> None:
    fields = form_fields(event(fees=FEES))
    assert [f.name for f in fields] == ["name", "email", "affiliation", FEE_FIELD]
    fee = fields[3]
    assert (fee.type, fee.choices, fee.required, fee.label) == (
        FieldType.CHOICE,
        ["Student", "Regular"],
        True,
        "your fee category",
    )


def test_form_fields_append_the_organisers_fields_after_the_defaults_and_the_fee() -> None:
    e = event(
        fees=FEES,
        registration={
            "fields": [
                {
                    "name": "role",
                    "label": "your role",
                    "type": "choice",
                    "choices": ["Researcher", "Clinician"],
                },
                {"name": "dietary", "label": "any dietary requirements", "required": False},
            ]
        },
    )
    fields = form_fields(e)
    assert [f.name for f in fields] == [
        "name",
        "email",
        "affiliation",
        FEE_FIELD,
        "role",
        "dietary",
    ]
    assert fields[4].choices == ["Researcher", "Clinician"]
    assert fields[5].required is False


def test_form_fields_organisers_field_named_like_a_default_replaces_it_in_place() -> None:
    e = event(
        registration={
            "fields": [
                {"name": "affiliation", "label": "your institution, if any", "required": False},
                {"name": "role", "label": "your role"},
            ]
        }
    )
    fields = form_fields(e)
    assert [f.name for f in fields] == ["name", "email", "affiliation", "role"]
    assert (fields[2].label, fields[2].required) == ("your institution, if any", False)


def test_form_fields_organisers_own_fee_category_is_asked_once() -> None:
    e = event(
        fees=FEES,
        registration={
            "fields": [
                {
                    "name": FEE_FIELD,
                    "label": "your ticket",
                    "type": "choice",
                    "choices": ["Student", "Regular"],
                },
            ]
        },
    )
    fields = form_fields(e)
    assert [f.name for f in fields] == ["name", "email", "affiliation", FEE_FIELD]
    assert fields[3].label == "your ticket"


# --- email -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("ada@example.org", "ada@example.org"),
        ("  ada@example.org  ", "ada@example.org"),
        ("ada@EXAMPLE.Org", "ada@example.org"),
    ],
)
def test_read_answer_email_is_normalised(text: str, stored: str) -> None:
    assert read_answer(EMAIL, text) == stored


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("ada", "An email address must have an @-sign."),
        ("ada at example.org", "An email address must have an @-sign."),
        ("ada@", "There must be something after the @-sign."),
        ("ada@example", "The part after the @-sign is not valid. It should have a period."),
    ],
)
def test_read_answer_invalid_email_is_rejected_with_the_reason(text: str, why: str) -> None:
    assert rejected(EMAIL, text) == f"that is not a valid email address ({why})"


# --- choice ------------------------------------------------------------------------------------------

CHOICES_LISTED = "please choose one of: Researcher, Clinician, Student"


@pytest.mark.parametrize(
    ("text", "stored"), [("1", "Researcher"), ("2", "Clinician"), (" 3 ", "Student")]
)
def test_read_answer_choice_by_number(text: str, stored: str) -> None:
    assert read_answer(CHOICE, text) == stored


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("Clinician", "Clinician"),
        ("clinician", "Clinician"),
        ("STUDENT", "Student"),
    ],
)
def test_read_answer_choice_by_exact_text_in_any_case(text: str, stored: str) -> None:
    assert read_answer(CHOICE, text) == stored


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("Clinican", "Clinician"),
        ("clinican", "Clinician"),
        ("Reseacher", "Researcher"),
        ("reseacher", "Researcher"),
        ("a researcher", "Researcher"),
    ],
)
def test_read_answer_choice_by_close_spelling(text: str, stored: str) -> None:
    assert read_answer(CHOICE, text) == stored


@pytest.mark.parametrize("text", ["0", "4", "Professor", "x", "yes"])
def test_read_answer_choice_rejects_anything_else_listing_the_choices(text: str) -> None:
    assert rejected(CHOICE, text) == CHOICES_LISTED


@pytest.mark.parametrize("text", ["e", "n"])
def test_read_answer_choice_rejects_a_single_letter_that_is_no_choice(text: str) -> None:
    assert rejected(CHOICE, text) == CHOICES_LISTED


def test_read_answer_choice_rejects_a_superscript_digit_without_crashing() -> None:
    assert rejected(CHOICE, "²") == CHOICES_LISTED


def test_read_answer_choice_named_none_can_be_chosen_by_its_text() -> None:
    diet = FormField(
        name="diet",
        label="your diet",
        type=FieldType.CHOICE,
        choices=["None", "Vegetarian", "Vegan"],
    )
    assert read_answer(diet, "None") == "None"


# --- yes or no ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("yes", "yes"),
        ("Yes.", "yes"),
        ("y", "yes"),
        ("sure", "yes"),
        ("Yes, I agree", "yes"),
        ("I agree", "yes"),
        ("no", "no"),
        ("No!", "no"),
        ("n", "no"),
        ("nope", "no"),
    ],
)
def test_read_answer_yes_no(text: str, stored: str) -> None:
    assert read_answer(YES_NO, text) == stored


@pytest.mark.parametrize("text", ["maybe", "perhaps", "Clinician"])
def test_read_answer_yes_no_rejects_anything_else(text: str) -> None:
    assert rejected(YES_NO, text) == "please answer yes or no"


def test_read_answer_yes_no_reads_no_thanks_as_no() -> None:
    assert read_answer(YES_NO, "No thanks") == "no"


def test_read_answer_optional_yes_no_reads_no_thanks_as_no() -> None:
    assert read_answer(OPTIONAL_YES_NO, "no thanks") == "no"


# --- number ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "stored"), [("0", "0"), ("3", "3"), (" 12 ", "12"), ("-1", "-1")])
def test_read_answer_number(text: str, stored: str) -> None:
    assert read_answer(NUMBER, text) == stored


@pytest.mark.parametrize("text", ["3.5", "three", "1 000", "3 guests", "+"])
def test_read_answer_number_rejects_what_is_not_a_whole_number(text: str) -> None:
    assert rejected(NUMBER, text) == "please answer with a whole number"


# --- required, optional, length, names ---------------------------------------------------------------


@pytest.mark.parametrize("field", [NAME, EMAIL, TEXT, CHOICE, YES_NO, NUMBER], ids=lambda f: f.name)
@pytest.mark.parametrize("text", ["skip", "Skip", "", "   ", "-", "n/a"])
def test_read_answer_required_field_refuses_skip_or_empty(field: FormField, text: str) -> None:
    assert rejected(field, text) == "this one is required"


@pytest.mark.parametrize(
    "field",
    [
        OPTIONAL_TEXT,
        FormField(name="email2", label="another email", type=FieldType.EMAIL, required=False),
        FormField(name="n", label="a number", type=FieldType.NUMBER, required=False),
        FormField(
            name="c", label="a choice", type=FieldType.CHOICE, choices=["A", "B"], required=False
        ),
    ],
    ids=lambda f: f.type.value,
)
@pytest.mark.parametrize("text", ["skip", "SKIP", "", "  ", "none", "n/a"])
def test_read_answer_optional_field_accepts_skip_or_empty_as_empty(
    field: FormField, text: str
) -> None:
    assert read_answer(field, text) == ""


def test_read_answer_optional_field_still_checks_a_given_answer() -> None:
    optional_email = FormField(
        name="email2", label="another email", type=FieldType.EMAIL, required=False
    )
    assert rejected(optional_email, "not-an-email").startswith(
        "that is not a valid email address ("
    )


@pytest.mark.parametrize("field", [NAME, TEXT, OPTIONAL_TEXT, EMAIL], ids=lambda f: f.name)
def test_read_answer_refuses_an_answer_over_300_characters(field: FormField) -> None:
    assert rejected(field, "x" * 301) == "that is too long (at most 300 characters)"


def test_read_answer_accepts_an_answer_of_exactly_300_characters() -> None:
    assert read_answer(TEXT, "x" * 300) == "x" * 300


@pytest.mark.parametrize("text", ["12345", "42", "A", "__", "1 2 3"])
def test_read_answer_refuses_a_name_without_letters_or_of_one_character(text: str) -> None:
    assert rejected(NAME, text) == "please give your full name"


@pytest.mark.parametrize("text", ["Ada Lovelace", "Zoë Müller", "李华", "Bjørn O'Neil"])
def test_read_answer_keeps_a_name_as_written(text: str) -> None:
    assert read_answer(NAME, f"  {text} ") == text


def test_read_answer_digits_are_fine_in_other_text_fields() -> None:
    assert read_answer(TEXT, "12345") == "12345"


def test_the_live_statuses_of_the_partial_unique_index_are_the_desks() -> None:
    from eventbot.registration.desk import LIVE
    from eventbot.storage.models import LIVE_STATUSES

    versions = Path(__file__).resolve().parents[2] / "src/eventbot/storage/migrations/versions"
    frozen = (versions / "0001_the_first_schema.py").read_text(encoding="utf-8")
    assert LIVE_STATUSES == "status IN ('confirmed', 'waitlisted', 'offered')"
    assert f'LIVE = "{LIVE_STATUSES}"' in frozen
    assert {str(s) for s in LIVE} == {"confirmed", "waitlisted", "offered"}


@pytest.mark.parametrize(
    "text",
    [
        "it's Ada@Example.org",
        "ada@example.org thanks",
        "my email: ada@example.org",
        "ada@example.org",
    ],
)
def test_an_address_inside_a_short_sentence_is_taken_out_of_it(text: str) -> None:
    assert read_answer(EMAIL, text) == "ada@example.org"


def test_two_addresses_in_one_answer_are_refused() -> None:
    assert "not a valid email address" in rejected(EMAIL, "ada@example.org or ada@lovelace.org")

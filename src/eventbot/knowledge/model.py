"""The typed knowledge base of one event: what organisers write in `events/<id>.toml`."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from email_validator import EmailNotValidError, validate_email
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    PlainSerializer,
    model_validator,
)

#: A day's last second: a deadline given as a day lasts until that day is over.
END_OF_DAY = dt.time(23, 59, 59)

#: Names organisers write for zones that IANA spells otherwise.
ZONE_ALIASES = {
    "aoe": "Etc/GMT+12",
    "anywhere on earth": "Etc/GMT+12",
    "utc-12": "Etc/GMT+12",
    "utc": "UTC",
    "gmt": "UTC",
    "z": "UTC",
}


class Strict(BaseModel):
    """A part of the knowledge base: unknown fields are mistakes, values never change."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def resolve_zone(name: str) -> ZoneInfo:
    """The zone an organiser meant by `name` ("Europe/Berlin", "AoE", "UTC")."""
    key = ZONE_ALIASES.get(name.strip().lower(), name.strip())
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown timezone {name!r}{_zone_suggestion(name)}") from exc


def _zone_suggestion(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(available_timezones()), n=1, cutoff=0.75)
    return (
        f" (did you mean {close[0]!r}?)"
        if close
        else " (use an IANA name such as 'Europe/Berlin', or 'AoE')"
    )


def _check_zone(name: str) -> str:
    resolve_zone(name)
    return name


def _parse_time(value: Any) -> Any:
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", value.strip())
        if not match:
            raise ValueError(f"a time is written like '23:59', not {value!r}")
        hour, minute, second = (int(part or 0) for part in match.groups())
        try:
            return dt.time(hour, minute, second)
        except ValueError as exc:
            raise ValueError(f"impossible time {value!r}") from exc
    return value


def _check_email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"not a valid email address: {exc}") from exc


Zone = Annotated[str, AfterValidator(_check_zone)]
Time = Annotated[dt.time, BeforeValidator(_parse_time)]
Email = Annotated[str, AfterValidator(_check_email)]
Url = Annotated[HttpUrl, PlainSerializer(str)]
Text = Annotated[str, Field(min_length=1)]


class PartialDate(BaseModel):
    """A calendar day whose year may be unknown (a report that says only "on June 28")."""

    model_config = ConfigDict(frozen=True)

    year: int | None
    month: int
    day: int

    def on_year(self, year: int) -> dt.date:
        return dt.date(year, self.month, self.day)

    @property
    def date(self) -> dt.date | None:
        return self.on_year(self.year) if self.year is not None else None

    @classmethod
    def parse(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            raise ValueError("a day is written as a date (2024-08-04), without a time")
        if isinstance(value, dt.date):
            return {"year": value.year, "month": value.month, "day": value.day}
        if isinstance(value, str):
            match = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", value.strip())
            if not match:
                raise ValueError(
                    f"a day is written 2024-08-04, or --06-28 when the year is unknown, not {value!r}"
                )
            year = None if match[1] == "-" else int(match[1])
            month, day = int(match[2]), int(match[3])
            try:
                dt.date(year or 2000, month, day)  # 2000 is a leap year: --02-29 is allowed
            except ValueError as exc:
                raise ValueError(f"impossible date {value!r}") from exc
            return {"year": year, "month": month, "day": day}
        return value

    def __str__(self) -> str:
        return (
            f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
            if self.year
            else f"--{self.month:02d}-{self.day:02d}"
        )


Day = Annotated[PartialDate, BeforeValidator(PartialDate.parse), PlainSerializer(str)]


class EventStatus(StrEnum):
    SCHEDULED = "scheduled"
    TOOK_PLACE = "took_place"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


class Dates(Strict):
    start: Day
    end: Day | None = None
    start_time: Time | None = None
    end_time: Time | None = None
    note: str | None = None


class Venue(Strict):
    name: str | None = None
    address: str | None = None
    city: str | None = None
    country: str | None = None
    co_located_with: str | None = None
    mode: Literal["in_person", "online", "hybrid"] | None = None
    online_url: Url | None = None
    directions: str | None = None
    note: str | None = None


class Fee(Strict):
    category: Text = "Registration"
    amount: Decimal = Field(ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217 code, e.g. EUR")
    vat_included: bool | None = None
    vat_rate_percent: Decimal | None = Field(default=None, ge=0, le=100)
    includes: list[Text] = []
    until: dt.date | None = None
    note: str | None = None

    def with_tax(self) -> Decimal:
        """What the fee comes to with the VAT added on top, to the cent; its amount when the
        VAT is included or unknown."""
        if self.vat_included is False and self.vat_rate_percent:
            total = self.amount * (1 + self.vat_rate_percent / 100)
            return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return self.amount


class FieldType(StrEnum):
    TEXT = "text"
    EMAIL = "email"
    CHOICE = "choice"
    YES_NO = "yes_no"
    NUMBER = "number"


class FormField(Strict):
    """A question the registration form asks, besides name, email and affiliation."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: Text
    type: FieldType = FieldType.TEXT
    required: bool = True
    choices: list[Text] = []
    help: str | None = None

    @model_validator(mode="after")
    def _choices_fit_the_type(self) -> FormField:
        if self.type is FieldType.CHOICE and len(self.choices) < 2:
            raise ValueError("a choice field needs at least two choices")
        if self.type is not FieldType.CHOICE and self.choices:
            raise ValueError(
                f"choices are only for fields of type 'choice', not {self.type.value!r}"
            )
        return self


class Registration(Strict):
    required: bool | None = None
    opens: dt.date | dt.datetime | None = None
    deadline: dt.date | dt.datetime | None = None
    timezone: Zone | None = None
    capacity: int | None = Field(default=None, gt=0)
    url: Url | None = None
    email: Email | None = None
    how: str | None = None
    note: str | None = None
    fields: list[FormField] = []

    @model_validator(mode="after")
    def _field_names_are_unique(self) -> Registration:
        names = [f.name for f in self.fields]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"form field names must be unique: {', '.join(twice)}")
        return self


class DeadlineKind(StrEnum):
    ABSTRACT = "abstract"
    SUBMISSION = "submission"
    NOTIFICATION = "notification"
    CAMERA_READY = "camera_ready"
    REGISTRATION = "registration"
    OTHER = "other"


class Deadline(Strict):
    name: Text
    kind: DeadlineKind = DeadlineKind.OTHER
    date: dt.date
    time: Time = END_OF_DAY  # no time: until the day is over
    timezone: Zone | None = None
    note: str | None = None


class Speaker(Strict):
    name: Text
    affiliation: str | None = None
    talk: str | None = None
    bio: str | None = None
    role: str | None = None
    url: Url | None = None


class Organiser(Strict):
    name: Text
    affiliation: str | None = None
    role: str | None = None
    description: str | None = None
    url: Url | None = None


class Submission(Strict):
    url: Url | None = None
    format: str | None = None
    page_limit: str | None = None
    anonymous: bool | None = None
    rules: list[Text] = []
    note: str | None = None


class Proceedings(Strict):
    title: Text
    publisher: str | None = None
    url: Url | None = None
    note: str | None = None


class SpecialIssue(Strict):
    title: Text
    journal: Text
    url: Url | None = None
    note: str | None = None


class Contact(Strict):
    email: Email | None = None
    phone: str | None = None
    url: Url | None = None
    note: str | None = None


class Reviewers(Strict):
    url: Url | None = None
    note: str | None = None


class PastEdition(Strict):
    name: Text
    year: int | None = None
    url: Url | None = None
    proceedings_url: Url | None = None
    note: str | None = None


class Session(Strict):
    title: Text
    day: dt.date | None = None
    start: Time | None = None
    end: Time | None = None
    description: str | None = None


class QA(Strict):
    question: Text
    answer: Text
    keywords: list[Text] = []


class Reminders(Strict):
    """When this event's reminders go out, instead of the settings' `[reminders]`."""

    days_before: list[int] | None = None  # e.g. [7, 1]: a week and a day before each moment
    hours_before: list[int] | None = None  # added to the days: [2] is two hours before
    enabled: bool = True  # false: no reminders for this event at all


class Event(Strict):
    """Everything the assistant may say about one event. `id` is the file's name."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: Text
    short_name: str | None = None
    acronyms: list[Text] = []
    aliases: list[Text] = []
    kind: str | None = None
    status: EventStatus | None = None
    summary: str | None = None
    description: str | None = None
    audience: str | None = None
    timezone: Zone | None = None
    website: Url | None = None
    dates: Dates | None = None
    venue: Venue | None = None
    fees: list[Fee] = []
    registration: Registration | None = None
    deadlines: list[Deadline] = []
    speakers: list[Speaker] = []
    speakers_note: str | None = None
    topics: list[Text] = []
    topics_exhaustive: bool = False
    scope: str | None = None
    submission: Submission | None = None
    proceedings: list[Proceedings] = []
    special_issues: list[SpecialIssue] = []
    organisers: list[Organiser] = []
    contact: Contact | None = None
    reviewers: Reviewers | None = None
    past_editions: list[PastEdition] = []
    programme: list[Session] = []
    qa: list[QA] = []
    reminders: Reminders | None = None

    @property
    def label(self) -> str:
        """The name to show people: the short name when there is one."""
        return self.short_name or self.name

    @property
    def zone(self) -> ZoneInfo | None:
        return resolve_zone(self.timezone) if self.timezone else None

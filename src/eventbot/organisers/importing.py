"""Registrations collected elsewhere (a form service, a spreadsheet), loaded from a CSV export.

The export's own columns are matched to the event's form fields by name or label ("E-mail
address" is the email field, "First name" and "Last name" make the name), plus `status`, `paid`
and `reference` when there. Every row is checked first: a mistake is named by line and column,
and nothing is imported until the whole file is right. A row whose email already holds a live
registration of the event is left as it is, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from ..engine.phrasing import phrasebook
from ..errors import EventbotError
from ..knowledge import Event
from ..knowledge.model import FormField
from ..registration.desk import RegistrationDesk, Status, new_reference
from ..registration.form import Invalid, form_fields, read_answer, yes_or_no
from ..storage.database import Database
from ..storage.models import Attendee, Registration

MISTAKES_SHOWN = 20
#: Headers that name a field in other words (folded: lower case, letters and digits only).
ALIASES = {
    "email": {"email", "emailaddress", "mail", "emailadres", "emailadresse"},
    "name": {"name", "fullname", "participant", "attendee", "naam", "vollername"},
}
FIRST = {"firstname", "givenname", "vorname", "voornaam"}
LAST = {"lastname", "surname", "familyname", "nachname", "achternaam"}
STATUSES = {
    "confirmed": Status.CONFIRMED,
    "registered": Status.CONFIRMED,
    "waitlisted": Status.WAITLISTED,
    "waiting": Status.WAITLISTED,
    "waiting list": Status.WAITLISTED,
    "cancelled": Status.CANCELLED,
    "canceled": Status.CANCELLED,
}


@dataclass(frozen=True)
class Row:
    line: int
    answers: dict[str, str]
    status: Status = Status.CONFIRMED
    paid: bool = False
    reference: str | None = None


@dataclass
class Imported:
    added: int = 0
    already: list[str] = field(default_factory=list)  # emails already registered, left as they are


def read_csv(text: str, event: Event) -> tuple[list[Row], list[str]]:
    """The rows of an export, checked; EventbotError names every mistake by line and column.
    Also returns the columns no field takes."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise EventbotError("the file is empty: its first line should name the columns")
    columns, unused = _columns(header, event)
    if "email" not in columns.values():
        raise EventbotError(
            "no email column: name one 'email' (the columns are: "
            + ", ".join(c.strip() for c in header if c.strip())
            + ")"
        )
    fields = {f.name: f for f in form_fields(event)}
    rows: list[Row] = []
    mistakes: list[str] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            mistakes.append(f"line {line}: {len(cells)} cells, but {len(header)} columns")
            continue
        values: dict[str, str] = {}
        first_last: dict[str, str] = {}
        for index, cell in enumerate(cells):
            target = columns.get(index)
            if target in ("first", "last"):
                first_last[target] = cell.strip()
            elif target is not None and cell.strip():
                values[target] = cell.strip()
        if first_last and "name" not in values:
            values["name"] = " ".join(
                p for p in (first_last.get("first"), first_last.get("last")) if p
            )
        row, problems = _row(line, values, fields, header, columns)
        mistakes += problems
        if row is None:
            continue
        email = row.answers["email"]
        if email in seen:
            mistakes.append(f"line {line}: email {email} is also on line {seen[email]}")
            continue
        seen[email] = line
        rows.append(row)
    if mistakes:
        shown = mistakes[:MISTAKES_SHOWN]
        more = len(mistakes) - len(shown)
        raise EventbotError(
            "nothing imported; fix these and import again:\n  "
            + "\n  ".join(shown)
            + (f"\n  … and {more} more" if more else "")
        )
    return rows, unused


def _delimiter(text: str) -> str:
    """What separates the columns: of comma, semicolon and tab, the one the header line has most
    of (the rows may be ragged, or quote the others); a comma when it has none."""
    header = text.split("\n", 1)[0]
    return max(",;\t", key=lambda candidate: (header.count(candidate), candidate == ","))


def _columns(header: list[str], event: Event) -> tuple[dict[int, str], list[str]]:
    """Which column is which field (by its index), and the columns no field takes."""
    fields = form_fields(event)
    known: dict[str, str] = {}
    for f in fields:
        known[_fold(f.name)] = f.name
        known[_fold(f.label)] = f.name
        for alias in ALIASES.get(f.name, ()):
            known[alias] = f.name
    known |= {"status": "status", "paid": "paid", "reference": "reference"}
    known |= {name: "first" for name in FIRST} | {name: "last" for name in LAST}
    columns: dict[int, str] = {}
    unused: list[str] = []
    for index, title in enumerate(header):
        target = known.get(_fold(title))
        if target is None or target in columns.values():
            if title.strip():
                unused.append(title.strip())
            continue
        columns[index] = target
    return columns, unused


def _row(
    line: int,
    values: dict[str, str],
    fields: dict[str, FormField],
    header: list[str],
    columns: dict[int, str],
) -> tuple[Row | None, list[str]]:
    problems: list[str] = []
    answers: dict[str, str] = {}
    titles = {target: header[index].strip() for index, target in columns.items()}
    for name in set(columns.values()) - set(values):  # a column the file has, empty here
        form_field = fields.get(name)
        if form_field is not None and form_field.required and name != "email":
            problems.append(f"line {line}: {titles[name]}: empty, but the form requires it")
    for name, value in values.items():
        form_field = fields.get(name)
        if form_field is None:
            continue
        try:
            answers[name] = read_answer(form_field, value)
        except Invalid as invalid:
            why = phrasebook("en").say(f"invalid_{invalid.reason}", **invalid.values)
            problems.append(f"line {line}: {titles.get(name, name)}: {value!r}: {why}")
    if "email" not in values:
        problems.append(f"line {line}: {titles['email']}: empty (every registration needs one)")
    status = Status.CONFIRMED
    if values.get("status"):
        found = STATUSES.get(values["status"].strip().lower())
        if found is None:
            problems.append(
                f"line {line}: status: {values['status']!r} is not confirmed, waitlisted or cancelled"
            )
        else:
            status = found
    paid = False
    if values.get("paid"):
        said = yes_or_no(values["paid"])
        if said is None and values["paid"].strip().lower() not in ("true", "false", "1", "0"):
            problems.append(f"line {line}: paid: {values['paid']!r} is not yes or no")
        paid = bool(said) or values["paid"].strip().lower() in ("true", "1")
    if problems:
        return None, problems
    return Row(line, answers, status, paid, values.get("reference")), []


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


async def import_rows(
    database: Database, desk: RegistrationDesk, event: Event, rows: list[Row], now: dt.datetime
) -> Imported:
    """All the rows in one transaction: every one, or none."""
    done = Imported()
    async with database.transaction() as session:
        await database.lock_event(session, event.id)
        for row in rows:
            email = row.answers["email"]
            existing = await desk.live(session, event.id, email=email)
            if existing is not None or (
                row.reference and await desk.by_reference(session, row.reference) is not None
            ):
                done.already.append(email)
                continue
            attendee = Attendee(created_at=now)
            session.add(attendee)
            await session.flush()
            session.add(
                Registration(
                    reference=row.reference or new_reference(event),
                    event_id=event.id,
                    attendee_id=attendee.id,
                    email=email,
                    status=row.status,
                    answers=row.answers,
                    paid=row.paid,
                    created_at=now,
                    updated_at=now,
                )
            )
            done.added += 1
        await session.flush()
    return done


__all__ = ["Imported", "Row", "import_rows", "read_csv"]

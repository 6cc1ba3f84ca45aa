"""The organisers' commands: `eventbot registrations list | export | mark-paid | cancel`."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from .app import events_of, open_database
from .clock import SystemClock
from .config import Settings
from .errors import EventbotError
from .registration.desk import RegistrationDesk, Status
from .registration.form import form_fields
from .storage.models import ErasedCount


def add_registration_commands(commands: argparse._SubParsersAction) -> None:
    actions = commands.add_parser(
        "registrations", help="the registrations of an event"
    ).add_subparsers(required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="show an event's registrations")
    listing.add_argument("event", metavar="EVENT")
    listing.set_defaults(run=_run(_list))
    export = actions.add_parser("export", help="write an event's registrations to a CSV file")
    export.add_argument("event", metavar="EVENT")
    export.add_argument(
        "--csv",
        required=True,
        type=Path,
        metavar="FILE",
        help="the file to write ('-': standard output)",
    )
    export.set_defaults(run=_run(_export))
    paid = actions.add_parser("mark-paid", help="record that a registration's fee is paid")
    paid.add_argument("reference", metavar="REFERENCE")
    paid.set_defaults(run=_run(_mark_paid))
    cancel = actions.add_parser(
        "cancel", help="cancel a registration; its place goes to the waiting list"
    )
    cancel.add_argument("reference", metavar="REFERENCE")
    cancel.set_defaults(run=_run(_cancel))


def _run(command):
    def run(args: argparse.Namespace, settings: Settings) -> int:
        return asyncio.run(command(args, settings))

    return run


def _desk(settings: Settings, database) -> RegistrationDesk:
    events = {event.id: event for event in events_of(settings)}
    return RegistrationDesk(
        database,
        events,
        dt.timedelta(hours=settings.registration.offer_hours),
        keep_erased_counts=settings.privacy.keep_erased_counts,
    )


async def _list(args: argparse.Namespace, settings: Settings) -> int:
    event = events_of(settings, only=args.event)[0]
    fields = [f.name for f in form_fields(event)]
    async with open_database(settings) as database, database.transaction() as session:
        desk = _desk(settings, database)
        await desk.expire_offers(session, event.id, SystemClock().now())
        counts: Counter[str] = Counter()
        rows = [["reference", "status", "paid", *fields]]
        async for r in desk.rows(session, event.id):
            counts[r.status] += 1
            rows.append(
                [
                    r.reference,
                    r.status,
                    "yes" if r.paid else "no",
                    *(r.answers.get(f, "") for f in fields),
                ]
            )
        erased = await session.get(ErasedCount, event.id)
    widths = [min(max(len(str(row[i])) for row in rows), 40) for i in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(
                str(cell)[:40].ljust(width) for cell, width in zip(row, widths, strict=False)
            ).rstrip()
        )
    capacity = event.registration.capacity if event.registration else None
    summary = ", ".join(f"{counts[s]} {s}" for s in Status if counts[s]) or "no registrations"
    print(
        f"\n{event.label}: {summary}"
        + (f"; {capacity} places" if capacity else "")
        + (f"; {erased.registrations} erased at the attendees' request" if erased else "")
    )
    return 0


async def _export(args: argparse.Namespace, settings: Settings) -> int:
    event = events_of(settings, only=args.event)[0]
    async with open_database(settings) as database, database.transaction() as session:
        desk = _desk(settings, database)
        if str(args.csv) == "-":
            count = await desk.export_csv(session, event, sys.stdout)
        else:
            try:  # utf-8-sig: spreadsheets then read the accents right
                with args.csv.open("w", encoding="utf-8-sig", newline="") as out:
                    count = await desk.export_csv(session, event, out)
            except OSError as exc:
                raise EventbotError(f"cannot write {args.csv}: {exc.strerror}") from exc
    print(
        f"{count} registration{'s' if count != 1 else ''} of {event.id} written to {args.csv}",
        file=sys.stderr,
    )
    return 0


async def _mark_paid(args: argparse.Namespace, settings: Settings) -> int:
    async with open_database(settings) as database, database.transaction() as session:
        registration = await _find(_desk(settings, database), session, args.reference)
        if registration.status in (Status.CANCELLED, Status.EXPIRED):
            raise EventbotError(
                f"{registration.reference} is {registration.status}: there is nothing to pay"
            )
        registration.paid = True
        registration.updated_at = SystemClock().now()
    print(f"{registration.reference} ({registration.answers.get('name', '')}) is marked as paid.")
    return 0


async def _cancel(args: argparse.Namespace, settings: Settings) -> int:
    now = SystemClock().now()
    async with open_database(settings) as database, database.transaction() as session:
        desk = _desk(settings, database)
        registration = await _find(desk, session, args.reference)
        if registration.status in (Status.CANCELLED, Status.EXPIRED):
            raise EventbotError(f"{registration.reference} is already {registration.status}")
        offered = await desk.cancel(session, registration, now)
    print(f"{registration.reference} is cancelled.")
    if offered is not None:
        print(
            f"Its place is offered to {offered.reference} ({offered.answers.get('name', '')}) "
            f"until {offered.offer_expires_at:%Y-%m-%d %H:%M} UTC."
        )
    return 0


async def _find(desk: RegistrationDesk, session, reference: str):
    registration = await desk.by_reference(session, reference)
    if registration is None:
        raise EventbotError(f"no registration with the reference {reference!r}")
    return registration

"""The organisers' commands: `eventbot handoffs` and `eventbot registrations …`."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Settings
from ..errors import EventbotError

if TYPE_CHECKING:
    from ..organisers import RegistrationsOffice
    from ..storage.database import Database

Command = Callable[[argparse.Namespace, Settings], Coroutine[Any, Any, int]]


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    handoffs = commands.add_parser(
        "handoffs", help="the questions the assistant handed to the organisers"
    )
    handoffs.set_defaults(run=_sync(_handoffs))
    answers = handoffs.add_subparsers(metavar="ACTION")
    answer = answers.add_parser("answer", help="answer a question; the attendee gets the answer")
    answer.add_argument("question", type=int, metavar="NUMBER")
    answer.add_argument("text", metavar="TEXT")
    answer.set_defaults(run=_sync(_answer))

    actions = commands.add_parser(
        "registrations", help="the registrations of an event"
    ).add_subparsers(required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="show an event's registrations")
    listing.add_argument("event", metavar="EVENT")
    listing.set_defaults(run=_sync(_list))
    export = actions.add_parser("export", help="write an event's registrations to a CSV file")
    export.add_argument("event", metavar="EVENT")
    export.add_argument(
        "--csv",
        required=True,
        type=Path,
        metavar="FILE",
        help="the file to write ('-': standard output)",
    )
    export.set_defaults(run=_sync(_export))
    imported = actions.add_parser(
        "import", help="load registrations collected elsewhere from a CSV export"
    )
    imported.add_argument("event", metavar="EVENT")
    imported.add_argument(
        "--csv", required=True, type=Path, metavar="FILE", help="the export (UTF-8; , or ;)"
    )
    imported.set_defaults(run=_sync(_import))
    paid = actions.add_parser("mark-paid", help="record that a registration's fee is paid")
    paid.add_argument("reference", metavar="REFERENCE")
    paid.set_defaults(run=_sync(_mark_paid))
    cancel = actions.add_parser(
        "cancel", help="cancel a registration; its place goes to the waiting list"
    )
    cancel.add_argument("reference", metavar="REFERENCE")
    cancel.set_defaults(run=_sync(_cancel))


def _sync(command: Command) -> Callable[[argparse.Namespace, Settings], int]:
    def run(args: argparse.Namespace, settings: Settings) -> int:
        return asyncio.run(command(args, settings))

    return run


async def _handoffs(args: argparse.Namespace, settings: Settings) -> int:
    from ..app import open_database
    from ..clock import SystemClock
    from ..organisers import Inbox

    async with open_database(settings) as database:
        questions = await Inbox(database, SystemClock()).everything()
    if not questions:
        print("No handed-off questions.")
    for q in questions:
        who = f"{q.channel}:{q.address}" if q.channel else "(erased)"
        print(f"{q.asked_at:%Y-%m-%d %H:%M}  {q.event_id or '-'}  {who}\n  {q.question}")
    return 0


async def _answer(args: argparse.Namespace, settings: Settings) -> int:
    """The organisers' answer to question NUMBER, written to the outbox for the attendee's
    channel; `eventbot run` sends it."""
    from ..app import inbox_for, open_assistant

    async with open_assistant(settings) as assistant:
        inbox = inbox_for(assistant, settings)
        on_its_way = await inbox.answer(args.question, args.text)
        [question] = [q for q in await inbox.everything() if q.id == args.question]
    if on_its_way:
        print(
            f"Question #{args.question} is answered; the answer goes to the attendee by "
            f"{question.channel} with the next run of `eventbot run`."
        )
    else:
        print(
            f"Question #{args.question} is answered; the answer is kept (the attendee asked on "
            f"{question.channel or 'a channel since erased'}, which cannot be reached from here)."
        )
    return 0


def _office(settings: Settings, database: Database) -> RegistrationsOffice:
    import datetime as dt

    from ..app import events_of
    from ..clock import SystemClock
    from ..organisers import RegistrationsOffice
    from ..registration.desk import RegistrationDesk

    events = {event.id: event for event in events_of(settings)}
    desk = RegistrationDesk(
        database,
        events,
        dt.timedelta(hours=settings.registration.offer_hours),
        keep_erased_counts=settings.privacy.keep_erased_counts,
    )
    return RegistrationsOffice(database, desk, SystemClock())


async def _list(args: argparse.Namespace, settings: Settings) -> int:
    from ..app import events_of, open_database

    event = events_of(settings, only=args.event)[0]
    async with open_database(settings) as database:
        listing = await _office(settings, database).listing(event)
    table = [listing.header, *listing.rows]
    widths = [min(max(len(str(row[i])) for row in table), 40) for i in range(len(table[0]))]
    for row in table:
        cells = zip(row, widths, strict=True)
        print("  ".join(str(cell)[:40].ljust(width) for cell, width in cells).rstrip())
    summary = ", ".join(f"{n} {status}" for status, n in listing.counts.items())
    print(
        f"\n{event.label}: {summary or 'no registrations'}"
        + (f"; {listing.capacity} places" if listing.capacity else "")
        + (f"; {listing.erased} erased at the attendees' request" if listing.erased else "")
    )
    return 0


async def _export(args: argparse.Namespace, settings: Settings) -> int:
    from ..app import events_of, open_database

    event = events_of(settings, only=args.event)[0]
    async with open_database(settings) as database:
        office = _office(settings, database)
        if str(args.csv) == "-":
            count = await office.export_csv(event, sys.stdout)
        else:
            try:  # utf-8-sig: spreadsheets then read the accents right
                with args.csv.open("w", encoding="utf-8-sig", newline="") as out:
                    count = await office.export_csv(event, out)
            except OSError as exc:
                raise EventbotError(f"cannot write {args.csv}: {exc.strerror}") from exc
    rows = f"{count} registration{'s' if count != 1 else ''}"
    print(f"{rows} of {event.id} written to {args.csv}", file=sys.stderr)
    return 0


async def _import(args: argparse.Namespace, settings: Settings) -> int:
    """Every row of the file, or none: the mistakes are named by line and column."""
    import datetime as dt

    from ..app import events_of, open_database
    from ..organisers.importing import import_rows, read_csv

    event = events_of(settings, only=args.event)[0]
    try:
        text = args.csv.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise EventbotError(f"cannot read {args.csv}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise EventbotError(
            f"{args.csv} is not UTF-8 (byte {exc.start}): save it as CSV UTF-8 and try again"
        ) from exc
    try:
        rows, unused = read_csv(text, event)
    except EventbotError as exc:
        raise EventbotError(f"{args.csv}: {exc}") from exc
    async with open_database(settings) as database:
        office = _office(settings, database)
        done = await import_rows(database, office.desk, event, rows, dt.datetime.now(dt.UTC))
    print(f"{done.added} registration{'s' if done.added != 1 else ''} imported into {event.id}.")
    if done.already:
        print(
            f"{len(done.already)} already registered, left as they are: {', '.join(done.already)}"
        )
    if unused:
        print(f"Columns not used (no form field of that name): {', '.join(unused)}")
    return 0


async def _mark_paid(args: argparse.Namespace, settings: Settings) -> int:
    from ..app import open_database

    async with open_database(settings) as database:
        entry = await _office(settings, database).mark_paid(args.reference)
    print(f"{entry.reference} ({entry.name}) is marked as paid.")
    return 0


async def _cancel(args: argparse.Namespace, settings: Settings) -> int:
    from ..app import open_database

    async with open_database(settings) as database:
        cancelled = await _office(settings, database).cancel(args.reference)
    print(f"{cancelled.entry.reference} is cancelled.")
    if cancelled.offered_to is not None and cancelled.offer_expires_at is not None:
        print(
            f"Its place is offered to {cancelled.offered_to.reference} "
            f"({cancelled.offered_to.name}) until {cancelled.offer_expires_at:%Y-%m-%d %H:%M} UTC."
        )
    return 0

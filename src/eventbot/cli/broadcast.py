"""`eventbot broadcast`: organisers' announcements to a segment of an event's attendees.

eventbot broadcast EVENT --to SEGMENT [--channel telegram,email] (--text TEXT | --file FILE)
                   [--subject S] [--at ISO-DATETIME] [--dry-run] [--yes]
eventbot broadcast status [ID]
eventbot broadcast resume ID
eventbot broadcast cancel ID
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Settings
from ..errors import EventbotError

if TYPE_CHECKING:
    from ..broadcasts import Broadcaster, Draft, Report
    from ..outbox import Dispatcher, Lane
    from ..storage.database import Database

ACTIONS = ("status", "resume", "cancel")
POLL = 0.25  # seconds between two looks at the progress
WAIT_AT_MOST = 60.0  # seconds the command waits for a message to fall due again


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "broadcast",
        help="send an announcement to an event's attendees; status, resume or cancel one",
        description=(
            "Send a message to a segment of an event's attendees (eventbot broadcast EVENT --to "
            "SEGMENT --text TEXT), or see how broadcasts went (status [ID]), finish one that was "
            "cut short (resume ID), or stop one (cancel ID). Placeholders in the text: {name}, "
            "{event}, {reference}, {email}."
        ),
    )
    parser.add_argument("target", metavar="EVENT|status|resume|cancel")
    parser.add_argument("number", nargs="?", type=int, metavar="ID")
    parser.add_argument(
        "--to",
        dest="segment",
        choices=["registered", "waiting", "unpaid", "subscribers", "writers"],
        help="who: registered, waiting (list), unpaid, subscribers (to its reminders), writers "
        "(everyone who wrote about it)",
    )
    parser.add_argument("--channel", default=None, help="telegram, email or both (default: both)")
    text = parser.add_mutually_exclusive_group()
    text.add_argument("--text", help="the message")
    text.add_argument("--file", type=Path, help="a file holding the message (UTF-8)")
    parser.add_argument("--subject", help="the subject of the mail (default: the event's name)")
    parser.add_argument("--at", help="send later, at this moment (ISO 8601, with its offset)")
    parser.add_argument("--dry-run", action="store_true", help="show the preview, send nothing")
    parser.add_argument("--yes", action="store_true", help="send without asking")
    parser.set_defaults(run=lambda args, settings: asyncio.run(_broadcast(args, settings)))


async def _broadcast(args: argparse.Namespace, settings: Settings) -> int:
    if args.target in ACTIONS:
        return await _act(args, settings)
    draft = _draft(args, settings)
    async with _broadcaster(settings) as (broadcaster, database):
        people = await broadcaster.recipients(draft)
        _preview(broadcaster, draft, people, settings)
        if args.dry_run or not people:
            return 0
        if not args.yes and not _confirmed(len(people)):
            print("Nothing sent.")
            return 1
        now = dt.datetime.now(dt.UTC)
        number = await broadcaster.create(draft, now)
        await broadcaster.write(number, {draft.event.id: draft.event}, now)
        if draft.due_at is not None and draft.due_at > now:
            print(
                f"Broadcast #{number} is written for {draft.due_at:%Y-%m-%d %H:%M %Z}; "
                "`eventbot run` sends it then. See `eventbot broadcast status "
                f"{number}`."
            )
            return 0
        return await _send(broadcaster, database, settings, number)


async def _act(args: argparse.Namespace, settings: Settings) -> int:
    from ..app import events_of
    from ..broadcasts.service import BroadcastStatus

    async with _broadcaster(settings) as (broadcaster, database):
        if args.target == "status":
            reports = (
                [await broadcaster.report(args.number)]
                if args.number
                else await broadcaster.latest()
            )
            if not reports:
                print("No broadcasts yet.")
            for report in reports:
                _print_report(report)
            return 0
        if args.number is None:
            raise EventbotError(f"broadcast {args.target} needs the broadcast's number")
        if args.target == "cancel":
            cancelled = await broadcaster.cancel(args.number)
            print(f"Broadcast #{args.number} is cancelled; {cancelled} messages were not sent.")
            return 0
        events = {event.id: event for event in events_of(settings)}
        report = await broadcaster.report(args.number)
        if report.status in (BroadcastStatus.WRITING, BroadcastStatus.DRAFT):  # a draft: refused
            await broadcaster.write(args.number, events, dt.datetime.now(dt.UTC))
        return await _send(broadcaster, database, settings, args.number)


def _draft(args: argparse.Namespace, settings: Settings) -> Draft:
    from ..app import events_of
    from ..broadcasts import Draft, Segment, channels_of, check_text

    event = events_of(settings, only=args.target)[0]
    if args.segment is None:
        raise EventbotError(
            "say who gets it: --to registered, waiting, unpaid, subscribers or writers"
        )
    if args.file is not None:
        try:
            text = args.file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise EventbotError(f"cannot read {args.file}: {exc}") from exc
    elif args.text is not None:
        text = args.text.strip()
    else:
        raise EventbotError("say what to send: --text TEXT or --file FILE")
    if not text:
        raise EventbotError("the message is empty")
    check_text(text)
    configured = _configured(settings)
    channels = channels_of(args.channel, configured) if args.channel else tuple(configured)
    if not channels:
        raise EventbotError(
            "no channel to send on: set EVENTBOT_TELEGRAM_TOKEN, or add an [email] table"
        )
    return Draft(
        event=event,
        segment=Segment(args.segment),
        channels=channels,
        text=text,
        subject=args.subject,
        due_at=_moment(args.at) if args.at else None,
    )


def _configured(settings: Settings) -> list[str]:
    return [
        channel
        for channel, on in (("telegram", settings.telegram.token), ("email", settings.email))
        if on is not None
    ]


def _moment(text: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise EventbotError(f"--at {text!r} is not an ISO 8601 date and time") from exc
    if moment.tzinfo is None:
        raise EventbotError(f"--at {text!r} needs its offset, e.g. {text}+02:00 or {text}Z")
    return moment


@asynccontextmanager
async def _broadcaster(settings: Settings) -> AsyncIterator[tuple[Broadcaster, Database]]:
    from ..app import broadcaster_for, open_database
    from ..outbox import Outbox

    async with open_database(settings) as database:
        yield broadcaster_for(database, settings, Outbox(database), _configured(settings)), database


def _preview(broadcaster: Broadcaster, draft: Draft, people: list, settings: Settings) -> None:
    by_channel: dict[str, int] = {}
    for person in people:
        by_channel[person.channel] = by_channel.get(person.channel, 0) + 1
    print(f"Broadcast to {draft.segment.value} of {draft.event.label}:")
    if not people:
        print("  nobody: no one in this segment can be reached on " + ", ".join(draft.channels))
        return
    for channel in draft.channels:
        first = next((p for p in people if p.channel == channel), None)
        if first is None:
            continue
        message = broadcaster.message(draft, first)
        print(f"\n--- {channel}, as {first.address} gets it ---")
        if "subject" in message.payload:
            print(f"Subject: {message.payload['subject']}\n")
        print(message.payload["text"])
    rates = {"telegram": settings.telegram.overall_per_second}
    if settings.email is not None:
        rates["email"] = settings.email.send_per_second
    seconds = max(n / rates[channel] for channel, n in by_channel.items())
    counts = ", ".join(f"{n} on {channel}" for channel, n in by_channel.items())
    when = f"at {draft.due_at:%Y-%m-%d %H:%M %Z}" if draft.due_at else "now"
    print(f"\n{len(people)} recipients ({counts}), {when}; about {_duration(seconds)} to send.")


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{max(1, round(seconds))} s"
    if seconds < 5400:
        return f"{round(seconds / 60)} min"
    return f"{seconds / 3600:.1f} h"


def _confirmed(count: int) -> bool:
    if not sys.stdin.isatty():
        raise EventbotError("not sent: add --yes to send without being asked")
    answer = input(f"Send it to {count} recipients? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


async def _send(
    broadcaster: Broadcaster, database: Database, settings: Settings, number: int
) -> int:
    """Send what is due of the broadcast, with a progress bar, then its report."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    async with _lanes(settings, database) as lanes:
        dispatcher = _dispatcher(broadcaster, lanes, settings)
        sending = asyncio.create_task(_drain_until_settled(dispatcher, broadcaster, number))
        report = await broadcaster.report(number)
        columns = (
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
        with Progress(*columns, transient=False) as progress:
            task = progress.add_task(f"Broadcast #{number}", total=report.recipients)
            while not sending.done():
                report = await broadcaster.report(number)
                progress.update(task, completed=report.recipients - report.counts.get("queued", 0))
                await asyncio.wait([sending], timeout=POLL)
            report = await broadcaster.report(number)
            progress.update(task, completed=report.recipients - report.counts.get("queued", 0))
        sending.result()
    _print_report(report)
    return 0


async def _drain_until_settled(
    dispatcher: Dispatcher, broadcaster: Broadcaster, number: int
) -> None:
    """Drain the outbox until nothing of the broadcast is left to send, waiting for what falls
    due within a minute (a message a killed process held, once its lease runs out; a retry);
    what waits longer is left to `eventbot run`."""
    while True:
        await dispatcher.drain()
        if (await broadcaster.report(number)).settled:
            return
        due = await broadcaster.outbox.next_due(list(dispatcher.lanes))
        wait = (due - dt.datetime.now(dt.UTC)).total_seconds() if due else None
        if wait is None or wait > WAIT_AT_MOST:
            return
        await asyncio.sleep(max(wait, 0.05))


def _dispatcher(broadcaster: Broadcaster, lanes: dict[str, Lane], settings: Settings) -> Dispatcher:
    from ..clock import SystemClock
    from ..outbox import Dispatcher

    lease = dt.timedelta(seconds=settings.outbox.lease_seconds)
    return Dispatcher(broadcaster.outbox, SystemClock(), lanes, lease=lease)


@asynccontextmanager
async def _lanes(settings: Settings, database: Database) -> AsyncIterator[dict[str, Lane]]:
    from ..app import email_lane
    from ..channels.telegram.transport import telegram_lane

    lanes: dict[str, Lane] = {}
    bot = None
    if settings.email is not None:
        lanes["email"] = email_lane(settings.email, database)
    if settings.telegram.token is not None:
        from telegram.ext import ExtBot

        from ..channels.telegram.flood import ChatRateLimiter

        bot = ExtBot(
            settings.telegram.token.get_secret_value(),
            base_url=settings.telegram.base_url,
            rate_limiter=ChatRateLimiter(
                per_chat_per_second=settings.telegram.per_chat_per_second,
                overall_per_second=settings.telegram.overall_per_second,
            ),
        )
        await bot.initialize()
        lanes["telegram"] = telegram_lane(bot, settings.telegram, database)
    try:
        yield lanes
    finally:
        if bot is not None:
            await bot.shutdown()
        email = lanes.get("email")
        if email is not None:
            await email.transport.close()  # type: ignore[attr-defined]


def _print_report(report: Report) -> None:
    when = f"{report.due_at:%Y-%m-%d %H:%M} UTC"
    print(
        f"Broadcast #{report.id} to {report.segment} of {report.event_id} ({report.status}, "
        f"for {when}): {report.recipients} recipients"
    )
    for outcome, count in report.tally():
        print(f"  {outcome:<14}{count:>8}")
    for reason, count in sorted(report.reasons.items(), key=lambda item: -item[1]):
        print(f"  {count} × {reason}")

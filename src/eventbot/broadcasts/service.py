"""Organisers' broadcasts: a message to a segment of an event's attendees, through the outbox.

A broadcast is a row of `broadcasts` first ("writing"; "draft" while an organiser in Telegram
has not confirmed it yet), then its messages, written to the outbox
in chunks of their own transactions, each keyed by broadcast, channel and address: writing them
again after a crash adds only what is missing, so a broadcast killed at any point is finished by
`resume` (or by `eventbot run`, which resumes those left "writing"). Then "written": from there
the dispatcher sends them, and the report counts what came of each.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from typing import Any

from sqlalchemy import select, update

from ..engine.phrasing import Phrasebook, phrasebook
from ..errors import EventbotError
from ..knowledge import Event
from ..outbox import Outbox, OutboxStatus, Outgoing
from ..reminders.planner import Delivery
from ..reminders.reach import Addressee
from ..reminders.subscriptions import STOPPED
from ..storage.database import Database, rowcount
from ..storage.models import Broadcast
from .segments import Segment, addressees

KIND = "broadcast"
CHUNK = 1000  # recipients written a transaction
#: What a broadcast's text may name, and what each stands for.
PLACEHOLDERS = {
    "name": "the recipient's name (as they registered, or as their channel shows them)",
    "event": "the event's name",
    "reference": "their registration's reference",
    "email": "the email address they registered with",
}


#: What became of a message, in the order a report shows them (see `outcome()`).
OUTCOMES = (
    "sent",
    "queued",
    "blocked",
    "undeliverable",
    "unsubscribed",
    "cancelled",
    "missed",
    "failed",
)


class BroadcastStatus(StrEnum):
    DRAFT = "draft"  # asked for in Telegram, not confirmed yet: nothing is written
    WRITING = "writing"
    WRITTEN = "written"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Draft:
    """A broadcast before it is written: what, to whom, on which channels, when."""

    event: Event
    segment: Segment
    channels: tuple[str, ...]
    text: str
    subject: str | None = None
    due_at: dt.datetime | None = None  # None: now
    created_by: str = "cli"


@dataclass
class Report:
    """What became of a broadcast's messages."""

    id: int
    event_id: str
    segment: str
    status: str
    recipients: int
    due_at: dt.datetime
    counts: dict[str, int] = field(default_factory=dict)  # by outcome, see `outcome()`
    reasons: dict[str, int] = field(default_factory=dict)  # failures, by reason

    def tally(self) -> list[tuple[str, int]]:
        """The counts by outcome, in the order a report shows them, none at zero."""
        order = [*OUTCOMES, *(k for k in self.counts if k not in OUTCOMES)]
        return [(k, self.counts[k]) for k in order if self.counts.get(k)]

    @property
    def settled(self) -> bool:
        """Nothing of it is still to send."""
        return self.status == BroadcastStatus.WRITTEN and not self.counts.get("queued")


def check_text(text: str) -> None:
    """Refuse a text with a placeholder we do not know, or a brace that opens none, saying
    which and what is known."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError as exc:
        raise EventbotError(
            f"the text has a stray brace ({exc}); write {{{{ and }}}} for literal braces"
        ) from exc
    unknown = sorted({n for n in names if n not in PLACEHOLDERS})
    if unknown:
        known = ", ".join("{" + n + "}" for n in PLACEHOLDERS)
        raise EventbotError(
            f"unknown placeholder {', '.join('{' + n + '}' for n in unknown)}; known: {known}"
        )


def render(text: str, event: Event, addressee: Addressee, phrases: Phrasebook) -> str:
    """The text for one recipient, `phrases` in their language. Values go in as plain text: each
    channel escapes the whole (Telegram's HTML), so nothing in a name can change how a message
    looks."""
    values = {
        "name": addressee.name or phrases.say("broadcast_no_name"),
        "event": event.label,
        "reference": addressee.reference or "",
        "email": addressee.email or "",
    }
    return re.sub(r"[ \t]+([,.;:!?])", r"\1", text.format_map(values))


def _draft(row: Broadcast, event: Event) -> Draft:
    return Draft(
        event=event,
        segment=Segment(row.segment),
        channels=tuple(row.channels),
        text=row.text,
        subject=row.subject,
        due_at=row.due_at,
        created_by=row.created_by,
    )


class Broadcaster:
    """Writes broadcasts to the outbox and reports on them."""

    def __init__(
        self, database: Database, outbox: Outbox, delivery: Delivery, *, language: str = "en"
    ) -> None:
        self.database = database
        self.outbox = outbox
        self.delivery = delivery
        self.language = language

    async def recipients(self, draft: Draft) -> list[Addressee]:
        async with self.database.transaction() as session:
            return await addressees(session, draft.event.id, draft.segment, draft.channels)

    def message(self, draft: Draft, addressee: Addressee) -> Outgoing:
        """What one recipient gets (the key says which broadcast once it is written)."""
        return self._outgoing(0, draft, addressee, draft.due_at or dt.datetime.now(dt.UTC))

    async def create(
        self, draft: Draft, now: dt.datetime, *, status: BroadcastStatus = BroadcastStatus.WRITING
    ) -> int:
        """The broadcast's row, "writing" (or a draft); its id."""
        check_text(draft.text)
        async with self.database.transaction() as session:
            row = Broadcast(
                event_id=draft.event.id,
                segment=draft.segment.value,
                channels=list(draft.channels),
                subject=draft.subject,
                text=draft.text,
                status=status,
                created_by=draft.created_by,
                due_at=draft.due_at or now,
                created_at=now,
            )
            session.add(row)
            await session.flush()
            return row.id

    async def draft_of(self, created_by: str, events: dict[str, Event]) -> tuple[int, Draft] | None:
        """The draft someone is preparing (their latest), if its event is still loaded."""
        async with self.database.transaction() as session:
            row = await session.scalar(
                select(Broadcast)
                .where(
                    Broadcast.created_by == created_by, Broadcast.status == BroadcastStatus.DRAFT
                )
                .order_by(Broadcast.id.desc())
                .limit(1)
            )
        event = events.get(row.event_id) if row is not None else None
        return (row.id, _draft(row, event)) if row is not None and event is not None else None

    async def revise(self, broadcast_id: int, text: str) -> None:
        """A draft's text."""
        check_text(text)
        async with self.database.transaction() as session:
            await session.execute(
                update(Broadcast)
                .where(Broadcast.id == broadcast_id, Broadcast.status == BroadcastStatus.DRAFT)
                .values(text=text)
            )

    async def confirm(self, broadcast_id: int, created_by: str) -> bool:
        """A draft becomes a broadcast to write; False when it is no draft of theirs (sent or
        cancelled already, a button pressed twice)."""
        async with self.database.transaction() as session:
            result = await session.execute(
                update(Broadcast)
                .where(
                    Broadcast.id == broadcast_id,
                    Broadcast.created_by == created_by,
                    Broadcast.status == BroadcastStatus.DRAFT,
                )
                .values(status=BroadcastStatus.WRITING)
            )
        return rowcount(result) == 1

    async def discard_drafts(self, created_by: str) -> None:
        """Someone's drafts are cancelled (they start another, or say cancel)."""
        async with self.database.transaction() as session:
            await session.execute(
                update(Broadcast)
                .where(
                    Broadcast.created_by == created_by, Broadcast.status == BroadcastStatus.DRAFT
                )
                .values(status=BroadcastStatus.CANCELLED)
            )

    async def write(self, broadcast_id: int, events: dict[str, Event], now: dt.datetime) -> int:
        """Write the broadcast's messages (again: what exists stays as it is); how many
        recipients it has."""
        async with self.database.transaction() as session:
            row = await session.get(Broadcast, broadcast_id)
            if row is None:
                raise EventbotError(f"no broadcast #{broadcast_id}")
            if row.status == BroadcastStatus.CANCELLED:
                raise EventbotError(f"broadcast #{broadcast_id} was cancelled")
            if row.status == BroadcastStatus.DRAFT:
                raise EventbotError(
                    f"broadcast #{broadcast_id} is a draft not confirmed in Telegram; confirm "
                    f"it there, or `eventbot broadcast cancel {broadcast_id}`"
                )
            event = events.get(row.event_id)
            if event is None:
                raise EventbotError(
                    f"broadcast #{broadcast_id} is about {row.event_id}, not loaded"
                )
            draft = _draft(row, event)
            people = await addressees(session, event.id, draft.segment, draft.channels)
        iterator = iter(people)
        while chunk := list(islice(iterator, CHUNK)):
            async with self.database.transaction() as session:
                rows = [self._outgoing(broadcast_id, draft, a, draft.due_at or now) for a in chunk]
                await self.outbox.enqueue_many(session, rows, now=now)
        async with self.database.transaction() as session:
            await session.execute(
                update(Broadcast)
                .where(Broadcast.id == broadcast_id)
                .values(status=BroadcastStatus.WRITTEN, recipients=len(people), written_at=now)
            )
        return len(people)

    async def unfinished(self) -> list[int]:
        """Broadcasts whose writing was cut short (the process stopped)."""
        async with self.database.transaction() as session:
            rows = await session.scalars(
                select(Broadcast.id)
                .where(Broadcast.status == BroadcastStatus.WRITING)
                .order_by(Broadcast.id)
            )
            return list(rows)

    async def cancel(self, broadcast_id: int) -> int:
        """Stop a broadcast: what is not sent yet is cancelled; how many were."""
        async with self.database.transaction() as session:
            await session.execute(
                update(Broadcast)
                .where(Broadcast.id == broadcast_id)
                .values(status=BroadcastStatus.CANCELLED)
            )
        return await self.outbox.cancel_broadcast(broadcast_id)

    async def report(self, broadcast_id: int) -> Report:
        async with self.database.transaction() as session:
            row = await session.get(Broadcast, broadcast_id)
            if row is None:
                raise EventbotError(f"no broadcast #{broadcast_id}")
            report = Report(
                row.id, row.event_id, row.segment, row.status, row.recipients, row.due_at
            )
        for stored in await self.outbox.outcomes(broadcast_id):
            kind = outcome(stored.status, stored.channel, stored.last_error)
            report.counts[kind] = report.counts.get(kind, 0) + stored.rows
            if kind in ("failed", "undeliverable") and stored.last_error:
                report.reasons[stored.last_error] = (
                    report.reasons.get(stored.last_error, 0) + stored.rows
                )
        return report

    async def latest(self, limit: int = 10) -> list[Report]:
        async with self.database.transaction() as session:
            ids = list(
                await session.scalars(
                    select(Broadcast.id).order_by(Broadcast.id.desc()).limit(limit)
                )
            )
        return [await self.report(i) for i in ids]

    def _outgoing(
        self, broadcast_id: int, draft: Draft, addressee: Addressee, due_at: dt.datetime
    ) -> Outgoing:
        key = f"{KIND}:{broadcast_id}:{addressee.channel}:{addressee.address}"
        phrases = phrasebook(addressee.language or self.language)
        extras, url = self.delivery.addressed(addressee.channel, addressee.address, draft.event)
        stop = (
            phrases.say("broadcast_stop_link", e=draft.event.label, url=url)
            if url
            else phrases.say("broadcast_stop_reply", e=draft.event.label)
        )
        payload: dict[str, Any] = {
            "text": f"{render(draft.text, draft.event, addressee, phrases)}\n\n{stop}",
            "event": draft.event.id,
            **extras,
        }
        if addressee.channel == "email":
            payload["to_name"] = addressee.name
            payload["subject"] = draft.subject or draft.event.label
        return Outgoing(
            key=key,
            channel=addressee.channel,
            address=addressee.address,
            kind=KIND,
            payload=payload,
            due_at=due_at,
            message_id=self.delivery.message_id(key) if addressee.channel == "email" else None,
            identity_id=addressee.identity_id,
            broadcast_id=broadcast_id or None,
        )


def outcome(status: str, channel: str, error: str | None) -> str:
    """How the report counts a message: sent, queued (still to send), blocked (the bot),
    undeliverable (the address refused), unsubscribed, missed, or failed."""
    if status in (OutboxStatus.QUEUED, OutboxStatus.INFLIGHT):
        return "queued"
    if status == OutboxStatus.CANCELLED:
        return "unsubscribed" if error == STOPPED else "cancelled"
    if status == OutboxStatus.FAILED:
        if error and "blocked the bot" in error:
            return "blocked"
        if channel == "email" and error and re.search(r"\(5\d\d ", error):
            return "undeliverable"
        return "failed"
    return str(status)


def channels_of(text: str, known: Sequence[str]) -> tuple[str, ...]:
    """`--channel telegram,email`, checked against what is configured."""
    chosen = tuple(dict.fromkeys(c.strip().lower() for c in text.split(",") if c.strip()))
    unknown = [c for c in chosen if c not in ("telegram", "email")]
    if unknown or not chosen:
        raise EventbotError(
            f"unknown channel {', '.join(unknown) or '(none)'}: use telegram, email"
        )
    off = [c for c in chosen if c not in known]
    if off:
        raise EventbotError(
            f"{', '.join(off)} is not configured: "
            + ("set EVENTBOT_TELEGRAM_TOKEN" if "telegram" in off else "add an [email] table")
        )
    return chosen

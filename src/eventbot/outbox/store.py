"""The outbox table's service: write messages once, claim what is due, record what came of it.

    queued ──claim──> inflight ──sent──> sent
      ^                  │ ──transient error──> queued (due later: backoff or Retry-After)
      │                  │ ──permanent error, or the last attempt──> failed
      └──lease expired───┘   (the process died while sending: at least once, never lost;
                              after `max_attempts` such losses ──> failed)
    queued ──cancel_for──> cancelled (the attendee stopped them or erased their data)
    queued ──claim──> missed   (due after `not_after`: no longer meaningful, e.g. after downtime)

A row is written in the caller's transaction (a reply in the same one as the message it
answers); claiming and recording outcomes take short transactions of their own. On PostgreSQL
rows are claimed with FOR UPDATE SKIP LOCKED, so several processes may send at once; on SQLite
every transaction begins IMMEDIATE, which serialises the claims. An outcome is recorded only for
the attempt that claimed the row: a worker whose lease ran out, while another took the row over,
changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import DeliveryError
from ..storage.database import Database, rowcount
from ..storage.models import OutboxMessage

__all__ = [
    "Claimed",
    "Failure",
    "Outbox",
    "OutboxStatus",
    "Outcome",
    "Outgoing",
    "Report",
    "RetryPolicy",
    "Stored",
]

CHUNK = 1000  # rows a statement when writing many: 13 parameters each, under every limit
LOST = "no outcome was recorded after {} attempts (the sending process stopped each time)"


class OutboxStatus(StrEnum):
    """Where a row of the outbox stands (the diagram is in this module's docstring)."""

    QUEUED = "queued"
    INFLIGHT = "inflight"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    MISSED = "missed"


#: The statuses of rows still to send, and the same as SQL: the predicate of the partial index
#: `outbox_due`, written out so that SQLite, which matches it as text, uses the index.
DUE = (OutboxStatus.QUEUED, OutboxStatus.INFLIGHT)
DUE_SQL = f"status IN ({', '.join(repr(str(status)) for status in DUE)})"


@dataclass(frozen=True)
class Outgoing:
    """A message to write to the outbox. `key` names it once and for all: what, for whom, on
    which channel, for which moment."""

    key: str
    channel: str
    address: str
    kind: str
    payload: dict[str, Any]
    due_at: dt.datetime
    not_after: dt.datetime | None = None
    message_id: str | None = None
    identity_id: int | None = None
    broadcast_id: int | None = None


@dataclass(frozen=True)
class Claimed:
    """A row taken for sending: what a transport needs, and which attempt this is."""

    id: int
    key: str
    channel: str
    address: str
    kind: str
    payload: dict[str, Any]
    message_id: str | None
    attempt: int
    identity_id: int | None = None
    broadcast_id: int | None = None


@dataclass(frozen=True)
class Stored:
    """A row of the outbox as it stands, for reports and tests."""

    id: int
    key: str
    channel: str
    address: str
    kind: str
    payload: dict[str, Any]
    message_id: str | None
    status: OutboxStatus
    attempts: int
    due_at: dt.datetime
    not_after: dt.datetime | None
    lease_until: dt.datetime | None
    last_error: str | None
    broadcast_id: int | None
    identity_id: int | None
    created_at: dt.datetime
    sent_at: dt.datetime | None


@dataclass(frozen=True)
class RetryPolicy:
    """When a transient failure is tried again: growing delays (the last one repeats), and how
    many attempts in all before the row is given up."""

    delays: tuple[float, ...] = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600)
    max_attempts: int = 8

    def __post_init__(self) -> None:
        if not self.delays or min(self.delays) < 0 or self.max_attempts < 1:
            raise ValueError("a retry policy needs delays of 0 s or more and one attempt at least")

    def delay(self, attempt: int, retry_after: float | None = None) -> dt.timedelta:
        """The wait after failed attempt `attempt` (1, 2, …); the server's Retry-After wins."""
        if retry_after is not None:
            return dt.timedelta(seconds=max(0.0, retry_after))
        return dt.timedelta(seconds=self.delays[min(attempt, len(self.delays)) - 1])


class Outcome(NamedTuple):
    """How many rows stand in one status, on one channel, with one error."""

    status: OutboxStatus
    channel: str
    last_error: str | None
    rows: int


class Failure(NamedTuple):
    """A row given up: to whom, on which channel, and why."""

    address: str
    channel: str
    error: str | None


@dataclass
class Report:
    """What became of a set of rows (a broadcast), by status."""

    counts: dict[OutboxStatus, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)


class Outbox:
    """Everything eventbot sends goes through here."""

    def __init__(self, database: Database, *, policy: RetryPolicy | None = None) -> None:
        self.database = database
        self.policy = policy or RetryPolicy()

    # -- writing -----------------------------------------------------------------------------

    async def enqueue(self, session: AsyncSession, message: Outgoing, *, now: dt.datetime) -> bool:
        """Write `message` in the caller's transaction; False when its key was written before."""
        return await self._insert(session, [_row(message, now)]) == 1

    async def enqueue_many(
        self, session: AsyncSession, messages: Iterable[Outgoing], *, now: dt.datetime
    ) -> int:
        """Write many messages in the caller's transaction, a chunk a statement, never holding
        more than a chunk; those whose key exists are left as they are. Returns how many were
        new."""
        written = 0
        iterator = iter(messages)
        while chunk := [_row(message, now) for message in islice(iterator, CHUNK)]:
            written += await self._insert(session, chunk)
        return written

    async def _insert(self, session: AsyncSession, rows: list[dict[str, Any]]) -> int:
        """INSERT … ON CONFLICT (key) DO NOTHING, one cached statement for all the rows (which
        SQLAlchemy sends as multi-row VALUES); how many rows were new."""
        dialect = sqlite if self.database.sqlite else postgresql
        statement = (
            dialect.insert(OutboxMessage)
            .on_conflict_do_nothing(index_elements=[OutboxMessage.key])
            .returning(OutboxMessage.id)
        )
        connection = await session.connection()
        return len((await connection.execute(statement, rows)).all())

    # -- sending -----------------------------------------------------------------------------

    async def claim(
        self,
        *,
        now: dt.datetime,
        limit: int,
        lease: dt.timedelta,
        channel: str | None = None,
        held: Collection[int] = (),
    ) -> list[Claimed]:
        """Take up to `limit` due rows for sending, oldest due first, each inflight until
        `now + lease`. Due rows past their `not_after` are marked missed instead, and rows whose
        lease ran out on their last attempt failed; neither counts towards `limit`. The rows
        `held` (the caller's own, still being sent) are never taken again by the caller."""
        claimed: list[Claimed] = []
        async with self.database.transaction() as session:
            while len(claimed) < limit:
                wanted = limit - len(claimed)
                query = self._due_rows(now, channel, wanted, held)
                rows = (await session.execute(query)).all()
                claimed += await self._take(session, rows, now=now, lease=lease)
                if len(rows) < wanted:
                    break
        return claimed

    def _due_rows(
        self, now: dt.datetime, channel: str | None, limit: int, held: Collection[int]
    ) -> Select[Any]:
        """The next due rows, locked and skipping those another transaction holds (PostgreSQL;
        SQLite's transactions are serialised by BEGIN IMMEDIATE)."""
        columns = (*_CLAIMED, OutboxMessage.status, OutboxMessage.not_after)
        query = (
            select(*columns)
            .where(_due(now, channel))
            .order_by(OutboxMessage.due_at, OutboxMessage.id)
            .limit(limit)
        )
        if held:
            query = query.where(OutboxMessage.id.not_in(list(held)))
        return query if self.database.sqlite else query.with_for_update(skip_locked=True)

    async def _take(
        self,
        session: AsyncSession,
        rows: Sequence[Row[Any]],
        *,
        now: dt.datetime,
        lease: dt.timedelta,
    ) -> list[Claimed]:
        """Mark the rows missed, given up or inflight; the inflight ones, as claimed."""
        fates: dict[OutboxStatus, list[Row[Any]]] = {status: [] for status in OutboxStatus}
        for row in rows:
            fates[self._fate(row, now)].append(row)
        await self._set(session, fates[OutboxStatus.MISSED], status=OutboxStatus.MISSED)
        gave_up = LOST.format(self.policy.max_attempts)
        await self._set(
            session, fates[OutboxStatus.FAILED], status=OutboxStatus.FAILED, last_error=gave_up
        )
        taken = fates[OutboxStatus.INFLIGHT]
        await self._set(
            session,
            taken,
            status=OutboxStatus.INFLIGHT,
            attempts=OutboxMessage.attempts + 1,
            lease_until=now + lease,
        )
        return [_claimed(row, attempt=row.attempts + 1) for row in taken]

    def _fate(self, row: Row[Any], now: dt.datetime) -> OutboxStatus:
        """What a due row becomes when claimed: missed when too late, failed when its lease ran
        out on the last attempt, else inflight."""
        if row.not_after is not None and row.not_after < now:
            return OutboxStatus.MISSED
        if row.status == OutboxStatus.INFLIGHT and row.attempts >= self.policy.max_attempts:
            return OutboxStatus.FAILED
        return OutboxStatus.INFLIGHT

    async def _set(self, session: AsyncSession, rows: Sequence[Row[Any]], **values: Any) -> None:
        """Set `values` on these rows (`lease_until` is cleared unless given)."""
        values.setdefault("lease_until", None)
        if rows:
            await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_([row.id for row in rows]))
                .values(**values)
                .execution_options(synchronize_session=False)
            )

    async def sent(self, message: Claimed, *, now: dt.datetime) -> bool:
        """Record that this attempt was delivered; False when the row is no longer its own."""
        return await self._settle(
            message, status=OutboxStatus.SENT, sent_at=now, lease_until=None, last_error=None
        )

    async def failed(
        self,
        message: Claimed,
        error: DeliveryError,
        *,
        now: dt.datetime,
        policy: RetryPolicy | None = None,
    ) -> bool:
        """Record that this attempt failed: queued again later when a retry may help, else
        failed. Returns whether it will be tried again (False too when the row is no longer
        this attempt's)."""
        policy = policy or self.policy
        values: dict[str, Any] = {"lease_until": None, "last_error": error.reason}
        retry = not error.permanent and message.attempt < policy.max_attempts
        if retry:
            values["status"] = OutboxStatus.QUEUED
            values["due_at"] = now + policy.delay(message.attempt, error.retry_after)
        else:
            values["status"] = OutboxStatus.FAILED
        return await self._settle(message, **values) and retry

    async def _settle(self, message: Claimed, **values: Any) -> bool:
        """Update the row only while it is inflight under this very claim."""
        async with self.database.transaction() as session:
            result = await session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id == message.id,
                    OutboxMessage.attempts == message.attempt,
                    OutboxMessage.status == OutboxStatus.INFLIGHT,
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            )
        return rowcount(result) == 1

    async def next_due(self, channels: Sequence[str]) -> dt.datetime | None:
        """When the next row of `channels` falls due: a queued row's time, or the end of an
        inflight row's lease."""
        on = OutboxMessage.channel.in_(list(channels))
        async with self.database.transaction() as session:
            queued = await session.scalar(
                select(func.min(OutboxMessage.due_at)).where(
                    on, text(DUE_SQL), OutboxMessage.status == OutboxStatus.QUEUED
                )
            )
            leased = await session.scalar(
                select(func.min(OutboxMessage.lease_until)).where(
                    on, text(DUE_SQL), OutboxMessage.status == OutboxStatus.INFLIGHT
                )
            )
        found = [moment for moment in (queued, leased) if moment is not None]
        return min(found) if found else None

    # -- stopping ----------------------------------------------------------------------------

    async def cancel_for(self, session: AsyncSession, identity_id: int) -> int:
        """In the caller's transaction, the queued rows of an identity are cancelled (they
        stopped them, or are being erased: before the identity is deleted, which leaves its
        rows without one). Returns how many were cancelled."""
        result = await session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.identity_id == identity_id,
                OutboxMessage.status == OutboxStatus.QUEUED,
            )
            .values(status=OutboxStatus.CANCELLED)
            .execution_options(synchronize_session=False)
        )
        return rowcount(result)

    async def cancel_broadcast(self, broadcast_id: int) -> int:
        """A broadcast's rows not sent yet are cancelled; how many."""
        async with self.database.transaction() as session:
            result = await session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.broadcast_id == broadcast_id,
                    OutboxMessage.status == OutboxStatus.QUEUED,
                )
                .values(status=OutboxStatus.CANCELLED, last_error="cancelled by the organisers")
                .execution_options(synchronize_session=False)
            )
        return rowcount(result)

    # -- reporting ---------------------------------------------------------------------------

    async def outcomes(self, broadcast_id: int) -> list[Outcome]:
        """A broadcast's rows counted by status, channel and error."""
        query = (
            select(
                OutboxMessage.status,
                OutboxMessage.channel,
                OutboxMessage.last_error,
                func.count(),
            )
            .where(OutboxMessage.broadcast_id == broadcast_id)
            .group_by(OutboxMessage.status, OutboxMessage.channel, OutboxMessage.last_error)
        )
        async with self.database.transaction() as session:
            rows = (await session.execute(query)).all()
        return [
            Outcome(OutboxStatus(status), channel, error, int(n))
            for status, channel, error, n in rows
        ]

    async def counts(self, broadcast_id: int | None = None) -> dict[OutboxStatus, int]:
        """How many rows are in each status (only the statuses present): all of them, or one
        broadcast's."""
        return (await self.report(broadcast_id=broadcast_id)).counts

    async def failures(self, broadcast_id: int | None = None) -> list[Failure]:
        """The rows given up, oldest first: all of them, or one broadcast's."""
        return (await self.report(broadcast_id=broadcast_id)).failures

    async def report(self, *, broadcast_id: int | None = None, kind: str | None = None) -> Report:
        """How many rows are in each status, and why the failed ones failed."""
        where = []
        if broadcast_id is not None:
            where.append(OutboxMessage.broadcast_id == broadcast_id)
        if kind is not None:
            where.append(OutboxMessage.kind == kind)
        count = select(OutboxMessage.status, func.count()).where(*where)
        failed = select(OutboxMessage.address, OutboxMessage.channel, OutboxMessage.last_error)
        failed = failed.where(OutboxMessage.status == OutboxStatus.FAILED, *where)
        async with self.database.transaction() as session:
            counts = (await session.execute(count.group_by(OutboxMessage.status))).all()
            failures = (await session.execute(failed.order_by(OutboxMessage.id))).all()
        return Report(
            counts={OutboxStatus(status): int(n) for status, n in counts},
            failures=[Failure(*row) for row in failures],
        )

    # -- looking things up -------------------------------------------------------------------

    async def get(self, key: str) -> Stored | None:
        """The row written under `key`, as it stands."""
        async with self.database.transaction() as session:
            row = await session.scalar(select(OutboxMessage).where(OutboxMessage.key == key))
            return _stored(row) if row is not None else None

    async def status_of(self, key: str) -> OutboxStatus | None:
        stored = await self.get(key)
        return stored.status if stored is not None else None

    async def by_message_ids(
        self, session: AsyncSession, message_ids: Sequence[str]
    ) -> Claimed | None:
        """Our message with one of these Message-IDs (a reply names what it answers), the one
        named first preferred."""
        rows = (
            await session.execute(
                select(*_CLAIMED).where(OutboxMessage.message_id.in_(list(message_ids)))
            )
        ).all()
        by_id = {row.message_id: row for row in rows}
        found = [by_id[message_id] for message_id in message_ids if message_id in by_id]
        return _claimed(found[0], attempt=found[0].attempts) if found else None

    async def latest(
        self,
        session: AsyncSession,
        *,
        identity_id: int,
        channel: str,
        kind: str,
        before: dt.datetime | None = None,
    ) -> Claimed | None:
        """The last message of `kind` written for an identity on a channel."""
        query = select(*_CLAIMED).where(
            OutboxMessage.identity_id == identity_id,
            OutboxMessage.channel == channel,
            OutboxMessage.kind == kind,
        )
        if before is not None:
            query = query.where(OutboxMessage.created_at <= before)
        row = (await session.execute(query.order_by(OutboxMessage.id.desc()).limit(1))).first()
        return _claimed(row, attempt=row.attempts) if row is not None else None

    async def sent_recently(
        self, session: AsyncSession, *, channel: str, address: str, kind: str, since: dt.datetime
    ) -> int:
        """How many messages of `kind` were written for an address since `since`."""
        count = await session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                OutboxMessage.channel == channel,
                OutboxMessage.address == address,
                OutboxMessage.kind == kind,
                OutboxMessage.created_at >= since,
            )
        )
        return int(count or 0)


_CLAIMED = (
    OutboxMessage.id,
    OutboxMessage.key,
    OutboxMessage.channel,
    OutboxMessage.address,
    OutboxMessage.kind,
    OutboxMessage.payload,
    OutboxMessage.message_id,
    OutboxMessage.attempts,
    OutboxMessage.identity_id,
    OutboxMessage.broadcast_id,
)


def _due(now: dt.datetime, channel: str | None) -> ColumnElement[bool]:
    """Rows to act on now: queued and due, or inflight past their lease (their process died)."""
    due = and_(
        text(DUE_SQL),
        or_(
            and_(OutboxMessage.status == OutboxStatus.QUEUED, OutboxMessage.due_at <= now),
            and_(OutboxMessage.status == OutboxStatus.INFLIGHT, OutboxMessage.lease_until < now),
        ),
    )
    return due if channel is None else and_(due, OutboxMessage.channel == channel)


def _row(message: Outgoing, now: dt.datetime) -> dict[str, Any]:
    return {
        "key": message.key,
        "channel": message.channel,
        "address": message.address,
        "kind": message.kind,
        "payload": message.payload,
        "message_id": message.message_id,
        "status": OutboxStatus.QUEUED.value,
        "attempts": 0,
        "due_at": message.due_at,
        "not_after": message.not_after,
        "identity_id": message.identity_id,
        "broadcast_id": message.broadcast_id,
        "created_at": now,
    }


def _claimed(row: Row[Any], *, attempt: int) -> Claimed:
    return Claimed(
        id=row.id,
        key=row.key,
        channel=row.channel,
        address=row.address,
        kind=row.kind,
        payload=dict(row.payload),
        message_id=row.message_id,
        attempt=attempt,
        identity_id=row.identity_id,
        broadcast_id=row.broadcast_id,
    )


def _stored(row: OutboxMessage) -> Stored:
    return Stored(
        id=row.id,
        key=row.key,
        channel=row.channel,
        address=row.address,
        kind=row.kind,
        payload=dict(row.payload),
        message_id=row.message_id,
        status=OutboxStatus(row.status),
        attempts=row.attempts,
        due_at=row.due_at,
        not_after=row.not_after,
        lease_until=row.lease_until,
        last_error=row.last_error,
        broadcast_id=row.broadcast_id,
        identity_id=row.identity_id,
        created_at=row.created_at,
        sent_at=row.sent_at,
    )

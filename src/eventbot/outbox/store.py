"""The outbox table's service: write messages once, claim what is due, record what came of it.

    queued ──claim──> inflight ──sent──> sent
      ^                  │ ──transient error──> queued (due later: backoff or Retry-After)
      │                  │ ──permanent error, or too many attempts──> failed
      └──lease expired───┘   (the process died while sending: at least once, never lost)
    queued ──> cancelled (the attendee stopped them or erased their data)
    queued ──> missed    (due after `not_after`: no longer meaningful, e.g. after downtime)

A row is written in the caller's transaction (a reply in the same one as the message it
answers); claiming and recording outcomes take short transactions of their own. On PostgreSQL
rows are claimed with FOR UPDATE SKIP LOCKED, so several processes may send at once; SQLite
serialises writers anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import DeliveryError
from ..storage.database import Database
from ..storage.models import OutboxMessage

CHUNK = 1000  # rows a statement when writing many


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    INFLIGHT = "inflight"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"
    MISSED = "missed"


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
    """A row taken for sending: what a transport needs, and the attempt it is."""

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
class RetryPolicy:
    """When a transient failure is tried again: growing delays, then it is given up."""

    delays: tuple[float, ...] = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600)
    max_attempts: int = 8

    def delay(self, attempt: int, retry_after: float | None) -> dt.timedelta:
        planned = self.delays[min(attempt - 1, len(self.delays) - 1)]
        return dt.timedelta(seconds=max(planned if retry_after is None else 0, retry_after or 0))


@dataclass(frozen=True)
class Failure:
    address: str
    channel: str
    error: str | None


@dataclass
class Report:
    """What became of a set of rows (a broadcast), by status."""

    counts: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)


class Outbox:
    """Everything eventbot sends goes through here."""

    def __init__(self, database: Database, *, policy: RetryPolicy | None = None) -> None:
        self.database = database
        self.policy = policy or RetryPolicy()

    # -- writing ---------------------------------------------------------------------------

    async def enqueue(self, session: AsyncSession, message: Outgoing, *, now: dt.datetime) -> bool:
        """Write `message` in the caller's transaction; False when its key was written before."""
        return await self.enqueue_many(session, [message], now=now) == 1

    async def enqueue_many(
        self, session: AsyncSession, messages: Iterable[Outgoing], *, now: dt.datetime
    ) -> int:
        """Write many messages, in chunks; those whose key exists are left as they are.
        Returns how many were new."""
        written = 0
        chunk: list[dict[str, Any]] = []
        for message in messages:
            chunk.append(_row(message, now))
            if len(chunk) >= CHUNK:
                written += await self._insert(session, chunk)
                chunk = []
        if chunk:
            written += await self._insert(session, chunk)
        return written

    async def _insert(self, session: AsyncSession, rows: list[dict[str, Any]]) -> int:
        dialect = postgresql if not self.database.sqlite else sqlite
        statement = dialect.insert(OutboxMessage).values(rows)
        statement = statement.on_conflict_do_nothing(index_elements=["key"])
        result = await session.execute(statement.returning(OutboxMessage.id))
        return len(result.all())

    # -- sending -----------------------------------------------------------------------------

    async def claim(
        self,
        *,
        now: dt.datetime,
        limit: int,
        lease: dt.timedelta,
        channel: str | None = None,
    ) -> list[Claimed]:
        """Take up to `limit` due rows for sending, oldest due first; rows past `not_after` are
        marked missed instead."""
        async with self.database.transaction() as session:
            due = or_(
                (OutboxMessage.status == OutboxStatus.QUEUED) & (OutboxMessage.due_at <= now),
                (OutboxMessage.status == OutboxStatus.INFLIGHT) & (OutboxMessage.lease_until < now),
            )
            query = select(OutboxMessage).where(due)
            if channel is not None:
                query = query.where(OutboxMessage.channel == channel)
            query = query.order_by(OutboxMessage.due_at, OutboxMessage.id).limit(limit)
            if not self.database.sqlite:
                query = query.with_for_update(skip_locked=True)
            rows = (await session.scalars(query)).all()
            claimed = []
            for row in rows:
                if row.not_after is not None and row.not_after < now:
                    row.status, row.lease_until = OutboxStatus.MISSED, None
                    continue
                row.status = OutboxStatus.INFLIGHT
                row.attempts += 1
                row.lease_until = now + lease
                claimed.append(_claimed(row))
            return claimed

    async def sent(self, message: Claimed, *, now: dt.datetime) -> None:
        await self._settle(
            message, status=OutboxStatus.SENT, sent_at=now, lease_until=None, last_error=None
        )

    async def failed(self, message: Claimed, error: DeliveryError, *, now: dt.datetime) -> bool:
        """Record a failure: tried again later when it may help; returns whether it will be."""
        retry = not error.permanent and message.attempt < self.policy.max_attempts
        if retry:
            due = now + self.policy.delay(message.attempt, error.retry_after)
            await self._settle(
                message,
                status=OutboxStatus.QUEUED,
                due_at=due,
                lease_until=None,
                last_error=error.reason,
            )
        else:
            await self._settle(
                message, status=OutboxStatus.FAILED, lease_until=None, last_error=error.reason
            )
        return retry

    async def _settle(self, message: Claimed, **values: Any) -> None:
        """Record the outcome of this attempt only: a worker whose lease ran out, while another
        took the row, changes nothing."""
        async with self.database.transaction() as session:
            await session.execute(
                update(OutboxMessage)
                .where(
                    (OutboxMessage.id == message.id)
                    & (OutboxMessage.attempts == message.attempt)
                    & (OutboxMessage.status == OutboxStatus.INFLIGHT)
                )
                .values(**values)
            )

    async def next_due(self, channels: Sequence[str]) -> dt.datetime | None:
        """When the next queued row of `channels` falls due (or an in-flight lease runs out)."""
        on = OutboxMessage.channel.in_(list(channels))
        async with self.database.transaction() as session:
            queued = await session.scalar(
                select(func.min(OutboxMessage.due_at)).where(
                    on & (OutboxMessage.status == OutboxStatus.QUEUED)
                )
            )
            leased = await session.scalar(
                select(func.min(OutboxMessage.lease_until)).where(
                    on & (OutboxMessage.status == OutboxStatus.INFLIGHT)
                )
            )
        found = [moment for moment in (queued, leased) if moment is not None]
        return min(found) if found else None

    # -- stopping and reporting ------------------------------------------------------------------

    async def cancel_for(self, session: AsyncSession, identity_id: int) -> int:
        """The queued rows of an identity are not sent (they stopped them, or erased their data)."""
        result = await session.execute(
            update(OutboxMessage)
            .where(
                (OutboxMessage.identity_id == identity_id)
                & (OutboxMessage.status == OutboxStatus.QUEUED)
            )
            .values(status=OutboxStatus.CANCELLED)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def report(self, *, broadcast_id: int | None = None, kind: str | None = None) -> Report:
        """How many rows are in each status, and why the failed ones failed."""
        async with self.database.transaction() as session:
            where = []
            if broadcast_id is not None:
                where.append(OutboxMessage.broadcast_id == broadcast_id)
            if kind is not None:
                where.append(OutboxMessage.kind == kind)
            counts = (
                await session.execute(
                    select(OutboxMessage.status, func.count())
                    .where(*where)
                    .group_by(OutboxMessage.status)
                )
            ).all()
            failed = (
                await session.execute(
                    select(OutboxMessage.address, OutboxMessage.channel, OutboxMessage.last_error)
                    .where(OutboxMessage.status == OutboxStatus.FAILED, *where)
                    .order_by(OutboxMessage.id)
                )
            ).all()
        return Report(
            counts={status: int(n) for status, n in counts},
            failures=[Failure(address, channel, error) for address, channel, error in failed],
        )

    # -- looking things up --------------------------------------------------------------------

    async def get(self, key: str) -> Claimed | None:
        async with self.database.transaction() as session:
            row = await session.scalar(select(OutboxMessage).where(OutboxMessage.key == key))
            return _claimed(row) if row else None

    async def status_of(self, key: str) -> str | None:
        async with self.database.transaction() as session:
            return await session.scalar(
                select(OutboxMessage.status).where(OutboxMessage.key == key)
            )

    async def by_message_ids(
        self, session: AsyncSession, message_ids: Sequence[str]
    ) -> Claimed | None:
        """Our message with one of these Message-IDs (a reply names what it answers), the one
        named first preferred."""
        rows = (
            await session.scalars(
                select(OutboxMessage).where(OutboxMessage.message_id.in_(list(message_ids)))
            )
        ).all()
        by_id = {row.message_id: row for row in rows}
        for message_id in message_ids:
            if message_id in by_id:
                return _claimed(by_id[message_id])
        return None

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
        query = select(OutboxMessage).where(
            (OutboxMessage.identity_id == identity_id)
            & (OutboxMessage.channel == channel)
            & (OutboxMessage.kind == kind)
        )
        if before is not None:
            query = query.where(OutboxMessage.created_at <= before)
        row = await session.scalar(query.order_by(OutboxMessage.id.desc()).limit(1))
        return _claimed(row) if row else None

    async def sent_recently(
        self, session: AsyncSession, *, channel: str, address: str, kind: str, since: dt.datetime
    ) -> int:
        """How many messages of `kind` were written for an address since `since`."""
        count = await session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                (OutboxMessage.channel == channel)
                & (OutboxMessage.address == address)
                & (OutboxMessage.kind == kind)
                & (OutboxMessage.created_at >= since)
            )
        )
        return int(count or 0)


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


def _claimed(row: OutboxMessage) -> Claimed:
    return Claimed(
        id=row.id,
        key=row.key,
        channel=row.channel,
        address=row.address,
        kind=row.kind,
        payload=dict(row.payload),
        message_id=row.message_id,
        attempt=row.attempts,
        identity_id=row.identity_id,
        broadcast_id=row.broadcast_id,
    )

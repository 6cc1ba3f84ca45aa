"""The record of the contact mailbox: which mails were read, how far, what came of each.

Every method takes the caller's session, so that a mail is recorded in the same transaction as
the reply written for it: a crash before the commit leaves nothing, and the mail is read again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Identity, InboundMail, MailboxState, OutboxMessage


class MailStatus(StrEnum):
    RECEIVED = "received"  # recorded; what to do with it is being decided in this transaction
    ANSWERED = "answered"  # a reply is in the outbox
    ANSWER = "answer"  # an organiser's answer to a question forwarded to them
    IGNORED = "ignored"  # written by a machine, our own, or over the sender's hourly limit
    BOUNCE = "bounce"  # a delivery report: the address it names is undeliverable
    SET_ASIDE = "set_aside"  # cannot be read (too large, nothing in it); kept with the reason


@dataclass(frozen=True)
class Position:
    """How far a mailbox folder has been read."""

    uidvalidity: int
    last_uid: int


class MailLog:
    """Mails read from the mailbox, recorded once each."""

    async def record(
        self,
        session: AsyncSession,
        *,
        mailbox: str,
        uidvalidity: int,
        uid: int,
        message_id: str | None,
        sender: str | None,
        now: dt.datetime,
    ) -> int | None:
        """Record a mail before anything is done with it; None when it was recorded before
        (the same UID, or the same Message-ID under another UID or UIDVALIDITY)."""
        same_uid = (
            (InboundMail.mailbox == mailbox)
            & (InboundMail.uidvalidity == uidvalidity)
            & (InboundMail.uid == uid)
        )
        same = same_uid if message_id is None else same_uid | (InboundMail.message_id == message_id)
        if (await session.execute(select(InboundMail.id).where(same).limit(1))).first() is not None:
            return None
        row = InboundMail(
            mailbox=mailbox,
            uidvalidity=uidvalidity,
            uid=uid,
            message_id=message_id,
            sender=sender,
            status=MailStatus.RECEIVED,
            received_at=now,
        )
        try:
            async with session.begin_nested():
                session.add(row)
        except IntegrityError:  # another process recorded it at the same moment
            return None
        return row.id

    async def settle(
        self,
        session: AsyncSession,
        mail_id: int,
        status: MailStatus,
        *,
        reason: str | None = None,
        identity_id: int | None = None,
    ) -> None:
        """What came of a recorded mail."""
        await session.execute(
            update(InboundMail)
            .where(InboundMail.id == mail_id)
            .values(status=status, reason=reason, identity_id=identity_id)
        )

    async def position(self, session: AsyncSession, mailbox: str) -> Position | None:
        row = await session.get(MailboxState, mailbox)
        return Position(row.uidvalidity, row.last_uid) if row else None

    async def advance(
        self, session: AsyncSession, mailbox: str, position: Position, *, now: dt.datetime
    ) -> None:
        """Remember that every mail up to `position.last_uid` has been handled."""
        row = await session.get(MailboxState, mailbox)
        if row is None:
            session.add(
                MailboxState(
                    mailbox=mailbox,
                    uidvalidity=position.uidvalidity,
                    last_uid=position.last_uid,
                    updated_at=now,
                )
            )
            return
        if row.uidvalidity != position.uidvalidity or position.last_uid > row.last_uid:
            row.uidvalidity, row.last_uid, row.updated_at = (
                position.uidvalidity,
                position.last_uid,
                now,
            )

    async def undeliverable(self, session: AsyncSession, address: str) -> None:
        """A bounce: nothing more is mailed to `address` until its owner writes again; what is
        still waiting for it in the outbox is cancelled."""
        await session.execute(
            update(Identity)
            .where((Identity.channel == "email") & (Identity.address == address.lower()))
            .values(active=False)
        )
        await session.execute(
            update(OutboxMessage)
            .where(
                (OutboxMessage.channel == "email")
                & (OutboxMessage.address == address.lower())
                & (OutboxMessage.status == "queued")
            )
            .values(status="cancelled", last_error="the address bounced")
        )

    async def deliverable(self, session: AsyncSession, address: str) -> bool:
        active = await session.scalar(
            select(Identity.active).where(
                (Identity.channel == "email") & (Identity.address == address.lower())
            )
        )
        return active is not False

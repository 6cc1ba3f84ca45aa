"""The tables: attendees and their identities on each channel, conversations, registrations."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime, stored in UTC; SQLite keeps no zone, so it is put back on reading."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("datetimes stored must be timezone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return value.replace(tzinfo=dt.UTC) if value is not None else None


class Status(StrEnum):
    """Where a registration stands."""

    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


#: The statuses of a registration that is still going (the others: cancelled, expired), and the
#: same as SQL for the partial unique index (migration 0001 holds a frozen copy of it).
LIVE = (Status.CONFIRMED, Status.WAITLISTED, Status.OFFERED)
LIVE_STATUSES = f"status IN ({', '.join(repr(str(s)) for s in LIVE)})"


class Base(DeclarativeBase):
    type_annotation_map = {dt.datetime: UTCDateTime, dict[str, Any]: JSON}


class Attendee(Base):
    """One person, whichever channels they use."""

    __tablename__ = "attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    language: Mapped[str] = mapped_column(String(16), default="en")
    timezone: Mapped[str | None] = mapped_column(String(64))  # an IANA zone, when they said
    created_at: Mapped[dt.datetime]

    identities: Mapped[list[Identity]] = relationship(
        back_populates="attendee", cascade="all, delete-orphan"
    )
    registrations: Mapped[list[Registration]] = relationship(
        back_populates="attendee", cascade="all, delete-orphan"
    )


class Identity(Base):
    """An attendee on one channel (a Telegram user, an email address, a terminal user), with the
    state of their conversation there."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("channel", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    attendee_id: Mapped[int] = mapped_column(
        ForeignKey("attendees.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(320))
    state: Mapped[dict[str, Any]] = mapped_column(default=dict)
    name: Mapped[str | None] = mapped_column(String(200))  # as the channel shows them ("Ada L.")
    active: Mapped[bool] = mapped_column(
        Boolean, default=True, server_default=text("true")
    )  # false: blocked us
    updated_at: Mapped[dt.datetime]

    attendee: Mapped[Attendee] = relationship(back_populates="identities")


class Registration(Base):
    """A place at an event: confirmed, on the waiting list, offered a freed place, or cancelled."""

    __tablename__ = "registrations"
    __table_args__ = (
        # one registration per event and email address that is still going: confirmed, waiting or offered
        Index(
            "one_live_registration",
            "event_id",
            "email",
            unique=True,
            sqlite_where=text(LIVE_STATUSES),
            postgresql_where=text(LIVE_STATUSES),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    event_id: Mapped[str] = mapped_column(String(128), index=True)
    attendee_id: Mapped[int] = mapped_column(
        ForeignKey("attendees.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(16))
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    offer_expires_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    attendee: Mapped[Attendee] = relationship(back_populates="registrations")


class Handoff(Base):
    """A question the knowledge base could not answer, for the organisers."""

    __tablename__ = "handoffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str | None] = mapped_column(String(128), index=True)
    identity_id: Mapped[int | None] = mapped_column(
        ForeignKey("identities.id", ondelete="SET NULL")
    )
    question: Mapped[str] = mapped_column(Text)
    reply: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    answered_at: Mapped[dt.datetime | None]
    notice_chat_id: Mapped[int | None] = mapped_column(
        BigInteger
    )  # the organisers' copy, to reply to
    notice_message_id: Mapped[int | None] = mapped_column(BigInteger)


class QuestionCount(Base):
    """How many questions about an event were answered, and how many handed off."""

    __tablename__ = "question_counts"

    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    answered: Mapped[int] = mapped_column(Integer, default=0)
    handed_off: Mapped[int] = mapped_column(Integer, default=0)


class ErasedCount(Base):
    """What organisers keep of registrations erased at the attendees' request: a count."""

    __tablename__ = "erased_counts"

    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    registrations: Mapped[int] = mapped_column(Integer, default=0)


class InboundMail(Base):
    """A mail read from the contact mailbox, recorded before anything is done with it: the same
    mail fetched again (a crash before it was flagged, a new UIDVALIDITY) is recognised."""

    __tablename__ = "inbound_mails"
    __table_args__ = (
        UniqueConstraint("mailbox", "uidvalidity", "uid"),
        Index(
            "one_mail_per_message_id",
            "message_id",
            unique=True,
            sqlite_where=text("message_id IS NOT NULL"),
            postgresql_where=text("message_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(400))  # account and folder
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    uid: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[str | None] = mapped_column(String(998))
    sender: Mapped[str | None] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(32))  # answered, ignored, bounce, answer, set_aside
    reason: Mapped[str | None] = mapped_column(Text)
    identity_id: Mapped[int | None] = mapped_column(
        ForeignKey("identities.id", ondelete="CASCADE"), index=True
    )
    received_at: Mapped[dt.datetime]


class MailboxState(Base):
    """How far a mailbox folder has been read: the last UID handled under its UIDVALIDITY."""

    __tablename__ = "mailbox_states"

    mailbox: Mapped[str] = mapped_column(String(400), primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[dt.datetime]


class OutboxMessage(Base):
    """One message to send, written before anything is sent: a reply, an organiser's copy, an
    answer, a reminder or a broadcast. Its key makes writing it twice change nothing."""

    __tablename__ = "outbox"
    __table_args__ = (
        # the rows still to send, by channel in the order they fall due: what a claim reads
        # (the statuses are outbox.store.DUE; a test checks that they agree)
        Index(
            "outbox_due",
            "channel",
            "due_at",
            "id",
            sqlite_where=text("status IN ('queued', 'inflight')"),
            postgresql_where=text("status IN ('queued', 'inflight')"),
        ),
        Index("outbox_recipient", "channel", "address", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    channel: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(320))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    message_id: Mapped[str | None] = mapped_column(String(998), index=True)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[dt.datetime]
    not_after: Mapped[dt.datetime | None]
    lease_until: Mapped[dt.datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    broadcast_id: Mapped[int | None] = mapped_column(Integer, index=True)
    identity_id: Mapped[int | None] = mapped_column(
        ForeignKey("identities.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime]
    sent_at: Mapped[dt.datetime | None]


class Subscription(Base):
    """Someone's wish about an event's reminders on one identity: all of them (`moment` "*") or
    one moment's ("deadline:camera-ready"). Registered attendees get the event's reminders
    without a row; a row with `stopped_at` set stops them (and, for "*", the event's broadcasts
    to that identity too)."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("identity_id", "event_id", "moment"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    identity_id: Mapped[int] = mapped_column(
        ForeignKey("identities.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[str] = mapped_column(String(128), index=True)
    moment: Mapped[str] = mapped_column(String(200), default="*")
    created_at: Mapped[dt.datetime]
    stopped_at: Mapped[dt.datetime | None]


class Broadcast(Base):
    """An organisers' announcement to a segment of an event's attendees. Its rows in the outbox
    are written in chunks, each keyed by broadcast and recipient, so writing them again after a
    crash (`status` still "writing") adds only what is missing."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(128), index=True)
    segment: Mapped[str] = mapped_column(String(32))
    channels: Mapped[list[str]] = mapped_column(JSON)  # ["telegram", "email"]
    subject: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))  # writing, written, cancelled
    created_by: Mapped[str] = mapped_column(String(200))
    due_at: Mapped[dt.datetime]
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime]
    written_at: Mapped[dt.datetime | None]


class TelegramUpdate(Base):
    """A Telegram update handled, kept a fortnight: delivered again, it is not answered again."""

    __tablename__ = "telegram_updates"
    __table_args__ = (Index("telegram_updates_received", "received_at"),)

    key: Mapped[str] = mapped_column(String(120), primary_key=True)  # see channels/telegram/once
    received_at: Mapped[dt.datetime]

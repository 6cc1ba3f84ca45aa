"""The organisers' inbox: the questions the assistant handed off, their answers, and the figures."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..clock import Clock
from ..errors import EventbotError
from ..knowledge.edit import append_qa
from ..storage.database import Database
from ..storage.models import Handoff, Identity, QuestionCount, Registration


@dataclass(frozen=True)
class OpenQuestion:
    id: int
    event_id: str | None
    question: str
    reply: str  # what the assistant answered before handing it off
    asked_at: dt.datetime
    channel: str | None  # where to send the answer; None when the attendee erased their data
    address: str | None
    name: str | None
    identity_id: int | None = None


#: How an answer reaches an attendee on one channel, inside the transaction that records it:
#: (session, the question, the organisers' answer, now) -> whether it is on its way.
Deliver = Callable[[AsyncSession, OpenQuestion, str, dt.datetime], Awaitable[bool]]


@dataclass(frozen=True)
class Figures:
    registrations: dict[str, Counter[str]]  # event -> status -> count
    answered: dict[str, int]
    handed_off: dict[str, int]
    open_questions: int


class Inbox:
    """The organisers' side of the questions handed off. `deliver` says, per channel, how an
    answer reaches the attendee (written to the outbox by that channel's code)."""

    def __init__(
        self, database: Database, clock: Clock, *, deliver: Mapping[str, Deliver] | None = None
    ) -> None:
        self.database = database
        self.clock = clock
        self.deliver: dict[str, Deliver] = dict(deliver or {})

    async def to_forward(self, session: AsyncSession) -> list[OpenQuestion]:
        """In the caller's transaction, the open questions of which no copy was written for the
        organisers yet, oldest first."""
        rows = await session.execute(
            select(Handoff, Identity)
            .outerjoin(Identity, Handoff.identity_id == Identity.id)
            .where(Handoff.answered_at.is_(None), Handoff.notice_chat_id.is_(None))
            .order_by(Handoff.id)
        )
        return [_question(h, i) for h, i in rows.all()]

    async def kept(self, channel: str) -> list[tuple[OpenQuestion, str]]:
        """Answered questions of attendees on `channel`, with the answers: those answered before
        the channel could deliver them are sent from them (each is sent once, by its key)."""
        async with self.database.transaction() as session:
            rows = (
                await session.execute(
                    select(Handoff, Identity)
                    .join(Identity, Handoff.identity_id == Identity.id)
                    .where(Handoff.answer.is_not(None), Identity.channel == channel)
                    .order_by(Handoff.id)
                )
            ).all()
        return [(_question(h, i), h.answer or "") for h, i in rows]

    async def open(self) -> list[OpenQuestion]:
        """The questions no organiser has answered yet, oldest first."""
        return await self._open()

    async def everything(self) -> list[OpenQuestion]:
        """Every handed-off question, answered or not, oldest first."""
        return await self._questions()

    async def _open(self, *conditions: ColumnElement[bool]) -> list[OpenQuestion]:
        return await self._questions(Handoff.answered_at.is_(None), *conditions)

    async def _questions(self, *conditions: ColumnElement[bool]) -> list[OpenQuestion]:
        async with self.database.transaction() as session:
            rows = (
                await session.execute(
                    select(Handoff, Identity)
                    .outerjoin(Identity, Handoff.identity_id == Identity.id)
                    .where(*conditions)
                    .order_by(Handoff.id)
                )
            ).all()
        return [_question(h, i) for h, i in rows]

    async def forwarded(self, session: AsyncSession, question_id: int, chat_id: int) -> None:
        """In the caller's transaction: a copy of the question is on its way to `chat_id`."""
        handoff = await session.get(Handoff, question_id)
        if handoff is not None:
            handoff.notice_chat_id = chat_id

    async def find(
        self,
        *,
        chat_id: int | None = None,
        message_id: int | None = None,
        question_id: int | None = None,
    ) -> OpenQuestion | None:
        """The question an organiser answers, by the copy they replied to or by its number."""
        condition = (
            (Handoff.id == question_id)
            if question_id is not None
            else ((Handoff.notice_chat_id == chat_id) & (Handoff.notice_message_id == message_id))
        )
        found = await self._open(condition)
        return found[0] if found else None

    async def answered(self, question_id: int) -> tuple[str | None, str, str] | None:
        """(event, question, answer) of a question the organisers answered; None if not answered."""
        async with self.database.transaction() as session:
            handoff = await session.get(Handoff, question_id)
        if handoff is None or not handoff.answer:
            return None
        return handoff.event_id, handoff.question, handoff.answer

    async def answer(self, question_id: int, answer: str) -> bool:
        """Record the organisers' answer and send it on the attendee's channel when it can be
        sent from here; returns whether it is on its way (else it is kept)."""
        async with self.database.transaction() as session:
            return await self.answer_in(session, question_id, answer, now=self.clock.now())

    async def answer_in(
        self, session: AsyncSession, question_id: int, answer: str, *, now: dt.datetime
    ) -> bool:
        """`answer` inside the caller's transaction (an organiser's mail is recorded in it)."""
        handoff = await session.get(Handoff, question_id)
        if handoff is None:
            raise EventbotError(f"there is no question #{question_id}")
        handoff.answer = answer
        handoff.answered_at = now
        identity = await session.get(Identity, handoff.identity_id) if handoff.identity_id else None
        if identity is None:
            return False
        deliver = self.deliver.get(identity.channel)
        if deliver is None:
            return False
        return await deliver(session, _question(handoff, identity), answer, now)

    async def figures(self) -> Figures:
        async with self.database.transaction() as session:
            registrations: dict[str, Counter[str]] = {}
            for event_id, status, count in (
                await session.execute(
                    select(Registration.event_id, Registration.status, func.count()).group_by(
                        Registration.event_id, Registration.status
                    )
                )
            ).all():
                registrations.setdefault(event_id, Counter())[status] = count
            counts = (await session.scalars(select(QuestionCount))).all()
            open_questions = (
                await session.scalar(
                    select(func.count()).select_from(Handoff).where(Handoff.answered_at.is_(None))
                )
                or 0
            )
        return Figures(
            registrations,
            {c.event_id: c.answered for c in counts},
            {c.event_id: c.handed_off for c in counts},
            open_questions,
        )

    async def save_as_qa(self, question_id: int, events_dir: Path) -> tuple[str, str]:
        """Keep an organiser's answer as a `[[qa]]` entry of its event's file, so that the
        assistant answers the question itself from then on; returns (event id, question)."""
        answered = await self.answered(question_id)
        if answered is None or answered[0] is None:
            raise EventbotError("there is no answer to save for that question")
        event_id = answered[0]  # a str now: the check above narrowed it
        _, question, answer = answered
        path = events_dir / f"{event_id}.toml"
        if not path.is_file():
            raise EventbotError(f"the event file {path} is gone")
        append_qa(path, question, answer)
        return event_id, question


def _question(handoff: Handoff, identity: Identity | None) -> OpenQuestion:
    return OpenQuestion(
        handoff.id,
        handoff.event_id,
        handoff.question,
        handoff.reply,
        handoff.created_at,
        identity.channel if identity else None,
        identity.address if identity else None,
        identity.name if identity else None,
        identity.id if identity else None,
    )

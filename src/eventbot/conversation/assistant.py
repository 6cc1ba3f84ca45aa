"""The assistant: one message from one attendee on one channel, answered, with everything stored.

Each message is one database transaction: the attendee's identity and conversation state are
loaded, the turn is taken (`turn.py`), and the new state is saved. A restart between two
messages loses nothing, and the same conversation goes on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..clock import Clock
from ..engine import Engine, Outcome, State
from ..engine.intents import ACTIONS, SOCIAL, Intent
from ..knowledge import Event
from ..registration.desk import RegistrationDesk, Status
from ..storage.database import Database, rowcount
from ..storage.models import Attendee, Handoff, Identity, QuestionCount, Registration
from .turn import Turn


@dataclass(frozen=True)
class Answered:
    """What `Assistant.answer` did: the outcome, whose identity it was (None once erased), and
    the hand-off it recorded, if any."""

    outcome: Outcome
    identity_id: int | None
    handoff_id: int | None


@dataclass(frozen=True)
class Sender:
    """Who wrote: a channel and their address on it ("telegram", "12345"; "email", "ada@example.org")."""

    channel: str
    address: str


class Assistant:
    """Answers attendees' messages, registers them and keeps their data, on any channel."""

    def __init__(
        self,
        engine: Engine,
        database: Database,
        clock: Clock,
        *,
        offer_hold: dt.timedelta = dt.timedelta(hours=48),
        keep_erased_counts: bool = True,
    ) -> None:
        self.engine = engine
        self.database = database
        self.clock = clock
        self.desk = RegistrationDesk(
            database, engine.events, offer_hold, keep_erased_counts=keep_erased_counts
        )

    def reload(self, events: list[Event]) -> None:
        """Answer from `events` from now on (an organiser's answer was added to an event file)."""
        self.engine = Engine(events, language=self.engine.language)
        self.desk = replace(self.desk, events=self.engine.events)

    async def handle(
        self,
        sender: Sender,
        text: str,
        *,
        choice: str | None = None,
        intent: str | None = None,
        name: str | None = None,
        fresh: bool = False,
        public: bool = False,
        event: str | None = None,
    ) -> Outcome:
        """The answer to one message, in a transaction of its own. `intent` is what a command
        names outright (`/events`); `name` is how the channel shows the sender; `fresh` ignores
        the conversation so far (`eventbot ask`); `public` (a group chat) answers questions but
        refuses anything personal; `event` is the event the channel knows the message is about
        (the address an email was sent to)."""
        async with self.database.transaction() as session:
            answered = await self.answer(
                session,
                sender,
                text,
                choice=choice,
                intent=intent,
                name=name,
                fresh=fresh,
                public=public,
                event=event,
            )
        return answered.outcome

    async def answer(
        self,
        session: AsyncSession,
        sender: Sender,
        text: str,
        *,
        choice: str | None = None,
        intent: str | None = None,
        name: str | None = None,
        fresh: bool = False,
        public: bool = False,
        event: str | None = None,
        ids: bool = False,
        zone: dt.tzinfo | None = None,
    ) -> Answered:
        """`handle` inside the caller's transaction, so that a channel can record what came in
        and write the reply to the outbox in the same one; with `ids`, the identity's id is
        known even for someone new; `zone` is the sender's, when the channel knows it."""
        now = self.clock.now()
        identity, may_have_offer = await self._identity(session, sender, now)
        identity.active = True
        if name:
            identity.name = name[:200]
        state = State() if fresh or public else State.from_dict(identity.state or {})
        if event in self.engine.events and not state.form:
            state.event = event
        turn = Turn(
            self.engine,
            self.desk,
            session,
            identity,
            now,
            public=public,
            may_have_offer=may_have_offer,
            channel=sender.channel,
            zone=zone,
        )
        outcome = await turn.answer(state, text, choice, intent)
        if turn.forgotten:
            return Answered(outcome, None, None)
        identity.state = outcome.state.to_dict()
        identity.updated_at = now
        await self._count(session, outcome)
        handoff = None
        if outcome.handoff:
            await session.flush()  # the identity's id
            handoff = Handoff(
                event_id=outcome.event,
                identity_id=identity.id,
                question=text,
                reply="\n\n".join(r.text for r in outcome.replies),
                created_at=now,
            )
            session.add(handoff)
        if handoff is not None or ids:
            await session.flush()  # a new identity is inserted with its final state
        return Answered(outcome, identity.id, handoff.id if handoff else None)

    async def hand_off(self, sender: Sender, asked: list[tuple[str, Outcome]]) -> None:
        """Keep for the organisers the questions answered outside a conversation (`eventbot ask`)
        that the knowledge base could not answer: one transaction for all of them."""
        handed_off = [(question, outcome) for question, outcome in asked if outcome.handoff]
        if not handed_off:
            return
        now = self.clock.now()
        async with self.database.transaction() as session:
            identity, _ = await self._identity(session, sender, now)
            await session.flush()
            for question, outcome in handed_off:
                session.add(
                    Handoff(
                        event_id=outcome.event,
                        identity_id=identity.id,
                        question=question,
                        reply="\n\n".join(r.text for r in outcome.replies),
                        created_at=now,
                    )
                )

    async def event_of(self, sender: Sender) -> str | None:
        """The event the sender's conversation is about, if any."""
        async with self.database.transaction() as session:
            state = await session.scalar(
                select(Identity.state).where(
                    Identity.channel == sender.channel, Identity.address == sender.address
                )
            )
        return (state or {}).get("event")

    async def mark_inactive(self, sender: Sender) -> None:
        """The sender blocked us: nothing more is sent to them until they write again."""
        await mark_inactive(self.database, sender)

    @staticmethod
    async def _count(session: AsyncSession, outcome: Outcome) -> None:
        """One more question answered, or handed off, for /stats: one statement once the row exists."""
        asked = [i for i in outcome.intents if i not in SOCIAL | ACTIONS | {Intent.REGISTER}]
        if not asked or outcome.event is None:
            return
        column = QuestionCount.handed_off if outcome.handoff else QuestionCount.answered
        done = await session.execute(
            update(QuestionCount)
            .where(QuestionCount.event_id == outcome.event)
            .values({column: column + 1})
            .execution_options(synchronize_session=False)
        )
        if rowcount(done) == 0:
            session.add(
                QuestionCount(
                    event_id=outcome.event,
                    answered=int(not outcome.handoff),
                    handed_off=int(outcome.handoff),
                )
            )

    async def _identity(
        self, session: AsyncSession, sender: Sender, now: dt.datetime
    ) -> tuple[Identity, bool]:
        """The sender's identity, and whether a place may be offered to them (they wait for one, or
        hold an offer). Someone new is a new attendee, unless they write from an email address they
        registered with elsewhere."""
        offered = exists().where(
            Registration.attendee_id == Identity.attendee_id,
            Registration.status.in_((Status.OFFERED, Status.WAITLISTED)),
        )
        row = (
            await session.execute(
                select(Identity, offered).where(
                    Identity.channel == sender.channel, Identity.address == sender.address
                )
            )
        ).first()
        if row is not None:
            return row[0], row[1]
        attendee = None
        if sender.channel == "email":
            registered = (
                await session.scalars(
                    select(Registration)
                    .where(Registration.email == sender.address.lower())
                    .order_by(Registration.id.desc())
                )
            ).first()
            attendee = await session.get(Attendee, registered.attendee_id) if registered else None
        identity = Identity(
            attendee=attendee or Attendee(created_at=now),
            channel=sender.channel,
            address=sender.address,
            state={},
            updated_at=now,
        )
        session.add(
            identity
        )  # inserted with its final state at commit, or earlier if a query needs it
        return identity, attendee is not None


async def mark_inactive(database: Database, sender: Sender) -> None:
    """Someone who blocked the bot, or whose address bounces: nothing more is sent to them
    until they write again."""
    async with database.transaction() as session:
        result = await session.execute(
            update(Identity)
            .where(Identity.channel == sender.channel, Identity.address == sender.address)
            .values(active=False)
        )
        if rowcount(result) or sender.channel != "email":
            return
        # an address known only from a registration (imported, or given in the form): kept as
        # an inactive identity of that attendee, so that nothing more is planned for it
        attendee_id = await session.scalar(
            select(Registration.attendee_id)
            .where(Registration.email == sender.address)
            .order_by(Registration.id.desc())
            .limit(1)
        )
        if attendee_id is not None:
            session.add(
                Identity(
                    attendee_id=attendee_id,
                    channel=sender.channel,
                    address=sender.address,
                    state={},
                    active=False,
                    updated_at=dt.datetime.now(dt.UTC),
                )
            )

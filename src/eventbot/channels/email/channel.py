"""The email channel: mail read from the contact mailbox over IMAP, answered by the assistant,
the reply written to the outbox in the same transaction; only then is the mail flagged.

    IMAP ──fetch (PEEK)──> record the mail ─┬─ a machine wrote it, our own, over the limit: ignored
                           (one transaction) ├─ a delivery report: the address is undeliverable
                                             ├─ an organiser's answer: to the attendee, in thread
                                             └─ the assistant answers ──> outbox (reply, copy)
                 <──flag or move── after the commit; the dispatcher sends the outbox
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from ...config import EmailSettings
from ...conversation import Assistant, Sender
from ...engine import Choice, Outcome
from ...errors import ChannelError
from ...knowledge import Event
from ...knowledge.calendar import event_calendar
from ...organisers import Inbox
from ...outbox import Outbox, Outgoing
from ...storage.mail import MailLog, MailStatus, Position
from .delivery import MailDelivery
from .mailbox import Backoff, FetchedMail, Mailbox
from .reading import Mail, is_own, read_mail
from .replies import chosen, reply_text
from .writing import message_id

log = logging.getLogger(__name__)

CHANNEL = "email"
BATCH = 50  # mails fetched at a time


@dataclass(frozen=True)
class Thread:
    """What our earlier mail in a thread tells about a reply to it."""

    event: str | None
    choices: tuple[Choice, ...]
    handoff_id: int | None  # set when it was a question forwarded to the organisers


class EmailChannel:
    """Attendees and organisers by mail, through one IMAP connection and the outbox."""

    def __init__(
        self,
        assistant: Assistant,
        settings: EmailSettings,
        outbox: Outbox,
        *,
        inbox: Inbox | None = None,
        mailbox: Mailbox | None = None,
        queued: Callable[[], None] = lambda: None,
        backoff: Backoff | None = None,
    ) -> None:
        self.assistant = assistant
        self.settings = settings
        self.outbox = outbox
        self.mailbox = mailbox or Mailbox(settings)
        self.queued = queued  # wakes the dispatcher once a reply is committed
        self.backoff = backoff or Backoff()
        self.log = MailLog()
        self.inbox = inbox or Inbox(assistant.database, assistant.clock)
        self.delivery = MailDelivery(
            settings, outbox, assistant.engine.phrases, assistant.engine.events
        )
        self.inbox.deliver.setdefault(CHANNEL, self.delivery.answer)
        account = settings.username or settings.address
        self.name = f"{account}@{settings.imap_host}/{settings.folder}"

    # -- running ----------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event) -> None:
        """Read and answer mail until `stop` is set; a lost connection is opened again, later
        and later, and nothing read before the loss is answered twice."""
        delays = self.backoff.delays()
        await self.catch_up()
        try:
            while not stop.is_set():
                try:
                    await self._serve(stop)
                except ChannelError as exc:
                    delay = next(delays)
                    log.warning("email: %s; trying again in %.0f s", exc, delay)
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(stop.wait(), delay)
                    continue
                delays = self.backoff.delays()
        finally:
            with contextlib.suppress(ChannelError):
                await self.mailbox.close()

    async def _serve(self, stop: asyncio.Event) -> None:
        await self.mailbox.connect()
        uidvalidity = await self.mailbox.select(self.settings.folder)
        while not stop.is_set():
            await self.read_new(uidvalidity)
            waiting = asyncio.create_task(self.mailbox.wait(self.settings.poll_seconds))
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({waiting, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if not waiting.done():
                waiting.cancel()
                with contextlib.suppress(asyncio.CancelledError, ChannelError):
                    await waiting
                return
            waiting.result()  # a lost connection raises here

    async def read_new(self, uidvalidity: int) -> int:
        """Answer every mail that came since the last one handled; returns how many were read."""
        async with self.assistant.database.transaction() as session:
            position = await self.log.position(session, self.name)
        after = position.last_uid if position and position.uidvalidity == uidvalidity else 0
        count = 0
        while True:
            batch = await self.mailbox.fetch_new(after, limit=BATCH)
            if not batch:
                return count
            for fetched in batch:
                await self.take(uidvalidity, fetched)
                await self.mailbox.mark_handled(fetched.uid)
                after = fetched.uid
                count += 1
            # a crash before this line reads the batch again, and each mail is known by its record
            async with self.assistant.database.transaction() as session:
                now = self.assistant.clock.now()
                await self.log.advance(session, self.name, Position(uidvalidity, after), now=now)

    async def catch_up(self) -> None:
        """What is owed from before: answers the organisers gave while mail could not be sent,
        and a copy by mail of every open question asked by mail (each written once, by key)."""
        now = self.assistant.clock.now()
        kept = await self.inbox.kept(CHANNEL)
        open_questions = await self.inbox.open() if self.settings.organiser_address else []
        async with self.assistant.database.transaction() as session:
            for question, answer in kept:
                await self.delivery.answer(session, question, answer, now)
            for question in open_questions:
                if question.channel == CHANNEL:
                    await self._to_organisers(
                        session,
                        question.id,
                        who=_who(question.name, question.address or ""),
                        question=question.question,
                        reply=question.reply,
                        event_id=question.event_id,
                        now=now,
                    )
        if kept or open_questions:
            self.queued()

    # -- one mail -----------------------------------------------------------------------------

    async def take(self, uidvalidity: int, fetched: FetchedMail) -> MailStatus | None:
        """Record one mail and do what it asks, in one transaction; None when it was handled
        before (read again after a crash, or under a new UIDVALIDITY)."""
        now = self.assistant.clock.now()
        mail = read_mail(fetched.raw) if fetched.raw is not None else None
        sender = mail.sender.address.lower() if mail and mail.sender else None
        async with self.assistant.database.transaction() as session:
            mail_id = await self.log.record(
                session,
                mailbox=self.name,
                uidvalidity=uidvalidity,
                uid=fetched.uid,
                message_id=_identity_of(mail, fetched),
                sender=sender,
                now=now,
            )
            if mail_id is None:
                return None
            status, reason = await self._handle(session, mail_id, mail, fetched, now)
            await self.log.settle(session, mail_id, status, reason=reason)
        if status in (MailStatus.ANSWERED, MailStatus.ANSWER):
            self.queued()
        log.info(
            "email: mail %s from %s: %s%s",
            fetched.uid,
            sender,
            status,
            f" ({reason})" if reason else "",
        )
        return status

    async def _handle(
        self,
        session: AsyncSession,
        mail_id: int,
        mail: Mail | None,
        fetched: FetchedMail,
        now: dt.datetime,
    ) -> tuple[MailStatus, str | None]:
        if mail is None:
            return MailStatus.SET_ASIDE, f"too large to read ({fetched.size} bytes)"
        if mail.bounce is not None:
            for address in mail.bounce.failed_recipients:
                await self.log.undeliverable(session, address)
            return MailStatus.BOUNCE, ", ".join(mail.bounce.failed_recipients) or None
        if mail.automatic is not None:
            return MailStatus.IGNORED, f"written by a machine: {mail.automatic}"
        ours = {self.settings.address.lower(), *self.settings.event_addresses}
        if is_own(mail, addresses=ours, domain=self.settings.domain):
            return MailStatus.IGNORED, "our own mail"
        if mail.sender is None or "@" not in mail.sender.address:
            return MailStatus.IGNORED, "no sender to answer"
        thread = await self._thread(session, mail)
        if self._from_organiser(mail) and thread is not None and thread.handoff_id is not None:
            return await self._organiser_answer(session, mail, thread.handoff_id, now)
        sent = await self.outbox.sent_recently(
            session,
            channel=CHANNEL,
            address=mail.sender.address.lower(),
            kind="reply",
            since=now - dt.timedelta(hours=1),
        )
        if sent >= self.settings.replies_per_sender_per_hour:
            return MailStatus.IGNORED, f"{sent} replies to this sender in the last hour"
        await self._answer(session, mail_id, mail, thread, now)
        return MailStatus.ANSWERED, None

    async def _answer(
        self,
        session: AsyncSession,
        mail_id: int,
        mail: Mail,
        thread: Thread | None,
        now: dt.datetime,
    ) -> None:
        assert mail.sender is not None  # checked by _handle
        engine = self.assistant.engine
        text = question_text(mail, is_small_talk=engine.is_small_talk)
        answered = await self.assistant.answer(
            session,
            Sender(CHANNEL, mail.sender.address.lower()),
            text,
            choice=chosen(text, thread.choices) if thread else None,
            name=mail.sender.name or None,
            event=self._event_written_to(mail) or (thread.event if thread else None),
            ids=True,
            # "in my time": the Date header's offset; +0000 and "-0000" (zone unknown) tell none
            zone=mail.date.tzinfo if mail.date and mail.date.utcoffset() else None,
        )
        outcome = answered.outcome
        event = engine.events.get(outcome.event) if outcome.event else None
        phrases = engine.phrases_for(outcome.state)  # the language they wrote in
        key = f"email-reply:{mail_id}"
        await self.outbox.enqueue(
            session,
            Outgoing(
                key=key,
                channel=CHANNEL,
                address=mail.sender.address.lower(),
                kind="reply",
                payload={
                    "to_name": mail.sender.name,
                    "subject": mail.subject
                    or phrases.say("email_subject", e=event and event.label),
                    "text": reply_text(
                        outcome,
                        phrases,
                        name=mail.sender.name,
                        event_label=event.label if event else None,
                    ),
                    "in_reply_to": mail.message_id,
                    "references": list(mail.references),
                    "event": outcome.event,
                    "choices": [[c.label, c.value] for r in outcome.replies for c in r.choices],
                    "attachments": _calendar(outcome, engine.events),
                },
                message_id=message_id(key, domain=self.settings.domain),
                identity_id=answered.identity_id,
                due_at=now,
            ),
            now=now,
        )
        if answered.handoff_id is not None:
            await self._to_organisers(
                session,
                answered.handoff_id,
                who=_who(mail.sender.name, mail.sender.address),
                question=mail.body.strip() or mail.subject,
                reply="\n\n".join(r.text for r in outcome.replies),
                event_id=outcome.event,
                now=now,
            )

    async def _to_organisers(
        self,
        session: AsyncSession,
        handoff_id: int,
        *,
        who: str,
        question: str,
        reply: str,
        event_id: str | None,
        now: dt.datetime,
    ) -> None:
        """A copy of a handed-off question for the organisers' address: their reply to it
        answers the attendee."""
        if not self.settings.organiser_address:
            return
        phrases = self.assistant.engine.phrases
        event = self.assistant.engine.events.get(event_id or "")
        label = event.label if event else None
        key = f"organiser-copy:{handoff_id}"
        await self.outbox.enqueue(
            session,
            Outgoing(
                key=key,
                channel=CHANNEL,
                address=str(self.settings.organiser_address),
                kind="organiser_copy",
                payload={
                    "subject": phrases.say(
                        "email_organiser_subject", id=handoff_id, e=label, who=who
                    ),
                    "text": phrases.say(
                        "email_organiser_body",
                        id=handoff_id,
                        e=label,
                        who=who,
                        question=question,
                        reply=reply,
                        channel=CHANNEL,
                    ),
                    "handoff_id": handoff_id,
                    "event": event_id,
                },
                message_id=message_id(key, domain=self.settings.domain),
                due_at=now,
            ),
            now=now,
        )

    async def _organiser_answer(
        self, session: AsyncSession, mail: Mail, handoff_id: int, now: dt.datetime
    ) -> tuple[MailStatus, str | None]:
        """An organiser replied to a forwarded question: the answer goes to the attendee."""
        answer = mail.body.strip()
        if not answer:
            return MailStatus.SET_ASIDE, "an organiser's reply with no text"
        delivered = await self.inbox.answer_in(session, handoff_id, answer, now=now)
        return MailStatus.ANSWER, None if delivered else "kept: the attendee cannot be reached"

    # -- where a mail belongs ------------------------------------------------------------------

    async def _thread(self, session: AsyncSession, mail: Mail) -> Thread | None:
        """Our mail this one replies to, found by the Message-IDs it names."""
        ids = [i for i in (mail.in_reply_to, *reversed(mail.references)) if i]
        if not ids:
            return None
        earlier = await self.outbox.by_message_ids(session, ids)
        if earlier is None:
            return None
        payload = earlier.payload
        return Thread(
            event=payload.get("event"),
            choices=tuple(Choice(label, value) for label, value in payload.get("choices", [])),
            handoff_id=payload.get("handoff_id"),
        )

    def _event_written_to(self, mail: Mail) -> str | None:
        """The event of the address the mail was sent to (a plus-address, phrases)."""
        for recipient in mail.recipients:
            event = self.settings.event_addresses.get(recipient.lower())
            if event in self.assistant.engine.events:
                return event
        return None

    def _from_organiser(self, mail: Mail) -> bool:
        organiser = self.settings.organiser_address
        return bool(organiser and mail.sender and mail.sender.address.lower() == organiser.lower())


def question_text(mail: Mail, *, is_small_talk: Callable[[str], bool]) -> str:
    """What the attendee asks: the new text of the mail without the lines that only greet,
    thank or sign (they would be answered too); the subject when the body says nothing."""
    lines = [line.strip() for line in mail.body.splitlines() if line.strip()]
    signed = _signatures(mail)
    while lines and lines[-1].casefold().strip(" ,.-") in signed:
        lines.pop()
    asked = [line for line in lines if not is_small_talk(line)]
    if asked:
        return "\n".join(asked)
    if lines:
        return "\n".join(lines)
    return mail.subject


def _who(name: str | None, address: str) -> str:
    return f"{name} <{address}>" if name else address


def _signatures(mail: Mail) -> set[str]:
    """How the sender may sign: their name, or a part of it ("Ada")."""
    name = (mail.sender.name if mail.sender else "").casefold().strip()
    return {name, *name.split()} - {""}


def _identity_of(mail: Mail | None, fetched: FetchedMail) -> str | None:
    """The mail's Message-ID; one made from its content when it has none, so that the same mail
    fetched again is still recognised."""
    if mail is None:
        return None
    if mail.message_id:
        return mail.message_id
    digest = hashlib.sha256(fetched.raw or b"").hexdigest()[:40]
    return f"<{digest}@no-message-id>"


def _calendar(outcome: Outcome, events: dict[str, Event]) -> list[dict[str, str]]:
    """The .ics of the event a registration was confirmed for, as an attachment."""
    event = events.get(outcome.calendar or "")
    if event is None:
        return []
    ics = event_calendar(event)
    if ics is None:
        return []
    return [
        {
            "filename": f"{outcome.calendar}.ics",
            "content_type": "text/calendar",
            "data": base64.b64encode(ics).decode("ascii"),
        }
    ]
